import { isoNow, newId } from '../../clock.ts';
import type { Db } from '../../db/schema.ts';
import { ProblemError } from '../../http/problem.ts';
import { insertJobs } from '../../jobs/jobs.repo.ts';
import { validateArea, validateAt } from '../targeting/targeting.validate.ts';
import { findMessageBySource, insertMessage } from './notifications.repo.ts';

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

/** Who a message reaches: the targeting engine's area at a moment, or named persons. */
export type NotificationTarget =
  | { kind: 'area'; area: unknown; at: string; checkin: boolean }
  | { kind: 'persons'; personIds: string[] };

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
    checkin: target.kind === 'area' && target.checkin ? 1 : 0,
    state: 'fanning_out',
    fannedBatches: 0,
    recipients: 0,
    publishedAt: isoNow(),
    fannedOutAt: null,
  });
  await insertJobs(db, [
    { kind: NOTIFY_FANOUT, payload: { messageId }, dedupeKey: `notify.fanout:${messageId}`, priority: 50 },
  ]);
  return { messageId };
}

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
