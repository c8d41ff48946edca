import type { Insertable } from 'kysely';
import type { Db } from '../../db/schema.ts';
import type { CasePersonsTable } from '../../db/tables/cases.table.ts';

/** Adds the people involved in a new case (subject, reporter). */
export async function insertCasePersons(db: Db, rows: Insertable<CasePersonsTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('casePersons').values(rows).execute();
}

/** The name an account holder goes by, for the reporter of a request on someone else's behalf. */
export async function findUserName(db: Db, userId: string): Promise<string | undefined> {
  const row = await db.selectFrom('users').select('displayName').where('id', '=', userId).executeTakeFirst();
  return row?.displayName;
}

/** The time zone of a mission (its SLA clock runs in its business hours); undefined for an unknown code. */
export async function findMissionTimeZone(db: Db, code: string): Promise<string | undefined> {
  const row = await db.selectFrom('missions').select('timezone').where('code', '=', code).executeTakeFirst();
  return row?.timezone;
}
