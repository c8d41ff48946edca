import {
  CALL_OUTCOMES,
  CASE_CATEGORIES,
  type CallOutcome,
  type CaseCategory,
  type MissionPage,
} from '@homeward/shared';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { canOpen } from '../../app/access.ts';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { LoadError } from '../../lib/load-error.component.tsx';
import { useApi } from '../../lib/use-api.hook.ts';
import { useSessionUser } from '../auth/session.context.tsx';
import { Pagination } from '../missions/pagination.component.tsx';
import {
  CALLS_PAGE_SIZE,
  type CallFilters,
  callFiltersFrom,
  callFiltersToParams,
  callsPath,
  durationParts,
  type HotlineCallPage,
} from './hotline.api.ts';
import './hotline.css';

/** The call log as a table: filters in the URL, newest first, paged. Mission staff see the calls sent to them. */
export function CallsListPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const user = useSessionUser();
  useDocumentTitle(t('hotline.calls.title'));
  const [params, setParams] = useSearchParams();
  const filters = callFiltersFrom(params);
  const results = useApi<HotlineCallPage>(callsPath(filters));
  const missions = useApi<MissionPage>('/api/v1/missions?sort=name&page=1&pageSize=100').data?.items ?? [];
  const missionName = (code: string) => missions.find((m) => m.code === code)?.name[locale] ?? code;
  const [draft, setDraft] = useState<CallFilters>(filters);
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setParams(callFiltersToParams({ ...draft, page: 1 }));
  };
  const clear = () => {
    const empty = { from: '', to: '', outcome: '', category: '', phone: '', page: 1 } as const;
    setDraft(empty);
    setParams(callFiltersToParams(empty));
  };
  const data = results.data;
  const hotline = canOpen(user.role, 'hotlineCall');

  return (
    <>
      <h1>{t('hotline.calls.title')}</h1>
      <p>
        {hotline
          ? t('hotline.calls.scopeAll')
          : t('hotline.calls.scopeMissions', { missions: user.missions.join(locale === 'zh-CN' ? '、' : ', ') })}
      </p>
      {hotline ? (
        <p className="button-group">
          <Link className="button" to="/hotline/log">
            {t('hotline.calls.logLink')}
          </Link>
          <Link className="button button--secondary" to="/hotline/stats">
            {t('hotline.calls.statsLink')}
          </Link>
        </p>
      ) : null}
      <form className="filter" onSubmit={apply} aria-label={t('hotline.calls.apply')}>
        <div className="filter__form filter__form--grid">
          <div className="form-group">
            <label className="label" htmlFor="calls-from">
              {t('hotline.calls.from')}
            </label>
            <input
              id="calls-from"
              className="input input--date"
              type="date"
              value={draft.from}
              onChange={(e) => setDraft({ ...draft, from: e.target.value })}
            />
          </div>
          <div className="form-group">
            <label className="label" htmlFor="calls-to">
              {t('hotline.calls.to')}
            </label>
            <input
              id="calls-to"
              className="input input--date"
              type="date"
              value={draft.to}
              onChange={(e) => setDraft({ ...draft, to: e.target.value })}
            />
          </div>
          <div className="form-group">
            <label className="label" htmlFor="calls-outcome">
              {t('hotline.calls.columns.outcome')}
            </label>
            <select
              id="calls-outcome"
              className="select"
              value={draft.outcome}
              onChange={(e) => setDraft({ ...draft, outcome: e.target.value as CallOutcome | '' })}
            >
              <option value="">{t('hotline.calls.anyOutcome')}</option>
              {(Object.keys(CALL_OUTCOMES) as CallOutcome[]).map((o) => (
                <option key={o} value={o}>
                  {CALL_OUTCOMES[o][locale]}
                </option>
              ))}
            </select>
          </div>
          <div className="form-group">
            <label className="label" htmlFor="calls-category">
              {t('hotline.calls.columns.category')}
            </label>
            <select
              id="calls-category"
              className="select"
              value={draft.category}
              onChange={(e) => setDraft({ ...draft, category: e.target.value as CaseCategory | '' })}
            >
              <option value="">{t('hotline.calls.anyCategory')}</option>
              {(Object.keys(CASE_CATEGORIES) as CaseCategory[]).map((c) => (
                <option key={c} value={c}>
                  {CASE_CATEGORIES[c][locale]}
                </option>
              ))}
            </select>
          </div>
          <div className="form-group">
            <label className="label" htmlFor="calls-phone">
              {t('hotline.calls.phone')}
            </label>
            <input
              id="calls-phone"
              className="input"
              type="search"
              inputMode="tel"
              value={draft.phone}
              onChange={(e) => setDraft({ ...draft, phone: e.target.value })}
            />
          </div>
        </div>
        <div className="filter__actions button-group">
          <button type="submit" className="button">
            {t('hotline.calls.apply')}
          </button>
          <button type="button" className="button button--secondary" onClick={clear}>
            {t('hotline.calls.clear')}
          </button>
        </div>
      </form>

      <LoadError state={results} />
      {data ? (
        <div aria-busy={results.status === 'loading'}>
          <p className="count" role="status">
            <strong>
              {t('hotline.calls.count', { count: data.total, formatted: formatNumber(data.total, locale) })}
            </strong>
          </p>
          {data.items.length === 0 ? (
            <p>{t('hotline.calls.empty')}</p>
          ) : (
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1).
            <section className="table-wrap" aria-label={t('hotline.calls.title')} tabIndex={0}>
              <table className="table">
                <caption className="visually-hidden">{t('hotline.calls.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('hotline.calls.columns.started')}</th>
                    <th scope="col">{t('hotline.calls.columns.caller')}</th>
                    <th scope="col">{t('hotline.calls.columns.category')}</th>
                    <th scope="col">{t('hotline.calls.columns.outcome')}</th>
                    <th scope="col">{t('hotline.calls.columns.summary')}</th>
                    <th scope="col">{t('hotline.calls.columns.agent')}</th>
                    <th scope="col">{t('hotline.calls.columns.duration')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((call) => (
                    <tr key={call.id}>
                      <th scope="row">{formatDateTime(call.startedAt, locale)}</th>
                      <td>
                        {call.callerName ?? ''}
                        {call.callerName ? <br /> : null}
                        <span className="nowrap">{call.callerPhone ?? t('hotline.calls.withheld')}</span>
                        {call.person ? (
                          <>
                            <br />
                            <Link to={`/registrants/${call.person.id}`}>{call.person.name}</Link>
                          </>
                        ) : null}
                      </td>
                      <td>{CASE_CATEGORIES[call.category][locale]}</td>
                      <td>
                        {CALL_OUTCOMES[call.outcome][locale]}
                        {call.case ? (
                          <>
                            <br />
                            <Link to={`/cases/${call.case.id}`}>{call.case.number}</Link>
                          </>
                        ) : call.missionCode ? (
                          <>
                            <br />
                            {missionName(call.missionCode)}
                          </>
                        ) : null}
                      </td>
                      <td lang={call.language}>{call.summary}</td>
                      <td>{call.agent.name}</td>
                      <td className="nowrap">{t('hotline.duration', durationParts(call.durationSeconds))}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
          <Pagination page={filters.page} total={data.total} pageSize={CALLS_PAGE_SIZE} />
        </div>
      ) : results.status === 'loading' ? (
        <p className="loading">{t('hotline.log.searching')}</p>
      ) : null}
    </>
  );
}
