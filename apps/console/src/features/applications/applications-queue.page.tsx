import './applications.css';
import type { MissionPage } from '@homeward/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../lib/format.ts';
import { LoadError } from '../../lib/load-error.component.tsx';
import { useApi } from '../../lib/use-api.hook.ts';
import { useSessionUser } from '../auth/session.context.tsx';
import { Pagination } from '../missions/pagination.component.tsx';
import {
  type ApplicationList,
  QUEUE_PAGE_SIZE,
  QUEUE_STATUSES,
  queuePath,
  type ServiceList,
} from './applications.api.ts';
import { StatusTag } from './status-tag.component.tsx';

/**
 * The applications submitted to the officer's missions (HQ: every mission), oldest first: first come, first
 * served. Search and filters are in the address, so a view can be shared and Back restores it.
 */
export function ApplicationsQueuePage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [search, setSearch] = useSearchParams();
  const filter = {
    q: search.get('q') ?? '',
    status: search.get('status') ?? '',
    serviceId: search.get('serviceId') ?? '',
    mission: search.get('mission') ?? '',
    page: Math.max(1, Number.parseInt(search.get('page') ?? '1', 10) || 1),
  };
  const state = useApi<ApplicationList>(queuePath(filter));
  const services = useApi<ServiceList>('/api/v1/services');
  const user = useSessionUser();
  // HQ sees every mission and staff of several missions see each of theirs: they can narrow the queue to one.
  const manyMissions = user.role === 'hq_admin' || user.missions.length > 1;
  const missions = useApi<MissionPage>(manyMissions ? '/api/v1/missions?pageSize=100&sort=country' : null);
  const [q, setQ] = useState(filter.q);
  useDocumentTitle(t('applications.queue.title'));
  // The box follows the address when it changes under it (Back, a shared link).
  useEffect(() => setQ(filter.q), [filter.q]);

  function apply(changes: Partial<Record<'q' | 'status' | 'serviceId' | 'mission', string>>) {
    const params = new URLSearchParams(search);
    for (const [key, value] of Object.entries(changes)) {
      if (value) params.set(key, value);
      else params.delete(key);
    }
    params.delete('page');
    setSearch(params);
  }

  return (
    <>
      <h1>{t('applications.queue.title')}</h1>
      <form
        className="filters app-filters"
        aria-label={t('applications.queue.search')}
        onSubmit={(event) => {
          event.preventDefault();
          apply({ q: q.trim() });
        }}
      >
        <div className="form-group">
          <label className="label" htmlFor="app-q">
            {t('applications.queue.search')}
          </label>
          <input id="app-q" className="input" type="search" value={q} onChange={(event) => setQ(event.target.value)} />
        </div>
        <div className="form-group">
          <label className="label" htmlFor="app-status">
            {t('applications.queue.status')}
          </label>
          <select
            id="app-status"
            className="select"
            value={filter.status}
            onChange={(event) => apply({ status: event.target.value })}
          >
            <option value="">{t('applications.queue.any')}</option>
            {QUEUE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`applications.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <label className="label" htmlFor="app-service">
            {t('applications.queue.service')}
          </label>
          <select
            id="app-service"
            className="select"
            value={filter.serviceId}
            onChange={(event) => apply({ serviceId: event.target.value })}
          >
            <option value="">{t('applications.queue.any')}</option>
            {(services.data?.items ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name[locale]}
              </option>
            ))}
          </select>
        </div>
        {manyMissions ? (
          <div className="form-group">
            <label className="label" htmlFor="app-mission">
              {t('applications.columns.mission')}
            </label>
            <select
              id="app-mission"
              className="select"
              value={filter.mission}
              onChange={(event) => apply({ mission: event.target.value })}
            >
              <option value="">{t('applications.queue.any')}</option>
              {(missions.data?.items ?? [])
                .filter((m) => user.role === 'hq_admin' || user.missions.includes(m.code))
                .map((m) => (
                  <option key={m.code} value={m.code}>
                    {m.name[locale]}
                  </option>
                ))}
            </select>
          </div>
        ) : null}
        <button type="submit" className="button">
          {t('applications.queue.searchButton')}
        </button>
      </form>
      <LoadError state={state} />
      {state.data ? (
        state.data.items.length === 0 ? (
          <p>{t('applications.queue.empty')}</p>
        ) : (
          <>
            <p role="status">{t('applications.queue.count', { count: state.data.total })}</p>
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1). */}
            <section className="table-wrap" aria-label={t('applications.queue.title')} tabIndex={0}>
              <table className="table">
                <caption className="visually-hidden">{t('applications.queue.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('applications.columns.reference')}</th>
                    <th scope="col">{t('applications.columns.service')}</th>
                    <th scope="col">{t('applications.columns.applicant')}</th>
                    <th scope="col">{t('applications.columns.mission')}</th>
                    <th scope="col">{t('applications.columns.status')}</th>
                    <th scope="col">{t('applications.columns.submitted')}</th>
                  </tr>
                </thead>
                <tbody>
                  {state.data.items.map((a) => (
                    <tr key={a.id}>
                      <th scope="row">
                        <Link to={`/applications/${encodeURIComponent(a.id)}`}>{a.reference}</Link>
                      </th>
                      <td>{a.serviceName[locale]}</td>
                      <td>{a.applicantName}</td>
                      <td>{a.missionCode}</td>
                      <td>
                        <StatusTag status={a.status} />
                      </td>
                      <td className="nowrap">{a.submittedAt ? formatDateTime(a.submittedAt, locale) : ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
            <Pagination page={state.data.page} total={state.data.total} pageSize={QUEUE_PAGE_SIZE} />
          </>
        )
      ) : state.status === 'loading' ? (
        <p className="loading">{t('applications.queue.loading')}</p>
      ) : null}
    </>
  );
}
