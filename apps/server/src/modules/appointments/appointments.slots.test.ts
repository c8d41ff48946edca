import { describe, expect, it } from 'vitest';
import {
  checkSlot,
  closureOf,
  localDateOf,
  type SlotSchedule,
  slotsOfDay,
  upcomingDays,
} from './appointments.slots.ts';

const weekdays = (startMinute: number, endMinute: number) =>
  [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startMinute, endMinute }));

const tokyo: SlotSchedule = {
  timeZone: 'Asia/Tokyo',
  slotMinutes: 30,
  counters: 2,
  hours: [...weekdays(9 * 60, 12 * 60), ...weekdays(13 * 60 + 30, 16 * 60)],
  holidays: ['2026-12-29'],
};

describe('appointment slots', () => {
  it('cuts each opening window into whole slots in the mission’s time zone', () => {
    const slots = slotsOfDay(tokyo, '2026-12-01'); // a Tuesday
    expect(slots).toHaveLength(6 + 5);
    expect(slots[0]).toEqual({ start: '2026-12-01T00:00:00.000Z', end: '2026-12-01T00:30:00.000Z' }); // 09:00 JST
    expect(slots[5]?.start).toBe('2026-12-01T02:30:00.000Z'); // 11:30, the last one before lunch
    expect(slots[6]?.start).toBe('2026-12-01T04:30:00.000Z'); // 13:30
    expect(slots.at(-1)?.end).toBe('2026-12-01T07:00:00.000Z'); // 16:00
  });

  it('leaves out a window’s tail shorter than a slot', () => {
    const odd = { ...tokyo, slotMinutes: 40, hours: [{ weekday: 2, startMinute: 540, endMinute: 650 }] };
    expect(slotsOfDay(odd, '2026-12-01').map((s) => s.start)).toEqual([
      '2026-12-01T00:00:00.000Z',
      '2026-12-01T00:40:00.000Z',
    ]);
  });

  it('has no slots on a holiday or a closed weekday, and says which', () => {
    expect(slotsOfDay(tokyo, '2026-12-29')).toEqual([]);
    expect(closureOf(tokyo, '2026-12-29')).toBe('holiday');
    expect(slotsOfDay(tokyo, '2026-12-05')).toEqual([]); // Saturday
    expect(closureOf(tokyo, '2026-12-05')).toBe('closed');
    expect(closureOf(tokyo, '2026-12-01')).toBeNull();
  });

  it('follows daylight saving time: the same wall clock, another UTC hour', () => {
    const washington: SlotSchedule = { ...tokyo, timeZone: 'America/New_York', hours: weekdays(9 * 60, 10 * 60) };
    // Friday before and Monday after the US clocks go back (Sunday 1 November 2026).
    expect(slotsOfDay(washington, '2026-10-30')[0]?.start).toBe('2026-10-30T13:00:00.000Z'); // EDT, UTC−4
    expect(slotsOfDay(washington, '2026-11-02')[0]?.start).toBe('2026-11-02T14:00:00.000Z'); // EST, UTC−5
  });

  it('gives one slot per instant across a DST change inside opening hours', () => {
    const allNight = (weekday: number) => ({ weekday, startMinute: 0, endMinute: 4 * 60 });
    const ny: SlotSchedule = { ...tokyo, timeZone: 'America/New_York', slotMinutes: 60, hours: [allNight(7)] };
    // Spring forward (8 March 2026): 02:00 does not exist; the slot moves forward as clocks do.
    const spring = slotsOfDay(ny, '2026-03-08');
    expect(new Set(spring.map((s) => s.start)).size).toBe(spring.length);
    expect(spring.every((s) => Date.parse(s.end) > Date.parse(s.start))).toBe(true);
    // Fall back (1 November 2026): 01:00 happens twice; still no two slots share a start.
    const fall = slotsOfDay(ny, '2026-11-01');
    expect(new Set(fall.map((s) => s.start)).size).toBe(fall.length);
    expect(fall[0]?.start).toBe('2026-11-01T04:00:00.000Z'); // 00:00 EDT
  });

  it('accepts only real future slots and names what is wrong with the others', () => {
    const now = new Date('2026-12-01T01:10:00Z'); // 10:10 in Tokyo
    expect(checkSlot(tokyo, '2026-12-01T01:30:00.000Z', now)).toMatchObject({ ok: true });
    expect(checkSlot(tokyo, '2026-12-01T01:00:00.000Z', now)).toEqual({ ok: false, reason: 'slot_in_past' });
    expect(checkSlot(tokyo, '2026-12-01T01:40:00.000Z', now)).toEqual({ ok: false, reason: 'slot_outside_hours' });
    expect(checkSlot(tokyo, '2026-12-01T03:30:00.000Z', now)).toEqual({ ok: false, reason: 'slot_outside_hours' });
    expect(checkSlot(tokyo, '2026-12-29T00:00:00.000Z', now)).toEqual({ ok: false, reason: 'slot_on_holiday' });
    expect(checkSlot(tokyo, '2026-12-05T00:00:00.000Z', now)).toEqual({ ok: false, reason: 'slot_outside_hours' });
    expect(checkSlot(tokyo, '2026-12-01T01:30:00+00:00', now)).toMatchObject({ ok: true }); // another spelling
  });

  it('reads local dates at the mission, not in UTC', () => {
    expect(localDateOf('2026-12-01T16:00:00Z', 'Asia/Tokyo')).toBe('2026-12-02');
    expect(localDateOf('2026-12-01T03:00:00Z', 'America/New_York')).toBe('2026-11-30');
    const next = [...upcomingDays(tokyo, new Date('2026-12-04T07:30:00Z'), 5)].flat(); // Friday after closing
    expect(next[0]?.start).toBe('2026-12-07T00:00:00.000Z'); // Monday 09:00
  });
});
