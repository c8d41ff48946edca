import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import type { KeptRecord } from './accounts.api.ts';

export interface DeletedState {
  kept?: KeptRecord[];
}

/** After deletion: what was kept and why, from the server's answer, and that help needs no account. */
export function DeletedPage() {
  const { t, i18n } = useTranslation();
  const locale = currentLocale();
  const kept = (useLocation().state as DeletedState | null)?.kept ?? [];
  useDocumentTitle(t('deleted.title'));
  const typeLabel = (type: string): string => {
    const key = `deleted.types.${type}`;
    // Record types are the server's; unknown ones are shown as sent rather than hidden.
    return i18n.exists(key) ? String(t(key as 'deleted.types.case')) : type;
  };

  return (
    <div className="narrow">
      <div className="confirmation-panel">
        <h1>{t('deleted.title')}</h1>
        <p>{t('deleted.text')}</p>
      </div>
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
      <p>{t('common.helpWithoutAccount')}</p>
      <p>
        <Link to="/">{t('common.home')}</Link>
      </p>
    </div>
  );
}
