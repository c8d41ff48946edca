import i18next from 'i18next';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { useApi } from '../../lib/use-api.hook.ts';
import { ErrorSummary } from '../auth/error-summary.component.tsx';
import { useFocusHeading } from '../auth/focus-heading.hook.ts';
import { Field, FieldSet } from '../forms/field.component.tsx';
import { errorsFromFailure, type FormError, useFormErrors } from '../forms/form-errors.ts';
import { MissionPicker } from './mission-picker.component.tsx';
import { ResetSecondFactor } from './reset-second-factor.component.tsx';
import {
  SCOPED_ROLES,
  STAFF_ROLE_LIST,
  STAFF_STATUSES,
  type StaffAccount,
  type StaffChange,
  type StaffPage,
  type StaffRole,
  type StaffStatus,
  staffPath,
  toStaffRole,
  updateStaff,
  useAllMissions,
} from './staff.api.ts';

/**
 * Change a colleague's role, missions or status. The account is found by email through the list search (decision
 * 0003 has no single-account read), so the page survives a reload and can be linked to.
 */
export function StaffEditPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const email = params.get('email') ?? '';
  const found = useApi<StaffPage>(email ? staffPath({ q: email, role: '', mission: '', status: '', page: 1 }) : null);
  const account = found.data?.items.find((a) => a.email.toLowerCase() === email.toLowerCase());
  const [saved, setSaved] = useState<StaffAccount | null>(null);

  if (found.status === 'loading' && !found.data && email) {
    return (
      <p className="loading" role="status">
        {t('app.loading')}
      </p>
    );
  }
  if (!account) return <NotFound />;
  const current = saved ?? account;
  return (
    <>
      <Link to="/staff" className="back-link">
        {t('staffForm.back')}
      </Link>
      {saved ? <Saved account={saved} /> : null}
      <EditForm
        key={`${current.id}:${current.role}:${current.status}:${current.missions.join()}`}
        account={current}
        onSaved={setSaved}
      />
      <ResetSecondFactor account={current} />
    </>
  );
}

function NotFound() {
  const { t } = useTranslation();
  useDocumentTitle(t('staffForm.notFoundTitle'));
  return (
    <>
      <h1>{t('staffForm.notFoundTitle')}</h1>
      <p>
        <Link to="/staff">{t('staffForm.back')}</Link>
      </p>
    </>
  );
}

function Saved({ account }: { account: StaffAccount }) {
  const { t } = useTranslation();
  const heading = useFocusHeading<HTMLDivElement>();
  return (
    <div className="panel panel--success" ref={heading} tabIndex={-1} role="status">
      <h2>{t('staffForm.savedTitle')}</h2>
      <p>{t('staffForm.savedText', { name: account.displayName })}</p>
    </div>
  );
}

interface Draft {
  role: StaffRole;
  missions: string[];
  status: StaffStatus;
}

/** The fields that differ, in the order they appear on the form. */
function changesOf(before: Omit<Draft, 'role'> & { role: string }, after: Draft): Omit<StaffChange, 'reason'> {
  const change: Omit<StaffChange, 'reason'> = {};
  if (after.role !== before.role) change.role = after.role;
  const sortedAfter = [...after.missions].sort();
  if (sortedAfter.join() !== [...before.missions].sort().join()) change.missions = sortedAfter;
  if (after.status !== before.status) change.status = after.status;
  return change;
}

function EditForm({ account, onSaved }: { account: StaffAccount; onSaved: (account: StaffAccount) => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const form = useFormErrors();
  const missions = useAllMissions();
  // Staff accounts never hold the citizen role; the fallback only satisfies the narrower request type.
  const [draft, setDraft] = useState<Draft>({
    role: toStaffRole(account.role) ?? 'auditor',
    missions: account.missions,
    status: account.status,
  });
  const [reason, setReason] = useState('');
  const [reviewing, setReviewing] = useState(false);
  const [busy, setBusy] = useState(false);
  useDocumentTitle(
    reviewing ? t('staffForm.reviewTitle') : t('staffForm.editTitle', { name: account.displayName }),
    form.errors.length > 0,
  );
  const scoped = SCOPED_ROLES.includes(draft.role);
  const effective = { ...draft, missions: scoped ? draft.missions : [] };
  const change = changesOf(account, effective);
  const names = useMemo(
    () => new Map((missions.data?.items ?? []).map((m) => [m.code, m.name[locale]])),
    [missions.data, locale],
  );
  const missionList = (codes: string[]) =>
    codes.length === 0
      ? t('app.allMissions')
      : codes.map((c) => names.get(c) ?? c).join(locale === 'zh-CN' ? '、' : ', ');

  const onReview = (event: FormEvent) => {
    event.preventDefault();
    const errors: FormError[] = [];
    if (Object.keys(change).length === 0)
      errors.push({ fieldId: 'role', message: () => i18next.t('staffForm.nothingChanged') });
    if (scoped && draft.missions.length === 0)
      errors.push({ fieldId: 'missions', message: () => i18next.t('staffForm.missionsMissing') });
    if (!reason.trim()) errors.push({ fieldId: 'reason', message: () => i18next.t('staffForm.reasonMissing') });
    form.show(errors);
    if (errors.length === 0) setReviewing(true);
  };

  const onConfirm = async () => {
    if (busy) return;
    setBusy(true);
    try {
      onSaved(await updateStaff(account.id, { ...change, reason: reason.trim() }));
    } catch (error) {
      setReviewing(false);
      form.show(
        errorsFromFailure(
          error,
          { '/role': 'role', '/missions': 'missions', '/status': 'status', '/reason': 'reason' },
          'role',
          t('errors.network'),
        ),
      );
      setBusy(false);
    }
  };

  if (reviewing) {
    const rows: { key: string; label: string; before: string; after: string }[] = [];
    if (change.role)
      rows.push({
        key: 'role',
        label: t('staff.role'),
        before: t(`roles.${account.role}`),
        after: t(`roles.${change.role}`),
      });
    if (change.missions)
      rows.push({
        key: 'missions',
        label: t('staffForm.missions'),
        before: missionList(account.missions),
        after: missionList(change.missions),
      });
    if (change.status)
      rows.push({
        key: 'status',
        label: t('staff.status'),
        before: t(`staff.statuses.${account.status}`),
        after: t(`staff.statuses.${change.status}`),
      });
    return (
      <Review title={t('staffForm.reviewTitle')}>
        <p>{t('staffForm.reviewIntro', { name: account.displayName })}</p>
        <table className="table diff">
          <caption className="visually-hidden">{t('staffForm.diffCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('staffForm.diffField')}</th>
              <th scope="col">{t('staffForm.diffBefore')}</th>
              <th scope="col">{t('staffForm.diffAfter')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.label}</th>
                <td>
                  <del>{row.before}</del>
                </td>
                <td>
                  <ins>{row.after}</ins>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <dl className="summary-list">
          <dt>{t('staffForm.reason')}</dt>
          <dd>{reason.trim()}</dd>
        </dl>
        <div className="warning">
          <p>{t('staffForm.sessionsEnd')}</p>
        </div>
        <div className="button-group">
          <button type="button" className="button" aria-disabled={busy} onClick={onConfirm}>
            {t('staffForm.confirmChange')}
          </button>
          <button type="button" className="link-button" onClick={() => setReviewing(false)}>
            {t('staffForm.backToForm')}
          </button>
        </div>
      </Review>
    );
  }

  return (
    <div className="narrow">
      <ErrorSummary errors={form.errors} version={form.version} />
      <h1>{t('staffForm.editTitle', { name: account.displayName })}</h1>
      <p className="muted">{account.email}</p>
      <form noValidate onSubmit={onReview}>
        <Field id="role" label={t('staff.role')} error={form.errorFor('role')} base="select">
          {(props) => (
            <select
              {...props}
              value={draft.role}
              onChange={(event) => {
                const role = toStaffRole(event.target.value);
                if (role) setDraft({ ...draft, role });
              }}
            >
              {STAFF_ROLE_LIST.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {scoped ? (
          <MissionPicker
            missions={missions.data?.items ?? []}
            selected={draft.missions}
            onChange={(codes) => setDraft({ ...draft, missions: codes })}
            error={form.errorFor('missions')}
          />
        ) : null}
        <FieldSet id="status" legend={t('staff.status')} error={form.errorFor('status')}>
          <div className="radios">
            {STAFF_STATUSES.map((value) => (
              <div key={value} className="checkbox">
                <input
                  id={`status-${value}`}
                  type="radio"
                  name="status"
                  value={value}
                  checked={draft.status === value}
                  onChange={() => setDraft({ ...draft, status: value })}
                />
                <label htmlFor={`status-${value}`}>{t(`staff.statuses.${value}`)}</label>
              </div>
            ))}
          </div>
        </FieldSet>
        <Field
          id="reason"
          label={t('staffForm.reason')}
          hint={t('staffForm.reasonHint')}
          error={form.errorFor('reason')}
          base="textarea"
        >
          {(props) => (
            <textarea {...props} rows={3} value={reason} onChange={(event) => setReason(event.target.value)} />
          )}
        </Field>
        <button type="submit" className="button">
          {t('staffForm.review')}
        </button>
      </form>
    </div>
  );
}

function Review({ title, children }: { title: string; children: React.ReactNode }) {
  const heading = useFocusHeading();
  return (
    <div className="narrow narrow--wide">
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </div>
  );
}
