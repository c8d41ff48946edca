import type { Insertable, Selectable } from 'kysely';
import { dialectOf } from '../../db/dialect/dialect.ts';
import type { Db } from '../../db/schema.ts';
import type { BusinessesTable, BusinessSitesTable, StaffImportsTable } from '../../db/tables/registry.table.ts';
import { cellOf } from '../registry/registry.cell.ts';

export type BusinessRow = Selectable<BusinessesTable>;
export type SiteRow = Selectable<BusinessSitesTable>;
export type StaffImportRow = Selectable<StaffImportsTable>;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function insertBusiness(db: Db, row: Insertable<BusinessesTable>): Promise<void> {
  await db.insertInto('businesses').values(row).execute();
}

export async function findBusiness(db: Db, id: string): Promise<BusinessRow | undefined> {
  return db.selectFrom('businesses').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listBusinessesOwnedBy(db: Db, userId: string): Promise<BusinessRow[]> {
  return db.selectFrom('businesses').selectAll().where('ownerUserId', '=', userId).orderBy('name').execute();
}

export async function updateBusiness(
  db: Db,
  id: string,
  fields: Pick<BusinessesTable, 'name' | 'registrationNumber' | 'sector' | 'updatedAt'>,
): Promise<void> {
  await db.updateTable('businesses').set(fields).where('id', '=', id).execute();
}

/** Removes an organisation; its sites, staff records (and their channels and site links) and imports go too. */
export async function deleteBusiness(db: Db, id: string): Promise<void> {
  await db.deleteFrom('persons').where('businessId', '=', id).execute();
  await db.deleteFrom('businesses').where('id', '=', id).execute();
}

/** Site and staff counts per organisation, for the organisation list. */
export async function countSitesAndStaff(
  db: Db,
  businessIds: readonly string[],
): Promise<Map<string, { sites: number; staff: number }>> {
  const counts = new Map<string, { sites: number; staff: number }>();
  if (businessIds.length === 0) return counts;
  for (const id of businessIds) counts.set(id, { sites: 0, staff: 0 });
  const sites = await db
    .selectFrom('businessSites')
    .select(['businessId', (eb) => eb.fn.countAll<number>().as('n')])
    .where('businessId', 'in', businessIds)
    .groupBy('businessId')
    .execute();
  for (const s of sites) (counts.get(s.businessId) as { sites: number }).sites = Number(s.n);
  const staff = await db
    .selectFrom('persons')
    .select(['businessId', (eb) => eb.fn.countAll<number>().as('n')])
    .where('businessId', 'in', businessIds)
    .groupBy('businessId')
    .execute();
  for (const s of staff) if (s.businessId) (counts.get(s.businessId) as { staff: number }).staff = Number(s.n);
  return counts;
}

export type SiteFields = Omit<BusinessSitesTable, 'id' | 'businessId' | 'cell' | 'createdAt'>;

export async function insertSite(
  db: Db,
  row: SiteFields & { id: string; businessId: string; createdAt: string },
): Promise<void> {
  await db
    .insertInto('businessSites')
    .values({ ...row, cell: cellOf(row.lat, row.lon) })
    .execute();
}

export async function updateSite(db: Db, id: string, fields: SiteFields): Promise<void> {
  await db
    .updateTable('businessSites')
    .set({ ...fields, cell: cellOf(fields.lat, fields.lon) })
    .where('id', '=', id)
    .execute();
}

/** Removes a site and the staff records that were listed at it. */
export async function deleteSite(db: Db, id: string): Promise<void> {
  await db
    .deleteFrom('persons')
    .where('id', 'in', (eb) => eb.selectFrom('businessStaff').select('personId').where('siteId', '=', id))
    .where('businessId', 'is not', null)
    .execute();
  await db.deleteFrom('businessSites').where('id', '=', id).execute();
}

export async function findSite(db: Db, id: string): Promise<SiteRow | undefined> {
  return db.selectFrom('businessSites').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listSites(db: Db, businessId: string): Promise<SiteRow[]> {
  return db.selectFrom('businessSites').selectAll().where('businessId', '=', businessId).orderBy('name').execute();
}

export async function countStaffBySite(db: Db, siteIds: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (siteIds.length === 0) return counts;
  const rows = await db
    .selectFrom('businessStaff')
    .select(['siteId', (eb) => eb.fn.countAll<number>().as('n')])
    .where('siteId', 'in', siteIds)
    .groupBy('siteId')
    .execute();
  for (const r of rows) counts.set(r.siteId, Number(r.n));
  return counts;
}

export interface StaffFilter {
  businessId: string;
  siteId?: string;
  q?: string;
}

function staffQuery(db: Db, filter: StaffFilter) {
  let query = db
    .selectFrom('persons as p')
    .innerJoin('businessStaff as bs', 'bs.personId', 'p.id')
    .innerJoin('businessSites as s', 's.id', 'bs.siteId')
    .where('p.businessId', '=', filter.businessId);
  if (filter.siteId) query = query.where('bs.siteId', '=', filter.siteId);
  if (filter.q?.trim()) {
    const like = dialectOf(db).likeInsensitive;
    const pattern = `%${escapeLike(filter.q.trim())}%`;
    query = query.where((eb) =>
      eb.or([
        eb(eb.ref('p.familyName'), like, eb.val(pattern)),
        eb(eb.ref('p.givenName'), like, eb.val(pattern)),
        eb(eb.ref('p.nativeName'), like, eb.val(pattern)),
        eb(eb.ref('p.passportNumber'), like, eb.val(pattern)),
      ]),
    );
  }
  return query;
}

export async function countStaff(db: Db, filter: StaffFilter): Promise<number> {
  const row = await staffQuery(db, filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function listStaff(db: Db, filter: StaffFilter, limit: number, offset: number) {
  return staffQuery(db, filter)
    .select([
      'p.id',
      'p.familyName',
      'p.givenName',
      'p.nativeName',
      'p.passportNumber',
      'p.birthDate',
      'p.locale',
      'bs.role',
      'bs.siteId',
      's.name as siteName',
    ])
    .orderBy('p.familyName')
    .orderBy('p.givenName')
    .orderBy('p.id')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** The channels of some persons, for the staff list (one query for the page). */
export async function listChannels(db: Db, personIds: readonly string[]) {
  if (personIds.length === 0) return [];
  return db
    .selectFrom('personChannels')
    .select(['personId', 'kind', 'address'])
    .where('personId', 'in', personIds)
    .orderBy('createdAt')
    .execute();
}

export async function insertStaffImport(db: Db, row: Insertable<StaffImportsTable>): Promise<void> {
  await db.insertInto('staffImports').values(row).execute();
}

export async function findStaffImport(db: Db, businessId: string, id: string): Promise<StaffImportRow | undefined> {
  return db
    .selectFrom('staffImports')
    .selectAll()
    .where('businessId', '=', businessId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function listStaffImports(db: Db, businessId: string, limit: number): Promise<StaffImportRow[]> {
  return db
    .selectFrom('staffImports')
    .selectAll()
    .where('businessId', '=', businessId)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
