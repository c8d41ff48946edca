import './help.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { useApi } from '../../lib/use-api.hook.ts';
import { HotlineLink, SpareHotline, useHotlineName } from '../meta/hotline.component.tsx';
import { useMeta } from '../meta/meta.context.tsx';
import { CountrySelect } from '../missions/country-select.component.tsx';
import { MissionCard } from '../missions/mission-card.component.tsx';
import { COUNTRIES_PATH, type Country, type MissionPage, missionsPath } from '../missions/missions.api.ts';
import { LoadFailed, SavedAge } from '../offline/offline.component.tsx';
import { useHelpQueue } from './help-queue.hook.ts';
import { QueuedRequestItem } from './queued-request.component.tsx';

/**
 * Emergency help: the hotline first, then the online help request (and the requests still on this phone), then
 * the mission that serves the country the person is in.
 */
export function HelpPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { meta } = useMeta();
  const hotlineName = useHotlineName();
  useDocumentTitle(t('help.title'));
  const [country, setCountry] = useState('');
  const countries = useApi<Country[]>(COUNTRIES_PATH);
  const missions = useApi<MissionPage>(country ? missionsPath({ country }) : null);
  const countryName = countries.data?.find((c) => c.code === country)?.name[locale] ?? country;
  const queue = useHelpQueue();
  const removed = (useLocation().state as { removed?: boolean } | null)?.removed === true;
  const open = (queue.items ?? []).filter((r) => r.state !== 'sent');

  return (
    <>
      {removed ? (
        <div className="success-notice" role="status">
          {t('help.queue.removed')}
        </div>
      ) : null}
      <h1>{t('help.title')}</h1>
      <p className="warning-text">{t('help.dangerFirst')}</p>

      <section className="panel" aria-labelledby="hotline-heading">
        <h2 id="hotline-heading">{t('help.hotlineHeading')}</h2>
        <p>{hotlineName}</p>
        <HotlineLink size="large" />
        <p>
          <strong>{t('hotline.hours')}</strong>
          {meta?.hotline.guidance ? <> {meta.hotline.guidance[locale]}</> : null}
        </p>
        <SpareHotline />
      </section>

      <section className="panel help-online" aria-labelledby="online-heading">
        <h2 id="online-heading">{t('help.online.heading')}</h2>
        <p>{t('help.online.text')}</p>
        <Link to="/help/request" className="button help-start">
          {t('help.online.start')}
        </Link>
        <p className="hint">{t('help.online.offlineHint')}</p>
        <p>
          <Link to="/cases">{t('help.online.myCases')}</Link>
        </p>
      </section>

      {open.length > 0 ? (
        <section aria-labelledby="queued-heading">
          <h2 id="queued-heading">{t('help.queue.heading')}</h2>
          <ul className="item-list">
            {open.map((request) => (
              <li key={request.id}>
                <QueuedRequestItem request={request} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="nearest-heading">
        <h2 id="nearest-heading">{t('help.nearestHeading')}</h2>
        <p>{t('help.nearestIntro')}</p>
        {countries.status === 'error' ? (
          <>
            <p>{t('help.countriesFailed')}</p>
            <LoadFailed onRetry={countries.retry} />
          </>
        ) : null}
        {countries.data ? (
          <CountrySelect
            countries={countries.data}
            value={country}
            onChange={setCountry}
            label={t('help.countryLabel')}
            emptyLabel={t('help.countryNone')}
            searchable
          />
        ) : null}
        <div aria-live="polite" aria-busy={missions.status === 'loading' && country !== ''}>
          {country && missions.status === 'error' ? <LoadFailed onRetry={missions.retry} /> : null}
          {country && missions.data ? (
            <>
              <h3>{t('help.missionsFor', { country: countryName })}</h3>
              {missions.savedAt !== null ? <SavedAge savedAt={missions.savedAt} /> : null}
              {missions.data.items.length === 0 ? (
                <p>{t('help.noMissions', { country: countryName })}</p>
              ) : (
                <ul className="mission-list">
                  {missions.data.items.map((mission) => (
                    <li key={mission.code}>
                      <MissionCard mission={mission} countries={countries.data} headingLevel={4} />
                    </li>
                  ))}
                </ul>
              )}
            </>
          ) : null}
        </div>
      </section>
    </>
  );
}
