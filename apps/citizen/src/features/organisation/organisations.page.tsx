import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { useApi } from '../../lib/use-api.hook.ts';
import { SuccessNotice } from '../accounts/form.components.tsx';
import { LoadFailed } from '../offline/offline.component.tsx';
import { ORGANISATIONS_PATH, type Organisation } from './organisation.api.ts';

/** What an organisation form tells the next page after saving, shown as a confirmation there. */
export interface OrganisationNotice {
  notice?: string;
}

/** "My organisations": the enterprises abroad this account registered, and registering another. */
export function OrganisationsPage() {
  const { t } = useTranslation();
  const notice = (useLocation().state as OrganisationNotice | null)?.notice;
  const list = useApi<{ items: Organisation[] }>(ORGANISATIONS_PATH, { keepOnDevice: false });
  useDocumentTitle(t('organisation.listTitle'));
  return (
    <>
      {notice ? <SuccessNotice>{notice}</SuccessNotice> : null}
      <h1>{t('organisation.listTitle')}</h1>
      <p className="lead">{t('organisation.intro')}</p>
      {list.status === 'error' ? (
        <LoadFailed onRetry={list.retry} />
      ) : !list.data ? (
        <p role="status" className="hint">
          {t('common.loading')}
        </p>
      ) : list.data.items.length === 0 ? (
        <p>{t('organisation.none')}</p>
      ) : (
        <ul className="item-list">
          {list.data.items.map((o) => (
            <li key={o.id} className="item">
              <Link to={`/organisations/${o.id}`} className="item__title">
                {o.name}
              </Link>
              <p className="item__meta">
                {o.sector ? `${t(`organisation.sectors.${o.sector}`)} · ` : ''}
                {t('organisation.counts', { sites: o.siteCount, staff: o.staffCount })}
              </p>
            </li>
          ))}
        </ul>
      )}
      <p className="section-gap">
        <Link to="/organisations/new" className="button">
          {t('organisation.register')}
        </Link>
      </p>
    </>
  );
}
