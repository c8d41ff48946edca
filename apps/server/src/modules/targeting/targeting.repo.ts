import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/schema.ts';
import type { ChannelKind, PresenceKind } from '../../db/tables/registry.table.ts';
import type { CellRange } from './targeting.geometry.ts';

/** One index range the engine walks: all rows of a country, of a region, or of a run of geohash cells. */
export type ScanSource =
  | { kind: 'country'; code: string }
  | { kind: 'region'; code: string }
  | { kind: 'cells'; range: CellRange };

/** Where the previous page of a scan stopped (keyset pagination: no OFFSET, no list of seen ids). */
export interface ScanCursor {
  cell: string | null;
  id: string;
}

export interface Located {
  id: string;
  countryCode: string;
  regionCode: string | null;
  lat: number | null;
  lon: number | null;
  cell: string | null;
}

export interface PresenceRow extends Located {
  personId: string;
  dependentId: string | null;
  kind: PresenceKind;
}

const PRESENCE_COLUMNS = [
  'id',
  'personId',
  'dependentId',
  'kind',
  'countryCode',
  'regionCode',
  'lat',
  'lon',
  'cell',
] as const;
const SITE_COLUMNS = ['id', 'countryCode', 'regionCode', 'lat', 'lon', 'cell'] as const;

// The WHERE of one page of a scan, the same for presences and business sites: raw fragments because the
// column names are shared by both tables (the CamelCasePlugin still maps them to snake_case).
function pageOf(source: ScanSource, after: ScanCursor | null): RawBuilder<SqlBool> {
  const parts: RawBuilder<unknown>[] = [];
  if (source.kind === 'country') parts.push(sql`${sql.ref('countryCode')} = ${source.code}`);
  else if (source.kind === 'region') parts.push(sql`${sql.ref('regionCode')} = ${source.code}`);
  if (source.kind !== 'cells') {
    if (after) parts.push(sql`${sql.ref('id')} > ${after.id}`);
  } else {
    const lo = after?.cell && after.cell > source.range.lo ? after.cell : source.range.lo;
    parts.push(sql`${sql.ref('cell')} >= ${lo}`);
    if (source.range.hi !== null) parts.push(sql`${sql.ref('cell')} < ${source.range.hi}`);
    if (after?.cell) parts.push(sql`(${sql.ref('cell')} > ${after.cell} or ${sql.ref('id')} > ${after.id})`);
  }
  return sql<SqlBool>`${sql.join(parts, sql` and `)}`;
}

export interface ScannedPresence extends PresenceRow {
  /** Whether the same person has another presence current on the day (theirs or a dependent's). */
  hasOthers: boolean;
}

/**
 * One page of the presences in a source that are current on `day` (YYYY-MM-DD), in index order, each flagged
 * when its person has other current presences: only those need a second look ("where am I now").
 */
export async function scanPresences(
  db: Db,
  source: ScanSource,
  day: string,
  after: ScanCursor | null,
  limit: number,
): Promise<ScannedPresence[]> {
  let query = db
    .selectFrom('presences as p')
    .select(PRESENCE_COLUMNS.map((c) => `p.${c}` as const))
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('presences as o')
            .select('o.id')
            .whereRef('o.personId', '=', 'p.personId')
            .whereRef('o.id', '<>', 'p.id')
            .where('o.arrivalOn', '<=', day)
            .where((w) => w.or([w('o.departureOn', 'is', null), w('o.departureOn', '>=', day)])),
        )
        .as('hasOthers'),
    )
    .where(pageOf(source, after))
    .where('p.arrivalOn', '<=', day)
    .where((eb) => eb.or([eb('p.departureOn', 'is', null), eb('p.departureOn', '>=', day)]));
  if (source.kind === 'cells') query = query.orderBy('p.cell');
  const rows = await query.orderBy('p.id').limit(limit).execute();
  // SQLite answers EXISTS with 0/1, PostgreSQL with a boolean.
  return rows.map((r) => ({ ...r, hasOthers: Boolean(r.hasOthers) }));
}

/** Every presence current on `day` of these persons and of their dependents. */
export async function listCurrentPresences(db: Db, personIds: readonly string[], day: string): Promise<PresenceRow[]> {
  if (personIds.length === 0) return [];
  return db
    .selectFrom('presences')
    .select(PRESENCE_COLUMNS)
    .where('personId', 'in', personIds)
    .where('arrivalOn', '<=', day)
    .where((eb) => eb.or([eb('departureOn', 'is', null), eb('departureOn', '>=', day)]))
    .execute();
}

/** Whether any business site is registered: without one, the staff phase has nothing to walk. */
export async function anySites(db: Db): Promise<boolean> {
  return (await db.selectFrom('businessSites').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** One page of the business sites in a source, in index order. */
export async function scanSites(
  db: Db,
  source: ScanSource,
  after: ScanCursor | null,
  limit: number,
): Promise<Located[]> {
  let query = db.selectFrom('businessSites').select(SITE_COLUMNS).where(pageOf(source, after));
  if (source.kind === 'cells') query = query.orderBy('cell');
  return query.orderBy('id').limit(limit).execute();
}

export interface StaffRow {
  siteId: string;
  personId: string;
}

/** One page of the staff of these sites, by site then person. */
export async function scanStaff(
  db: Db,
  siteIds: readonly string[],
  after: StaffRow | null,
  limit: number,
): Promise<StaffRow[]> {
  if (siteIds.length === 0) return [];
  let query = db.selectFrom('businessStaff').select(['siteId', 'personId']).where('siteId', 'in', siteIds);
  if (after)
    query = query.where((eb) =>
      eb.or([
        eb('siteId', '>', after.siteId),
        eb.and([eb('siteId', '=', after.siteId), eb('personId', '>', after.personId)]),
      ]),
    );
  return query.orderBy('siteId').orderBy('personId').limit(limit).execute();
}

/** Every site where these persons work, with its place. */
export async function listSitesOfStaff(
  db: Db,
  personIds: readonly string[],
): Promise<(Located & { personId: string })[]> {
  if (personIds.length === 0) return [];
  return db
    .selectFrom('businessStaff as s')
    .innerJoin('businessSites as b', 'b.id', 's.siteId')
    .select(['s.personId', 'b.id', 'b.countryCode', 'b.regionCode', 'b.lat', 'b.lon', 'b.cell'])
    .where('s.personId', 'in', personIds)
    .execute();
}

/** One page of the persons following a country's advisories, by person id. */
export async function scanSubscribers(
  db: Db,
  countryCode: string,
  afterPersonId: string | null,
  limit: number,
): Promise<string[]> {
  let query = db.selectFrom('countrySubscriptions').select('personId').where('countryCode', '=', countryCode);
  if (afterPersonId !== null) query = query.where('personId', '>', afterPersonId);
  const rows = await query.orderBy('personId').limit(limit).execute();
  return rows.map((r) => r.personId);
}

/** Which of these countries each of these persons follows. */
export async function listSubscriptions(
  db: Db,
  personIds: readonly string[],
  countryCodes: readonly string[],
): Promise<{ personId: string; countryCode: string }[]> {
  if (personIds.length === 0 || countryCodes.length === 0) return [];
  return db
    .selectFrom('countrySubscriptions')
    .select(['personId', 'countryCode'])
    .where('personId', 'in', personIds)
    .where('countryCode', 'in', countryCodes)
    .execute();
}

export interface ContactRow {
  personId: string;
  locale: string;
  kind: ChannelKind | null;
  address: string | null;
  verifiedAt: string | null;
}

/** Each person's language and channels, one row per channel (one row with null channel fields for none). */
export async function listContacts(db: Db, personIds: readonly string[]): Promise<ContactRow[]> {
  if (personIds.length === 0) return [];
  return db
    .selectFrom('persons as p')
    .leftJoin('personChannels as c', 'c.personId', 'p.id')
    .select(['p.id as personId', 'p.locale', 'c.kind', 'c.address', 'c.verifiedAt'])
    .where('p.id', 'in', personIds)
    .orderBy('p.id')
    .orderBy('c.kind')
    .orderBy('c.address')
    .execute();
}
