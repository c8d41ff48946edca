import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { newId } from '../clock.ts';
import type { Database } from '../db/schema.ts';
import { jobsProcessed } from '../metrics.ts';
import { claimJobs, completeJob, failJob, type JobRow, renewJobLeases } from './jobs.repo.ts';

export interface JobContext {
  db: Kysely<Database>;
  log: Logger;
  job: JobRow;
}

/** A handler must be idempotent: a job whose worker died mid-run is run again by another worker. */
export type JobHandler = (ctx: JobContext, payload: unknown) => Promise<void>;

export interface WorkerOptions {
  db: Kysely<Database>;
  log: Logger;
  handlers: Record<string, JobHandler>;
  pollMs: number;
  concurrency: number;
  /** How long a claim holds a job; renewed every third of it while the job runs. */
  leaseMs?: number;
  /** Called every poll, before claiming; used to enqueue recurring jobs. */
  onTick?: () => Promise<void>;
}

export interface Worker {
  id: string;
  /** Wakes the loop now instead of at the next poll (after an enqueue in this process). */
  nudge(): void;
  /** Stops claiming and waits for the jobs in hand, up to `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** Exponential backoff with jitter: 2 s, 4 s, 8 s … capped at one hour. */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(3_600_000, 1000 * 2 ** Math.max(1, attempts));
  return Math.round(base * (0.75 + random() * 0.5));
}

export function startWorker(options: WorkerOptions): Worker {
  const id = `${hostname()}:${process.pid}:${newId().slice(-8)}`;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const inFlight = new Set<Promise<void>>();
  /** The ids of the jobs in hand, whose leases the renewal timer extends. */
  const held = new Set<string>();
  let running = true;
  let wake: (() => void) | null = null;

  // A lease says "this worker is alive", not "the job is short": while a job runs, its lease is extended, so only
  // a worker that died (or lost the database for a whole lease) lets another worker take its jobs over.
  let renewing = false;
  const renewal = setInterval(
    () => {
      if (renewing || held.size === 0) return;
      renewing = true;
      renewJobLeases(options.db, [...held], id, leaseMs)
        .then((lost) => {
          for (const jobId of lost) {
            if (held.has(jobId)) options.log.warn({ jobId }, 'job lease lost to another worker');
          }
        })
        .catch((error: unknown) => options.log.error({ err: error }, 'could not renew job leases'))
        .finally(() => {
          renewing = false;
        });
    },
    Math.max(10, Math.floor(leaseMs / 3)),
  );
  renewal.unref();

  async function runOne(job: JobRow): Promise<void> {
    const handler = options.handlers[job.kind];
    const log = options.log.child({ jobId: job.id, kind: job.kind, attempt: job.attempts });
    try {
      if (!handler) throw new Error(`no handler for job kind "${job.kind}"`);
      await handler({ db: options.db, log, job }, JSON.parse(job.payload));
      await completeJob(options.db, job.id, id);
      jobsProcessed.inc({ kind: job.kind, outcome: 'done' });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const final = !handler || job.attempts >= job.maxAttempts;
      const retryAt = final ? null : new Date(Date.now() + retryDelayMs(job.attempts));
      log.warn({ err: message, final }, 'job failed');
      await failJob(options.db, job.id, id, message, retryAt).catch((e: unknown) =>
        log.error({ err: e }, 'could not record job failure; the lease will expire and the job will run again'),
      );
      jobsProcessed.inc({ kind: job.kind, outcome: final ? 'failed' : 'retry' });
    }
  }

  async function loop(): Promise<void> {
    while (running) {
      let claimed: JobRow[] = [];
      try {
        await options.onTick?.();
        const free = options.concurrency - inFlight.size;
        if (free > 0) claimed = await claimJobs(options.db, id, free, leaseMs);
      } catch (error) {
        options.log.error({ err: error }, 'job claim failed; retrying after the poll interval');
      }
      for (const job of claimed) {
        held.add(job.id);
        const task = runOne(job).finally(() => {
          held.delete(job.id);
          inFlight.delete(task);
          wake?.();
        });
        inFlight.add(task);
      }
      if (claimed.length === 0 || inFlight.size >= options.concurrency) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, options.pollMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
      }
    }
  }

  const done = loop();
  return {
    id,
    nudge: () => wake?.(),
    async stop(graceMs = 10_000) {
      running = false;
      wake?.();
      await done;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...inFlight]),
        new Promise((resolve) => {
          timer = setTimeout(resolve, graceMs);
        }),
      ]);
      clearTimeout(timer);
      clearInterval(renewal);
    },
  };
}
