import { CASE_CATEGORIES } from '@homeward/shared';
import { describe, expect, it } from 'vitest';
import {
  callerE164,
  DEFAULT_PRIORITY,
  daysInRange,
  durationSeconds,
  looksLikeCaseNumber,
  looksLikePhone,
  searchWords,
} from './hotline.rules.ts';

describe('hotline rules', () => {
  it('reads international numbers as they are and national ones with the country hint', () => {
    expect(callerE164('+81 90-1234-5678')).toBe('+819012345678');
    expect(callerE164('0081 90 1234 5678')).toBe('+819012345678');
    expect(callerE164('090-1234-5678', 'JP')).toBe('+819012345678');
    expect(callerE164('(202) 555-0147', 'US')).toBe('+12025550147');
    expect(callerE164('090-1234-5678')).toBeNull();
    expect(callerE164('12')).toBeNull();
    expect(callerE164('not a number', 'CN')).toBeNull();
  });

  it('tells phone numbers from names, passports and case numbers', () => {
    expect(looksLikePhone('+1 202 555 0147')).toBe(true);
    expect(looksLikePhone('090-1234-5678')).toBe(true);
    expect(looksLikePhone('E12345678')).toBe(false);
    expect(looksLikePhone('ZHANG')).toBe(false);
    expect(looksLikePhone('12345')).toBe(false);
    expect(looksLikeCaseNumber('HW-2026-000123')).toBe(true);
    expect(looksLikeCaseNumber('hw-2026-00')).toBe(true);
    expect(looksLikeCaseNumber('HW2026')).toBe(false);
  });

  it('gives every category a default priority, threats to life first', () => {
    for (const category of Object.keys(CASE_CATEGORIES)) expect(DEFAULT_PRIORITY, category).toHaveProperty(category);
    expect(DEFAULT_PRIORITY.kidnapping).toBe('P1');
    expect(DEFAULT_PRIORITY.other).toBe('P4');
  });

  it('measures durations in whole seconds, never negative', () => {
    expect(durationSeconds('2026-11-28T10:00:00.000Z', '2026-11-28T10:02:05.400Z')).toBe(125);
    expect(durationSeconds('2026-11-28T10:00:05.000Z', '2026-11-28T10:00:00.000Z')).toBe(0);
  });

  it('lists every day of a range, across a month end', () => {
    expect(daysInRange('2026-11-29', '2026-12-02')).toEqual(['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02']);
    expect(daysInRange('2026-12-02', '2026-12-01')).toEqual([]);
  });

  it('splits searches on spaces and on Chinese and Latin punctuation', () => {
    expect(searchWords('  lost  passport ')).toEqual(['lost', 'passport']);
    expect(searchWords('护照，遗失')).toEqual(['护照', '遗失']);
    expect(searchWords(undefined)).toEqual([]);
  });
});
