import { type Insertable, type Selectable, type SqlBool, sql, type Updateable } from 'kysely';
import { dialectOf } from '../../db/dialect/dialect.ts';
import type { Db } from '../../db/schema.ts';
import type { KnowledgeArticlesTable } from '../../db/tables/hotline.table.ts';
import { likeContains } from './hotline.lookup.repo.ts';

export type ArticleRow = Selectable<KnowledgeArticlesTable> & { updatedByName: string | null };

function articles(db: Db) {
  return db
    .selectFrom('knowledgeArticles as k')
    .leftJoin('users as u', 'u.id', 'k.updatedBy')
    .selectAll('k')
    .select('u.displayName as updatedByName');
}

/**
 * Articles where every word of the search appears in a title, the body or the keywords, in either language.
 * A plain LIKE per word: the knowledge base has dozens of articles, and LIKE finds Chinese text without a
 * word segmenter ("护照" inside "护照遗失").
 */
export async function searchArticles(db: Db, words: readonly string[], topic?: string): Promise<ArticleRow[]> {
  const like = sql.raw(dialectOf(db).likeInsensitive);
  let query = articles(db);
  for (const word of words) {
    const pattern = likeContains(word);
    query = query.where(
      sql<SqlBool>`(k.title_zh ${like} ${pattern} escape '\\' or k.title_en ${like} ${pattern} escape '\\'
        or k.body_zh ${like} ${pattern} escape '\\' or k.body_en ${like} ${pattern} escape '\\'
        or k.keywords ${like} ${pattern} escape '\\')`,
    );
  }
  if (topic) query = query.where('k.category', '=', topic);
  return query.orderBy('k.category').orderBy('k.slug').limit(100).execute();
}

export async function findArticle(db: Db, slug: string): Promise<ArticleRow | undefined> {
  return articles(db).where('k.slug', '=', slug).executeTakeFirst();
}

export async function listArticleSlugs(db: Db): Promise<string[]> {
  return (await db.selectFrom('knowledgeArticles').select('slug').execute()).map((r) => r.slug);
}

export async function insertArticle(db: Db, row: Insertable<KnowledgeArticlesTable>): Promise<void> {
  await db.insertInto('knowledgeArticles').values(row).execute();
}

/** Writes the edit only if the article is still at `version`; returns false when someone saved first. */
export async function updateArticleAtVersion(
  db: Db,
  slug: string,
  version: number,
  changes: Updateable<KnowledgeArticlesTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('knowledgeArticles')
    .set({ ...changes, version: version + 1 })
    .where('slug', '=', slug)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
