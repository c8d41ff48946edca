import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.hook.ts';
import { useSessionUser } from '../auth/session.context.tsx';
import { Pagination } from '../missions/pagination.component.tsx';
import { CategoryText, PriorityTag, StatusTag } from './case-tags.component.tsx';
import { CASE_STATUS_KEYS, type CasePage, casesPath, isCaseStatus } from './cases.api.ts';
import './cases.css';
import { CASE_STATUSES } from '@homeward/shared';
import { LoadError } from '../../lib/load-error.component.tsx';

/** The cases the signed-in person may see, filtered by status and mission; filters live in the URL. */
export function CasesListPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const user = useSessionUser();
  useDocumentTitle(t('cases.title'));
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status');
  const status = isCaseStatus(statusParam) ? statusParam : '';
  const missionCode = (params.get('missionCode') ?? '').toUpperCase();
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const [draftStatus, setDraftStatus] = useState<string>(status);
  const [draftMission, setDraftMission] = useState(missionCode);
  const validMission = /^[A-Z]{2}-[A-Z]{3}$/.test(missionCode) ? missionCode : '';
  const results = useApi<CasePage>(casesPath({ status, missionCode: validMission, page }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (draftStatus) next.set('status', draftStatus);
    if (draftMission.trim()) next.set('missionCode', draftMission.trim().toUpperCase());
    setParams(next);
  };

  const scoped = user.role === 'consular_officer' || user.role === 'mission_head';
  const data = results.data;
  return (
    <>
      <h1>{t('cases.title')}</h1>
      <p>{scoped ? t('cases.scopeMissions', { missions: user.missions.join('、') }) : t('cases.scopeAll')}</p>
      <search className="filter">
        <form onSubmit={onSubmit} className="filter__form">
          <div className="form-group">
            <label className="label" htmlFor="case-status">
              {t('cases.status')}
            </label>
            <select
              id="case-status"
              className="select"
              value={draftStatus}
              onChange={(event) => setDraftStatus(event.target.value)}
            >
              <option value="">{t('cases.anyStatus')}</option>
              {CASE_STATUS_KEYS.map((key) => (
                <option key={key} value={key}>
                  {CASE_STATUSES[key][locale]}
                </option>
              ))}
            </select>
          </div>
          <div className="form-group">
            <label className="label" htmlFor="case-mission">
              {t('cases.mission')}
            </label>
            <p className="hint" id="case-mission-hint">
              {t('cases.missionHint')}
            </p>
            <input
              id="case-mission"
              className="input"
              autoComplete="off"
              value={draftMission}
              aria-describedby="case-mission-hint"
              onChange={(event) => setDraftMission(event.target.value)}
            />
          </div>
          <div className="filter__actions">
            <button type="submit" className="button">
              {t('cases.apply')}
            </button>
            {status || missionCode ? (
              <Link
                to="/cases"
                onClick={() => {
                  setDraftStatus('');
                  setDraftMission('');
                }}
              >
                {t('cases.clear')}
              </Link>
            ) : null}
          </div>
        </form>
      </search>

      <LoadError state={results} />

      {data ? (
        <div aria-busy={results.status === 'loading'}>
          <p className="count" role="status">
            <strong>{t('cases.count', { count: data.total, formatted: formatNumber(data.total, locale) })}</strong>
          </p>
          {data.items.length === 0 ? (
            <p>{t('cases.empty')}</p>
          ) : (
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1).
            <section className="table-wrap" aria-label={t('cases.title')} tabIndex={0}>
              <table className="table">
                <caption className="visually-hidden">{t('cases.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('cases.columns.number')}</th>
                    <th scope="col">{t('cases.columns.priority')}</th>
                    <th scope="col">{t('cases.columns.status')}</th>
                    <th scope="col">{t('cases.columns.category')}</th>
                    <th scope="col">{t('cases.columns.subject')}</th>
                    <th scope="col">{t('cases.columns.mission')}</th>
                    <th scope="col">{t('cases.columns.opened')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((kase) => (
                    <tr key={kase.id}>
                      <th scope="row" className="nowrap">
                        <Link to={`/cases/${kase.id}`}>{kase.number}</Link>
                      </th>
                      <td>
                        <PriorityTag priority={kase.priority} />
                      </td>
                      <td>
                        <StatusTag status={kase.status} />
                      </td>
                      <td>
                        <CategoryText category={kase.category} />
                      </td>
                      <td>{kase.subjectName}</td>
                      <td>
                        <span className="code">{kase.missionCode}</span>
                      </td>
                      <td>{formatDateTime(kase.openedAt, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
          <Pagination page={data.page} total={data.total} pageSize={data.pageSize} />
        </div>
      ) : results.status === 'loading' ? (
        <p role="status" aria-busy="true">
          …
        </p>
      ) : null}
    </>
  );
}
