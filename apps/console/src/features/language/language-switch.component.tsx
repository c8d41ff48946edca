import { isLocale } from '@homeward/shared';
import { useTranslation } from 'react-i18next';
import { changeLocale } from '../../i18n/i18n.ts';

/** Names the other language in that language, marked with its lang for screen readers. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const other = t('language.other');
  if (!isLocale(other)) return null;
  return (
    <button type="button" className="top-bar__button" lang={other} onClick={() => changeLocale(other)}>
      {t('language.otherLabel')}
    </button>
  );
}
