import type { CampaignStatus } from '@homeward/shared';
import type { Insertable, Selectable, Updateable } from 'kysely';
import { dialectOf } from '../../db/dialect/dialect.ts';
import type { Db } from '../../db/schema.ts';
import type { CampaignSessionsTable, CampaignSitesTable, CampaignsTable } from '../../db/tables/campaigns.table.ts';

export type CampaignRow = Selectable<CampaignsTable>;
export type SiteRow = Selectable<CampaignSitesTable>;
export type SessionRow = Selectable<CampaignSessionsTable>;

/** Campaigns, their sites and sessions: one query per function (decision 0024). */

export async function insertCampaign(db: Db, row: Insertable<CampaignsTable>): Promise<boolean> {
  const inserted = await db
    .insertInto('campaigns')
    .values(row)
    .onConflict((oc) => oc.column('code').doNothing())
    .returning('id')
    .execute();
  return inserted.length === 1;
}

export async function findCampaign(db: Db, id: string): Promise<CampaignRow | undefined> {
  return db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findCampaignByCode(db: Db, code: string): Promise<CampaignRow | undefined> {
  return db.selectFrom('campaigns').selectAll().where('code', '=', code).executeTakeFirst();
}

/** Writes a change only over the version the editor saw; false when someone else changed it first. */
export async function updateCampaign(
  db: Db,
  id: string,
  version: number,
  changes: Updateable<CampaignsTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('campaigns')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function setCampaignStatus(
  db: Db,
  id: string,
  from: CampaignStatus,
  to: CampaignStatus,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('campaigns')
    .set((eb) => ({ status: to, updatedAt: at, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export interface CampaignFilter {
  status?: CampaignStatus;
  q?: string;
}

function filtered(db: Db, filter: CampaignFilter) {
  let query = db.selectFrom('campaigns');
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const op = dialectOf(db).likeInsensitive;
    query = query.where((eb) => eb.or([eb('code', op, like), eb('titleEn', op, like), eb('titleZh', op, like)]));
  }
  return query;
}

export async function listCampaigns(db: Db, filter: CampaignFilter, limit: number, offset: number) {
  return filtered(db, filter)
    .selectAll()
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function countCampaigns(db: Db, filter: CampaignFilter): Promise<number> {
  const row = await filtered(db, filter)
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Open campaigns, soonest closing first (the citizen's list). */
export async function listOpenCampaigns(db: Db): Promise<CampaignRow[]> {
  return db
    .selectFrom('campaigns')
    .selectAll()
    .where('status', '=', 'open')
    .orderBy('registrationClosesAt')
    .limit(100)
    .execute();
}

export interface CampaignCounts {
  sites: number;
  registered: number;
  allocated: number;
}

/** Sites, live registrations and given seats per campaign, in three grouped queries. */
export async function countsOf(db: Db, ids: string[]): Promise<Map<string, CampaignCounts>> {
  const counts = new Map(ids.map((id) => [id, { sites: 0, registered: 0, allocated: 0 }]));
  if (ids.length === 0) return counts;
  const sites = await db
    .selectFrom('campaignSites')
    .select(['campaignId', (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('campaignId', 'in', ids)
    .groupBy('campaignId')
    .execute();
  const registered = await db
    .selectFrom('campaignRegistrations')
    .select(['campaignId', (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('campaignId', 'in', ids)
    .where('status', '<>', 'cancelled')
    .groupBy('campaignId')
    .execute();
  const seats = await db
    .selectFrom('campaignSeats')
    .select(['campaignId', (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('campaignId', 'in', ids)
    .groupBy('campaignId')
    .execute();
  for (const r of sites) {
    const c = counts.get(r.campaignId);
    if (c) c.sites = Number(r.n);
  }
  for (const r of registered) {
    const c = counts.get(r.campaignId);
    if (c) c.registered = Number(r.n);
  }
  for (const r of seats) {
    const c = counts.get(r.campaignId);
    if (c) c.allocated = Number(r.n);
  }
  return counts;
}

export async function insertSite(db: Db, row: Insertable<CampaignSitesTable>): Promise<void> {
  await db.insertInto('campaignSites').values(row).execute();
}

export async function updateSite(db: Db, id: string, changes: Updateable<CampaignSitesTable>): Promise<void> {
  await db.updateTable('campaignSites').set(changes).where('id', '=', id).execute();
}

export async function deleteSite(db: Db, id: string): Promise<void> {
  await db.deleteFrom('campaignSites').where('id', '=', id).execute();
}

export async function findSite(db: Db, campaignId: string, id: string): Promise<SiteRow | undefined> {
  return db
    .selectFrom('campaignSites')
    .selectAll()
    .where('id', '=', id)
    .where('campaignId', '=', campaignId)
    .executeTakeFirst();
}

export async function findSiteById(db: Db, id: string): Promise<SiteRow | undefined> {
  return db.selectFrom('campaignSites').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listSitesOf(db: Db, campaignId: string): Promise<SiteRow[]> {
  return db
    .selectFrom('campaignSites')
    .selectAll()
    .where('campaignId', '=', campaignId)
    .orderBy('country')
    .orderBy('nameEn')
    .execute();
}

export async function insertSession(db: Db, row: Insertable<CampaignSessionsTable>): Promise<void> {
  await db.insertInto('campaignSessions').values(row).execute();
}

export async function findSession(db: Db, siteId: string, id: string): Promise<SessionRow | undefined> {
  return db
    .selectFrom('campaignSessions')
    .selectAll()
    .where('id', '=', id)
    .where('siteId', '=', siteId)
    .executeTakeFirst();
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('campaignSessions').where('id', '=', id).execute();
}

export async function listSessionsOf(db: Db, campaignId: string): Promise<SessionRow[]> {
  return db
    .selectFrom('campaignSessions')
    .selectAll()
    .where('campaignId', '=', campaignId)
    .orderBy('date')
    .orderBy('startMinute')
    .execute();
}

/** Seats given per session of a campaign. */
export async function seatsPerSession(db: Db, campaignId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('campaignSeats')
    .select(['sessionId', (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('campaignId', '=', campaignId)
    .groupBy('sessionId')
    .execute();
  return new Map(rows.map((r) => [r.sessionId, Number(r.n)]));
}

export async function countSeatsWhere(db: Db, column: 'siteId' | 'sessionId', id: string): Promise<number> {
  const row = await db
    .selectFrom('campaignSeats')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where(column, '=', id)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
