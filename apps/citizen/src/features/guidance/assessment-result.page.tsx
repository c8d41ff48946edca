import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { dateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.hook.ts';
import { LoadFailed } from '../offline/offline.component.tsx';
import {
  type AssessmentHistory,
  type AssessmentResult,
  type AssessmentSummary,
  assessmentPath,
  assessmentsPath,
} from './guidance.api.ts';
import { titleIn } from './guidance-library.page.tsx';
import './guidance.css';

const PRIVATE = { keepOnDevice: false } as const;

/** A self-assessment's score and band, what to do for each "no" and "partly", and the earlier assessments. */
export function AssessmentResultPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { id = '', assessmentId = '' } = useParams();
  const result = useApi<AssessmentResult>(assessmentPath(id, assessmentId), PRIVATE);
  const history = useApi<AssessmentHistory>(assessmentsPath(id), PRIVATE);
  useDocumentTitle(t('guidance.result.title'));
  const data = result.data;

  return (
    <>
      <Link to={`/organisations/${id}`} className="back-link">
        {t('guidance.assessment.back')}
      </Link>
      {result.status === 'error' ? (
        result.error.status === 404 ? (
          <>
            <h1>{t('guidance.result.title')}</h1>
            <p>{t('guidance.result.notFound')}</p>
          </>
        ) : (
          <LoadFailed onRetry={result.retry} />
        )
      ) : !data ? (
        <p role="status" className="hint">
          {t('common.loading')}
        </p>
      ) : (
        <>
          <div className={`assessment-score assessment-score--${data.band}`}>
            <h1>{t('guidance.result.title')}</h1>
            <p className="assessment-score__number">{t('guidance.result.score', { score: data.score })}</p>
            <p className="assessment-score__band">{t(`guidance.bands.${data.band}`)}</p>
            <p>
              {data.siteName
                ? t('guidance.result.forSite', { site: data.siteName })
                : t('guidance.result.forOrganisation')}{' '}
              · <time dateTime={data.createdAt}>{dateTime(data.createdAt, locale)}</time>
            </p>
          </div>
          <p>{t(`guidance.bandAdvice.${data.band}`)}</p>
          <section aria-labelledby="recommendations" className="section-gap">
            <h2 id="recommendations">{t('guidance.result.recommendations')}</h2>
            {data.recommendations.length === 0 ? (
              <p>{t('guidance.result.noGaps')}</p>
            ) : (
              <ol className="item-list recommendations">
                {data.recommendations.map((r) => (
                  <li key={r.questionId} className="item">
                    <p className="item__title">{r.recommendation[locale]}</p>
                    <p className="item__meta">
                      <span className="tag">{t(`guidance.answers.${r.answer}`)}</span> {r.question[locale]}
                    </p>
                    {r.articles.length > 0 ? (
                      <ul className="recommendation-links">
                        {r.articles.map((a) => {
                          const title = titleIn(a.title, locale);
                          return (
                            <li key={a.slug}>
                              <Link to={`/guidance/${a.slug}`} lang={title.lang}>
                                {title.text}
                              </Link>
                            </li>
                          );
                        })}
                      </ul>
                    ) : null}
                  </li>
                ))}
              </ol>
            )}
          </section>
          <p>
            <Link to={`/organisations/${id}/assessment`} className="button button--secondary">
              {t('guidance.result.again')}
            </Link>
          </p>
          <History items={history.data?.items ?? []} organisationId={id} current={data.id} />
        </>
      )}
    </>
  );
}

function History({
  items,
  organisationId,
  current,
}: {
  items: AssessmentSummary[];
  organisationId: string;
  current: string;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  if (items.length <= 1) return null;
  return (
    <section aria-labelledby="assessment-history" className="section-gap">
      <h2 id="assessment-history">{t('guidance.result.history')}</h2>
      <table className="assessment-history">
        <thead>
          <tr>
            <th scope="col">{t('guidance.result.when')}</th>
            <th scope="col">{t('guidance.result.what')}</th>
            <th scope="col">{t('guidance.result.scoreColumn')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((a) => (
            <tr key={a.id}>
              <td>
                {a.id === current ? (
                  <span aria-current="page">{dateTime(a.createdAt, locale)}</span>
                ) : (
                  <Link to={`/organisations/${organisationId}/assessments/${a.id}`}>
                    {dateTime(a.createdAt, locale)}
                  </Link>
                )}
              </td>
              <td>{a.siteName ?? t('guidance.assessment.wholeOrganisation')}</td>
              <td>
                {a.score} · {t(`guidance.bands.${a.band}`)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
