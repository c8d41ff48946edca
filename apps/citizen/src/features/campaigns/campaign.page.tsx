import './campaigns.css';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { useResource } from '../cases/use-resource.hook.ts';
import { LoadFailed } from '../offline/offline.component.tsx';
import { EligibilityTag } from './campaign-tags.component.tsx';
import { campaignPath, countryName, dayInWords, isActive, type MyCampaignDetail } from './campaigns.api.ts';
import { dropPending, type PendingRegistration, readPending, sendPending } from './campaigns.pending.ts';
import { MyPlace } from './my-place.component.tsx';

type SiteKindKey = 'campaigns.site.kind.mission';

/** A registration saved on this phone: sent when the network returns, or now by "Try now". */
function PendingPanel({ pending, onSent }: { pending: PendingRegistration; onSent: (note: string) => void }) {
  const { t } = useTranslation();
  const [state, setState] = useState<'waiting' | 'sending'>('waiting');
  const [refused, setRefused] = useState<string | null>(null);
  const send = useCallback(async () => {
    setState('sending');
    const outcome = await sendPending(pending);
    setState('waiting');
    if (outcome.kind === 'sent') onSent(t('campaigns.register.sent'));
    if (outcome.kind === 'refused') setRefused(outcome.error.problem?.title ?? t('campaigns.register.refused'));
  }, [pending, onSent, t]);
  useEffect(() => {
    const online = () => void send();
    window.addEventListener('online', online);
    const timer = window.setInterval(() => {
      if (navigator.onLine) void send();
    }, 30_000);
    return () => {
      window.removeEventListener('online', online);
      window.clearInterval(timer);
    };
  }, [send]);
  if (refused) {
    return (
      <div className="error-summary" role="alert">
        <p>{refused}</p>
      </div>
    );
  }
  return (
    <div className="panel camp-pending" role="status">
      <p>{t('campaigns.register.saved')}</p>
      <button type="button" className="button button--secondary" onClick={send} disabled={state === 'sending'}>
        {t('campaigns.register.tryNow')}
      </button>
    </div>
  );
}

/** One campaign: what it is, who it is for, its sites, and my registration or the way to register. */
export function CampaignPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { id = '' } = useParams();
  const location = useLocation();
  const detail = useResource<MyCampaignDetail>(campaignPath(id));
  const [note, setNote] = useState<string | null>((location.state as { note?: string } | null)?.note ?? null);
  const [pending, setPending] = useState(() => readPending(id));
  const campaign = detail.data;
  useDocumentTitle(campaign ? campaign.title[locale] : t('campaigns.list.title'));
  const changed = (text: string) => {
    setNote(text);
    setPending(readPending(id));
    if (detail.status === 'error') detail.retry();
    else detail.refresh();
  };
  // A registration the server has now makes a saved copy on this phone pointless.
  useEffect(() => {
    if (campaign?.myRegistration && isActive(campaign.myRegistration) && pending) {
      dropPending(id);
      setPending(null);
    }
  }, [campaign, pending, id]);

  const mine = campaign?.myRegistration ?? null;
  const canRegister =
    campaign?.registrationOpen &&
    (campaign.eligible || campaign.needsBirthDate) &&
    !pending &&
    !(mine && (isActive(mine) || mine.status === 'checked_in'));
  const { minAge, maxAge, priorityGroups, countries } = campaign?.eligibility ?? {
    minAge: null,
    maxAge: null,
    priorityGroups: [],
    countries: [],
  };
  return (
    <>
      <p>
        <Link to="/campaigns">{t('campaigns.detail.back')}</Link>
      </p>
      {detail.status === 'loading' ? (
        <p role="status" className="hint">
          {t('common.loading')}
        </p>
      ) : null}
      {campaign ? <h1>{campaign.title[locale]}</h1> : null}
      {note ? (
        <div className="panel panel--confirmation" role="status">
          <p>{note}</p>
        </div>
      ) : null}
      {/* Shown offline too, when the campaign itself cannot be loaded: the registration waits on this phone. */}
      {pending ? <PendingPanel pending={pending} onSent={changed} /> : null}
      {detail.status === 'error' ? <LoadFailed onRetry={detail.retry} /> : null}
      {campaign ? (
        <>
          <p className="lead">{campaign.description[locale]}</p>
          {mine ? <MyPlace registration={mine} onChanged={changed} /> : null}
          <section aria-labelledby="who-title">
            <h2 id="who-title">{t('campaigns.detail.who')}</h2>
            <ul>
              <li>
                {t('campaigns.detail.countries', {
                  countries: countries.map((c) => countryName(c, locale)).join(locale === 'zh-CN' ? '、' : ', '),
                })}
              </li>
              {minAge !== null || maxAge !== null ? (
                <li>
                  {minAge !== null && maxAge !== null
                    ? t('campaigns.detail.ageBetween', { min: minAge, max: maxAge })
                    : minAge !== null
                      ? t('campaigns.detail.ageFrom', { min: minAge })
                      : t('campaigns.detail.ageUpTo', { max: maxAge })}
                </li>
              ) : null}
              {campaign.vaccine ? (
                <li>
                  {t('campaigns.detail.vaccine', {
                    product: campaign.vaccine.productName,
                    count: campaign.vaccine.dosesRequired,
                  })}
                </li>
              ) : null}
            </ul>
            {priorityGroups.length > 0 ? (
              <>
                <p>
                  {t(
                    campaign.allocation === 'priority'
                      ? 'campaigns.detail.priorityFirst'
                      : 'campaigns.detail.firstCome',
                  )}
                </p>
                <ol>
                  {priorityGroups.map((g) => (
                    <li key={g.code}>{g.label[locale]}</li>
                  ))}
                </ol>
              </>
            ) : (
              <p>{t('campaigns.detail.firstCome')}</p>
            )}
            {mine && (isActive(mine) || mine.status === 'checked_in') ? null : (
              <p>
                <EligibilityTag campaign={campaign} />
              </p>
            )}
            <p className="hint">
              {t('campaigns.detail.dates', {
                from: dayInWords(campaign.registrationOpensAt.slice(0, 10), locale),
                to: dayInWords(campaign.registrationClosesAt.slice(0, 10), locale),
              })}
            </p>
            {!campaign.eligible && campaign.ineligibleReason === 'not_registered_abroad' ? (
              <p>
                <Link to="/registration">{t('campaigns.detail.registerAbroad')}</Link>
              </p>
            ) : null}
            {canRegister ? (
              <p>
                <Link to={`/campaigns/${campaign.id}/register`} className="button">
                  {t('campaigns.detail.register')}
                </Link>
              </p>
            ) : null}
          </section>
          <section aria-labelledby="sites-title">
            <h2 id="sites-title">{t('campaigns.detail.sites')}</h2>
            <ul className="item-list">
              {campaign.sites.map((site) => (
                <li key={site.id} className="item">
                  <h3 className="item__title">{site.name[locale]}</h3>
                  <p className="hint">
                    {t(`campaigns.site.kind.${site.kind}` as SiteKindKey)} · {countryName(site.country, locale)}
                  </p>
                  <p>{site.address}</p>
                  <p className="hint">
                    {site.nextSessionDate
                      ? t('campaigns.site.next', { date: dayInWords(site.nextSessionDate, locale) })
                      : t('campaigns.site.noSession')}
                  </p>
                  <p>
                    <a href={`geo:${site.lat},${site.lon}`}>{t('campaigns.site.openMap')}</a>
                  </p>
                </li>
              ))}
            </ul>
          </section>
        </>
      ) : null}
    </>
  );
}
