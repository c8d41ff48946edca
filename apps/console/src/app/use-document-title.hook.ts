import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** "Error: Sign in – Staff console": the title is what a screen reader says first, errors included. */
export function useDocumentTitle(page: string, hasErrors = false): void {
  const { t } = useTranslation();
  const service = t('app.name');
  const prefix = hasErrors ? t('errors.titlePrefix') : '';
  useEffect(() => {
    document.title = `${prefix}${page} – ${service}`;
  }, [prefix, page, service]);
}
