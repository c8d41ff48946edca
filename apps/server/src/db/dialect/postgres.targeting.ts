import { type RawBuilder, sql } from 'kysely';
import type { ChannelKind, PresenceKind } from '../tables/registry.table.ts';

/** What one targeting scan walks: whole countries, whole regions, and half-open ranges of geohash cells. */
export interface AreaScan {
  countries: readonly string[];
  regions: readonly string[];
  ranges: readonly { lo: string; hi: string | null }[];
  /** The day asked about, YYYY-MM-DD. */
  day: string;
  /** Only the persons whose id hashes to `index` modulo `of`: disjoint parts that can be read in parallel. */
  part: { index: number; of: number };
}

export interface AreaPresenceRow {
  id: string;
  personId: string;
  dependentId: string | null;
  kind: PresenceKind;
  /** Found by a country or region named in the area (so in it); otherwise by a cell range, to be checked. */
  named: boolean;
  lat: number | null;
  lon: number | null;
  /** A residence of someone (person or dependent) who is on a trip that day: not where they are now. */
  away: boolean;
  /** The language of the person, also for their dependents. */
  locale: string;
  /**
   * One of the person's channels: a presence comes once per channel of its person (once with nulls for none), in
   * no set order (ordering them costs a sort per presence).
   */
  channelKind: ChannelKind | null;
  address: string | null;
  verified: boolean | null;
}

// Above any 8-character geohash, for a range without an upper bound.
const LAST_CELL = 'zzzzzzzzz';

/**
 * The presences current on the day in the countries, then the regions (outside those countries), then the cell
 * ranges (outside both): each presence once. Sorted by person and dependent, so that a subject's presences in the
 * area arrive together, and so that the per-row lookups (a trip elsewhere, the language, the channels) walk their
 * indexes in order; all of them index-only scans with the covering indexes of migration 202611281350. The channels
 * are joined (a row per channel), which costs the server less than aggregating them per row.
 * The result columns are named as in AreaPresenceRow: run it without the CamelCasePlugin (`db.withoutPlugins()`),
 * which would otherwise copy every row only to rename its keys.
 */
export function areaPresencesQuery(scan: AreaScan): RawBuilder<AreaPresenceRow> {
  const { day } = scan;
  const countries = sql`${[...scan.countries]}::text[]`;
  const regions = sql`${[...scan.regions]}::text[]`;
  const current = (t: string) =>
    sql`${sql.ref(`${t}.arrival_on`)} <= ${day} and (${sql.ref(`${t}.departure_on`)} is null or ${sql.ref(`${t}.departure_on`)} >= ${day})`;
  const mine = sql`(hashtext(q.person_id) & 2147483647) % ${scan.part.of}::int = ${scan.part.index}::int`;
  const columns = sql`q.id, q.person_id, q.dependent_id, q.kind, q.lat, q.lon`;
  return sql<AreaPresenceRow>`
    with candidates as materialized (
      select ${columns}, true as named from presences q
      where q.country_code = any(${countries}) and ${current('q')} and ${mine}
      union all
      select ${columns}, true from presences q
      where q.region_code = any(${regions}) and not q.country_code = any(${countries}) and ${current('q')}
        and ${mine}
      union all
      select ${columns}, false
      from unnest(${scan.ranges.map((r) => r.lo)}::text[], ${scan.ranges.map((r) => r.hi ?? LAST_CELL)}::text[]) as r (lo, hi)
      cross join lateral (
        select ${columns} from presences q
        where q.cell >= r.lo and q.cell < r.hi and ${current('q')}
          and not q.country_code = any(${countries})
          and (q.region_code is null or not q.region_code = any(${regions}))
        offset 0
      ) q
      where ${mine}
    )
    select p.id, p.person_id as "personId", p.dependent_id as "dependentId", p.kind, p.named, p.lat, p.lon,
      p.kind = 'residence' and exists (
        select 1 from presences t
        where t.person_id = p.person_id and t.dependent_id is not distinct from p.dependent_id
          and t.kind = 'trip' and ${current('t')}
      ) as away,
      (select s.locale from persons s where s.id = p.person_id) as locale,
      c.kind as "channelKind", c.address, c.verified_at is not null as verified
    from (select * from candidates order by person_id, dependent_id nulls first, id offset 0) p
    left join lateral (
      select c.kind, c.address, c.verified_at from person_channels c where c.person_id = p.person_id
    ) c on true
    order by p.person_id, p.dependent_id nulls first, p.id`;
}
