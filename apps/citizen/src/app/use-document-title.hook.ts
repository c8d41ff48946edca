import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useMeta } from '../features/meta/meta.context.tsx';
import { currentLocale } from '../i18n/i18n.ts';

/** "Page – Ministry": the title is the first thing a screen reader says on a new page. */
export function useDocumentTitle(page: string): void {
  const { t } = useTranslation();
  const { meta } = useMeta();
  const service = meta ? meta.sendingState.ministry[currentLocale()] : t('app.serviceName');
  useEffect(() => {
    document.title = page ? `${page} – ${service}` : service;
  }, [page, service]);
}
