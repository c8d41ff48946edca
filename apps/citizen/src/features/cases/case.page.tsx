import '../help/help.css';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { dateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.hook.ts';
import { HotlineLink } from '../meta/hotline.component.tsx';
import { MissionPhone } from '../missions/mission-card.component.tsx';
import { type Mission, missionPath } from '../missions/missions.api.ts';
import { LoadFailed } from '../offline/offline.component.tsx';
import { CaseFiles } from './case-files.component.tsx';
import { CaseThread } from './case-thread.component.tsx';
import { type CaseDetail, type CaseEvent, casePath, fetchEvents, type LiveCaseEvent } from './cases.api.ts';
import { useLiveCases } from './use-live.hook.ts';
import { useResource } from './use-resource.hook.ts';

/**
 * One case as the person who asked for help sees it: number, status in plain words, the mission and its phone,
 * and the conversation, which a reply from the mission joins without a reload (announced politely).
 */
export function CasePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const detail = useResource<CaseDetail>(casePath(id));
  const kase = detail.data?.case ?? null;
  useDocumentTitle(kase ? t('cases.page.title', { number: kase.number }) : t('cases.page.loadingTitle'));

  if (detail.status === 'error') {
    const notFound = detail.error.status === 404 || detail.error.status === 403;
    return (
      <>
        <BackToCases />
        <h1>{notFound ? t('cases.page.notFoundTitle') : t('cases.page.loadingTitle')}</h1>
        {notFound ? <p>{t('cases.page.notFound')}</p> : <LoadFailed onRetry={detail.retry} />}
      </>
    );
  }
  if (!detail.data || !kase) {
    return (
      <>
        <BackToCases />
        <h1>{t('cases.page.loadingTitle')}</h1>
        <p role="status" className="hint">
          {t('common.loading')}
        </p>
      </>
    );
  }
  return <CaseView detail={detail.data} onChanged={detail.refresh} />;
}

function BackToCases() {
  const { t } = useTranslation();
  return (
    <Link to="/cases" className="back-link">
      {t('cases.page.back')}
    </Link>
  );
}

function CaseView({ detail, onChanged }: { detail: CaseDetail; onChanged: () => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const kase = detail.case;
  const mission = useApi<Mission>(missionPath(kase.missionCode));
  const [events, setEvents] = useState<CaseEvent[] | null>(null);
  const [eventsFailed, setEventsFailed] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const last = useRef<string | undefined>(undefined);
  const loading = useRef(false);
  const pending = useRef(false);

  // Reads the events after the last one shown; one read at a time, one more if asked meanwhile.
  const loadMore = useCallback(
    async (announce: boolean) => {
      if (loading.current) {
        pending.current = true;
        return;
      }
      loading.current = true;
      try {
        do {
          pending.current = false;
          const answer = await fetchEvents(kase.id, last.current);
          setEventsFailed(false);
          const fresh = answer.items;
          if (fresh.length === 0) {
            setEvents((current) => current ?? []);
            continue;
          }
          last.current = fresh[fresh.length - 1]?.id ?? last.current;
          setEvents((current) => {
            const known = new Set((current ?? []).map((e) => e.id));
            return [...(current ?? []), ...fresh.filter((e) => !known.has(e.id))];
          });
          const reply = [...fresh].reverse().find((e) => e.author.kind === 'staff' && e.body);
          if (announce && reply) {
            setAnnouncement(t('cases.page.newReply', { body: reply.body ?? '' }));
          }
        } while (pending.current);
      } catch {
        setEventsFailed(true);
      } finally {
        loading.current = false;
      }
    },
    [kase.id, t],
  );

  useEffect(() => {
    void loadMore(false);
  }, [loadMore]);

  useLiveCases(
    (event: LiveCaseEvent) => {
      if (event.caseId !== kase.id) return;
      void loadMore(true);
      // A status change also changes the header.
      if (event.kind !== 'message' && event.kind !== 'note') onChanged();
    },
    () => {
      void loadMore(true);
      onChanged();
    },
  );

  const closed = kase.status === 'closed';

  return (
    <>
      <BackToCases />
      <h1>{t('cases.page.title', { number: kase.number })}</h1>
      <p className="lead">{t(`help.category.${kase.category}`)}</p>
      <div className="panel case-status-panel">
        <p>
          {t('cases.page.statusLabel')}{' '}
          <span className={`tag case-status case-status--${kase.status}`}>{t(`cases.status.${kase.status}`)}</span>
        </p>
        <p>{t(`cases.statusExplain.${kase.status}`)}</p>
      </div>
      {/* Always in the page: a reply that arrives live is read out here. */}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>

      <dl className="summary-list">
        <div>
          <dt>{t('cases.page.number')}</dt>
          <dd>{kase.number}</dd>
        </div>
        <div>
          <dt>{t('cases.page.opened')}</dt>
          <dd>{dateTime(kase.openedAt, locale)}</dd>
        </div>
        <div>
          <dt>{t('cases.page.updated')}</dt>
          <dd>{dateTime(kase.updatedAt, locale)}</dd>
        </div>
        {kase.subjectName ? (
          <div>
            <dt>{t('cases.page.subject')}</dt>
            <dd>{kase.subjectName}</dd>
          </div>
        ) : null}
        {kase.location?.label ? (
          <div>
            <dt>{t('cases.page.place')}</dt>
            <dd>{kase.location.label}</dd>
          </div>
        ) : null}
      </dl>

      <section aria-labelledby="mission-heading" className="section-gap">
        <h2 id="mission-heading">{t('cases.page.missionHeading')}</h2>
        {mission.data ? (
          <>
            <p>
              <Link to={`/missions/${encodeURIComponent(mission.data.code)}`}>{mission.data.name[locale]}</Link>
            </p>
            <MissionPhone mission={mission.data} />
          </>
        ) : mission.status === 'error' ? (
          <>
            <p>{kase.missionCode}</p>
            <HotlineLink />
          </>
        ) : (
          <p className="hint">{t('common.loading')}</p>
        )}
      </section>

      {kase.description ? (
        <section aria-labelledby="told-heading" className="section-gap">
          <h2 id="told-heading">{t('cases.page.toldHeading')}</h2>
          <p className="thread__body">{kase.description}</p>
        </section>
      ) : null}

      {detail.attachments.length > 0 ? (
        <section aria-labelledby="files-heading" className="section-gap">
          <h2 id="files-heading">{t('cases.page.filesHeading')}</h2>
          <ul>
            {detail.attachments.map((a) => (
              <li key={a.id}>
                <a href={`${casePath(kase.id)}/attachments/${encodeURIComponent(a.id)}`} download>
                  {a.fileName}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {eventsFailed && events === null ? (
        <LoadFailed onRetry={() => void loadMore(false)} />
      ) : events === null ? (
        <p role="status" className="hint">
          {t('common.loading')}
        </p>
      ) : (
        <CaseThread caseId={kase.id} events={events} onSent={() => void loadMore(false)} closed={closed} />
      )}
      {closed ? null : (
        <CaseFiles
          caseId={kase.id}
          onSent={() => {
            void loadMore(false);
            onChanged();
          }}
        />
      )}
    </>
  );
}
