import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addClockTime,
  businessCalendar,
  clockTimeBetween,
  hqEscalationAt,
  SLA_TARGETS,
  type SlaFacts,
  slaOnOpen,
  slaOnPriority,
  slaOnStaffUpdate,
  slaOnStatus,
  slaOnTick,
  slaView,
  targetState,
  zoneOffsetMs,
} from './cases.sla.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const at = (iso: string) => new Date(iso);
const newYork = businessCalendar('America/New_York');
const tokyo = businessCalendar('Asia/Tokyo');

describe('the SLA table', () => {
  it('runs emergencies on a continuous clock and routine matters in business hours', () => {
    expect(SLA_TARGETS.P1).toEqual({ clock: 'continuous', firstResponseMs: 15 * MIN, nextUpdateMs: HOUR });
    expect(SLA_TARGETS.P2).toEqual({ clock: 'continuous', firstResponseMs: HOUR, nextUpdateMs: 4 * HOUR });
    expect(SLA_TARGETS.P3).toEqual({ clock: 'business_hours', firstResponseMs: 4 * HOUR, nextUpdateMs: 8 * HOUR });
    expect(SLA_TARGETS.P4).toEqual({ clock: 'business_hours', firstResponseMs: 8 * HOUR, nextUpdateMs: 40 * HOUR });
  });
});

describe('zone offsets', () => {
  it('follows daylight saving time', () => {
    expect(zoneOffsetMs(at('2026-01-15T12:00:00Z').getTime(), 'America/New_York')).toBe(-5 * HOUR);
    expect(zoneOffsetMs(at('2026-07-15T12:00:00Z').getTime(), 'America/New_York')).toBe(-4 * HOUR);
    expect(zoneOffsetMs(at('2026-07-15T12:00:00Z').getTime(), 'Asia/Shanghai')).toBe(8 * HOUR);
  });
});

describe('the continuous clock', () => {
  it('counts nights and weekends', () => {
    const saturdayNight = at('2026-11-28T23:50:00Z');
    expect(addClockTime(saturdayNight, 15 * MIN, 'continuous', newYork).toISOString()).toBe('2026-11-29T00:05:00.000Z');
    expect(clockTimeBetween(saturdayNight, at('2026-11-29T00:05:00Z'), 'continuous', newYork)).toBe(15 * MIN);
  });
});

describe('the business-hours clock', () => {
  it('counts only Monday to Friday, 09:00–17:00 in the mission’s time zone', () => {
    // Friday 16:00 in New York (EST, UTC−5) + 4 business hours = 1 h on Friday + 3 h on Monday → Monday 12:00.
    const friday = at('2026-11-27T21:00:00Z');
    expect(addClockTime(friday, 4 * HOUR, 'business_hours', newYork).toISOString()).toBe('2026-11-30T17:00:00.000Z');
    // Friday 16:00–17:00 and Monday 09:00–10:00.
    expect(clockTimeBetween(friday, at('2026-11-30T15:00:00Z'), 'business_hours', newYork)).toBe(2 * HOUR);
  });

  it('starts a case opened at the weekend on Monday morning', () => {
    const saturday = at('2026-11-28T15:00:00Z');
    expect(addClockTime(saturday, 4 * HOUR, 'business_hours', newYork).toISOString()).toBe('2026-11-30T18:00:00.000Z');
    expect(clockTimeBetween(saturday, at('2026-11-30T14:00:00Z'), 'business_hours', newYork)).toBe(0);
  });

  it('starts a case opened at night at 09:00 the next working day', () => {
    // 20:00 Tuesday in Tokyo (UTC+9) + 1 business hour → 10:00 Wednesday.
    const night = at('2026-12-01T11:00:00Z');
    expect(addClockTime(night, HOUR, 'business_hours', tokyo).toISOString()).toBe('2026-12-02T01:00:00.000Z');
  });

  it('keeps 09:00 local across the spring change to daylight saving time', () => {
    // Friday 6 March 2026 15:00 EST (20:00Z) + 8 business hours: 2 h Friday, 6 h Monday 9 March (now EDT, UTC−4).
    const friday = at('2026-03-06T20:00:00Z');
    expect(addClockTime(friday, 8 * HOUR, 'business_hours', newYork).toISOString()).toBe('2026-03-09T19:00:00.000Z');
  });

  it('keeps 09:00 local across the autumn change back to standard time', () => {
    // Friday 30 October 2026 16:00 EDT (20:00Z) + 4 business hours → Monday 2 November 12:00 EST (17:00Z).
    const friday = at('2026-10-30T20:00:00Z');
    expect(addClockTime(friday, 4 * HOUR, 'business_hours', newYork).toISOString()).toBe('2026-11-02T17:00:00.000Z');
    expect(clockTimeBetween(friday, at('2026-11-02T17:00:00Z'), 'business_hours', newYork)).toBe(4 * HOUR);
  });

  it('skips the mission’s holidays', () => {
    const withHoliday = businessCalendar('America/New_York', ['2026-11-30']);
    const friday = at('2026-11-27T21:00:00Z');
    expect(addClockTime(friday, 4 * HOUR, 'business_hours', withHoliday).toISOString()).toBe(
      '2026-12-01T17:00:00.000Z',
    );
  });

  it('measures back exactly what it added, from any instant and time zone', () => {
    const zones = ['America/New_York', 'Asia/Tokyo', 'Europe/London', 'Australia/Sydney', 'Asia/Kathmandu'];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 0, 1) }),
        fc.integer({ min: 0, max: 60 * HOUR }),
        fc.constantFrom(...zones),
        (start, ms, zone) => {
          const calendar = businessCalendar(zone);
          const end = addClockTime(new Date(start), ms, 'business_hours', calendar);
          expect(clockTimeBetween(new Date(start), end, 'business_hours', calendar)).toBe(ms);
          expect(end.getTime()).toBeGreaterThanOrEqual(start + ms);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('green, amber, red', () => {
  const due = at('2026-11-28T12:15:00Z');
  it('turns amber when 75 % of the target is used and red when it is breached', () => {
    expect(targetState(due, 15 * MIN, at('2026-11-28T12:11:14Z'), 'continuous', newYork)).toBe('green');
    expect(targetState(due, 15 * MIN, at('2026-11-28T12:11:15Z'), 'continuous', newYork)).toBe('amber');
    expect(targetState(due, 15 * MIN, at('2026-11-28T12:14:59Z'), 'continuous', newYork)).toBe('amber');
    expect(targetState(due, 15 * MIN, at('2026-11-28T12:15:00Z'), 'continuous', newYork)).toBe('red');
  });

  it('does not turn a routine case amber over the weekend', () => {
    // P3 due Monday 12:00 New York; on Saturday 3 business hours are still left out of 4.
    const mondayNoon = at('2026-11-30T17:00:00Z');
    expect(targetState(mondayNoon, 4 * HOUR, at('2026-11-28T20:00:00Z'), 'business_hours', newYork)).toBe('green');
    expect(targetState(mondayNoon, 4 * HOUR, at('2026-11-30T16:00:00Z'), 'business_hours', newYork)).toBe('amber');
  });
});

function facts(priority: SlaFacts['priority'], opened: Date, calendar = newYork): SlaFacts {
  return { priority, status: 'new', ...slaOnOpen(priority, calendar, opened) };
}

describe('a case’s SLA over its life', () => {
  const opened = at('2026-11-28T12:00:00Z');

  it('starts the first-response clock on opening', () => {
    const f = facts('P1', opened);
    expect(f.slaFirstDueAt).toBe('2026-11-28T12:15:00.000Z');
    expect(slaView(f, newYork, at('2026-11-28T12:05:00Z')).firstResponse).toEqual({
      dueAt: '2026-11-28T12:15:00.000Z',
      metAt: null,
      state: 'green',
    });
  });

  it('meets the first response when staff answer in time and starts the next-update clock', () => {
    const answered = { ...facts('P1', opened), status: 'assigned' };
    const change = slaOnStaffUpdate(answered, newYork, at('2026-11-28T12:10:00Z'));
    const after = { ...answered, ...change } as SlaFacts;
    const view = slaView(after, newYork, at('2026-11-28T12:20:00Z'));
    expect(view.firstResponse).toEqual({ dueAt: null, metAt: '2026-11-28T12:10:00.000Z', state: 'met' });
    expect(view.nextUpdate).toEqual({ dueAt: '2026-11-28T13:10:00.000Z', state: 'green' });
    expect(change.slaDueAt).toBe('2026-11-28T13:10:00.000Z');
  });

  it('stands still while the case waits on the person, and moves the due time on by the wait', () => {
    let f = { ...facts('P1', opened), status: 'assigned' };
    f = { ...f, ...slaOnStatus(f, 'waiting', newYork, at('2026-11-28T12:05:00Z')), status: 'waiting' };
    const paused = slaView(f, newYork, at('2026-11-28T13:00:00Z'));
    expect(paused.paused).toBe(true);
    expect(paused.firstResponse.state).toBe('paused');
    expect(paused.firstResponse.dueAt).toBeNull();
    // An hour waiting: 10 minutes of the 15 were left, so the target is now 13:15.
    f = { ...f, ...slaOnStatus(f, 'in_progress', newYork, at('2026-11-28T13:05:00Z')), status: 'in_progress' };
    expect(f.slaPausedSince).toBeNull();
    expect(f.slaFirstDueAt).toBe('2026-11-28T13:15:00.000Z');
    expect(slaView(f, newYork, at('2026-11-28T13:06:00Z')).firstResponse.state).toBe('green');
  });

  it('counts only business hours of a wait for a routine case', () => {
    // P3 opened Friday 10:00 New York (due 14:00); waiting from 11:00 Friday to 10:00 Monday = 7 business hours.
    const friday = at('2026-11-27T15:00:00Z');
    let f = { ...facts('P3', friday), status: 'assigned' };
    expect(f.slaFirstDueAt).toBe('2026-11-27T19:00:00.000Z');
    f = { ...f, ...slaOnStatus(f, 'waiting', newYork, at('2026-11-27T16:00:00Z')), status: 'waiting' };
    f = { ...f, ...slaOnStatus(f, 'in_progress', newYork, at('2026-11-30T15:00:00Z')), status: 'in_progress' };
    // 3 business hours were left at 11:00 Friday → due 13:00 Monday.
    expect(f.slaFirstDueAt).toBe('2026-11-30T18:00:00.000Z');
  });

  it('stops the next-update clock when the case is resolved', () => {
    let f = { ...facts('P2', opened), status: 'in_progress' };
    f = { ...f, ...slaOnStaffUpdate(f, newYork, at('2026-11-28T12:30:00Z')) };
    f = { ...f, ...slaOnStatus(f, 'resolved', newYork, at('2026-11-28T13:00:00Z')), status: 'resolved' };
    const view = slaView(f, newYork, at('2026-11-30T13:00:00Z'));
    expect(view.nextUpdate).toEqual({ dueAt: null, state: 'met' });
    expect(view.firstResponse.state).toBe('met');
  });

  it('tightens a target when the priority goes up and never moves it later', () => {
    const p3 = facts('P3', at('2026-11-30T14:00:00Z'));
    const raised = slaOnPriority(p3, 'P1', newYork, at('2026-11-30T14:05:00Z'));
    expect(raised.slaFirstDueAt).toBe('2026-11-30T14:20:00.000Z');
    const p1 = facts('P1', at('2026-11-30T14:00:00Z'));
    const p2 = slaOnPriority(p1, 'P2', newYork, at('2026-11-30T14:05:00Z'));
    expect(p2.slaFirstDueAt).toBe('2026-11-30T15:05:00.000Z');
    const back = slaOnPriority({ ...p1, ...p2, priority: 'P2' }, 'P1', newYork, at('2026-11-30T14:06:00Z'));
    expect(back.slaFirstDueAt).toBe('2026-11-30T14:21:00.000Z');
  });

  it('reports each state change once to the sweep', () => {
    const f = { ...facts('P1', opened), slaFirstState: 'green' as const, slaNextState: 'green' as const };
    const amber = slaOnTick(f, newYork, at('2026-11-28T12:12:00Z'));
    expect(amber).toMatchObject({ firstResponse: 'amber', firstChanged: true, nextChanged: false, worst: 'amber' });
    const again = slaOnTick({ ...f, slaFirstState: 'amber' }, newYork, at('2026-11-28T12:13:00Z'));
    expect(again.firstChanged).toBe(false);
    expect(slaOnTick({ ...f, slaFirstState: 'amber' }, newYork, at('2026-11-28T12:15:00Z')).firstResponse).toBe('red');
  });

  it('escalates to headquarters one more target period after the breach', () => {
    expect(hqEscalationAt('2026-11-28T12:15:00.000Z', 15 * MIN, 'continuous', newYork).toISOString()).toBe(
      '2026-11-28T12:30:00.000Z',
    );
    expect(hqEscalationAt('2026-11-27T21:00:00.000Z', 4 * HOUR, 'business_hours', newYork).toISOString()).toBe(
      '2026-11-30T17:00:00.000Z',
    );
  });
});
