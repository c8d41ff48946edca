import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import Fastify from 'fastify';
import pg from 'pg';
import { buildApp } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { openDatabase } from '../apps/server/src/db/connect.ts';
import { migrateToLatest } from '../apps/server/src/db/migrate.ts';
import { claimJobs, completeJob, insertJobs } from '../apps/server/src/jobs/jobs.repo.ts';
import { seedDemo } from '../apps/server/src/modules/demo/demo.seed.ts';
import { fmt, load, ratio } from './lib.ts';

const JOBS = 100_000;
const BATCH = 1_000;

async function httpRows(): Promise<string[]> {
  const file = path.join(tmpdir(), `hw_bench_${randomBytes(4).toString('hex')}.db`);
  const config = loadConfig({ DATABASE_URL: `sqlite:${file}`, LOG_LEVEL: 'silent' });
  const database = await openDatabase(config.database);
  await migrateToLatest(database.db);
  await seedDemo(database.db, 'CN');
  const app = await buildApp(
    { db: database.db, dialect: 'sqlite', config, nudgeJobs: () => {} },
    { serveWebApps: false },
  );
  const homeward = await app.listen({ port: 0, host: '127.0.0.1' });
  const meta = (await app.inject('/api/v1/meta')).json();

  // The baseline: bare Fastify answering the same JSON, no schema, no hooks, no database.
  const bare = Fastify();
  bare.get('/meta', async () => meta);
  const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });

  const base = await load(`${bareUrl}/meta`);
  const metaResult = await load(`${homeward}/api/v1/meta`);
  const missions = await load(`${homeward}/api/v1/missions?country=US`);
  await app.close();
  await bare.close();
  await database.close();
  for (const s of ['', '-wal', '-shm']) rmSync(`${file}${s}`, { force: true });
  const row = (name: string, r: typeof base) =>
    `| ${name} | ${fmt(r.requestsPerSecond)} req/s | p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms | ${ratio(r.requestsPerSecond, base.requestsPerSecond)} | ${r.non2xx + r.errors} |`;
  return [
    '| HTTP, 50 connections, 5 s | throughput | latency | ratio to bare Fastify | errors |',
    '|---|---|---|---|---|',
    row('bare Fastify GET (baseline)', base),
    row('GET /api/v1/meta (schema, hooks, helmet)', metaResult),
    row('GET /api/v1/missions?country=US (SQLite query)', missions),
  ];
}

function jobRows(n: number) {
  const now = new Date().toISOString();
  return Array.from({ length: n }, (_, i) => ({ kind: 'bench.noop', payload: { i }, dedupeKey: `bench:${i}:${now}` }));
}

async function timeIt(work: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await work();
  return (performance.now() - start) / 1000;
}

async function queueRowsFor(dialect: 'sqlite' | 'postgres'): Promise<string[]> {
  const name = `hw_bench_${randomBytes(4).toString('hex')}`;
  const admin = process.env.HOMEWARD_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  let url: string;
  if (dialect === 'sqlite') url = `sqlite:${path.join(tmpdir(), `${name}.db`)}`;
  else {
    const c = new pg.Client({ connectionString: admin });
    try {
      await c.connect();
    } catch {
      return [`| ${dialect} | skipped: PostgreSQL not reachable at ${admin} | | | |`];
    }
    await c.query(`create database ${name}`);
    await c.end();
    const u = new URL(admin);
    u.pathname = `/${name}`;
    url = u.toString();
  }
  const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' });
  const database = await openDatabase(config.database);
  await migrateToLatest(database.db);
  const rows = jobRows(JOBS);

  // Baseline: the same rows inserted raw, in the same batches, with the driver alone.
  const now = new Date().toISOString();
  const rawValues = rows.map((r, i) => [
    `raw-${i}`,
    r.kind,
    JSON.stringify(r.payload),
    'done',
    100,
    now,
    0,
    10,
    `raw:${r.dedupeKey}`,
    now,
    now,
  ]);
  let rawSeconds: number;
  if (dialect === 'sqlite') {
    const raw = new SQLite(config.database.dialect === 'sqlite' ? config.database.path : '');
    raw.pragma('synchronous = FULL');
    const insert = raw.prepare(
      'insert into jobs (id, kind, payload, status, priority, run_at, attempts, max_attempts, dedupe_key, created_at, updated_at) values (?,?,?,?,?,?,?,?,?,?,?)',
    );
    const batch = raw.transaction((values: unknown[][]) => {
      for (const v of values) insert.run(...v);
    });
    rawSeconds = await timeIt(async () => {
      for (let i = 0; i < rawValues.length; i += BATCH) batch(rawValues.slice(i, i + BATCH));
    });
    raw.close();
  } else {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    rawSeconds = await timeIt(async () => {
      for (let i = 0; i < rawValues.length; i += BATCH) {
        const chunk = rawValues.slice(i, i + BATCH);
        const params = chunk.flat();
        const tuples = chunk.map((_, r) => `(${Array.from({ length: 11 }, (_, c) => `$${r * 11 + c + 1}`).join(',')})`);
        await client.query(
          `insert into jobs (id, kind, payload, status, priority, run_at, attempts, max_attempts, dedupe_key, created_at, updated_at) values ${tuples.join(',')}`,
          params,
        );
      }
    });
    await client.end();
  }

  const enqueueSeconds = await timeIt(async () => {
    for (let i = 0; i < rows.length; i += BATCH) await insertJobs(database.db, rows.slice(i, i + BATCH));
  });
  let processed = 0;
  const drainSeconds = await timeIt(async () => {
    for (;;) {
      const claimed = await claimJobs(database.db, 'bench', 100, 60_000);
      if (claimed.length === 0) break;
      for (const job of claimed) await completeJob(database.db, job.id, 'bench');
      processed += claimed.length;
    }
  });
  await database.close();
  if (dialect === 'sqlite') for (const s of ['', '-wal', '-shm']) rmSync(`${url.slice(7)}${s}`, { force: true });
  else {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`drop database ${name} with (force)`);
    await c.end();
  }
  const rawRate = JOBS / rawSeconds;
  const enqueueRate = JOBS / enqueueSeconds;
  return [
    `| ${dialect}: raw driver batched insert (baseline) | ${fmt(rawRate)} rows/s | 1.00 |`,
    `| ${dialect}: insertJobs (Kysely, dedupe) | ${fmt(enqueueRate)} jobs/s | ${ratio(enqueueRate, rawRate)} |`,
    `| ${dialect}: claim 100 + complete each, one worker | ${fmt(processed / drainSeconds)} jobs/s | ${ratio(processed / drainSeconds, rawRate)} |`,
  ];
}

/** The foundation's HTTP overhead against bare Fastify, and the job queue against raw batched inserts. */
export async function foundationBench(): Promise<string> {
  const lines = await httpRows();
  lines.push(
    '',
    `| job queue, ${fmt(JOBS)} jobs in batches of ${fmt(BATCH)} | rate | ratio to raw insert |`,
    '|---|---|---|',
  );
  lines.push(...(await queueRowsFor('sqlite')), ...(await queueRowsFor('postgres')));
  return lines.join('\n');
}
