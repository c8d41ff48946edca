import './campaigns.css';
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { LoadError } from '../../lib/load-error.component.tsx';
import { useApi } from '../../lib/use-api.hook.ts';
import { useSessionUser } from '../auth/session.context.tsx';
import { Pagination } from '../missions/pagination.component.tsx';
import { useShortcutsEnabled, useSingleKeyShortcut } from '../settings/shortcuts.store.ts';
import { seesRegistrations } from './campaign-sites.component.tsx';
import { RegistrationStatusTag } from './campaign-status-tag.component.tsx';
import {
  type CampaignDetail,
  campaignPath,
  formatDay,
  REGISTRATION_STATUSES,
  REGISTRATIONS_PAGE_SIZE,
  type RegistrationList,
  registrationsPath,
  timeAt,
  titleOf,
  todayIn,
} from './campaigns.api.ts';
import { DoseList } from './dose-list.component.tsx';

const FILTERS = ['q', 'siteId', 'status', 'priorityGroup'] as const;
type Filter = Record<(typeof FILTERS)[number], string>;

/**
 * Who registered for a campaign (mission staff: at their own sites), with the seat given and the doses recorded;
 * filters by name, site, state and priority group, all in the address. Health issuers issue a vaccination
 * certificate from a recorded dose here. Reading it is audited.
 */
export function RegistrationsPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const user = useSessionUser();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const filter: Filter = {
    q: params.get('q') ?? '',
    siteId: params.get('siteId') ?? '',
    status: params.get('status') ?? '',
    priorityGroup: params.get('priorityGroup') ?? '',
  };
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const campaign = useApi<CampaignDetail>(campaignPath(id));
  const state = useApi<RegistrationList>(registrationsPath(id, { ...filter, page }));
  const [draft, setDraft] = useState<Filter>(filter);
  const key = FILTERS.map((f) => filter[f]).join('\u0000');
  // biome-ignore lint/correctness/useExhaustiveDependencies: the form follows the address (Back, shared links).
  useEffect(() => setDraft(filter), [key]);
  const searchRef = useRef<HTMLInputElement>(null);
  const shortcuts = useShortcutsEnabled();
  useSingleKeyShortcut(
    '/',
    useCallback(() => searchRef.current?.focus(), []),
  );
  const name = campaign.data ? titleOf(campaign.data.title, locale) : '';
  useDocumentTitle(name ? `${t('campaigns.registrations.title')} · ${name}` : t('campaigns.registrations.title'));

  const sites = (campaign.data?.sites ?? []).filter((s) => seesRegistrations(user, s.missionCode));
  const siteOf = (siteId: string) => campaign.data?.sites.find((s) => s.id === siteId);
  const groups = [...(campaign.data?.eligibility.priorityGroups ?? [])].sort((a, b) => a.rank - b.rank);
  const groupLabel = (code: string | null) => {
    const group = groups.find((g) => g.code === code);
    return group ? titleOf(group.label, locale) : '—';
  };

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const f of FILTERS) if (draft[f].trim()) next.set(f, draft[f].trim());
    setParams(next);
  }

  const select = (field: 'siteId' | 'status' | 'priorityGroup', label: string, options: [string, string][]) => (
    <div className="form-group">
      <label className="label" htmlFor={`reg-${field}`}>
        {label}
      </label>
      <select
        id={`reg-${field}`}
        className="select"
        value={draft[field]}
        onChange={(e) => setDraft({ ...draft, [field]: e.target.value })}
      >
        <option value="">{t('campaigns.registrations.any')}</option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );

  const data = state.data;
  const filtered = FILTERS.some((f) => filter[f]);
  return (
    <>
      <p>
        <Link to={`/campaigns/${encodeURIComponent(id)}`}>{t('campaigns.progress.back', { name: name || '…' })}</Link>
      </p>
      <h1>
        {t('campaigns.registrations.title')}
        {name ? <span className="camp-subtitle">{name}</span> : null}
      </h1>
      <p>{t('campaigns.registrations.audited')}</p>
      <search className="filter">
        <form onSubmit={onSubmit} className="filter__form filter__form--grid">
          <div className="form-group">
            <label className="label" htmlFor="reg-q">
              {t('campaigns.registrations.search')}
            </label>
            {shortcuts ? (
              <p className="hint" id="reg-q-hint">
                {t('campaigns.list.searchHint')}
              </p>
            ) : null}
            <input
              id="reg-q"
              ref={searchRef}
              className="input"
              type="search"
              autoComplete="off"
              value={draft.q}
              aria-describedby={shortcuts ? 'reg-q-hint' : undefined}
              onChange={(e) => setDraft({ ...draft, q: e.target.value })}
            />
          </div>
          {select(
            'siteId',
            t('campaigns.registrations.site'),
            sites.map((s) => [s.id, titleOf(s.name, locale)]),
          )}
          {select(
            'status',
            t('campaigns.fields.status'),
            REGISTRATION_STATUSES.map((s) => [s, t(`campaigns.registrationStatus.${s}`)]),
          )}
          {select(
            'priorityGroup',
            t('campaigns.fields.priorityGroup'),
            groups.map((g) => [g.code, titleOf(g.label, locale)]),
          )}
          <div className="filter__actions">
            <button type="submit" className="button">
              {t('campaigns.registrations.apply')}
            </button>
            {filtered ? (
              <Link to={`/campaigns/${encodeURIComponent(id)}/registrations`} className="link-button">
                {t('campaigns.list.clear')}
              </Link>
            ) : null}
          </div>
        </form>
      </search>
      <LoadError state={state} />
      {data ? (
        data.items.length === 0 ? (
          <p>{filtered ? t('campaigns.registrations.noMatch') : t('campaigns.registrations.empty')}</p>
        ) : (
          <>
            <p role="status" className="count">
              {t('campaigns.registrations.count', { count: data.total, formatted: formatNumber(data.total, locale) })}
            </p>
            <section
              className="table-wrap camp-table-wrap"
              aria-label={t('campaigns.registrations.title')}
              // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1).
              tabIndex={0}
            >
              <table className="table">
                <caption className="visually-hidden">{t('campaigns.registrations.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('campaigns.desk.person')}</th>
                    <th scope="col">{t('campaigns.registrations.country')}</th>
                    <th scope="col">{t('campaigns.fields.priorityGroup')}</th>
                    <th scope="col">{t('campaigns.fields.status')}</th>
                    <th scope="col">{t('campaigns.registrations.seat')}</th>
                    <th scope="col">{t('campaigns.registrations.registered')}</th>
                    <th scope="col">{t('campaigns.registrations.doses')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((r) => {
                    const site = r.allocation ? siteOf(r.allocation.siteId) : undefined;
                    return (
                      <tr key={r.id}>
                        <th scope="row">
                          {r.personName}
                          {r.nativeName ? (
                            <>
                              {' '}
                              <span lang="zh-CN">{r.nativeName}</span>
                            </>
                          ) : null}
                        </th>
                        <td>{r.country}</td>
                        <td>{groupLabel(r.priorityGroup)}</td>
                        <td>
                          <RegistrationStatusTag status={r.status} />
                        </td>
                        <td>
                          {r.allocation ? (
                            <>
                              {titleOf(r.allocation.siteName, locale)}
                              <br />
                              {site
                                ? t('campaigns.registrations.seatAt', {
                                    date: formatDay(todayIn(site.timeZone, new Date(r.allocation.startsAt)), locale),
                                    time: timeAt(r.allocation.startsAt, site.timeZone, locale),
                                  })
                                : formatDateTime(r.allocation.startsAt, locale)}
                            </>
                          ) : (
                            '—'
                          )}
                        </td>
                        <td className="nowrap">{formatDateTime(r.registeredAt, locale)}</td>
                        <td>
                          <DoseList
                            registration={r}
                            canIssue={user.role === 'health_issuer'}
                            certifiable={Boolean(campaign.data?.vaccine?.productCode)}
                            onIssued={state.retry}
                          />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </section>
            <Pagination page={data.page} total={data.total} pageSize={REGISTRATIONS_PAGE_SIZE} />
          </>
        )
      ) : state.status === 'loading' ? (
        <p className="loading" role="status">
          {t('app.loading')}
        </p>
      ) : null}
    </>
  );
}
