import './appointments.css';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { ApiError, postJson } from '../../lib/api.client.ts';
import { LoadError } from '../../lib/load-error.component.tsx';
import { canScanQr, QrScan } from '../../lib/qr-scan.component.tsx';
import { useApi } from '../../lib/use-api.hook.ts';
import { useSessionUser } from '../auth/session.context.tsx';
import {
  ALL_MISSIONS_PATH,
  type DayAppointment,
  type DaySchedule,
  dayPath,
  type MissionPage,
  timeAt,
  todayIn,
} from './appointments.api.ts';

type ServiceKey = 'appointments.service.visa';
type StatusKey = 'appointments.status.booked';

/**
 * The day at the counter: who is coming when, and check-in — by scanning the person's QR code (camera, where the
 * browser can read QR codes), by typing or pasting the code (a handheld scanner types it too), or from the list.
 */
export function AppointmentsDayPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const user = useSessionUser();
  const [search, setSearch] = useSearchParams();
  const missions = useApi<MissionPage>(ALL_MISSIONS_PATH);
  const mine = (missions.data?.items ?? []).filter((m) => user.missions.length === 0 || user.missions.includes(m.code));
  const mission = search.get('mission') ?? user.missions[0] ?? '';
  const zone = missions.data?.items.find((m) => m.code === mission)?.timezone ?? 'UTC';
  const date = search.get('date') ?? (missions.data ? todayIn(zone) : '');
  const day = useApi<DaySchedule>(mission && date ? dayPath(mission, date) : null);
  const [code, setCode] = useState('');
  const [scanning, setScanning] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const codeInput = useRef<HTMLInputElement>(null);
  useDocumentTitle(t('appointments.desk.title'));

  function set(changes: Record<string, string>) {
    const params = new URLSearchParams(search);
    for (const [k, v] of Object.entries(changes)) params.set(k, v);
    setSearch(params);
  }

  async function checkIn(by: { code: string } | { id: string }) {
    setResult(null);
    try {
      const done =
        'code' in by
          ? await postJson<DayAppointment>('/api/v1/appointments/check-in', { code: by.code.trim() })
          : await postJson<DayAppointment>(`/api/v1/appointments/${encodeURIComponent(by.id)}/check-in`);
      setResult({
        ok: true,
        text: t('appointments.desk.checkedIn', { name: done.personName, time: timeAt(done.slotStart, zone, locale) }),
      });
      setCode('');
      day.retry();
    } catch (error) {
      setResult({
        ok: false,
        text: error instanceof ApiError ? (error.problem?.title ?? t('errors.network')) : t('errors.network'),
      });
    }
    codeInput.current?.focus();
  }

  function submitCode(event: FormEvent) {
    event.preventDefault();
    if (code.trim()) void checkIn({ code });
  }

  const canScan = canScanQr();
  const items = day.data?.items ?? [];
  return (
    <>
      <h1>{t('appointments.desk.title')}</h1>
      <p>
        <Link to="/appointments/schedules">{t('appointments.desk.settings')}</Link>
      </p>
      <LoadError state={missions} />
      <div className="filters appt-filters">
        <div className="form-group">
          <label className="label" htmlFor="appt-mission">
            {t('appointments.desk.mission')}
          </label>
          <select
            id="appt-mission"
            className="select"
            value={mission}
            onChange={(e) => set({ mission: e.target.value })}
          >
            {mission === '' ? <option value="">{t('appointments.desk.chooseMission')}</option> : null}
            {mine.map((m) => (
              <option key={m.code} value={m.code}>
                {m.name[locale]}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <label className="label" htmlFor="appt-date">
            {t('appointments.desk.date')}
          </label>
          <input
            id="appt-date"
            className="input"
            type="date"
            value={date}
            onChange={(e) => set({ date: e.target.value })}
          />
        </div>
      </div>

      <section aria-labelledby="checkin-title" className="appt-checkin">
        <h2 id="checkin-title">{t('appointments.desk.checkIn')}</h2>
        <form onSubmit={submitCode} className="appt-code-form">
          <div className="form-group">
            <label className="label" htmlFor="appt-code">
              {t('appointments.desk.code')}
            </label>
            <div className="hint" id="appt-code-hint">
              {t('appointments.desk.codeHint')}
            </div>
            <input
              ref={codeInput}
              id="appt-code"
              className="input"
              autoComplete="off"
              spellCheck={false}
              aria-describedby="appt-code-hint"
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
          </div>
          <button type="submit" className="button">
            {t('appointments.desk.checkInButton')}
          </button>
          {canScan && !scanning ? (
            <button type="button" className="button button--secondary" onClick={() => setScanning(true)}>
              {t('appointments.desk.scan')}
            </button>
          ) : null}
        </form>
        {scanning ? (
          <QrScan
            onCode={(scanned) => {
              setScanning(false);
              void checkIn({ code: scanned });
            }}
            onStop={() => setScanning(false)}
          />
        ) : null}
        <div aria-live="polite">
          {result ? <p className={result.ok ? 'notice notice--success' : 'notice'}>{result.text}</p> : null}
        </div>
      </section>

      <section aria-labelledby="day-title" aria-busy={day.status === 'loading'}>
        <h2 id="day-title">{t('appointments.desk.list', { count: items.length })}</h2>
        <LoadError state={day} />
        {day.status === 'loading' && !day.data ? <p role="status">{t('app.loading')}</p> : null}
        {day.data && items.length === 0 ? <p>{t('appointments.desk.none')}</p> : null}
        {items.length > 0 ? (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('appointments.desk.time')}</th>
                  <th scope="col">{t('appointments.desk.person')}</th>
                  <th scope="col">{t('appointments.desk.service')}</th>
                  <th scope="col">{t('appointments.desk.counter')}</th>
                  <th scope="col">{t('appointments.desk.status')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('appointments.desk.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((a) => (
                  <tr key={a.id}>
                    <td>
                      {timeAt(a.slotStart, zone, locale)}–{timeAt(a.slotEnd, zone, locale)}
                    </td>
                    <th scope="row">{a.personName}</th>
                    <td>{t(`appointments.service.${a.serviceId}` as ServiceKey)}</td>
                    <td>{a.seat}</td>
                    <td>
                      <span className={`tag appt-status--${a.status}`}>
                        {t(`appointments.status.${a.status}` as StatusKey)}
                      </span>
                    </td>
                    <td>
                      {a.status === 'booked' || a.status === 'no_show' ? (
                        <button
                          type="button"
                          className="button button--secondary"
                          onClick={() => checkIn({ id: a.id })}
                        >
                          {t('appointments.desk.checkInPerson', { name: a.personName })}
                        </button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </>
  );
}
