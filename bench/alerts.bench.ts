import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Kysely, sql } from 'kysely';
import nodemailer from 'nodemailer';
import pg from 'pg';
import pino from 'pino';
import { isoNow, newId } from '../apps/server/src/clock.ts';
import { type Config, loadConfig } from '../apps/server/src/config.ts';
import { openDatabase, openJobsDatabase } from '../apps/server/src/db/connect.ts';
import { migrateToLatest } from '../apps/server/src/db/migrate.ts';
import type { Database } from '../apps/server/src/db/schema.ts';
import { startWorker } from '../apps/server/src/jobs/jobs.worker.ts';
import { alertHandlers } from '../apps/server/src/modules/alerts/alerts.jobs.ts';
import { ALERT_RECIPIENTS_JOB } from '../apps/server/src/modules/alerts/alerts.recipients.ts';
import { approveAlert, createAlertDraft, submitAlert } from '../apps/server/src/modules/alerts/alerts.service.ts';
import { registerCheckinLinks } from '../apps/server/src/modules/checkins/checkins.links.ts';
import type { RenderedMessage } from '../apps/server/src/modules/notifications/notifications.channels.ts';
import { emailBody, planMails } from '../apps/server/src/modules/notifications/notifications.email.ts';
import { notificationHandlers } from '../apps/server/src/modules/notifications/notifications.jobs.ts';
import type { DeliveryRow } from '../apps/server/src/modules/notifications/notifications.repo.ts';
import { insertDeliveries } from '../apps/server/src/modules/notifications/notifications.repo.ts';
import { deliveryReport } from '../apps/server/src/modules/notifications/notifications.report.ts';
import { NOTIFY_FANOUT, NOTIFY_SEND } from '../apps/server/src/modules/notifications/notifications.service.ts';
import { smsText } from '../apps/server/src/modules/notifications/notifications.sms.ts';
import { writeWorld } from '../apps/server/src/modules/targeting/targeting.fixtures.ts';
import { createUser } from '../apps/server/src/modules/users/users.service.ts';
import type { Actor } from '../apps/server/src/policy/actor.ts';
import { fmt, ratio, rssMiB } from './lib.ts';

// `npm run bench -- alerts` (issue 6): one alert to N people in one country, written, submitted and approved through
// the alerts service, delivered by e-mail (a local SMTP server) and SMS (a local HTTP gateway), half each; SQLite
// with the worker in this process, PostgreSQL with two worker processes started before the approval. Measured from
// the approval request: the request itself, the recipients fixed by the alert.recipients job, every delivery
// enqueued by the set-wise fan-out (decision 0025), and every message received by the sinks. N is scaled down from
// the 1,000,000 with HOMEWARD_BENCH_ALERT_RECIPIENTS so a run fits a shared two-core machine. Push needs
// accounts with browser subscriptions and is left out here (the tests cover it).

const N = Number(process.env.HOMEWARD_BENCH_ALERT_RECIPIENTS ?? 20_000);
// HOMEWARD_BENCH_ALERT_SEND=0: stop once every delivery is enqueued (no sending), with the recipients and fan-out
// jobs in this process on both engines — what a run at 1,000,000 can afford on the shared machine.
const SEND = process.env.HOMEWARD_BENCH_ALERT_SEND !== '0';
// HOMEWARD_BENCH_ALERT_CHECKIN=1: the alert asks "Are you safe?", so every e-mail carries its reader's own signed
// links and goes one per person (without, one e-mail goes to up to 100 readers of the same language).
const CHECKIN = process.env.HOMEWARD_BENCH_ALERT_CHECKIN === '1';
// HOMEWARD_BENCH_ALERT_SQLITE_WORKERS=N: SQLite's jobs run in N worker processes (`homeward start --role worker`
// beside the API) instead of in this process, as PostgreSQL's do.
const SQLITE_WORKERS = Number(process.env.HOMEWARD_BENCH_ALERT_SQLITE_WORKERS ?? 0);
/** SMS per gateway request (HOMEWARD_SMS_GATEWAY_BATCH). */
const SMS_BATCH = 250;
const SINKS = fileURLToPath(new URL('./alerts.sinks.ts', import.meta.url));
const CHILD = fileURLToPath(new URL('../apps/server/test/support/notify-worker-child.ts', import.meta.url));
const silent = pino({ level: 'silent' });

/** The local SMTP server and SMS gateway, in a child process (bench/alerts.sinks.ts). */
async function sinks() {
  const child = spawn(process.execPath, ['--import', 'tsx', SINKS], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const urls = await new Promise<{ smtpUrl: string; smsUrl: string }>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const ready = /READY (\{.*\})\n/.exec(out);
      if (ready?.[1]) resolve(JSON.parse(ready[1]) as { smtpUrl: string; smsUrl: string }); // boundary: our child
    });
    child.once('exit', (code) => reject(new Error(`the sinks exited ${code}`)));
  });
  return {
    ...urls,
    /** Messages received so far. */
    count: () =>
      new Promise<number>((resolve) => {
        child.once('message', (n) => resolve(Number(n)));
        child.send('count');
      }),
    close: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.disconnect();
      await exited;
    },
  };
}

/**
 * The baseline for sending: the same N messages (half e-mail, half SMS, in the same two languages, grouped and
 * batched as the platform does) sent straight to the same sinks from this process, without a database, with the
 * same e-mail connections and SMS requests in flight. Returns messages per second.
 */
async function rawSendRate(sink: Awaited<ReturnType<typeof sinks>>, config: Config): Promise<number> {
  const before = await sink.count();
  const began = performance.now();
  const items = Array.from({ length: N }, (_, i) => {
    const locale = i % 3 === 0 ? ('en' as const) : ('zh-CN' as const);
    const id = newId();
    const message: RenderedMessage = {
      locale,
      title: locale === 'en' ? 'Bench alert' : '基准测试提醒',
      body: locale === 'en' ? 'Stay indoors.' : '请留在室内。',
      url: null,
      actions: CHECKIN
        ? { safe: `https://homeward.example/c/${id}/safe`, needHelp: `https://homeward.example/c/${id}/help` }
        : {},
    };
    return { i, id, message };
  });
  const mails = items.filter((x) => x.i % 2 === 0);
  const texts = items.filter((x) => x.i % 2 === 1);
  const transport = nodemailer.createTransport({
    url: sink.smtpUrl,
    pool: true,
    maxConnections: 8,
    maxMessages: 10_000,
  });
  const groups = planMails(
    mails.map((m) => ({
      delivery: { id: m.id, messageId: 'raw', address: `r${m.i}@bench.example` } as DeliveryRow,
      message: m.message,
    })),
    100,
  );
  let g = 0;
  const mailLane = async () => {
    while (g < groups.length) {
      const group = groups[g++];
      if (!group) break;
      const first = group.items[0];
      if (!first) continue;
      await transport.sendMail({
        from: config.mail.from,
        to: group.to,
        envelope: {
          from: config.mail.from,
          to: group.items.map((o) => ({ name: '', address: o.delivery.address ?? '' })),
        },
        messageId: group.messageId,
        ...emailBody(config, first.message),
      });
    }
  };
  let t = 0;
  const smsLane = async () => {
    while (t < texts.length) {
      const batch = texts.slice(t, t + SMS_BATCH);
      t += SMS_BATCH;
      const response = await fetch(sink.smsUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          messages: batch.map((x) => ({
            to: `+336${String(x.i).padStart(8, '0')}`,
            text: smsText(x.message),
            reference: x.id,
            locale: x.message.locale,
          })),
        }),
      });
      await response.json();
    }
  };
  await Promise.all([...Array.from({ length: 8 }, mailLane), ...Array.from({ length: 4 }, smsLane)]);
  transport.close();
  const ms = performance.now() - began;
  const received = (await sink.count()) - before;
  if (received !== N) throw new Error(`the sinks got ${received} raw messages, not ${N}`);
  return (N / ms) * 1000;
}

/** Person ids are UUIDs, as the registry's are (a check-in link names its person by one); the same for i every run. */
function personId(i: number): string {
  const h = createHash('sha256').update(`person ${i}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

async function seed(db: Kysely<Database>): Promise<void> {
  for (let start = 0; start < N; start += 5000) {
    const ids = Array.from({ length: Math.min(5000, N - start) }, (_, i) => personId(start + i));
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
          personId: personId(start + i),
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

/** Two alert managers: one writes and submits, the other approves (four eyes). */
async function staff(db: Kysely<Database>): Promise<[Actor, Actor]> {
  const actors: Actor[] = [];
  for (const who of ['author', 'reviewer']) {
    const { id } = await createUser(db, {
      email: `${who}@bench.example`,
      password: 'violet-kangaroo-harbour-93',
      displayName: who,
      role: 'alert_manager',
      locale: 'en',
    });
    actors.push({ id, role: 'alert_manager', missions: [] });
  }
  const [author, reviewer] = actors;
  if (!author || !reviewer) throw new Error('bench staff missing');
  return [author, reviewer];
}

function spawnWorker(url: string, smtpUrl: string, smsUrl: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      HOMEWARD_SMTP_URL: smtpUrl,
      HOMEWARD_SMS_GATEWAY_URL: smsUrl,
      HOMEWARD_SMS_GATEWAY_BATCH: String(SMS_BATCH),
      HOMEWARD_NOTIFY_SEND_LEASE_MS: '60000',
      HOMEWARD_JOB_LEASE_MS: '300000',
      // The platform's chunk (notifications.jobs.ts), as the SQLite run uses it.
      HOMEWARD_NOTIFY_CHUNK: '1000',
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
  // The jobs' handle as `homeward start` opens it: on SQLite, a connection on a thread of its own (decision 0033).
  const jobs = await openJobsDatabase(database);
  try {
    await migrateToLatest(database.db);
    await seed(database.db);
    // As a worker process does (server.ts): the signed Safe / Need help links of check-in messages.
    await registerCheckinLinks(database.db, config);
    const rawMs = await rawInsertMs(database.db);
    if (dialect === 'postgres') {
      // The loaded rows settled as in a database in service: without this, autovacuum and the checkpoint after
      // loading a million persons (and the baseline's million deliveries) run inside the measured window.
      await sql`vacuum analyze`.execute(database.db);
      await sql`checkpoint`.execute(database.db);
    }
    const [author, reviewer] = await staff(database.db);
    const source = { actor: { id: author.id, role: author.role }, ip: null };
    const draft = await createAlertDraft(
      database.db,
      config,
      author,
      {
        country: 'FR',
        texts: {
          en: { headline: 'Bench alert', description: 'Stay indoors.', instruction: '' },
          'zh-CN': { headline: '基准测试提醒', description: '请留在室内。', instruction: '' },
        },
        category: 'Safety',
        urgency: 'Immediate',
        severity: 'Severe',
        certainty: 'Observed',
        area: { countries: ['FR'] },
        checkin: CHECKIN,
      },
      source,
      'en',
    );
    await submitAlert(database.db, author, draft.id, {}, source);
    let peak = rssMiB();
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssMiB());
    }, 200);
    if (!SEND) {
      // Only the jobs that enqueue: fixing the recipients and the fan-out.
      const recipients = alertHandlers(config, silent)[ALERT_RECIPIENTS_JOB];
      if (!recipients) throw new Error('the alerts module has no recipients job');
      const worker = startWorker({
        db: jobs.db,
        log: silent,
        handlers: {
          [ALERT_RECIPIENTS_JOB]: recipients,
          [NOTIFY_FANOUT]: notificationHandlers(config, silent)[NOTIFY_FANOUT],
          // The fan-out's send jobs are acknowledged without sending: a worker without a handler for them would
          // claim and fail them again and again, competing with the fan-out it measures.
          [NOTIFY_SEND]: async () => {},
        },
        pollMs: 20,
        concurrency: 2,
      });
      stopLocal = () => worker.stop(5000);
    } else if (dialect === 'sqlite' && SQLITE_WORKERS === 0) {
      const worker = startWorker({
        db: jobs.db,
        log: silent,
        handlers: {
          ...alertHandlers(config, silent),
          ...notificationHandlers(config, silent, {
            notifications: {
              vapid: null,
              vapidSubject: 'mailto:b@bench.example',
              smsGatewayUrl: sink.smsUrl,
              smsGatewayToken: null,
              smsBatchSize: SMS_BATCH,
              emailMaxRecipients: 100,
              maxAttempts: 5,
              retryBaseMs: 200,
              sendLeaseMs: 60_000,
            },
          }),
        },
        pollMs: 20,
        concurrency: 4,
      });
      stopLocal = () => worker.stop(5000);
    } else {
      const processes = dialect === 'sqlite' ? SQLITE_WORKERS : 2;
      for (let i = 0; i < processes; i++) children.push(await spawnWorker(url, sink.smtpUrl, sink.smsUrl));
    }
    const sentBefore = await sink.count();
    const published = performance.now();
    await approveAlert(database.db, config, reviewer, draft.id, {
      actor: { id: reviewer.id, role: reviewer.role },
      ip: null,
    });
    const approvalMs = performance.now() - published;
    const { id: messageId } = await database.db
      .selectFrom('notificationMessages')
      .select('id')
      .where('sourceKind', '=', 'alert')
      .where('sourceId', '=', draft.id)
      .executeTakeFirstOrThrow();
    let recipientsMs = 0;
    let enqueuedMs = 0;
    for (;;) {
      if (recipientsMs === 0) {
        const a = await database.db
          .selectFrom('alerts')
          .select(['recipientsState', 'recipients'])
          .where('id', '=', draft.id)
          .executeTakeFirstOrThrow();
        if (a.recipientsState === 'ready') {
          recipientsMs = performance.now() - published;
          if (a.recipients !== N) throw new Error(`the alert has ${a.recipients} recipients, not ${N}`);
        }
      }
      const m = await database.db
        .selectFrom('notificationMessages')
        .select('state')
        .where('id', '=', messageId)
        .executeTakeFirstOrThrow();
      if (m.state === 'fanned_out' && enqueuedMs === 0) enqueuedMs = performance.now() - published;
      if (SEND ? (await sink.count()) - sentBefore >= N : enqueuedMs > 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const doneMs = performance.now() - published;
    const enqueueRate = (N / enqueuedMs) * 1000;
    const rawRate = (N / rawMs) * 1000;
    const processes = dialect === 'postgres' ? 2 : SQLITE_WORKERS;
    const mode = !SEND ? ' (enqueue only)' : processes > 0 ? ` (${processes} worker processes)` : ' (1 process)';
    clearInterval(sampler);
    const report = await deliveryReport(database.db, messageId);
    const p = (c: string, k: 'sentP50Ms' | 'sentP95Ms') => report.channels.find((x) => x.channel === c)?.[k] ?? 0;
    if (!SEND) {
      const queued = await database.db
        .selectFrom('notificationDeliveries')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('messageId', '=', messageId)
        .executeTakeFirstOrThrow();
      if (Number(queued.n) !== N) throw new Error(`${queued.n} deliveries enqueued, not ${N}`);
      return `| ${dialect}${mode} | ${fmt(N)} | ${fmt(Math.round(approvalMs))} ms | ${(recipientsMs / 1000).toFixed(1)} s | ${(enqueuedMs / 1000).toFixed(1)} s (${fmt(enqueueRate)}/s) | ${fmt(rawRate)}/s | ${ratio(enqueueRate, rawRate)} | — | — | — | — | — | — | ${peak} MiB |`;
    }
    // p95 over every delivery of the message, nearest rank, as the dashboard reads it per channel.
    const at95 = await database.db
      .selectFrom('notificationDeliveries')
      .select('sentMs')
      .where('messageId', '=', messageId)
      .where('sentMs', 'is not', null)
      .orderBy('sentMs')
      .offset(Math.ceil(0.95 * N) - 1)
      .limit(1)
      .executeTakeFirstOrThrow();
    const sendRate = (N / doneMs) * 1000;
    // After the run, so that the baseline's own arrays are not in the platform's peak memory.
    const rawSend = await rawSendRate(sink, config);
    const s = (ms: number) => (ms / 1000).toFixed(1);
    return `| ${dialect}${mode} | ${fmt(N)} | ${fmt(Math.round(approvalMs))} ms | ${s(recipientsMs)} s | ${s(enqueuedMs)} s (${fmt(enqueueRate)}/s) | ${fmt(rawRate)}/s | ${ratio(enqueueRate, rawRate)} | ${fmt(sendRate)}/s | ${fmt(rawSend)}/s | ${ratio(sendRate, rawSend)} | ${s(p('email', 'sentP50Ms'))} / ${s(p('email', 'sentP95Ms'))} s | ${s(p('sms', 'sentP50Ms'))} / ${s(p('sms', 'sentP95Ms'))} s | ${s(Number(at95.sentMs))} s | ${peak} MiB |`;
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await stopLocal?.();
    await jobs.close();
    await database.close();
    await sink.close();
    await drop();
  }
}

export async function alertsBench(): Promise<string> {
  const lines = [
    `${CHECKIN ? 'With a check-in (one e-mail per person)' : 'Without a check-in (one e-mail to up to 100 readers)'}, SMS ${SMS_BATCH} per gateway request:`,
    '',
    '| engine | recipients | approval request | recipients fixed | all deliveries enqueued | raw batched insert | enqueue / raw | sustained deliveries | raw sends | sent / raw | e-mail p50 / p95 publish→sent | SMS p50 / p95 publish→sent | p95 publish→sent, all | peak RSS (this process) |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  // HOMEWARD_BENCH_ALERT_ENGINES=sqlite (or postgres) runs one engine only.
  const engines = (process.env.HOMEWARD_BENCH_ALERT_ENGINES ?? 'sqlite,postgres').split(',');
  for (const engine of ['sqlite', 'postgres'] as const) if (engines.includes(engine)) lines.push(await run(engine));
  return lines.join('\n');
}
