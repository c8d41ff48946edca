import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useMeta } from '../features/meta/meta.context.tsx';
import { currentLocale } from '../i18n/i18n.ts';

/**
 * "Page – Ministry": the title is the first thing a screen reader says on a new page. A form with errors
 * says so first ("Error: Sign in – …"), as after a full page reload.
 */
export function useDocumentTitle(page: string, hasErrors = false): void {
  const { t } = useTranslation();
  const { meta } = useMeta();
  const service = meta ? meta.sendingState.ministry[currentLocale()] : t('app.serviceName');
  const prefix = hasErrors ? t('errors.titlePrefix') : '';
  useEffect(() => {
    document.title = page ? `${prefix}${page} – ${service}` : service;
  }, [prefix, page, service]);
}
