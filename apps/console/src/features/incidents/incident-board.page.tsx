import { CASE_STATUSES, type Country } from '@homeward/shared';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { ApiError, patchJson } from '../../lib/api.client.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.hook.ts';
import { useLiveCaseEvents } from '../cases/case-live.ts';
import { CategoryText, PriorityTag } from '../cases/case-tags.component.tsx';
import { currentSla, SlaBadge, useNow } from '../cases/sla.component.tsx';
import { Confirm } from '../forms/confirm.component.tsx';
import { type IncidentBoard, incidentBoardPath } from './incidents.api.ts';
import '../cases/cases.css';
import './incidents.css';

/**
 * An incident's board: a column per case status with a card per case (links, so Tab walks them in reading order),
 * and the counts per mission and priority an HQ duty officer reports upwards. Refreshes when one of its cases changes.
 */
export function IncidentBoardPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { id = '' } = useParams();
  const board = useApi<IncidentBoard>(incidentBoardPath(id));
  const countries = useApi<Country[]>('/api/v1/countries');
  const names = useMemo(
    () => new Map((countries.data ?? []).map((c) => [c.code, c.name[locale]])),
    [countries.data, locale],
  );
  const now = useNow();
  const data = board.data;
  const notFound = board.status === 'error' && (board.error.status === 404 || board.error.status === 400);
  useDocumentTitle(notFound ? t('incidents.notFoundTitle') : (data?.incident.title ?? t('incidents.title')));

  const caseIds = useMemo(
    () => new Set((data?.columns ?? []).flatMap((column) => column.cases.map((c) => c.id))),
    [data],
  );
  const { retry } = board;
  useLiveCaseEvents(
    useCallback(
      (event) => {
        // A case of this board changed, or any case joined an incident (it may be this one).
        if (caseIds.has(event.caseId) || event.kind === 'incident') retry();
      },
      [caseIds, retry],
    ),
  );

  return (
    <>
      <p>
        <Link to="/incidents" className="back-link">
          {t('incidents.back')}
        </Link>
      </p>
      {notFound ? (
        <>
          <h1>{t('incidents.notFoundTitle')}</h1>
          <p>{t('incidents.notFoundText')}</p>
        </>
      ) : board.status === 'error' ? (
        <div className="notice" role="alert">
          <p>{board.error.problem?.title ?? t('errors.network')}</p>
          <button type="button" className="button button--secondary" onClick={board.retry}>
            {t('errors.retry')}
          </button>
        </div>
      ) : data ? (
        <>
          <h1>
            {data.incident.title}{' '}
            <strong className={`tag tag--incident-${data.incident.status}`}>
              {t(`incidents.status.${data.incident.status}`)}
            </strong>
          </h1>
          <dl className="case-facts">
            <dt>{t('incidents.columns.kind')}</dt>
            <dd>{t(`incidents.kind.${data.incident.kind}`)}</dd>
            <dt>{t('incidents.columns.countries')}</dt>
            <dd>
              {data.incident.countries.map((code) => names.get(code) ?? code).join(locale === 'zh-CN' ? '、' : ', ')}
            </dd>
            <dt>{t('incidents.columns.created')}</dt>
            <dd>{formatDateTime(data.incident.createdAt, locale)}</dd>
          </dl>
          {data.incident.description ? <p className="case-summary">{data.incident.description}</p> : null}
          <p>
            <Link to={`/cases?incidentId=${data.incident.id}`}>{t('incidents.board.inQueue')}</Link>
          </p>
          <IncidentStatusAction board={data} onChanged={retry} />

          <div className="incident-counts">
            <table className="table">
              <caption>{t('incidents.board.byMission')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('cases.columns.mission')}</th>
                  <th scope="col">{t('incidents.columns.cases')}</th>
                </tr>
              </thead>
              <tbody>
                {data.byMission.map((row) => (
                  <tr key={row.missionCode}>
                    <th scope="row">
                      <span className="code">{row.missionCode}</span>
                    </th>
                    <td>{formatNumber(row.total, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table className="table">
              <caption>{t('incidents.board.byPriority')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('cases.columns.priority')}</th>
                  <th scope="col">{t('incidents.columns.cases')}</th>
                </tr>
              </thead>
              <tbody>
                {data.byPriority.map((row) => (
                  <tr key={row.priority}>
                    <th scope="row">
                      <PriorityTag priority={row.priority} />
                    </th>
                    <td>{formatNumber(row.total, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>

          <h2>{t('incidents.board.title')}</h2>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: the board scrolls sideways on narrow screens; the keyboard must reach it (WCAG 2.1.1). */}
          <section className="board" aria-label={t('incidents.board.title')} tabIndex={0}>
            {data.columns.map((column) => (
              <section key={column.status} className="board__column" aria-labelledby={`board-${column.status}`}>
                <h3 id={`board-${column.status}`} className="board__title">
                  {CASE_STATUSES[column.status][locale]}{' '}
                  <span className="board__count">
                    {t('cases.count', { count: column.total, formatted: formatNumber(column.total, locale) })}
                  </span>
                </h3>
                {column.cases.length === 0 ? (
                  <p className="muted">{t('incidents.board.none')}</p>
                ) : (
                  <ul className="plain-list board__cards">
                    {column.cases.map((kase) => {
                      const sla = currentSla(kase.sla);
                      return (
                        <li key={kase.id} className="board__card">
                          <p className="board__card-head">
                            <Link to={`/cases/${kase.id}`}>{kase.number}</Link> <PriorityTag priority={kase.priority} />
                          </p>
                          <p>{kase.subjectName}</p>
                          <p className="muted">
                            <CategoryText category={kase.category} /> · <span className="code">{kase.missionCode}</span>
                          </p>
                          <SlaBadge state={sla.state} dueAt={sla.dueAt} now={now} />
                        </li>
                      );
                    })}
                  </ul>
                )}
                {column.total > column.cases.length ? (
                  <p>
                    <Link to={`/cases?incidentId=${data.incident.id}&status=${column.status}`}>
                      {t('incidents.board.more', { count: column.total - column.cases.length })}
                    </Link>
                  </p>
                ) : null}
              </section>
            ))}
          </section>
        </>
      ) : (
        <p role="status" aria-busy="true">
          {t('app.loading')}
        </p>
      )}
    </>
  );
}

/** Closing an incident says it is over; it is asked once more, and it can be made active again. */
function IncidentStatusAction({ board, onChanged }: { board: IncidentBoard; onChanged: () => void }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const active = board.incident.status === 'active';
  const change = async () => {
    setError(null);
    try {
      await patchJson(`/api/v1/incidents/${encodeURIComponent(board.incident.id)}`, {
        status: active ? 'closed' : 'active',
      });
      setAsking(false);
      onChanged();
    } catch (caught) {
      setError(caught instanceof ApiError && caught.status !== 0 ? (caught.problem?.title ?? '') : t('errors.network'));
    }
  };
  return (
    <div className="incident-status-action">
      {error ? (
        <p className="error-message" role="alert">
          <span className="visually-hidden">{t('errors.prefix')}</span>
          {error}
        </p>
      ) : null}
      {asking ? (
        <Confirm
          question={t(active ? 'incidents.close.question' : 'incidents.close.reopenQuestion', {
            title: board.incident.title,
          })}
          confirmLabel={t(active ? 'incidents.close.confirm' : 'incidents.close.reopen')}
          onConfirm={() => void change()}
          onCancel={() => setAsking(false)}
        />
      ) : (
        <button type="button" className="button button--secondary" onClick={() => setAsking(true)}>
          {t(active ? 'incidents.close.open' : 'incidents.close.reopen')}
        </button>
      )}
    </div>
  );
}
