import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { BackToAccount } from './account-links.component.tsx';
import { PasskeysSection } from './passkeys.section.tsx';
import { SessionsSection } from './sessions.section.tsx';

/** Passkeys, the devices the account is signed in on, and signing out everywhere. */
export function SecurityPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('security.title'));
  return (
    <div className="narrow">
      <BackToAccount />
      <h1>{t('security.title')}</h1>
      <PasskeysSection />
      <SessionsSection />
    </div>
  );
}
