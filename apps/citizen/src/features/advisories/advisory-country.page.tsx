import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { dateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.hook.ts';
import { LoadFailed, SavedAge } from '../offline/offline.component.tsx';
import { type Advisory, type AdvisoryCountry, countryAdvisoriesPath, HISTORY_PAGE_SIZE } from './advisories.api.ts';
import { LevelTag } from './level-tag.component.tsx';
import { Markdown } from './markdown.component.tsx';
import { SubscribeSection } from './subscribe.section.tsx';

/** One country: the level in force, what it means, regional advisories, every earlier version, and Subscribe. */
export function AdvisoryCountryPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { country = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const state = useApi<AdvisoryCountry>(countryAdvisoriesPath(country, page));
  const data = state.data;
  const name = data?.countryName[locale] ?? country;
  useDocumentTitle(t('advisories.countryTitle', { country: name }));
  const last = data ? Math.max(1, Math.ceil(data.history.total / HISTORY_PAGE_SIZE)) : 1;
  const goTo = (p: number) => setParams(p > 1 ? { page: String(p) } : {});

  return (
    <>
      <p>
        <Link to="/advisories">{t('advisories.back')}</Link>
      </p>
      <h1>{t('advisories.countryTitle', { country: name })}</h1>
      {state.status === 'error' ? <LoadFailed onRetry={state.retry} /> : null}
      {state.status === 'loading' ? <p className="loading">{t('advisories.loading')}</p> : null}
      {data ? (
        <>
          {state.savedAt !== null ? <SavedAge savedAt={state.savedAt} /> : null}
          {data.current ? (
            <AdvisoryBlock advisory={data.current} heading={t('advisories.wholeCountry')} />
          ) : (
            <p>{t('advisories.noneInForce')}</p>
          )}
          {data.regions.length > 0 ? (
            <section aria-labelledby="advisory-regions">
              <h2 id="advisory-regions">{t('advisories.regions')}</h2>
              {data.regions.map((a) => (
                <AdvisoryBlock key={a.id} advisory={a} heading={a.regionName ?? a.region} />
              ))}
            </section>
          ) : null}
          <SubscribeSection country={country} countryName={name} />
          <section aria-labelledby="advisory-history">
            <h2 id="advisory-history">{t('advisories.history')}</h2>
            {data.history.total === 0 ? (
              <p>{t('advisories.noHistory')}</p>
            ) : (
              <ol className="advisory-history">
                {data.history.items.map((a) => (
                  <li key={a.id}>
                    <p>
                      <time dateTime={a.publishedAt}>{dateTime(a.publishedAt, locale)}</time> ·{' '}
                      {a.regionName ?? t('advisories.wholeCountry')}
                    </p>
                    <p>
                      <LevelTag level={a.level} />
                    </p>
                    <p lang={locale}>{a.summary[locale]}</p>
                    <p className="hint">
                      {a.supersededAt
                        ? t('advisories.supersededAt', { at: dateTime(a.supersededAt, locale) })
                        : t('advisories.inForce')}
                    </p>
                  </li>
                ))}
              </ol>
            )}
            {last > 1 ? (
              <nav className="advisory-pager" aria-label={t('advisories.historyPages')}>
                {page > 1 ? (
                  <button type="button" className="button button--secondary" onClick={() => goTo(page - 1)}>
                    {t('advisories.newer')}
                  </button>
                ) : null}
                <p>{t('advisories.pageOf', { page, last })}</p>
                {page < last ? (
                  <button type="button" className="button button--secondary" onClick={() => goTo(page + 1)}>
                    {t('advisories.older')}
                  </button>
                ) : null}
              </nav>
            ) : null}
          </section>
        </>
      ) : null}
    </>
  );
}

function AdvisoryBlock({ advisory, heading }: { advisory: Advisory; heading: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <section className="advisory-block" aria-label={heading}>
      <h2>{heading}</h2>
      <p>
        <LevelTag level={advisory.level} />
      </p>
      <p>{t(`advisories.levelMeaning.${advisory.level}`)}</p>
      <p lang={locale}>
        <strong>{advisory.summary[locale]}</strong>
      </p>
      <Markdown text={advisory.details[locale]} lang={locale} />
      <p className="hint">
        {t('advisories.effective', { from: dateTime(advisory.effectiveFrom, locale) })}
        {advisory.effectiveUntil
          ? ` ${t('advisories.until', { until: dateTime(advisory.effectiveUntil, locale) })}`
          : ''}
      </p>
    </section>
  );
}
