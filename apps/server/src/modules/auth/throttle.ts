import type { Db } from '../../db/schema.ts';

/**
 * Failure throttling with exponential backoff, shared by every process through the database.
 * A block always ends (capped at `maxBlockMs`), so nobody can lock an account for good.
 */
export interface ThrottleRule {
  /** Failures allowed within the window before blocking starts. */
  freeFailures: number;
  windowMs: number;
  /** First block length; doubles with each further failure. */
  baseBlockMs: number;
  maxBlockMs: number;
}

export const SIGN_IN_PER_ADDRESS: ThrottleRule = {
  freeFailures: 10,
  windowMs: 15 * 60_000,
  baseBlockMs: 30_000,
  maxBlockMs: 15 * 60_000,
};
export const SIGN_IN_PER_ACCOUNT: ThrottleRule = {
  freeFailures: 5,
  windowMs: 15 * 60_000,
  baseBlockMs: 30_000,
  maxBlockMs: 15 * 60_000,
};

/** Second-factor codes: a six-digit code is guessable, so the account rule is strict (on top of 5 per challenge). */
export const SECOND_FACTOR_PER_ACCOUNT: ThrottleRule = {
  freeFailures: 5,
  windowMs: 15 * 60_000,
  baseBlockMs: 60_000,
  maxBlockMs: 30 * 60_000,
};
export const SECOND_FACTOR_PER_ADDRESS: ThrottleRule = {
  freeFailures: 10,
  windowMs: 15 * 60_000,
  baseBlockMs: 30_000,
  maxBlockMs: 15 * 60_000,
};

/** The latest time until which any of the keys is blocked, or null when none is. */
export async function blockedUntil(db: Db, keys: string[], now: Date = new Date()): Promise<Date | null> {
  if (keys.length === 0) return null;
  const rows = await db
    .selectFrom('throttles')
    .select('blockedUntil')
    .where('key', 'in', keys)
    .where('blockedUntil', '>', now.toISOString())
    .execute();
  const latest = rows
    .map((r) => r.blockedUntil as string)
    .sort()
    .at(-1);
  return latest ? new Date(latest) : null;
}

/** Block length after `failures` failures under `rule` (0 while within the free failures). */
export function blockMsFor(failures: number, rule: ThrottleRule): number {
  const over = failures - rule.freeFailures;
  if (over < 0) return 0;
  return Math.min(rule.maxBlockMs, rule.baseBlockMs * 2 ** Math.min(over, 30));
}

/** Counts one failure against a key; a window that has passed starts again from one. */
export async function recordFailure(db: Db, key: string, rule: ThrottleRule, now: Date = new Date()): Promise<void> {
  const nowIso = now.toISOString();
  const existing = await db.selectFrom('throttles').selectAll().where('key', '=', key).executeTakeFirst();
  const fresh = !existing || new Date(existing.windowStart).getTime() + rule.windowMs < now.getTime();
  const failures = fresh ? 1 : existing.failures + 1;
  const block = blockMsFor(failures, rule);
  const row = {
    key,
    failures,
    windowStart: fresh ? nowIso : existing.windowStart,
    blockedUntil: block > 0 ? new Date(now.getTime() + block).toISOString() : null,
  };
  await db
    .insertInto('throttles')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet({ failures: row.failures, windowStart: row.windowStart, blockedUntil: row.blockedUntil }),
    )
    .execute();
}

export async function clearThrottle(db: Db, keys: string[]): Promise<void> {
  if (keys.length > 0) await db.deleteFrom('throttles').where('key', 'in', keys).execute();
}
