import type { Mission } from '@homeward/shared';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { canOpen } from '../../app/access.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { getJson } from '../../lib/api.client.ts';
import { useSessionUser } from '../auth/session.context.tsx';
import { type LiveCaseEvent, useLiveCaseEvents } from './case-live.ts';
import './case-alerts.css';

interface Alert {
  id: string;
  caseId: string;
  urgent: boolean;
  text: string;
}

const MAX_ALERTS = 3;
const missionNames = new Map<string, Promise<Mission | null>>();

function missionOf(code: string): Promise<Mission | null> {
  let found = missionNames.get(code);
  if (!found) {
    found = getJson<Mission>(`/api/v1/missions/${encodeURIComponent(code)}`).catch(() => null);
    missionNames.set(code, found);
  }
  return found;
}

function notificationsAllowed(): boolean {
  return typeof Notification !== 'undefined' && Notification.permission === 'granted';
}

/**
 * New cases, as they arrive on the live stream, for everyone who works the case queue: a notice in the corner
 * (P1 read out at once, assertive; the others politely), and a desktop notification for P1 when this browser
 * allows them. The server only streams cases the person may see.
 */
export function CaseAlerts() {
  const user = useSessionUser();
  if (!canOpen(user.role, 'cases')) return null;
  return <CaseAlertsRegion />;
}

function CaseAlertsRegion() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [alerts, setAlerts] = useState<Alert[]>([]);
  const seen = useRef(new Set<string>());

  const onEvent = useCallback(
    async (event: LiveCaseEvent) => {
      if (event.kind !== 'created' || seen.current.has(event.eventId)) return;
      seen.current.add(event.eventId);
      const locale = currentLocale();
      const mission = await missionOf(event.missionCode);
      const where = mission ? `${mission.name[locale]} (${event.missionCode})` : event.missionCode;
      const urgent = event.priority === 'P1';
      const text = t(urgent ? 'cases.alerts.newP1' : 'cases.alerts.new', {
        number: event.number,
        priority: event.priority,
        mission: where,
      });
      setAlerts((current) =>
        [{ id: event.eventId, caseId: event.caseId, urgent, text }, ...current].slice(0, MAX_ALERTS),
      );
      if (urgent && notificationsAllowed()) {
        const notification = new Notification(t('cases.alerts.desktopTitle'), { body: text, tag: event.caseId });
        notification.onclick = () => {
          window.focus();
          navigate(`/cases/${event.caseId}`);
        };
      }
    },
    [t, navigate],
  );
  useLiveCaseEvents((event) => void onEvent(event));

  const dismiss = (id: string) => setAlerts((current) => current.filter((a) => a.id !== id));
  const urgent = alerts.filter((a) => a.urgent);
  const routine = alerts.filter((a) => !a.urgent);
  const render = (list: Alert[]) =>
    list.map((alert) => (
      <div key={alert.id} className={alert.urgent ? 'case-alert case-alert--urgent' : 'case-alert'}>
        <p>
          <Link to={`/cases/${alert.caseId}`} onClick={() => dismiss(alert.id)}>
            {alert.text}
          </Link>
        </p>
        <button type="button" className="link-button" onClick={() => dismiss(alert.id)}>
          {t('cases.alerts.dismiss')}
          <span className="visually-hidden">: {alert.text}</span>
        </button>
      </div>
    ));

  // Both regions are always in the page: a live region added together with its text is not read out.
  return (
    <section className="case-alerts" aria-label={t('cases.alerts.label')}>
      <div aria-live="assertive" aria-atomic="false">
        {render(urgent)}
      </div>
      <div aria-live="polite" aria-atomic="false">
        {render(routine)}
      </div>
    </section>
  );
}

/** Asks this browser for desktop notifications of new P1 cases; shown only while the choice is still open. */
export function DesktopNotificationsButton() {
  const { t } = useTranslation();
  const [permission, setPermission] = useState(() =>
    typeof Notification === 'undefined' ? 'denied' : Notification.permission,
  );
  if (permission !== 'default') return null;
  return (
    <button
      type="button"
      className="button button--secondary"
      onClick={() => void Notification.requestPermission().then(setPermission)}
    >
      {t('cases.alerts.enableDesktop')}
    </button>
  );
}
