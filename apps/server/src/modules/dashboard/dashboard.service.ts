import { CASE_CATEGORIES, CASE_PRIORITIES, type CaseDashboard, DASHBOARD_DAYS } from '@homeward/shared';
import type { Db } from '../../db/schema.ts';
import { ProblemError } from '../../http/problem.ts';
import type { Actor } from '../../policy/actor.ts';
import { dashboardScope } from '../../policy/dashboard.policy.ts';
import {
  countCallsPerDay,
  countCasesPerDay,
  countOpenByCategory,
  countOpenByMission,
  countOpenByPriority,
  countSlaByMission,
} from './dashboard.repo.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The last `days` UTC days up to and including today's, oldest first (YYYY-MM-DD). */
export function lastDays(now: Date, days: number): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: days }, (_, i) => new Date(today - (days - 1 - i) * DAY_MS).toISOString().slice(0, 10));
}

/** Counts for every day of `days`, 0 where the database had none. */
export function fillDays(days: string[], counts: { day: string; count: number }[]): { day: string; count: number }[] {
  const byDay = new Map(counts.map((c) => [c.day, c.count]));
  return days.map((day) => ({ day, count: byDay.get(day) ?? 0 }));
}

/**
 * The case dashboard for HQ (every mission) or a mission head (their missions): aggregate counts only, no
 * personal data, so reading it is not audited. Categories and priorities with no open case are listed with 0.
 */
export async function caseDashboard(db: Db, actor: Actor, now: Date = new Date()): Promise<CaseDashboard> {
  const scope = dashboardScope(actor);
  if (!scope) throw new ProblemError(403, 'forbidden');
  const days = lastDays(now, DASHBOARD_DAYS);
  const since = `${days[0]}T00:00:00.000Z`;
  const [byMission, byCategory, byPriority, sla, cases, calls] = await Promise.all([
    countOpenByMission(db, scope),
    countOpenByCategory(db, scope),
    countOpenByPriority(db, scope),
    countSlaByMission(db, scope, now.toISOString()),
    countCasesPerDay(db, scope, since),
    countCallsPerDay(db, scope, since),
  ]);
  const categoryCount = new Map(byCategory.map((c) => [c.category, c.count]));
  const priorityCount = new Map(byPriority.map((p) => [p.priority, p.count]));
  const slaByMission = sla.filter((m) => m.red > 0 || m.amber > 0).sort((a, b) => b.red - a.red || b.amber - a.amber);
  return {
    generatedAt: now.toISOString(),
    missions: 'missions' in scope ? [...scope.missions] : null,
    openTotal: byMission.reduce((sum, m) => sum + m.count, 0),
    openByMission: byMission.sort((a, b) => b.count - a.count || a.missionCode.localeCompare(b.missionCode)),
    openByCategory: (Object.keys(CASE_CATEGORIES) as (keyof typeof CASE_CATEGORIES)[]).map((category) => ({
      category,
      count: categoryCount.get(category) ?? 0,
    })),
    openByPriority: CASE_PRIORITIES.map((priority) => ({ priority, count: priorityCount.get(priority) ?? 0 })),
    sla: {
      red: sla.reduce((sum, m) => sum + m.red, 0),
      amber: sla.reduce((sum, m) => sum + m.amber, 0),
      byMission: slaByMission,
    },
    casesPerDay: fillDays(days, cases),
    callsPerDay: fillDays(days, calls),
  };
}
