import type { CasePriority, CaseSla, SlaState } from '@homeward/shared';

/**
 * SLA targets and the clock they run on (decision 0011). Emergencies (P1, P2) run on a continuous clock,
 * 24/7; routine matters (P3, P4) count only the mission's business hours in its time zone. Every clock
 * stands still while the case waits on the person. Pure functions: the service stores timestamps, these
 * derive due instants and states from them.
 */
export type SlaClock = CaseSla['clock'];

export interface SlaTarget {
  clock: SlaClock;
  /** From opening to the first answer from staff to the person (a message, or accepting the case). */
  firstResponseMs: number;
  /** From one update to the person to the next one, once the first response happened. */
  nextUpdateMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** A business day is one working day of the mission: 8 business hours. */
const BUSINESS_DAY = 8 * HOUR;

export const SLA_TARGETS: Readonly<Record<CasePriority, SlaTarget>> = {
  P1: { clock: 'continuous', firstResponseMs: 15 * MINUTE, nextUpdateMs: 1 * HOUR },
  P2: { clock: 'continuous', firstResponseMs: 1 * HOUR, nextUpdateMs: 4 * HOUR },
  P3: { clock: 'business_hours', firstResponseMs: 4 * HOUR, nextUpdateMs: 1 * BUSINESS_DAY },
  P4: { clock: 'business_hours', firstResponseMs: 1 * BUSINESS_DAY, nextUpdateMs: 5 * BUSINESS_DAY },
};

/** Share of a target used from which the case shows amber. */
export const AMBER_AT = 0.75;

/** The mission's working week: Monday to Friday, 09:00–17:00 local time, minus optional holidays. */
export interface BusinessCalendar {
  timeZone: string;
  /** ISO weekdays (1 = Monday … 7 = Sunday) that are working days. */
  workdays: readonly number[];
  /** Minutes after local midnight. */
  startMinute: number;
  endMinute: number;
  /** Local dates (YYYY-MM-DD) that are not working days. */
  holidays: ReadonlySet<string>;
}

export function businessCalendar(timeZone: string, holidays: Iterable<string> = []): BusinessCalendar {
  return { timeZone, workdays: [1, 2, 3, 4, 5], startMinute: 9 * 60, endMinute: 17 * 60, holidays: new Set(holidays) };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Local wall time minus UTC at an instant, in ms (e.g. +8 h for Asia/Shanghai). */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const local = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return local - Math.floor(instant / 1000) * 1000;
}

/** The instant of a local wall time; in a DST gap, the wall time shifted by the gap (as clocks do). */
export function instantOfLocal(localAsUtc: number, timeZone: string): number {
  const first = localAsUtc - zoneOffsetMs(localAsUtc, timeZone);
  const second = localAsUtc - zoneOffsetMs(first, timeZone);
  return second;
}

const DAY = 24 * HOUR;

/** Local midnight of the day holding `instant`, as a UTC-based day number (ms of the local date at 00:00Z). */
function localDay(instant: number, timeZone: string): number {
  const local = instant + zoneOffsetMs(instant, timeZone);
  return Math.floor(local / DAY) * DAY;
}

/** The working window of a local day as instants, or null for a weekend or holiday. */
function windowOf(day: number, calendar: BusinessCalendar): [number, number] | null {
  const date = new Date(day);
  const isoWeekday = ((date.getUTCDay() + 6) % 7) + 1;
  if (!calendar.workdays.includes(isoWeekday)) return null;
  if (calendar.holidays.has(date.toISOString().slice(0, 10))) return null;
  return [
    instantOfLocal(day + calendar.startMinute * MINUTE, calendar.timeZone),
    instantOfLocal(day + calendar.endMinute * MINUTE, calendar.timeZone),
  ];
}

/** A year of days with no working window means the calendar is empty; stop rather than loop forever. */
const MAX_DAYS = 3660;

/** Clock time between two instants (0 when `to` ≤ `from`). */
export function clockTimeBetween(from: Date, to: Date, clock: SlaClock, calendar: BusinessCalendar): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b <= a) return 0;
  if (clock === 'continuous') return b - a;
  let total = 0;
  let day = localDay(a, calendar.timeZone);
  for (let i = 0; i < MAX_DAYS; i++, day += DAY) {
    const window = windowOf(day, calendar);
    if (window) {
      if (window[0] >= b) break;
      total += Math.max(0, Math.min(b, window[1]) - Math.max(a, window[0]));
    } else if (instantOfLocal(day, calendar.timeZone) >= b) {
      break;
    }
  }
  return total;
}

/** The instant at which `ms` of clock time have run from `start`. */
export function addClockTime(start: Date, ms: number, clock: SlaClock, calendar: BusinessCalendar): Date {
  const a = start.getTime();
  if (clock === 'continuous' || ms <= 0) return new Date(a + Math.max(0, ms));
  let remaining = ms;
  let day = localDay(a, calendar.timeZone);
  for (let i = 0; i < MAX_DAYS * 5; i++, day += DAY) {
    const window = windowOf(day, calendar);
    if (!window) continue;
    const from = Math.max(a, window[0]);
    if (from >= window[1]) continue;
    const available = window[1] - from;
    if (remaining <= available) return new Date(from + remaining);
    remaining -= available;
  }
  throw new Error(`the business calendar of ${calendar.timeZone} has no working hours`);
}

/** green / amber / red of one running target at `now`, from its due instant and its length. */
export function targetState(
  dueAt: Date,
  targetMs: number,
  now: Date,
  clock: SlaClock,
  calendar: BusinessCalendar,
): Extract<SlaState, 'green' | 'amber' | 'red'> {
  if (now.getTime() >= dueAt.getTime()) return 'red';
  const left = clockTimeBetween(now, dueAt, clock, calendar);
  return left <= targetMs * (1 - AMBER_AT) ? 'amber' : 'green';
}

/** The timestamps of a case that its SLA depends on (columns of `cases`). */
export interface SlaFacts {
  priority: CasePriority;
  status: string;
  firstResponseAt: string | null;
  slaPausedSince: string | null;
  slaFirstDueAt: string | null;
  slaNextDueAt: string | null;
}

const STOPPED = new Set(['resolved', 'closed']);

/** The SLA as the API shows it, at `now`. */
export function slaView(facts: SlaFacts, calendar: BusinessCalendar, now: Date): CaseSla {
  const target = SLA_TARGETS[facts.priority];
  const paused = facts.slaPausedSince !== null;
  const stopped = STOPPED.has(facts.status);
  const stateOf = (due: string | null, ms: number, met: boolean): SlaState => {
    if (met) return 'met';
    if (paused) return 'paused';
    if (!due) return stopped ? 'met' : 'green';
    return targetState(new Date(due), ms, now, target.clock, calendar);
  };
  const firstMet = facts.firstResponseAt !== null;
  return {
    clock: target.clock,
    firstResponse: {
      dueAt: firstMet || paused ? null : facts.slaFirstDueAt,
      metAt: facts.firstResponseAt,
      state: stateOf(facts.slaFirstDueAt, target.firstResponseMs, firstMet),
    },
    nextUpdate: {
      dueAt: paused || stopped ? null : facts.slaNextDueAt,
      state: stopped ? 'met' : stateOf(facts.slaNextDueAt, target.nextUpdateMs, false),
    },
    paused,
  };
}

const SEVERITY: Record<SlaState, number> = { met: 0, paused: 0, green: 1, amber: 2, red: 3 };

/** The worst of two states (what the list filter and the badge show). */
export function worstState(a: SlaState, b: SlaState): SlaState {
  return SEVERITY[b] > SEVERITY[a] ? b : a;
}

/** The SLA columns a change of the case sets. Only the columns that change are returned. */
export interface SlaColumns {
  firstResponseAt?: string | null;
  lastUpdateAt?: string | null;
  slaPausedSince?: string | null;
  slaFirstDueAt?: string | null;
  slaNextDueAt?: string | null;
  slaDueAt?: string | null;
  slaFirstState?: SlaState;
  slaNextState?: SlaState;
  slaState?: SlaState;
}

function withDerived(facts: SlaFacts, change: SlaColumns, calendar: BusinessCalendar, now: Date): SlaColumns {
  const merged = { ...facts, ...change } as SlaFacts;
  const view = slaView(merged, calendar, now);
  const dues = [merged.firstResponseAt ? null : merged.slaFirstDueAt, merged.slaNextDueAt].filter(
    (d): d is string => d !== null,
  );
  return {
    ...change,
    slaDueAt: merged.slaPausedSince || dues.length === 0 ? null : (dues.sort()[0] ?? null),
    slaFirstState: view.firstResponse.state,
    slaNextState: view.nextUpdate.state,
    slaState: worstState(view.firstResponse.state, view.nextUpdate.state),
  };
}

/** A new case: the first-response clock starts now. */
export function slaOnOpen(priority: CasePriority, calendar: BusinessCalendar, now: Date): Required<SlaColumns> {
  const target = SLA_TARGETS[priority];
  const firstDue = addClockTime(now, target.firstResponseMs, target.clock, calendar).toISOString();
  return {
    firstResponseAt: null,
    lastUpdateAt: null,
    slaPausedSince: null,
    slaFirstDueAt: firstDue,
    slaNextDueAt: null,
    slaDueAt: firstDue,
    slaFirstState: 'green',
    slaNextState: 'green',
    slaState: 'green',
  };
}

/**
 * Staff answered or updated the person (a message, or a status change): the first response is met if it
 * was not yet, and the next-update clock restarts.
 */
export function slaOnStaffUpdate(facts: SlaFacts, calendar: BusinessCalendar, now: Date): SlaColumns {
  const target = SLA_TARGETS[facts.priority];
  const iso = now.toISOString();
  const change: SlaColumns = { lastUpdateAt: iso };
  if (!facts.firstResponseAt) change.firstResponseAt = iso;
  change.slaNextDueAt = STOPPED.has(facts.status)
    ? null
    : addClockTime(now, target.nextUpdateMs, target.clock, calendar).toISOString();
  return withDerived(facts, change, calendar, now);
}

/**
 * The status changed: entering `waiting` pauses the clock; leaving it moves every running due instant on
 * by the clock time spent waiting; resolved and closed stop the next-update clock; a reopen starts it again.
 */
export function slaOnStatus(facts: SlaFacts, to: string, calendar: BusinessCalendar, now: Date): SlaColumns {
  const target = SLA_TARGETS[facts.priority];
  const change: SlaColumns = {};
  if (to === 'waiting' && !facts.slaPausedSince) change.slaPausedSince = now.toISOString();
  if (to !== 'waiting' && facts.slaPausedSince) {
    const waited = clockTimeBetween(new Date(facts.slaPausedSince), now, target.clock, calendar);
    const shift = (due: string | null) =>
      due ? addClockTime(new Date(due), waited, target.clock, calendar).toISOString() : null;
    change.slaPausedSince = null;
    change.slaFirstDueAt = shift(facts.slaFirstDueAt);
    change.slaNextDueAt = shift(facts.slaNextDueAt);
  }
  if (STOPPED.has(to)) change.slaNextDueAt = null;
  return withDerived({ ...facts, status: to }, { ...change }, calendar, now);
}

/**
 * A new priority: each running target is recomputed from now under the new priority, except that a more
 * urgent priority never moves a due instant later than it already was.
 */
export function slaOnPriority(
  facts: SlaFacts,
  priority: CasePriority,
  calendar: BusinessCalendar,
  now: Date,
): SlaColumns {
  const target = SLA_TARGETS[priority];
  const moreUrgent = priority < facts.priority;
  const recompute = (due: string | null, ms: number): string | null => {
    if (!due) return null;
    const fresh = addClockTime(now, ms, target.clock, calendar).toISOString();
    return moreUrgent && due < fresh ? due : fresh;
  };
  const change: SlaColumns = {
    slaFirstDueAt: facts.firstResponseAt ? facts.slaFirstDueAt : recompute(facts.slaFirstDueAt, target.firstResponseMs),
    slaNextDueAt: recompute(facts.slaNextDueAt, target.nextUpdateMs),
  };
  return withDerived({ ...facts, priority }, change, calendar, now);
}

/** Recomputes the stored states at `now` (the SLA job): what changed since they were last recorded. */
export function slaOnTick(
  facts: SlaFacts & { slaFirstState: SlaState; slaNextState: SlaState },
  calendar: BusinessCalendar,
  now: Date,
) {
  const view = slaView(facts, calendar, now);
  return {
    firstResponse: view.firstResponse.state,
    nextUpdate: view.nextUpdate.state,
    firstChanged: view.firstResponse.state !== facts.slaFirstState,
    nextChanged: view.nextUpdate.state !== facts.slaNextState,
    worst: worstState(view.firstResponse.state, view.nextUpdate.state),
  };
}

/** "Still red after another target period": the instant from which a breached target escalates to HQ. */
export function hqEscalationAt(dueAt: string, targetMs: number, clock: SlaClock, calendar: BusinessCalendar): Date {
  return addClockTime(new Date(dueAt), targetMs, clock, calendar);
}
