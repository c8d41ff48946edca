import { describe, expect, it } from 'vitest';
import { type Destination, evaluateBusinessRules, HcertError, readBusinessRules } from '../src/index.ts';

const destination: Destination = readBusinessRules({
  format: 'homeward-business-rules/1',
  updatedAt: '2026-11-28',
  destinations: [
    {
      country: 'FR',
      name: { en: 'France' },
      rules: [
        { id: 'FR-TYPES', kind: 'accepted-types', types: ['v', 't'] },
        { id: 'FR-V-FULL', kind: 'vaccination-complete' },
        { id: 'FR-V-AGE', kind: 'vaccination-age', minDays: 14, maxDays: 270 },
        { id: 'FR-T-48H', kind: 'test-max-age', hours: 48 },
        { id: 'FR-T-NEG', kind: 'test-negative' },
        { id: 'FR-R', kind: 'recovery-valid' },
      ],
    },
  ],
}).destinations[0] as Destination;

const at = new Date('2026-11-28T12:00:00Z');
const vaccination = (dn: number, sd: number, dt: string) => ({ v: [{ dn, sd, dt, tg: '840539006' }] });
const test = (sc: string, tr = '260415000') => ({ t: [{ sc, tr, tg: '840539006' }] });
const recovery = (df: string, du: string) => ({ r: [{ df, du, fr: '2026-09-01' }] });

/** The outcome of each rule by id, as the verifier page lists them. */
const outcomes = (payload: unknown) =>
  Object.fromEntries(evaluateBusinessRules(payload, destination, at).map((o) => [o.rule.id, o.passed]));

describe('business rules per destination', () => {
  it('a full course, 14 days to 270 days old, passes; a partial or too recent one fails the rule that says why', () => {
    expect(outcomes(vaccination(2, 2, '2026-10-01'))).toEqual({
      'FR-TYPES': true,
      'FR-V-FULL': true,
      'FR-V-AGE': true,
    });
    expect(outcomes(vaccination(1, 2, '2026-10-01'))).toMatchObject({ 'FR-V-FULL': false, 'FR-V-AGE': true });
    expect(outcomes(vaccination(3, 2, '2026-11-20'))).toMatchObject({ 'FR-V-FULL': true, 'FR-V-AGE': false });
    expect(outcomes(vaccination(2, 2, '2025-01-01'))).toMatchObject({ 'FR-V-AGE': false });
  });

  it('a test taken within 48 hours with a negative result passes; an older or positive one fails', () => {
    expect(outcomes(test('2026-11-27T08:00:00Z'))).toEqual({ 'FR-TYPES': true, 'FR-T-48H': true, 'FR-T-NEG': true });
    expect(outcomes(test('2026-11-26T11:59:00Z'))).toMatchObject({ 'FR-T-48H': false });
    expect(outcomes(test('2026-11-28T13:00:00Z'))).toMatchObject({ 'FR-T-48H': false }); // taken in the future
    expect(outcomes(test('2026-11-28T08:00:00Z', '260373001'))).toMatchObject({ 'FR-T-NEG': false });
  });

  it('a recovery is valid from df through the whole day du; a type the destination does not accept fails', () => {
    expect(outcomes(recovery('2026-10-01', '2026-11-28'))).toEqual({ 'FR-TYPES': false, 'FR-R': true });
    expect(outcomes(recovery('2026-10-01', '2026-11-27'))).toMatchObject({ 'FR-R': false });
    expect(outcomes(recovery('2026-11-29', '2027-03-01'))).toMatchObject({ 'FR-R': false });
  });

  it('refuses a rule file out of shape, naming where', () => {
    const file = (rules: unknown[], country = 'FR') => ({
      format: 'homeward-business-rules/1',
      destinations: [{ country, name: { en: 'x' }, rules }],
    });
    expect(() => readBusinessRules(file([{ id: 'a', kind: 'no-such-kind' }]))).toThrow(/destination 0 rule 0/);
    expect(() => readBusinessRules(file([{ id: 'a', kind: 'test-max-age', hours: -1 }]))).toThrow(HcertError);
    expect(() => readBusinessRules(file([{ id: 'a', kind: 'vaccination-age' }]))).toThrow(/minDays/);
    expect(() => readBusinessRules(file([], 'France'))).toThrow(/alpha-2/);
    expect(() => readBusinessRules({ destinations: [] })).toThrow(/format/);
    expect(evaluateBusinessRules('not a payload', destination, at).every((o) => !o.passed)).toBe(true);
  });
});
