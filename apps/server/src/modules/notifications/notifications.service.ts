import { isoNow, newId } from '../../clock.ts';
import type { Db } from '../../db/schema.ts';
import { ProblemError } from '../../http/problem.ts';
import { insertJobs } from '../../jobs/jobs.repo.ts';
import { validateArea, validateAt } from '../targeting/targeting.validate.ts';
import { findMessageBySource, insertMessage, listWaitingMessages, startWaitingMessages } from './notifications.repo.ts';

export const NOTIFY_FANOUT = 'notify.fanout';
export const NOTIFY_SEND = 'notify.send';

export interface LocalizedContent {
  title: string;
  body: string;
  /** Where a tap leads (a path in the citizen app or an absolute https URL). */
  url?: string;
}

/** What a message says, per language; at least one language. */
export type NotificationContent = { en?: LocalizedContent; 'zh-CN'?: LocalizedContent };

export interface NotificationSource {
  /** What published it: `alert`, `checkin_reminder`, `arrival` … */
  kind: string;
  id: string;
}

/**
 * Who a message reaches: the targeting engine's area at a moment, named persons, or a recipient list another module
 * fixed in its own table (an alert's recipients, registered with `registerRecipientList`).
 */
export type NotificationTarget =
  | { kind: 'area'; area: unknown; at: string; checkin: boolean }
  | { kind: 'persons'; personIds: string[] }
  | { kind: 'list'; list: string; id: string; checkin: boolean };

/** A 400 `validation_failed`: content without a language, a person list that is empty. */
export class NotificationInputError extends ProblemError {
  constructor(detail: string) {
    super(400, 'validation_failed', detail, [{ field: '/content', message: detail }]);
  }
}

function checkContent(content: NotificationContent): void {
  const languages = (['en', 'zh-CN'] as const).filter((l) => content[l] !== undefined);
  if (languages.length === 0) throw new NotificationInputError('a notification needs content in at least one language');
  for (const l of languages) {
    const c = content[l];
    if (!c || typeof c.title !== 'string' || c.title.trim() === '' || typeof c.body !== 'string')
      throw new NotificationInputError(`the ${l} content needs a title and a body`);
  }
}

async function enqueue(
  db: Db,
  source: NotificationSource,
  content: NotificationContent,
  target: NotificationTarget,
  ready = true,
): Promise<{ messageId: string }> {
  checkContent(content);
  // One message per source: publishing the same source again (a retried request) returns the first.
  const existing = await findMessageBySource(db, source);
  if (existing) return { messageId: existing.id };
  const messageId = newId();
  await insertMessage(db, {
    id: messageId,
    sourceKind: source.kind,
    sourceId: source.id,
    content: JSON.stringify(content),
    target: JSON.stringify(target),
    checkin: target.kind !== 'persons' && target.checkin ? 1 : 0,
    state: ready ? 'fanning_out' : 'waiting',
    fannedBatches: 0,
    recipients: 0,
    publishedAt: isoNow(),
    fannedOutAt: null,
  });
  if (ready) await insertJobs(db, [fanoutJob(messageId)]);
  return { messageId };
}

const fanoutJob = (messageId: string) => ({
  kind: NOTIFY_FANOUT,
  payload: { messageId },
  dedupeKey: `notify.fanout:${messageId}`,
  priority: 50,
});

/**
 * Publishes a message to everyone the targeting engine finds in `area` at `at` (outbox): inserts the message
 * and one fan-out job in the caller's transaction and returns at once; the worker fans it out to deliveries.
 * The same source published twice yields the first message. Throws AreaError for a bad area or time and
 * NotificationInputError for content without a language, before writing anything.
 */
export async function enqueueAreaNotification(
  db: Db,
  input: {
    source: NotificationSource;
    area: unknown;
    at: string | Date;
    content: NotificationContent;
    checkin?: boolean;
  },
): Promise<{ messageId: string }> {
  const area = validateArea(input.area);
  const at = validateAt(input.at).toISOString();
  return enqueue(db, input.source, input.content, { kind: 'area', area, at, checkin: input.checkin === true });
}

/** Publishes a message to the named registered persons (outbox, as `enqueueAreaNotification`). */
export async function enqueuePersonNotification(
  db: Db,
  input: { source: NotificationSource; personIds: string[]; content: NotificationContent },
): Promise<{ messageId: string }> {
  const personIds = [...new Set(input.personIds)];
  if (personIds.length === 0) throw new NotificationInputError('a notification needs at least one person');
  return enqueue(db, input.source, input.content, { kind: 'persons', personIds });
}

/**
 * A recipient list kept by another module: the rows of `table` whose `column` is the list's id, each with
 * `person_id` and `dependent_of` (the registered person who answers for a dependent), unique per person.
 */
export interface RecipientList {
  table: string;
  column: string;
}
const recipientLists = new Map<string, RecipientList>();

/** Registers a recipient list by name (once, at module load): messages can then target its rows by id. */
export function registerRecipientList(name: string, list: RecipientList): void {
  recipientLists.set(name, list);
}

export function recipientListOf(name: string): RecipientList {
  const list = recipientLists.get(name);
  if (!list) throw new Error(`no recipient list is registered as ${name}`);
  return list;
}

/**
 * Publishes a message to the rows of a registered recipient list (outbox, as `enqueueAreaNotification`). When the
 * list is still being filled (`ready: false`), the message waits: `releaseListNotifications` starts its fan-out
 * once the list is complete, so nobody on it is missed. The fan-out is set-wise (`notifications.fanout-list.ts`).
 */
export async function enqueueListNotification(
  db: Db,
  input: {
    source: NotificationSource;
    list: { name: string; id: string };
    content: NotificationContent;
    checkin?: boolean;
    ready: boolean;
  },
): Promise<{ messageId: string }> {
  recipientListOf(input.list.name);
  const target: NotificationTarget = {
    kind: 'list',
    list: input.list.name,
    id: input.list.id,
    checkin: input.checkin === true,
  };
  return enqueue(db, input.source, input.content, target, input.ready);
}

/**
 * Starts the fan-out of every message waiting for this list (in the caller's transaction, the one that marks the
 * list complete). Returns how many were started.
 */
export async function releaseListNotifications(db: Db, list: { name: string; id: string }): Promise<number> {
  const waiting = await listWaitingMessages(db);
  const mine = waiting.filter((m) => {
    const target = JSON.parse(m.target) as NotificationTarget; // boundary: JSON this module wrote
    return target.kind === 'list' && target.list === list.name && target.id === list.id;
  });
  if (mine.length === 0) return 0;
  await startWaitingMessages(
    db,
    mine.map((m) => m.id),
  );
  await insertJobs(
    db,
    mine.map((m) => fanoutJob(m.id)),
  );
  return mine.length;
}

export type ActionLinks = (sourceId: string, personId: string) => Record<string, string>;
const actionLinks = new Map<string, ActionLinks>();

/**
 * Registers, for a source kind, the one-tap links every delivery of its check-in messages carries (e.g. the
 * check-ins module's signed Safe / Need help links). Called once at module load.
 */
export function registerActionLinks(kind: string, fn: ActionLinks): void {
  actionLinks.set(kind, fn);
}

/** The action links of one delivery, or none when its source kind registered none. */
export function actionLinksFor(kind: string, sourceId: string, personId: string): Record<string, string> {
  return actionLinks.get(kind)?.(sourceId, personId) ?? {};
}
