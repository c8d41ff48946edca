import './help.css';
import type { PresenceList } from '@homeward/shared';
import { type FormEvent, type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import {
  enqueueHelpRequest,
  flushQueue,
  getQueued,
  type QueuedRequest,
  replaceRefused,
} from '../../lib/offline-queue.ts';
import { useApi } from '../../lib/use-api.hook.ts';
import { ErrorSummary, type SummaryError, TextField } from '../accounts/form.components.tsx';
import { useSession } from '../accounts/session.context.tsx';
import { HotlineLink } from '../meta/hotline.component.tsx';
import { COUNTRIES_PATH, type Country } from '../missions/missions.api.ts';
import { LoadFailed } from '../offline/offline.component.tsx';
import { PRESENCES_PATH } from '../registration/registration.api.ts';
import { RadioGroup, SelectField, TextArea } from '../registration/registration.fields.tsx';
import { FilesSection } from './help-files.section.tsx';
import { LocationSection } from './help-location.section.tsx';
import { requestBackgroundSync } from './help-queue.hook.ts';
import {
  CATEGORIES,
  checkDraft,
  clearDraft,
  type Draft,
  EMPTY_DRAFT,
  type ErrorKey,
  FIELD_ORDER,
  type FieldId,
  focusId,
  fromBody,
  MAX_DESCRIPTION,
  RELATIONS,
  readDraft,
  SERVER_CODES,
  SERVER_FIELDS,
  saveDraft,
  toBody,
  URGENCIES,
} from './help-request.model.ts';

/**
 * The help request (issue 5): what happened, who, where, details and a call-back number, on one page so nothing
 * is lost between steps on a bad connection. Sending puts it on this phone first; the sender takes it from there.
 * `?change=<id>` reopens a request the server refused, with the server's reasons next to the fields.
 */
export function HelpRequestPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const [search] = useSearchParams();
  const changeId = search.get('change');
  const [refused, setRefused] = useState<QueuedRequest | null | 'loading'>(changeId ? 'loading' : null);
  const countries = useApi<Country[]>(COUNTRIES_PATH);
  const presences = useApi<PresenceList>(session.status === 'signed-in' ? PRESENCES_PATH : null, {
    keepOnDevice: false,
  });
  useDocumentTitle(t('help.form.title'));

  useEffect(() => {
    if (!changeId) return;
    let alive = true;
    getQueued(changeId).then(
      (found) => alive && setRefused(found && found.state === 'refused' ? found : null),
      () => alive && setRefused(null),
    );
    return () => {
      alive = false;
    };
  }, [changeId]);

  let body: ReactNode;
  if (session.status === 'signed-out') {
    body = <SignInFirst />;
  } else if (countries.status === 'error') {
    body = <LoadFailed onRetry={countries.retry} />;
  } else if (!countries.data || refused === 'loading') {
    body = (
      <p role="status" className="hint">
        {t('common.loading')}
      </p>
    );
  } else {
    body = (
      <HelpRequestForm
        key={refused?.id ?? 'new'}
        countries={countries.data}
        current={presences.data?.current ?? null}
        selfName={session.user?.displayName ?? ''}
        refused={refused}
      />
    );
  }

  return (
    <div className="narrow">
      <Link to="/help" className="back-link">
        {t('help.form.back')}
      </Link>
      {body}
    </div>
  );
}

function SignInFirst() {
  const { t } = useTranslation();
  const next = encodeURIComponent('/help/request');
  return (
    <>
      <h1>{t('help.form.title')}</h1>
      <p className="warning-text">{t('help.dangerFirst')}</p>
      <p>{t('help.form.signInFirst')}</p>
      <div className="button-row">
        <Link to={`/sign-in?next=${next}`} className="button">
          {t('nav.signIn')}
        </Link>
        <Link to="/sign-up" className="button button--secondary">
          {t('help.form.createAccount')}
        </Link>
      </div>
      <p>{t('help.form.orCall')}</p>
      <HotlineLink size="large" />
    </>
  );
}

function HelpRequestForm({
  countries,
  current,
  selfName,
  refused,
}: {
  countries: readonly Country[];
  current: PresenceList['current'];
  selfName: string;
  refused: QueuedRequest | null;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<Draft>(() =>
    refused ? fromBody(refused.body, refused.cityName) : (readDraft() ?? { ...EMPTY_DRAFT }),
  );
  // A new request is kept in this tab while it is typed; a refused one is already kept on the phone.
  useEffect(() => {
    if (!refused) saveDraft(draft);
  }, [draft, refused]);
  const [files, setFiles] = useState<File[]>(() =>
    refused ? refused.files.map((f) => new File([f.blob], f.name, { type: f.type })) : [],
  );
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<FieldId, string>>>(() => serverErrors(refused));
  const [formError, setFormError] = useState<string | null>(() =>
    refused && Object.keys(serverErrors(refused)).length === 0 ? (refused.problem?.title ?? null) : null,
  );
  const [version, setVersion] = useState(refused ? 1 : 0);
  const [busy, setBusy] = useState(false);
  const set = useCallback((change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change })), []);
  const summary = useMemo<SummaryError[]>(() => {
    const list: SummaryError[] = formError ? [{ fieldId: null, message: formError }] : [];
    for (const id of FIELD_ORDER) {
      const message = fieldErrors[id];
      if (message) list.push({ fieldId: focusId(id), message });
    }
    return list;
  }, [fieldErrors, formError]);
  useDocumentTitle(t('help.form.title'), summary.length > 0);

  const chooseWho = (who: string) => {
    if (who === 'self') set({ who, subjectName: draft.who === 'self' ? draft.subjectName : selfName });
    else if (who === 'other') set({ who, subjectName: draft.who === 'other' ? draft.subjectName : '' });
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found = checkDraft(draft, files);
    if (Object.keys(found).length > 0) {
      const messages: Partial<Record<FieldId, string>> = {};
      for (const [id, key] of Object.entries(found) as [FieldId, ErrorKey][]) {
        messages[id] = t(`help.errors.${key}`, { max: MAX_DESCRIPTION });
      }
      setFieldErrors(messages);
      setFormError(null);
      setVersion((n) => n + 1);
      return;
    }
    setBusy(true);
    const body = toBody(draft);
    const meta = { locale, cityName: draft.city?.name ?? null };
    try {
      const saved = refused
        ? await replaceRefused(refused.id, body, files, meta)
        : await enqueueHelpRequest(body, files, meta);
      clearDraft();
      void requestBackgroundSync();
      void flushQueue({ force: true });
      navigate(`/help/requests/${encodeURIComponent(saved.id)}`, { replace: refused !== null });
    } catch {
      // IndexedDB refused (storage full, private mode): the request cannot wait on this phone.
      setFormError(t('help.errors.notSaved'));
      setVersion((n) => n + 1);
      setBusy(false);
    }
  };

  return (
    <>
      <ErrorSummary errors={summary} version={version} />
      <h1>{refused ? t('help.form.changeTitle') : t('help.form.title')}</h1>
      <p className="warning-text">{t('help.dangerFirst')}</p>
      <p>{t('help.form.intro')}</p>
      <form noValidate onSubmit={onSubmit}>
        <section className="help-section" aria-labelledby="what-heading">
          <h2 id="what-heading">{t('help.form.whatHeading')}</h2>
          <RadioGroup
            id="category"
            legend={t('help.form.category')}
            error={fieldErrors.category}
            value={draft.category}
            onChange={(category) => set({ category })}
            options={CATEGORIES.map((c) => ({ value: c, label: t(`help.category.${c}`) }))}
          />
          <RadioGroup
            id="urgency"
            legend={t('help.form.urgency')}
            error={fieldErrors.urgency}
            value={draft.urgency}
            onChange={(urgency) => set({ urgency })}
            options={URGENCIES.map((u) => ({ value: u, label: t(`help.urgency.${u}`) }))}
          />
          {draft.urgency === 'life_threatening' ? (
            <div className="notice help-danger" role="note">
              <p>
                <strong>{t('help.form.lifeThreatening')}</strong>
              </p>
              <HotlineLink size="large" />
            </div>
          ) : null}
        </section>

        <section className="help-section" aria-labelledby="who-heading">
          <h2 id="who-heading">{t('help.form.whoHeading')}</h2>
          <RadioGroup
            id="who"
            legend={t('help.form.who')}
            error={fieldErrors.who}
            value={draft.who}
            onChange={chooseWho}
            options={[
              { value: 'self', label: t('help.form.whoSelf') },
              { value: 'other', label: t('help.form.whoOther') },
            ]}
          />
          {draft.who === 'other' ? (
            <>
              <SelectField
                id="relation"
                label={t('help.form.relation')}
                error={fieldErrors.relation}
                value={draft.relation}
                onChange={(relation) => set({ relation })}
                options={RELATIONS.map((r) => ({ value: r, label: t(`help.relation.${r}`) }))}
                emptyLabel={t('help.form.relationChoose')}
              />
              <TextField
                id="subjectName"
                label={t('help.form.subjectName')}
                hint={t('help.form.subjectNameHint')}
                error={fieldErrors.subjectName}
                value={draft.subjectName}
                onChange={(subjectName) => set({ subjectName })}
                autoComplete="off"
                maxLength={200}
              />
              <TextField
                id="subjectPhone"
                label={t('help.form.subjectPhone')}
                hint={t('fields.phoneHint')}
                error={fieldErrors.subjectPhone}
                value={draft.subjectPhone}
                onChange={(subjectPhone) => set({ subjectPhone })}
                type="tel"
                autoComplete="off"
              />
            </>
          ) : draft.who === 'self' ? (
            <TextField
              id="subjectName"
              label={t('help.form.selfName')}
              error={fieldErrors.subjectName}
              value={draft.subjectName}
              onChange={(subjectName) => set({ subjectName })}
              autoComplete="name"
              maxLength={200}
            />
          ) : null}
        </section>

        <LocationSection draft={draft} set={set} countries={countries} current={current} errors={fieldErrors} />

        <section className="help-section" aria-labelledby="details-heading">
          <h2 id="details-heading">{t('help.form.detailsHeading')}</h2>
          <TextArea
            id="description"
            label={t('help.form.description')}
            hint={t('help.form.descriptionHint')}
            error={fieldErrors.description}
            value={draft.description}
            onChange={(description) => set({ description })}
            className="help-textarea"
            rows={6}
          />
          <FilesSection files={files} onChange={setFiles} error={fieldErrors.files} />
        </section>

        <section className="help-section" aria-labelledby="contact-heading">
          <h2 id="contact-heading">{t('help.form.contactHeading')}</h2>
          <TextField
            id="contactPhone"
            label={t('help.form.contactPhone')}
            hint={t('help.form.contactPhoneHint')}
            error={fieldErrors.contactPhone}
            value={draft.contactPhone}
            onChange={(contactPhone) => set({ contactPhone })}
            type="tel"
            autoComplete="tel"
          />
        </section>

        <p className="hint">{t('help.form.sendHint')}</p>
        <button type="submit" className="button help-send" aria-disabled={busy}>
          {t('help.form.send')}
        </button>
      </form>
    </>
  );
}

/** The server's reasons for a refused request, by field. */
function serverErrors(refused: QueuedRequest | null): Partial<Record<FieldId, string>> {
  const found: Partial<Record<FieldId, string>> = {};
  const problem = refused?.problem;
  const byCode = problem?.code ? SERVER_CODES[problem.code] : undefined;
  if (problem && byCode) found[byCode] = problem.title;
  for (const e of problem?.errors ?? []) {
    const id = SERVER_FIELDS[e.field];
    if (id && !found[id]) found[id] = e.message;
  }
  return found;
}
