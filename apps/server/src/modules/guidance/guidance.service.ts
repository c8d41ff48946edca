import { isKnownCountry } from '@homeward/gazetteer';
import type {
  GuidanceArticle,
  GuidanceArticleInput,
  GuidanceArticlePage,
  GuidanceArticleWithHistory,
  GuidanceListQuery,
  Locale,
} from '@homeward/shared';
import { isoNow, newId } from '../../clock.ts';
import type { Db } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { ProblemError } from '../../http/problem.ts';
import type { Actor } from '../../policy/actor.ts';
import { canEditGuidance, canReadGuidanceArticle } from '../../policy/guidance.policy.ts';
import { type AuditSource, appendAudit } from '../audit/audit.service.ts';
import { searchWords } from '../hotline/hotline.rules.ts';
import { fieldProblem } from '../registry/registry.fields.ts';
import { toArticleDto, toArticleSummaryDto, toVersionDto } from './guidance.presenter.ts';
import {
  findGuidanceArticle,
  type GuidanceArticleRow,
  insertGuidanceArticle,
  insertGuidanceVersion,
  listGuidanceVersions,
  searchGuidanceArticles,
  slugTaken,
  updateGuidanceArticleAtVersion,
} from './guidance.repo.ts';

/**
 * The library: published articles matching every word of `q` in either language, for a country (and those for
 * every country) and a risk type, one page at a time. `drafts` (editors only) lists drafts too.
 */
export async function listGuidance(
  db: Db,
  actor: Actor | null,
  query: GuidanceListQuery,
  options: { drafts: boolean } = { drafts: false },
): Promise<GuidanceArticlePage> {
  if (options.drafts && !canEditGuidance(actor)) throw new ProblemError(403, 'forbidden');
  const { rows, total } = await searchGuidanceArticles(
    db,
    { words: searchWords(query.q), country: query.country, riskType: query.risk, publishedOnly: !options.drafts },
    query.page,
    query.pageSize,
  );
  return { items: rows.map(toArticleSummaryDto), total, page: query.page, pageSize: query.pageSize };
}

/** One article by id or slug; a draft answers 404 to anyone but an editor, so its existence does not leak. */
export async function viewGuidanceArticle(db: Db, actor: Actor | null, idOrSlug: string): Promise<GuidanceArticle> {
  const row = await findGuidanceArticle(db, idOrSlug);
  if (!row || !canReadGuidanceArticle(actor, row)) throw new ProblemError(404, 'not_found');
  return toArticleDto(row);
}

/** The editor's view: the article as it is and every saved version, newest first. */
export async function viewGuidanceHistory(db: Db, actor: Actor, id: string): Promise<GuidanceArticleWithHistory> {
  if (!canEditGuidance(actor)) throw new ProblemError(403, 'forbidden');
  const row = await findGuidanceArticle(db, id);
  if (!row) throw new ProblemError(404, 'not_found');
  return { ...toArticleDto(row), history: (await listGuidanceVersions(db, row.id)).map(toVersionDto) };
}

interface CleanArticle {
  country: string;
  riskType: string;
  status: 'draft' | 'published';
  titleZh: string;
  titleEn: string;
  bodyZh: string;
  bodyEn: string;
}

/**
 * Checks what a schema cannot: a known country, and at least one language with both a title and a text; a
 * language with only one of the two is refused rather than published half-written.
 */
function cleanArticle(input: GuidanceArticleInput, locale: Locale): CleanArticle {
  if (input.country && !isKnownCountry(input.country))
    throw fieldProblem(422, 'country_unknown', '/body/country', locale, `unknown country ${input.country}`);
  const title = { 'zh-CN': input.title['zh-CN'].trim(), en: input.title.en.trim() };
  const body = { 'zh-CN': input.body['zh-CN'].trim(), en: input.body.en.trim() };
  for (const lang of ['zh-CN', 'en'] as const) {
    if (title[lang] && !body[lang])
      throw fieldProblem(
        422,
        'guidance_language_required',
        `/body/body/${lang}`,
        locale,
        `${lang} text is blank`,
        'required',
      );
    if (body[lang] && !title[lang])
      throw fieldProblem(
        422,
        'guidance_language_required',
        `/body/title/${lang}`,
        locale,
        `${lang} title is blank`,
        'required',
      );
  }
  if (!title['zh-CN'] && !title.en)
    throw fieldProblem(422, 'guidance_language_required', '/body/title', locale, 'no language written', 'required');
  return {
    country: input.country,
    riskType: input.riskType,
    status: input.status,
    titleZh: title['zh-CN'],
    titleEn: title.en,
    bodyZh: body['zh-CN'],
    bodyEn: body.en,
  };
}

/** A URL name from the English title (or a random one for a Chinese-only title), made unique. */
async function freeSlug(db: Db, wanted: string | undefined, titleEn: string): Promise<string> {
  const base =
    wanted ??
    (titleEn
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') ||
      `article-${newId().slice(-8).toLowerCase()}`);
  if (wanted && (await slugTaken(db, wanted))) throw new ProblemError(409, 'conflict', `slug ${wanted} is taken`);
  let slug = base.length >= 3 ? base : `${base}-article`;
  for (let n = 2; await slugTaken(db, slug); n++) slug = `${base}-${n}`;
  return slug;
}

async function recordVersion(db: Db, row: GuidanceArticleRow, actor: Actor | null): Promise<void> {
  await insertGuidanceVersion(db, {
    articleId: row.id,
    version: row.version,
    country: row.country,
    riskType: row.riskType,
    status: row.status,
    titleZh: row.titleZh,
    titleEn: row.titleEn,
    bodyZh: row.bodyZh,
    bodyEn: row.bodyEn,
    editedBy: actor?.id ?? null,
    editedAt: row.updatedAt,
  });
}

/** Creates an article at version 1 (draft or published), recording that version; audited. */
export async function createGuidanceArticle(
  db: Db,
  actor: Actor | null,
  input: GuidanceArticleInput,
  source: AuditSource,
  locale: Locale,
  now: Date = new Date(),
): Promise<GuidanceArticle> {
  if (actor !== null && !canEditGuidance(actor)) throw new ProblemError(403, 'forbidden');
  const fields = cleanArticle(input, locale);
  return inTransaction(db, async (trx) => {
    const at = isoNow(now);
    const id = newId();
    await insertGuidanceArticle(trx, {
      id,
      slug: await freeSlug(trx, input.slug, fields.titleEn),
      ...fields,
      version: 1,
      createdAt: at,
      updatedAt: at,
      updatedBy: actor?.id ?? null,
      publishedAt: fields.status === 'published' ? at : null,
    });
    const row = await findGuidanceArticle(trx, id);
    if (!row) throw new Error(`guidance article ${id} vanished inside its own transaction`);
    await recordVersion(trx, row, actor);
    await appendAudit(trx, source, {
      action: 'guidance.create',
      record: { type: 'guidance_article', id },
      details: { slug: row.slug, status: row.status },
    });
    return toArticleDto(row);
  });
}

/**
 * Saves an edit based on the version the editor saw: a second editor gets 409 instead of overwriting the
 * first silently. Each save is a new version in the history; audited with the versions and status.
 */
export async function editGuidanceArticle(
  db: Db,
  actor: Actor,
  id: string,
  input: GuidanceArticleInput,
  source: AuditSource,
  locale: Locale,
  now: Date = new Date(),
): Promise<GuidanceArticle> {
  if (!canEditGuidance(actor)) throw new ProblemError(403, 'forbidden');
  const fields = cleanArticle(input, locale);
  if (input.version === undefined)
    throw fieldProblem(400, 'validation_failed', '/body/version', locale, 'the version edited is missing', 'required');
  const fromVersion = input.version;
  return inTransaction(db, async (trx) => {
    const current = await findGuidanceArticle(trx, id);
    if (!current) throw new ProblemError(404, 'not_found');
    const at = isoNow(now);
    const saved = await updateGuidanceArticleAtVersion(trx, current.id, fromVersion, {
      ...fields,
      updatedAt: at,
      updatedBy: actor.id,
      publishedAt: current.publishedAt ?? (fields.status === 'published' ? at : null),
    });
    if (!saved) throw new ProblemError(409, 'conflict', `the article is at version ${current.version}`);
    const row = await findGuidanceArticle(trx, current.id);
    if (!row) throw new Error(`guidance article ${id} vanished inside its own transaction`);
    await recordVersion(trx, row, actor);
    await appendAudit(trx, source, {
      action: 'guidance.edit',
      record: { type: 'guidance_article', id: row.id },
      details: { slug: row.slug, fromVersion, toVersion: row.version, fromStatus: current.status, status: row.status },
    });
    return toArticleDto(row);
  });
}
