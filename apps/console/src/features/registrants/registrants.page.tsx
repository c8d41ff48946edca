import type { Country } from '@homeward/shared';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { formatNumber } from '../../lib/format.ts';
import { LoadError } from '../../lib/load-error.component.tsx';
import { useApi } from '../../lib/use-api.hook.ts';
import { useSessionUser } from '../auth/session.context.tsx';
import { COUNTRIES_PATH } from '../missions/missions.api.ts';
import { ExportDialog } from './export-dialog.component.tsx';
import { formatDay } from './registrant-format.ts';
import {
  filtersFrom,
  listPath,
  type RegistrantFilters,
  type RegistrantPage,
  type RegistrantsSummary,
  summaryPath,
} from './registrants.api.ts';
import { RegistrantsMap } from './registrants-map.component.tsx';
import { RegistrantsTable } from './registrants-table.component.tsx';
import './registrants.css';

/**
 * Registrants where they are on a day: a map per country (and per city inside a country), the same counts as
 * tables, then the people themselves. Every filter is in the URL, so a view can be shared with a colleague.
 */
export function RegistrantsPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const user = useSessionUser();
  useDocumentTitle(t('registrants.title'));
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const summary = useApi<RegistrantsSummary>(summaryPath(filters));
  const people = useApi<RegistrantPage>(listPath(filters, page));
  const countries = useApi<Country[]>(COUNTRIES_PATH);
  const names = useMemo(
    () => new Map((countries.data ?? []).map((c) => [c.code, c.name[locale]])),
    [countries.data, locale],
  );
  const countryName = (code: string) => names.get(code) ?? code;
  const [draft, setDraft] = useState({ at: filters.at, kind: filters.kind, q: filters.q });

  const go = (next: Partial<RegistrantFilters>) => {
    const merged = { ...filters, ...next };
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(merged)) if (value) search.set(key, value);
    setParams(search);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    go({ at: draft.at, kind: draft.kind, q: draft.q.trim() });
  };
  const selectCountry = (country: string) => go({ country, region: '' });

  const scoped = user.role === 'consular_officer' || user.role === 'mission_head';
  const data = summary.data;
  const sortedCountries = useMemo(
    () => [...(data?.countries ?? [])].sort((a, b) => b.count - a.count || a.countryCode.localeCompare(b.countryCode)),
    [data?.countries],
  );
  const filtered = Boolean(filters.at || filters.kind || filters.q || filters.country || filters.region);

  return (
    <>
      <h1>{t('registrants.title')}</h1>
      <p>
        {scoped ? t('registrants.scopeMissions', { missions: user.missions.join('、') }) : t('registrants.scopeAll')}
      </p>

      <search className="filter">
        <form onSubmit={onSubmit} className="filter__form">
          <div className="form-group">
            <label className="label" htmlFor="registrants-at">
              {t('registrants.filters.at')}
            </label>
            <p className="hint" id="registrants-at-hint">
              {t('registrants.filters.atHint')}
            </p>
            <input
              id="registrants-at"
              type="date"
              className="input input--date"
              value={draft.at}
              aria-describedby="registrants-at-hint"
              onChange={(event) => setDraft({ ...draft, at: event.target.value })}
            />
          </div>
          <div className="form-group">
            <label className="label" htmlFor="registrants-kind">
              {t('registrants.filters.kind')}
            </label>
            <select
              id="registrants-kind"
              className="select"
              value={draft.kind}
              onChange={(event) =>
                setDraft({
                  ...draft,
                  kind: event.target.value === 'trip' || event.target.value === 'residence' ? event.target.value : '',
                })
              }
            >
              <option value="">{t('registrants.filters.anyKind')}</option>
              <option value="residence">{t('registrants.kind.residence')}</option>
              <option value="trip">{t('registrants.kind.trip')}</option>
            </select>
          </div>
          <div className="form-group">
            <label className="label" htmlFor="registrants-q">
              {t('registrants.filters.q')}
            </label>
            <p className="hint" id="registrants-q-hint">
              {t('registrants.filters.qHint')}
            </p>
            <input
              id="registrants-q"
              type="search"
              className="input"
              autoComplete="off"
              maxLength={100}
              value={draft.q}
              aria-describedby="registrants-q-hint"
              onChange={(event) => setDraft({ ...draft, q: event.target.value })}
            />
          </div>
          <div className="filter__actions">
            <button type="submit" className="button">
              {t('registrants.filters.apply')}
            </button>
            {filtered ? (
              <Link to="/registrants" onClick={() => setDraft({ at: '', kind: '', q: '' })}>
                {t('registrants.filters.clear')}
              </Link>
            ) : null}
          </div>
        </form>
      </search>

      <LoadError state={summary} />
      {data ? (
        <section className="section registrants-where" aria-labelledby="registrants-map-heading">
          <h2 id="registrants-map-heading">
            {filters.country
              ? t('registrants.map.countryHeading', { name: countryName(filters.country) })
              : t('registrants.map.worldHeading')}
          </h2>
          <p className="count" role="status">
            <strong>
              {t('registrants.total', {
                count: data.total,
                formatted: formatNumber(data.total, locale),
                day: formatDay(data.at, locale),
              })}
            </strong>
          </p>
          {filters.country ? (
            <p>
              <button type="button" className="link-button" onClick={() => go({ country: '', region: '' })}>
                {t('registrants.map.backToWorld')}
              </button>
            </p>
          ) : null}
          <div className="registrants-where__grid">
            <RegistrantsMap summary={data} countryName={countryName} onSelectCountry={selectCountry} />
            <div className="registrants-where__lists">
              {filters.country ? (
                <AreaCounts
                  caption={t('registrants.regions.caption')}
                  nameHeading={t('registrants.regions.name')}
                  rows={data.regions.map((r) => ({
                    key: r.regionCode ?? '-',
                    name: r.regionCode
                      ? `${r.name ?? r.regionCode} (${r.regionCode})`
                      : t('registrants.regions.unknown'),
                    count: r.count,
                    current: r.regionCode !== null && r.regionCode === filters.region,
                    onSelect: r.regionCode ? () => go({ region: r.regionCode ?? '' }) : undefined,
                  }))}
                  selectLabel={(name) => t('registrants.regions.select', { name })}
                />
              ) : (
                <AreaCounts
                  caption={t('registrants.countries.caption')}
                  nameHeading={t('registrants.countries.name')}
                  rows={sortedCountries.map((c) => ({
                    key: c.countryCode,
                    name: countryName(c.countryCode),
                    count: c.count,
                    current: false,
                    onSelect: () => selectCountry(c.countryCode),
                  }))}
                  selectLabel={(name) => t('registrants.countries.select', { name })}
                />
              )}
              {filters.country && data.cities.length > 0 ? (
                <AreaCounts
                  caption={t('registrants.cities.caption')}
                  nameHeading={t('registrants.cities.name')}
                  rows={data.cities
                    .slice(0, 15)
                    .map((c) => ({ key: String(c.cityId), name: c.name, count: c.count, current: false }))}
                  selectLabel={(name) => name}
                />
              ) : null}
            </div>
          </div>
        </section>
      ) : summary.status === 'loading' ? (
        <p role="status" aria-busy="true">
          {t('app.loading')}
        </p>
      ) : null}

      <section className="section" aria-labelledby="registrants-people-heading">
        <div className="page-head">
          <h2 id="registrants-people-heading">{t('registrants.people.heading')}</h2>
          <ExportDialog filters={filters} count={people.data?.total ?? null} />
        </div>
        {filters.region ? (
          <p>
            {t('registrants.people.inRegion', { region: filters.region })}{' '}
            <button type="button" className="link-button" onClick={() => go({ region: '' })}>
              {t('registrants.people.wholeCountry')}
            </button>
          </p>
        ) : null}
        <LoadError state={people} />
        <RegistrantsTable state={people} countryName={countryName} />
      </section>
    </>
  );
}

interface AreaRow {
  key: string;
  name: string;
  count: number;
  current: boolean;
  onSelect?: (() => void) | undefined;
}

/** The map's numbers as a table: the accessible way to read and choose a country or region. */
function AreaCounts({
  caption,
  nameHeading,
  rows,
  selectLabel,
}: {
  caption: string;
  nameHeading: string;
  rows: AreaRow[];
  selectLabel: (name: string) => string;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  if (rows.length === 0) return <p>{t('registrants.people.empty')}</p>;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1).
    <section className="table-wrap registrants-areas" tabIndex={0} aria-label={caption}>
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{nameHeading}</th>
            <th scope="col" className="numeric">
              {t('registrants.countries.count')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} aria-current={row.current ? 'true' : undefined}>
              <th scope="row">
                {row.onSelect ? (
                  <button
                    type="button"
                    className="link-button"
                    onClick={row.onSelect}
                    aria-label={selectLabel(row.name)}
                  >
                    {row.name}
                  </button>
                ) : (
                  row.name
                )}
              </th>
              <td className="numeric">{formatNumber(row.count, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
