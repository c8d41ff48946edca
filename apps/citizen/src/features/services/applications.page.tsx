import './services.css';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { dateTime } from '../../lib/format.ts';
import { useResource } from '../cases/use-resource.hook.ts';
import { Pagination } from '../missions/pagination.component.tsx';
import { LoadFailed } from '../offline/offline.component.tsx';
import { StatusTag } from './application.page.tsx';
import { APPLICATIONS_PAGE_SIZE, type ApplicationList, applicationsPath } from './services.api.ts';

/** My applications, newest change first: drafts to carry on, and the status of each one sent. */
export function ApplicationsPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [search] = useSearchParams();
  const page = Math.max(1, Number.parseInt(search.get('page') ?? '1', 10) || 1);
  const list = useResource<ApplicationList>(applicationsPath(page));
  useDocumentTitle(t('services.mine.title'));
  return (
    <>
      <h1>{t('services.mine.title')}</h1>
      <p>
        <Link to="/services" className="button">
          {t('services.mine.new')}
        </Link>
      </p>
      <section aria-busy={list.status === 'loading'} aria-label={t('services.mine.title')}>
        {list.status === 'loading' ? (
          <p role="status" className="hint">
            {t('common.loading')}
          </p>
        ) : null}
        {list.status === 'error' ? <LoadFailed onRetry={list.retry} /> : null}
        {list.data ? (
          list.data.items.length === 0 ? (
            <p>{t('services.mine.none')}</p>
          ) : (
            <>
              <ul className="item-list">
                {list.data.items.map((a) => (
                  <li key={a.id} className="item">
                    <h2 className="item__title">
                      <Link to={`/applications/${encodeURIComponent(a.id)}`}>
                        {a.serviceName[locale]}
                        {a.reference ? ` · ${a.reference}` : ''}
                      </Link>
                    </h2>
                    <p>
                      <StatusTag status={a.status} />{' '}
                      {t('services.mine.updated', { when: dateTime(a.updatedAt, locale) })}
                    </p>
                  </li>
                ))}
              </ul>
              <Pagination page={list.data.page} total={list.data.total} pageSize={APPLICATIONS_PAGE_SIZE} />
            </>
          )
        ) : null}
      </section>
    </>
  );
}
