import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { HotlineLink } from '../meta/hotline.component.tsx';

/** Shown when a page crashes: an apology and the hotline, never a blank screen. */
export function ErrorPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('error.title'));
  return (
    <>
      <h1>{t('error.title')}</h1>
      <p>{t('error.text')}</p>
      <HotlineLink size="large" />
    </>
  );
}
