import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../../db/schema.ts';
import type {
  ChannelKind,
  DependentsTable,
  EmergencyContactsTable,
  PersonChannelsTable,
  PersonsTable,
} from '../../db/tables/registry.table.ts';

// The citizen's own registration: one query per function (decision 0006). Every lookup of a sub-record is
// by the owner's person id as well, so a citizen can never reach someone else's row by its id.

export type PersonRow = Selectable<PersonsTable>;
export type ChannelRow = Selectable<PersonChannelsTable>;
export type DependentRow = Selectable<DependentsTable>;
export type EmergencyContactRow = Selectable<EmergencyContactsTable>;

export async function findPersonByUserId(db: Db, userId: string): Promise<PersonRow | undefined> {
  return db.selectFrom('persons').selectAll().where('userId', '=', userId).executeTakeFirst();
}

export async function insertPerson(db: Db, row: Insertable<PersonsTable>): Promise<void> {
  await db.insertInto('persons').values(row).execute();
}

export async function updatePerson(db: Db, id: string, changes: Updateable<PersonsTable>): Promise<void> {
  await db.updateTable('persons').set(changes).where('id', '=', id).execute();
}

export async function listChannels(db: Db, personId: string): Promise<ChannelRow[]> {
  return db
    .selectFrom('personChannels')
    .selectAll()
    .where('personId', '=', personId)
    .orderBy('kind')
    .orderBy('createdAt')
    .execute();
}

export async function deleteChannels(db: Db, personId: string, kind: ChannelKind): Promise<void> {
  await db.deleteFrom('personChannels').where('personId', '=', personId).where('kind', '=', kind).execute();
}

export async function insertChannel(db: Db, row: Insertable<PersonChannelsTable>): Promise<void> {
  await db.insertInto('personChannels').values(row).execute();
}

export async function listDependents(db: Db, personId: string): Promise<DependentRow[]> {
  return db
    .selectFrom('dependents')
    .selectAll()
    .where('personId', '=', personId)
    .orderBy('familyName')
    .orderBy('givenName')
    .orderBy('id')
    .execute();
}

export async function findDependent(db: Db, personId: string, id: string): Promise<DependentRow | undefined> {
  return db
    .selectFrom('dependents')
    .selectAll()
    .where('personId', '=', personId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function countDependentsOf(db: Db, personId: string, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const row = await db
    .selectFrom('dependents')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('personId', '=', personId)
    .where('id', 'in', ids)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertDependent(db: Db, row: Insertable<DependentsTable>): Promise<void> {
  await db.insertInto('dependents').values(row).execute();
}

export async function updateDependent(db: Db, id: string, changes: Updateable<DependentsTable>): Promise<void> {
  await db.updateTable('dependents').set(changes).where('id', '=', id).execute();
}

/** Deletes a dependent; their presence rows go with them (foreign key cascade). */
export async function deleteDependent(db: Db, personId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('dependents')
    .where('personId', '=', personId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function countRows(
  db: Db,
  table: 'dependents' | 'emergencyContacts' | 'countrySubscriptions',
  personId: string,
): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('personId', '=', personId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listEmergencyContacts(db: Db, personId: string): Promise<EmergencyContactRow[]> {
  return db
    .selectFrom('emergencyContacts')
    .selectAll()
    .where('personId', '=', personId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

export async function findEmergencyContact(
  db: Db,
  personId: string,
  id: string,
): Promise<EmergencyContactRow | undefined> {
  return db
    .selectFrom('emergencyContacts')
    .selectAll()
    .where('personId', '=', personId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertEmergencyContact(db: Db, row: Insertable<EmergencyContactsTable>): Promise<void> {
  await db.insertInto('emergencyContacts').values(row).execute();
}

export async function updateEmergencyContact(
  db: Db,
  id: string,
  changes: Updateable<EmergencyContactsTable>,
): Promise<void> {
  await db.updateTable('emergencyContacts').set(changes).where('id', '=', id).execute();
}

export async function deleteEmergencyContact(db: Db, personId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('emergencyContacts')
    .where('personId', '=', personId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function listSubscriptions(db: Db, personId: string) {
  return db
    .selectFrom('countrySubscriptions')
    .select(['countryCode', 'createdAt'])
    .where('personId', '=', personId)
    .orderBy('countryCode')
    .execute();
}

export async function findSubscription(db: Db, personId: string, countryCode: string) {
  return db
    .selectFrom('countrySubscriptions')
    .select(['countryCode', 'createdAt'])
    .where('personId', '=', personId)
    .where('countryCode', '=', countryCode)
    .executeTakeFirst();
}

export async function insertSubscription(db: Db, personId: string, countryCode: string, createdAt: string) {
  await db
    .insertInto('countrySubscriptions')
    .values({ personId, countryCode, createdAt })
    .onConflict((oc) => oc.columns(['personId', 'countryCode']).doNothing())
    .execute();
}

export async function deleteSubscription(db: Db, personId: string, countryCode: string): Promise<void> {
  await db
    .deleteFrom('countrySubscriptions')
    .where('personId', '=', personId)
    .where('countryCode', '=', countryCode)
    .execute();
}
