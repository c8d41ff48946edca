import { type FormEvent, useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { canOpen } from '../../app/access.ts';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { formatNumber, sortByName } from '../../lib/format.ts';
import { LoadError } from '../../lib/load-error.component.tsx';
import { useApi } from '../../lib/use-api.hook.ts';
import { useSessionUser } from '../auth/session.context.tsx';
import { useShortcutsEnabled, useSingleKeyShortcut } from '../settings/shortcuts.store.ts';
import { MissionLocalTime } from './mission-local-time.component.tsx';
import {
  COUNTRIES_PATH,
  type Country,
  isSort,
  type MissionPage,
  type MissionSort,
  missionsPath,
} from './missions.api.ts';
import { Pagination } from './pagination.component.tsx';

/** MOJ filter + sortable table: every choice is in the URL, so a view can be shared or bookmarked. */
export function MissionsTablePage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const canEdit = canOpen(useSessionUser().role, 'missionsAdmin');
  useDocumentTitle(t('missions.title'));
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const country = params.get('country') ?? '';
  const sortParam = params.get('sort');
  const sort: MissionSort = isSort(sortParam) ? sortParam : 'name';
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);

  const [draftQ, setDraftQ] = useState(q);
  const [draftCountry, setDraftCountry] = useState(country);
  const searchRef = useRef<HTMLInputElement>(null);
  const shortcuts = useShortcutsEnabled();
  useSingleKeyShortcut(
    '/',
    useCallback(() => searchRef.current?.focus(), []),
  );

  const countries = useApi<Country[]>(COUNTRIES_PATH);
  const results = useApi<MissionPage>(missionsPath({ q, country, sort, page }));
  const countryNames = useMemo(
    () => new Map((countries.data ?? []).map((c) => [c.code, c.name[locale]])),
    [countries.data, locale],
  );
  const sortedCountries = useMemo(() => sortByName(countries.data ?? [], locale), [countries.data, locale]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (draftQ.trim()) next.set('q', draftQ.trim());
    if (draftCountry) next.set('country', draftCountry);
    if (sort !== 'name') next.set('sort', sort);
    setParams(next);
  };

  const sortHref = (column: MissionSort) => {
    const next = new URLSearchParams(params);
    next.set('sort', column);
    next.delete('page');
    return `?${next}`;
  };

  const data = results.data;
  const from = data && data.total > 0 ? (data.page - 1) * data.pageSize + 1 : 0;
  const to = data ? from + data.items.length - 1 : 0;
  const columns: { key: MissionSort | null; label: string }[] = [
    { key: 'name', label: t('missions.columns.name') },
    { key: null, label: t('missions.columns.kind') },
    { key: 'city', label: t('missions.columns.city') },
    { key: 'country', label: t('missions.columns.country') },
    { key: null, label: t('missions.columns.phone') },
    { key: null, label: t('missions.columns.localTime') },
    ...(canEdit ? [{ key: null, label: t('missionEdit.actions') }] : []),
  ];

  return (
    <>
      <h1>{t('missions.title')}</h1>
      {canEdit ? (
        <p>
          <Link to="/missions/new" className="button button--secondary">
            {t('missionEdit.add')}
          </Link>
        </p>
      ) : null}
      <search className="filter">
        <form onSubmit={onSubmit} className="filter__form">
          <div className="form-group">
            <label className="label" htmlFor="search">
              {t('missions.search')}
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
              value={draftQ}
              onChange={(event) => setDraftQ(event.target.value)}
              aria-describedby={shortcuts ? 'search-hint' : undefined}
            />
          </div>
          <div className="form-group">
            <label className="label" htmlFor="country">
              {t('missions.country')}
            </label>
            <select
              id="country"
              className="select"
              name="country"
              value={draftCountry}
              onChange={(event) => setDraftCountry(event.target.value)}
            >
              <option value="">{t('missions.anyCountry')}</option>
              {sortedCountries.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name[locale]}
                </option>
              ))}
            </select>
          </div>
          <div className="filter__actions">
            <button type="submit" className="button">
              {t('missions.apply')}
            </button>
            {q || country ? (
              <Link
                to="/home"
                onClick={() => {
                  setDraftQ('');
                  setDraftCountry('');
                }}
              >
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
            <strong>{t('missions.count', { count: data.total, formatted: formatNumber(data.total, locale) })}</strong>
            {data.total > 0
              ? ` · ${t('missions.range', { from: formatNumber(from, locale), to: formatNumber(to, locale), total: formatNumber(data.total, locale) })}`
              : null}
          </p>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard to scroll it (WCAG 2.1.1). */}
          <section className="table-wrap" aria-label={t('missions.title')} tabIndex={0}>
            <table className="table">
              <caption className="visually-hidden">
                {t('missions.caption', { sort: t(`missions.columns.${sort}`) })}
              </caption>
              <thead>
                <tr>
                  {columns.map((column) => (
                    <th
                      key={column.label}
                      scope="col"
                      aria-sort={column.key === null ? undefined : column.key === sort ? 'ascending' : 'none'}
                    >
                      {column.key === null ? (
                        column.label
                      ) : (
                        <Link to={sortHref(column.key)} className="sort-link">
                          {column.label}
                          <span aria-hidden="true" className="sort-link__arrow">
                            {column.key === sort ? '▲' : '↕'}
                          </span>
                        </Link>
                      )}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.items.map((mission) => (
                  <tr key={mission.code}>
                    <th scope="row">
                      {mission.name[locale]}
                      <span className="muted code">{mission.code}</span>
                    </th>
                    <td>{t(`missions.kind.${mission.kind}`)}</td>
                    <td>{mission.city[locale]}</td>
                    <td>{countryNames.get(mission.countryCode) ?? mission.countryCode}</td>
                    <td className="nowrap">
                      {mission.phoneDisplay ?? mission.phone ?? <span className="muted">{t('missions.noPhone')}</span>}
                    </td>
                    <td className="nowrap">
                      <MissionLocalTime timeZone={mission.timezone} />
                    </td>
                    {canEdit ? (
                      <td>
                        <Link to={`/missions/${mission.code}/edit`}>
                          {t('missionEdit.edit')}
                          <span className="visually-hidden"> {mission.name[locale]}</span>
                        </Link>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          {data.items.length === 0 ? <p>{t('missions.none')}</p> : null}
          <Pagination page={data.page} total={data.total} pageSize={data.pageSize} />
        </div>
      ) : null}
    </>
  );
}
