import './deliveries.css';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { LoadError } from '../../lib/load-error.component.tsx';
import { useApi } from '../../lib/use-api.hook.ts';
import { type ChannelStats, type DeliveryReport, deliveryPath, LIVE_REFRESH_MS } from './deliveries.api.ts';

const STAGES = ['queued', 'sent', 'delivered', 'failed'] as const;

function seconds(ms: number | null, locale: 'en' | 'zh-CN'): string {
  if (ms === null) return '—';
  return ms < 1000
    ? `${formatNumber(ms, locale)} ms`
    : `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(ms / 1000)} s`;
}

/**
 * One message's delivery, live: per channel how many were queued, sent, delivered (a receipt: the inbox shown,
 * the push received by the device) and failed, and how long from publish to sent and to delivered (p50/p95).
 */
export function DeliveryReportPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { id = '' } = useParams();
  const state = useApi<DeliveryReport>(deliveryPath(id));
  const report = state.data;
  const title = report ? (report.title[locale] ?? report.title.en ?? report.title['zh-CN'] ?? '') : '';
  useDocumentTitle(title ? `${title} · ${t('deliveries.title')}` : t('deliveries.title'));
  const retry = state.retry;
  // Live while anything is still on its way; a finished message stops asking.
  const open = report
    ? report.state !== 'fanned_out' || report.channels.some((c) => c.funnel.queued > c.funnel.sent + c.funnel.failed)
    : true;
  useEffect(() => {
    if (!open) return;
    const timer = setInterval(retry, LIVE_REFRESH_MS);
    return () => clearInterval(timer);
  }, [open, retry]);

  return (
    <>
      <p>
        <Link to="/deliveries">{t('deliveries.back')}</Link>
      </p>
      <h1>{title || t('deliveries.title')}</h1>
      <LoadError state={state} />
      {report ? (
        <>
          <dl className="delivery-facts">
            <div>
              <dt>{t('deliveries.columns.published')}</dt>
              <dd>{formatDateTime(report.publishedAt, locale)}</dd>
            </div>
            <div>
              <dt>{t('deliveries.columns.recipients')}</dt>
              <dd>{formatNumber(report.recipients, locale)}</dd>
            </div>
            <div>
              <dt>{t('deliveries.columns.state')}</dt>
              <dd>
                <span role="status">{open ? t('deliveries.live') : t(`deliveries.state.${report.state}`)}</span>
              </dd>
            </div>
          </dl>
          <h2>{t('deliveries.funnel')}</h2>
          {report.channels.length === 0 ? <p>{t('deliveries.noDeliveries')}</p> : null}
          <div className="delivery-channels">
            {report.channels.map((c) => (
              <ChannelCard key={c.channel} stats={c} locale={locale} />
            ))}
          </div>
          {report.channels.length > 0 ? (
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1).
            <section className="table-wrap" aria-labelledby="timing-heading" tabIndex={0}>
              <h2 id="timing-heading">{t('deliveries.timing')}</h2>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('deliveries.columns.channel')}</th>
                    <th scope="col" className="delivery-numeric">
                      {t('deliveries.sentP50')}
                    </th>
                    <th scope="col" className="delivery-numeric">
                      {t('deliveries.sentP95')}
                    </th>
                    <th scope="col" className="delivery-numeric">
                      {t('deliveries.deliveredP50')}
                    </th>
                    <th scope="col" className="delivery-numeric">
                      {t('deliveries.deliveredP95')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {report.channels.map((c) => (
                    <tr key={c.channel}>
                      <th scope="row">{t(`deliveries.channel.${c.channel}`)}</th>
                      <td className="delivery-numeric">{seconds(c.sentP50Ms, locale)}</td>
                      <td className="delivery-numeric">{seconds(c.sentP95Ms, locale)}</td>
                      <td className="delivery-numeric">{seconds(c.deliveredP50Ms, locale)}</td>
                      <td className="delivery-numeric">{seconds(c.deliveredP95Ms, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="hint">{t('deliveries.timingHint')}</p>
            </section>
          ) : null}
        </>
      ) : state.status === 'loading' ? (
        <p className="loading">{t('deliveries.loading')}</p>
      ) : null}
    </>
  );
}

function ChannelCard({ stats, locale }: { stats: ChannelStats; locale: 'en' | 'zh-CN' }) {
  const { t } = useTranslation();
  const total = Math.max(1, stats.funnel.queued);
  return (
    <section className="delivery-channel" aria-labelledby={`channel-${stats.channel}`}>
      <h3 id={`channel-${stats.channel}`}>{t(`deliveries.channel.${stats.channel}`)}</h3>
      <ul className="funnel">
        {STAGES.map((stage) => (
          <li key={stage} className={`funnel__row funnel__row--${stage}`}>
            <span className="funnel__label">{t(`deliveries.stage.${stage}`)}</span>
            <span className="funnel__bar" aria-hidden="true">
              <span style={{ width: `${(100 * stats.funnel[stage]) / total}%` }} />
            </span>
            <span className="funnel__value">{formatNumber(stats.funnel[stage], locale)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
