import type { Selectable } from 'kysely';
import type { Db } from '../../db/schema.ts';
import type { PresencesTable } from '../../db/tables/registry.table.ts';
import { cellOf } from './registry.cell.ts';
import { insertPresences, type NewPresence } from './registry.repo.ts';

// A citizen's presence is the person's own row (dependentId null) plus one row per dependent travelling with
// them, all with groupId = the person's row id (decision 0006). Queries here keep the group in step.

export type PresenceRow = Selectable<PresencesTable>;

/** The fields a citizen sets; the same for the person's row and every dependent's row of the group. */
export interface PresenceFields {
  kind: PresencesTable['kind'];
  countryCode: string;
  regionCode: string | null;
  cityId: number | null;
  lat: number | null;
  lon: number | null;
  preciseConsent: boolean;
  arrivalOn: string;
  departureOn: string | null;
  purpose: string | null;
}

/** The person's own presences (not their dependents' copies), newest arrival first. */
export async function listOwnPresences(db: Db, personId: string): Promise<PresenceRow[]> {
  return db
    .selectFrom('presences')
    .selectAll()
    .where('personId', '=', personId)
    .where('dependentId', 'is', null)
    .orderBy('arrivalOn', 'desc')
    .orderBy('id')
    .execute();
}

export async function findOwnPresence(db: Db, personId: string, id: string): Promise<PresenceRow | undefined> {
  return db
    .selectFrom('presences')
    .selectAll()
    .where('personId', '=', personId)
    .where('dependentId', 'is', null)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The dependents registered with each of the given presences, by presence id. */
export async function dependentIdsByGroup(db: Db, groupIds: readonly string[]): Promise<Map<string, string[]>> {
  const byGroup = new Map<string, string[]>();
  if (groupIds.length === 0) return byGroup;
  const rows = await db
    .selectFrom('presences')
    .select(['groupId', 'dependentId'])
    .where('groupId', 'in', groupIds)
    .where('dependentId', 'is not', null)
    .orderBy('dependentId')
    .execute();
  for (const row of rows) {
    if (!row.groupId || !row.dependentId) continue;
    const list = byGroup.get(row.groupId) ?? [];
    list.push(row.dependentId);
    byGroup.set(row.groupId, list);
  }
  return byGroup;
}

/**
 * Inserts one row per dependent of the group and, with `ownerRow`, the person's own row (id = group id).
 * `newId` makes the dependents' row ids.
 */
export async function insertPresenceGroup(
  db: Db,
  group: { id: string; personId: string; dependentIds: readonly string[]; ownerRow: boolean; newId: () => string },
  fields: PresenceFields,
  now: string,
): Promise<void> {
  const common = { personId: group.personId, groupId: group.id, ...fields, createdAt: now };
  const rows: (NewPresence & { groupId: string })[] = [
    ...(group.ownerRow ? [{ id: group.id, dependentId: null, ...common }] : []),
    ...group.dependentIds.map((dependentId) => ({ id: group.newId(), dependentId, ...common })),
  ];
  await insertPresences(db, rows);
}

/** Updates the person's row; the caller replaces the dependents' rows. The cell follows the coordinates. */
export async function updatePresenceRow(db: Db, id: string, fields: PresenceFields, now: string): Promise<void> {
  await db
    .updateTable('presences')
    .set({
      ...fields,
      preciseConsent: fields.preciseConsent ? 1 : 0,
      cell: cellOf(fields.lat, fields.lon),
      groupId: id,
      updatedAt: now,
    })
    .where('id', '=', id)
    .execute();
}

/** Deletes the dependents' copies of a presence. */
export async function deleteGroupCopies(db: Db, personId: string, groupId: string): Promise<void> {
  await db
    .deleteFrom('presences')
    .where('personId', '=', personId)
    .where('groupId', '=', groupId)
    .where('dependentId', 'is not', null)
    .execute();
}

/** Deletes a presence with its dependents' copies. */
export async function deletePresenceGroup(db: Db, personId: string, id: string): Promise<void> {
  await db
    .deleteFrom('presences')
    .where('personId', '=', personId)
    .where((eb) => eb.or([eb('id', '=', id), eb('groupId', '=', id)]))
    .execute();
}

/** Deletes trips that ended before `day` (YYYY-MM-DD); residences stay. Returns how many rows went. */
export async function deleteTripsEndedBefore(db: Db, day: string): Promise<number> {
  const result = await db
    .deleteFrom('presences')
    .where('kind', '=', 'trip')
    .where('departureOn', '<', day)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
