import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect/dialect.ts';

// Covering indexes for the targeting engine on PostgreSQL (decision 0005, BENCHMARKS.md "targeting"): with them,
// walking an area's geohash ranges and looking up each recipient's trips, language and channels are index-only
// scans, instead of one random heap read per row and per lookup. The key columns are unchanged, so every other
// query keeps its plan. SQLite has no INCLUDE, and meets its target without them: nothing changes there.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen snapshots, not typed code
export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db).name !== 'postgres') return;
  await sql`drop index presences_cell_idx`.execute(db);
  await sql`create index presences_cell_idx on presences (cell, id)
    include (person_id, dependent_id, kind, country_code, region_code, lat, lon, arrival_on, departure_on)`.execute(db);
  await sql`drop index person_channels_person_idx`.execute(db);
  await sql`create unique index person_channels_person_idx on person_channels (person_id, kind, address)
    include (verified_at)`.execute(db);
  await sql`create unique index persons_locale_idx on persons (id) include (locale)`.execute(db);
  // Whether a subject is on a trip that day (then their residence does not count): trips only, so a small index.
  await sql`create index presences_trip_idx on presences (person_id, dependent_id)
    include (arrival_on, departure_on) where kind = 'trip'`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db).name !== 'postgres') return;
  await sql`drop index presences_trip_idx`.execute(db);
  await sql`drop index persons_locale_idx`.execute(db);
  await sql`drop index person_channels_person_idx`.execute(db);
  await sql`create unique index person_channels_person_idx on person_channels (person_id, kind, address)`.execute(db);
  await sql`drop index presences_cell_idx`.execute(db);
  await sql`create index presences_cell_idx on presences (cell, id)`.execute(db);
}
