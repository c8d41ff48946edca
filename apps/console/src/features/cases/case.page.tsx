import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.hook.ts';
import { CategoryText, PriorityTag, StatusTag } from './case-tags.component.tsx';
import { type Case, casePath } from './cases.api.ts';
import './cases.css';

/**
 * One case. A case of another mission answers 404 like a missing one, and the page says both in one
 * sentence, so it gives away nothing about cases the reader may not see.
 */
export function CasePage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { id = '' } = useParams();
  const result = useApi<Case>(casePath(id));
  const kase = result.data;
  const notFound = result.status === 'error' && (result.error.status === 404 || result.error.status === 400);
  useDocumentTitle(notFound ? t('cases.detail.notFoundTitle') : (kase?.number ?? t('cases.title')));

  return (
    <>
      <p>
        <Link to="/cases" className="back-link">
          {t('cases.detail.back')}
        </Link>
      </p>
      {notFound ? (
        <>
          <h1>{t('cases.detail.notFoundTitle')}</h1>
          <p>{t('cases.detail.notFoundText')}</p>
        </>
      ) : result.status === 'error' ? (
        <div className="notice" role="alert">
          <p>{result.error.problem?.title ?? t('errors.network')}</p>
          <button type="button" className="button button--secondary" onClick={result.retry}>
            {t('errors.retry')}
          </button>
        </div>
      ) : kase ? (
        <>
          <h1>
            {kase.number} <PriorityTag priority={kase.priority} /> <StatusTag status={kase.status} />
          </h1>
          <dl className="case-facts">
            <dt>{t('cases.columns.category')}</dt>
            <dd>
              <CategoryText category={kase.category} />
            </dd>
            <dt>{t('cases.columns.subject')}</dt>
            <dd>{kase.subjectName}</dd>
            <dt>{t('cases.columns.mission')}</dt>
            <dd>
              <span className="code">{kase.missionCode}</span>
            </dd>
            <dt>{t('cases.columns.opened')}</dt>
            <dd>{formatDateTime(kase.openedAt, locale)}</dd>
            <dt>{t('cases.detail.updated')}</dt>
            <dd>{formatDateTime(kase.updatedAt, locale)}</dd>
          </dl>
          <h2>{t('cases.detail.summary')}</h2>
          <p className="case-summary">{kase.summary}</p>
          <p className="hint">{t('cases.detail.auditNote')}</p>
        </>
      ) : (
        <p role="status" aria-busy="true">
          …
        </p>
      )}
    </>
  );
}
