import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import { dialectOf } from '../../db/dialect/dialect.ts';
import type { Db } from '../../db/schema.ts';

/** At most this many words of a query count; the rest are ignored (a pasted paragraph is not a search). */
export const MAX_SEARCH_TERMS = 8;

/**
 * Trigram indexes cannot answer a word shorter than three characters (common in Chinese: 护照, 失踪). The
 * words are taken longest first, and a later word is only looked for in the cases the earlier ones found, so
 * a short word beside a longer one is exact. A query of short words only is matched by a LIKE scan over the
 * newest SHORT_TERM_WINDOW searchable texts (case summaries and descriptions, notes, messages): older cases
 * need a longer word, a second word or another filter.
 */
export const SHORT_TERM_WINDOW = 20_000;

/** The words of a search: split on white space, duplicates dropped, at most MAX_SEARCH_TERMS of them. */
export function searchTerms(q: string): string[] {
  const words = q.split(/\s+/u).filter((w) => w.length > 0);
  return [...new Set(words)].slice(0, MAX_SEARCH_TERMS);
}

/** Characters, not UTF-16 units: 𠀀 is one character and one trigram position. */
function characters(term: string): number {
  return [...term].length;
}

/** A LIKE pattern that matches the term literally anywhere: %, _ and the escape character are escaped. */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** An FTS5 string: the term as one quoted phrase (the trigram tokenizer then matches it as a substring). */
function ftsPhrase(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

export interface CaseSearchOptions {
  /** Staff also match internal notes; a citizen only what they may see (the case text and citizen-visible events). */
  includeInternal: boolean;
}

/**
 * The first (longest) word on SQLite, from the FTS5 index. CROSS JOIN keeps SQLite from driving the join from
 * the document map and probing the index once per document.
 */
function sqliteFirstTerm(term: string, options: CaseSearchOptions): RawBuilder<unknown> {
  const visible = options.includeInternal ? sql`` : sql` and d.visibility = 'citizen'`;
  if (characters(term) >= 3) {
    return sql`select distinct d.case_id from case_search s cross join case_search_docs d on d.doc_id = s.rowid
      where case_search match ${ftsPhrase(term)}${visible}`;
  }
  // A rowid range on the FTS5 table reads only the newest documents; SQLite tests the LIKE on each of them. The
  // window is a literal: a bound JavaScript number arrives as a REAL, and FTS5 then scans every row.
  return sql`select distinct d.case_id from case_search s cross join case_search_docs d on d.doc_id = s.rowid
    where s.rowid > (select coalesce(max(doc_id), 0) from case_search_docs) - ${sql.lit(SHORT_TERM_WINDOW)}
    and s.body like ${containsPattern(term)} escape '\\'${visible}`;
}

/** A later word on SQLite: looked for only in the texts of a case the longer words already matched. */
function sqliteLaterTerm(term: string, options: CaseSearchOptions): RawBuilder<unknown> {
  const visible = options.includeInternal ? sql`` : sql` and d2.visibility = 'citizen'`;
  return sql`exists (select 1 from case_search_docs d2 cross join case_search s2 on s2.rowid = d2.doc_id
    where d2.case_id = m.case_id and s2.body like ${containsPattern(term)} escape '\\'${visible})`;
}

/**
 * One word on PostgreSQL; `within` names the CTE of the cases the previous words matched, so that a common
 * word after a rare one is checked only in the rare word's cases (the case_id indexes) instead of everywhere.
 */
function postgresTerm(term: string, options: CaseSearchOptions, within: string | null): RawBuilder<unknown> {
  const pattern = containsPattern(term);
  const visible = options.includeInternal ? sql`` : sql` and visibility = 'citizen'`;
  const inCases = within ? sql` and id in (select case_id from ${sql.table(within)})` : sql``;
  const inEvents = within ? sql` and case_id in (select case_id from ${sql.table(within)})` : sql``;
  // A later word is looked for in all the texts of the cases found so far (a short one too: they are few).
  if (characters(term) >= 3 || within) {
    // The GIN trigram indexes answer ILIKE; the event index is partial (notes and messages only).
    return sql`select id as case_id from cases
        where (summary ilike ${pattern} escape '\\' or description ilike ${pattern} escape '\\')${inCases}
      union
      select case_id from case_events
        where kind in ('note', 'message') and body ilike ${pattern} escape '\\'${visible}${inEvents}`;
  }
  // Half the window each for cases and for events, newest first (ids are UUIDv7, so they sort by time).
  const half = SHORT_TERM_WINDOW / 2;
  return sql`select case_id from (select id as case_id, summary || chr(10) || description as body from cases
        order by id desc limit ${half}) c where body ilike ${pattern} escape '\\'
      union
      select case_id from (select case_id, body from case_events where kind in ('note', 'message')${visible}
        order by id desc limit ${half}) e where body ilike ${pattern} escape '\\'`;
}

/**
 * The ids of the cases whose summary, description, notes or messages contain every word of `q`
 * (each word anywhere in the case, case-insensitively), as a subquery for `where id in (…)`;
 * null when `q` has no words. Scope (which cases the caller may see) is the caller's filter.
 */
export function caseIdsMatching(db: Db, q: string, options: CaseSearchOptions): RawBuilder<string> | null {
  const terms = searchTerms(q);
  if (terms.length === 0) return null;
  // Longer words first: they are usually the rarer ones, and each later word only checks their cases.
  const ordered = [...terms].sort((a, b) => characters(b) - characters(a));
  // Non-empty: checked above.
  const [first, ...later] = ordered as [string, ...string[]];
  if (dialectOf(db).name === 'sqlite') {
    const checks = later.map((term) => sql` and ${sqliteLaterTerm(term, options)}`);
    return sql<string>`(select m.case_id from (${sqliteFirstTerm(first, options)}) m where 1 = 1${sql.join(checks, sql``)})`;
  }
  const steps = ordered.map(
    (term, i) =>
      sql`${sql.table(`w${i}`)} as materialized (${postgresTerm(term, options, i > 0 ? `w${i - 1}` : null)})`,
  );
  return sql<string>`(with ${sql.join(steps, sql`, `)} select case_id from ${sql.table(`w${ordered.length - 1}`)})`;
}

/**
 * A search's total is counted up to this many cases; beyond it the list answers "1,000+" (`totalCapped`). A
 * broad word (half of all cases) then costs the same as a rare one: the matches are read until the cap, not all.
 */
export const SEARCH_COUNT_CAP = 1000;

/**
 * PostgreSQL looks for a search's first SEARCH_COUNT_CAP + 1 matches among this many newest cases before it asks
 * the trigram indexes (see firstMatchingCaseIds).
 */
export const POSTGRES_WALK = 5000;

/** Builds, for a case id (a column of the outer query), the condition "the caller may list this case". */
export type CaseScopeCheck = (caseId: RawBuilder<string>) => Expression<SqlBool>;

/**
 * The ids of at most `limit` cases that hold every word of `q` and pass `inScope`, in no particular order;
 * null when `q` has no words. The matches of the longest word are read from the index one document at a time
 * and each one's case is checked (scope and filters, then the other words) as it comes, so the query stops at
 * `limit` cases instead of collecting every match first.
 */
export async function firstMatchingCaseIds(
  db: Db,
  q: string,
  options: CaseSearchOptions,
  inScope: CaseScopeCheck,
  limit: number,
): Promise<string[] | null> {
  const terms = searchTerms(q);
  if (terms.length === 0) return null;
  const ordered = [...terms].sort((a, b) => characters(b) - characters(a));
  const [first, ...later] = ordered as [string, ...string[]];
  if (dialectOf(db).name === 'sqlite') {
    const visible = options.includeInternal ? sql`` : sql` and d.visibility = 'citizen'`;
    const found =
      characters(first) >= 3
        ? sql`case_search match ${ftsPhrase(first)}`
        : sql`s.rowid > (select coalesce(max(doc_id), 0) from case_search_docs) - ${sql.lit(SHORT_TERM_WINDOW)}
          and s.body like ${containsPattern(first)} escape '\\'`;
    const caseId = sql.ref<string>('d.case_id') as unknown as RawBuilder<string>;
    const checks = later.map((term) => sql` and ${caseHasWord(db, term, options, caseId)}`);
    const result = await sql<{ caseId: string }>`select distinct d.case_id from case_search s
      cross join case_search_docs d on d.doc_id = s.rowid
      where ${found}${visible} and ${inScope(caseId)}${sql.join(checks, sql``)}
      limit ${sql.lit(limit)}`.execute(db);
    return result.rows.map((r) => r.caseId);
  }
  // PostgreSQL: pg_trgm's GIN index is lossy, so every candidate row of a common word is read from the heap and
  // rechecked (half a second for a word in half the notes). A common word is instead found by checking the newest
  // cases one by one: if POSTGRES_WALK of them already hold `limit` matches, that is the answer.
  const walkId = sql.ref<string>('c.id') as unknown as RawBuilder<string>;
  const every = caseHasEveryWord(db, q, options, walkId);
  const walked = await sql<{ caseId: string }>`select c.id as case_id
    from (select id from cases order by opened_at desc, id limit ${sql.lit(POSTGRES_WALK)}) c
    where ${inScope(walkId)} and ${every} limit ${sql.lit(limit)}`.execute(db);
  if (walked.rows.length >= limit) return walked.rows.map((r) => r.caseId);
  // Otherwise the words are rarer: the words' cases from the indexes (each later word within the earlier one's).
  const sub = caseIdsMatching(db, q, options);
  if (!sub) return null;
  const caseId = sql.ref<string>('m.case_id') as unknown as RawBuilder<string>;
  const result = await sql<{ caseId: string }>`select m.case_id from ${sub} m where ${inScope(caseId)}
    limit ${sql.lit(limit)}`.execute(db);
  return result.rows.map((r) => r.caseId);
}

/**
 * "The case `caseId` holds `term`" (summary, description, a note or a message the caller may read), checked on
 * that case's texts alone: cheap per case, for a walk over cases in the list's order.
 */
function caseHasWord(
  db: Db,
  term: string,
  options: CaseSearchOptions,
  caseId: RawBuilder<string>,
): RawBuilder<SqlBool> {
  const pattern = containsPattern(term);
  if (dialectOf(db).name === 'sqlite') {
    const visible = options.includeInternal ? sql`` : sql` and w.visibility = 'citizen'`;
    return sql<SqlBool>`exists (select 1 from case_search_docs w cross join case_search ws on ws.rowid = w.doc_id
      where w.case_id = ${caseId} and ws.body like ${pattern} escape '\\'${visible})`;
  }
  const visible = options.includeInternal ? sql`` : sql` and w.visibility = 'citizen'`;
  // OFFSET 0 keeps PostgreSQL from turning each EXISTS into a hashed subplan, which would collect every match
  // of the word in the whole table before the first case is checked.
  return sql<SqlBool>`(exists (select 1 from cases wc where wc.id = ${caseId}
      and (wc.summary ilike ${pattern} escape '\\' or wc.description ilike ${pattern} escape '\\') offset 0)
    or exists (select 1 from case_events w where w.case_id = ${caseId} and w.kind in ('note', 'message')
      and w.body ilike ${pattern} escape '\\'${visible} offset 0))`;
}

/**
 * "The case `caseId` holds every word of `q`", each checked on that case's own texts; null when `q` has no
 * words. For walking the cases in the list's order (newest first) when a search matches too many of them to
 * collect: the first page is found after a few cases instead of after all the matches.
 */
export function caseHasEveryWord(
  db: Db,
  q: string,
  options: CaseSearchOptions,
  caseId: RawBuilder<string>,
): RawBuilder<SqlBool> | null {
  const terms = searchTerms(q);
  if (terms.length === 0) return null;
  const ordered = [...terms].sort((a, b) => characters(b) - characters(a));
  return sql<SqlBool>`(${sql.join(
    ordered.map((term) => caseHasWord(db, term, options, caseId)),
    sql` and `,
  )})`;
}
