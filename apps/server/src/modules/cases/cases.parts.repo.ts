import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../../db/schema.ts';
import type { CasePersonsTable, CaseTasksTable } from '../../db/tables/cases.table.ts';

/** The people, tasks and attachment list of a case (the parts of the case detail). */
export type CasePersonRow = Selectable<CasePersonsTable>;
export type CaseTaskRow = Selectable<CaseTasksTable> & { assigneeName: string | null };

export async function listCasePersons(db: Db, caseId: string): Promise<CasePersonRow[]> {
  return db
    .selectFrom('casePersons')
    .selectAll()
    .where('caseId', '=', caseId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

export async function insertCasePerson(db: Db, row: Insertable<CasePersonsTable>): Promise<void> {
  await db.insertInto('casePersons').values(row).execute();
}

export async function findCasePerson(db: Db, caseId: string, id: string): Promise<CasePersonRow | undefined> {
  return db.selectFrom('casePersons').selectAll().where('caseId', '=', caseId).where('id', '=', id).executeTakeFirst();
}

export async function deleteCasePerson(db: Db, id: string): Promise<void> {
  await db.deleteFrom('casePersons').where('id', '=', id).execute();
}

function taskView(db: Db) {
  return db
    .selectFrom('caseTasks')
    .leftJoin('users as assignee', 'assignee.id', 'caseTasks.assigneeUserId')
    .selectAll('caseTasks')
    .select('assignee.displayName as assigneeName');
}

export async function listCaseTasks(db: Db, caseId: string): Promise<CaseTaskRow[]> {
  return taskView(db)
    .where('caseTasks.caseId', '=', caseId)
    .orderBy('caseTasks.createdAt')
    .orderBy('caseTasks.id')
    .execute();
}

export async function findCaseTask(db: Db, caseId: string, id: string): Promise<CaseTaskRow | undefined> {
  return taskView(db).where('caseTasks.caseId', '=', caseId).where('caseTasks.id', '=', id).executeTakeFirst();
}

export async function insertCaseTask(db: Db, row: Insertable<CaseTasksTable>): Promise<void> {
  await db.insertInto('caseTasks').values(row).execute();
}

export async function updateCaseTask(db: Db, id: string, change: Updateable<CaseTasksTable>): Promise<void> {
  await db.updateTable('caseTasks').set(change).where('id', '=', id).execute();
}

/**
 * The attachment list without the content; `citizenOnly` keeps the files the reporter was shown (announced by a
 * citizen-visible event), so the names of files staff attached internally do not reach the citizen.
 */
export async function listCaseAttachments(db: Db, caseId: string, options: { citizenOnly?: boolean } = {}) {
  let query = db
    .selectFrom('caseAttachments')
    .select([
      'caseAttachments.id',
      'caseAttachments.fileName',
      'caseAttachments.mediaType',
      'caseAttachments.sizeBytes',
      'caseAttachments.createdAt',
    ])
    .where('caseAttachments.caseId', '=', caseId);
  if (options.citizenOnly) {
    query = query
      .innerJoin('caseEvents', 'caseEvents.id', 'caseAttachments.eventId')
      .where('caseEvents.visibility', '=', 'citizen');
  }
  return query.orderBy('caseAttachments.createdAt').orderBy('caseAttachments.id').execute();
}

/** Whether a user is staff of a mission (an officer or the head), so a case of that mission may be theirs. */
export async function isMissionStaff(db: Db, userId: string, missionCode: string): Promise<{ name: string } | null> {
  const row = await db
    .selectFrom('users')
    .innerJoin('userMissions', 'userMissions.userId', 'users.id')
    .select('users.displayName')
    .where('users.id', '=', userId)
    .where('users.status', '=', 'active')
    .where('users.role', 'in', ['consular_officer', 'mission_head'])
    .where('userMissions.missionCode', '=', missionCode)
    .executeTakeFirst();
  return row ? { name: row.displayName } : null;
}

/** The active officers and heads of a mission, by name. */
export async function listMissionStaff(db: Db, missionCode: string): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom('users')
    .innerJoin('userMissions', 'userMissions.userId', 'users.id')
    .select(['users.id as id', 'users.displayName as name'])
    .where('users.status', '=', 'active')
    .where('users.role', 'in', ['consular_officer', 'mission_head'])
    .where('userMissions.missionCode', '=', missionCode)
    .orderBy('users.displayName')
    .orderBy('users.id')
    .execute();
}

export async function userName(db: Db, userId: string): Promise<string | null> {
  const row = await db.selectFrom('users').select('displayName').where('id', '=', userId).executeTakeFirst();
  return row?.displayName ?? null;
}

export async function personExists(db: Db, personId: string): Promise<boolean> {
  const row = await db.selectFrom('persons').select('id').where('id', '=', personId).executeTakeFirst();
  return row !== undefined;
}
