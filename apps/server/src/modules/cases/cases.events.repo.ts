import type { Selectable } from 'kysely';
import { isoNow, newId } from '../../clock.ts';
import type { Db } from '../../db/schema.ts';
import type { CaseEventsTable } from '../../db/tables/cases.table.ts';

export type CaseEventRow = Selectable<CaseEventsTable>;

/** What happened on a case, as the timeline and the live stream show it. */
export interface NewCaseEvent {
  caseId: string;
  kind: string;
  visibility: CaseEventsTable['visibility'];
  authorUserId: string | null;
  authorKind: CaseEventsTable['authorKind'];
  body?: string | null;
  data?: Record<string, unknown> | null;
}

/**
 * Appends one event to a case's timeline (inside the caller's transaction, so the change and its
 * record commit together). The id is a UUIDv7: timelines and the live stream read in id order.
 */
export async function appendCaseEvent(db: Db, event: NewCaseEvent): Promise<CaseEventRow> {
  const row: CaseEventRow = {
    id: newId(),
    caseId: event.caseId,
    kind: event.kind,
    visibility: event.visibility,
    authorUserId: event.authorUserId,
    authorKind: event.authorKind,
    body: event.body ?? null,
    data: event.data ? JSON.stringify(event.data) : null,
    createdAt: isoNow(),
  };
  await db.insertInto('caseEvents').values(row).execute();
  return row;
}

/** A case's timeline in order, optionally only what the reporter may see and only after an event id. */
export async function listCaseEvents(
  db: Db,
  caseId: string,
  options: { citizenOnly?: boolean; afterId?: string; limit?: number } = {},
): Promise<CaseEventRow[]> {
  let query = db.selectFrom('caseEvents').selectAll().where('caseId', '=', caseId);
  if (options.citizenOnly) query = query.where('visibility', '=', 'citizen');
  if (options.afterId) query = query.where('id', '>', options.afterId);
  return query
    .orderBy('id')
    .limit(options.limit ?? 500)
    .execute();
}
