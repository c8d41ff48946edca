import { useTranslation } from 'react-i18next';
import type { MyCampaign, MyCampaignRegistration } from './campaigns.api.ts';

type StatusKey = 'campaigns.status.waiting';
type ReasonKey = 'campaigns.eligibility.reason.country';

/** Where my registration stands, as a text tag (colour is never the only sign). */
export function RegistrationTag({ registration }: { registration: MyCampaignRegistration }) {
  const { t } = useTranslation();
  return (
    <span className={`tag camp-status camp-status--${registration.status}`}>
      {t(`campaigns.status.${registration.status}` as StatusKey)}
    </span>
  );
}

/** "You can register" or why not, in words. */
export function EligibilityTag({ campaign }: { campaign: MyCampaign }) {
  const { t } = useTranslation();
  if (campaign.eligible)
    return <span className="tag camp-status camp-status--eligible">{t('campaigns.eligibility.yes')}</span>;
  if (campaign.needsBirthDate) {
    return <span className="tag camp-status camp-status--eligible">{t('campaigns.eligibility.needsBirthDate')}</span>;
  }
  return (
    <span className="tag camp-status camp-status--ineligible">
      {t(`campaigns.eligibility.reason.${campaign.ineligibleReason ?? 'country'}` as ReasonKey)}
    </span>
  );
}
