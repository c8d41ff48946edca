import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { currentLocale } from '../../i18n/i18n.ts';

export function BackToAccount() {
  const { t } = useTranslation();
  return (
    <Link to="/account" className="back-link">
      {t('common.backToAccount')}
    </Link>
  );
}

/** Said on every sign-in and account page: help never waits for an account. */
export function HelpWithoutAccount() {
  const { t } = useTranslation();
  return (
    <p className="hint">
      {t('common.helpWithoutAccount')}
      {/* No space after full-width Chinese punctuation (GB/T 15834). */}
      {currentLocale() === 'en' ? ' ' : null}
      <Link to="/help">{t('common.getHelp')}</Link>
    </p>
  );
}
