import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../lib/format.ts';
import { LoadError } from '../../lib/load-error.component.tsx';
import { useApi } from '../../lib/use-api.hook.ts';
import { ADVISORIES_PATH, type AdvisoryList } from './advisories.api.ts';
import { LevelTag } from './level-tag.component.tsx';

/** The advisories in force, highest level first; each row opens the country's history. */
export function AdvisoriesPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const state = useApi<AdvisoryList>(ADVISORIES_PATH);
  useDocumentTitle(t('advisories.title'));
  const items = [...(state.data?.items ?? [])].sort(
    (a, b) =>
      b.level - a.level ||
      a.countryName[locale].localeCompare(b.countryName[locale], locale) ||
      a.region.localeCompare(b.region),
  );
  return (
    <>
      <h1>{t('advisories.title')}</h1>
      <p>{t('advisories.intro')}</p>
      <p>
        <Link className="button" to="/advisories/publish">
          {t('advisories.publishAction')}
        </Link>
      </p>
      <LoadError state={state} />
      {state.data ? (
        items.length === 0 ? (
          <p>{t('advisories.empty')}</p>
        ) : (
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1).
          <section className="table-wrap" aria-label={t('advisories.title')} tabIndex={0}>
            <table className="table advisory-table">
              <caption className="visually-hidden">{t('advisories.caption', { count: items.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('advisories.columns.place')}</th>
                  <th scope="col">{t('advisories.columns.level')}</th>
                  <th scope="col">{t('advisories.columns.summary')}</th>
                  <th scope="col">{t('advisories.columns.published')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">
                      <Link to={`/advisories/${a.country}`}>{a.countryName[locale]}</Link>
                      {a.regionName ? (
                        <>
                          <br />
                          {t('advisories.regionOnly', { region: a.regionName })}
                        </>
                      ) : null}
                    </th>
                    <td>
                      <LevelTag level={a.level} />
                    </td>
                    <td lang={locale}>{a.summary[locale]}</td>
                    <td className="nowrap">{formatDateTime(a.publishedAt, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )
      ) : state.status === 'loading' ? (
        <p className="loading">{t('advisories.loading')}</p>
      ) : null}
    </>
  );
}
