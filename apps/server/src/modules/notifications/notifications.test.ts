import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/support/db.ts';
import {
  type BrowserKeys,
  browserKeys,
  decryptPush,
  type PushSink,
  startPushSink,
  startSmsSink,
} from '../../../test/support/push-sink.ts';
import { startSmtpServer, type TestSmtpServer } from '../../../test/support/smtp.ts';
import { isoNow, newId } from '../../clock.ts';
import type { Db } from '../../db/schema.ts';
import { startWorker } from '../../jobs/jobs.worker.ts';
import { clearRegistry, type World, writeWorld } from '../targeting/targeting.fixtures.ts';
import { createUser } from '../users/users.service.ts';
import { NOTIFY_ARRIVALS_JOB } from './notifications.arrivals.ts';
import type { NotificationsConfig } from './notifications.config.ts';
import { notificationHandlers } from './notifications.jobs.ts';
import {
  enqueueAreaNotification,
  enqueuePersonNotification,
  NOTIFY_FANOUT,
  registerActionLinks,
} from './notifications.service.ts';

const silent = pino({ level: 'silent' });
const AT = '2026-11-28T12:00:00.000Z';
const CONTENT = {
  en: { title: 'Earthquake in Lyon', body: 'Stay away from damaged buildings.', url: '/inbox' },
  'zh-CN': { title: '里昂发生地震', body: '请远离受损建筑。' },
};

async function until(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const settled = (db: Db, messageId: string) => async () => {
  const message = await db
    .selectFrom('notificationMessages')
    .select('state')
    .where('id', '=', messageId)
    .executeTakeFirstOrThrow();
  const open = await db
    .selectFrom('notificationDeliveries')
    .select('id')
    .where('messageId', '=', messageId)
    .where('status', 'in', ['queued', 'sending'])
    .execute();
  return message.state === 'fanned_out' && open.length === 0;
};

const person = (id: string, locale: string, channels: World['persons'][number]['channels']) => ({
  id,
  locale,
  channels,
  dependents: [] as string[],
  subscriptions: [] as string[],
});
const presence = (personId: string, countryCode: string) => ({
  id: `pr-${personId}`,
  personId,
  dependentId: null,
  kind: 'residence' as const,
  countryCode,
  regionCode: null,
  lat: null,
  lon: null,
  arrivalOn: '2026-01-01',
  departureOn: null,
});

async function linkAccount(db: Db, personId: string, email: string, locale: string): Promise<string> {
  const { id } = await createUser(db, {
    email,
    password: 'violet-kangaroo-harbour-93',
    displayName: personId,
    role: 'citizen',
    locale,
  });
  await db.updateTable('persons').set({ userId: id }).where('id', '=', personId).execute();
  return id;
}

async function subscribe(db: Db, userId: string, endpoint: string, keys: BrowserKeys): Promise<void> {
  await db
    .insertInto('pushSubscriptions')
    .values({
      id: newId(),
      userId,
      endpoint,
      p256dh: keys.p256dh,
      auth: keys.auth,
      userAgent: null,
      createdAt: isoNow(),
    })
    .execute();
}

describeEachDialect('notification delivery', (getDb) => {
  let smtp: TestSmtpServer;
  let push: PushSink;
  let sms: Awaited<ReturnType<typeof startSmsSink>>;
  const settings = (over: Partial<NotificationsConfig> = {}): NotificationsConfig => ({
    vapid: null,
    vapidSubject: 'mailto:ops@homeward.example',
    smsGatewayUrl: sms.url,
    smsGatewayToken: 'sms-secret',
    maxAttempts: 3,
    retryBaseMs: 40,
    sendLeaseMs: 5000,
    ...over,
  });
  const run = (db: Db, over: Partial<NotificationsConfig> = {}, smtpUrl = smtp.url) =>
    startWorker({
      db: db as never, // boundary: the test's root Kysely handle
      log: silent,
      handlers: notificationHandlers({ ...getDb().config, mail: { ...getDb().config.mail, smtpUrl } }, silent, {
        notifications: settings(over),
      }),
      pollMs: 20,
      concurrency: 2,
    });

  beforeAll(async () => {
    smtp = await startSmtpServer();
    push = await startPushSink();
    sms = await startSmsSink();
  });
  afterAll(async () => {
    await smtp.close();
    await push.close();
    await sms.close();
  });

  it('reaches everyone in the area once per channel, in their language and order, with decryptable Web Push', async () => {
    const { db } = getDb();
    await clearRegistry(db);
    await writeWorld(db, {
      persons: [
        person('p-push', 'en', [{ kind: 'email', address: 'push-first@example.org', verified: true }]),
        person('p-mail', 'zh-CN', [
          { kind: 'email', address: 'mail@example.org', verified: true },
          { kind: 'sms', address: '+33612345678', verified: true },
        ]),
        person('p-sms', 'en', [{ kind: 'sms', address: '+33699999999', verified: false }]),
        person('p-gone', 'en', [{ kind: 'email', address: 'gone@example.org', verified: true }]),
        person('p-away', 'en', [{ kind: 'email', address: 'away@example.org', verified: true }]),
      ],
      presences: [
        presence('p-push', 'FR'),
        presence('p-mail', 'FR'),
        presence('p-sms', 'FR'),
        presence('p-gone', 'FR'),
        presence('p-away', 'DE'),
      ],
      sites: [],
    });
    const a = await linkAccount(db, 'p-push', 'a@example.org', 'en');
    const b = await linkAccount(db, 'p-gone', 'b@example.org', 'en');
    const keys = browserKeys();
    await subscribe(db, a, `${push.base}a`, keys);
    await subscribe(db, b, `${push.base}gone`, browserKeys());
    push.answer('gone', 410);
    registerActionLinks('test_alert', (sourceId, personId) => ({
      safe: `https://homeward.example/c/${sourceId}/${personId}/safe`,
      needHelp: `https://homeward.example/c/${sourceId}/${personId}/help`,
    }));

    const source = { kind: 'test_alert', id: 'quake-1' };
    const { messageId } = await db
      .transaction()
      .execute((trx) =>
        enqueueAreaNotification(trx, { source, area: { countries: ['FR'] }, at: AT, content: CONTENT, checkin: true }),
      );
    // Publishing is the outbox insert only; the same source again is the same message and job.
    expect(
      (await enqueueAreaNotification(db, { source, area: { countries: ['FR'] }, at: AT, content: CONTENT })).messageId,
    ).toBe(messageId);
    expect(await db.selectFrom('jobs').select('id').where('kind', '=', NOTIFY_FANOUT).execute()).toHaveLength(1);
    expect(await db.selectFrom('notificationDeliveries').select('id').execute()).toHaveLength(0);

    const worker = run(db);
    try {
      await until(settled(db, messageId));
    } finally {
      await worker.stop(1000);
    }
    const rows = await db
      .selectFrom('notificationDeliveries')
      .select(['personId', 'channel', 'status', 'address', 'attempts'])
      .where('messageId', '=', messageId)
      .orderBy('personId')
      .orderBy('channel')
      .execute();
    expect(rows.map((r) => `${r.personId}:${r.channel}:${r.status}`)).toEqual([
      'p-gone:email:sent',
      'p-gone:inapp:sent',
      'p-gone:push:failed',
      'p-mail:email:sent',
      'p-push:inapp:sent',
      'p-push:push:sent',
      'p-sms:sms:sent',
    ]);

    // Web Push: one request to the live endpoint, decrypted with the subscription's own keys (RFC 8291).
    expect(push.received.map((r) => r.name)).toEqual(['a']);
    const request = push.received[0];
    expect(request?.headers['content-encoding']).toBe('aes128gcm');
    expect(request?.headers.authorization).toMatch(/^vapid t=[\w-]+\.[\w-]+\.[\w-]+, k=[\w-]+$/);
    expect(request?.headers.topic).toMatch(/^[0-9a-f]{32}$/);
    const payload = JSON.parse(decryptPush(request?.body ?? Buffer.alloc(0), keys));
    expect(payload).toMatchObject({ title: 'Earthquake in Lyon', url: 'http://localhost:8080/inbox' });
    expect(payload.actions.map((x: { title: string }) => x.title)).toEqual(["I'm safe", 'I need help']);
    expect(payload.actions[0].url).toBe('https://homeward.example/c/quake-1/p-push/safe');
    // The endpoint that answered 410 is gone, and its person got the next channel instead.
    expect(await db.selectFrom('pushSubscriptions').select('endpoint').where('userId', '=', b).execute()).toEqual([]);

    // E-mail, in the person's language, with the delivery id as Message-ID and the one-tap links.
    const zh = await smtp.waitFor((m) => m.to === 'mail@example.org');
    expect(zh.subject).toBe('里昂发生地震');
    expect(zh.text).toContain('报平安: https://homeward.example/c/quake-1/p-mail/safe');
    expect((await smtp.waitFor((m) => m.to === 'gone@example.org')).subject).toBe('Earthquake in Lyon');
    expect(smtp.messages.filter((m) => m.to === 'away@example.org' || m.to === 'push-first@example.org')).toEqual([]);

    // SMS at the gateway in the documented shape; the delivery id is both reference and Idempotency-Key.
    expect(sms.received).toHaveLength(1);
    const text = sms.received[0];
    expect(text?.body.to).toBe('+33699999999');
    expect(text?.body.text).toContain('Earthquake in Lyon: Stay away from damaged buildings.');
    expect(text?.headers['idempotency-key']).toBe(text?.body.reference);
    expect(text?.headers.authorization).toBe('Bearer sms-secret');

    const message = await db
      .selectFrom('notificationMessages')
      .selectAll()
      .where('id', '=', messageId)
      .executeTakeFirstOrThrow();
    expect(message.recipients).toBe(4);
  });

  it('retries a failing SMTP server with backoff, then falls back to the next channel', async () => {
    const { db } = getDb();
    await clearRegistry(db);
    await writeWorld(db, {
      persons: [
        person('p-both', 'en', [
          { kind: 'email', address: 'down@example.org', verified: true },
          { kind: 'sms', address: '+33611111111', verified: true },
        ]),
      ],
      presences: [presence('p-both', 'FR')],
      sites: [],
    });
    const before = sms.received.length;
    const { messageId } = await enqueuePersonNotification(db, {
      source: { kind: 'test_direct', id: 'smtp-down' },
      personIds: ['p-both', 'p-both'],
      content: { en: CONTENT.en },
    });
    const worker = run(db, {}, 'smtp://127.0.0.1:9'); // nothing listens on the discard port
    try {
      await until(settled(db, messageId));
    } finally {
      await worker.stop(1000);
    }
    const rows = await db
      .selectFrom('notificationDeliveries')
      .select(['channel', 'status', 'attempts', 'lastError'])
      .where('messageId', '=', messageId)
      .orderBy('channel')
      .execute();
    expect(rows.map((r) => [r.channel, r.status, r.attempts])).toEqual([
      ['email', 'failed', 3],
      ['sms', 'sent', 1],
    ]);
    expect(rows[0]?.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(sms.received.slice(before).map((r) => r.body.to)).toEqual(['+33611111111']);
  });

  it('retries a gateway answering 503 and refuses content without any language', async () => {
    const { db } = getDb();
    await clearRegistry(db);
    await writeWorld(db, {
      persons: [person('p-retry', 'zh-CN', [{ kind: 'sms', address: '+33622222222', verified: true }])],
      presences: [presence('p-retry', 'FR')],
      sites: [],
    });
    await expect(
      enqueuePersonNotification(db, {
        source: { kind: 'test_direct', id: 'empty' },
        personIds: ['p-retry'],
        content: {},
      }),
    ).rejects.toThrow(/at least one language/);
    sms.failNext(2, 503);
    const before = sms.received.length;
    const { messageId } = await enqueuePersonNotification(db, {
      source: { kind: 'test_direct', id: 'sms-retry' },
      personIds: ['p-retry'],
      content: { en: CONTENT.en },
    });
    const worker = run(db);
    try {
      await until(settled(db, messageId));
    } finally {
      await worker.stop(1000);
    }
    const row = await db
      .selectFrom('notificationDeliveries')
      .select(['status', 'attempts'])
      .where('messageId', '=', messageId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'sent', attempts: 3 });
    // Only English was written: the zh-CN reader gets the English text rather than nothing.
    expect(sms.received.slice(before).map((r) => r.body.locale)).toEqual(['en']);
  });
  it('sends the on-arrival message once per started presence, with the advisory level and the hotline', async () => {
    const { db, config } = getDb();
    await clearRegistry(db);
    const today = new Date().toISOString().slice(0, 10);
    const arrived = (id: string, arrivalOn: string) => ({ ...presence(id, 'KE'), id: `arr-${id}`, arrivalOn });
    await writeWorld(db, {
      persons: [
        person('p-arrived', 'zh-CN', [{ kind: 'email', address: 'arrived@example.org', verified: true }]),
        person('p-later', 'en', [{ kind: 'email', address: 'later@example.org', verified: true }]),
      ],
      presences: [arrived('p-arrived', today), arrived('p-later', '2099-01-01')],
      sites: [],
    });
    await db
      .insertInto('travelAdvisories')
      .values({
        id: newId(),
        country: 'KE',
        region: '',
        level: 3,
        summaryZh: '内罗毕抢劫案件增多。',
        summaryEn: 'Robberies are rising in Nairobi.',
        detailsZh: '详情',
        detailsEn: 'Details',
        effectiveFrom: '2026-01-01',
        effectiveUntil: null,
        publishedBy: null,
        publishedAt: isoNow(),
        supersededAt: null,
      })
      .execute();
    const handlers = notificationHandlers(config, silent, { notifications: settings() });
    const context = { db, log: silent, job: {} as never }; // boundary: the handler reads no job fields
    await handlers[NOTIFY_ARRIVALS_JOB](context, {});
    await handlers[NOTIFY_ARRIVALS_JOB](context, {});
    const messages = await db
      .selectFrom('notificationMessages')
      .select(['id', 'sourceId', 'content'])
      .where('sourceKind', '=', 'arrival')
      .execute();
    expect(messages.map((m) => m.sourceId)).toEqual(['arr-p-arrived']);
    const worker = run(db);
    try {
      await until(settled(db, messages[0]?.id ?? ''));
    } finally {
      await worker.stop(1000);
    }
    const mail = await smtp.waitFor((m) => m.to === 'arrived@example.org');
    expect(mail.subject).toBe('欢迎来到肯尼亚：旅行风险等级3级');
    expect(mail.text).toContain('橙色 · 谨慎前往');
    expect(mail.text).toContain('内罗毕抢劫案件增多。');
    expect(mail.text).toContain('+86 10 12308');
  });
});
