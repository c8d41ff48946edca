import { type Expression, type SqlBool, sql } from 'kysely';
import { dialectOf } from '../../db/dialect/dialect.ts';
import type { Db } from '../../db/schema.ts';
import type { PresenceKind } from '../../db/tables/registry.table.ts';
import type { RegistrantScope } from '../../policy/registrants.policy.ts';
import { type Districts, placeInDistricts } from './registrants.districts.ts';

/** What the map, the table and the export filter by; `day` is the day asked about, `today` decides scope. */
export interface LocatedFilter {
  scope: NonNullable<RegistrantScope>;
  /** Every mission's district, loaded once per request: mission staff's reach is checked against it. */
  districts: Districts;
  day: string;
  today: string;
  country?: string;
  region?: string;
  kind?: PresenceKind;
  q?: string;
}

/**
 * "Where am I now", as SQL on the presence aliased `w`: it is current on the day, and no other presence of the
 * same subject (the person, or one dependent) current on the day ranks before it. A trip ranks before a
 * residence (decision 0005); then the latest arrival; then the smaller id, so each subject is in one place.
 * The correlated subquery walks `presences_person_idx` (person_id, arrival_on).
 */
function isWhereTheyAre(day: string): Expression<SqlBool> {
  return sql<SqlBool>`w.arrival_on <= ${day} and (w.departure_on is null or w.departure_on >= ${day})
    and not exists (select 1 from presences o
      where o.person_id = w.person_id
        and (o.dependent_id = w.dependent_id or (o.dependent_id is null and w.dependent_id is null))
        and o.id <> w.id
        and o.arrival_on <= ${day} and (o.departure_on is null or o.departure_on >= ${day})
        and ((o.kind = 'trip' and w.kind <> 'trip')
          or (o.kind = w.kind and (o.arrival_on > w.arrival_on or (o.arrival_on = w.arrival_on and o.id < w.id)))))`;
}

/** Mission staff see a person with a current or upcoming presence (theirs or a dependent's) in their districts. */
function isVisibleTo(f: LocatedFilter, alias = 'w'): Expression<SqlBool> {
  if (!('missions' in f.scope)) return sql<SqlBool>`1 = 1`;
  return sql<SqlBool>`exists (select 1 from presences s
    where s.person_id = ${sql.ref(`${alias}.person_id`)} and (s.departure_on is null or s.departure_on >= ${f.today})
      and ${placeInDistricts('s', f.districts, f.scope.missions)})`;
}

/** The names and passport numbers of the person, or of the dependent the row is about. */
function matchesSearch(db: Db, q: string): Expression<SqlBool> {
  const like = sql.raw(dialectOf(db).likeInsensitive);
  const pattern = `%${q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const passport = q.replace(/\s+/g, '').toUpperCase();
  const names = (t: string) =>
    sql`(${sql.ref(`${t}.family_name`)} || ' ' || ${sql.ref(`${t}.given_name`)} ${like} ${pattern} escape '\\'
      or ${sql.ref(`${t}.given_name`)} || ' ' || ${sql.ref(`${t}.family_name`)} ${like} ${pattern} escape '\\'
      or ${sql.ref(`${t}.native_name`)} ${like} ${pattern} escape '\\'
      or ${sql.ref(`${t}.passport_number`)} = ${passport})`;
  return sql<SqlBool>`(case when w.dependent_id is null then ${names('p')} else ${names('d')} end)`;
}

function located(db: Db, f: LocatedFilter) {
  let query = db
    .selectFrom('presences as w')
    .innerJoin('persons as p', 'p.id', 'w.personId')
    .leftJoin('dependents as d', 'd.id', 'w.dependentId')
    .where(isWhereTheyAre(f.day));
  if ('missions' in f.scope) query = query.where(isVisibleTo(f));
  if (f.country) query = query.where('w.countryCode', '=', f.country);
  if (f.region) query = query.where('w.regionCode', '=', f.region);
  if (f.kind) query = query.where('w.kind', '=', f.kind);
  if (f.q) query = query.where(matchesSearch(db, f.q));
  return query;
}

export interface PlaceCount {
  countryCode: string;
  regionCode: string | null;
  cityId: number | null;
  count: number;
}

/**
 * People present on the day per place (country, region, city), in one pass: the same "where am I now" as
 * `isWhereTheyAre`, written as a window (rank 1 per subject) because counting every row is cheaper that way
 * than one correlated lookup per row. The brute-force test in registrants.test.ts holds both to the same rule.
 */
export async function countByPlace(db: Db, f: Omit<LocatedFilter, 'q' | 'region'>): Promise<PlaceCount[]> {
  const ranked = db
    .selectFrom('presences as w')
    .select([
      'w.personId',
      'w.kind',
      'w.countryCode',
      'w.regionCode',
      'w.cityId',
      sql<number>`row_number() over (partition by w.person_id, w.dependent_id
        order by case when w.kind = 'trip' then 0 else 1 end, w.arrival_on desc, w.id)`.as('rank'),
    ])
    .where('w.arrivalOn', '<=', f.day)
    .where((eb) => eb.or([eb('w.departureOn', 'is', null), eb('w.departureOn', '>=', f.day)]));
  let query = db.selectFrom(ranked.as('r')).where('r.rank', '=', 1);
  if ('missions' in f.scope) query = query.where(isVisibleTo(f, 'r'));
  if (f.kind) query = query.where('r.kind', '=', f.kind);
  const rows = await query
    .select(['r.countryCode', 'r.regionCode', 'r.cityId', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['r.countryCode', 'r.regionCode', 'r.cityId'])
    .execute();
  return rows.map((r) => ({
    countryCode: r.countryCode,
    regionCode: r.regionCode,
    cityId: r.cityId === null ? null : Number(r.cityId),
    count: Number(r.n),
  }));
}

/** How many rows the table or the export has; without a name search, the persons table is not read. */
export async function countLocated(db: Db, f: LocatedFilter): Promise<number> {
  if (f.q) {
    const row = await located(db, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
  let query = db.selectFrom('presences as w').where(isWhereTheyAre(f.day));
  if ('missions' in f.scope) query = query.where(isVisibleTo(f));
  if (f.country) query = query.where('w.countryCode', '=', f.country);
  if (f.region) query = query.where('w.regionCode', '=', f.region);
  if (f.kind) query = query.where('w.kind', '=', f.kind);
  const row = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface LocatedRow {
  presenceId: string;
  personId: string;
  dependentId: string | null;
  familyName: string;
  givenName: string;
  nativeName: string | null;
  birthDate: string | null;
  sex: string | null;
  passportNumber: string | null;
  kind: PresenceKind;
  countryCode: string;
  regionCode: string | null;
  cityId: number | null;
  arrivalOn: string;
  departureOn: string | null;
}

// The row's own names: the dependent's when it is about a dependent, else the person's.
function selectLocated(db: Db, f: LocatedFilter) {
  const own = (column: string) =>
    sql<string>`case when w.dependent_id is null then ${sql.ref(`p.${column}`)} else ${sql.ref(`d.${column}`)} end`;
  return located(db, f).select([
    'w.id as presenceId',
    'w.personId',
    'w.dependentId',
    own('family_name').as('familyName'),
    own('given_name').as('givenName'),
    sql<string | null>`${own('native_name')}`.as('nativeName'),
    sql<string | null>`${own('birth_date')}`.as('birthDate'),
    sql<string | null>`${own('sex')}`.as('sex'),
    sql<string | null>`${own('passport_number')}`.as('passportNumber'),
    'w.kind',
    'w.countryCode',
    'w.regionCode',
    'w.cityId',
    'w.arrivalOn',
    'w.departureOn',
  ]);
}

/** One page of the table, by family name, given name, then presence id (a stable order for OFFSET). */
export async function listLocated(db: Db, f: LocatedFilter, limit: number, offset: number): Promise<LocatedRow[]> {
  return selectLocated(db, f)
    .orderBy('familyName')
    .orderBy('givenName')
    .orderBy('w.id')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** One page of the export, keyset-paged by presence id, so memory stays flat whatever the row count. */
export async function pageLocated(
  db: Db,
  f: LocatedFilter,
  after: string | null,
  limit: number,
): Promise<LocatedRow[]> {
  let query = selectLocated(db, f);
  if (after !== null) query = query.where('w.id', '>', after);
  return query.orderBy('w.id').limit(limit).execute();
}

/** The first e-mail address and phone number of each of these persons. */
export async function listContactChannels(
  db: Db,
  personIds: readonly string[],
): Promise<{ personId: string; kind: string; address: string }[]> {
  if (personIds.length === 0) return [];
  return db
    .selectFrom('personChannels')
    .select(['personId', 'kind', 'address'])
    .where('personId', 'in', personIds)
    .where('kind', 'in', ['email', 'sms', 'voice'])
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

/** Every mission's district and the embassies, to answer "which mission" for many places without a query each. */
export async function loadDistricts(db: Db): Promise<{
  claims: { missionCode: string; countryCode: string; regionCode: string }[];
  embassies: { code: string; countryCode: string }[];
}> {
  const [claims, embassies] = await Promise.all([
    db.selectFrom('missionJurisdictions').select(['missionCode', 'countryCode', 'regionCode']).execute(),
    db.selectFrom('missions').select(['code', 'countryCode']).where('kind', '=', 'embassy').orderBy('code').execute(),
  ]);
  return { claims, embassies };
}
