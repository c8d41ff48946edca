// The appointment rush (issue 8): 5,000 simulated citizens, each with their own session, race over real HTTP for
// 500 seats (50 slots × 10 counters) on SQLite and on PostgreSQL. Each client asks for a slot at random; a 409
// slot_full answer names the next free times and the client tries the first of them on the same day, up to 3 times. Reported: bookings per second over the whole rush, p50/p99 latency of every booking request, the answers
// by status. Asserted: every seat given exactly once (no slot/seat pair twice, nobody twice), zero 5xx.
// Baseline in the same run: an authenticated GET /api/v1/me/appointments (the stack's cost without the claim).
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildApp } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { openDatabase } from '../apps/server/src/db/connect.ts';
import { migrateToLatest } from '../apps/server/src/db/migrate.ts';
import { buildSignedInCitizens } from '../apps/server/src/modules/appointments/appointments.fixtures.ts';
import { localDateOf } from '../apps/server/src/modules/appointments/appointments.slots.ts';
import { seedDemo } from '../apps/server/src/modules/demo/demo.seed.ts';
import { fmt } from './lib.ts';

const CLIENTS = Number(process.env.BENCH_BOOKING_CLIENTS ?? 5000);
const SLOTS = 50;
const COUNTERS = 10;
/** Sockets to the server: the clients share them as phones share a mission's uplink, not 5,000 at once. */
const CONNECTIONS = Number(process.env.BENCH_BOOKING_CONNECTIONS ?? 100);
const TRIES = 3;
/** The whole rush must end within this; the bench fails rather than hang. */
const DEADLINE_MS = 600_000;
const ZONE = 'America/New_York';

interface Outcome {
  engine: string;
  seconds: number;
  bookings: number;
  requests: number;
  byStatus: Map<number, number>;
  p50: number;
  p99: number;
  baselineRps: number;
  baselineP99: number;
  doubleSeats: number;
  doublePeople: number;
}

/** One HTTP request over the shared keep-alive agent; the time includes waiting for a free socket. */
function call(
  agent: http.Agent,
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', agent, headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function databaseUrl(engine: 'sqlite' | 'postgres'): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const name = `hw_bench_${randomBytes(4).toString('hex')}`;
  if (engine === 'sqlite') {
    const file = path.join(tmpdir(), `${name}.db`);
    return {
      url: `sqlite:${file}`,
      drop: async () => {
        for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
      },
    };
  }
  const admin = process.env.HOMEWARD_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const c = new pg.Client({ connectionString: admin });
  try {
    await c.connect();
  } catch {
    return null;
  }
  await c.query(`create database ${name}`);
  await c.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const d = new pg.Client({ connectionString: admin });
      await d.connect();
      await d.query(`drop database if exists ${name} with (force)`);
      await d.end();
    },
  };
}

async function rush(engine: 'sqlite' | 'postgres'): Promise<Outcome | string> {
  const target = await databaseUrl(engine);
  if (!target) return `| ${engine} | skipped: PostgreSQL not reachable | | | | |`;
  const config = loadConfig({ DATABASE_URL: target.url, LOG_LEVEL: 'silent', PORT: '0' });
  const database = await openDatabase(config.database, { createIfMissing: true });
  await migrateToLatest(database.db);
  await seedDemo(database.db, 'CN');
  const app = await buildApp(
    { db: database.db, dialect: engine, config, nudgeJobs: () => {} },
    { serveWebApps: false },
  );
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  try {
    // Every day of the week 08:00–13:00, 6-minute slots × 10 counters: 50 slots (500 seats) on the chosen day.
    const schedule = {
      slotMinutes: 6,
      counters: COUNTERS,
      hours: JSON.stringify([1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startMinute: 480, endMinute: 780 }))),
      holidays: '[]',
      updatedAt: new Date().toISOString(),
    };
    await database.db
      .insertInto('appointmentSchedules')
      .values({
        missionCode: 'US-WAS',
        serviceId: 'passport_renewal',
        ...schedule,
        updatedBy: null,
      })
      .onConflict((oc) => oc.columns(['missionCode', 'serviceId']).doUpdateSet(schedule))
      .execute();
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const day = localDateOf(new Date(Date.now() + 3 * 86_400_000), ZONE);
    const slotList = await call(
      agent,
      `${base}/api/v1/appointment-slots?mission=US-WAS&service=passport_renewal&date=${day}`,
    );
    const slots = (slotList.json.items as Array<{ start: string }>).map((s) => s.start);
    if (slots.length !== SLOTS) throw new Error(`expected ${SLOTS} slots, got ${slots.length}`);
    const ofTheDay = new Set(slots);
    const people = await buildSignedInCitizens(database.db, CLIENTS, 'bench');

    // Baseline: the same clients read their (empty) list, authenticated, through the same stack and sockets.
    const baseline: number[] = [];
    const baseStart = performance.now();
    await Promise.all(
      people.slice(0, 2000).map(async (person) => {
        const t = performance.now();
        await call(agent, `${base}/api/v1/me/appointments`, { headers: { cookie: person.cookie } });
        baseline.push(performance.now() - t);
      }),
    );
    const baselineRps = 2000 / ((performance.now() - baseStart) / 1000);

    const latencies: number[] = [];
    const byStatus = new Map<number, number>();
    let bookings = 0;
    const headers = { 'content-type': 'application/json', 'x-requested-with': 'homeward' };
    const started = performance.now();
    let timedOut = false;
    const deadline = setTimeout(() => {
      timedOut = true;
    }, DEADLINE_MS);
    await Promise.all(
      people.map(async (person, i) => {
        let slot = slots[(i * 7919) % SLOTS];
        for (let attempt = 0; attempt < TRIES && slot && !timedOut; attempt++) {
          const t = performance.now();
          // A refused connection or reset counts as an answer of 0 (reported, and fails the bench like a 5xx).
          const r = await call(agent, `${base}/api/v1/me/appointments`, {
            method: 'POST',
            headers: { ...headers, cookie: person.cookie },
            body: JSON.stringify({ missionCode: 'US-WAS', serviceId: 'passport_renewal', slotStart: slot }),
          }).catch(() => ({ status: 0, json: {} as Record<string, unknown> }));
          const body = r.json as { code?: string; nextFree?: Array<{ start: string }> };
          latencies.push(performance.now() - t);
          byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
          if (r.status === 201) {
            bookings++;
            return;
          }
          if (r.status !== 409 || body.code !== 'slot_full') return;
          // The race is for this day's seats: a client takes another free time of the day, not another day.
          slot = body.nextFree?.find((free) => ofTheDay.has(free.start))?.start;
        }
      }),
    );
    clearTimeout(deadline);
    if (timedOut) throw new Error(`${engine}: the rush did not end within ${DEADLINE_MS / 1000} s`);
    const seconds = (performance.now() - started) / 1000;

    const rows = await database.db
      .selectFrom('appointments')
      .select(['slotStart', 'seat', 'userId'])
      .where('status', '<>', 'cancelled')
      .execute();
    const doubleSeats = rows.length - new Set(rows.map((r) => `${r.slotStart}#${r.seat}`)).size;
    const doublePeople = rows.length - new Set(rows.map((r) => r.userId)).size;
    latencies.sort((a, b) => a - b);
    baseline.sort((a, b) => a - b);
    if (rows.length !== bookings) throw new Error(`${engine}: ${bookings} answered 201 but ${rows.length} rows`);
    return {
      engine,
      seconds,
      bookings,
      requests: latencies.length,
      byStatus,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      baselineRps,
      baselineP99: percentile(baseline, 99),
      doubleSeats,
      doublePeople,
    };
  } finally {
    agent.destroy();
    await app.close();
    await database.close();
    await target.drop();
  }
}

export async function bookingBench(): Promise<string> {
  const lines = [
    `${fmt(CLIENTS)} clients, ${SLOTS} slots × ${COUNTERS} counters = ${SLOTS * COUNTERS} seats, ${CONNECTIONS} HTTP connections, up to ${TRIES} tries per client (following \`nextFree\`).`,
    '',
    '| engine | seats given | rush time | bookings/s | booking requests | answers | p50 | p99 | baseline GET /me/appointments | double bookings | 5xx |',
    '| ------ | ----------- | --------- | ---------- | ---------------- | ------- | --- | --- | ----------------------------- | --------------- | --- |',
  ];
  const failures: string[] = [];
  for (const engine of ['sqlite', 'postgres'] as const) {
    const o = await rush(engine);
    if (typeof o === 'string') {
      lines.push(o);
      continue;
    }
    const fivexx = [...o.byStatus].filter(([s]) => s >= 500 || s === 0).reduce((n, [, c]) => n + c, 0);
    const answers = [...o.byStatus]
      .sort(([a], [b]) => a - b)
      .map(([s, c]) => `${s}: ${fmt(c)}`)
      .join(', ');
    lines.push(
      `| ${engine} | ${o.bookings} / ${SLOTS * COUNTERS} | ${o.seconds.toFixed(1)} s | ${fmt(o.bookings / o.seconds)} | ${fmt(o.requests)} (${fmt(o.requests / o.seconds)}/s) | ${answers} | ${o.p50.toFixed(0)} ms | ${o.p99.toFixed(0)} ms | ${fmt(o.baselineRps)} req/s, p99 ${o.baselineP99.toFixed(0)} ms | ${o.doubleSeats + o.doublePeople} | ${fivexx} |`,
    );
    if (o.doubleSeats || o.doublePeople)
      failures.push(`${engine}: ${o.doubleSeats} seats and ${o.doublePeople} people booked twice`);
    if (fivexx) failures.push(`${engine}: ${fivexx} answers were 5xx`);
    if (o.bookings !== SLOTS * COUNTERS) failures.push(`${engine}: ${o.bookings} of ${SLOTS * COUNTERS} seats given`);
  }
  if (failures.length) throw new Error(`booking bench failed:\n${lines.join('\n')}\n${failures.join('\n')}`);
  return lines.join('\n');
}
