import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { ApiError, sendJson } from '../../lib/api.client.ts';
import { useApi } from '../../lib/use-api.hook.ts';
import { useSubmissionKey } from '../../lib/use-submission-key.hook.ts';
import { ErrorSummary, SelectField, type SummaryError } from '../accounts/form.components.tsx';
import { COUNTRIES_PATH, type Country, type MissionPage } from '../missions/missions.api.ts';
import { type DateParts, isoFromParts, partsFromIso, TextArea } from '../registration/registration.fields.tsx';
import { DocumentField, fieldDomId, QuestionField } from './application-fields.component.tsx';
import {
  ALL_MISSIONS_PATH,
  type Answers,
  type Application,
  applicationPath,
  formatFee,
  uploadDocument,
} from './services.api.ts';

type SaveState = 'idle' | 'saving' | 'saved' | 'failed';
const AUTOSAVE_MS = 700;

/** Where an error from the server belongs on this form: `/answers/photo` → the photo's control. */
function domIdOf(pointer: string, application: Application): string | null {
  const [, group, key] = pointer.split('/');
  if (group === 'missionCode') return 'f-mission';
  if (group === 'message') return 'f-message';
  const field = application.service.fields.find((f) => f.id === key);
  return (group === 'answers' || group === 'documents') && field ? fieldDomId(field) : null;
}

/**
 * The form of an application, drawn from the service's definition (the version it was started with). Every
 * change is saved on the server shortly after typing stops, so the person can close the app and carry on from
 * another phone; files are sent as soon as they are chosen. Submitting checks everything on the server, which
 * names each missing answer or document.
 */
export function ApplicationForm({
  application: initial,
  onDone,
}: {
  application: Application;
  onDone: (application: Application) => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const countries = useApi<Country[]>(COUNTRIES_PATH);
  const missions = useApi<MissionPage>(ALL_MISSIONS_PATH);
  const [application, setApplication] = useState(initial);
  const [answers, setAnswers] = useState<Answers>(initial.answers);
  const [dates, setDates] = useState<Record<string, DateParts>>(() =>
    Object.fromEntries(
      initial.service.fields.filter((f) => f.type === 'date').map((f) => [f.id, partsFromIso(initial.answers[f.id])]),
    ),
  );
  const [missionCode, setMissionCode] = useState(initial.missionCode ?? '');
  const [message, setMessage] = useState('');
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const [uploading, setUploading] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const version = useRef(initial.version);
  const dirty = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const saving = useRef<Promise<void>>(Promise.resolve());
  const latest = useRef({ answers, missionCode });
  latest.current = { answers, missionCode };
  const submissionKey = useSubmissionKey();
  const service = application.service;
  const answering = application.status === 'more_info_requested';

  const accept = useCallback((next: Application) => {
    version.current = next.version;
    setApplication(next);
  }, []);

  // Saves are chained so that each carries the version the previous one produced.
  const save = useCallback((): Promise<void> => {
    saving.current = saving.current.then(async () => {
      if (!dirty.current) return;
      dirty.current = false;
      setSaveState('saving');
      try {
        const body = {
          answers: latest.current.answers,
          missionCode: latest.current.missionCode || null,
          version: version.current,
        };
        accept(await sendJson<Application>('PUT', `${applicationPath(application.id)}/draft`, body));
        setSaveState('saved');
      } catch (error) {
        dirty.current = true;
        setSaveState('failed');
        if (error instanceof ApiError && error.status === 409) {
          // Saved from another device meanwhile: take that version and keep this device's answers on top.
          const fresh = await fetch(applicationPath(application.id), { credentials: 'same-origin' }).catch(() => null);
          if (fresh?.ok) version.current = ((await fresh.json()) as Application).version;
        }
      }
    });
    return saving.current;
  }, [accept, application.id]);

  const schedule = useCallback(() => {
    dirty.current = true;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), AUTOSAVE_MS);
  }, [save]);

  // Leaving the page (or the app going to the background) saves what is pending.
  useEffect(() => {
    const flush = () => {
      if (document.visibilityState === 'hidden' && dirty.current) void save();
    };
    document.addEventListener('visibilitychange', flush);
    return () => {
      document.removeEventListener('visibilitychange', flush);
      if (timer.current) clearTimeout(timer.current);
      if (dirty.current) void save();
    };
  }, [save]);

  function setAnswer(id: string, value: string) {
    setAnswers((current) => ({ ...current, [id]: value }));
    schedule();
  }

  function setDate(id: string, parts: DateParts) {
    setDates((current) => ({ ...current, [id]: parts }));
    const iso = isoFromParts(parts);
    // An unfinished date is kept as typed on this phone; the server gets it once it is a real date.
    setAnswers((current) => ({ ...current, [id]: iso ?? `${parts.year}-${parts.month}-${parts.day}` }));
    schedule();
  }

  function showProblem(error: unknown) {
    const problem = error instanceof ApiError ? error.problem : null;
    const list = problem?.errors ?? [];
    setFieldErrors(
      Object.fromEntries(list.map((e) => [domIdOf(e.field, application) ?? e.field, e.message]).filter(([k]) => k)),
    );
    setErrors(
      list.length
        ? list.map((e) => ({ fieldId: domIdOf(e.field, application), message: e.message }))
        : [{ fieldId: null, message: problem?.title ?? t('errors.network') }],
    );
    setAttempt((n) => n + 1);
  }

  async function sendFile(field: string, file: File) {
    setUploading(field);
    try {
      await save();
      accept(await uploadDocument(application.id, field, file));
      // The file is on record now: its earlier complaint goes, from the field and from the summary.
      setFieldErrors((current) => {
        const { [`f-${field}`]: _gone, ...rest } = current;
        return rest;
      });
      setErrors((current) => current.filter((e) => e.fieldId !== `f-${field}`));
    } catch (error) {
      showProblem(error);
    } finally {
      setUploading(null);
    }
  }

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (timer.current) clearTimeout(timer.current);
    setSubmitting(true);
    try {
      await save();
      const body = { version: version.current, ...(answering ? { message } : {}) };
      const done = await sendJson<Application>('POST', `${applicationPath(application.id)}/submit`, body, {
        idempotencyKey: submissionKey(body),
      });
      setErrors([]);
      setFieldErrors({});
      onDone(done);
    } catch (error) {
      showProblem(error);
    } finally {
      setSubmitting(false);
    }
  }

  const offered = (missions.data?.items ?? []).filter(
    (m) => service.missions.includes('*') || service.missions.includes(m.code),
  );
  const lastQuestion = [...(application.events ?? [])].reverse().find((e) => e.kind === 'info_requested');

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <ErrorSummary errors={errors} version={attempt} />
      {answering && lastQuestion?.message ? (
        <div className="panel svc-question" role="note">
          <h2>{t('services.form.questionHeading')}</h2>
          <p className="thread__body">{lastQuestion.message}</p>
        </div>
      ) : null}
      <p className="svc-fee">
        {t('services.fee.label')}:{' '}
        <strong>
          {formatFee(application.fee.amountMinor, application.fee.currency, locale, t('services.fee.free'))}
        </strong>
      </p>
      <SelectField
        id="f-mission"
        label={t('services.form.mission')}
        hint={t('services.form.missionHint')}
        error={fieldErrors['f-mission']}
        value={missionCode}
        onChange={(value) => {
          setMissionCode(value);
          schedule();
        }}
        emptyLabel={t('services.form.choose')}
        options={offered.map((m) => ({ value: m.code, label: m.name[locale] }))}
      />
      {service.fields.map((field) =>
        field.type === 'file' ? (
          <DocumentField
            key={field.id}
            field={field}
            application={application}
            error={fieldErrors[fieldDomId(field)]}
            busy={uploading !== null}
            onFile={(file) => void sendFile(field.id, file)}
          />
        ) : (
          <QuestionField
            key={field.id}
            field={field}
            value={answers[field.id] ?? ''}
            date={dates[field.id] ?? { year: '', month: '', day: '' }}
            error={fieldErrors[fieldDomId(field)]}
            countries={countries.data ?? []}
            onChange={(value) => setAnswer(field.id, value)}
            onDate={(parts) => setDate(field.id, parts)}
          />
        ),
      )}
      {answering ? (
        <TextArea
          id="f-message"
          label={t('services.form.answer')}
          hint={t('services.form.answerHint')}
          error={fieldErrors['f-message']}
          value={message}
          onChange={setMessage}
          rows={4}
        />
      ) : null}
      <p className="hint svc-save" role="status">
        {uploading
          ? t('services.form.uploading')
          : saveState === 'saving'
            ? t('services.form.saving')
            : saveState === 'saved'
              ? t('services.form.saved')
              : saveState === 'failed'
                ? t('services.form.saveFailed')
                : ''}
      </p>
      <button type="submit" className="button" disabled={submitting || uploading !== null}>
        {answering ? t('services.form.sendAnswer') : t('services.form.submit')}
      </button>
    </form>
  );
}
