import { beforeEach, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/support/db.ts';
import { blockedUntil, blockMsFor, clearThrottle, recordFailure, type ThrottleRule } from './throttle.ts';

const rule: ThrottleRule = { freeFailures: 2, windowMs: 60_000, baseBlockMs: 1_000, maxBlockMs: 8_000 };

describe('blockMsFor', () => {
  it('is free at first, then doubles, then stays at the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 40].map((n) => blockMsFor(n, rule))).toEqual([
      0, 1_000, 2_000, 4_000, 8_000, 8_000, 8_000,
    ]);
  });
});

describeEachDialect('throttle', (getDb) => {
  beforeEach(async () => {
    await getDb().db.deleteFrom('throttles').execute();
  });

  it('blocks after the free failures, for a growing but bounded time', async () => {
    const { db } = getDb();
    const t0 = new Date('2026-01-01T00:00:00.000Z');
    await recordFailure(db, 'k', rule, t0);
    expect(await blockedUntil(db, ['k'], t0)).toBeNull();
    await recordFailure(db, 'k', rule, t0);
    expect(await blockedUntil(db, ['k', 'other'], t0)).toEqual(new Date('2026-01-01T00:00:01.000Z'));
    await recordFailure(db, 'k', rule, t0);
    expect(await blockedUntil(db, ['k'], t0)).toEqual(new Date('2026-01-01T00:00:02.000Z'));
    expect(await blockedUntil(db, ['k'], new Date('2026-01-01T00:00:03.000Z'))).toBeNull();
  });

  it('starts a new window after the old one and forgets on success', async () => {
    const { db } = getDb();
    const t0 = new Date('2026-01-01T00:00:00.000Z');
    for (let i = 0; i < 3; i++) await recordFailure(db, 'k', rule, t0);
    const later = new Date(t0.getTime() + 61_000);
    await recordFailure(db, 'k', rule, later);
    expect(await blockedUntil(db, ['k'], later)).toBeNull();
    await recordFailure(db, 'k', rule, later);
    await clearThrottle(db, ['k']);
    expect(await blockedUntil(db, ['k'], later)).toBeNull();
  });
});
