import type { HealthCertificate } from '@homeward/shared';
import { useTranslation } from 'react-i18next';

/** Valid, revoked or expired as a text tag (colour is never the only signal). */
export function CertificateStatusTag({ status }: { status: HealthCertificate['status'] }) {
  const { t } = useTranslation();
  return <span className={`tag hc-tag hc-tag--${status}`}>{t(`certificates.status.${status}`)}</span>;
}

/** Family and given name as written, with the passport spelling when it differs. */
export function holderName(certificate: HealthCertificate): string {
  const { holder } = certificate;
  const written = [holder.familyName, holder.givenName].filter(Boolean).join(' ');
  const latin = [holder.familyNameStd, holder.givenNameStd].filter(Boolean).join(' ').replaceAll('<', ' ');
  return written.toUpperCase() === latin ? written : `${written} (${latin})`;
}
