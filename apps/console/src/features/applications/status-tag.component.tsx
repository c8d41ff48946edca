import { useTranslation } from 'react-i18next';
import type { ApplicationStatus } from './applications.api.ts';

/** A status as a text tag (colour only repeats the words). */
export function StatusTag({ status }: { status: ApplicationStatus }) {
  const { t } = useTranslation();
  return <span className={`tag app-status app-status--${status}`}>{t(`applications.status.${status}`)}</span>;
}
