import { type FormEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { LoadError } from '../../lib/load-error.component.tsx';
import { useApi } from '../../lib/use-api.hook.ts';
import { Pagination } from '../missions/pagination.component.tsx';
import { useShortcutsEnabled, useSingleKeyShortcut } from '../settings/shortcuts.store.ts';
import {
  isStaffStatus,
  STAFF_ROLE_LIST,
  STAFF_STATUSES,
  type StaffPage,
  staffPath,
  toStaffRole,
  useAllMissions,
} from './staff.api.ts';

/** Staff accounts (hq_admin): MOJ filter + table, every choice in the URL. */
export function StaffListPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  useDocumentTitle(t('staff.title'));
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const roleParam = params.get('role');
  const role = (roleParam && toStaffRole(roleParam)) || '';
  const mission = params.get('mission') ?? '';
  const statusParam = params.get('status');
  const status = isStaffStatus(statusParam) ? statusParam : '';
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);

  const [draft, setDraft] = useState({ q, role: role as string, mission, status: status as string });
  // Back, Clear and shared links change the URL: the form shows what the table shows.
  useEffect(() => setDraft({ q, role, mission, status }), [q, role, mission, status]);
  const searchRef = useRef<HTMLInputElement>(null);
  const shortcuts = useShortcutsEnabled();
  useSingleKeyShortcut(
    '/',
    useCallback(() => searchRef.current?.focus(), []),
  );

  const missions = useAllMissions();
  const missionNames = useMemo(
    () => new Map((missions.data?.items ?? []).map((m) => [m.code, m.name[locale]])),
    [missions.data, locale],
  );
  const results = useApi<StaffPage>(staffPath({ q, role, mission, status, page }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (draft.q.trim()) next.set('q', draft.q.trim());
    if (draft.role) next.set('role', draft.role);
    if (draft.mission) next.set('mission', draft.mission);
    if (draft.status) next.set('status', draft.status);
    setParams(next);
  };

  const data = results.data;
  const from = data && data.total > 0 ? (data.page - 1) * data.pageSize + 1 : 0;
  const to = data ? from + data.items.length - 1 : 0;
  const filtered = Boolean(q || role || mission || status);

  return (
    <>
      <div className="page-head">
        <h1>{t('staff.title')}</h1>
        <Link to="/staff/new" className="button">
          {t('staff.create')}
        </Link>
      </div>
      <search className="filter">
        <form onSubmit={onSubmit} className="filter__form">
          <div className="form-group">
            <label className="label" htmlFor="search">
              {t('staff.search')}
            </label>
            {shortcuts ? (
              <p className="hint" id="search-hint">
                {t('missions.searchHint')}
              </p>
            ) : null}
            <input
              id="search"
              ref={searchRef}
              className="input"
              type="search"
              name="q"
              autoComplete="off"
              value={draft.q}
              onChange={(event) => setDraft({ ...draft, q: event.target.value })}
              aria-describedby={shortcuts ? 'search-hint' : undefined}
            />
          </div>
          <div className="form-group">
            <label className="label" htmlFor="role">
              {t('staff.role')}
            </label>
            <select
              id="role"
              className="select"
              value={draft.role}
              onChange={(event) => setDraft({ ...draft, role: event.target.value })}
            >
              <option value="">{t('staff.anyRole')}</option>
              {STAFF_ROLE_LIST.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="form-group">
            <label className="label" htmlFor="mission">
              {t('staff.mission')}
            </label>
            <select
              id="mission"
              className="select"
              value={draft.mission}
              onChange={(event) => setDraft({ ...draft, mission: event.target.value })}
            >
              <option value="">{t('staff.anyMission')}</option>
              {(missions.data?.items ?? []).map((m) => (
                <option key={m.code} value={m.code}>
                  {m.name[locale]}
                </option>
              ))}
            </select>
          </div>
          <div className="form-group">
            <label className="label" htmlFor="status">
              {t('staff.status')}
            </label>
            <select
              id="status"
              className="select"
              value={draft.status}
              onChange={(event) => setDraft({ ...draft, status: event.target.value })}
            >
              <option value="">{t('staff.anyStatus')}</option>
              {STAFF_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`staff.statuses.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="filter__actions">
            <button type="submit" className="button">
              {t('missions.apply')}
            </button>
            {filtered ? (
              <Link to="/staff" onClick={() => setDraft({ q: '', role: '', mission: '', status: '' })}>
                {t('missions.clear')}
              </Link>
            ) : null}
          </div>
        </form>
      </search>

      <LoadError state={results} />

      {data ? (
        <div aria-busy={results.status === 'loading'}>
          <p className="count" role="status">
            <strong>{t('staff.count', { count: data.total, formatted: formatNumber(data.total, locale) })}</strong>
            {data.total > 0
              ? ` · ${t('missions.range', { from: formatNumber(from, locale), to: formatNumber(to, locale), total: formatNumber(data.total, locale) })}`
              : null}
          </p>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard to scroll it (WCAG 2.1.1). */}
          <section className="table-wrap" aria-label={t('staff.title')} tabIndex={0}>
            <table className="table table--stack">
              <caption className="visually-hidden">{t('staff.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('staff.columns.name')}</th>
                  <th scope="col">{t('staff.columns.role')}</th>
                  <th scope="col">{t('staff.columns.missions')}</th>
                  <th scope="col">{t('staff.columns.status')}</th>
                  <th scope="col">{t('staff.columns.secondFactor')}</th>
                  <th scope="col">{t('staff.columns.lastSignIn')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('staff.columns.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((account) => (
                  <tr key={account.id}>
                    <th scope="row">
                      {account.displayName}
                      <span className="muted code">{account.email}</span>
                    </th>
                    <td data-label={t('staff.columns.role')}>{t(`roles.${account.role}`)}</td>
                    <td data-label={t('staff.columns.missions')}>
                      {account.missions.length === 0
                        ? t('app.allMissions')
                        : account.missions
                            .map((code) => missionNames.get(code) ?? code)
                            .join(locale === 'zh-CN' ? '、' : ', ')}
                    </td>
                    <td data-label={t('staff.columns.status')}>
                      <span className={`tag tag--${account.status}`}>{t(`staff.statuses.${account.status}`)}</span>
                    </td>
                    <td data-label={t('staff.columns.secondFactor')}>
                      {account.totpEnabled ? t('staff.totpOn') : t('staff.totpPending')}
                    </td>
                    <td data-label={t('staff.columns.lastSignIn')} className="nowrap">
                      {account.lastSignInAt ? formatDateTime(account.lastSignInAt, locale) : t('staff.never')}
                    </td>
                    <td>
                      <Link to={`/staff/edit?${new URLSearchParams({ email: account.email })}`}>
                        {t('staff.change')}
                        <span className="visually-hidden"> {account.displayName}</span>
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          {data.items.length === 0 ? <p>{t('staff.none')}</p> : null}
          <Pagination page={data.page} total={data.total} pageSize={data.pageSize} />
        </div>
      ) : null}
    </>
  );
}
