import type { Db } from '../db/schema.ts';

/** A case event with what decides who may see it and what the stream sends. */
export interface LiveRow {
  id: string;
  caseId: string;
  kind: string;
  visibility: 'internal' | 'citizen';
  missionCode: string;
  priority: 'P1' | 'P2' | 'P3' | 'P4';
  number: string;
  reporterUserId: string | null;
}

function liveRows(db: Db) {
  return db
    .selectFrom('caseEvents')
    .innerJoin('cases', 'cases.id', 'caseEvents.caseId')
    .select([
      'caseEvents.id',
      'caseEvents.caseId',
      'caseEvents.kind',
      'caseEvents.visibility',
      'cases.missionCode',
      'cases.priority',
      'cases.number',
      'cases.reporterUserId',
    ]);
}

/** Case events with an id above `afterId`, in id order (UUIDv7: time order), joined with their case. */
export async function listLiveRowsAfter(db: Db, afterId: string, limit: number): Promise<LiveRow[]> {
  return liveRows(db).where('caseEvents.id', '>', afterId).orderBy('caseEvents.id').limit(limit).execute();
}

/** The ids of case events above `afterId`, in order: read from the primary key alone. */
export async function listEventIdsAfter(db: Db, afterId: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('caseEvents')
    .select('id')
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** The given case events with their case, in id order. */
export async function listLiveRowsByIds(db: Db, ids: readonly string[]): Promise<LiveRow[]> {
  if (ids.length === 0) return [];
  return liveRows(db)
    .where('caseEvents.id', 'in', [...ids])
    .orderBy('caseEvents.id')
    .execute();
}

/**
 * The smallest UUIDv7 text for a moment: every id made at or after `ms` sorts above it. The poller re-reads
 * a short window of ids below its cursor, for events whose transaction committed after a later one's.
 */
export function uuidV7Floor(ms: number): string {
  const hex = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-0000-0000-000000000000`;
}
