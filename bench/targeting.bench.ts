// `npm run bench -- targeting`: synthetic presences spread over the inhabited latitudes, one polygon holding
// about 5% of them, and the time to stream every recipient through the targeting engine — beside a full scan
// of the same table testing every row against the same polygon (the baseline), in the same run.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { newId } from '../apps/server/src/clock.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { openDatabase } from '../apps/server/src/db/connect.ts';
import { migrateToLatest } from '../apps/server/src/db/migrate.ts';
import type { Db } from '../apps/server/src/db/schema.ts';
import { CELL_ALPHABET, cellOf } from '../apps/server/src/modules/registry/registry.cell.ts';
import {
  insertPersonChannels,
  insertPersons,
  insertPresences,
  type NewPresence,
} from '../apps/server/src/modules/registry/registry.repo.ts';
import { inPolygon } from '../apps/server/src/modules/targeting/targeting.geometry.ts';
import type { PolygonGeometry } from '../apps/server/src/modules/targeting/targeting.schema.ts';
import { targetRecipients } from '../apps/server/src/modules/targeting/targeting.service.ts';
import { fmt, ratio, rssMiB } from './lib.ts';

const SQLITE_ROWS = Number(process.env.BENCH_TARGETING_SQLITE_ROWS ?? 1_000_000);
// The issue's sizes. On the 2-core machine the whole run takes about 8 minutes, 4½ of them generating the
// PostgreSQL rows; set smaller sizes for a quick look, 0 to skip an engine, and `--reuse` to keep the data.
const PG_ROWS = Number(process.env.BENCH_TARGETING_PG_ROWS ?? 10_000_000);
const AT = '2026-11-28T12:00:00.000Z';
// Points are uniform in longitude and in latitude between these bounds (planar, as GeoJSON polygons are).
const MIN_LAT = -60;
const MAX_LAT = 70;

/** A 12-sided polygon whose planar area is `share` of the lon/lat box the points are drawn from. */
function polygonHolding(share: number, centreLat: number, centreLon: number): PolygonGeometry {
  const boxArea = 360 * (MAX_LAT - MIN_LAT);
  const radius = Math.sqrt((share * boxArea) / 3); // a regular 12-gon of circumradius R has area 3R²
  const ring = Array.from({ length: 12 }, (_, i) => {
    const angle = (2 * Math.PI * i) / 12;
    return [centreLon + radius * Math.cos(angle), centreLat + radius * Math.sin(angle)];
  });
  return { type: 'Polygon', coordinates: [[...ring, ring[0] ?? [centreLon, centreLat]]] };
}

const LARGE = polygonHolding(0.05, 5, 20);
const SMALL = polygonHolding(0.005, 40, -100);

// A seeded generator (mulberry32) so every run draws the same points.
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface RunResult {
  seconds: number;
  /** CPU time of this process (user + system) during the run: a figure less at the mercy of the machine's load. */
  cpuSeconds: number;
  found: number;
  peakRssMiB: number;
  startRssMiB: number;
  peakPrivateMiB: number;
  startPrivateMiB: number;
}

// The process's own memory (RssAnon on Linux): RSS without file pages, such as those of SQLite's memory map, which
// the kernel can drop at will and which grow with the database read, not with what the process holds.
function privateMiB(): number {
  try {
    const line = readFileSync('/proc/self/status', 'utf8').match(/^RssAnon:\s+(\d+) kB/m);
    if (line?.[1]) return Math.round(Number(line[1]) / 1024);
  } catch {
    // not Linux
  }
  return rssMiB();
}

/** Runs `work` while sampling RSS every 20 ms; reports the peak. */
async function measured(work: () => Promise<number>): Promise<RunResult> {
  const startRssMiB = rssMiB();
  const startPrivateMiB = privateMiB();
  let peak = startRssMiB;
  let peakPrivate = startPrivateMiB;
  const timer = setInterval(() => {
    peak = Math.max(peak, rssMiB());
    peakPrivate = Math.max(peakPrivate, privateMiB());
  }, 20);
  const cpu = process.cpuUsage();
  const start = performance.now();
  const found = await work();
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  clearInterval(timer);
  return {
    seconds,
    cpuSeconds: (used.user + used.system) / 1e6,
    found,
    peakRssMiB: Math.max(peak, rssMiB()),
    startRssMiB,
    peakPrivateMiB: Math.max(peakPrivate, privateMiB()),
    startPrivateMiB,
  };
}

async function streamEngine(db: Db, polygon: PolygonGeometry): Promise<number> {
  let found = 0;
  for await (const batch of targetRecipients(db, { polygons: [polygon] }, { at: AT, batchSize: 1000 })) {
    found += batch.length;
  }
  return found;
}

async function loadSqlite(db: Db, rows: number): Promise<number> {
  const next = random(42);
  const now = new Date().toISOString();
  const start = performance.now();
  const chunk = 20_000;
  for (let done = 0; done < rows; done += chunk) {
    const n = Math.min(chunk, rows - done);
    const persons = Array.from({ length: n }, () => newId());
    const presences: NewPresence[] = persons.map((personId) => ({
      id: newId(),
      personId,
      dependentId: null,
      kind: 'residence',
      countryCode: 'ZZ',
      regionCode: null,
      cityId: null,
      lat: MIN_LAT + next() * (MAX_LAT - MIN_LAT),
      lon: -180 + next() * 360,
      preciseConsent: false,
      arrivalOn: '2026-01-01',
      departureOn: null,
      purpose: null,
      createdAt: now,
    }));
    await db.transaction().execute(async (trx) => {
      await insertPersons(
        trx,
        persons.map((id) => ({
          id,
          familyName: 'Bench',
          givenName: 'Person',
          locale: 'zh-CN',
          createdAt: now,
          updatedAt: now,
        })),
      );
      await insertPersonChannels(
        trx,
        persons.map((personId) => ({
          id: newId(),
          personId,
          kind: 'email',
          address: `${personId}@bench.example`,
          createdAt: now,
        })),
      );
      await insertPresences(trx, presences);
    });
  }
  return (performance.now() - start) / 1000;
}

function scanSqlite(file: string, polygon: PolygonGeometry): Promise<number> {
  const raw = new SQLite(file, { readonly: true });
  let found = 0;
  const rows = raw
    .prepare('select id, person_id, lat, lon, arrival_on, departure_on from presences')
    .iterate() as IterableIterator<{
    lat: number | null;
    lon: number | null;
    arrival_on: string;
    departure_on: string | null;
  }>;
  const day = AT.slice(0, 10);
  for (const r of rows) {
    if (r.arrival_on > day || (r.departure_on !== null && r.departure_on < day)) continue;
    if (r.lat !== null && r.lon !== null && inPolygon(polygon, r.lat, r.lon)) found++;
  }
  raw.close();
  return Promise.resolve(found);
}

// The geohash of (lat, lon) in SQL, as ngeohash computes it: 20 bits of longitude and 20 of latitude, each bit
// 1 when the value is above the bisection's midpoint, interleaved longitude first (Morton order, by the usual
// bit-spreading masks), read as 8 base-32 characters. Plain nested expressions: PostgreSQL runs them fast, where
// a function call or a LATERAL per step costs ten times more per row.
const MASKS: [number, string][] = [
  [16, '281470681808895'],
  [8, '71777214294589695'],
  [4, '1085102592571150095'],
  [2, '3689348814741910323'],
  [1, '6148914691236517205'],
];
function spreadSql(bits: string): string {
  return MASKS.reduce((e, [shift, mask]) => `(((${e}) | ((${e}) << ${shift})) & ${mask})`, bits);
}
const BITS_SQL = (value: string, lo: number, span: number) =>
  `greatest(0, least(1048575, ceil((${value} - (${lo})) / ${span} * 1048576)::bigint - 1))`;
const GEOHASH_SQL = Array.from(
  { length: 8 },
  (_, k) => `substr('${CELL_ALPHABET}', ((m >> ${35 - 5 * k}) & 31)::int + 1, 1)`,
).join(' || ');

async function loadPostgres(url: string, rows: number): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const start = performance.now();
  const step = async (label: string, text: string, values: unknown[] = []) => {
    const began = performance.now();
    await client.query(text, values);
    process.stderr.write(`postgres load: ${label} ${((performance.now() - began) / 1000).toFixed(1)} s\n`);
  };
  await client.query("set maintenance_work_mem = '1GB'");
  await client.query('set synchronous_commit = off');
  await client.query('set jit = off');
  // A bulk load skips the per-row foreign-key triggers (the generated keys are consistent by construction).
  await client.query('set session_replication_role = replica');
  await client.query('select setseed(0.42)');
  // Indexes are rebuilt after the load, as a bulk import would: one sort instead of ten million inserts. Read
  // from the catalogue (all but those of constraints: keys, unique columns) so that the load follows whatever
  // the migrations define.
  const { rows: indexes } = await client.query<{ name: string; definition: string }>(
    `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
     from pg_index i
     where i.indrelid in ('persons'::regclass, 'person_channels'::regclass, 'presences'::regclass)
       and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`,
  );
  for (const index of indexes) await client.query(`drop index ${index.name}`);
  const uuid = (prefix: string) => `(('${prefix}' || lpad(to_hex(i), 31, '0'))::uuid)::text`;
  await step(
    'persons',
    `insert into persons (id, family_name, given_name, locale, created_at, updated_at)
     select ${uuid('0')}, 'Bench', 'Person', 'zh-CN', now()::text, now()::text from generate_series(1, $1::bigint) i`,
    [rows],
  );
  await step(
    'channels',
    `insert into person_channels (id, person_id, kind, address, created_at)
     select ${uuid('c')}, ${uuid('0')}, 'email', i || '@bench.example', now()::text from generate_series(1, $1::bigint) i`,
    [rows],
  );
  await step(
    'presences',
    `insert into presences (id, person_id, kind, country_code, lat, lon, cell, arrival_on, created_at, updated_at)
     select id, person_id, 'residence', 'ZZ', lat, lon, ${GEOHASH_SQL}, '2026-01-01', now()::text, now()::text
     from (select id, person_id, lat, lon, (${spreadSql('x')} << 1) | ${spreadSql('y')} as m
           from (select id, person_id, lat, lon, ${BITS_SQL('lon', -180, 360)} as x, ${BITS_SQL('lat', -90, 180)} as y
                 from (select ${uuid('a')} as id, ${uuid('0')} as person_id,
                              ${MIN_LAT} + random() * ${MAX_LAT - MIN_LAT} as lat, -180 + random() * 360 as lon
                       from generate_series(1, $1::bigint) i offset 0) g
                 offset 0) b
           offset 0) h`,
    [rows],
  );
  for (const index of indexes) await step(index.name, index.definition);
  await client.query('vacuum analyze persons');
  await client.query('vacuum analyze person_channels');
  await step('vacuum analyze', 'vacuum analyze presences');
  await client.query("comment on table presences is 'bench: loaded'");
  const seconds = (performance.now() - start) / 1000;
  // The SQL geohash must agree with the server's: check a sample.
  const sample = await client.query<{ lat: number; lon: number; cell: string }>(
    'select lat, lon, cell from presences tablesample system (0.1) limit 2000',
  );
  const wrong = sample.rows.filter((r) => cellOf(r.lat, r.lon) !== r.cell).length;
  await client.end();
  if (wrong > 0) throw new Error(`SQL geohash disagrees with ngeohash on ${wrong} of ${sample.rows.length} rows`);
  return seconds;
}

async function scanPostgres(url: string, polygon: PolygonGeometry): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let found = 0;
  const day = AT.slice(0, 10);
  await client.query('begin');
  await client.query(
    'declare everyone no scroll cursor for select id, person_id, lat, lon, arrival_on, departure_on from presences',
  );
  for (;;) {
    const { rows } = await client.query<{
      lat: number | null;
      lon: number | null;
      arrival_on: string;
      departure_on: string | null;
    }>('fetch 20000 from everyone');
    if (rows.length === 0) break;
    for (const r of rows) {
      if (r.arrival_on > day || (r.departure_on !== null && r.departure_on < day)) continue;
      if (r.lat !== null && r.lon !== null && inPolygon(polygon, r.lat, r.lon)) found++;
    }
  }
  await client.query('commit');
  await client.end();
  return found;
}

// `--reuse`: keep the generated database (a file in the temp folder, a PostgreSQL database named by its size)
// after the run and use it again next time when it holds the same number of presences, so that the engine can
// be measured again without the minutes of loading. The load figure is then that of the run that loaded it.
const REUSE = process.argv.includes('--reuse');

async function rowsFor(dialect: 'sqlite' | 'postgres', rows: number): Promise<string[]> {
  if (rows <= 0) return [];
  const name = REUSE ? `homeward_bench_${rows}` : `hw_bench_${randomBytes(4).toString('hex')}`;
  const admin = process.env.HOMEWARD_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  let url: string;
  let loaded = false;
  if (dialect === 'sqlite') {
    url = `sqlite:${path.join(tmpdir(), `${name}.db`)}`;
    if (REUSE && existsSync(url.slice('sqlite:'.length))) loaded = countPresences(url.slice('sqlite:'.length)) === rows;
  } else {
    const c = new pg.Client({ connectionString: admin });
    try {
      await c.connect();
    } catch {
      return [`| ${dialect} | skipped: PostgreSQL not reachable at ${admin} | | | | | | |`];
    }
    const u = new URL(admin);
    u.pathname = `/${name}`;
    url = u.toString();
    const exists = (await c.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
    if (exists) loaded = (await countPostgresPresences(url)) === rows;
    if (exists && !loaded) await c.query(`drop database ${name} with (force)`);
    if (!loaded) await c.query(`create database ${name}`);
    await c.end();
  }
  if (!loaded && dialect === 'sqlite')
    for (const s of ['', '-wal', '-shm']) rmSync(`${url.slice(7)}${s}`, { force: true });
  const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' });
  const database = await openDatabase(config.database);
  try {
    await migrateToLatest(database.db);
    const file = url.slice('sqlite:'.length);
    let loadSeconds: number | null = null;
    if (!loaded)
      loadSeconds = dialect === 'sqlite' ? await loadSqlite(database.db, rows) : await loadPostgres(url, rows);
    if (dialect === 'sqlite') await sql`analyze`.execute(database.db);
    const scan = (polygon: PolygonGeometry) =>
      dialect === 'sqlite' ? scanSqlite(file, polygon) : scanPostgres(url, polygon);
    const baseline = await measured(() => scan(LARGE));
    const large = await measured(() => streamEngine(database.db, LARGE));
    const small = await measured(() => streamEngine(database.db, SMALL));
    if (large.found !== baseline.found)
      throw new Error(`engine found ${large.found}, the full scan ${baseline.found}: they must agree`);
    const row = (label: string, r: RunResult) =>
      `| ${dialect}, ${fmt(rows)} presences | ${label} | ${fmt(r.found)} (${((100 * r.found) / rows).toFixed(2)}%) | ${r.seconds.toFixed(2)} s | ${r.cpuSeconds.toFixed(2)} s | ${r.peakRssMiB} MiB (+${r.peakRssMiB - r.startRssMiB}) | ${r.peakPrivateMiB} MiB (+${r.peakPrivateMiB - r.startPrivateMiB}) | ${ratio(r.seconds, baseline.seconds)} |`;
    const how =
      dialect === 'sqlite'
        ? 'insertPresences in 20,000-row transactions'
        : 'INSERT … SELECT generate_series, then index';
    return [
      `| ${dialect}, ${fmt(rows)} presences | load (${how}) | ${fmt(rows)} | ${loadSeconds === null ? 'reused' : `${loadSeconds.toFixed(1)} s`} | | | | |`,
      row('full scan + point-in-polygon on every row (baseline)', baseline),
      row('targetRecipients, ~5% polygon, batches of 1,000', large),
      row('targetRecipients, ~0.5% polygon, batches of 1,000', small),
    ];
  } finally {
    await database.close();
    if (REUSE) {
      // kept for the next run
    } else if (dialect === 'sqlite')
      for (const s of ['', '-wal', '-shm']) rmSync(`${url.slice(7)}${s}`, { force: true });
    else {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`drop database ${name} with (force)`);
      await c.end();
    }
  }
}

function countPresences(file: string): number | null {
  const raw = new SQLite(file, { readonly: true });
  try {
    return (raw.prepare('select count(*) as n from presences').get() as { n: number }).n;
  } catch {
    return null;
  } finally {
    raw.close();
  }
}

async function countPostgresPresences(url: string): Promise<number | null> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // The load comments the table when it is done, indexes and all: a load cut short is done again.
    const { rows } = await client.query<{ done: string | null }>(
      "select obj_description('presences'::regclass, 'pg_class') as done",
    );
    return rows[0]?.done === 'bench: loaded'
      ? Number((await client.query<{ n: string }>('select count(*) as n from presences')).rows[0]?.n)
      : null;
  } catch {
    return null;
  } finally {
    await client.end();
  }
}

/** Targeting a polygon on SQLite (1M presences) and PostgreSQL (10M), against a full scan of the same table. */
export async function targetingBench(): Promise<string> {
  const lines = [
    '| data | run | recipients | time | CPU of this process | peak RSS (growth during the run) | peak private RSS (growth) | ratio to full scan |',
    '|---|---|---|---|---|---|---|---|',
  ];
  lines.push(...(await rowsFor('sqlite', SQLITE_ROWS)), ...(await rowsFor('postgres', PG_ROWS)));
  return lines.join('\n');
}
