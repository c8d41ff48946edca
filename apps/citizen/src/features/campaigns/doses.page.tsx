import './campaigns.css';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { useResource } from '../cases/use-resource.hook.ts';
import { LoadFailed } from '../offline/offline.component.tsx';
import { countryName, dayInWords, MY_DOSES_PATH, type MyDoseRecordList } from './campaigns.api.ts';

/** My dose records: what the staff recorded at each vaccination, and whether a certificate was issued from it. */
export function DosesPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const doses = useResource<MyDoseRecordList>(MY_DOSES_PATH);
  useDocumentTitle(t('campaigns.doses.title'));
  return (
    <>
      <p>
        <Link to="/campaigns">{t('campaigns.detail.back')}</Link>
      </p>
      <h1>{t('campaigns.doses.title')}</h1>
      <p className="lead">{t('campaigns.doses.lead')}</p>
      <section aria-busy={doses.status === 'loading'} aria-label={t('campaigns.doses.title')}>
        {doses.status === 'loading' ? (
          <p role="status" className="hint">
            {t('common.loading')}
          </p>
        ) : null}
        {doses.status === 'error' ? <LoadFailed onRetry={doses.retry} /> : null}
        {doses.data && doses.data.items.length === 0 ? <p>{t('campaigns.doses.none')}</p> : null}
        {doses.data && doses.data.items.length > 0 ? (
          <ul className="item-list">
            {doses.data.items.map((d) => (
              <li key={d.id} className="item camp-dose">
                <h2 className="item__title">{d.campaignTitle[locale]}</h2>
                <dl className="camp-facts">
                  <dt>{t('campaigns.doses.dose')}</dt>
                  <dd>
                    {d.dosesRequired
                      ? t('campaigns.doses.doseOf', { n: d.doseNumber, total: d.dosesRequired })
                      : t('campaigns.doses.doseN', { n: d.doseNumber })}
                  </dd>
                  <dt>{t('campaigns.doses.date')}</dt>
                  <dd>{dayInWords(d.administeredOn, locale)}</dd>
                  <dt>{t('campaigns.doses.product')}</dt>
                  <dd>{d.product}</dd>
                  <dt>{t('campaigns.doses.lot')}</dt>
                  <dd>
                    <code>{d.lotNumber}</code>
                  </dd>
                  <dt>{t('campaigns.doses.site')}</dt>
                  <dd>
                    {t('campaigns.siteIn', { site: d.siteName[locale], country: countryName(d.country, locale) })}
                  </dd>
                </dl>
                {d.certificateId ? (
                  <p>
                    <Link to="/wallet">{t('campaigns.doses.certificate')}</Link>
                  </p>
                ) : (
                  <p className="hint">{t('campaigns.doses.noCertificate')}</p>
                )}
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </>
  );
}
