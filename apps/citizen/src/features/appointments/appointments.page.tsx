import './appointments.css';
import { type Locale, problemTitle } from '@homeward/shared';
import QRCode from 'qrcode';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { ApiError, sendJson } from '../../lib/api.client.ts';
import { useResource } from '../cases/use-resource.hook.ts';
import { LoadFailed } from '../offline/offline.component.tsx';
import {
  appointmentPath,
  MY_APPOINTMENTS_PATH,
  MY_WAITLIST_PATH,
  type MyAppointment,
  type MyAppointmentList,
  slotDateTime,
  type WaitlistList,
} from './appointments.api.ts';

type ServiceKey = 'appointments.service.visa';
type StatusKey = 'appointments.status.booked';

/** The check-in QR, drawn on the phone from the signed code (no personal data in it). */
function CheckInQr({ appointment, locale }: { appointment: MyAppointment; locale: Locale }) {
  const { t } = useTranslation();
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    if (!appointment.checkInCode) return;
    void QRCode.toDataURL(appointment.checkInCode, { errorCorrectionLevel: 'M', margin: 2, scale: 6 }).then(setSrc);
  }, [appointment.checkInCode]);
  if (!appointment.checkInCode) return null;
  const when = slotDateTime(appointment.slotStart, appointment.timeZone, locale);
  return (
    <div className="appt-qr">
      {src ? <img src={src} alt={t('appointments.mine.qrAlt', { when })} width={228} height={228} /> : null}
      <p className="hint">{t('appointments.mine.qrHint')}</p>
      <p className="hint">
        {t('appointments.mine.code')}: <code className="appt-code">{appointment.checkInCode}</code>
      </p>
    </div>
  );
}

function AppointmentItem({
  appointment,
  onChanged,
}: {
  appointment: MyAppointment;
  onChanged: (note: string) => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [qr, setQr] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const when = slotDateTime(appointment.slotStart, appointment.timeZone, locale);
  const active = appointment.status === 'booked' || appointment.status === 'held';
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) keep.current?.focus();
  }, [confirming]);

  async function act(path: string, note: string) {
    setError(null);
    try {
      await sendJson('POST', path);
      onChanged(note);
    } catch (e) {
      setError(e instanceof ApiError && e.problem ? e.problem.title : problemTitle('internal_error', locale));
    }
  }

  const rescheduleLink = `/appointments/new?${new URLSearchParams({
    reschedule: appointment.id,
    mission: appointment.missionCode,
    service: appointment.serviceId,
  })}`;
  return (
    <li className="item appt-item">
      <h2 className="item__title">
        {t(`appointments.service.${appointment.serviceId}` as ServiceKey)} · {appointment.missionName[locale]}
      </h2>
      <p>{t('appointments.mine.when', { when })}</p>
      <p>
        <span className={`tag appt-status appt-status--${appointment.status}`}>
          {t(`appointments.status.${appointment.status}` as StatusKey)}
        </span>
      </p>
      {appointment.applicationId ? (
        <p className="hint">{t('appointments.mine.application', { id: appointment.applicationId })}</p>
      ) : null}
      {error ? (
        <p className="error-message" role="alert">
          {error}
        </p>
      ) : null}
      {appointment.status === 'held' && appointment.holdUntil ? (
        <div className="panel">
          <p>
            {t('appointments.mine.held', { until: slotDateTime(appointment.holdUntil, appointment.timeZone, locale) })}
          </p>
          <button
            type="button"
            className="button"
            onClick={() => act(`${appointmentPath(appointment.id)}/confirm`, t('appointments.mine.confirmed'))}
          >
            {t('appointments.mine.confirm')}
          </button>
        </div>
      ) : null}
      {appointment.status === 'booked' ? (
        <div className="appt-actions">
          <button type="button" className="button button--secondary" aria-expanded={qr} onClick={() => setQr(!qr)}>
            {t(qr ? 'appointments.mine.hideQr' : 'appointments.mine.showQr')}
          </button>
          <a className="button button--secondary" href={`${appointmentPath(appointment.id)}/calendar.ics`} download>
            {t('appointments.mine.calendar')}
          </a>
          <Link className="button button--secondary" to={rescheduleLink}>
            {t('appointments.mine.reschedule')}
          </Link>
        </div>
      ) : null}
      {qr ? <CheckInQr appointment={appointment} locale={locale} /> : null}
      {active && !confirming ? (
        <p>
          <button type="button" className="button button--warning" onClick={() => setConfirming(true)}>
            {t('appointments.mine.cancel')}
          </button>
        </p>
      ) : null}
      {confirming ? (
        <div className="panel appt-confirm">
          <p>{t('appointments.mine.cancelConfirm', { when })}</p>
          <div className="appt-actions">
            <button
              type="button"
              className="button button--warning"
              onClick={() => act(`${appointmentPath(appointment.id)}/cancel`, t('appointments.mine.cancelled'))}
            >
              {t('appointments.mine.cancelYes')}
            </button>
            <button ref={keep} type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
              {t('appointments.mine.cancelNo')}
            </button>
          </div>
        </div>
      ) : null}
    </li>
  );
}

/** My appointments: the QR for the counter, the calendar file, change or cancel, and the waiting lists I am on. */
export function AppointmentsPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const location = useLocation();
  const list = useResource<MyAppointmentList>(MY_APPOINTMENTS_PATH);
  const waitlist = useResource<WaitlistList>(MY_WAITLIST_PATH);
  const booked = (location.state as { booked?: string } | null)?.booked;
  const [note, setNote] = useState<string | null>(booked ? t('appointments.book.booked') : null);
  useDocumentTitle(t('appointments.mine.title'));

  const changed = (text: string) => {
    setNote(text);
    list.refresh();
    waitlist.refresh();
  };

  async function leave(id: string) {
    try {
      await sendJson('DELETE', `${MY_WAITLIST_PATH}/${encodeURIComponent(id)}`);
    } finally {
      waitlist.refresh();
    }
  }

  return (
    <>
      <h1>{t('appointments.mine.title')}</h1>
      <p className="lead">{t('appointments.mine.lead')}</p>
      {note ? (
        <div className="panel panel--confirmation" role="status">
          <p>{note}</p>
        </div>
      ) : null}
      <p>
        <Link to="/appointments/new" className="button">
          {t('appointments.mine.new')}
        </Link>
      </p>
      <section aria-busy={list.status === 'loading'} aria-label={t('appointments.mine.title')}>
        {list.status === 'loading' ? (
          <p role="status" className="hint">
            {t('common.loading')}
          </p>
        ) : null}
        {list.status === 'error' ? <LoadFailed onRetry={list.retry} /> : null}
        {list.data && list.data.items.length === 0 ? <p>{t('appointments.mine.none')}</p> : null}
        {list.data && list.data.items.length > 0 ? (
          <ul className="item-list">
            {list.data.items.map((a) => (
              <AppointmentItem key={a.id} appointment={a} onChanged={changed} />
            ))}
          </ul>
        ) : null}
      </section>
      {waitlist.data && waitlist.data.items.length > 0 ? (
        <section aria-labelledby="waitlist-title">
          <h2 id="waitlist-title">{t('appointments.mine.waitlist')}</h2>
          <ul className="item-list">
            {waitlist.data.items.map((w) => {
              const values = {
                service: t(`appointments.service.${w.serviceId}` as ServiceKey),
                mission: w.missionCode,
                date: new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
                  new Date(`${w.date}T12:00:00Z`),
                ),
                position: w.position,
              };
              return (
                <li key={w.id} className="item">
                  <p>
                    {w.status === 'offered'
                      ? t('appointments.mine.offered', values)
                      : t('appointments.mine.waiting', values)}
                  </p>
                  {w.status === 'waiting' ? (
                    <button type="button" className="button button--secondary" onClick={() => leave(w.id)}>
                      {t('appointments.mine.leave')}
                    </button>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
    </>
  );
}
