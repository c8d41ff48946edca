import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/schema.ts';
import type { Actor } from '../../policy/actor.ts';
import { type CaseFilter, type CaseListQueryBuilder, filteredCaseIds } from './cases.repo.ts';
import { caseHasEveryWord, firstMatchingCaseIds, SEARCH_COUNT_CAP } from './cases.search.repo.ts';

export interface CaseTextSearch {
  /** The condition that narrows the list to the matching cases. */
  where: (qb: CaseListQueryBuilder) => CaseListQueryBuilder;
  /** Matching cases the caller may see with the list's filters, at most SEARCH_COUNT_CAP. */
  total: number;
  /** True when more cases match than were counted: `total` is then SEARCH_COUNT_CAP, a lower bound. */
  totalCapped: boolean;
}

/**
 * The case list's `q`: keeps the cases whose summary, description, notes or messages hold every word. Staff
 * match internal notes too; a citizen only what they may read. The list's scope and filters still apply.
 *
 * The search runs once: up to SEARCH_COUNT_CAP + 1 matching cases within the filter are collected from the
 * index. When that is all of them, the page is sorted from exactly those; when there are more, the list walks
 * the cases in its own order (newest first) checking each for the words, and stops at the page. Null when `q`
 * has no words.
 */
export async function caseTextSearch(
  db: Db,
  actor: Actor,
  q: string,
  filter: CaseFilter,
): Promise<CaseTextSearch | null> {
  const options = { includeInternal: actor.role !== 'citizen' };
  const inScope = (caseId: RawBuilder<string>) =>
    sql<boolean>`exists ${filteredCaseIds(db, filter).where('cases.id', '=', caseId)}`;
  const ids = await firstMatchingCaseIds(db, q, options, inScope, SEARCH_COUNT_CAP + 1);
  if (ids === null) return null;
  if (ids.length <= SEARCH_COUNT_CAP) {
    return {
      where: (qb) => (ids.length > 0 ? qb.where('cases.id', 'in', ids) : qb.where(sql<boolean>`1 = 0`)),
      total: ids.length,
      totalCapped: false,
    };
  }
  const every = caseHasEveryWord(db, q, options, sql.ref<string>('cases.id') as unknown as RawBuilder<string>);
  return {
    where: (qb) => (every ? qb.where(every) : qb),
    total: SEARCH_COUNT_CAP,
    totalCapped: true,
  };
}
