import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { HelpWithoutAccount } from './account-links.component.tsx';
import type { KeptRecord } from './accounts.api.ts';
import { useSessionEnded } from './session.context.tsx';

export interface DeletedState {
  kept?: KeptRecord[];
}

/** After deletion: what was kept and why, from the server's answer, and that help needs no account. */
export function DeletedPage() {
  const { t } = useTranslation();
  const state = useLocation().state as DeletedState | null;
  const kept = state?.kept;
  useSessionEnded(kept !== undefined);
  useDocumentTitle(t('deleted.title'));

  return (
    <div className="narrow">
      <div className="confirmation-panel">
        <h1>{t('deleted.title')}</h1>
        <p>{t('deleted.text')}</p>
      </div>
      {/* Opened without the server's answer (typed in, or a new tab) there is nothing true to list. */}
      {kept ? <KeptList kept={kept} /> : null}
      <HelpWithoutAccount />
      <p>
        <Link to="/">{t('common.home')}</Link>
      </p>
    </div>
  );
}

function KeptList({ kept }: { kept: KeptRecord[] }) {
  const { t, i18n } = useTranslation();
  const locale = currentLocale();
  const typeLabel = (type: string): string => {
    const key = `deleted.types.${type}`;
    // Record types are the server's; unknown ones are shown as sent rather than hidden.
    return i18n.exists(key) ? String(t(key as 'deleted.types.case')) : type;
  };
  return (
    <>
      <h2>{t('deleted.keptHeading')}</h2>
      {kept.length === 0 ? (
        <p>{t('deleted.keptNone')}</p>
      ) : (
        <ul className="item-list">
          {kept.map((record) => (
            <li key={`${record.type}:${record.id}`} className="item">
              <p className="item__title">{typeLabel(record.type)}</p>
              <p className="item__meta">{t('deleted.reference', { id: record.id })}</p>
              <p>{record.reason[locale]}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
