import type { ApplicationStatus } from '@homeward/shared';
import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { Db } from '../../db/schema.ts';
import type {
  ServiceApplicationDocumentsTable,
  ServiceApplicationEventsTable,
  ServiceApplicationsTable,
  ServiceDefinitionsTable,
} from '../../db/tables/services.table.ts';

export type DefinitionRow = Selectable<ServiceDefinitionsTable>;
export type ApplicationRow = Selectable<ServiceApplicationsTable>;
export type ApplicationEventRow = Selectable<ServiceApplicationEventsTable>;
export type DocumentMeta = Omit<Selectable<ServiceApplicationDocumentsTable>, 'content'>;

// --- Definitions ---

/** The newest version of every service (the catalogue in force). */
export async function listCurrentDefinitions(db: Db): Promise<DefinitionRow[]> {
  return db
    .selectFrom('serviceDefinitions as d')
    .selectAll('d')
    .where('d.version', '=', (eb) =>
      eb
        .selectFrom('serviceDefinitions as n')
        .select((e) => e.fn.max('n.version').as('v'))
        .whereRef('n.serviceId', '=', 'd.serviceId'),
    )
    .orderBy('d.serviceId')
    .execute();
}

export async function findCurrentDefinition(db: Db, serviceId: string): Promise<DefinitionRow | undefined> {
  return db
    .selectFrom('serviceDefinitions')
    .selectAll()
    .where('serviceId', '=', serviceId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function findDefinitionById(db: Db, id: string): Promise<DefinitionRow | undefined> {
  return db.selectFrom('serviceDefinitions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function hasDefinitionDigest(db: Db, serviceId: string, sha256: string): Promise<boolean> {
  const row = await db
    .selectFrom('serviceDefinitions')
    .select('id')
    .where('serviceId', '=', serviceId)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
  return row !== undefined;
}

export async function listDefinitionVersions(db: Db, serviceId: string): Promise<DefinitionRow[]> {
  return db
    .selectFrom('serviceDefinitions')
    .selectAll()
    .where('serviceId', '=', serviceId)
    .orderBy('version', 'desc')
    .execute();
}

/** Inserts a version; false when another writer took the same number first (the unique key). */
export async function insertDefinition(db: Db, row: Insertable<ServiceDefinitionsTable>): Promise<boolean> {
  try {
    await db.insertInto('serviceDefinitions').values(row).execute();
    return true;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE') return false;
    throw error;
  }
}

// --- Applications ---

export async function insertApplication(db: Db, row: Insertable<ServiceApplicationsTable>): Promise<void> {
  await db.insertInto('serviceApplications').values(row).execute();
}

export async function findApplication(db: Db, id: string): Promise<ApplicationRow | undefined> {
  return db.selectFrom('serviceApplications').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Applies a change when the row is still at `version` (optimistic concurrency); the number of rows changed,
 * 0 when someone else saved or decided first.
 */
export async function updateApplication(
  db: Db,
  id: string,
  version: number,
  changes: Updateable<ServiceApplicationsTable>,
): Promise<number> {
  const result = await db
    .updateTable('serviceApplications')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface ApplicationFilter {
  userId?: string;
  /** Mission codes the reader may see; undefined for every mission. */
  missions?: readonly string[];
  mission?: string;
  status?: ApplicationStatus;
  serviceId?: string;
  /** Part of the reference or of the applicant's name or e-mail. */
  q?: string;
  /** Staff never see drafts: they are the citizen's own notes until submitted. */
  excludeDrafts?: boolean;
}

export type ApplicationListRow = ApplicationRow & { applicantName: string; definition: string; serviceVersion: number };

function listQuery(db: Db, filter: ApplicationFilter) {
  let query = db
    .selectFrom('serviceApplications as a')
    .innerJoin('users as u', 'u.id', 'a.userId')
    .innerJoin('serviceDefinitions as d', 'd.id', 'a.definitionId');
  if (filter.userId) query = query.where('a.userId', '=', filter.userId);
  if (filter.missions) {
    query = filter.missions.length
      ? query.where('a.missionCode', 'in', [...filter.missions])
      : query.where(sql<boolean>`1 = 0`);
  }
  if (filter.mission) query = query.where('a.missionCode', '=', filter.mission);
  if (filter.status) query = query.where('a.status', '=', filter.status);
  if (filter.serviceId) query = query.where('a.serviceId', '=', filter.serviceId);
  if (filter.excludeDrafts) query = query.where('a.status', '!=', 'draft');
  if (filter.q?.trim()) {
    const like = `%${filter.q
      .trim()
      .toLowerCase()
      .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['a.reference']), 'like', sql<string>`${like} escape '\\'`),
        eb(eb.fn('lower', ['u.displayName']), 'like', sql<string>`${like} escape '\\'`),
        eb(eb.fn('lower', ['u.email']), 'like', sql<string>`${like} escape '\\'`),
      ]),
    );
  }
  return query;
}

/** One page of applications, oldest submission first for staff queues (first come, first served). */
export async function listApplications(
  db: Db,
  filter: ApplicationFilter,
  page: number,
  pageSize: number,
  order: 'queue' | 'recent',
): Promise<{ rows: ApplicationListRow[]; total: number }> {
  let query = listQuery(db, filter)
    .selectAll('a')
    .select(['u.displayName as applicantName', 'd.definition as definition', 'd.version as serviceVersion']);
  query =
    order === 'queue'
      ? query.orderBy('a.submittedAt', 'asc').orderBy('a.id', 'asc')
      : query.orderBy('a.updatedAt', 'desc').orderBy('a.id', 'desc');
  const rows = await query
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const count = await listQuery(db, filter)
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(count.n) };
}

export async function insertApplicationEvent(db: Db, row: Insertable<ServiceApplicationEventsTable>): Promise<void> {
  await db.insertInto('serviceApplicationEvents').values(row).execute();
}

export async function listApplicationEvents(db: Db, applicationId: string): Promise<ApplicationEventRow[]> {
  return db
    .selectFrom('serviceApplicationEvents')
    .selectAll()
    .where('applicationId', '=', applicationId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

// --- Documents ---

const DOCUMENT_META = [
  'id',
  'applicationId',
  'field',
  'fileName',
  'mediaType',
  'sizeBytes',
  'width',
  'height',
  'sha256',
  'uploadedBy',
  'createdAt',
] as const;

export async function insertDocument(db: Db, row: Insertable<ServiceApplicationDocumentsTable>): Promise<void> {
  await db.insertInto('serviceApplicationDocuments').values(row).execute();
}

/** Removes the documents of a field (a draft's photo replaced by a better one). */
export async function deleteFieldDocuments(db: Db, applicationId: string, field: string): Promise<void> {
  await db
    .deleteFrom('serviceApplicationDocuments')
    .where('applicationId', '=', applicationId)
    .where('field', '=', field)
    .execute();
}

export async function listDocuments(db: Db, applicationId: string): Promise<DocumentMeta[]> {
  return db
    .selectFrom('serviceApplicationDocuments')
    .select(DOCUMENT_META)
    .where('applicationId', '=', applicationId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

export async function findDocument(
  db: Db,
  applicationId: string,
  id: string,
): Promise<(DocumentMeta & { content: Uint8Array }) | undefined> {
  return db
    .selectFrom('serviceApplicationDocuments')
    .selectAll()
    .where('applicationId', '=', applicationId)
    .where('id', '=', id)
    .executeTakeFirst();
}
