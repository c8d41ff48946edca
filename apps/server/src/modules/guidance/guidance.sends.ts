import type {
  GuidanceArea,
  GuidancePreview,
  GuidanceSend,
  GuidanceSendInput,
  GuidanceSendList,
  Locale,
} from '@homeward/shared';
import { isoNow, newId } from '../../clock.ts';
import type { Db } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { ProblemError } from '../../http/problem.ts';
import type { Actor } from '../../policy/actor.ts';
import { canSendGuidance } from '../../policy/guidance.policy.ts';
import { type AuditSource, appendAudit } from '../audit/audit.service.ts';
import { enqueuePersonNotification, type NotificationContent } from '../notifications/notifications.service.ts';
import { fieldProblem } from '../registry/registry.fields.ts';
import { targetRecipients } from '../targeting/targeting.service.ts';
import { toSendDto } from './guidance.presenter.ts';
import {
  findGuidanceArticle,
  findGuidanceSend,
  type GuidanceArticleRow,
  insertGuidanceSend,
  listGuidanceSends,
  staffAmong,
} from './guidance.repo.ts';

/** The notification's source kind; its id is the send's id, so a retried send never notifies twice. */
export const GUIDANCE_SOURCE_KIND = 'guidance';

function targetingArea(area: GuidanceArea): { countries: string[]; regions: string[] } {
  return { countries: area.countries, regions: area.regions ?? [] };
}

/**
 * The staff of business sites in the area today, each once: the targeting engine's `site_staff` recipients — the
 * guidance is for businesses, not for every national present or subscribed. The engine names each person once, by
 * the first reason found, so a staff member who is also registered as present in the area comes as `present`;
 * those are checked against the staff lists of the area's sites and kept.
 */
async function siteStaffIn(db: Db, area: GuidanceArea, at: Date): Promise<string[]> {
  const places = targetingArea(area);
  const ids = new Set<string>();
  for await (const batch of targetRecipients(db, places, { at, batchSize: 5000 })) {
    const present: string[] = [];
    for (const r of batch) {
      if (r.reason === 'site_staff') ids.add(r.personId);
      else if (r.reason === 'present' && r.dependentOf === undefined) present.push(r.personId);
    }
    for (const id of await staffAmong(db, present, places)) ids.add(id);
  }
  return [...ids];
}

function checkArea(area: GuidanceArea, locale: Locale): void {
  if (area.countries.length === 0 && (area.regions ?? []).length === 0)
    throw fieldProblem(400, 'area_empty', '/body/area/countries', locale, 'choose at least one country or region');
}

/** How many site staff a send to the area would reach now: the console's count before confirming. */
export async function previewGuidanceSend(
  db: Db,
  actor: Actor,
  area: GuidanceArea,
  locale: Locale,
  now: Date = new Date(),
): Promise<GuidancePreview> {
  if (!canSendGuidance(actor)) throw new ProblemError(403, 'forbidden');
  checkArea(area, locale);
  return { siteStaff: (await siteStaffIn(db, area, now)).length };
}

/** The first paragraph of Markdown as plain text, for a push or e-mail body that links to the article. */
export function excerptOf(markdown: string, max = 200): string {
  const paragraph =
    markdown
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .find((p) => p !== '' && !p.startsWith('#')) ?? '';
  const plain = paragraph
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^[-*+]\s+|^\d+\.\s+|^>\s*/gm, '')
    .replace(/[*_`~]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
}

function contentOf(article: GuidanceArticleRow): NotificationContent {
  const url = `/guidance/${article.slug}`;
  const content: NotificationContent = {};
  if (article.titleZh) content['zh-CN'] = { title: article.titleZh, body: excerptOf(article.bodyZh), url };
  if (article.titleEn) content.en = { title: article.titleEn, body: excerptOf(article.bodyEn), url };
  return content;
}

/**
 * Sends a published article to the staff of business sites in the area: the send record, the notification
 * (the notifications module's delivery: inbox, push, e-mail, SMS in each person's language) and the audit entry in one transaction
 * (outbox). Refuses a draft, and an area with no site staff.
 */
export async function sendGuidance(
  db: Db,
  actor: Actor,
  input: GuidanceSendInput,
  source: AuditSource,
  locale: Locale,
  now: Date = new Date(),
): Promise<GuidanceSend> {
  if (!canSendGuidance(actor)) throw new ProblemError(403, 'forbidden');
  checkArea(input.area, locale);
  const article = await findGuidanceArticle(db, input.articleId);
  if (!article) throw fieldProblem(404, 'not_found', '/body/articleId', locale, `no article ${input.articleId}`);
  if (article.status !== 'published')
    throw fieldProblem(422, 'guidance_not_published', '/body/articleId', locale, 'the article is a draft');
  const personIds = await siteStaffIn(db, input.area, now);
  if (personIds.length === 0)
    throw fieldProblem(422, 'guidance_reaches_nobody', '/body/area', locale, 'no site staff in the area');
  const id = newId();
  await inTransaction(db, async (trx) => {
    const { messageId } = await enqueuePersonNotification(trx, {
      source: { kind: GUIDANCE_SOURCE_KIND, id },
      personIds,
      content: contentOf(article),
    });
    await insertGuidanceSend(trx, {
      id,
      articleId: article.id,
      articleVersion: article.version,
      area: JSON.stringify({ countries: input.area.countries, regions: input.area.regions ?? [] }),
      recipients: personIds.length,
      messageId,
      sentBy: actor.id,
      sentAt: isoNow(now),
    });
    await appendAudit(trx, source, {
      action: 'guidance.send',
      record: { type: 'guidance_article', id: article.id },
      details: { sendId: id, version: article.version, area: input.area, recipients: personIds.length, messageId },
    });
  });
  const sent = await findGuidanceSend(db, id);
  if (!sent) throw new Error(`guidance send ${id} vanished after commit`);
  return toSendDto(sent);
}

/** The last 50 sends, newest first. */
export async function listSends(db: Db, actor: Actor): Promise<GuidanceSendList> {
  if (!canSendGuidance(actor)) throw new ProblemError(403, 'forbidden');
  return { items: (await listGuidanceSends(db, 50)).map(toSendDto) };
}
