import './campaigns.css';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { useResource } from '../cases/use-resource.hook.ts';
import { LoadFailed } from '../offline/offline.component.tsx';
import { EligibilityTag, RegistrationTag } from './campaign-tags.component.tsx';
import { dayInWords, isActive, MY_CAMPAIGNS_PATH, type MyCampaign, type MyCampaignList } from './campaigns.api.ts';

function CampaignItem({ campaign }: { campaign: MyCampaign }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const closes = dayInWords(campaign.registrationClosesAt.slice(0, 10), locale);
  return (
    <li className="item camp-item">
      <h2 className="item__title">
        <Link to={`/campaigns/${campaign.id}`}>{campaign.title[locale]}</Link>
      </h2>
      <p className="camp-tags">
        {campaign.myRegistration ? <RegistrationTag registration={campaign.myRegistration} /> : null}{' '}
        {campaign.myRegistration && isActive(campaign.myRegistration) ? null : <EligibilityTag campaign={campaign} />}
      </p>
      <p className="hint">
        {campaign.registrationOpen ? t('campaigns.list.closes', { date: closes }) : t('campaigns.list.notOpen')}
      </p>
    </li>
  );
}

/** Open campaigns (vaccination abroad and others): whether I can register, and where my registration stands. */
export function CampaignsPage() {
  const { t } = useTranslation();
  const list = useResource<MyCampaignList>(MY_CAMPAIGNS_PATH);
  useDocumentTitle(t('campaigns.list.title'));
  return (
    <>
      <h1>{t('campaigns.list.title')}</h1>
      <p className="lead">{t('campaigns.list.lead')}</p>
      <p>
        <Link to="/campaigns/doses">{t('campaigns.doses.link')}</Link>
      </p>
      <section aria-busy={list.status === 'loading'} aria-label={t('campaigns.list.title')}>
        {list.status === 'loading' ? (
          <p role="status" className="hint">
            {t('common.loading')}
          </p>
        ) : null}
        {list.status === 'error' ? <LoadFailed onRetry={list.retry} /> : null}
        {list.data && list.data.items.length === 0 ? <p>{t('campaigns.list.none')}</p> : null}
        {list.data && list.data.items.length > 0 ? (
          <ul className="item-list">
            {list.data.items.map((c) => (
              <CampaignItem key={c.id} campaign={c} />
            ))}
          </ul>
        ) : null}
      </section>
    </>
  );
}
