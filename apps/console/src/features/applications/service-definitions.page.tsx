import './applications.css';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { ApiError, putJson } from '../../lib/api.client.ts';
import { formatDateTime } from '../../lib/format.ts';
import { LoadError } from '../../lib/load-error.component.tsx';
import { useApi } from '../../lib/use-api.hook.ts';
import { ErrorSummary, type SummaryError } from '../auth/error-summary.component.tsx';
import type { Service, ServiceList } from './applications.api.ts';

interface VersionList {
  items: { version: number; source: 'file' | 'console'; createdAt: string; createdBy: string | null }[];
}

/** HQ administrators: the services and the version of each definition in force. */
export function ServiceDefinitionsPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const state = useApi<ServiceList>('/api/v1/services');
  useDocumentTitle(t('applications.definitions.title'));
  return (
    <>
      <h1>{t('applications.definitions.title')}</h1>
      <p>{t('applications.definitions.intro')}</p>
      <LoadError state={state} />
      {state.data ? (
        <table className="table">
          <caption className="visually-hidden">{t('applications.definitions.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('applications.columns.service')}</th>
              <th scope="col">{t('applications.definitions.version')}</th>
              <th scope="col">{t('applications.definitions.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {state.data.items.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  <Link to={`/service-definitions/${encodeURIComponent(s.id)}`}>{s.name[locale]}</Link>
                </th>
                <td>{s.version}</td>
                <td className="nowrap">{formatDateTime(s.updatedAt, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}

/**
 * Edit one definition as JSON. The server checks it against the same schema as the files and names every
 * wrong field by its JSON Pointer; a save creates the next version and applications keep theirs.
 */
export function ServiceDefinitionEditPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { serviceId = '' } = useParams();
  const service = useApi<Service>(`/api/v1/services/${encodeURIComponent(serviceId)}`);
  const versions = useApi<VersionList>(`/api/v1/services/${encodeURIComponent(serviceId)}/versions`);
  const [text, setText] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [saved, setSaved] = useState<number | null>(null);
  useDocumentTitle(service.data ? service.data.name[locale] : t('applications.definitions.title'));

  useEffect(() => {
    if (!service.data) return;
    const { version: _v, updatedAt: _u, ...definition } = service.data;
    setText(JSON.stringify(definition, null, 2));
  }, [service.data]);

  async function save(event: React.FormEvent) {
    event.preventDefault();
    const problems: SummaryError[] = [];
    let definition: unknown = null;
    try {
      definition = JSON.parse(text);
    } catch (error) {
      problems.push({ fieldId: 'def-json', message: t('applications.definitions.badJson', { error: String(error) }) });
    }
    if (reason.trim().length < 3)
      problems.push({ fieldId: 'def-reason', message: t('applications.definitions.reasonNeeded') });
    if (problems.length === 0) {
      try {
        const result = await putJson<Service>(`/api/v1/services/${encodeURIComponent(serviceId)}`, {
          definition,
          reason,
        });
        setSaved(result.version);
        setReason('');
        versions.retry();
      } catch (error) {
        const problem = error instanceof ApiError ? error.problem : null;
        problems.push(
          ...(problem?.errors?.length
            ? problem.errors.map((e) => ({ fieldId: 'def-json', message: e.message }))
            : [{ fieldId: null, message: problem?.title ?? t('errors.network') }]),
        );
      }
    }
    setErrors(problems);
    if (problems.length) {
      setSaved(null);
      setAttempt((n) => n + 1);
    }
  }

  const jsonError = errors.filter((e) => e.fieldId === 'def-json').map((e) => e.message);
  const reasonError = errors.find((e) => e.fieldId === 'def-reason')?.message;
  return (
    <>
      <p>
        <Link to="/service-definitions" className="back-link">
          {t('applications.definitions.back')}
        </Link>
      </p>
      <ErrorSummary errors={errors} version={attempt} />
      <h1>{service.data ? service.data.name[locale] : t('applications.definitions.title')}</h1>
      <LoadError state={service} />
      {saved !== null ? (
        <p className="notice" role="status">
          {t('applications.definitions.saved', { version: saved })}
        </p>
      ) : null}
      <form onSubmit={(event) => void save(event)} noValidate>
        <div className={jsonError.length ? 'form-group form-group--error' : 'form-group'}>
          <label className="label" htmlFor="def-json">
            {t('applications.definitions.json')}
          </label>
          <p className="hint" id="def-json-hint">
            {t('applications.definitions.jsonHint')}
          </p>
          {jsonError.length ? (
            <ul className="error-message" id="def-json-error">
              {jsonError.map((m) => (
                <li key={m}>
                  <span className="visually-hidden">{t('errors.prefix')}</span>
                  {m}
                </li>
              ))}
            </ul>
          ) : null}
          <textarea
            id="def-json"
            className={jsonError.length ? 'textarea textarea--error def-editor' : 'textarea def-editor'}
            spellCheck={false}
            value={text}
            onChange={(event) => setText(event.target.value)}
            aria-describedby={jsonError.length ? 'def-json-hint def-json-error' : 'def-json-hint'}
            aria-invalid={jsonError.length ? true : undefined}
          />
        </div>
        <div className={reasonError ? 'form-group form-group--error' : 'form-group'}>
          <label className="label" htmlFor="def-reason">
            {t('applications.definitions.reason')}
          </label>
          {reasonError ? (
            <p className="error-message" id="def-reason-error">
              <span className="visually-hidden">{t('errors.prefix')}</span>
              {reasonError}
            </p>
          ) : null}
          <input
            id="def-reason"
            className={reasonError ? 'input input--error' : 'input'}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={reasonError ? 'def-reason-error' : undefined}
          />
        </div>
        <button type="submit" className="button">
          {t('applications.definitions.save')}
        </button>
      </form>
      <section aria-labelledby="versions-heading">
        <h2 id="versions-heading">{t('applications.definitions.versions')}</h2>
        <ul>
          {(versions.data?.items ?? []).map((v) => (
            <li key={v.version}>
              {t('applications.definitions.versionLine', {
                version: v.version,
                source: t(`applications.definitions.source.${v.source}`),
                when: formatDateTime(v.createdAt, locale),
              })}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
