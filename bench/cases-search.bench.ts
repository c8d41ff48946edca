// Full-text case search over 1,000,000 case notes (zh and en mixed, generated deterministically): the p50/p95
// of the case list's search (searchCases for HQ: the first page of 25 and its total, as GET /api/v1/cases?q=) for a fixed set of
// words, beside an unindexed substring scan of the same notes (the baseline) in the same run.
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../apps/server/src/config.ts';
import { openDatabase } from '../apps/server/src/db/connect.ts';
import { migrateToLatest } from '../apps/server/src/db/migrate.ts';
import type { Db } from '../apps/server/src/db/schema.ts';
import { searchCases } from '../apps/server/src/modules/cases/cases.service.ts';
import { seedDemo } from '../apps/server/src/modules/demo/demo.seed.ts';
import { fmt, ratio } from './lib.ts';

// The issue's size; set smaller for a quick look, 0 to skip an engine. `--reuse` keeps the generated database
// (temp folder / a PostgreSQL database named by its size) and uses it again when it holds the same notes.
const SQLITE_NOTES = Number(process.env.BENCH_SEARCH_SQLITE_NOTES ?? 1_000_000);
const PG_NOTES = Number(process.env.BENCH_SEARCH_PG_NOTES ?? 1_000_000);
const NOTES_PER_CASE = 10;
const REUSE = process.argv.includes('--reuse');
const ROUNDS = 5;

// A seeded generator (mulberry32) so every run writes the same notes.
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ZH = [
  '护照丢失，已报警',
  '当事人在医院接受治疗',
  '家属已联系，情绪稳定',
  '请求协助补办旅行证',
  '被当地警方拘留，已探视',
  '车祸受伤，正在重症监护室',
  '疑似诈骗，已提醒防范',
  '航班取消，滞留机场',
  '地震后失联，正在核实',
  '已转交领事官员跟进',
  '律师名单已提供',
  '翻译已安排',
  '签证逾期，需要咨询',
  '钱包和手机被盗',
  '儿童监护问题，社工介入',
];
const EN = [
  'passport reported stolen at the station',
  'called the hospital, patient stable',
  'family informed by phone',
  'travel document application started',
  'detained by local police, consular visit requested',
  'lawyer list sent by email',
  'interpreter arranged for tomorrow',
  'flight cancelled, stranded at the airport',
  'missing after the earthquake, checking shelters',
  'insurance claim forms explained',
  'visa overstay, advised to contact immigration',
  'suspected phone scam, warned the caller',
];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明'];
const CITIES = ['Bangkok', 'Tokyo', 'Washington', 'Nairobi', 'Lima', 'Berlin', 'Cairo', 'Jakarta', '曼谷', '东京'];

const pick = <T>(next: () => number, list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;

/** One note: one or two phrases in either language, a name, a city and a reference number. */
function note(next: () => number, i: number): string {
  const phrase = () => (next() < 0.55 ? pick(next, ZH) : pick(next, EN));
  const name = `${pick(next, SURNAMES)}${pick(next, GIVEN)}${next() < 0.5 ? pick(next, GIVEN) : ''}`;
  const parts = [phrase(), name, pick(next, CITIES), `ref ${(i * 7919) % 1_000_003}`];
  if (next() < 0.5) parts.splice(1, 0, phrase());
  return parts.join(' ');
}

/** The words searched: Chinese of two and of more characters, English, mixed, common and rare. */
const QUERIES = [
  '护照',
  '重症监护室',
  '补办旅行证',
  'passport',
  'interpreter arranged',
  'earthquake 失联',
  '诈骗 Bangkok',
  'ref 424242',
  'Nairobi',
  '陈静',
  'no such words here',
];

interface Loaded {
  notes: number;
  seconds: number | null;
}

const AT = '2026-11-01T00:00:00.000Z';
/** Headquarters: every case in scope, internal notes included. */
const HQ = { id: '0190f0e4-0000-7000-8000-ffffffffffff', role: 'hq_admin', missions: [] } as const;
const caseId = (c: number) => `0190f0e4-0000-7000-8000-${c.toString(16).padStart(12, '0')}`;
const eventId = (n: number) => `0190f0e5-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;

function loadSqlite(file: string, notes: number): Loaded {
  const raw = new SQLite(file);
  raw.pragma('journal_mode = WAL');
  if (Number(raw.pragma('user_version', { simple: true })) === notes) {
    raw.close();
    return { notes, seconds: null };
  }
  const start = performance.now();
  const next = random(42);
  const insertCase = raw.prepare(
    `insert into cases (id, number, mission_code, category, priority, status, summary, description, subject_name,
       opened_at, updated_at, version) values (?, ?, ?, 'other', 'P3', 'in_progress', ?, ?, ?, ?, ?, 1)`,
  );
  const insertEvent = raw.prepare(
    `insert into case_events (id, case_id, kind, visibility, author_kind, body, created_at)
     values (?, ?, ?, ?, 'staff', ?, ?)`,
  );
  const cases = Math.ceil(notes / NOTES_PER_CASE);
  const chunk = 1000;
  for (let c0 = 0; c0 < cases; c0 += chunk) {
    raw.transaction(() => {
      for (let c = c0; c < Math.min(cases, c0 + chunk); c++) {
        const id = caseId(c);
        insertCase.run(
          id,
          `HW-BENCH-${c}`,
          c % 2 === 0 ? 'US-WAS' : 'JP-TYO',
          note(next, c).slice(0, 40),
          note(next, c),
          'Bench Person',
          AT,
          AT,
        );
        for (let k = 0; k < NOTES_PER_CASE; k++) {
          const n = c * NOTES_PER_CASE + k;
          if (n >= notes) break;
          const internal = next() < 0.6;
          insertEvent.run(
            eventId(n),
            id,
            internal ? 'note' : 'message',
            internal ? 'internal' : 'citizen',
            note(next, n),
            AT,
          );
        }
      }
    })();
    if (c0 % 20_000 === 0) process.stderr.write(`sqlite load: ${c0 * NOTES_PER_CASE} notes\n`);
  }
  raw.exec('analyze');
  raw.pragma(`user_version = ${notes}`);
  raw.close();
  return { notes, seconds: (performance.now() - start) / 1000 };
}

async function loadPostgres(url: string, notes: number): Promise<Loaded> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  if ((await postgresNotes(url)) === notes) {
    await client.end();
    return { notes, seconds: null };
  }
  const start = performance.now();
  await client.query('set synchronous_commit = off');
  await client.query("set maintenance_work_mem = '512MB'");
  // The trigram indexes are built after the load, as a bulk import would (one build instead of a million updates).
  const { rows: indexes } = await client.query<{ name: string; definition: string }>(
    `select indexrelid::regclass::text as name, pg_get_indexdef(indexrelid) as definition from pg_index
     where indexrelid::regclass::text like '%trgm%'`,
  );
  for (const index of indexes) await client.query(`drop index ${index.name}`);
  const next = random(42);
  const cases = Math.ceil(notes / NOTES_PER_CASE);
  const chunk = 500;
  for (let c0 = 0; c0 < cases; c0 += chunk) {
    const caseRows: unknown[] = [];
    const eventRows: unknown[] = [];
    for (let c = c0; c < Math.min(cases, c0 + chunk); c++) {
      caseRows.push([
        caseId(c),
        `HW-BENCH-${c}`,
        c % 2 === 0 ? 'US-WAS' : 'JP-TYO',
        note(next, c).slice(0, 40),
        note(next, c),
      ]);
      for (let k = 0; k < NOTES_PER_CASE; k++) {
        const n = c * NOTES_PER_CASE + k;
        if (n >= notes) break;
        const internal = next() < 0.6;
        eventRows.push([
          eventId(n),
          caseId(c),
          internal ? 'note' : 'message',
          internal ? 'internal' : 'citizen',
          note(next, n),
        ]);
      }
    }
    await client.query('begin');
    await client.query(
      `insert into cases (id, number, mission_code, category, priority, status, summary, description, subject_name,
         opened_at, updated_at, version)
       select r->>0, r->>1, r->>2, 'other', 'P3', 'in_progress', r->>3, r->>4, 'Bench Person', $2, $2, 1
       from jsonb_array_elements($1::jsonb) r`,
      [JSON.stringify(caseRows), AT],
    );
    await client.query(
      `insert into case_events (id, case_id, kind, visibility, author_kind, body, created_at)
       select r->>0, r->>1, r->>2, r->>3, 'staff', r->>4, $2 from jsonb_array_elements($1::jsonb) r`,
      [JSON.stringify(eventRows), AT],
    );
    await client.query('commit');
    if (c0 % 20_000 === 0) process.stderr.write(`postgres load: ${c0 * NOTES_PER_CASE} notes\n`);
  }
  for (const index of indexes) await client.query(index.definition);
  await client.query('vacuum analyze cases');
  await client.query('vacuum analyze case_events');
  await client.query(`comment on table case_events is 'bench: ${notes}'`);
  await client.end();
  return { notes, seconds: (performance.now() - start) / 1000 };
}

/** Notes in a complete bench database, or null (no file, not migrated, cut short). */
function sqliteNotes(file: string): number | null {
  if (!existsSync(file)) return null;
  const raw = new SQLite(file, { readonly: true });
  try {
    // The load writes the note count into user_version when it is done.
    const version = Number(raw.pragma('user_version', { simple: true }));
    return version > 0 ? version : null;
  } catch {
    return null;
  } finally {
    raw.close();
  }
}

async function postgresNotes(url: string): Promise<number | null> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ d: string | null }>(
      "select obj_description('case_events'::regclass, 'pg_class') as d",
    );
    const match = rows[0]?.d?.match(/^bench: (\d+)$/);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  } finally {
    await client.end();
  }
}

/** What GET /api/v1/cases?q= runs for HQ (searchCases: the search once, a total counted up to 1,000, page 1). */
async function searchOnce(db: Db, q: string): Promise<{ ms: number; total: string }> {
  const start = performance.now();
  const page = await searchCases(db, HQ, { q, page: 1, pageSize: 25 });
  return { ms: performance.now() - start, total: `${fmt(page.total)}${page.totalCapped ? '+' : ''}` };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0;

interface Rows {
  summary: string[];
  perQuery: string[];
}

async function rowsFor(dialect: 'sqlite' | 'postgres', notes: number): Promise<Rows> {
  if (notes <= 0) return { summary: [], perQuery: [] };
  const name = REUSE ? `homeward_bench_search_${notes}` : `hw_bench_${randomBytes(4).toString('hex')}`;
  const admin = process.env.HOMEWARD_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  let url: string;
  if (dialect === 'sqlite') {
    url = `sqlite:${path.join(tmpdir(), `${name}.db`)}`;
    // A database from a load cut short (or of another size) is loaded again from scratch.
    if (!REUSE || sqliteNotes(url.slice(7)) !== notes)
      for (const s of ['', '-wal', '-shm']) rmSync(`${url.slice(7)}${s}`, { force: true });
  } else {
    const c = new pg.Client({ connectionString: admin });
    try {
      await c.connect();
    } catch {
      return { summary: [`| ${dialect} | skipped: PostgreSQL not reachable at ${admin} | | |`], perQuery: [] };
    }
    const u = new URL(admin);
    u.pathname = `/${name}`;
    url = u.toString();
    const exists = (await c.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
    const complete = exists && (await postgresNotes(url)) === notes;
    if (exists && !complete) await c.query(`drop database ${name} with (force)`);
    if (!complete) await c.query(`create database ${name}`);
    await c.end();
  }
  const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' });
  const database = await openDatabase(config.database);
  try {
    await migrateToLatest(database.db);
    const missions = await database.db.selectFrom('missions').select('code').execute();
    if (missions.length === 0) await seedDemo(database.db, config.state.code);
    const loaded = dialect === 'sqlite' ? loadSqlite(url.slice(7), notes) : await loadPostgres(url, notes);
    const db = database.db;

    // Baseline: the same words as plain substring tests over every note, no index (one word per query).
    const baseline: number[] = [];
    for (const q of ['重症监护室', 'passport']) {
      const start = performance.now();
      const like = dialect === 'sqlite' ? sql`like` : sql`ilike`;
      await sql`select count(distinct case_id) from case_events where kind in ('note', 'message') and body ${like} ${`%${q}%`}`.execute(
        db,
      );
      baseline.push(performance.now() - start);
    }

    for (const q of QUERIES) await searchOnce(db, q); // warm-up
    const times: number[] = [];
    const perQuery: string[] = [];
    const where = `${dialect}, ${fmt(notes)} notes`;
    for (const q of QUERIES) {
      const mine: number[] = [];
      let total = '';
      for (let r = 0; r < ROUNDS; r++) {
        const result = await searchOnce(db, q);
        mine.push(result.ms);
        total = result.total;
      }
      times.push(...mine);
      mine.sort((a, b) => a - b);
      perQuery.push(`| ${where} | \`${q}\` | ${total} | ${percentile(mine, 0.5).toFixed(0)} ms |`);
    }
    times.sort((a, b) => a - b);
    const base = baseline.reduce((a, b) => a + b, 0) / baseline.length;
    const p95 = percentile(times, 0.95);
    return {
      summary: [
        `| ${where} | load | ${loaded.seconds === null ? 'reused' : `${loaded.seconds.toFixed(0)} s`} | |`,
        `| ${where} | substring scan of every note, no index (baseline, mean of 2 words) | ${base.toFixed(0)} ms | 1.00 |`,
        `| ${where} | search p50, ${QUERIES.length} queries × ${ROUNDS} (page 1 of 25 and its total) | ${percentile(times, 0.5).toFixed(0)} ms | ${ratio(percentile(times, 0.5), base)} |`,
        `| ${where} | search p95, ${QUERIES.length} queries × ${ROUNDS} (page 1 of 25 and its total) | ${p95.toFixed(0)} ms | ${ratio(p95, base)} |`,
      ],
      perQuery,
    };
  } finally {
    await database.close();
    if (!REUSE) {
      if (dialect === 'sqlite') for (const s of ['', '-wal', '-shm']) rmSync(`${url.slice(7)}${s}`, { force: true });
      else {
        const c = new pg.Client({ connectionString: admin });
        await c.connect();
        await c.query(`drop database ${name} with (force)`);
        await c.end();
      }
    }
  }
}

export async function casesSearchBench(): Promise<string> {
  const sqlite = await rowsFor('sqlite', SQLITE_NOTES);
  const postgres = await rowsFor('postgres', PG_NOTES);
  return [
    '| engine, size | measure | time | ratio to the scan |',
    '|---|---|---|---|',
    ...sqlite.summary,
    ...postgres.summary,
    '',
    '| engine, size | query | cases found | median time (page 1 of 25 and its total) |',
    '|---|---|---|---|',
    ...sqlite.perQuery,
    ...postgres.perQuery,
  ].join('\n');
}
