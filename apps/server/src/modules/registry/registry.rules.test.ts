import { describe, expect, it } from 'vitest';
import {
  type DatedPresence,
  daysBefore,
  daysBetween,
  isRealDate,
  normalizePassportNumber,
  toE164,
  whereAmINow,
} from './registry.rules.ts';

const at = (id: string, kind: DatedPresence['kind'], arrivalOn: string, departureOn: string | null = null) => ({
  id,
  kind,
  arrivalOn,
  departureOn,
});

describe('whereAmINow', () => {
  const home = at('01', 'residence', '2020-01-01');
  const tokyo = at('02', 'trip', '2026-11-20', '2026-12-05');
  const osaka = at('03', 'trip', '2026-11-25', '2026-11-30');
  const oldTrip = at('00', 'trip', '2025-01-01', '2025-01-10');

  it('is the residence when no trip covers today', () => {
    expect(whereAmINow([oldTrip, home], '2026-11-28')).toBe(home);
  });
  it('lets a current trip beat the residence, whatever the order', () => {
    expect(whereAmINow([home, tokyo], '2026-11-28')).toBe(tokyo);
    expect(whereAmINow([tokyo, home], '2026-11-28')).toBe(tokyo);
  });
  it('picks the smallest id between two current trips', () => {
    expect(whereAmINow([osaka, tokyo, home], '2026-11-28')).toBe(tokyo);
  });
  it('counts arrival and departure days, and nothing after', () => {
    expect(whereAmINow([tokyo], '2026-11-20')).toBe(tokyo);
    expect(whereAmINow([tokyo], '2026-12-05')).toBe(tokyo);
    expect(whereAmINow([tokyo], '2026-12-06')).toBeNull();
    expect(whereAmINow([tokyo], '2026-11-19')).toBeNull();
  });
  it('picks the smallest id between two residences and is null without any', () => {
    const second = at('00a', 'residence', '2021-01-01');
    expect(whereAmINow([home, second], '2026-11-28')).toBe(second);
    expect(whereAmINow([], '2026-11-28')).toBeNull();
  });
});

describe('date and number rules', () => {
  it('knows the calendar', () => {
    expect(isRealDate('2024-02-29')).toBe(true);
    expect(isRealDate('2026-02-29')).toBe(false);
    expect(isRealDate('2026-13-01')).toBe(false);
    expect(isRealDate('2026-1-01')).toBe(false);
    expect(daysBetween('2026-01-01', '2026-03-01')).toBe(59);
    expect(daysBefore('2026-03-01', 365)).toBe('2025-03-01');
  });
  it('normalizes passport numbers and phones', () => {
    expect(normalizePassportNumber(' e 1234 5678 ')).toBe('E12345678');
    expect(normalizePassportNumber('E12')).toBeNull();
    expect(normalizePassportNumber('E1234567890123456789012')).toBeNull();
    expect(toE164('+1 202 555 0143')).toBe('+12025550143');
    expect(toE164('12308')).toBeNull();
  });
});
