import type { CampaignRegistrationStatus } from '@homeward/shared';
import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import { dialectOf } from '../../db/dialect/dialect.ts';
import type { Db } from '../../db/schema.ts';
import type {
  CampaignAllocationRunsTable,
  CampaignDosesTable,
  CampaignRegistrationsTable,
  CampaignSeatsTable,
} from '../../db/tables/campaigns.table.ts';

export type RegistrationRow = Selectable<CampaignRegistrationsTable>;
export type SeatRow = Selectable<CampaignSeatsTable>;
export type DoseRow = Selectable<CampaignDosesTable>;
export type RunRow = Selectable<CampaignAllocationRunsTable>;

/** Registrations that hold (or held) a person's place: only these block a second registration. */
export const ACTIVE_STATUSES: CampaignRegistrationStatus[] = ['waiting', 'allocated', 'checked_in'];

/** A new registration; false when the person already has an active one for the campaign (the unique index). */
export async function insertRegistration(db: Db, row: Insertable<CampaignRegistrationsTable>): Promise<boolean> {
  const inserted = await db
    .insertInto('campaignRegistrations')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .execute();
  return inserted.length === 1;
}

export async function findRegistration(db: Db, id: string): Promise<RegistrationRow | undefined> {
  return db.selectFrom('campaignRegistrations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Moves a registration on only if it is still in one of `from` (no lost updates). */
export async function setRegistrationStatus(
  db: Db,
  id: string,
  from: CampaignRegistrationStatus[],
  changes: Updateable<CampaignRegistrationsTable> & { status: CampaignRegistrationStatus; updatedAt: string },
): Promise<boolean> {
  const result = await db
    .updateTable('campaignRegistrations')
    .set(changes)
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** A user's registrations, newest first, with their seats. */
export async function listRegistrationsOfUser(db: Db, userId: string, campaignId?: string) {
  let query = db
    .selectFrom('campaignRegistrations as r')
    .leftJoin('campaignSeats as s', 's.registrationId', 'r.id')
    .selectAll('r')
    .select(['s.siteId as seatSiteId', 's.sessionId', 's.slotStart', 's.slotEnd', 's.seat'])
    .where('r.userId', '=', userId);
  if (campaignId) query = query.where('r.campaignId', '=', campaignId);
  return query.orderBy('r.registeredAt', 'desc').orderBy('r.id', 'desc').limit(200).execute();
}
export type MyRegistrationRow = Awaited<ReturnType<typeof listRegistrationsOfUser>>[number];

/** The people waiting for a seat, in the order the campaign gives seats. */
export async function listWaiting(db: Db, campaignId: string, byPriority: boolean): Promise<RegistrationRow[]> {
  let query = db
    .selectFrom('campaignRegistrations')
    .selectAll()
    .where('campaignId', '=', campaignId)
    .where('status', '=', 'waiting');
  if (byPriority) query = query.orderBy('priorityRank');
  return query.orderBy('registeredAt').orderBy('id').execute();
}

/**
 * Takes the lowest free seat of one slot in ONE statement (INSERT … SELECT over the seat numbers), as the
 * appointments do (decision 0019): the primary key (session, slot, seat) lets one of two racing inserts in and
 * the unique registration id refuses a second seat for the same person; ON CONFLICT DO NOTHING turns either into
 * no row, without aborting the transaction. Returns the seat, or null (slot full, seat lost to a racing insert,
 * or the registration already seated).
 */
export async function claimSeat(db: Db, row: Omit<Insertable<CampaignSeatsTable>, 'seat'>, capacity: number) {
  const result = await sql<{ seat: number }>`
    with recursive seats(n) as (select 1 union all select n + 1 from seats where n < ${capacity})
    insert into campaign_seats (session_id, slot_start, seat, slot_end, registration_id, campaign_id, site_id,
      created_at)
    select ${row.sessionId}, ${row.slotStart}, n, ${row.slotEnd}, ${row.registrationId}, ${row.campaignId},
      ${row.siteId}, ${row.createdAt}
    from seats
    where n not in (select seat from campaign_seats where session_id = ${row.sessionId}
      and slot_start = ${row.slotStart})
    order by n
    limit 1
    on conflict do nothing
    returning seat`.execute(db);
  const first = result.rows[0];
  return first ? Number(first.seat) : null;
}

export async function deleteSeatOf(db: Db, registrationId: string): Promise<void> {
  await db.deleteFrom('campaignSeats').where('registrationId', '=', registrationId).execute();
}

export async function findSeatOf(db: Db, registrationId: string): Promise<SeatRow | undefined> {
  return db.selectFrom('campaignSeats').selectAll().where('registrationId', '=', registrationId).executeTakeFirst();
}

/** Seats taken per slot of the given sessions, keyed `sessionId|slotStart`. */
export async function seatsTaken(db: Db, campaignId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('campaignSeats')
    .select(['sessionId', 'slotStart', (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('campaignId', '=', campaignId)
    .groupBy(['sessionId', 'slotStart'])
    .execute();
  return new Map(rows.map((r) => [`${r.sessionId}|${r.slotStart}`, Number(r.n)]));
}

export async function countSeatsAt(db: Db, sessionId: string, slotStart: string): Promise<number> {
  const row = await db
    .selectFrom('campaignSeats')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('sessionId', '=', sessionId)
    .where('slotStart', '=', slotStart)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface StaffRegistrationFilter {
  campaignId: string;
  siteId?: string;
  status?: CampaignRegistrationStatus;
  priorityGroup?: string;
  q?: string;
  /** Only registrations seated at, or preferring, a site of these missions. */
  missions?: readonly string[];
  /** Only seats in [from, to) (a site's day). */
  slotFrom?: string;
  slotTo?: string;
}

function staffQuery(db: Db, filter: StaffRegistrationFilter) {
  let query = db
    .selectFrom('campaignRegistrations as r')
    .innerJoin('persons as p', 'p.id', 'r.personId')
    .leftJoin('campaignSeats as s', 's.registrationId', 'r.id')
    .leftJoin('campaignSites as st', (join) =>
      join.on((eb) => eb('st.id', '=', eb.fn.coalesce('s.siteId', 'r.preferredSiteId'))),
    )
    .where('r.campaignId', '=', filter.campaignId);
  if (filter.siteId) query = query.where('st.id', '=', filter.siteId);
  if (filter.status) query = query.where('r.status', '=', filter.status);
  if (filter.priorityGroup) query = query.where('r.priorityGroup', '=', filter.priorityGroup);
  if (filter.missions) {
    const missions = [...filter.missions];
    query = missions.length ? query.where('st.missionCode', 'in', missions) : query.where(sql<boolean>`1 = 0`);
  }
  if (filter.slotFrom && filter.slotTo) {
    query = query.where('s.slotStart', '>=', filter.slotFrom).where('s.slotStart', '<', filter.slotTo);
  }
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const op = dialectOf(db).likeInsensitive;
    query = query.where((eb) =>
      eb.or([
        eb('p.familyName', op, like),
        eb('p.givenName', op, like),
        eb('p.nativeName', op, like),
        eb('p.passportNumber', '=', filter.q?.toUpperCase() ?? ''),
      ]),
    );
  }
  return query;
}

export async function listStaffRegistrations(db: Db, filter: StaffRegistrationFilter, limit: number, offset: number) {
  return staffQuery(db, filter)
    .selectAll('r')
    .select([
      'p.familyName',
      'p.givenName',
      'p.nativeName',
      'p.birthDate',
      's.siteId as seatSiteId',
      's.sessionId',
      's.slotStart',
      's.slotEnd',
      's.seat',
    ])
    .orderBy('s.slotStart')
    .orderBy('r.registeredAt')
    .orderBy('r.id')
    .limit(limit)
    .offset(offset)
    .execute();
}
export type StaffRegistrationRow = Awaited<ReturnType<typeof listStaffRegistrations>>[number];

export async function countStaffRegistrations(db: Db, filter: StaffRegistrationFilter): Promise<number> {
  const row = await staffQuery(db, filter)
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One registration as staff see it (or none). */
export async function findStaffRegistration(db: Db, id: string): Promise<StaffRegistrationRow | undefined> {
  return db
    .selectFrom('campaignRegistrations as r')
    .innerJoin('persons as p', 'p.id', 'r.personId')
    .leftJoin('campaignSeats as s', 's.registrationId', 'r.id')
    .selectAll('r')
    .select([
      'p.familyName',
      'p.givenName',
      'p.nativeName',
      'p.birthDate',
      's.siteId as seatSiteId',
      's.sessionId',
      's.slotStart',
      's.slotEnd',
      's.seat',
    ])
    .where('r.id', '=', id)
    .executeTakeFirst();
}

/** A dose; false when that dose number is recorded for the person in this campaign already. */
export async function insertDose(db: Db, row: Insertable<CampaignDosesTable>): Promise<boolean> {
  const inserted = await db
    .insertInto('campaignDoses')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .execute();
  return inserted.length === 1;
}

export async function findDose(db: Db, id: string): Promise<DoseRow | undefined> {
  return db.selectFrom('campaignDoses').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listDosesOf(db: Db, registrationIds: string[]): Promise<DoseRow[]> {
  if (registrationIds.length === 0) return [];
  return db
    .selectFrom('campaignDoses')
    .selectAll()
    .where('registrationId', 'in', registrationIds)
    .orderBy('doseNumber')
    .execute();
}

export async function listDosesOfPerson(db: Db, personId: string): Promise<DoseRow[]> {
  return db
    .selectFrom('campaignDoses')
    .selectAll()
    .where('personId', '=', personId)
    .orderBy('administeredOn', 'desc')
    .orderBy('doseNumber', 'desc')
    .limit(200)
    .execute();
}

/** Links the certificate issued from a dose; false when the dose has one already. */
export async function setDoseCertificate(db: Db, id: string, certificateId: string): Promise<boolean> {
  const result = await db
    .updateTable('campaignDoses')
    .set({ certificateId })
    .where('id', '=', id)
    .where('certificateId', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function insertRun(db: Db, row: Insertable<CampaignAllocationRunsTable>): Promise<void> {
  await db.insertInto('campaignAllocationRuns').values(row).execute();
}

export async function updateRun(db: Db, id: string, changes: Updateable<CampaignAllocationRunsTable>) {
  await db.updateTable('campaignAllocationRuns').set(changes).where('id', '=', id).execute();
}

export async function lastRun(db: Db, campaignId: string): Promise<RunRow | undefined> {
  return db
    .selectFrom('campaignAllocationRuns')
    .selectAll()
    .where('campaignId', '=', campaignId)
    .orderBy('requestedAt', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/** The countries a person is present in on a day (their own residences and trips, not their dependents'). */
export async function presentCountries(db: Db, personId: string, day: string): Promise<string[]> {
  const rows = await db
    .selectFrom('presences')
    .select('countryCode')
    .distinct()
    .where('personId', '=', personId)
    .where('dependentId', 'is', null)
    .where('arrivalOn', '<=', day)
    .where((eb) => eb.or([eb('departureOn', 'is', null), eb('departureOn', '>=', day)]))
    .execute();
  return rows.map((r) => r.countryCode);
}
