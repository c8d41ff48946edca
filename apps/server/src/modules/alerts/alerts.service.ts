import {
  type Alert,
  type AlertArea,
  type AlertDraftBody,
  type AlertListQuery,
  type AlertPage,
  type AlertReasonBody,
  type AlertSubmitBody,
  type AlertTexts,
  type AlertUpdateBody,
  type Locale,
  type ProblemCode,
  problemTitle,
} from '@homeward/shared';
import type { Kysely } from 'kysely';
import { isoNow, newId } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Database, Db } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { ProblemError } from '../../http/problem.ts';
import { insertJobs } from '../../jobs/jobs.repo.ts';
import type { Actor } from '../../policy/actor.ts';
import { canApproveAlert, canReadAlerts, canWriteAlerts } from '../../policy/alerts.policy.ts';
import { type AuditSource, appendAudit } from '../audit/audit.service.ts';
import { enqueueListNotification, type NotificationContent } from '../notifications/notifications.service.ts';
import { fieldProblem } from '../registry/registry.fields.ts';
import { countRecipients } from '../targeting/targeting.service.ts';
import { AreaError, type AreaProblem, validateArea } from '../targeting/targeting.validate.ts';
import { alertToCap, type CapContext, capSenderOf, capTime, textsOf } from './alerts.cap.ts';
import { toAlertDtos } from './alerts.presenter.ts';
import { ALERT_LIST, ALERT_RECIPIENTS_JOB } from './alerts.recipients.ts';
import {
  type AlertRow,
  findAlert,
  insertAlert,
  insertAlertMessage,
  linkSignalToAlert,
  listAlertMessages,
  listAlerts,
  replaceAlertCountries,
  updateAlertIn,
} from './alerts.repo.ts';

/** The stable problem code of each way an area can be wrong (the same as POST /targeting/count answers). */
const AREA_CODE: Record<AreaProblem, ProblemCode> = {
  invalid_shape: 'area_invalid',
  empty_area: 'area_empty',
  unknown_country: 'country_unknown',
  unknown_region: 'region_unknown',
  coordinate_out_of_range: 'coordinate_out_of_range',
  radius_out_of_range: 'radius_out_of_range',
  ring_not_closed: 'polygon_unclosed',
  ring_too_short: 'polygon_ring_too_short',
  self_intersection: 'polygon_self_intersecting',
  invalid_time: 'dates_invalid',
};

export function capContextOf(config: Pick<Config, 'publicUrl' | 'state'>): CapContext {
  return {
    sender: capSenderOf(config.publicUrl),
    publicUrl: config.publicUrl,
    hotline: config.state.hotline.display,
    ministry: config.state.ministry,
  };
}

/** The area checked by the targeting engine; a bad part answers its own code, pointing under /area. */
export function checkArea(area: unknown, locale: Locale): AlertArea {
  try {
    return validateArea(area) as AlertArea;
  } catch (error) {
    if (!(error instanceof AreaError)) throw error;
    const code = AREA_CODE[error.problem];
    const field = `/area${error.field === '/' ? '' : error.field}`;
    throw new ProblemError(400, code, error.message, [{ field, message: problemTitle(code, locale) }]);
  }
}

/** Trims the texts and keeps the languages with a headline and a description; at least one must remain. */
export function checkTexts(texts: AlertTexts, locale: Locale): AlertTexts {
  const out: AlertTexts = {};
  for (const language of ['en', 'zh-CN'] as const) {
    const text = texts[language];
    if (!text) continue;
    const headline = text.headline.trim();
    const description = text.description.trim();
    if (!headline && !description) continue;
    if (!headline)
      throw fieldProblem(422, 'validation_failed', `/texts/${language}/headline`, locale, 'blank', 'required');
    if (!description)
      throw fieldProblem(422, 'validation_failed', `/texts/${language}/description`, locale, 'blank', 'required');
    out[language] = { headline, description, instruction: (text.instruction ?? '').trim() };
  }
  if (!out.en && !out['zh-CN'])
    throw fieldProblem(422, 'alert_language_required', '/texts', locale, 'no language has a headline and text');
  return out;
}

function checkDates(effective: string | null | undefined, expires: string | null | undefined, locale: Locale) {
  const from = effective ? new Date(effective) : null;
  const until = expires ? new Date(expires) : null;
  if (until && until.getTime() <= Date.now())
    throw fieldProblem(422, 'dates_invalid', '/expires', locale, 'expires must be in the future', 'range');
  if (from && until && until.getTime() <= from.getTime())
    throw fieldProblem(422, 'dates_invalid', '/expires', locale, 'expires must be after effective', 'range');
  return { effective: from?.toISOString() ?? null, expires: until?.toISOString() ?? null };
}

/** The countries whose feed lists the alert: its own, those named, and the countries of the regions named. */
export function feedCountriesOf(country: string, area: AlertArea): string[] {
  return [...new Set([country, ...(area.countries ?? []), ...(area.regions ?? []).map((r) => r.slice(0, 2))])].sort();
}

function searchTextOf(texts: AlertTexts, country: string): string {
  return [country, texts.en?.headline ?? '', texts['zh-CN']?.headline ?? ''].join(' ').toLowerCase();
}

function draftColumns(body: AlertDraftBody, config: Pick<Config, 'state'>, locale: Locale) {
  const texts = checkTexts(body.texts, locale);
  const area = checkArea(body.area, locale);
  const { effective, expires } = checkDates(body.effective, body.expires, locale);
  return {
    country: body.country,
    texts: JSON.stringify(texts),
    searchText: searchTextOf(texts, body.country),
    category: body.category,
    urgency: body.urgency,
    severity: body.severity,
    certainty: body.certainty,
    effective,
    expires,
    senderName: body.senderName?.trim() || `${config.state.ministry['zh-CN']} ${config.state.ministry.en}`,
    area: JSON.stringify(area),
    checkin: body.checkin ? 1 : 0,
  };
}

async function present(db: Db, row: AlertRow): Promise<Alert> {
  const [dto] = await toAlertDtos(db, [row]);
  if (!dto) throw new Error(`alert ${row.id} could not be presented`);
  return dto;
}

async function load(db: Db, id: string): Promise<AlertRow> {
  const row = await findAlert(db, id);
  if (!row) throw new ProblemError(404, 'not_found');
  return row;
}

function stateProblem(row: AlertRow, wanted: string): ProblemError {
  return new ProblemError(409, 'alert_state', `the alert is ${row.status}; this needs it ${wanted}`);
}

/** A new draft from the composer (or from an incoming signal). */
export async function createAlertDraft(
  db: Kysely<Database>,
  config: Pick<Config, 'state'>,
  actor: Actor,
  body: AlertDraftBody,
  source: AuditSource,
  locale: Locale,
): Promise<Alert> {
  if (!canWriteAlerts(actor)) throw new ProblemError(403, 'forbidden');
  const columns = draftColumns(body, config, locale);
  const at = isoNow();
  const id = newId();
  return inTransaction(db, async (trx) => {
    await insertAlert(trx, {
      id,
      status: 'draft',
      ...columns,
      signalId: body.signalId ?? null,
      createdBy: actor.id,
      createdAt: at,
      updatedAt: at,
      submittedBy: null,
      submittedAt: null,
      reachAtSubmit: null,
      emptyAreaConfirmed: 0,
      approvedBy: null,
      publishedAt: null,
      cancelledAt: null,
      cancelReason: null,
      recipients: 0,
    });
    if (body.signalId) await linkSignalToAlert(trx, body.signalId, id);
    await appendAudit(trx, source, { action: 'alert.draft', record: { type: 'alert', id } });
    return present(trx, await load(trx, id));
  });
}

/** Replaces a draft's content; only drafts change (a pending alert goes back to draft first). */
export async function editAlertDraft(
  db: Kysely<Database>,
  config: Pick<Config, 'state'>,
  actor: Actor,
  id: string,
  body: AlertDraftBody,
  locale: Locale,
): Promise<Alert> {
  if (!canWriteAlerts(actor)) throw new ProblemError(403, 'forbidden');
  const row = await load(db, id);
  if (row.status !== 'draft') throw stateProblem(row, 'a draft');
  const { signalId: _signal, ...rest } = body;
  const changed = await updateAlertIn(db, id, 'draft', { ...draftColumns(rest, config, locale), updatedAt: isoNow() });
  if (!changed) throw new ProblemError(409, 'conflict', 'the alert changed in the meantime');
  return present(db, await load(db, id));
}

/**
 * Sends a draft for review. The area is counted now: an area that reaches nobody is refused with 409
 * `alert_reaches_nobody` unless the composer confirmed it (an alert may go out before people register).
 */
export async function submitAlert(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  body: AlertSubmitBody,
  source: AuditSource,
): Promise<Alert> {
  if (!canWriteAlerts(actor)) throw new ProblemError(403, 'forbidden');
  const row = await load(db, id);
  if (row.status !== 'draft') throw stateProblem(row, 'a draft');
  const reach = await countRecipients(db, JSON.parse(row.area), new Date());
  if (reach === 0 && body.confirmEmptyArea !== true)
    throw new ProblemError(409, 'alert_reaches_nobody', 'the area reaches nobody now', undefined, undefined, {
      reach: 0,
    });
  return inTransaction(db, async (trx) => {
    const at = isoNow();
    const changed = await updateAlertIn(trx, id, 'draft', {
      status: 'pending',
      submittedBy: actor.id,
      submittedAt: at,
      reachAtSubmit: reach,
      emptyAreaConfirmed: reach === 0 ? 1 : 0,
      updatedAt: at,
    });
    if (!changed) throw new ProblemError(409, 'conflict', 'the alert changed in the meantime');
    await appendAudit(trx, source, { action: 'alert.submit', record: { type: 'alert', id }, details: { reach } });
    return present(trx, await load(trx, id));
  });
}

/** A reviewer sends a pending alert back to its author with a reason. */
export async function returnAlert(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  body: AlertReasonBody,
  source: AuditSource,
): Promise<Alert> {
  if (!canWriteAlerts(actor)) throw new ProblemError(403, 'forbidden');
  const row = await load(db, id);
  if (row.status !== 'pending') throw stateProblem(row, 'pending review');
  return inTransaction(db, async (trx) => {
    const changed = await updateAlertIn(trx, id, 'pending', {
      status: 'draft',
      submittedBy: null,
      submittedAt: null,
      updatedAt: isoNow(),
    });
    if (!changed) throw new ProblemError(409, 'conflict', 'the alert changed in the meantime');
    await appendAudit(trx, source, {
      action: 'alert.return',
      record: { type: 'alert', id },
      details: { reason: body.reason.trim() },
    });
    return present(trx, await load(trx, id));
  });
}

/** What the inbox, push, e-mail and SMS say: the headline, the first lines, and the alert's page in the app. */
export function notificationContentOf(row: AlertRow, prefix?: LocalizedPrefix): NotificationContent {
  const texts = textsOf(row);
  const content: NotificationContent = {};
  for (const language of ['en', 'zh-CN'] as const) {
    const text = texts[language];
    if (!text) continue;
    const lead = prefix ? `${prefix[language]}` : '';
    content[language] = {
      title: `${lead}${text.headline}`,
      body: [text.description, text.instruction].filter(Boolean).join('\n\n'),
      url: `/alerts/${row.id}`,
    };
  }
  return content;
}

type LocalizedPrefix = Record<'en' | 'zh-CN', string>;
const UPDATE_PREFIX: LocalizedPrefix = { en: 'Update: ', 'zh-CN': '更新：' };
const CANCEL_PREFIX: LocalizedPrefix = { en: 'Cancelled: ', 'zh-CN': '已撤销：' };

async function addMessage(
  trx: Db,
  row: AlertRow,
  actor: Actor,
  ctx: CapContext,
  msgType: 'Alert' | 'Update' | 'Cancel',
  note?: string,
): Promise<string> {
  const previous = await listAlertMessages(trx, [row.id]);
  const references = previous.map((m) => ({ sender: ctx.sender, identifier: m.id, sent: m.sent }));
  const id = newId();
  const now = isoNow();
  const sent = capTime(now);
  const cap = alertToCap(row, { id, msgType, sent, ...(note ? { note } : {}) }, references, ctx);
  await insertAlertMessage(trx, {
    id,
    alertId: row.id,
    seq: previous.length + 1,
    msgType,
    sent,
    cap: JSON.stringify(cap),
    sentBy: actor.id,
    createdAt: now,
  });
  return id;
}

/**
 * The second person approves: in one short transaction the alert is published, its first CAP message and feed
 * countries written, its notification enqueued waiting for its recipient list (outbox), and one durable
 * `alert.recipients` job that fixes the people in the area at this moment as its recipients (the check-in tally
 * counts against them) and then starts the fan-out (decision 0025). Nothing acknowledged is lost: the job row
 * commits with the approval.
 * @throws ProblemError 403 alert_four_eyes when the approver wrote or submitted it; 409 when not pending
 */
export async function approveAlert(
  db: Kysely<Database>,
  config: Pick<Config, 'publicUrl' | 'state'>,
  actor: Actor,
  id: string,
  source: AuditSource,
): Promise<Alert> {
  if (!canWriteAlerts(actor)) throw new ProblemError(403, 'forbidden');
  const row = await load(db, id);
  if (row.status !== 'pending') throw stateProblem(row, 'pending review');
  if (!canApproveAlert(actor, row)) throw new ProblemError(403, 'alert_four_eyes', 'a second person must approve');
  const ctx = capContextOf(config);
  return inTransaction(db, async (trx) => {
    const at = isoNow();
    const changed = await updateAlertIn(trx, id, 'pending', {
      status: 'published',
      approvedBy: actor.id,
      publishedAt: at,
      updatedAt: at,
      recipients: 0,
      recipientsState: 'preparing',
    });
    if (!changed) throw new ProblemError(409, 'conflict', 'another reviewer acted on this alert at the same moment');
    const published = await load(trx, id);
    await addMessage(trx, published, actor, ctx, 'Alert');
    const area = JSON.parse(published.area) as AlertArea;
    await replaceAlertCountries(trx, id, feedCountriesOf(published.country, area));
    await enqueueListNotification(trx, {
      source: { kind: 'alert', id },
      list: { name: ALERT_LIST, id },
      content: notificationContentOf(published),
      checkin: published.checkin === 1,
      ready: false,
    });
    await insertJobs(trx, [
      {
        kind: ALERT_RECIPIENTS_JOB,
        payload: { alertId: id },
        dedupeKey: `${ALERT_RECIPIENTS_JOB}:${id}`,
        priority: 40,
      },
    ]);
    await appendAudit(trx, source, {
      action: 'alert.publish',
      record: { type: 'alert', id },
      details: {
        reachAtSubmit: published.reachAtSubmit,
        author: published.createdBy,
        submittedBy: published.submittedBy,
      },
    });
    return present(trx, published);
  });
}

/**
 * Updates a published alert: new texts and CAP fields, a CAP Update referencing every earlier message, and a
 * notification to the same recipients (the area does not change; a different area is a new alert).
 */
export async function updatePublishedAlert(
  db: Kysely<Database>,
  config: Pick<Config, 'publicUrl' | 'state'>,
  actor: Actor,
  id: string,
  body: AlertUpdateBody,
  source: AuditSource,
  locale: Locale,
): Promise<Alert> {
  if (!canWriteAlerts(actor)) throw new ProblemError(403, 'forbidden');
  const row = await load(db, id);
  if (row.status !== 'published') throw stateProblem(row, 'published');
  const texts = checkTexts(body.texts, locale);
  const { expires } = checkDates(row.effective, body.expires, locale);
  const ctx = capContextOf(config);
  return inTransaction(db, async (trx) => {
    const changed = await updateAlertIn(trx, id, 'published', {
      texts: JSON.stringify(texts),
      searchText: searchTextOf(texts, row.country),
      urgency: body.urgency,
      severity: body.severity,
      certainty: body.certainty,
      expires,
      updatedAt: isoNow(),
    });
    if (!changed) throw new ProblemError(409, 'conflict', 'the alert changed in the meantime');
    const updated = await load(trx, id);
    const messageId = await addMessage(trx, updated, actor, ctx, 'Update');
    await notifyRecipients(trx, updated, messageId, UPDATE_PREFIX);
    await appendAudit(trx, source, { action: 'alert.update', record: { type: 'alert', id }, details: { messageId } });
    return present(trx, updated);
  });
}

/** Cancels a published alert (with a reason for the audit log): a CAP Cancel, and a notice to its recipients. */
export async function cancelAlert(
  db: Kysely<Database>,
  config: Pick<Config, 'publicUrl' | 'state'>,
  actor: Actor,
  id: string,
  body: AlertReasonBody,
  source: AuditSource,
): Promise<Alert> {
  if (!canWriteAlerts(actor)) throw new ProblemError(403, 'forbidden');
  const row = await load(db, id);
  if (row.status === 'draft' || row.status === 'pending') {
    // Never sent: cancelling a draft or a pending alert only closes it; no CAP message exists to withdraw.
    return inTransaction(db, async (trx) => {
      const changed = await updateAlertIn(trx, id, row.status, {
        status: 'cancelled',
        cancelledAt: isoNow(),
        cancelReason: body.reason.trim(),
        updatedAt: isoNow(),
      });
      if (!changed) throw new ProblemError(409, 'conflict', 'the alert changed in the meantime');
      await appendAudit(trx, source, {
        action: 'alert.discard',
        record: { type: 'alert', id },
        details: { reason: body.reason.trim() },
      });
      return present(trx, await load(trx, id));
    });
  }
  if (row.status !== 'published') throw stateProblem(row, 'published');
  const ctx = capContextOf(config);
  return inTransaction(db, async (trx) => {
    const at = isoNow();
    const changed = await updateAlertIn(trx, id, 'published', {
      status: 'cancelled',
      cancelledAt: at,
      cancelReason: body.reason.trim(),
      updatedAt: at,
    });
    if (!changed) throw new ProblemError(409, 'conflict', 'the alert changed in the meantime');
    const cancelled = await load(trx, id);
    const messageId = await addMessage(trx, cancelled, actor, ctx, 'Cancel', body.reason.trim());
    await notifyRecipients(trx, cancelled, messageId, CANCEL_PREFIX);
    await appendAudit(trx, source, {
      action: 'alert.cancel',
      record: { type: 'alert', id },
      details: { reason: body.reason.trim(), messageId },
    });
    return present(trx, cancelled);
  });
}

/**
 * An Update or Cancel reaches the people the alert reached (its own source, so it is not deduplicated away). The
 * alert row is locked by the caller's update: while its recipients are still being fixed the message waits, and
 * the recipients job starts it with the alert's first message.
 */
async function notifyRecipients(trx: Db, row: AlertRow, messageId: string, prefix: LocalizedPrefix): Promise<void> {
  await enqueueListNotification(trx, {
    source: { kind: 'alert_message', id: messageId },
    list: { name: ALERT_LIST, id: row.id },
    content: notificationContentOf(row, prefix),
    ready: row.recipientsState === 'ready',
  });
}

export async function viewAlert(db: Db, actor: Actor, id: string): Promise<Alert> {
  if (!canReadAlerts(actor)) throw new ProblemError(403, 'forbidden');
  return present(db, await load(db, id));
}

export async function searchAlerts(db: Db, actor: Actor, query: AlertListQuery): Promise<AlertPage> {
  if (!canReadAlerts(actor)) throw new ProblemError(403, 'forbidden');
  const { rows, total } = await listAlerts(
    db,
    { ...(query.q ? { q: query.q } : {}), ...(query.status ? { status: query.status } : {}) },
    query.page,
    query.pageSize,
  );
  return { items: await toAlertDtos(db, rows), total, page: query.page, pageSize: query.pageSize };
}

/** How many people the alert's area reaches now: the composer's and the reviewer's live count. */
export async function countAlertReach(db: Db, actor: Actor, id: string): Promise<{ total: number; at: string }> {
  if (!canReadAlerts(actor)) throw new ProblemError(403, 'forbidden');
  const row = await load(db, id);
  const at = new Date();
  return { total: await countRecipients(db, JSON.parse(row.area), at), at: at.toISOString() };
}
