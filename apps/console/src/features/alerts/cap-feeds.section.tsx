import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { LoadError } from '../../lib/load-error.component.tsx';
import { useApi } from '../../lib/use-api.hook.ts';
import { type CapFeedStatusList, capFeedsPath } from './alerts.api.ts';

/**
 * The CAP sources the server polls (HOMEWARD_CAP_FEEDS): per source its last fetch, its last error in words (not
 * only a colour) and how many new signals it brought (decision 0025).
 */
export function CapFeedsSection() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const state = useApi<CapFeedStatusList>(capFeedsPath);
  const data = state.data;
  return (
    <section aria-labelledby="cap-feeds-heading" className="cap-feeds">
      <h2 id="cap-feeds-heading">{t('alerts.feeds.heading')}</h2>
      <LoadError state={state} />
      {data ? (
        data.items.length === 0 ? (
          <p>{t('alerts.feeds.none')}</p>
        ) : (
          <>
            <p className="hint">{t('alerts.feeds.every', { minutes: Math.round(data.pollEverySeconds / 60) })}</p>
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1). */}
            <section className="table-wrap" aria-label={t('alerts.feeds.heading')} tabIndex={0}>
              <table className="table">
                <caption className="visually-hidden">{t('alerts.feeds.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('alerts.feeds.columns.source')}</th>
                    <th scope="col">{t('alerts.feeds.columns.lastFetch')}</th>
                    <th scope="col">{t('alerts.feeds.columns.state')}</th>
                    <th scope="col">{t('alerts.feeds.columns.signals')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((feed) => (
                    <tr key={feed.url}>
                      <th scope="row" className="break">
                        {feed.url}
                      </th>
                      <td className="nowrap">
                        {feed.lastFetchedAt ? formatDateTime(feed.lastFetchedAt, locale) : t('alerts.feeds.never')}
                        {feed.lastStatus !== null ? (
                          <>
                            <br />
                            <span className="hint">
                              {feed.lastStatus === 304
                                ? t('alerts.feeds.notModified')
                                : t('alerts.feeds.status', { status: feed.lastStatus })}
                            </span>
                          </>
                        ) : null}
                      </td>
                      <td className="break">
                        {feed.lastError ? (
                          <span className="feed-error">
                            <span aria-hidden="true">⚠ </span>
                            {t('alerts.feeds.error', {
                              at: feed.lastErrorAt ? formatDateTime(feed.lastErrorAt, locale) : '',
                            })}{' '}
                            <span lang="en">{feed.lastError}</span>
                          </span>
                        ) : feed.lastSuccessAt ? (
                          <span>
                            <span aria-hidden="true">✓ </span>
                            {t('alerts.feeds.ok')}
                          </span>
                        ) : (
                          t('alerts.feeds.waiting')
                        )}
                      </td>
                      <td>{formatNumber(feed.signals, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          </>
        )
      ) : state.status === 'loading' ? (
        <p className="loading">{t('alerts.loading')}</p>
      ) : null}
    </section>
  );
}
