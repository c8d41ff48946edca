import type { Locale } from '@homeward/shared';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { isoNow } from '../../clock.ts';
import { groupCommitFor } from '../../db/group-commit.ts';
import type { Database } from '../../db/schema.ts';
import { nudgeLive } from '../../live/live.hub.ts';
import { intakeIsBusy } from './help-requests.intake.ts';
import { countIntakeAttempt, listReceivedIntake, settleIntake, takeReceivedIntake } from './help-requests.repo.ts';
import { internalProblem, openHelpRequest } from './help-requests.service.ts';

/** Requests opened per round: their units share the group commit's batches with new requests. */
const ROUND = 64;
/**
 * During a burst of requests the opener yields: small rounds, then a pause of `BURST_PAUSE` times the round's
 * duration, so acknowledging new requests keeps most of the process (opening a case costs ~10 times receiving
 * one). The backlog is opened at full speed once the burst is over.
 */
const BURST_ROUND = 8;
const BURST_PAUSE = 4;
/**
 * During a burst only P1 requests are opened at once; the rest wait until the burst is over or until they are this
 * old (decision 0028). A P2's first response is due in hours (decision 0011): half a minute does not move it,
 * while the process acknowledges new requests instead of opening cases (~10 times the work each).
 */
export const BURST_ROUTINE_DELAY_MS = 30_000;
/** During a burst with nothing to open, the opener looks again after this (every new request nudges it). */
const BURST_IDLE_MS = 200;
/** Unexpected errors a request may meet before it is marked failed (the citizen is asked to call). */
export const MAX_OPEN_ATTEMPTS = 5;

export interface OpenRound {
  opened: number;
  failed: number;
  errors: number;
}

/**
 * Opens the cases of received help requests (decision 0012), P1 first, then oldest first, at most `limit`
 * (`routineReceivedBefore`: during a burst, the rest only as far as received before it; decision 0028): each request is
 * one unit of the group commit (on SQLite they share a transaction and its fsync; on PostgreSQL each is its own
 * transaction with the row locked SKIP LOCKED, so openers in several processes never take the same one).
 */
export async function openReceivedHelpRequests(
  db: Kysely<Database>,
  log?: Logger,
  limit: number = ROUND,
  options: { routineReceivedBefore?: string } = {},
): Promise<OpenRound> {
  const ids = await listReceivedIntake(db, limit, options);
  const committer = groupCommitFor(db);
  const outcomes = await Promise.allSettled(ids.map((id) => committer.run((trx) => openHelpRequest(trx, id))));
  const round: OpenRound = { opened: 0, failed: 0, errors: 0 };
  for (const [index, outcome] of outcomes.entries()) {
    const id = ids[index] as string;
    if (outcome.status === 'fulfilled') {
      if (outcome.value === 'opened') round.opened++;
      if (outcome.value === 'failed') round.failed++;
      continue;
    }
    round.errors++;
    log?.error({ err: outcome.reason, helpRequestId: id }, 'help request could not be opened');
    await committer.run(async (trx) => {
      const attempts = await countIntakeAttempt(trx, id, isoNow());
      if (attempts < MAX_OPEN_ATTEMPTS) return;
      const row = await takeReceivedIntake(trx, id);
      if (row)
        await settleIntake(trx, id, { state: 'failed', problem: internalProblem(row.locale as Locale, id) }, isoNow());
    });
  }
  if (round.opened + round.failed > 0) nudgeLive(db);
  return round;
}

export interface HelpRequestOpener {
  /** Wakes the opener now (a request was just received in this process). */
  nudge(): void;
  /** Stops after the round in hand. */
  stop(): Promise<void>;
}

/**
 * The background step of help-request intake, run beside the job worker: rounds of `openReceivedHelpRequests`
 * while there is work, then a wait of `pollMs` or until nudged. Requests received before a crash are still
 * `received` in the table and are opened after the restart.
 */
export function startHelpRequestOpener(options: {
  db: Kysely<Database>;
  log: Logger;
  pollMs: number;
}): HelpRequestOpener {
  let running = true;
  let wake: (() => void) | null = null;
  let nudged = false;

  /** Waits `ms`, or less when stopped (or, with `byNudge`, when nudged). */
  function waitFor(ms: number, byNudge: boolean): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        if (byNudge || !running) {
          clearTimeout(timer);
          resolve();
        }
      };
    }).finally(() => {
      wake = null;
    });
  }

  async function loop(): Promise<void> {
    while (running) {
      nudged = false;
      let round: OpenRound = { opened: 0, failed: 0, errors: 0 };
      const burst = intakeIsBusy(options.db);
      const started = performance.now();
      try {
        round = await openReceivedHelpRequests(
          options.db,
          options.log,
          burst ? BURST_ROUND : ROUND,
          burst ? { routineReceivedBefore: isoNow(new Date(Date.now() - BURST_ROUTINE_DELAY_MS)) } : {},
        );
      } catch (error) {
        options.log.error({ err: error }, 'help request opener round failed; retrying after the poll interval');
        round.errors++;
      }
      const busy = round.opened + round.failed > 0 && round.errors === 0;
      if (busy && burst && running) {
        await new Promise((resolve) => setTimeout(resolve, (performance.now() - started) * BURST_PAUSE));
      }
      if (busy || !running) continue;
      // In a burst every new request nudges: look again a moment later, not once per request.
      if (burst && round.errors === 0) {
        await waitFor(BURST_IDLE_MS, false);
        continue;
      }
      if (nudged) continue;
      await waitFor(options.pollMs, true);
    }
  }

  const done = loop();
  return {
    nudge() {
      nudged = true;
      wake?.();
    },
    async stop() {
      running = false;
      wake?.();
      await done;
    },
  };
}
