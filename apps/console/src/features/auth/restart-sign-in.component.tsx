import { useTranslation } from 'react-i18next';

/** Back to the password step with a fresh page: the expired challenge and everything typed are dropped. */
export function RestartSignIn() {
  const { t } = useTranslation();
  return (
    <p>
      <a href={`${import.meta.env.BASE_URL}`}>{t('totp.restart')}</a>
    </p>
  );
}
