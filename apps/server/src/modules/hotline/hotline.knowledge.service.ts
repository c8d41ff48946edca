import type { KnowledgeArticle, KnowledgeList, KnowledgeQuery, KnowledgeUpdateBody } from '@homeward/shared';
import { isoNow } from '../../clock.ts';
import type { Db } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { ProblemError } from '../../http/problem.ts';
import type { Actor } from '../../policy/actor.ts';
import { canEditKnowledge } from '../../policy/hotline.policy.ts';
import { type AuditSource, appendAudit } from '../audit/audit.service.ts';
import { findArticle, searchArticles, updateArticleAtVersion } from './hotline.knowledge.repo.ts';
import { toArticleDto } from './hotline.presenter.ts';
import { searchWords } from './hotline.rules.ts';

/** Standard answers matching every word of `q` in either language, by topic and slug; all without `q`. */
export async function searchKnowledge(db: Db, query: KnowledgeQuery): Promise<KnowledgeList> {
  const rows = await searchArticles(db, searchWords(query.q), query.topic);
  return { items: rows.map(toArticleDto) };
}

export async function viewArticle(db: Db, slug: string): Promise<KnowledgeArticle> {
  const row = await findArticle(db, slug);
  if (!row) throw new ProblemError(404, 'not_found');
  return toArticleDto(row);
}

/**
 * HQ edits a standard answer; the edit is based on the version the editor saw, so two editors never overwrite
 * each other silently (the second gets 409 with the article as it is now). Audited with the old version.
 */
export async function editArticle(
  db: Db,
  actor: Actor,
  slug: string,
  body: KnowledgeUpdateBody,
  source: AuditSource,
): Promise<KnowledgeArticle> {
  if (!canEditKnowledge(actor)) throw new ProblemError(403, 'forbidden');
  return inTransaction(db, async (trx) => {
    const current = await findArticle(trx, slug);
    if (!current) throw new ProblemError(404, 'not_found');
    const saved = await updateArticleAtVersion(trx, slug, body.version, {
      category: body.topic,
      titleZh: body.title['zh-CN'].trim(),
      titleEn: body.title.en.trim(),
      bodyZh: body.body['zh-CN'].trim(),
      bodyEn: body.body.en.trim(),
      keywords: body.keywords.trim(),
      updatedBy: actor.id,
      updatedAt: isoNow(),
    });
    if (!saved)
      throw new ProblemError(409, 'conflict', `the article is at version ${current.version}`, undefined, undefined, {
        current: toArticleDto(current),
      });
    await appendAudit(trx, source, {
      action: 'knowledge.edit',
      record: { type: 'knowledge_article', id: current.id },
      details: { slug, fromVersion: body.version, toVersion: body.version + 1 },
    });
    const stored = await findArticle(trx, slug);
    if (!stored) throw new Error(`article ${slug} vanished inside its own transaction`);
    return toArticleDto(stored);
  });
}
