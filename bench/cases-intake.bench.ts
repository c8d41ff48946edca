// Help-request intake over HTTP: 50 concurrent citizens' phones POST /api/v1/help-requests (each with its own
// Idempotency-Key, as the PWA sends) to the embedded SQLite default (synchronous=FULL, group commit), beside a bare
// Fastify JSON POST measured in the same run. On a shared machine the load changes from one moment to the next, so
// the three are measured in turn, round after round (BENCH_INTAKE_ROUNDS), each round's ratio against the baseline
// of that round; the table gives the medians. A 202 means the intake row is committed (decision 0012; on SQLite by
// the writer thread, decision 0028); the cases are opened by the background opener, which runs during the intake
// load as it does in the server (role "all"): during a burst it opens P1 requests at once and routine ones once
// they are BURST_ROUTINE_DELAY_MS old (decision 0028), so a round longer than that shows the opener's share.
// After the load the bench waits until every received request is opened and reports how long that took. Then the
// database, opened afresh, must hold an intake row for every request answered 202 and one case for each.
import { randomBytes, randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HelpRequestInputSchema } from '@homeward/shared';
import { Type } from '@sinclair/typebox';
import autocannon from 'autocannon';
import SQLite from 'better-sqlite3';
import Fastify from 'fastify';
import pino from 'pino';
import { buildApp } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { openDatabase } from '../apps/server/src/db/connect.ts';
import { migrateToLatest } from '../apps/server/src/db/migrate.ts';
import { DEMO_PASSWORD } from '../apps/server/src/modules/demo/demo.accounts.ts';
import { seedDemo } from '../apps/server/src/modules/demo/demo.seed.ts';
import { startHelpRequestOpener } from '../apps/server/src/modules/help-requests/help-requests.opener.ts';
import { fmt } from './lib.ts';

const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_INTAKE_SECONDS ?? 5);
const ROUNDS = Math.max(1, Number(process.env.BENCH_INTAKE_ROUNDS ?? 3));

const HELP_REQUEST = JSON.stringify({
  category: 'lost_passport',
  urgency: 'urgent',
  forSelf: true,
  subjectName: '王芳 WANG FANG',
  contactPhone: '+86 138 0013 8000',
  description: '护照在地铁上被偷了，明天的航班回国。Passport stolen on the metro, flying home tomorrow.',
  location: { country: 'US', region: 'US-DC', label: 'Union Station', source: 'search' },
});

interface Run {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  ok: number;
  failed: number;
  /** CPU time of this process (server and load generator alike) per answered request, in microseconds. */
  cpuUsPerRequest: number;
}

function cpuPer(used: NodeJS.CpuUsage, requests: number): number {
  return requests > 0 ? (used.user + used.system) / requests : 0;
}

/** One autocannon run; every request gets a fresh Idempotency-Key (a retry would reuse it, a new request not). */
async function drive(url: string, headers: Record<string, string>, seconds: number, method = 'POST'): Promise<Run> {
  const cpu = process.cpuUsage();
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    method: method as 'POST',
    headers: method === 'POST' ? { 'content-type': 'application/json', ...headers } : headers,
    body: method === 'POST' ? HELP_REQUEST : undefined,
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          headers: { ...request.headers, 'idempotency-key': randomUUID() },
        }),
      },
    ],
  });
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    ok: result['2xx'],
    failed: result.non2xx + result.errors + result.timeouts,
    cpuUsPerRequest: cpuPer(process.cpuUsage(cpu), result.requests.total),
  };
}

export async function casesIntakeBench(): Promise<string> {
  const file = path.join(tmpdir(), `hw_bench_${randomBytes(4).toString('hex')}.db`);
  const config = loadConfig({ DATABASE_URL: `sqlite:${file}`, LOG_LEVEL: 'silent' });
  const database = await openDatabase(config.database);
  await migrateToLatest(database.db);
  await seedDemo(database.db, 'CN');
  // The opener polls rarely here: the route's nudge wakes it, as in the server. It runs while the intake is
  // driven and is stopped while the baseline and the ceiling are measured: the backlog it works through would
  // otherwise take the CPU from them (the server's process would not be running a bare Fastify beside it).
  const startOpener = () =>
    startHelpRequestOpener({
      db: database.db,
      log: pino({ level: 'silent' }),
      pollMs: process.env.BENCH_NO_OPEN ? 600_000 : 500,
    });
  let opener = startOpener();
  const app = await buildApp(
    {
      db: database.db,
      dialect: 'sqlite',
      config,
      nudgeJobs: () => (process.env.BENCH_NO_OPEN ? undefined : opener.nudge()),
    },
    { serveWebApps: false },
  );
  const homeward = await app.listen({ port: 0, host: '127.0.0.1' });
  const signIn = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'homeward' },
    payload: { email: 'citizen@demo.homeward.example', password: DEMO_PASSWORD },
  });
  const session = signIn.cookies.find((c) => c.name === 'hw_session');
  if (!session) throw new Error(`citizen sign-in failed: ${signIn.statusCode} ${signIn.body}`);
  const citizenCases = await database.db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('source', '=', 'citizen')
    .executeTakeFirstOrThrow();
  const before = Number(citizenCases.n);

  // The baseline: bare Fastify parsing the same JSON body, validating it against the same JSON schema and
  // answering 201 with a small JSON through a response schema, no database.
  const bare = Fastify();
  bare.post(
    '/help',
    {
      schema: {
        body: HelpRequestInputSchema,
        response: { 201: Type.Object({ case: Type.Object({ id: Type.String(), body: HelpRequestInputSchema }) }) },
      },
    },
    async (request, reply) => reply.code(201).send({ case: { id: randomUUID(), body: request.body } }),
  );
  // The same without schemas: what the ratio was first measured against (reported beside it, not instead).
  bare.post('/plain', async (request, reply) =>
    reply.code(201).send({ case: { id: randomUUID(), body: request.body } }),
  );
  const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });

  const headers = { cookie: `hw_session=${session.value}`, 'x-requested-with': 'homeward', 'accept-language': 'en' };
  await drive(`${bareUrl}/help`, {}, 1);
  const warm = await drive(`${homeward}/api/v1/help-requests`, headers, 1);
  // A read through the same stack: the same session and hooks answering the status of one request (its row and case).
  const firstId = (await database.db.selectFrom('helpRequestIntake').select('id').executeTakeFirstOrThrow()).id;
  const statusUrl = `${homeward}/api/v1/help-requests/${firstId}`;
  await drive(statusUrl, headers, 1, 'GET');
  const countIntake = async (state?: 'received' | 'opened') => {
    let query = database.db.selectFrom('helpRequestIntake').select((eb) => eb.fn.countAll<number>().as('n'));
    if (state) query = query.where('state', '=', state);
    return Number((await query.executeTakeFirstOrThrow()).n);
  };
  /** Lets the opener work through what is waiting; the seconds that took. */
  const drain = async () => {
    const start = performance.now();
    while ((await countIntake('received')) > 0) {
      opener.nudge();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return (performance.now() - start) / 1000;
  };
  await drain();
  const rounds: { base: Run; plain: Run; intake: Run; ceiling: Run }[] = [];
  let openedDuringLoad = 0;
  let backlog = 0;
  let drainSeconds = 0;
  for (let round = 0; round < ROUNDS; round++) {
    await opener.stop();
    const base = await drive(`${bareUrl}/help`, {}, SECONDS);
    const plain = await drive(`${bareUrl}/plain`, {}, SECONDS);
    // The intake starts as in a fresh run: the opener running, nothing waiting for it.
    opener = startOpener();
    const openedBefore = await countIntake('opened');
    const intake = await drive(`${homeward}/api/v1/help-requests`, headers, SECONDS);
    // Opened during the load (the opener shares the process and the database with the intake).
    openedDuringLoad += (await countIntake('opened')) - openedBefore;
    backlog += await countIntake('received');
    drainSeconds += await drain();
    await opener.stop();
    const ceiling = await drive(statusUrl, headers, SECONDS, 'GET');
    rounds.push({ base, plain, intake, ceiling });
    opener = startOpener();
  }
  await opener.stop();
  await app.close();
  await bare.close();
  await database.close();

  // Opened afresh after the server closed: what is on disk, not what a cache holds.
  const raw = new SQLite(file, { readonly: true });
  const count = (query: string) => (raw.prepare(query).get() as { n: number }).n;
  const after = count("select count(*) as n from cases where source = 'citizen'");
  const received = count('select count(*) as n from help_request_intake');
  const notOpened = count("select count(*) as n from help_request_intake where state <> 'opened'");
  raw.close();
  for (const s of ['', '-wal', '-shm']) rmSync(`${file}${s}`, { force: true });
  const acknowledged = warm.ok + rounds.reduce((sum, r) => sum + r.intake.ok, 0);
  const stored = after - before;
  // Requests still in flight when a run's time is up are committed but their answers are not counted, so
  // there may be more rows than acknowledgements (at most one per connection and run), never fewer.
  if (received < acknowledged) {
    throw new Error(`${acknowledged} help requests were acknowledged but only ${received} are on disk`);
  }
  if (notOpened > 0 || stored !== received) {
    throw new Error(`${received} help requests received, ${stored} cases opened, ${notOpened} not opened`);
  }
  const loadSeconds = ROUNDS * SECONDS;
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  };
  type Which = 'base' | 'plain' | 'intake' | 'ceiling';
  const pick = (which: Which) => rounds.map((r) => r[which]);
  const row = (name: string, which: Which, against: Which = 'base') => {
    const runs = pick(which);
    const ratios = rounds.map((r) => r[which].requestsPerSecond / r[against].requestsPerSecond);
    const failed = runs.reduce((sum, r) => sum + r.failed, 0);
    const cpu = median(runs.map((r) => r.cpuUsPerRequest));
    const cpuRatio = median(rounds.map((r) => r[against].cpuUsPerRequest / r[which].cpuUsPerRequest));
    return (
      `| ${name} | ${fmt(median(runs.map((r) => r.requestsPerSecond)))} req/s | ` +
      `p50 ${median(runs.map((r) => r.p50Ms))} ms, p99 ${median(runs.map((r) => r.p99Ms))} ms | ` +
      `${median(ratios).toFixed(2)} (${ratios.map((x) => x.toFixed(2)).join(', ')}) | ` +
      `${fmt(cpu)} µs (${cpuRatio.toFixed(2)}) | ${failed} |`
    );
  };
  return [
    `| HTTP POST, ${CONNECTIONS} connections, ${ROUNDS} × ${SECONDS} s | throughput (median) | latency (median) | ` +
      'ratio to bare Fastify: median (each round) | CPU per request (bare Fastify’s ÷ this) | errors |',
    '|---|---|---|---|---|---|',
    row('bare Fastify JSON POST, body and response schemas (baseline)', 'base'),
    row('POST /api/v1/help-requests (SQLite, synchronous=FULL, batches committed by the writer thread)', 'intake'),
    row('GET /api/v1/help-requests/:id (same session and hooks, reads only: the request and its case)', 'ceiling'),
    row('bare Fastify JSON POST without schemas', 'plain'),
    row('POST /api/v1/help-requests against bare Fastify without schemas', 'intake', 'plain'),
    '',
    `Acknowledged (202) ${fmt(acknowledged)} help requests; ${fmt(received)} intake rows and ${fmt(stored)} new ` +
      `cases on disk after the server closed (the difference to the acknowledgements: requests in flight when a ` +
      `run ended, at most ${(ROUNDS + 1) * CONNECTIONS}). During the ${loadSeconds} s of intake load the background ` +
      `opener opened ${fmt(openedDuringLoad)} cases beside the intake; ${fmt(backlog)} requests were still ` +
      `waiting when the loads stopped and were opened in ${drainSeconds.toFixed(1)} s ` +
      `(${fmt(backlog / Math.max(drainSeconds, 0.001))} cases/s with the intake idle) before the next measurement.`,
  ].join('\n');
}
