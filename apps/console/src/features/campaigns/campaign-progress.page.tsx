import './campaigns.css';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { formatNumber } from '../../lib/format.ts';
import { LoadError } from '../../lib/load-error.component.tsx';
import { useApi } from '../../lib/use-api.hook.ts';
import {
  type Campaign,
  COUNTRIES_PATH,
  type Country,
  campaignPath,
  type Progress,
  progressPath,
  titleOf,
} from './campaigns.api.ts';
import { BarChartTable, DosesPerDayChart } from './progress-charts.component.tsx';

/**
 * How far a campaign has come, for HQ: headline totals, then per country and per site how many registered, were
 * given a seat, checked in and received a dose, and doses per day. Each chart is also its table.
 */
export function CampaignProgressPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { id = '' } = useParams();
  const campaign = useApi<Campaign>(campaignPath(id));
  const state = useApi<Progress>(progressPath(id));
  const countries = useApi<Country[]>(COUNTRIES_PATH);
  const name = campaign.data ? titleOf(campaign.data.title, locale) : '';
  const heading = t('campaigns.progress.title');
  useDocumentTitle(name ? `${heading} · ${name}` : heading);
  const countryName = (code: string) => countries.data?.find((c) => c.code === code)?.name[locale] ?? code;
  const data = state.data;
  const totals = (data?.byCountry ?? []).reduce(
    (sum, c) => ({
      registered: sum.registered + c.registered,
      allocated: sum.allocated + c.allocated,
      checkedIn: sum.checkedIn + c.checkedIn,
      doses: sum.doses + c.doses,
    }),
    { registered: 0, allocated: 0, checkedIn: 0, doses: 0 },
  );

  return (
    <>
      <p>
        <Link to={`/campaigns/${encodeURIComponent(id)}`}>{t('campaigns.progress.back', { name: name || '…' })}</Link>
      </p>
      <h1>
        {heading}
        {name ? <span className="camp-subtitle">{name}</span> : null}
      </h1>
      <LoadError state={state} />
      {!data ? (
        state.status === 'loading' ? (
          <p role="status">{t('app.loading')}</p>
        ) : null
      ) : (
        <>
          <div className="camp-refresh">
            <p aria-live="polite">{state.status === 'loading' ? t('app.loading') : t('campaigns.progress.live')}</p>
            <button type="button" className="button button--secondary" onClick={state.retry}>
              {t('campaigns.progress.refresh')}
            </button>
          </div>
          <dl className="camp-figures">
            {(['registered', 'allocated', 'checkedIn', 'doses'] as const).map((k) => (
              <div key={k} className="camp-figure">
                <dt className="camp-figure__label">{t(`campaigns.progress.${k}`)}</dt>
                <dd className="camp-figure__value">{formatNumber(totals[k], locale)}</dd>
              </div>
            ))}
          </dl>
          <section className="section" aria-labelledby="progress-country">
            <h2 id="progress-country">{t('campaigns.progress.byCountry')}</h2>
            {data.byCountry.length === 0 ? (
              <p>{t('campaigns.progress.empty')}</p>
            ) : (
              <BarChartTable
                caption={t('campaigns.progress.byCountryCaption')}
                labelHeader={t('campaigns.progress.country')}
                columns={[
                  { key: 'present', label: t('campaigns.progress.present'), bar: false },
                  { key: 'registered', label: t('campaigns.progress.registered'), bar: true },
                  { key: 'allocated', label: t('campaigns.progress.allocated'), bar: true },
                  { key: 'checkedIn', label: t('campaigns.progress.checkedIn'), bar: true },
                  { key: 'doses', label: t('campaigns.progress.doses'), bar: true },
                ]}
                rows={[...data.byCountry]
                  .sort((a, b) => b.registered - a.registered || a.country.localeCompare(b.country))
                  .map((c) => ({ key: c.country, label: countryName(c.country), values: c }))}
              />
            )}
          </section>
          <section className="section" aria-labelledby="progress-site">
            <h2 id="progress-site">{t('campaigns.progress.bySite')}</h2>
            {data.bySite.length === 0 ? (
              <p>{t('campaigns.progress.noSites')}</p>
            ) : (
              <BarChartTable
                caption={t('campaigns.progress.bySiteCaption')}
                labelHeader={t('campaigns.progress.site')}
                columns={[
                  { key: 'capacity', label: t('campaigns.progress.capacity'), bar: false },
                  { key: 'allocated', label: t('campaigns.progress.allocated'), bar: true },
                  { key: 'checkedIn', label: t('campaigns.progress.checkedIn'), bar: true },
                  { key: 'doses', label: t('campaigns.progress.doses'), bar: true },
                ]}
                rows={data.bySite.map((s) => ({
                  key: s.siteId,
                  label: `${titleOf(s.name, locale)} · ${countryName(s.country)}`,
                  values: s,
                }))}
              />
            )}
          </section>
          <section className="section" aria-labelledby="progress-day">
            <h2 id="progress-day">{t('campaigns.progress.byDay')}</h2>
            <DosesPerDayChart title={t('campaigns.progress.byDayCaption')} days={data.byDay} />
          </section>
        </>
      )}
    </>
  );
}
