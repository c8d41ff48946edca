import { BUSINESS_SECTORS, type BusinessSector } from '@homeward/shared';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { formatNumber } from '../../lib/format.ts';
import { LoadError } from '../../lib/load-error.component.tsx';
import { useApi } from '../../lib/use-api.hook.ts';
import { useSessionUser } from '../auth/session.context.tsx';
import { Pagination } from '../missions/pagination.component.tsx';
import { type EnterpriseSitePage, type EnterpriseSummary, SUMMARY_PATH, sitesPath } from './enterprises.api.ts';
import './enterprises.css';

const SECTOR_KEYS = Object.keys(BUSINESS_SECTORS) as BusinessSector[];
const isSector = (value: string | null): value is BusinessSector =>
  value !== null && (SECTOR_KEYS as string[]).includes(value);

/** Enterprises abroad: a summary per country, then their sites, filtered by country, sector and name (in the URL). */
export function EnterprisesPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const user = useSessionUser();
  useDocumentTitle(t('enterprises.title'));
  const [params, setParams] = useSearchParams();
  const country = /^[A-Z]{2}$/.test(params.get('country') ?? '') ? (params.get('country') as string) : '';
  const sectorParam = params.get('sector');
  const sector = isSector(sectorParam) ? sectorParam : '';
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const [draft, setDraft] = useState({ country, sector: sector as string, q });
  const summary = useApi<EnterpriseSummary>(SUMMARY_PATH);
  const sites = useApi<EnterpriseSitePage>(sitesPath({ country, sector, q, page }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (draft.country) next.set('country', draft.country);
    if (draft.sector) next.set('sector', draft.sector);
    if (draft.q.trim()) next.set('q', draft.q.trim());
    setParams(next);
  };
  const scoped = user.role === 'consular_officer' || user.role === 'mission_head';
  const countries = summary.data?.items ?? [];

  return (
    <>
      <h1>{t('enterprises.title')}</h1>
      <p>
        {scoped ? t('enterprises.scopeMissions', { missions: user.missions.join('、') }) : t('enterprises.scopeAll')}
      </p>

      <h2>{t('enterprises.byCountry')}</h2>
      <LoadError state={summary} />
      {summary.data ? (
        summary.data.items.length === 0 ? (
          <p>{t('enterprises.none')}</p>
        ) : (
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1).
          <section className="table-wrap" aria-label={t('enterprises.byCountry')} tabIndex={0}>
            <table className="table">
              <caption className="visually-hidden">{t('enterprises.summaryCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('enterprises.columns.country')}</th>
                  <th scope="col" className="numeric">
                    {t('enterprises.columns.enterprises')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('enterprises.columns.sites')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('enterprises.columns.headcount')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {summary.data.items.map((c) => (
                  <tr key={c.countryCode}>
                    <th scope="row">
                      <Link to={`/enterprises?country=${c.countryCode}`}>{c.countryName[locale]}</Link>
                    </th>
                    <td className="numeric">{formatNumber(c.enterprises, locale)}</td>
                    <td className="numeric">{formatNumber(c.sites, locale)}</td>
                    <td className="numeric">{formatNumber(c.headcount, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )
      ) : null}

      <h2>{t('enterprises.sitesHeading')}</h2>
      <search className="filter">
        <form onSubmit={onSubmit} className="filter__form">
          <div className="form-group">
            <label className="label" htmlFor="ent-country">
              {t('enterprises.columns.country')}
            </label>
            <select
              id="ent-country"
              className="select"
              value={draft.country}
              onChange={(event) => setDraft({ ...draft, country: event.target.value })}
            >
              <option value="">{t('enterprises.anyCountry')}</option>
              {countries.map((c) => (
                <option key={c.countryCode} value={c.countryCode}>
                  {c.countryName[locale]}
                </option>
              ))}
            </select>
          </div>
          <div className="form-group">
            <label className="label" htmlFor="ent-sector">
              {t('enterprises.columns.sector')}
            </label>
            <select
              id="ent-sector"
              className="select"
              value={draft.sector}
              onChange={(event) => setDraft({ ...draft, sector: event.target.value })}
            >
              <option value="">{t('enterprises.anySector')}</option>
              {SECTOR_KEYS.map((key) => (
                <option key={key} value={key}>
                  {BUSINESS_SECTORS[key][locale]}
                </option>
              ))}
            </select>
          </div>
          <div className="form-group">
            <label className="label" htmlFor="ent-q">
              {t('enterprises.search')}
            </label>
            <input
              id="ent-q"
              className="input"
              autoComplete="off"
              value={draft.q}
              onChange={(event) => setDraft({ ...draft, q: event.target.value })}
            />
          </div>
          <div className="filter__actions">
            <button type="submit" className="button">
              {t('enterprises.apply')}
            </button>
            {country || sector || q ? (
              <Link to="/enterprises" onClick={() => setDraft({ country: '', sector: '', q: '' })}>
                {t('enterprises.clear')}
              </Link>
            ) : null}
          </div>
        </form>
      </search>

      <LoadError state={sites} />
      {sites.data ? (
        <div aria-busy={sites.status === 'loading'}>
          <p className="count" role="status">
            <strong>
              {t('enterprises.count', { count: sites.data.total, formatted: formatNumber(sites.data.total, locale) })}
            </strong>
          </p>
          {sites.data.items.length === 0 ? (
            <p>{t('enterprises.empty')}</p>
          ) : (
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1).
            <section className="table-wrap" aria-label={t('enterprises.sitesHeading')} tabIndex={0}>
              <table className="table">
                <caption className="visually-hidden">{t('enterprises.sitesCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('enterprises.columns.enterprise')}</th>
                    <th scope="col">{t('enterprises.columns.site')}</th>
                    <th scope="col">{t('enterprises.columns.sector')}</th>
                    <th scope="col">{t('enterprises.columns.place')}</th>
                    <th scope="col" className="numeric">
                      {t('enterprises.columns.headcount')}
                    </th>
                    <th scope="col" className="numeric">
                      {t('enterprises.columns.staff')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {sites.data.items.map((s) => (
                    <tr key={s.siteId}>
                      <td>{s.organisationName}</td>
                      <th scope="row">
                        <Link to={`/enterprises/sites/${s.siteId}`}>{s.siteName}</Link>
                      </th>
                      <td>{s.sector ? BUSINESS_SECTORS[s.sector][locale] : '—'}</td>
                      <td>{[s.cityName, s.regionName, s.countryName[locale]].filter(Boolean).join(', ')}</td>
                      <td className="numeric">{formatNumber(s.headcount, locale)}</td>
                      <td className="numeric">{formatNumber(s.staffCount, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
          <Pagination page={sites.data.page} total={sites.data.total} pageSize={sites.data.pageSize} />
        </div>
      ) : sites.status === 'loading' ? (
        <p role="status" aria-busy="true">
          …
        </p>
      ) : null}
    </>
  );
}
