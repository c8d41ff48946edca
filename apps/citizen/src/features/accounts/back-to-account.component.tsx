import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function BackToAccount() {
  const { t } = useTranslation();
  return (
    <Link to="/account" className="back-link">
      {t('common.backToAccount')}
    </Link>
  );
}
