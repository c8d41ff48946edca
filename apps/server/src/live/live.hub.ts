import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../policy/actor.ts';
import { canReceiveLiveEvent } from '../policy/help.policy.ts';
import { type LiveRow, listEventIdsAfter, listLiveRowsByIds, uuidV7Floor } from './live.repo.ts';

/** One open stream: who listens, and how rows reach them. */
export interface LiveListener {
  actor: Actor;
  /** Only events with a larger id are sent live (older ones come from the Last-Event-ID backfill). */
  since: string;
  send(row: LiveRow): void;
  /** Ends the stream (server shutdown). */
  end(): void;
}

interface Subscription extends LiveListener {
  /** While the backfill runs, live rows wait here so nothing is sent twice or out of order. */
  held: LiveRow[] | null;
}

export interface LiveHubOptions {
  /** How often the case_events table is tailed (other processes' events arrive this late at most). */
  pollMs?: number;
  /** How far below the newest id each poll looks again, for transactions that committed out of id order. */
  windowMs?: number;
  /** Open streams per user (several tabs and devices); one more is refused with 429. */
  maxPerUser?: number;
  /** Event ids looked at per poll at most (the window's ids; a burst beyond it is read at the next poll). */
  batch?: number;
  /** How often an idle stream gets a comment line (proxies drop silent connections) and its session is checked. */
  heartbeatMs?: number;
}

/**
 * The live stream's one poller per process (decision 0012). It tails `case_events` by id every `pollMs`
 * while anyone listens, and at once when `nudge()` says this process just committed a change. Because ids
 * are UUIDv7 made before commit, a transaction can commit after a later id was already seen: each poll reads
 * the last `windowMs` of ids again and skips the ones already delivered. Works the same on both engines and
 * across processes (every process tails the same table).
 */
export class LiveHub {
  private readonly subscriptions = new Set<Subscription>();
  /** Event ids already fanned out, with when, pruned past the window. */
  private readonly delivered = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private nudged: NodeJS.Timeout | null = null;
  private lastPollAt = 0;
  private running: Promise<void> | null = null;
  private pending = false;
  private stopped = false;
  readonly pollMs: number;
  readonly windowMs: number;
  readonly maxPerUser: number;
  readonly heartbeatMs: number;
  private readonly batch: number;

  constructor(
    private readonly db: Kysely<Database>,
    options: LiveHubOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 1000;
    this.windowMs = options.windowMs ?? 5000;
    this.maxPerUser = options.maxPerUser ?? 5;
    this.batch = options.batch ?? 20_000;
    this.heartbeatMs = options.heartbeatMs ?? 15_000;
  }

  /** Open streams of a user. */
  countFor(userId: string): number {
    let n = 0;
    for (const s of this.subscriptions) if (s.actor.id === userId) n++;
    return n;
  }

  /**
   * Adds a listener whose live rows are held until `release` (after the caller's backfill); returns
   * `release(sentIds)` and `remove()`.
   */
  subscribe(listener: LiveListener): { release(sentIds: ReadonlySet<string>): void; remove(): void } {
    const subscription: Subscription = { ...listener, held: [] };
    this.subscriptions.add(subscription);
    this.schedule();
    return {
      release: (sentIds) => {
        const held = subscription.held ?? [];
        subscription.held = null;
        for (const row of held) if (!sentIds.has(row.id)) subscription.send(row);
      },
      remove: () => {
        this.subscriptions.delete(subscription);
        if (this.subscriptions.size === 0 && this.timer) {
          clearInterval(this.timer);
          this.timer = null;
        }
      },
    };
  }

  /**
   * This process committed a case change: look now instead of at the next tick. Nudges are coalesced into at
   * most one poll per `NUDGE_GAP_MS`, so a burst of writes costs a few polls, not one each.
   */
  nudge(): void {
    if (this.subscriptions.size === 0 || this.nudged || this.stopped) return;
    this.nudged = setTimeout(
      () => {
        this.nudged = null;
        void this.poll();
      },
      Math.max(0, this.lastPollAt + NUDGE_GAP_MS - Date.now()),
    );
    this.nudged.unref();
  }

  private schedule(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => void this.poll(), this.pollMs);
    this.timer.unref();
  }

  /** One poll at a time; a nudge during a poll runs one more right after it. */
  poll(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.pending = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.pending = false;
          await this.pollOnce();
        } while (this.pending && !this.stopped);
      } catch {
        // A failed read (database restarting) is retried at the next tick.
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  private async pollOnce(): Promise<void> {
    const now = Date.now();
    this.lastPollAt = now;
    // The window's ids come from the primary key alone; only the new ones are read in full.
    const ids = await listEventIdsAfter(this.db, uuidV7Floor(now - this.windowMs), this.batch);
    const fresh = ids.filter((id) => !this.delivered.has(id));
    for (const id of fresh) this.delivered.set(id, now);
    for (let start = 0; start < fresh.length; start += 500) {
      for (const row of await listLiveRowsByIds(this.db, fresh.slice(start, start + 500))) this.fanOut(row);
    }
    for (const [id, at] of this.delivered) if (at < now - 2 * this.windowMs) this.delivered.delete(id);
  }

  private fanOut(row: LiveRow): void {
    for (const s of this.subscriptions) {
      if (row.id <= s.since || !canReceiveLiveEvent(s.actor, row)) continue;
      if (s.held) s.held.push(row);
      else s.send(row);
    }
  }

  /** Stops polling and ends every stream (server shutdown). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.nudged) clearTimeout(this.nudged);
    this.timer = null;
    await this.running;
    for (const s of this.subscriptions) s.end();
    this.subscriptions.clear();
  }
}

/** Nudged polls are at least this far apart. */
const NUDGE_GAP_MS = 50;

const hubs = new WeakMap<Kysely<Database>, LiveHub>();

/** The live hub of this process for a database handle, made on first use. */
export function liveHubFor(db: Kysely<Database>, options?: LiveHubOptions): LiveHub {
  let hub = hubs.get(db);
  if (!hub) {
    hub = new LiveHub(db, options);
    hubs.set(db, hub);
  }
  return hub;
}

/** Tells this process's hub (if any stream is open) that a change was just committed. */
export function nudgeLive(db: Kysely<Database>): void {
  hubs.get(db)?.nudge();
}

/** Stops and forgets the hub of a database handle (the app's preClose). */
export async function stopLiveHub(db: Kysely<Database>): Promise<void> {
  const hub = hubs.get(db);
  hubs.delete(db);
  await hub?.stop();
}
