import type { SlaState } from '@homeward/shared';
import type { Db } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { JobHandler } from '../../jobs/jobs.worker.ts';
import { appendCaseEvent } from './cases.events.repo.ts';
import { type CaseViewRow, findCase, listCasesWithRunningSla, updateCaseQuietly } from './cases.repo.ts';
import { businessCalendar, hqEscalationAt, SLA_TARGETS, slaOnTick } from './cases.sla.ts';

export const CASE_SLA_JOB = 'cases.sla_sweep';

/** How often the sweep runs: a P1 first response (15 minutes) turns amber with under 4 minutes left. */
export const CASE_SLA_EVERY_MS = 60_000;

const ALERTING: ReadonlySet<SlaState> = new Set(['amber', 'red']);

export interface SweepResult {
  checked: number;
  changed: number;
  escalated: number;
}

/**
 * One case at `now`: records each target that turned amber or red once (`sla` event) and escalates —
 * to the mission head (level 1) when the first response turns amber or red or an update is overdue, to
 * headquarters (level 2) when a target is still red one more target period after it was due.
 */
async function sweepCase(db: Db, row: CaseViewRow, now: Date): Promise<{ changed: boolean; escalated: boolean }> {
  const calendar = businessCalendar(row.missionTimeZone);
  const target = SLA_TARGETS[row.priority];
  const tick = slaOnTick(row, calendar, now);
  const system = { caseId: row.id, visibility: 'internal' as const, authorUserId: null, authorKind: 'system' as const };
  if (tick.firstChanged && ALERTING.has(tick.firstResponse)) {
    await appendCaseEvent(db, {
      ...system,
      kind: 'sla',
      data: { target: 'first_response', state: tick.firstResponse },
    });
  }
  if (tick.nextChanged && ALERTING.has(tick.nextUpdate)) {
    await appendCaseEvent(db, { ...system, kind: 'sla', data: { target: 'next_update', state: tick.nextUpdate } });
  }
  let level = Number(row.escalationLevel);
  const escalateTo = async (to: number, reason: string) => {
    level = to;
    await appendCaseEvent(db, { ...system, kind: 'escalated', body: reason, data: { level: to, reason } });
  };
  if (level < 1 && (ALERTING.has(tick.firstResponse) || tick.nextUpdate === 'red')) {
    await escalateTo(1, ALERTING.has(tick.firstResponse) ? `first_response_${tick.firstResponse}` : 'next_update_red');
  }
  if (level < 2) {
    const redSince =
      tick.firstResponse === 'red'
        ? { due: row.slaFirstDueAt, ms: target.firstResponseMs }
        : tick.nextUpdate === 'red'
          ? { due: row.slaNextDueAt, ms: target.nextUpdateMs }
          : null;
    if (redSince?.due && now >= hqEscalationAt(redSince.due, redSince.ms, target.clock, calendar)) {
      await escalateTo(2, 'still_red_after_another_target_period');
    }
  }
  const changed = tick.firstChanged || tick.nextChanged || tick.worst !== row.slaState;
  const escalated = level !== Number(row.escalationLevel);
  if (changed || escalated) {
    await updateCaseQuietly(db, row.id, {
      slaFirstState: tick.firstResponse,
      slaNextState: tick.nextUpdate,
      slaState: tick.worst,
      escalationLevel: level,
    });
  }
  return { changed, escalated };
}

/** Every case with a running SLA target, each in its own transaction (one slow case holds up nothing). */
export async function sweepCaseSla(db: Db, now: Date = new Date()): Promise<SweepResult> {
  const rows = await listCasesWithRunningSla(db, 5000);
  const result: SweepResult = { checked: rows.length, changed: 0, escalated: 0 };
  for (const { id } of rows) {
    // Read again inside the transaction: staff may have answered since the list was read.
    const outcome = await inTransaction(db, async (trx) => {
      const row = await findCase(trx, id);
      return row ? sweepCase(trx, row, now) : { changed: false, escalated: false };
    });
    if (outcome.changed) result.changed++;
    if (outcome.escalated) result.escalated++;
  }
  return result;
}

/** The recurring SLA sweep (scheduled by the maintenance scheduler every minute). */
export function caseSlaHandlers(): Record<string, JobHandler> {
  return {
    [CASE_SLA_JOB]: async ({ db, log }) => {
      const result = await sweepCaseSla(db);
      if (result.changed > 0 || result.escalated > 0) log.info(result, 'case SLA states changed');
    },
  };
}
