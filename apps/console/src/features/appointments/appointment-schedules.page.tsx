import './appointments.css';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { ApiError, putJson } from '../../lib/api.client.ts';
import { LoadError } from '../../lib/load-error.component.tsx';
import { useApi } from '../../lib/use-api.hook.ts';
import { useSessionUser } from '../auth/session.context.tsx';
import {
  ALL_MISSIONS_PATH,
  type AppointmentSchedule,
  type AppointmentScheduleList,
  type MissionPage,
  parseWindows,
  SERVICE_IDS,
  schedulePath,
  schedulesPath,
  windowsText,
} from './appointments.api.ts';

type ServiceKey = 'appointments.service.visa';
type WeekdayKey = 'appointments.weekday.1';
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** YYYY-MM-DD that is a real day (2026-02-30 is not). */
function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === text;
}

interface Draft {
  slotMinutes: string;
  counters: string;
  days: Record<number, string>;
  holidays: string;
}

function draftOf(schedule: AppointmentSchedule | undefined): Draft {
  return {
    slotMinutes: String(schedule?.slotMinutes ?? 20),
    counters: String(schedule?.counters ?? 1),
    days: Object.fromEntries(WEEKDAYS.map((d) => [d, schedule ? windowsText(schedule.hours, d) : ''])),
    holidays: schedule?.holidays.join('\n') ?? '',
  };
}

/**
 * A mission's appointment settings per service: opening hours per weekday (typed as "09:00-12:00, 14:00-17:00",
 * fast with a keyboard), public holidays one per line, counters and slot length. Mission heads for their own
 * mission, HQ for any.
 */
export function AppointmentSchedulesPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const user = useSessionUser();
  const [search, setSearch] = useSearchParams();
  const missions = useApi<MissionPage>(ALL_MISSIONS_PATH);
  const mine = (missions.data?.items ?? []).filter((m) => user.missions.length === 0 || user.missions.includes(m.code));
  const mission = search.get('mission') ?? user.missions[0] ?? '';
  const service = search.get('service') ?? SERVICE_IDS[0];
  const schedules = useApi<AppointmentScheduleList>(mission ? schedulesPath(mission) : null);
  const current = schedules.data?.items.find((s) => s.serviceId === service);
  const [draft, setDraft] = useState<Draft>(draftOf(undefined));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string | null>(null);
  useDocumentTitle(t('appointments.settings.title'));

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset the form when another schedule is shown.
  useEffect(() => {
    setDraft(draftOf(current));
    setErrors({});
  }, [mission, service, schedules.data]);

  function set(changes: Record<string, string>) {
    const params = new URLSearchParams(search);
    for (const [k, v] of Object.entries(changes)) params.set(k, v);
    setSearch(params);
    setSaved(null);
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    const hours = WEEKDAYS.flatMap((d) => {
      const parsed = parseWindows(draft.days[d] ?? '', d);
      if (!parsed) found[`day-${d}`] = t('appointments.settings.hoursInvalid');
      return parsed ?? [];
    });
    const holidays = draft.holidays
      .split(/\s+/)
      .map((h) => h.trim())
      .filter(Boolean);
    if (holidays.some((h) => !isCalendarDate(h))) found.holidays = t('appointments.settings.holidaysInvalid');
    const slotMinutes = Number(draft.slotMinutes);
    const counters = Number(draft.counters);
    if (!Number.isInteger(slotMinutes) || slotMinutes < 5 || slotMinutes > 240)
      found.slot = t('appointments.settings.slotInvalid');
    if (!Number.isInteger(counters) || counters < 1 || counters > 50)
      found.counters = t('appointments.settings.countersInvalid');
    setErrors(found);
    setSaved(null);
    if (Object.keys(found).length > 0) {
      document.getElementById(Object.keys(found)[0] ?? '')?.focus();
      return;
    }
    try {
      await putJson<AppointmentSchedule>(schedulePath(mission, service), { slotMinutes, counters, hours, holidays });
      setSaved(t('appointments.settings.saved'));
      schedules.retry();
    } catch (error) {
      const problem = error instanceof ApiError ? error.problem : null;
      setErrors({ form: problem?.errors?.[0]?.message ?? problem?.title ?? t('errors.network') });
    }
  }

  const field = (id: string, label: string, input: React.ReactNode, hint?: string) => (
    <div className={errors[id] ? 'form-group form-group--error' : 'form-group'}>
      <label className="label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div className="hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {errors[id] ? (
        <p className="error-message" id={`${id}-error`}>
          {errors[id]}
        </p>
      ) : null}
      {input}
    </div>
  );
  const describe = (id: string, hint = false) =>
    [hint ? `${id}-hint` : '', errors[id] ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

  return (
    <>
      <p>
        <Link to="/appointments">{t('appointments.settings.back')}</Link>
      </p>
      <h1>{t('appointments.settings.title')}</h1>
      <LoadError state={missions} />
      <div className="filters appt-filters">
        <div className="form-group">
          <label className="label" htmlFor="set-mission">
            {t('appointments.desk.mission')}
          </label>
          <select
            id="set-mission"
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
          <label className="label" htmlFor="set-service">
            {t('appointments.desk.service')}
          </label>
          <select
            id="set-service"
            className="select"
            value={service}
            onChange={(e) => set({ service: e.target.value })}
          >
            {SERVICE_IDS.map((id) => (
              <option key={id} value={id}>
                {t(`appointments.service.${id}` as ServiceKey)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <LoadError state={schedules} />
      {schedules.data ? (
        <form onSubmit={save} noValidate className="appt-settings">
          <p>{current ? t('appointments.settings.existing') : t('appointments.settings.none')}</p>
          {errors.form ? (
            <div className="notice" role="alert">
              <p>{errors.form}</p>
            </div>
          ) : null}
          <div className="appt-settings__numbers">
            {field(
              'slot',
              t('appointments.settings.slot'),
              <input
                id="slot"
                className="input input--short"
                inputMode="numeric"
                value={draft.slotMinutes}
                aria-describedby={describe('slot')}
                onChange={(e) => setDraft({ ...draft, slotMinutes: e.target.value })}
              />,
            )}
            {field(
              'counters',
              t('appointments.settings.counters'),
              <input
                id="counters"
                className="input input--short"
                inputMode="numeric"
                value={draft.counters}
                aria-describedby={describe('counters', true)}
                onChange={(e) => setDraft({ ...draft, counters: e.target.value })}
              />,
              t('appointments.settings.countersHint'),
            )}
          </div>
          <fieldset className="fieldset">
            <legend className="label">{t('appointments.settings.hours')}</legend>
            <p className="hint">{t('appointments.settings.hoursHint')}</p>
            {WEEKDAYS.map((d) =>
              field(
                `day-${d}`,
                t(`appointments.weekday.${d}` as WeekdayKey),
                <input
                  id={`day-${d}`}
                  className="input"
                  value={draft.days[d] ?? ''}
                  placeholder={t('appointments.settings.closed')}
                  aria-describedby={describe(`day-${d}`)}
                  onChange={(e) => setDraft({ ...draft, days: { ...draft.days, [d]: e.target.value } })}
                />,
              ),
            )}
          </fieldset>
          {field(
            'holidays',
            t('appointments.settings.holidays'),
            <textarea
              id="holidays"
              className="textarea"
              rows={5}
              value={draft.holidays}
              aria-describedby={describe('holidays', true)}
              onChange={(e) => setDraft({ ...draft, holidays: e.target.value })}
            />,
            t('appointments.settings.holidaysHint'),
          )}
          <button type="submit" className="button">
            {t('appointments.settings.save')}
          </button>
          <div aria-live="polite">{saved ? <p className="notice notice--success">{saved}</p> : null}</div>
        </form>
      ) : null}
    </>
  );
}
