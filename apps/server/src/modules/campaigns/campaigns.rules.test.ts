import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageOn, checkEligibility, minutesOf, slotsOfSession, timeOf } from './campaigns.rules.ts';

const rules = { countries: ['US', 'JP'], minAge: 18, maxAge: 65, priorityGroups: [] };

describe('campaign rules', () => {
  it('counts age in whole years, birthdays included', () => {
    expect(ageOn('2008-11-28', '2026-11-28')).toBe(18);
    expect(ageOn('2008-11-29', '2026-11-28')).toBe(17);
    expect(ageOn('2000-02-29', '2026-02-28')).toBe(25);
    expect(ageOn('2000-02-29', '2026-03-01')).toBe(26);
  });

  it('age never decreases with time', () => {
    const date = fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true });
    fc.assert(
      fc.property(date, date, date, (birth, a, b) => {
        const [d1, d2] = [a, b].sort((x, y) => x.getTime() - y.getTime()) as [Date, Date];
        const day = (d: Date) => d.toISOString().slice(0, 10);
        expect(ageOn(day(birth), day(d2))).toBeGreaterThanOrEqual(ageOn(day(birth), day(d1)));
      }),
    );
  });

  it('needs presence in a campaign country and the right age; an unknown age asks for the birth date', () => {
    const today = '2026-11-28';
    expect(checkEligibility(rules, { presentIn: [], birthDate: '1980-01-01', today })).toMatchObject({
      eligible: false,
      reason: 'not_registered_abroad',
    });
    expect(checkEligibility(rules, { presentIn: ['FR'], birthDate: '1980-01-01', today })).toMatchObject({
      reason: 'country',
    });
    expect(checkEligibility(rules, { presentIn: ['FR', 'JP'], birthDate: '1980-01-01', today })).toEqual({
      eligible: true,
      countries: ['JP'],
      needsBirthDate: false,
    });
    expect(checkEligibility(rules, { presentIn: ['US'], birthDate: '2010-01-01', today })).toMatchObject({
      reason: 'too_young',
    });
    expect(checkEligibility(rules, { presentIn: ['US'], birthDate: '1950-01-01', today })).toMatchObject({
      reason: 'too_old',
    });
    expect(checkEligibility(rules, { presentIn: ['US'], birthDate: null, today })).toEqual({
      eligible: false,
      reason: null,
      needsBirthDate: true,
    });
    const noLimit = { ...rules, minAge: null, maxAge: null };
    expect(checkEligibility(noLimit, { presentIn: ['US'], birthDate: null, today }).eligible).toBe(true);
  });

  it('cuts a session into whole slots in the site’s time zone, across a clock change', () => {
    expect(minutesOf('09:30')).toBe(570);
    expect(timeOf(570)).toBe('09:30');
    expect(minutesOf('24:00')).toBe(1440);
    const session = { date: '2026-12-01', startMinute: 540, endMinute: 650, slotMinutes: 30, capacityPerSlot: 2 };
    expect(slotsOfSession(session, 'America/New_York').map((s) => s.start)).toEqual([
      '2026-12-01T14:00:00.000Z',
      '2026-12-01T14:30:00.000Z',
      '2026-12-01T15:00:00.000Z',
    ]);
    // 2027-03-14 02:00 does not exist in New York: the 01:30 slot ends at 03:00 local, an hour of wall time later.
    const spring = { date: '2027-03-14', startMinute: 60, endMinute: 180, slotMinutes: 60, capacityPerSlot: 1 };
    const slots = slotsOfSession(spring, 'America/New_York');
    expect(new Set(slots.map((s) => s.start)).size).toBe(slots.length);
  });
});
