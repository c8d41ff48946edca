import { useTranslation } from 'react-i18next';
import type { CampaignStatus, RegistrationStatus } from './campaigns.api.ts';

/** A campaign's state as a text tag; the colour only repeats the word. */
export function CampaignStatusTag({ status }: { status: CampaignStatus }) {
  const { t } = useTranslation();
  return <span className={`tag camp-status camp-status--${status}`}>{t(`campaigns.status.${status}`)}</span>;
}

/** A registration's state as a text tag. */
export function RegistrationStatusTag({ status }: { status: RegistrationStatus }) {
  const { t } = useTranslation();
  return <span className={`tag camp-reg camp-reg--${status}`}>{t(`campaigns.registrationStatus.${status}`)}</span>;
}
