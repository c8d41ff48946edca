import type { Db } from '../../db/schema.ts';
import type { Actor } from '../../policy/actor.ts';
import type { CaseListQueryBuilder } from './cases.repo.ts';
import { caseIdsMatching } from './cases.search.repo.ts';

/**
 * The case list's `q`: keeps the cases whose summary, description, notes or messages hold every word.
 * Staff match internal notes too; a citizen only what they may read (their list is their own cases anyway).
 * The list's scope still applies: this only narrows it.
 */
export function caseTextFilter(db: Db, actor: Actor, q: string): (qb: CaseListQueryBuilder) => CaseListQueryBuilder {
  const ids = caseIdsMatching(db, q, { includeInternal: actor.role !== 'citizen' });
  return (qb) => (ids ? qb.where('cases.id', 'in', ids) : qb);
}
