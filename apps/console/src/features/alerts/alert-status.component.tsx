import type { Alert } from '@homeward/shared';
import { useTranslation } from 'react-i18next';

/** The alert's step as a text tag (colour is never the only signal). */
export function AlertStatusTag({ alert }: { alert: Pick<Alert, 'status' | 'messages'> }) {
  const { t } = useTranslation();
  const updated = alert.status === 'published' && alert.messages.some((m) => m.msgType === 'Update');
  const key = updated ? 'updated' : alert.status;
  return <strong className={`tag alert-status alert-status--${alert.status}`}>{t(`alerts.status.${key}`)}</strong>;
}

/** The headline in the reader's language, else the one written. */
export function headlineOf(alert: Pick<Alert, 'texts'>, locale: 'en' | 'zh-CN'): { text: string; lang: string } {
  const other = locale === 'en' ? 'zh-CN' : 'en';
  const text = alert.texts[locale] ?? alert.texts[other];
  return { text: text?.headline ?? '', lang: alert.texts[locale] ? locale : other };
}
