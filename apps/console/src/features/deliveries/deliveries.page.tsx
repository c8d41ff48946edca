import './deliveries.css';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { LoadError } from '../../lib/load-error.component.tsx';
import { useApi } from '../../lib/use-api.hook.ts';
import { DELIVERIES_PATH, type DeliveryMessageList } from './deliveries.api.ts';

/** The latest published messages; each opens its delivery funnel. */
export function DeliveriesPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const state = useApi<DeliveryMessageList>(DELIVERIES_PATH);
  useDocumentTitle(t('deliveries.title'));
  const items = state.data?.items ?? [];
  return (
    <>
      <h1>{t('deliveries.title')}</h1>
      <p>{t('deliveries.intro')}</p>
      <LoadError state={state} />
      {state.data ? (
        items.length === 0 ? (
          <p>{t('deliveries.empty')}</p>
        ) : (
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1).
          <section className="table-wrap" aria-label={t('deliveries.title')} tabIndex={0}>
            <table className="table">
              <caption className="visually-hidden">{t('deliveries.caption', { count: items.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('deliveries.columns.message')}</th>
                  <th scope="col">{t('deliveries.columns.source')}</th>
                  <th scope="col">{t('deliveries.columns.published')}</th>
                  <th scope="col" className="delivery-numeric">
                    {t('deliveries.columns.recipients')}
                  </th>
                  <th scope="col">{t('deliveries.columns.state')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((m) => (
                  <tr key={m.id}>
                    <th scope="row">
                      <Link to={`/deliveries/${encodeURIComponent(m.id)}`}>
                        {m.title[locale] ?? m.title.en ?? m.title['zh-CN']}
                      </Link>
                    </th>
                    <td>{m.sourceKind}</td>
                    <td className="nowrap">{formatDateTime(m.publishedAt, locale)}</td>
                    <td className="delivery-numeric">{formatNumber(m.recipients, locale)}</td>
                    <td>{t(`deliveries.state.${m.state}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )
      ) : state.status === 'loading' ? (
        <p className="loading">{t('deliveries.loading')}</p>
      ) : null}
    </>
  );
}
