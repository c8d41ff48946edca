import type { Insertable, Selectable } from 'kysely';
import { type SqlBool, sql } from 'kysely';
import { dialectOf } from '../../db/dialect/dialect.ts';
import type { Db } from '../../db/schema.ts';
import type {
  GuidanceArticlesTable,
  GuidanceArticleVersionsTable,
  GuidanceAssessmentsTable,
  GuidanceSendsTable,
} from '../../db/tables/guidance.table.ts';

export type GuidanceArticleRow = Selectable<GuidanceArticlesTable>;
export type GuidanceVersionRow = Selectable<GuidanceArticleVersionsTable> & { editedByName: string | null };
export type AssessmentRow = Selectable<GuidanceAssessmentsTable> & { siteName: string | null };
export type GuidanceSendRow = Selectable<GuidanceSendsTable> & {
  slug: string;
  titleZh: string;
  titleEn: string;
  sentByName: string | null;
};

export interface ArticleFilter {
  words: readonly string[];
  /** Articles for this country and those for every country. */
  country?: string;
  riskType?: string;
  /** Only published articles (the public library); editors see drafts too. */
  publishedOnly: boolean;
}

function escapeLike(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function filtered(db: Db, filter: ArticleFilter) {
  const like = sql.raw(dialectOf(db).likeInsensitive);
  let query = db.selectFrom('guidanceArticles as g');
  if (filter.publishedOnly) query = query.where('g.status', '=', 'published');
  if (filter.country) query = query.where('g.country', 'in', [filter.country, '']);
  if (filter.riskType) query = query.where('g.riskType', '=', filter.riskType);
  // A LIKE per word over both languages: dozens of articles, and LIKE finds Chinese without a segmenter.
  for (const word of filter.words) {
    const pattern = escapeLike(word);
    query = query.where(
      sql<SqlBool>`(g.title_zh ${like} ${pattern} escape '\\' or g.title_en ${like} ${pattern} escape '\\'
        or g.body_zh ${like} ${pattern} escape '\\' or g.body_en ${like} ${pattern} escape '\\')`,
    );
  }
  return query;
}

/** One page of articles matching the filter, country-specific before global, then by title; and the total. */
export async function searchGuidanceArticles(
  db: Db,
  filter: ArticleFilter,
  page: number,
  pageSize: number,
): Promise<{ rows: GuidanceArticleRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    filtered(db, filter)
      .selectAll('g')
      .orderBy(sql`case when g.country = '' then 1 else 0 end`)
      .orderBy('g.riskType')
      .orderBy('g.slug')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    filtered(db, filter)
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function findGuidanceArticle(db: Db, idOrSlug: string): Promise<GuidanceArticleRow | undefined> {
  return db
    .selectFrom('guidanceArticles')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', idOrSlug), eb('slug', '=', idOrSlug)]))
    .executeTakeFirst();
}

export async function slugTaken(db: Db, slug: string): Promise<boolean> {
  return (
    (await db.selectFrom('guidanceArticles').select('id').where('slug', '=', slug).executeTakeFirst()) !== undefined
  );
}

export async function insertGuidanceArticle(db: Db, row: Insertable<GuidanceArticlesTable>): Promise<void> {
  await db.insertInto('guidanceArticles').values(row).execute();
}

/** Writes the edit only if the article is still at `version`; false when someone else saved first. */
export async function updateGuidanceArticleAtVersion(
  db: Db,
  id: string,
  version: number,
  changes: Omit<Insertable<GuidanceArticlesTable>, 'id' | 'slug' | 'createdAt' | 'version'>,
): Promise<boolean> {
  const result = await db
    .updateTable('guidanceArticles')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertGuidanceVersion(db: Db, row: Insertable<GuidanceArticleVersionsTable>): Promise<void> {
  await db.insertInto('guidanceArticleVersions').values(row).execute();
}

/** Every saved version of an article, newest first (at most `limit`). */
export async function listGuidanceVersions(db: Db, articleId: string, limit = 100): Promise<GuidanceVersionRow[]> {
  return db
    .selectFrom('guidanceArticleVersions as v')
    .leftJoin('users as u', 'u.id', 'v.editedBy')
    .selectAll('v')
    .select('u.displayName as editedByName')
    .where('v.articleId', '=', articleId)
    .orderBy('v.version', 'desc')
    .limit(limit)
    .execute();
}

export async function countGuidanceArticles(db: Db): Promise<number> {
  const row = await db
    .selectFrom('guidanceArticles')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Published articles of the given risk types, for a country or global: what a recommendation links to. */
export async function listPublishedByRisk(
  db: Db,
  riskTypes: readonly string[],
  countries: readonly string[],
): Promise<GuidanceArticleRow[]> {
  if (riskTypes.length === 0) return [];
  return db
    .selectFrom('guidanceArticles')
    .selectAll()
    .where('status', '=', 'published')
    .where('riskType', 'in', [...riskTypes])
    .where('country', 'in', ['', ...countries])
    .orderBy('slug')
    .execute();
}

// --- Assessments ---------------------------------------------------------------------------------------------

function assessments(db: Db) {
  return db
    .selectFrom('guidanceAssessments as a')
    .leftJoin('businessSites as s', 's.id', 'a.siteId')
    .selectAll('a')
    .select('s.name as siteName');
}

export async function insertAssessment(db: Db, row: Insertable<GuidanceAssessmentsTable>): Promise<void> {
  await db.insertInto('guidanceAssessments').values(row).execute();
}

export async function findAssessment(db: Db, id: string): Promise<AssessmentRow | undefined> {
  return assessments(db).where('a.id', '=', id).executeTakeFirst();
}

/** An organisation's assessments, newest first. */
export async function listAssessments(db: Db, businessId: string, limit: number): Promise<AssessmentRow[]> {
  return assessments(db)
    .where('a.businessId', '=', businessId)
    .orderBy('a.createdAt', 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute();
}

/** The newest assessment of the whole organisation (siteId null) or of one site. */
export async function findLatestAssessment(
  db: Db,
  businessId: string,
  siteId: string | null,
): Promise<AssessmentRow | undefined> {
  let query = assessments(db).where('a.businessId', '=', businessId);
  query = siteId === null ? query.where('a.siteId', 'is', null) : query.where('a.siteId', '=', siteId);
  return query.orderBy('a.createdAt', 'desc').orderBy('a.id', 'desc').limit(1).executeTakeFirst();
}

// --- Sends ---------------------------------------------------------------------------------------------------

/** Of these persons, those listed as staff of a business site in one of the countries or regions. */
export async function staffAmong(
  db: Db,
  personIds: readonly string[],
  area: { countries: readonly string[]; regions: readonly string[] },
): Promise<string[]> {
  if (personIds.length === 0) return [];
  const rows = await db
    .selectFrom('businessStaff as st')
    .innerJoin('businessSites as si', 'si.id', 'st.siteId')
    .select('st.personId')
    .distinct()
    .where('st.personId', 'in', [...personIds])
    .where((eb) =>
      eb.or([
        ...(area.countries.length > 0 ? [eb('si.countryCode', 'in', [...area.countries])] : []),
        ...(area.regions.length > 0 ? [eb('si.regionCode', 'in', [...area.regions])] : []),
      ]),
    )
    .execute();
  return rows.map((r) => r.personId);
}

export async function insertGuidanceSend(db: Db, row: Insertable<GuidanceSendsTable>): Promise<void> {
  await db.insertInto('guidanceSends').values(row).execute();
}

function sends(db: Db) {
  return db
    .selectFrom('guidanceSends as s')
    .innerJoin('guidanceArticles as g', 'g.id', 's.articleId')
    .leftJoin('users as u', 'u.id', 's.sentBy')
    .selectAll('s')
    .select(['g.slug', 'g.titleZh', 'g.titleEn', 'u.displayName as sentByName']);
}

export async function findGuidanceSend(db: Db, id: string): Promise<GuidanceSendRow | undefined> {
  return sends(db).where('s.id', '=', id).executeTakeFirst();
}

export async function listGuidanceSends(db: Db, limit: number): Promise<GuidanceSendRow[]> {
  return sends(db).orderBy('s.sentAt', 'desc').orderBy('s.id', 'desc').limit(limit).execute();
}
