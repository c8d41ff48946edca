import type { Kysely } from 'kysely';
import { isoAt, isoNow } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { deleteExpiredIdempotencyKeys } from '../http/idempotency.repo.ts';
import { IDEMPOTENCY_TTL_MS } from '../http/idempotency.ts';
import { CAP_POLL_EVERY_MS, CAP_POLL_JOB } from '../modules/alerts/alerts.poll.ts';
import { deleteStaleSessions } from '../modules/auth/sessions.repo.ts';
import { CASE_SLA_EVERY_MS, CASE_SLA_JOB } from '../modules/cases/cases.sla.jobs.ts';
import { ARRIVALS_EVERY_MS, NOTIFY_ARRIVALS_JOB } from '../modules/notifications/notifications.arrivals.ts';
import { PURGE_TRIPS_JOB, purgeEndedTrips } from '../modules/registry/registry.purge.jobs.ts';
import { deleteFinishedJobs, insertJobs } from './jobs.repo.ts';
import type { JobHandler } from './jobs.worker.ts';

const DAY = 86_400_000;

/**
 * Housekeeping that keeps the database small: expired sessions, old finished jobs, Idempotency-Key records
 * past 24 hours, trips past retention.
 */
export function maintenanceHandlers(config: Config): Record<string, JobHandler> {
  return {
    'maintenance.purge_sessions': async ({ db, log }) => {
      const removed = await deleteStaleSessions(db, isoNow(), isoAt(-config.sessionIdleMinutes * 60_000));
      log.info({ removed }, 'purged stale sessions');
    },
    'maintenance.purge_jobs': async ({ db, log }) => {
      const removed = await deleteFinishedJobs(db, isoAt(-7 * DAY));
      log.info({ removed }, 'purged finished jobs older than 7 days');
    },
    'maintenance.purge_idempotency_keys': async ({ db, log }) => {
      const removed = await deleteExpiredIdempotencyKeys(db, isoAt(-IDEMPOTENCY_TTL_MS));
      log.info({ removed }, 'purged Idempotency-Key records older than 24 hours');
    },
    [PURGE_TRIPS_JOB]: async ({ db, log }) => {
      const removed = await purgeEndedTrips(db, config.tripRetentionDays);
      log.info({ removed, days: config.tripRetentionDays }, 'purged trips that ended before the retention period');
    },
  };
}

interface Recurring {
  kind: string;
  everyMs: number;
}

const RECURRING: Recurring[] = [
  { kind: 'maintenance.purge_sessions', everyMs: 15 * 60_000 },
  { kind: 'maintenance.purge_jobs', everyMs: 6 * 3_600_000 },
  { kind: 'maintenance.purge_idempotency_keys', everyMs: 3_600_000 },
  { kind: PURGE_TRIPS_JOB, everyMs: 6 * 3_600_000 },
  // The case SLA sweep (amber/red events and escalation, decision 0011); its handler lives with the cases.
  { kind: CASE_SLA_JOB, everyMs: CASE_SLA_EVERY_MS },
  // On-arrival messages for presences that started (issue 6, item 6); the handler lives with the notifications.
  { kind: NOTIFY_ARRIVALS_JOB, everyMs: ARRIVALS_EVERY_MS },
  // The configured CAP sources, each at its own interval (decision 0025); the handler lives with the alerts.
  { kind: CAP_POLL_JOB, everyMs: CAP_POLL_EVERY_MS },
];

/**
 * Enqueues each recurring job once per period. Every worker process may try; the dedupe key
 * (kind + period number) makes sure only one job per period exists, whichever worker wins.
 */
export function recurringScheduler(db: Kysely<Database>): () => Promise<void> {
  const lastPeriod = new Map<string, number>();
  return async () => {
    const now = Date.now();
    const due = RECURRING.filter((r) => lastPeriod.get(r.kind) !== Math.floor(now / r.everyMs));
    if (due.length === 0) return;
    await insertJobs(
      db,
      due.map((r) => ({ kind: r.kind, payload: {}, dedupeKey: `${r.kind}:${Math.floor(now / r.everyMs)}` })),
    );
    for (const r of due) lastPeriod.set(r.kind, Math.floor(now / r.everyMs));
  };
}
