import {
  CASE_CATEGORIES,
  CASE_PRIORITIES,
  type CaseAssigneeList,
  type CaseCategory,
  type CaseDetail,
  type CasePriority,
  type CaseStatus,
  type IncidentPage,
} from '@homeward/shared';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { useApi } from '../../lib/use-api.hook.ts';
import { useSessionUser } from '../auth/session.context.tsx';
import { CaseDialog } from './case-dialog.component.tsx';
import { CASE_CATEGORY_KEYS, escalateCase, mergeCase, transitionCase, updateCase } from './cases.api.ts';
import type { Words } from './said.hook.ts';

/** Runs a change on the case with its current version; throws the message to show (conflicts included). */
export type RunChange = (change: (version: number) => Promise<unknown>, done?: Words) => Promise<void>;

const CASE_NUMBER = /^HW-\d{4}-\d{6}$/;

function isReopen(from: CaseStatus, to: CaseStatus): boolean {
  return (from === 'resolved' || from === 'closed') && to === 'in_progress';
}

/** Closing a case nobody accepted: the server wants to know why. */
function isDismissal(from: CaseStatus, to: CaseStatus): boolean {
  return to === 'closed' && (from === 'new' || from === 'triaged');
}

/** The reason dialog's words for a transition that asks for one (decision 0011: reopen, resolve, dismiss). */
function reasonWords(from: CaseStatus, to: CaseStatus) {
  if (isReopen(from, to))
    return {
      title: 'cases.transition.reopenTitle',
      hint: 'cases.transition.reopenHint',
      confirm: 'cases.transition.reopen',
    } as const;
  if (isDismissal(from, to))
    return {
      title: 'cases.transition.dismissTitle',
      hint: 'cases.transition.dismissHint',
      confirm: 'cases.transition.closed',
    } as const;
  return {
    title: 'cases.transition.resolveTitle',
    hint: 'cases.transition.resolveHint',
    confirm: 'cases.transition.resolved',
  } as const;
}

type Open =
  | { kind: 'transition'; to: CaseStatus }
  | { kind: 'escalate' }
  | { kind: 'merge'; intoNumber: string }
  | null;

/** What an officer can do to the case: move it on, assign it, re-prioritise, link an incident, escalate, merge. */
export function CaseActions({ detail, run }: { detail: CaseDetail; run: RunChange }) {
  const { t } = useTranslation();
  const kase = detail.case;
  const [open, setOpen] = useState<Open>(null);
  const [error, setError] = useState<string | null>(null);

  const act = async (change: (version: number) => Promise<unknown>, done: Words) => {
    setError(null);
    try {
      await run(change, done);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : t('errors.network'));
    }
  };
  const transition = (to: CaseStatus) => {
    if (to === 'resolved' || isReopen(kase.status, to) || isDismissal(kase.status, to))
      setOpen({ kind: 'transition', to });
    else
      void act(
        (version) => transitionCase(kase.id, { to, version }),
        () => t('cases.actions.moved'),
      );
  };

  return (
    <section className="case-actions" aria-labelledby="case-actions-title">
      <h2 id="case-actions-title" className="case-side__title">
        {t('cases.actions.title')}
      </h2>
      {error ? (
        <p className="error-message" role="alert">
          <span className="visually-hidden">{t('errors.prefix')}</span>
          {error}
        </p>
      ) : null}
      {detail.allowedTransitions.length > 0 ? (
        <div className="case-actions__group">
          <h3 className="case-actions__label">{t('cases.actions.move')}</h3>
          <div className="button-group">
            {detail.allowedTransitions.map((to) => (
              <button
                key={to}
                type="button"
                className={to === 'closed' ? 'button button--secondary' : 'button'}
                onClick={() => transition(to)}
              >
                {isReopen(kase.status, to) ? t('cases.transition.reopen') : t(`cases.transition.${to}`)}
              </button>
            ))}
          </div>
        </div>
      ) : null}
      <AssignForm detail={detail} run={run} />
      <PriorityForm detail={detail} run={run} />
      <IncidentForm detail={detail} run={run} />
      <div className="case-actions__group">
        <h3 className="case-actions__label">{t('cases.actions.more')}</h3>
        <div className="button-group">
          {kase.escalationLevel < 2 ? (
            <button type="button" className="button button--warning" onClick={() => setOpen({ kind: 'escalate' })}>
              {t('cases.escalate.open')}
            </button>
          ) : null}
        </div>
        {kase.mergedIntoId ? null : <MergeForm onMerge={(intoNumber) => setOpen({ kind: 'merge', intoNumber })} />}
      </div>

      {open?.kind === 'transition' ? (
        <CaseDialog
          title={t(reasonWords(kase.status, open.to).title, { number: kase.number })}
          reason={{
            label: t('cases.transition.reason'),
            hint: t(reasonWords(kase.status, open.to).hint),
            required: true,
          }}
          confirmLabel={t(reasonWords(kase.status, open.to).confirm)}
          onConfirm={(reason) =>
            run(
              (version) => transitionCase(kase.id, { to: open.to, version, reason }),
              () => t('cases.actions.moved'),
            )
          }
          onClose={() => setOpen(null)}
        />
      ) : null}
      {open?.kind === 'escalate' ? (
        <CaseDialog
          title={t('cases.escalate.title', { number: kase.number })}
          reason={{ label: t('cases.escalate.reason'), hint: t('cases.escalate.hint'), required: true }}
          confirmLabel={t('cases.escalate.confirm')}
          onConfirm={(reason) =>
            run(
              (version) => escalateCase(kase.id, { version, reason }),
              () => t('cases.escalate.done'),
            )
          }
          onClose={() => setOpen(null)}
        />
      ) : null}
      {open?.kind === 'merge' ? (
        <CaseDialog
          title={t('cases.merge.title', { from: kase.number, into: open.intoNumber })}
          confirmLabel={t('cases.merge.confirm', { from: kase.number, into: open.intoNumber })}
          onConfirm={() =>
            run(
              (version) => mergeCase(kase.id, { version, intoNumber: open.intoNumber }),
              () => t('cases.merge.done', { into: open.intoNumber }),
            )
          }
          onClose={() => setOpen(null)}
        >
          <p>{t('cases.merge.explain', { from: kase.number, into: open.intoNumber })}</p>
        </CaseDialog>
      ) : null}
    </section>
  );
}

/** The officers of the case's mission, for HQ (who may list staff); others can take the case themselves. */
function AssignForm({ detail, run }: { detail: CaseDetail; run: RunChange }) {
  const { t } = useTranslation();
  const user = useSessionUser();
  const kase = detail.case;
  // HQ and the mission's officers and head pick among the mission's active officers and head.
  const canAssign = user.role === 'hq_admin' || user.role === 'consular_officer' || user.role === 'mission_head';
  const assignees = useApi<CaseAssigneeList>(
    canAssign ? `/api/v1/cases/${encodeURIComponent(kase.id)}/assignees` : null,
  );
  const officers = assignees.data?.items ?? [];
  const [draft, setChoice] = useState<string | null>(null);
  const choice = draft ?? kase.assignedTo?.id ?? '';
  const [error, setError] = useState<string | null>(null);
  const servesMission = user.missions.includes(kase.missionCode);

  const assign = async (userId: string | null) => {
    setError(null);
    try {
      await run(
        (version) => updateCase(kase.id, { version, assignedTo: userId }),
        () => t('cases.assign.done'),
      );
      setChoice(null);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : t('errors.network'));
    }
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void assign(choice || null);
  };

  // Nothing to choose from and nothing to take: no heading over an empty space.
  if (officers.length === 0 && (!servesMission || kase.assignedTo?.id === user.id)) return null;
  return (
    <div className="case-actions__group">
      <h3 className="case-actions__label">{t('cases.assign.title')}</h3>
      {error ? (
        <p className="error-message" role="alert">
          <span className="visually-hidden">{t('errors.prefix')}</span>
          {error}
        </p>
      ) : null}
      {officers.length > 0 ? (
        <form onSubmit={onSubmit} className="case-inline-form">
          <div className="form-group">
            <label className="label" htmlFor="case-assignee">
              {t('cases.assign.officer')}
            </label>
            <select
              id="case-assignee"
              className="select"
              value={choice}
              onChange={(event) => setChoice(event.target.value)}
            >
              <option value="">{t('cases.unassigned')}</option>
              {officers.map((officer) => (
                <option key={officer.id} value={officer.id}>
                  {officer.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button button--secondary">
            {t('cases.assign.submit')}
          </button>
        </form>
      ) : null}
      {servesMission && kase.assignedTo?.id !== user.id ? (
        <button type="button" className="button button--secondary" onClick={() => void assign(user.id)}>
          {t('cases.assign.me')}
        </button>
      ) : null}
    </div>
  );
}

function PriorityForm({ detail, run }: { detail: CaseDetail; run: RunChange }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const kase = detail.case;
  // Only what the officer touched is a draft; the rest follows the case, so a colleague's newer value shows
  // after a conflict and is never sent back over theirs.
  const [priorityDraft, setPriority] = useState<CasePriority | null>(null);
  const [categoryDraft, setCategory] = useState<CaseCategory | null>(null);
  const priority = priorityDraft ?? kase.priority;
  const category = categoryDraft ?? kase.category;
  const [error, setError] = useState<string | null>(null);
  const changed = priority !== kase.priority || category !== kase.category;
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!changed) return;
    setError(null);
    try {
      await run(
        (version) =>
          updateCase(kase.id, {
            version,
            ...(priority !== kase.priority ? { priority } : {}),
            ...(category !== kase.category ? { category } : {}),
          }),
        () => t('cases.priorityForm.done'),
      );
      setPriority(null);
      setCategory(null);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : t('errors.network'));
    }
  };
  return (
    <form className="case-actions__group" onSubmit={onSubmit}>
      <h3 className="case-actions__label">{t('cases.priorityForm.title')}</h3>
      {error ? (
        <p className="error-message" role="alert">
          <span className="visually-hidden">{t('errors.prefix')}</span>
          {error}
        </p>
      ) : null}
      <div className="case-inline-form">
        <div className="form-group">
          <label className="label" htmlFor="case-edit-priority">
            {t('cases.columns.priority')}
          </label>
          <select
            id="case-edit-priority"
            className="select"
            value={priority}
            onChange={(event) => setPriority(event.target.value as CasePriority)}
          >
            {CASE_PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t(`cases.priority.${p}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <label className="label" htmlFor="case-edit-category">
            {t('cases.columns.category')}
          </label>
          <select
            id="case-edit-category"
            className="select"
            value={category}
            onChange={(event) => setCategory(event.target.value as CaseCategory)}
          >
            {CASE_CATEGORY_KEYS.map((key) => (
              <option key={key} value={key}>
                {CASE_CATEGORIES[key][locale]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--secondary" aria-disabled={!changed}>
          {t('cases.priorityForm.submit')}
        </button>
      </div>
    </form>
  );
}

function IncidentForm({ detail, run }: { detail: CaseDetail; run: RunChange }) {
  const { t } = useTranslation();
  const kase = detail.case;
  const incidents = useApi<IncidentPage>('/api/v1/incidents?pageSize=100');
  const [draft, setChoice] = useState<string | null>(null);
  const choice = draft ?? kase.incidentId ?? '';
  const [error, setError] = useState<string | null>(null);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (choice === (kase.incidentId ?? '')) return;
    setError(null);
    try {
      await run(
        (version) => updateCase(kase.id, { version, incidentId: choice || null }),
        () => t('cases.incident.done'),
      );
      setChoice(null);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : t('errors.network'));
    }
  };
  const items = incidents.data?.items ?? [];
  if (items.length === 0 && !kase.incidentId) return null;
  return (
    <form className="case-actions__group" onSubmit={onSubmit}>
      <h3 className="case-actions__label">{t('cases.incident.title')}</h3>
      {error ? (
        <p className="error-message" role="alert">
          <span className="visually-hidden">{t('errors.prefix')}</span>
          {error}
        </p>
      ) : null}
      <div className="case-inline-form">
        <div className="form-group">
          <label className="label" htmlFor="case-edit-incident">
            {t('cases.columns.incident')}
          </label>
          <select
            id="case-edit-incident"
            className="select"
            value={choice}
            onChange={(event) => setChoice(event.target.value)}
          >
            <option value="">{t('cases.incident.none')}</option>
            {items.map((incident) => (
              <option key={incident.id} value={incident.id}>
                {incident.title}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--secondary">
          {t('cases.incident.submit')}
        </button>
      </div>
    </form>
  );
}

/** "Merge into HW-…": the number is checked here first, then the dialog names both cases before anything happens. */
function MergeForm({ onMerge }: { onMerge: (intoNumber: string) => void }) {
  const { t } = useTranslation();
  const [number, setNumber] = useState('');
  const [error, setError] = useState<string | null>(null);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const value = number.trim().toUpperCase();
    if (!CASE_NUMBER.test(value)) {
      setError(t('cases.merge.numberInvalid'));
      return;
    }
    setError(null);
    onMerge(value);
  };
  return (
    <form onSubmit={onSubmit} noValidate className="case-inline-form">
      <div className={error ? 'form-group form-group--error' : 'form-group'}>
        <label className="label" htmlFor="case-merge-into">
          {t('cases.merge.label')}
        </label>
        <p className="hint" id="case-merge-into-hint">
          {t('cases.merge.hint')}
        </p>
        {error ? (
          <p className="error-message" id="case-merge-into-error">
            <span className="visually-hidden">{t('errors.prefix')}</span>
            {error}
          </p>
        ) : null}
        <input
          id="case-merge-into"
          className={error ? 'input input--error' : 'input'}
          autoComplete="off"
          spellCheck={false}
          aria-describedby={error ? 'case-merge-into-hint case-merge-into-error' : 'case-merge-into-hint'}
          aria-invalid={error ? true : undefined}
          value={number}
          onChange={(event) => setNumber(event.target.value)}
        />
      </div>
      <button type="submit" className="button button--secondary">
        {t('cases.merge.open')}
      </button>
    </form>
  );
}
