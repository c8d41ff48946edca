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

/**
 * "You can register" or why not, in words. After a completed registration the next dose of a series is a new
 * registration (decision 0024), so the tag says so rather than a bare "You can register" beside "Done"; once the
 * last dose is recorded the server answers `series_complete`, shown as done rather than as a refusal.
 */
export function EligibilityTag({ campaign }: { campaign: MyCampaign }) {
  const { t } = useTranslation();
  if (campaign.ineligibleReason === 'series_complete') {
    return (
      <span className="tag camp-status camp-status--completed">
        {t('campaigns.eligibility.reason.series_complete')}
      </span>
    );
  }
  if (campaign.eligible) {
    const next = campaign.myRegistration?.status === 'completed';
    return (
      <span className="tag camp-status camp-status--eligible">
        {t(next ? 'campaigns.eligibility.nextDose' : 'campaigns.eligibility.yes')}
      </span>
    );
  }
  if (campaign.needsBirthDate) {
    return <span className="tag camp-status camp-status--eligible">{t('campaigns.eligibility.needsBirthDate')}</span>;
  }
  return (
    <span className="tag camp-status camp-status--ineligible">
      {t(`campaigns.eligibility.reason.${campaign.ineligibleReason ?? 'country'}` as ReasonKey)}
    </span>
  );
}
