import type { Country } from '@homeward/shared';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { LoadError } from '../../lib/load-error.component.tsx';
import { useApi } from '../../lib/use-api.hook.ts';
import { Pagination } from '../missions/pagination.component.tsx';
import { IncidentCreate } from './incident-create.component.tsx';
import { type IncidentPage, type IncidentStatus, incidentsPath } from './incidents.api.ts';
import './incidents.css';

/** Major emergencies (an earthquake, an evacuation), each grouping many cases on its own board. */
export function IncidentsPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  useDocumentTitle(t('incidents.title'));
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status');
  const status: IncidentStatus | '' = statusParam === 'active' || statusParam === 'closed' ? statusParam : '';
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const results = useApi<IncidentPage>(incidentsPath({ status, page }));
  const countries = useApi<Country[]>('/api/v1/countries');
  const names = useMemo(
    () => new Map((countries.data ?? []).map((c) => [c.code, c.name[locale]])),
    [countries.data, locale],
  );
  const [creating, setCreating] = useState(false);
  const data = results.data;

  return (
    <>
      <h1>{t('incidents.title')}</h1>
      <p>{t('incidents.intro')}</p>
      {creating ? (
        <IncidentCreate />
      ) : (
        <p>
          <button type="button" className="button" onClick={() => setCreating(true)}>
            {t('incidents.create.open')}
          </button>
        </p>
      )}
      <h2>{t('incidents.listTitle')}</h2>
      <search className="filter">
        <form
          className="filter__form"
          onSubmit={(event) => {
            event.preventDefault();
            const value = new FormData(event.currentTarget).get('status');
            setParams(value ? { status: String(value) } : {});
          }}
        >
          <div className="form-group">
            <label className="label" htmlFor="incident-status">
              {t('incidents.columns.status')}
            </label>
            <select id="incident-status" name="status" className="select" defaultValue={status} key={status}>
              <option value="">{t('incidents.anyStatus')}</option>
              <option value="active">{t('incidents.status.active')}</option>
              <option value="closed">{t('incidents.status.closed')}</option>
            </select>
          </div>
          <div className="filter__actions">
            <button type="submit" className="button">
              {t('cases.apply')}
            </button>
          </div>
        </form>
      </search>
      <LoadError state={results} />
      {data ? (
        <div aria-busy={results.status === 'loading'}>
          <p className="count" role="status">
            <strong>{t('incidents.count', { count: data.total, formatted: formatNumber(data.total, locale) })}</strong>
          </p>
          {data.items.length === 0 ? (
            <p>{t('incidents.empty')}</p>
          ) : (
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1).
            <section className="table-wrap" aria-label={t('incidents.listTitle')} tabIndex={0}>
              <table className="table table--stack">
                <caption className="visually-hidden">{t('incidents.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('incidents.columns.title')}</th>
                    <th scope="col">{t('incidents.columns.kind')}</th>
                    <th scope="col">{t('incidents.columns.countries')}</th>
                    <th scope="col">{t('incidents.columns.status')}</th>
                    <th scope="col">{t('incidents.columns.cases')}</th>
                    <th scope="col">{t('incidents.columns.created')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((incident) => (
                    <tr key={incident.id}>
                      <th scope="row">
                        <Link to={`/incidents/${incident.id}`}>{incident.title}</Link>
                      </th>
                      <td data-label={t('incidents.columns.kind')}>{t(`incidents.kind.${incident.kind}`)}</td>
                      <td data-label={t('incidents.columns.countries')}>
                        {incident.countries
                          .map((code) => names.get(code) ?? code)
                          .join(locale === 'zh-CN' ? '、' : ', ')}
                      </td>
                      <td data-label={t('incidents.columns.status')}>
                        <strong className={`tag tag--incident-${incident.status}`}>
                          {t(`incidents.status.${incident.status}`)}
                        </strong>
                      </td>
                      <td data-label={t('incidents.columns.cases')}>{formatNumber(incident.caseCount, locale)}</td>
                      <td data-label={t('incidents.columns.created')}>{formatDateTime(incident.createdAt, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
          <Pagination page={data.page} total={data.total} pageSize={data.pageSize} />
        </div>
      ) : results.status === 'loading' ? (
        <p role="status" aria-busy="true">
          {t('app.loading')}
        </p>
      ) : null}
    </>
  );
}
