import type { Logger } from 'pino';
import { isoAt, isoNow, newId } from '../../clock.ts';
import type { Config } from '../../config.ts';
import { dialectOf } from '../../db/dialect/dialect.ts';
import { retryDeadlocks } from '../../db/retry.ts';
import type { Db } from '../../db/schema.ts';
import type { NotificationChannel } from '../../db/tables/notifications.table.ts';
import { insertJobs } from '../../jobs/jobs.repo.ts';
import type { JobHandler } from '../../jobs/jobs.worker.ts';
import { arrivalHandlers } from './notifications.arrivals.ts';
import {
  type ChannelBatchSender,
  type ChannelSender,
  NOT_ATTEMPTED,
  type Outgoing,
  oneByOne,
  PermanentDeliveryError,
  pickContent,
  pushSender,
  type RenderedMessage,
} from './notifications.channels.ts';
import { type NotificationsConfig, notificationsConfigFrom } from './notifications.config.ts';
import { emailSender } from './notifications.email.ts';
import { type Fallback, type OutwardChannel, planDeliveries, recipientBatches } from './notifications.fanout.ts';
import { channelPlan, fanOutListChunk, LIST_BATCHES_PER_CHUNK, nextListBound } from './notifications.fanout-list.ts';
import {
  addFanoutProgress,
  advanceFanout,
  findMessage,
  finishFanout,
  insertDeliveries,
  listDueDeliveries,
  listPersonChannels,
  type MessageRow,
  markFailed,
  markRetry,
  markSentMany,
  nextPendingAttempt,
  releaseSendLease,
  renewSendLease,
  type SendableDelivery,
  takeSendLease,
} from './notifications.repo.ts';
import {
  actionLinksFor,
  NOTIFY_FANOUT,
  NOTIFY_SEND,
  type NotificationContent,
  type NotificationTarget,
  recipientListOf,
} from './notifications.service.ts';
import { smsSender } from './notifications.sms.ts';

/** Deliveries one send job reads and hands to its channel at once. */
const CHUNK = 1000;
/** Web Push requests at once (one per subscription; push services are many hosts). */
const PUSH_REQUESTS = 32;

interface SendPayload {
  messageId: string;
  channel: Exclude<NotificationChannel, 'inapp'>;
  batch: number;
}

const sendJob = (payload: SendPayload, dedupe: boolean | string, runAt?: Date) => ({
  kind: NOTIFY_SEND,
  payload,
  // E-mail goes one mail per exchange over a few connections (per person when it carries check-in links), so it is
  // the slowest channel and more e-mail jobs at once would not make it faster: the other channels' jobs, which
  // send hundreds per exchange, go first instead of waiting behind it.
  priority: payload.channel === 'email' ? 61 : 60,
  maxAttempts: 50,
  runAt,
  // The fan-out's own send jobs are keyed (a re-run batch adds none twice), and so is the one job that tries a
  // batch again when another worker's lease on it ends (a suffix naming that end: the jobs that found it held add
  // one between them); retries and fallbacks are inserted in the transaction that decides them, so need no key.
  dedupeKey:
    dedupe === false
      ? undefined
      : `notify.send:${payload.messageId}:${payload.channel}:${payload.batch}${dedupe === true ? '' : `:${dedupe}`}`,
});

/**
 * Fans one message out: walks the recipients batch by batch and, per batch, commits its deliveries (multi-row,
 * ON CONFLICT DO NOTHING on message × person × channel), one send job per channel that got rows, and the batch
 * counter, in one transaction. Killed midway, the job runs again: it walks the recipients again, the unique key
 * skips everyone already committed, and new rows get batch numbers after the counter, so nothing is queued twice.
 */
async function fanOut(db: Db, message: MessageRow, log: Logger): Promise<void> {
  const target = JSON.parse(message.target) as NotificationTarget; // boundary: JSON this module wrote
  if (target.kind === 'list') return fanOutList(db, message, target, log);
  let batch = message.fannedBatches;
  let recipients = message.recipients;
  for await (const found of recipientBatches(db, target)) {
    const rows = await planDeliveries(db, message, found, batch + 1);
    if (rows.length === 0) continue;
    // A commit that does not wait for the disk (decision 0030): lost in a power cut, the job runs again.
    await dialectOf(db).relaxedTransaction(db, async (trx) => {
      const inserted = await insertDeliveries(trx, rows);
      if (inserted.length === 0) return;
      batch += 1;
      const channels = new Set(inserted.map((r) => r.channel));
      await insertJobs(
        trx,
        [...channels]
          .filter((c): c is SendPayload['channel'] => c !== 'inapp')
          .map((channel) => sendJob({ messageId: message.id, channel, batch }, true)),
      );
      recipients += new Set(inserted.map((r) => r.personId)).size;
      await advanceFanout(trx, message.id, batch, recipients);
    });
  }
  await finishFanout(db, message.id);
  log.info({ messageId: message.id, batches: batch, recipients }, 'notification fanned out');
}

/**
 * Fans a message out to a recipient list set-wise (decision 0025): per chunk of the list, its deliveries in two
 * `INSERT … SELECT`s, its send jobs and the counters, in one transaction. PostgreSQL writes two chunks at once (a
 * server process each); SQLite has one writer. Chunk k numbers its batches from the stored counter plus k times the
 * chunk's share, and the counter only ever grows to the highest batch committed, so a fan-out killed midway runs
 * again from the start with batch numbers no committed chunk used: the unique key skips what was committed.
 */
async function fanOutList(
  db: Db,
  message: MessageRow,
  target: Extract<NotificationTarget, { kind: 'list' }>,
  log: Logger,
): Promise<void> {
  const list = recipientListOf(target.list);
  const plan = await channelPlan(db);
  const ranges: { after: string; upto: string | null }[] = [];
  for (let after = ''; ; ) {
    const upto = await nextListBound(db, list, target.id, after);
    ranges.push({ after, upto });
    if (upto === null) break;
    after = upto;
  }
  let recipients = 0;
  const runChunk = async (k: number) => {
    const range = ranges[k];
    if (!range) return;
    const batchBase = message.fannedBatches + k * LIST_BATCHES_PER_CHUNK;
    // A commit that does not wait for the disk (decision 0030): lost in a power cut, the job runs again. Tried
    // again when it loses a deadlock to the other lane (a guardian reached through dependents in both chunks).
    recipients += await retryDeadlocks(() =>
      dialectOf(db).relaxedTransaction(db, async (trx) => {
        const chunk = await fanOutListChunk(trx, message, plan, {
          list: target.list,
          id: target.id,
          ...range,
          batchBase,
        });
        await insertJobs(
          trx,
          chunk.sends.map((s) => sendJob({ messageId: message.id, channel: s.channel, batch: s.batch }, true)),
        );
        await addFanoutProgress(trx, message.id, batchBase + chunk.batches, chunk.recipients);
        return chunk.recipients;
      }),
    );
  };
  const lanes = dialectOf(db).name === 'postgres' ? 2 : 1;
  let next = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < ranges.length) await runChunk(next++);
    }),
  );
  await finishFanout(db, message.id);
  log.info({ messageId: message.id, list: target.list, recipients }, 'notification fanned out to a list');
}

/**
 * The next channel of a failed delivery: the streamed fan-out stores each with its address; the set-wise one
 * stores the channel's name only, and the person's current address is looked up now.
 */
async function resolveFallback(db: Db, personId: string, entry: Fallback | OutwardChannel): Promise<Fallback | null> {
  if (typeof entry !== 'string') return entry;
  if (entry === 'push') return { channel: 'push', address: null };
  const channels = await listPersonChannels(db, [personId]);
  const own = channels.filter((c) => c.kind === entry);
  const address = (own.find((c) => c.verifiedAt !== null) ?? own[0])?.address ?? null;
  return address ? { channel: entry, address } : null;
}

function render(
  message: MessageRow,
  content: NotificationContent,
  delivery: SendableDelivery,
  publicUrl: string,
): RenderedMessage {
  const { locale, text } = pickContent(content, delivery.locale);
  const url = text.url ? (/^https?:\/\//.test(text.url) ? text.url : `${publicUrl}${text.url}`) : null;
  const actions = message.checkin === 1 ? actionLinksFor(message.sourceKind, message.sourceId, delivery.personId) : {};
  return { locale, title: text.title, body: text.body, url, actions };
}

export interface NotificationHandlerOptions {
  notifications?: NotificationsConfig;
  /** Replaces a channel's sender (a test's failing SMTP, say); it is called one delivery at a time, 8 at once. */
  senders?: Partial<Record<SendPayload['channel'], ChannelSender>>;
  /** Deliveries one send job reads at once (a chunk: one read, one "sent" update). */
  parallel?: number;
}

/** The `notify.fanout` and `notify.send` handlers (decision 0022). */
export function notificationHandlers(config: Config, log: Logger, options: NotificationHandlerOptions = {}) {
  const settings = options.notifications ?? notificationsConfigFrom(process.env, config);
  const senders: Record<SendPayload['channel'], ChannelBatchSender> = {
    push: oneByOne(pushSender(settings), PUSH_REQUESTS),
    email: emailSender(config, log, settings.emailMaxRecipients),
    sms: smsSender(settings),
  };
  for (const [channel, sender] of Object.entries(options.senders ?? {}))
    if (sender) senders[channel as SendPayload['channel']] = oneByOne(sender, 8);
  const parallel = options.parallel ?? CHUNK;

  const fanout: JobHandler = async ({ db, log: jobLog }, payload) => {
    const messageId = (payload as { messageId?: unknown })?.messageId; // boundary: job payload
    if (typeof messageId !== 'string') throw new Error('notify.fanout: payload has no messageId');
    const message = await findMessage(db, messageId);
    if (message?.state !== 'fanning_out') return;
    await fanOut(db, message, jobLog);
  };

  /** Fails a delivery for good and, in the same transaction, queues the next channel the person has. */
  async function failOver(db: Db, delivery: SendableDelivery, error: string): Promise<void> {
    await db.transaction().execute(async (trx) => {
      if (!(await markFailed(trx, delivery.id, error))) return;
      // Boundary: JSON this module wrote.
      let rest = JSON.parse(delivery.fallbacks) as (Fallback | OutwardChannel)[];
      let next: Fallback | null = null;
      while (!next && rest.length > 0) {
        const [entry, ...others] = rest;
        rest = others;
        if (entry) next = await resolveFallback(trx, delivery.personId, entry);
      }
      if (!next) return;
      const now = isoNow();
      const inserted = await insertDeliveries(trx, [
        {
          id: newId(),
          messageId: delivery.messageId,
          personId: delivery.personId,
          userId: delivery.userId,
          channel: next.channel,
          address: next.address,
          locale: delivery.locale,
          batch: delivery.batch,
          status: 'queued',
          attempts: 0,
          nextAttemptAt: now,
          fallbacks: JSON.stringify(rest),
          queuedAt: now,
        },
      ]);
      if (inserted.length > 0)
        await insertJobs(trx, [
          sendJob({ messageId: delivery.messageId, channel: next.channel, batch: delivery.batch }, false),
        ]);
    });
  }

  /**
   * Records a delivery that did not go out: its retry with backoff, or its failure and the next channel.
   * `delivery.attempts` counts the attempts before this one.
   */
  async function notSent(db: Db, delivery: SendableDelivery, error: Error): Promise<void> {
    const attempts = delivery.attempts + 1;
    if (error instanceof PermanentDeliveryError || attempts >= settings.maxAttempts)
      await failOver(db, delivery, error.message);
    else {
      const delay = settings.retryBaseMs * 2 ** (attempts - 1) * (0.75 + Math.random() * 0.5);
      await markRetry(db, delivery.id, error.message, isoAt(Math.round(delay)));
    }
  }

  /**
   * Hands a chunk to its channel (which sends what it can in one exchange), marks what went out sent in one
   * statement, and records each failure. Nothing is started after half the lease, so no other worker takes the
   * batch over while a delivery is still being sent; what was not started stays queued, its attempt not counted.
   */
  async function sendChunk(
    db: Db,
    message: MessageRow,
    content: NotificationContent,
    mine: SendableDelivery[],
    leasedAt: Date,
  ): Promise<void> {
    const failures: [SendableDelivery, Error][] = [];
    const items: Outgoing[] = [];
    for (const delivery of mine) {
      try {
        items.push({ delivery, message: render(message, content, delivery, config.publicUrl) });
      } catch (error) {
        failures.push([delivery, error instanceof Error ? error : new Error(String(error))]);
      }
    }
    const channel = mine[0]?.channel as SendPayload['channel'];
    const outcomes = await senders[channel](db, items, leasedAt.getTime() + settings.sendLeaseMs / 2);
    const sent: string[] = [];
    items.forEach((o, i) => {
      const outcome = outcomes[i] ?? null;
      if (outcome === null) sent.push(o.delivery.id);
      else if (outcome !== NOT_ATTEMPTED) failures.push([o.delivery, outcome]);
    });
    const sentAt = new Date();
    // A commit that does not wait for the disk (decision 0030): lost in a power cut, these are sent again.
    if (sent.length > 0)
      await dialectOf(db).relaxedStatements(db, (trx) =>
        markSentMany(trx, sent, sentAt.toISOString(), sentAt.getTime() - Date.parse(message.publishedAt)),
      );
    for (const [delivery, error] of failures) await notSent(db, delivery, error);
  }

  /**
   * Sends the due deliveries of one batch on one channel. The job first leases the batch (decision 0031): one
   * worker at a time sends a batch, reading its due deliveries chunk by chunk and marking each chunk sent after;
   * at-least-once toward the outside world, with the delivery id as the idempotency marker each channel carries
   * (decision 0022). A batch another worker holds is tried again when its lease ends; deliveries left waiting for a
   * retry get a follow-up job.
   */
  const send: JobHandler = async ({ db, job }, payload) => {
    const p = payload as SendPayload; // boundary: job payload written by this module
    const message = await findMessage(db, p.messageId);
    if (!message) return;
    const workerId = job.lockedBy ?? newId();
    const content = JSON.parse(message.content) as NotificationContent; // boundary: JSON this module wrote
    const ops = dialectOf(db);
    // Lease bookkeeping commits without waiting for the disk (decision 0030): a lease lost in a power cut lets
    // another worker send the batch again, as after any crash.
    const first = new Date();
    const lease = await ops.relaxedStatements(db, (trx) =>
      takeSendLease(trx, p, { workerId, now: first.toISOString(), until: isoAt(settings.sendLeaseMs, first) }),
    );
    if (!lease.taken) {
      const retryAt = Math.max(Date.parse(lease.heldUntil) + 1, Date.now());
      await insertJobs(db, [sendJob(p, `after:${lease.heldUntil}`, new Date(retryAt))]);
      return;
    }
    try {
      for (let leasedAt = first; ; leasedAt = new Date()) {
        if (leasedAt !== first) {
          const until = isoAt(settings.sendLeaseMs, leasedAt);
          if (!(await ops.relaxedStatements(db, (trx) => renewSendLease(trx, p, workerId, until)))) return;
        }
        const chunk = await listDueDeliveries(db, p, leasedAt.toISOString(), parallel);
        if (chunk.length > 0) await sendChunk(db, message, content, chunk, leasedAt);
        if (chunk.length < parallel) break;
      }
    } finally {
      await ops.relaxedStatements(db, (trx) => releaseSendLease(trx, p, workerId));
    }
    const next = await nextPendingAttempt(db, p);
    if (next) await insertJobs(db, [sendJob(p, false, new Date(Math.max(Date.parse(next), Date.now())))]);
  };

  return { [NOTIFY_FANOUT]: fanout, [NOTIFY_SEND]: send, ...arrivalHandlers(config) } satisfies Record<
    string,
    JobHandler
  >;
}
