import type { Case, Locale, Mission } from '@homeward/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { currentLocale } from '../../i18n/i18n.ts';
import { formatDateTime, utcOffset } from '../../lib/format.ts';
import { CategoryText } from './case-tags.component.tsx';
import { SlaBadge } from './sla.component.tsx';

/** The words for an escalation level (0 none, 1 the head of mission, 2 headquarters). */
export function escalationKey(level: unknown) {
  return level === 2 || level === '2'
    ? 'cases.escalation.level2'
    : level === 1 || level === '1'
      ? 'cases.escalation.level1'
      : 'cases.escalation.level0';
}

/** "28 November 2026, 09:30 (UTC-05:00)" in a given zone: the mission's, next to the reader's own. */
export function formatInZone(iso: string, timeZone: string, locale: Locale): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  try {
    const text = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
      timeZone,
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(at);
    return `${text} (${utcOffset(timeZone, at)})`;
  } catch {
    // An unknown zone name must not break the page: the reader's own time still shows.
    return formatDateTime(iso, locale);
  }
}

function DueTimes({ dueAt, mission }: { dueAt: string | null; mission: Mission | null }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  if (!dueAt) return null;
  return (
    <ul className="case-due">
      {mission ? (
        <li>
          {t('cases.sla.dueMission', { time: formatInZone(dueAt, mission.timezone, locale), mission: mission.code })}
        </li>
      ) : null}
      <li>{t('cases.sla.dueYours', { time: formatDateTime(dueAt, locale) })}</li>
    </ul>
  );
}

/** The SLA clocks of a case, each as icon + words + due time in the mission's zone and the reader's. */
export function CaseSlaClocks({ kase, mission, now }: { kase: Case; mission: Mission | null; now: number }) {
  const { t } = useTranslation();
  const { sla } = kase;
  return (
    <section className="case-sla" aria-labelledby="case-sla-title">
      <h2 id="case-sla-title" className="case-side__title">
        {t('cases.sla.title')}
      </h2>
      <p className="hint">
        {t(`cases.sla.clock.${sla.clock}`)}
        {sla.paused ? ` ${t('cases.sla.pausedNote')}` : ''}
      </p>
      <div className="case-sla__clock">
        <SlaBadge
          state={sla.firstResponse.state}
          dueAt={sla.firstResponse.dueAt}
          now={now}
          label={t('cases.sla.firstResponse')}
        />
        {sla.firstResponse.metAt ? (
          <p className="hint">
            {t('cases.sla.metAt', { time: formatDateTime(sla.firstResponse.metAt, currentLocale()) })}
          </p>
        ) : (
          <DueTimes dueAt={sla.firstResponse.dueAt} mission={mission} />
        )}
      </div>
      {sla.firstResponse.state === 'met' ? (
        <div className="case-sla__clock">
          <SlaBadge
            state={sla.nextUpdate.state}
            dueAt={sla.nextUpdate.dueAt}
            now={now}
            label={t('cases.sla.nextUpdate')}
          />
          <DueTimes dueAt={sla.nextUpdate.dueAt} mission={mission} />
        </div>
      ) : null}
    </section>
  );
}

/** Who, where, what: the facts an officer needs at handover. */
export function CaseFacts({
  kase,
  mission,
  incidentTitle,
}: {
  kase: Case;
  mission: Mission | null;
  incidentTitle: string | null;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const place = kase.location
    ? [kase.location.label, kase.location.region, kase.location.country].filter(Boolean).join(', ')
    : null;
  return (
    <dl className="case-facts">
      <dt>{t('cases.columns.category')}</dt>
      <dd>
        <CategoryText category={kase.category} />
      </dd>
      <dt>{t('cases.columns.subject')}</dt>
      <dd>{kase.subjectName}</dd>
      <dt>{t('cases.columns.mission')}</dt>
      <dd>
        {mission ? `${mission.name[locale]} ` : null}
        <span className="code">{kase.missionCode}</span>
      </dd>
      <dt>{t('cases.columns.assignee')}</dt>
      <dd>{kase.assignedTo?.name ?? t('cases.unassigned')}</dd>
      <dt>{t('cases.detail.escalation')}</dt>
      <dd>{t(escalationKey(kase.escalationLevel))}</dd>
      <dt>{t('cases.detail.source')}</dt>
      <dd>{t(`cases.source.${kase.source}`)}</dd>
      {kase.incidentId ? (
        <>
          <dt>{t('cases.columns.incident')}</dt>
          <dd>
            <Link to={`/incidents/${kase.incidentId}`}>{incidentTitle ?? t('cases.detail.incidentLink')}</Link>
          </dd>
        </>
      ) : null}
      {place ? (
        <>
          <dt>{t('cases.detail.location')}</dt>
          <dd>{place}</dd>
        </>
      ) : null}
      {kase.contactPhone ? (
        <>
          <dt>{t('cases.detail.contactPhone')}</dt>
          <dd>
            <a href={`tel:${kase.contactPhone}`}>{kase.contactPhone}</a>
          </dd>
        </>
      ) : null}
      <dt>{t('cases.columns.opened')}</dt>
      <dd>{formatDateTime(kase.openedAt, locale)}</dd>
      <dt>{t('cases.detail.updated')}</dt>
      <dd>{formatDateTime(kase.updatedAt, locale)}</dd>
      {kase.closedAt ? (
        <>
          <dt>{t('cases.detail.closed')}</dt>
          <dd>{formatDateTime(kase.closedAt, locale)}</dd>
        </>
      ) : null}
    </dl>
  );
}
