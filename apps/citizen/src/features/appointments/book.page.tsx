import './appointments.css';
import { type MissionPage, problemTitle } from '@homeward/shared';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { ApiError, sendJson } from '../../lib/api.client.ts';
import { useApi } from '../../lib/use-api.hook.ts';
import { SelectField } from '../accounts/form.components.tsx';
import { useResource } from '../cases/use-resource.hook.ts';
import { LoadFailed } from '../offline/offline.component.tsx';
import {
  ALL_MISSIONS_PATH,
  type AppointmentScheduleList,
  type AppointmentSlotList,
  appointmentPath,
  MY_APPOINTMENTS_PATH,
  MY_WAITLIST_PATH,
  type MyAppointment,
  schedulesPath,
  slotDateTime,
  slotsPath,
  slotTime,
  todayIn,
  type WaitlistEntry,
} from './appointments.api.ts';

interface Offer {
  start: string;
  free: number;
}

/**
 * Booking (and rebooking) a counter time: mission, service, day, then one of the free times. A time taken in the
 * meantime answers with the next free ones to pick from; a full day offers the waiting list. Linked from an
 * approved application as /appointments/new?service=…&application=…; a change as ?reschedule=<id>.
 */
export function BookAppointmentPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const rescheduleId = search.get('reschedule');
  const applicationId = search.get('application');
  const [mission, setMission] = useState(search.get('mission') ?? '');
  const [service, setService] = useState(search.get('service') ?? '');
  const [date, setDate] = useState('');
  const [chosen, setChosen] = useState('');
  const [offers, setOffers] = useState<Offer[] | null>(null);
  const [message, setMessage] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  useDocumentTitle(t(rescheduleId ? 'appointments.book.reschedule' : 'appointments.book.title'));

  const missions = useApi<MissionPage>(ALL_MISSIONS_PATH);
  const schedules = useResource<AppointmentScheduleList>(mission ? schedulesPath(mission) : null);
  const zone = missions.data?.items.find((m) => m.code === mission)?.timezone ?? 'UTC';
  const offered = schedules.data?.items.map((s) => s.serviceId) ?? [];
  const serviceReady = Boolean(mission && service && offered.includes(service));
  const slots = useResource<AppointmentSlotList>(serviceReady && date ? slotsPath(mission, service, date) : null);

  // Today at the mission, once its time zone is known: before the missions load, the zone is a stand-in (UTC), and
  // in the evening west of Greenwich UTC's date is already tomorrow.
  const zoneKnown = Boolean(missions.data);
  useEffect(() => {
    if (!date && mission && zoneKnown) setDate(todayIn(zone));
  }, [date, mission, zone, zoneKnown]);

  const mapProblem = (error: unknown) =>
    error instanceof ApiError
      ? (error.problem?.title ?? problemTitle(error.offline ? 'service_unavailable' : 'internal_error', locale))
      : problemTitle('internal_error', locale);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!chosen) {
      setMessage({ kind: 'error', text: t('appointments.book.choose') });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const booked = rescheduleId
        ? await sendJson<MyAppointment>('POST', `${appointmentPath(rescheduleId)}/reschedule`, { slotStart: chosen })
        : await sendJson<MyAppointment>('POST', MY_APPOINTMENTS_PATH, {
            missionCode: mission,
            serviceId: service,
            slotStart: chosen,
            ...(applicationId ? { applicationId } : {}),
          });
      navigate('/appointments', { state: { booked: booked.id } });
    } catch (error) {
      const problem = error instanceof ApiError ? error.problem : null;
      if (problem?.code === 'slot_full') {
        const next = (problem as unknown as { nextFree?: Offer[] }).nextFree ?? [];
        setOffers(next);
        setChosen(next[0]?.start ?? '');
        slots.refresh();
      }
      setMessage({ kind: 'error', text: mapProblem(error) });
    } finally {
      setBusy(false);
    }
  }

  async function joinWaitlist() {
    setBusy(true);
    try {
      const entry = await sendJson<WaitlistEntry>('POST', MY_WAITLIST_PATH, {
        missionCode: mission,
        serviceId: service,
        date,
      });
      setMessage({ kind: 'info', text: t('appointments.book.waitlistJoined', { position: entry.position }) });
    } catch (error) {
      setMessage({ kind: 'error', text: mapProblem(error) });
    } finally {
      setBusy(false);
    }
  }

  const missionOptions = (missions.data?.items ?? []).map((m) => ({ value: m.code, label: m.name[locale] }));
  const serviceOptions = offered.map((id) => ({
    value: id,
    label: t(`appointments.service.${id}` as 'appointments.service.visa'),
  }));
  const list = slots.data;
  const dayFull = list && list.closed === null && list.items.length > 0 && list.items.every((s) => s.free === 0);

  return (
    <>
      <p>
        <Link to="/appointments">{t('appointments.book.back')}</Link>
      </p>
      <h1>{t(rescheduleId ? 'appointments.book.reschedule' : 'appointments.book.title')}</h1>
      {applicationId ? <p className="hint">{t('appointments.book.application', { id: applicationId })}</p> : null}
      {missions.status === 'error' ? <LoadFailed onRetry={missions.retry} /> : null}
      {message ? (
        <div
          className={message.kind === 'error' ? 'error-summary' : 'panel'}
          role={message.kind === 'error' ? 'alert' : 'status'}
        >
          <p>{message.text}</p>
        </div>
      ) : null}
      <form onSubmit={submit} noValidate>
        {!rescheduleId ? (
          <>
            <SelectField
              id="mission"
              label={t('appointments.book.mission')}
              hint={t('appointments.book.missionHint')}
              value={mission}
              onChange={(value) => {
                setMission(value);
                setDate('');
                setChosen('');
                setOffers(null);
              }}
              options={missionOptions}
              emptyLabel={t('appointments.book.chooseMission')}
            />
            {mission && schedules.status === 'loading' ? (
              <p role="status" className="hint">
                {t('common.loading')}
              </p>
            ) : null}
            {schedules.status === 'error' ? <LoadFailed onRetry={schedules.retry} /> : null}
            {mission && schedules.data && offered.length === 0 ? <p>{t('appointments.book.noServices')}</p> : null}
            {offered.length > 0 ? (
              <SelectField
                id="service"
                label={t('appointments.book.service')}
                value={offered.includes(service) ? service : ''}
                onChange={(value) => {
                  setService(value);
                  setChosen('');
                  setOffers(null);
                }}
                options={serviceOptions}
                emptyLabel={t('appointments.book.chooseMission')}
              />
            ) : null}
          </>
        ) : null}
        {serviceReady ? (
          <div className="form-group">
            <label className="label" htmlFor="date">
              {t('appointments.book.date')}
            </label>
            <div className="hint field-hint" id="date-hint">
              {t('appointments.book.dateHint', { zone })}
            </div>
            <input
              id="date"
              name="date"
              type="date"
              className="input appt-date"
              value={date}
              min={todayIn(zone)}
              aria-describedby="date-hint"
              onChange={(event) => {
                setDate(event.target.value);
                setChosen('');
                setOffers(null);
              }}
            />
          </div>
        ) : null}
        {offers && offers.length > 0 ? (
          <fieldset className="fieldset">
            <legend className="label">{t('appointments.book.fullTaken')}</legend>
            <div className="appt-slots">
              {offers.map((o) => (
                <label key={o.start} className="appt-slot">
                  <input
                    type="radio"
                    name="slot"
                    value={o.start}
                    checked={chosen === o.start}
                    onChange={() => setChosen(o.start)}
                  />
                  <span>{slotDateTime(o.start, zone, locale)}</span>
                </label>
              ))}
            </div>
          </fieldset>
        ) : null}
        {serviceReady && date && !offers ? (
          <section aria-busy={slots.status === 'loading'} aria-labelledby="slots-title">
            <h2 id="slots-title">{t('appointments.book.slots')}</h2>
            {slots.status === 'loading' ? (
              <p role="status" className="hint">
                {t('common.loading')}
              </p>
            ) : null}
            {slots.status === 'error' ? <LoadFailed onRetry={slots.retry} /> : null}
            {list?.closed === 'holiday' ? <p>{t('appointments.book.holiday')}</p> : null}
            {list?.closed === 'closed' ? <p>{t('appointments.book.closed')}</p> : null}
            {list && list.closed === null && list.items.length === 0 ? <p>{t('appointments.book.none')}</p> : null}
            {list && list.items.length > 0 ? (
              <fieldset className="fieldset">
                <legend className="visually-hidden">{t('appointments.book.slots')}</legend>
                <div className="appt-slots">
                  {list.items.map((s) => (
                    <label key={s.start} className={s.free === 0 ? 'appt-slot appt-slot--full' : 'appt-slot'}>
                      <input
                        type="radio"
                        name="slot"
                        value={s.start}
                        disabled={s.free === 0}
                        checked={chosen === s.start}
                        onChange={() => setChosen(s.start)}
                      />
                      <span className="appt-slot__time">{slotTime(s.start, zone, locale)}</span>
                      <span className="appt-slot__free">
                        {s.free === 0 ? t('appointments.book.full') : t('appointments.book.free', { count: s.free })}
                      </span>
                    </label>
                  ))}
                </div>
              </fieldset>
            ) : null}
            {dayFull && !rescheduleId ? (
              <div className="panel">
                <p>{t('appointments.book.waitlistLead')}</p>
                <button type="button" className="button button--secondary" onClick={joinWaitlist} disabled={busy}>
                  {t('appointments.book.waitlistJoin')}
                </button>
              </div>
            ) : null}
          </section>
        ) : null}
        {(offers && offers.length > 0) || list?.items.some((s) => s.free > 0) ? (
          <button type="submit" className="button" disabled={busy}>
            {t(rescheduleId ? 'appointments.book.submitReschedule' : 'appointments.book.submit')}
          </button>
        ) : null}
      </form>
    </>
  );
}
