import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { useApi } from '../../lib/use-api.hook.ts';
import { LoadFailed, SavedAge } from '../offline/offline.component.tsx';
import { ADVISORIES_PATH, type AdvisoryLevel, type AdvisoryList, type AdvisorySummary } from './advisories.api.ts';
import { AdvisoriesMap } from './advisories-map.component.tsx';
import { LevelTag } from './level-tag.component.tsx';

interface CountryRow {
  code: string;
  name: string;
  country: AdvisorySummary | null;
  regions: AdvisorySummary[];
}

/** Ignores case, accents and spaces, so "cote d ivoire" finds "Côte d'Ivoire". */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[\s'’-]/g, '')
    .toLowerCase();
}

/** The public travel advisories page: the colour map, then every country with an advisory, searchable. */
export function AdvisoriesPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const state = useApi<AdvisoryList>(ADVISORIES_PATH);
  const [query, setQuery] = useState('');
  useDocumentTitle(t('advisories.title'));

  const rows = useMemo<CountryRow[]>(() => {
    const byCountry = new Map<string, CountryRow>();
    for (const a of state.data?.items ?? []) {
      const row = byCountry.get(a.country) ?? {
        code: a.country,
        name: a.countryName[locale],
        country: null,
        regions: [],
      };
      if (a.region) row.regions.push(a);
      else row.country = a;
      byCountry.set(a.country, row);
    }
    return [...byCountry.values()].sort((a, b) => a.name.localeCompare(b.name, locale));
  }, [state.data, locale]);
  const levels = useMemo(
    () => new Map(rows.flatMap((r): [string, AdvisoryLevel][] => (r.country ? [[r.code, r.country.level]] : []))),
    [rows],
  );
  const names = useMemo(() => new Map(rows.map((r) => [r.code, r.name])), [rows]);
  const folded = fold(query);
  const shown = folded ? rows.filter((r) => fold(r.name).includes(folded) || r.code.toLowerCase() === folded) : rows;

  return (
    <>
      <h1>{t('advisories.title')}</h1>
      <p>{t('advisories.intro')}</p>
      {state.status === 'error' ? <LoadFailed onRetry={state.retry} /> : null}
      {state.status === 'loading' ? <p className="loading">{t('advisories.loading')}</p> : null}
      {state.data ? (
        <>
          {state.savedAt !== null ? <SavedAge savedAt={state.savedAt} /> : null}
          <AdvisoriesMap levels={levels} countryName={(code) => names.get(code) ?? code} />
          <h2 id="advisory-list-heading">{t('advisories.listHeading')}</h2>
          <div className="form-group">
            <label className="label" htmlFor="advisory-search">
              {t('advisories.search')}
            </label>
            <input
              id="advisory-search"
              className="input"
              type="search"
              autoComplete="off"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
            />
          </div>
          <p role="status" className="hint">
            {shown.length === 0 ? t('advisories.noMatch') : t('advisories.count', { count: shown.length })}
          </p>
          <ul className="advisory-list" aria-labelledby="advisory-list-heading">
            {shown.map((row) => (
              <li key={row.code}>
                <Link to={`/advisories/${row.code}`}>
                  <span className="advisory-list__name">{row.name}</span>
                  {row.country ? <LevelTag level={row.country.level} /> : null}
                  {row.regions.length > 0 ? (
                    <span className="advisory-list__summary">
                      {t('advisories.regionalCount', { count: row.regions.length })}{' '}
                      {row.regions.map((r) => (
                        <span key={r.id}>
                          {r.regionName}: <LevelTag level={r.level} />{' '}
                        </span>
                      ))}
                    </span>
                  ) : null}
                  {row.country ? <span className="advisory-list__summary">{row.country.summary[locale]}</span> : null}
                </Link>
              </li>
            ))}
          </ul>
          <p className="hint">{t('advisories.notListed')}</p>
        </>
      ) : null}
    </>
  );
}
