import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { age } from '../../lib/format.ts';
import { useOnline } from './use-online.hook.ts';

/**
 * Always in the page so screen readers announce it when it fills (a live region added later is often missed).
 * It says what still works rather than only what does not.
 */
export function OfflineBanner() {
  const { t } = useTranslation();
  const online = useOnline();
  return (
    <div role="status" className={online ? 'offline-banner offline-banner--hidden' : 'offline-banner'}>
      {online ? null : <p>{t('offline.banner')}</p>}
    </div>
  );
}

/** "Saved on this phone 3 minutes ago": cached content shows its age. */
export function SavedAge({ savedAt }: { savedAt: number }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <p className="saved-age">
      <time dateTime={new Date(savedAt).toISOString()}>{t('offline.savedAge', { age: age(savedAt, locale) })}</time>
    </p>
  );
}

export function LoadFailed({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="notice" role="alert">
      <p>{t('offline.failed')}</p>
      <button type="button" className="button button--secondary" onClick={onRetry}>
        {t('offline.retry')}
      </button>
    </div>
  );
}
