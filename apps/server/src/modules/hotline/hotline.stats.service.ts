import {
  CALL_OUTCOMES,
  CASE_CATEGORIES,
  type CallOutcome,
  type CaseCategory,
  type HotlineStats,
  type HotlineStatsQuery,
} from '@homeward/shared';
import type { Db } from '../../db/schema.ts';
import { ProblemError } from '../../http/problem.ts';
import type { Actor } from '../../policy/actor.ts';
import { canWorkHotline } from '../../policy/hotline.policy.ts';
import { callStats, nextDayStart } from './hotline.calls.repo.ts';
import { daysInRange } from './hotline.rules.ts';

const MAX_DAYS = 366;

/**
 * Calls per day, category and outcome, and their average length, over whole UTC days: agents work round the
 * clock across time zones, so the day boundary is UTC everywhere (the console says so). Every day, category and
 * outcome is listed, zeros included, so a chart has no gaps.
 * @throws ProblemError 400 `dates_invalid` when `from` is after `to` or the range is longer than a year
 */
export async function callStatistics(db: Db, actor: Actor, query: HotlineStatsQuery): Promise<HotlineStats> {
  if (!canWorkHotline(actor)) throw new ProblemError(403, 'forbidden');
  const days = daysInRange(query.from, query.to);
  if (days.length === 0 || days.length > MAX_DAYS)
    throw new ProblemError(400, 'dates_invalid', `from must be on or before to, at most ${MAX_DAYS} days`, [
      { field: '/to', message: 'from ≤ to, at most 366 days' },
    ]);
  const stats = await callStats(db, `${query.from}T00:00:00.000Z`, nextDayStart(query.to));
  const tally = (rows: { key: string; n: string | number }[]) => {
    const counts = new Map<string, number>();
    for (const row of rows) counts.set(row.key, (counts.get(row.key) ?? 0) + Number(row.n));
    return (key: string) => counts.get(key) ?? 0;
  };
  const perDay = tally(stats.perDay.map((r) => ({ key: r.day, n: r.n })));
  const perCategory = tally(stats.perCategory.map((r) => ({ key: r.category, n: r.n })));
  const perOutcome = tally(stats.perOutcome.map((r) => ({ key: r.outcome, n: r.n })));
  const total = Number(stats.totals.n);
  const average = stats.totals.avg === null ? null : Math.round(Number(stats.totals.avg) * 10) / 10;
  return {
    from: query.from,
    to: query.to,
    timeZone: 'UTC',
    total,
    averageDurationSeconds: total === 0 ? null : average,
    perDay: days.map((day) => ({ day, count: perDay(day) })),
    perCategory: (Object.keys(CASE_CATEGORIES) as CaseCategory[]).map((category) => ({
      category,
      count: perCategory(category),
    })),
    perOutcome: (Object.keys(CALL_OUTCOMES) as CallOutcome[]).map((outcome) => ({
      outcome,
      count: perOutcome(outcome),
    })),
  };
}
