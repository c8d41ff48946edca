import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { isoNow, newId } from '../apps/server/src/clock.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { openDatabase } from '../apps/server/src/db/connect.ts';
import { migrateToLatest } from '../apps/server/src/db/migrate.ts';
import type { Database } from '../apps/server/src/db/schema.ts';
import { startWorker } from '../apps/server/src/jobs/jobs.worker.ts';
import { notificationHandlers } from '../apps/server/src/modules/notifications/notifications.jobs.ts';
import { insertDeliveries } from '../apps/server/src/modules/notifications/notifications.repo.ts';
import { deliveryReport } from '../apps/server/src/modules/notifications/notifications.report.ts';
import { enqueueAreaNotification } from '../apps/server/src/modules/notifications/notifications.service.ts';
import { writeWorld } from '../apps/server/src/modules/targeting/targeting.fixtures.ts';
import { fmt, ratio, rssMiB } from './lib.ts';

// `npm run bench -- alerts` (issue 6): publish one alert to N people in one country and deliver it by e-mail (a
// local SMTP server) and SMS (a local HTTP gateway), half each; SQLite with the worker in this process, PostgreSQL
// with two worker processes. N is scaled down from the 1,000,000 (HOMEWARD_BENCH_ALERT_RECIPIENTS) so a
// run finishes in minutes on a shared two-core machine. Push needs accounts with browser subscriptions and is left
// out here (the tests cover it).

const N = Number(process.env.HOMEWARD_BENCH_ALERT_RECIPIENTS ?? 20_000);
const CHILD = fileURLToPath(new URL('../apps/server/test/support/notify-worker-child.ts', import.meta.url));
const silent = pino({ level: 'silent' });

async function sinks() {
  let mails = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _s, done) {
      stream.on('data', () => {});
      stream.on('end', () => {
        mails++;
        done();
      });
    },
  });
  // A client that drops its connection after QUIT is not an error of the bench.
  smtp.on('error', () => {});
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  let texts = 0;
  const sms = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      texts++;
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((r) => sms.listen(0, '127.0.0.1', r));
  return {
    smtpUrl: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`, // boundary: TCP servers
    smsUrl: `http://127.0.0.1:${(sms.address() as AddressInfo).port}/sms`,
    count: () => mails + texts,
    close: async () => {
      await new Promise<void>((r) => smtp.close(() => r()));
      await new Promise<void>((r) => sms.close(() => r()));
    },
  };
}

async function seed(db: Kysely<Database>): Promise<void> {
  for (let start = 0; start < N; start += 5000) {
    const ids = Array.from({ length: Math.min(5000, N - start) }, (_, i) => `b${String(start + i).padStart(8, '0')}`);
    await writeWorld(db, {
      persons: ids.map((id, i) => ({
        id,
        locale: i % 3 === 0 ? 'en' : 'zh-CN',
        channels: [
          (start + i) % 2 === 0
            ? { kind: 'email' as const, address: `${id}@bench.example`, verified: true }
            : { kind: 'sms' as const, address: `+336${String(start + i).padStart(8, '0')}`, verified: true },
        ],
        dependents: [],
        subscriptions: [],
      })),
      presences: ids.map((id) => ({
        id: `pr-${id}`,
        personId: id,
        dependentId: null,
        kind: 'residence' as const,
        countryCode: 'FR',
        regionCode: null,
        lat: null,
        lon: null,
        arrivalOn: '2026-01-01',
        departureOn: null,
      })),
      sites: [],
    });
  }
}

/** The same rows the fan-out writes, inserted straight in batches of 1,000: the baseline for the enqueue rate. */
async function rawInsertMs(db: Kysely<Database>): Promise<number> {
  const messageId = newId();
  await db
    .insertInto('notificationMessages')
    .values({
      id: messageId,
      sourceKind: 'bench_raw',
      sourceId: messageId,
      content: '{}',
      target: '{}',
      checkin: 0,
      state: 'fanned_out',
      fannedBatches: 0,
      recipients: 0,
      publishedAt: isoNow(),
      fannedOutAt: null,
    })
    .execute();
  const began = performance.now();
  for (let start = 0; start < N; start += 1000) {
    const now = isoNow();
    await db.transaction().execute((trx) =>
      insertDeliveries(
        trx,
        Array.from({ length: Math.min(1000, N - start) }, (_, i) => ({
          id: newId(),
          messageId,
          personId: `b${String(start + i).padStart(8, '0')}`,
          userId: null,
          channel: (start + i) % 2 === 0 ? ('email' as const) : ('sms' as const),
          address: 'x',
          locale: 'en',
          batch: start / 1000 + 1,
          status: 'queued' as const,
          attempts: 0,
          nextAttemptAt: now,
          fallbacks: '[]',
          queuedAt: now,
        })),
      ),
    );
  }
  return performance.now() - began;
}

function spawnWorker(url: string, smtpUrl: string, smsUrl: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      HOMEWARD_SMTP_URL: smtpUrl,
      HOMEWARD_SMS_GATEWAY_URL: smsUrl,
      LOG_LEVEL: 'silent',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (c: Buffer) => c.toString().includes('READY') && resolve(child));
    child.once('exit', (code) => reject(new Error(`worker exited ${code}`)));
  });
}

async function run(dialect: 'sqlite' | 'postgres'): Promise<string> {
  const name = `hw_bench_alerts_${randomBytes(4).toString('hex')}`;
  let url: string;
  let drop: () => Promise<void>;
  if (dialect === 'sqlite') {
    const file = path.join(tmpdir(), `${name}.db`);
    url = `sqlite:${file}`;
    drop = async () => {
      for (const s of ['', '-wal', '-shm']) rmSync(`${file}${s}`, { force: true });
    };
  } else {
    const admin = process.env.HOMEWARD_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`create database ${name}`);
    await c.end();
    const u = new URL(admin);
    u.pathname = `/${name}`;
    url = u.toString();
    drop = async () => {
      const d = new pg.Client({ connectionString: admin });
      await d.connect();
      await d.query(`drop database if exists ${name} with (force)`);
      await d.end();
    };
  }
  const sink = await sinks();
  const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', HOMEWARD_SMTP_URL: sink.smtpUrl });
  const database = await openDatabase(config.database, { createIfMissing: true });
  const children: ChildProcess[] = [];
  let stopLocal: (() => Promise<void>) | null = null;
  try {
    await migrateToLatest(database.db);
    await seed(database.db);
    const rawMs = await rawInsertMs(database.db);
    let peak = rssMiB();
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssMiB());
    }, 200);
    const published = performance.now();
    const { messageId } = await enqueueAreaNotification(database.db, {
      source: { kind: 'bench', id: name },
      area: { countries: ['FR'] },
      at: new Date(),
      content: {
        en: { title: 'Bench alert', body: 'Stay indoors.' },
        'zh-CN': { title: '基准测试提醒', body: '请留在室内。' },
      },
    });
    if (dialect === 'sqlite') {
      const worker = startWorker({
        db: database.db,
        log: silent,
        handlers: notificationHandlers(config, silent, {
          notifications: {
            vapid: null,
            vapidSubject: 'mailto:b@bench.example',
            smsGatewayUrl: sink.smsUrl,
            smsGatewayToken: null,
            maxAttempts: 5,
            retryBaseMs: 200,
            sendLeaseMs: 60_000,
          },
          parallel: 16,
        }),
        pollMs: 20,
        concurrency: 4,
      });
      stopLocal = () => worker.stop(5000);
    } else {
      children.push(
        await spawnWorker(url, sink.smtpUrl, sink.smsUrl),
        await spawnWorker(url, sink.smtpUrl, sink.smsUrl),
      );
    }
    let enqueuedMs = 0;
    for (;;) {
      const m = await database.db
        .selectFrom('notificationMessages')
        .select('state')
        .where('id', '=', messageId)
        .executeTakeFirstOrThrow();
      if (m.state === 'fanned_out' && enqueuedMs === 0) enqueuedMs = performance.now() - published;
      if (sink.count() >= N) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const doneMs = performance.now() - published;
    clearInterval(sampler);
    const report = await deliveryReport(database.db, messageId);
    const p = (c: string, k: 'sentP50Ms' | 'sentP95Ms') => report.channels.find((x) => x.channel === c)?.[k] ?? 0;
    const enqueueRate = (N / enqueuedMs) * 1000;
    const rawRate = (N / rawMs) * 1000;
    return `| ${dialect}${dialect === 'postgres' ? ' (2 worker processes)' : ' (1 process)'} | ${fmt(N)} | ${(enqueuedMs / 1000).toFixed(1)} s (${fmt(enqueueRate)}/s) | ${fmt(rawRate)}/s | ${ratio(enqueueRate, rawRate)} | ${fmt((N / doneMs) * 1000)}/s | ${(p('email', 'sentP50Ms') / 1000).toFixed(1)} / ${(p('email', 'sentP95Ms') / 1000).toFixed(1)} s | ${(p('sms', 'sentP50Ms') / 1000).toFixed(1)} / ${(p('sms', 'sentP95Ms') / 1000).toFixed(1)} s | ${peak} MiB |`;
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await stopLocal?.();
    await database.close();
    await sink.close();
    await drop();
  }
}

export async function alertsBench(): Promise<string> {
  const lines = [
    '| engine | recipients | fan-out (enqueue all deliveries) | raw batched insert | enqueue / raw | sustained deliveries | e-mail p50 / p95 publish→sent | SMS p50 / p95 publish→sent | peak RSS (this process) |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  lines.push(await run('sqlite'), await run('postgres'));
  return lines.join('\n');
}
