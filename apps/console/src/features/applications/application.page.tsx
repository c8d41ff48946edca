import './applications.css';
import type { DecisionAction } from '@homeward/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { ApiError, postJson } from '../../lib/api.client.ts';
import { formatDateTime } from '../../lib/format.ts';
import { LoadError } from '../../lib/load-error.component.tsx';
import { useApi } from '../../lib/use-api.hook.ts';
import { ErrorSummary, type SummaryError } from '../auth/error-summary.component.tsx';
import { useSessionUser } from '../auth/session.context.tsx';
import { type Application, applicationPath } from './applications.api.ts';
import { StatusTag } from './status-tag.component.tsx';

/** What an officer may do from each status (the server decides again). */
const ACTIONS_FROM: Record<Application['status'], DecisionAction[]> = {
  draft: [],
  submitted: ['request_info', 'approve', 'refuse'],
  more_info_requested: ['refuse'],
  approved: ['record_issuance'],
  refused: [],
  issued: ['record_collection'],
  collected: [],
};
const NEEDS_MESSAGE: readonly DecisionAction[] = ['request_info', 'refuse'];

/** One application for an officer: answers, documents, history, and the next step. Opening it is audited. */
export function ApplicationPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const state = useApi<Application>(applicationPath(id));
  const [current, setCurrent] = useState<Application | null>(null);
  const application = current?.id === id ? current : state.data;
  useDocumentTitle(
    application?.reference
      ? t('applications.page.title', { reference: application.reference })
      : t('applications.page.loading'),
  );
  return (
    <>
      <p>
        <Link to="/applications" className="back-link">
          {t('applications.page.back')}
        </Link>
      </p>
      <LoadError state={state} />
      {application ? (
        <ApplicationView application={application} onChanged={setCurrent} />
      ) : state.status === 'loading' ? (
        <p className="loading">{t('applications.page.loading')}</p>
      ) : null}
    </>
  );
}

function ApplicationView({
  application,
  onChanged,
}: {
  application: Application;
  onChanged: (a: Application) => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { role } = useSessionUser();
  const canDecide = role === 'consular_officer' || role === 'mission_head';
  const actions = canDecide ? ACTIONS_FROM[application.status] : [];
  const base = applicationPath(application.id);
  const decided = ['approved', 'refused', 'issued', 'collected'].includes(application.status);
  return (
    <>
      <h1>{t('applications.page.title', { reference: application.reference })}</h1>
      <p className="lead">
        {application.serviceName[locale]} · <StatusTag status={application.status} />
      </p>
      <dl className="facts">
        <div>
          <dt>{t('applications.columns.applicant')}</dt>
          <dd>{application.applicantName}</dd>
        </div>
        <div>
          <dt>{t('applications.columns.mission')}</dt>
          <dd>{application.missionCode}</dd>
        </div>
        <div>
          <dt>{t('applications.columns.submitted')}</dt>
          <dd>{application.submittedAt ? formatDateTime(application.submittedAt, locale) : ''}</dd>
        </div>
        <div>
          <dt>{t('applications.page.version')}</dt>
          <dd>{t('applications.page.versionValue', { version: application.serviceVersion })}</dd>
        </div>
      </dl>
      <ul className="app-letters">
        <li>
          <a href={`${base}/receipt.pdf`} download>
            {t('applications.page.receipt')}
          </a>
        </li>
        {decided ? (
          <li>
            <a href={`${base}/decision.pdf`} download>
              {t('applications.page.decisionLetter')}
            </a>
          </li>
        ) : null}
      </ul>
      {actions.length > 0 ? <DecisionForm application={application} actions={actions} onChanged={onChanged} /> : null}

      <section aria-labelledby="answers-heading">
        <h2 id="answers-heading">{t('applications.page.answers')}</h2>
        <dl className="facts">
          {application.service.fields.map((field) => {
            const value = application.answers[field.id] ?? '';
            return (
              <div key={field.id}>
                <dt>{field.label[locale]}</dt>
                <dd>
                  {field.type === 'file' ? (
                    <ul className="app-docs">
                      {application.documents
                        .filter((d) => d.field === field.id)
                        .map((d) => (
                          <li key={d.id}>
                            <a href={`${base}/documents/${d.id}`} download>
                              {d.fileName}
                            </a>{' '}
                            ({d.mediaType}
                            {d.width ? `, ${d.width} × ${d.height}` : ''}, {formatDateTime(d.createdAt, locale)})
                          </li>
                        ))}
                    </ul>
                  ) : field.type === 'select' ? (
                    (field.options.find((o) => o.value === value)?.label[locale] ?? value)
                  ) : (
                    value
                  )}
                </dd>
              </div>
            );
          })}
        </dl>
      </section>

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t('applications.page.history')}</h2>
        <ol className="app-timeline">
          {[...application.events].reverse().map((event) => (
            <li key={event.id} className="app-timeline__item">
              <p>
                <strong>{t(`applications.event.${event.kind}`)}</strong>{' '}
                <span className="hint">{formatDateTime(event.at, locale)}</span>
              </p>
              {event.message ? <p className="app-message">{event.message}</p> : null}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

function DecisionForm({
  application,
  actions,
  onChanged,
}: {
  application: Application;
  actions: DecisionAction[];
  onChanged: (a: Application) => void;
}) {
  const { t } = useTranslation();
  const [action, setAction] = useState<DecisionAction | ''>('');
  const [message, setMessage] = useState('');
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [version, setVersion] = useState(0);
  const [busy, setBusy] = useState(false);
  const messageError = errors.find((e) => e.fieldId === 'app-message')?.message;
  const actionError = errors.find((e) => e.fieldId === 'app-action')?.message;

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!action) {
      setErrors([{ fieldId: 'app-action', message: t('applications.decide.chooseAction') }]);
      setVersion((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      const body = { action, version: application.version, ...(message.trim() ? { message } : {}) };
      onChanged(await postJson<Application>(`${applicationPath(application.id)}/decisions`, body));
      setAction('');
      setMessage('');
      setErrors([]);
    } catch (error) {
      const problem = error instanceof ApiError ? error.problem : null;
      setErrors(
        problem?.errors?.length
          ? problem.errors.map((e) => ({ fieldId: e.field === '/message' ? 'app-message' : null, message: e.message }))
          : [{ fieldId: null, message: problem?.title ?? t('errors.network') }],
      );
      setVersion((n) => n + 1);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="decide-heading" className="app-decide">
      <h2 id="decide-heading">{t('applications.decide.heading')}</h2>
      <ErrorSummary errors={errors} version={version} />
      <form onSubmit={(event) => void submit(event)} noValidate>
        <fieldset className={actionError ? 'form-group fieldset form-group--error' : 'form-group fieldset'}>
          <legend className="label">{t('applications.decide.action')}</legend>
          {actionError ? (
            <p className="error-message" id="app-action-error">
              <span className="visually-hidden">{t('errors.prefix')}</span>
              {actionError}
            </p>
          ) : null}
          <div className="radios">
            {actions.map((a, index) => (
              <div key={a} className="checkbox">
                <input
                  type="radio"
                  name="app-action"
                  id={index === 0 ? 'app-action' : `app-action-${a}`}
                  value={a}
                  checked={action === a}
                  onChange={() => setAction(a)}
                />
                <label htmlFor={index === 0 ? 'app-action' : `app-action-${a}`}>{t(`applications.decide.${a}`)}</label>
              </div>
            ))}
          </div>
        </fieldset>
        <div className={messageError ? 'form-group form-group--error' : 'form-group'}>
          <label className="label" htmlFor="app-message">
            {action && NEEDS_MESSAGE.includes(action)
              ? t(action === 'refuse' ? 'applications.decide.reason' : 'applications.decide.question')
              : t('applications.decide.note')}
          </label>
          <p className="hint" id="app-message-hint">
            {t('applications.decide.messageHint')}
          </p>
          {messageError ? (
            <p className="error-message" id="app-message-error">
              <span className="visually-hidden">{t('errors.prefix')}</span>
              {messageError}
            </p>
          ) : null}
          <textarea
            id="app-message"
            className={messageError ? 'textarea textarea--error' : 'textarea'}
            rows={4}
            value={message}
            onChange={(event) => setMessage(event.target.value)}
            aria-describedby={messageError ? 'app-message-hint app-message-error' : 'app-message-hint'}
            aria-invalid={messageError ? true : undefined}
          />
        </div>
        <button type="submit" className="button" disabled={busy}>
          {t('applications.decide.submit')}
        </button>
      </form>
    </section>
  );
}
