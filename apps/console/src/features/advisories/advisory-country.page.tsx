import type { Advisory } from '@homeward/shared';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../lib/format.ts';
import { LoadError } from '../../lib/load-error.component.tsx';
import { useApi } from '../../lib/use-api.hook.ts';
import { Pagination } from '../missions/pagination.component.tsx';
import { type AdvisoryCountry, countryAdvisoriesPath, HISTORY_PAGE_SIZE } from './advisories.api.ts';
import { AdvisoryMarkdown } from './advisory-markdown.component.tsx';
import { LevelTag } from './level-tag.component.tsx';

/** One country: the advisory in force, its regions', and every version ever published, newest first. */
export function AdvisoryCountryPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { country = '' } = useParams();
  const [params] = useSearchParams();
  const notice = (useLocation().state as { published?: string } | null)?.published ?? '';
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const state = useApi<AdvisoryCountry>(countryAdvisoriesPath(country, page));
  const data = state.data;
  const name = data?.countryName[locale] ?? country;
  useDocumentTitle(t('advisories.countryTitle', { country: name }));
  return (
    <>
      <p>
        <Link to="/advisories">{t('advisories.back')}</Link>
      </p>
      <h1>{t('advisories.countryTitle', { country: name })}</h1>
      <p role="status" className="status-line">
        {notice}
      </p>
      <LoadError state={state} />
      {data ? (
        <>
          <p>
            <Link className="button" to={`/advisories/publish?country=${country}`}>
              {t('advisories.publishFor', { country: name })}
            </Link>
          </p>
          <h2>{t('advisories.current')}</h2>
          {data.current ? <AdvisoryBlock advisory={data.current} /> : <p>{t('advisories.noneInForce')}</p>}
          {data.regions.length > 0 ? (
            <>
              <h2>{t('advisories.regions')}</h2>
              {data.regions.map((a) => (
                <AdvisoryBlock key={a.id} advisory={a} />
              ))}
            </>
          ) : null}
          <h2>{t('advisories.history')}</h2>
          {data.history.total === 0 ? (
            <p>{t('advisories.noHistory')}</p>
          ) : (
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1).
            <section className="table-wrap" aria-label={t('advisories.history')} tabIndex={0}>
              <table className="table advisory-table">
                <caption className="visually-hidden">
                  {t('advisories.historyCaption', { count: data.history.total })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('advisories.columns.published')}</th>
                    <th scope="col">{t('advisories.columns.place')}</th>
                    <th scope="col">{t('advisories.columns.level')}</th>
                    <th scope="col">{t('advisories.columns.summary')}</th>
                    <th scope="col">{t('advisories.columns.state')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.history.items.map((a) => (
                    <tr key={a.id}>
                      <th scope="row" className="nowrap">
                        {formatDateTime(a.publishedAt, locale)}
                      </th>
                      <td>{a.regionName ?? t('advisories.wholeCountry')}</td>
                      <td>
                        <LevelTag level={a.level} />
                      </td>
                      <td lang={locale}>{a.summary[locale]}</td>
                      <td>
                        {a.supersededAt
                          ? t('advisories.supersededAt', { at: formatDateTime(a.supersededAt, locale) })
                          : t('advisories.inForce')}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
          <Pagination page={page} total={data.history.total} pageSize={HISTORY_PAGE_SIZE} />
        </>
      ) : state.status === 'loading' ? (
        <p className="loading">{t('advisories.loading')}</p>
      ) : null}
    </>
  );
}

function AdvisoryBlock({ advisory }: { advisory: Advisory }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <section className="advisory-preview" aria-label={advisory.regionName ?? t('advisories.wholeCountry')}>
      <p>
        <strong>{advisory.regionName ?? t('advisories.wholeCountry')}</strong> <LevelTag level={advisory.level} />
      </p>
      <p lang={locale}>{advisory.summary[locale]}</p>
      <AdvisoryMarkdown text={advisory.details[locale]} lang={locale} />
      <p className="muted">
        {t('advisories.effective', { from: formatDateTime(advisory.effectiveFrom, locale) })}
        {advisory.effectiveUntil
          ? ` ${t('advisories.until', { until: formatDateTime(advisory.effectiveUntil, locale) })}`
          : ''}
      </p>
    </section>
  );
}
