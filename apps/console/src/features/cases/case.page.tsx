import type { Case, CaseDetail, Incident, Mission } from '@homeward/shared';
import { CASE_STATUSES } from '@homeward/shared';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { ApiError } from '../../lib/api.client.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.hook.ts';
import { CaseActions, type RunChange } from './case-actions.component.tsx';
import { CaseFacts, CaseSlaClocks } from './case-facts.component.tsx';
import { useLiveCaseEvents } from './case-live.ts';
import { CasePersons } from './case-persons.component.tsx';
import { PriorityTag, StatusTag } from './case-tags.component.tsx';
import { CaseTasks } from './case-tasks.component.tsx';
import { CaseComposer, CaseTimeline } from './case-timeline.component.tsx';
import { useCaseTimeline } from './case-timeline.hook.ts';
import { attachmentPath, casePath, conflictOf } from './cases.api.ts';
import { useSaid } from './said.hook.ts';
import { useNow } from './sla.component.tsx';
import './cases.css';

function messageOf(error: unknown, network: string): string {
  if (error instanceof ApiError && error.status !== 0) {
    return error.problem?.errors?.[0]?.message ?? error.problem?.title ?? network;
  }
  return network;
}

/**
 * One case: facts and SLA clocks, what can be done to it, its timeline with the composer, tasks and people.
 * A case of another mission answers 404 like a missing one, and the page says both in one sentence, so it gives
 * away nothing about cases the reader may not see. New events arrive over the live stream without a reload.
 */
export function CasePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const result = useApi<CaseDetail>(casePath(id));
  const detail = result.data;
  const notFound = result.status === 'error' && (result.error.status === 404 || result.error.status === 400);
  useDocumentTitle(notFound ? t('cases.detail.notFoundTitle') : (detail?.case.number ?? t('cases.title')));

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
      ) : result.status === 'error' && !detail ? (
        <div className="notice" role="alert">
          <p>{result.error.problem?.title ?? t('errors.network')}</p>
          <button type="button" className="button button--secondary" onClick={result.retry}>
            {t('errors.retry')}
          </button>
        </div>
      ) : detail ? (
        // Keyed by case: moving to another case (a merge link) starts every draft afresh.
        <CaseView key={detail.case.id} detail={detail} reload={result.retry} />
      ) : (
        <p role="status" aria-busy="true">
          {t('app.loading')}
        </p>
      )}
    </>
  );
}

function CaseView({ detail, reload }: { detail: CaseDetail; reload: () => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const kase = detail.case;
  const now = useNow();
  const timeline = useCaseTimeline(kase.id);
  const mission = useApi<Mission>(`/api/v1/missions/${encodeURIComponent(kase.missionCode)}`);
  const incident = useApi<Incident>(
    kase.incidentId ? `/api/v1/incidents/${encodeURIComponent(kase.incidentId)}` : null,
  );
  const [conflict, setConflict] = useState<Case | null>(null);
  const [done, setDone] = useSaid();
  const latest = useRef(detail);
  latest.current = detail;

  const { refresh } = timeline;
  const refreshAll = useCallback(() => {
    reload();
    refresh();
  }, [reload, refresh]);

  useLiveCaseEvents((event) => {
    if (event.caseId === kase.id) refreshAll();
  });

  const run: RunChange = async (change, doneText) => {
    setConflict(null);
    setDone(null);
    try {
      await change(latest.current.case.version);
      setDone(doneText ?? (() => t('cases.actions.saved')));
      refreshAll();
    } catch (caught) {
      const current = conflictOf(caught);
      if (current) {
        setConflict(current);
        refreshAll();
        throw new Error(t('cases.conflict.short'));
      }
      throw new Error(messageOf(caught, t('errors.network')));
    }
  };

  return (
    <>
      <h1 className="case-title">
        {kase.number} <PriorityTag priority={kase.priority} /> <StatusTag status={kase.status} />
      </h1>
      {conflict ? (
        // Not an alert itself: the control that was used says it (role=alert, next to the focus); this shows what changed.
        <section className="notice case-conflict" aria-labelledby="case-conflict-title">
          <h2 id="case-conflict-title">{t('cases.conflict.title')}</h2>
          <p>
            {t('cases.conflict.text', {
              status: CASE_STATUSES[conflict.status][locale],
              priority: conflict.priority,
              assignee: conflict.assignedTo?.name ?? t('cases.unassigned'),
            })}
          </p>
          <p>{t('cases.conflict.keep')}</p>
        </section>
      ) : null}
      <p role="status" className="case-done">
        {done}
      </p>
      {detail.mergedInto ? (
        <div className="notice">
          <p>
            {t('cases.detail.mergedInto', { number: detail.mergedInto.number })}{' '}
            <Link to={`/cases/${detail.mergedInto.id}`}>
              {t('cases.timeline.openCase', { number: detail.mergedInto.number })}
            </Link>
          </p>
        </div>
      ) : null}
      <div className="case-top">
        <CaseFacts kase={kase} mission={mission.data} incidentTitle={incident.data?.title ?? null} />
        <CaseSlaClocks kase={kase} mission={mission.data} now={now} />
      </div>
      <div className="case-layout">
        <div className="case-layout__main">
          <h2>{t('cases.detail.summary')}</h2>
          <p className="case-summary">{kase.summary}</p>
          {kase.description && kase.description !== kase.summary ? (
            <>
              <h2>{t('cases.detail.description')}</h2>
              <p className="case-summary">{kase.description}</p>
            </>
          ) : null}
          <CaseTimeline timeline={timeline} />
          <CaseComposer caseId={kase.id} onSent={refreshAll} />
        </div>
        <div className="case-layout__side">
          <CaseActions detail={detail} run={run} />
          <CaseTasks caseId={kase.id} tasks={detail.tasks} now={now} onChanged={refreshAll} />
          <CasePersons caseId={kase.id} persons={detail.persons} onChanged={refreshAll} />
          {detail.attachments.length > 0 ? (
            <section aria-labelledby="case-files-title">
              <h2 id="case-files-title" className="case-side__title">
                {t('cases.files.title')}
              </h2>
              <ul className="plain-list case-files">
                {detail.attachments.map((file) => (
                  <li key={file.id}>
                    <a href={attachmentPath(kase.id, file.id)} download={file.fileName}>
                      {t('cases.timeline.download', { name: file.fileName })}
                    </a>{' '}
                    <span className="muted">
                      ({file.mediaType}, {formatDateTime(file.createdAt, locale)})
                    </span>
                  </li>
                ))}
              </ul>
              <p className="hint">{t('cases.files.audited')}</p>
            </section>
          ) : null}
        </div>
      </div>
      <p className="hint">{t('cases.detail.auditNote')}</p>
    </>
  );
}
