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
import { insertJobs } from '../../jobs/jobs.repo.ts';
import { startWorker } from '../../jobs/jobs.worker.ts';
import { clearRegistry, type World, writeWorld } from '../targeting/targeting.fixtures.ts';
import { createUser } from '../users/users.service.ts';
import { NOTIFY_ARRIVALS_JOB } from './notifications.arrivals.ts';
import type { NotificationsConfig } from './notifications.config.ts';
import { notificationHandlers } from './notifications.jobs.ts';
import { releaseSendLease, renewSendLease, takeSendLease } from './notifications.repo.ts';
import {
  enqueueAreaNotification,
  enqueuePersonNotification,
  NOTIFY_FANOUT,
  NOTIFY_SEND,
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
    .where('status', 'in', ['queued'])
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
    smsBatchSize: 1,
    emailMaxRecipients: 100,
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
    smtp = await startSmtpServer({ refuse: (address) => address.startsWith('refused') });
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
  const deliveryRows = (db: Db, messageId: string) =>
    db
      .selectFrom('notificationDeliveries')
      .select(['id', 'personId', 'channel', 'status', 'attempts', 'lastError'])
      .where('messageId', '=', messageId)
      .orderBy('personId')
      .orderBy('channel')
      .execute();

  it('sends one e-mail to every reader of the same words, and fails a refused address over to SMS', async () => {
    const { db } = getDb();
    await clearRegistry(db);
    const mail = (id: string, locale: string, address: string, sms?: string) =>
      person(id, locale, [
        { kind: 'email', address, verified: true },
        ...(sms ? [{ kind: 'sms' as const, address: sms, verified: true }] : []),
      ]);
    await writeWorld(db, {
      persons: [
        mail('g-1', 'en', 'one@example.org'),
        mail('g-2', 'en', 'two@example.org'),
        mail('g-3', 'en', 'three@example.org'),
        mail('g-refused', 'en', 'refused@example.org', '+33633333333'),
        mail('g-zh', 'zh-CN', 'zh@example.org'),
      ],
      presences: [],
      sites: [],
    });
    const before = smtp.messages.length;
    const smsBefore = sms.received.length;
    const { messageId } = await enqueuePersonNotification(db, {
      source: { kind: 'test_direct', id: 'grouped-mail' },
      personIds: ['g-1', 'g-2', 'g-3', 'g-refused', 'g-zh'],
      content: CONTENT,
    });
    const worker = run(db);
    try {
      await until(settled(db, messageId));
    } finally {
      await worker.stop(1000);
    }
    const mails = smtp.messages.slice(before);
    // English: one mail, its envelope the three accepted readers, nobody named in its headers.
    const en = mails.filter((m) => m.subject === 'Earthquake in Lyon');
    expect(en).toHaveLength(1);
    expect([...(en[0]?.recipients ?? [])].sort()).toEqual(['one@example.org', 'three@example.org', 'two@example.org']);
    expect(en[0]?.to).toBe('');
    expect(en[0]?.messageId).toBe(`<${messageId}.en@notifications.homeward>`);
    // The only zh-CN reader gets a mail addressed to them.
    const zh = mails.filter((m) => m.subject === '里昂发生地震');
    expect(zh.map((m) => [m.to, m.recipients])).toEqual([['zh@example.org', ['zh@example.org']]]);
    expect(zh[0]?.messageId).toBe(`<${messageId}.zh-CN@notifications.homeward>`);
    // The refused address failed for good (550 at RCPT TO) and its reader got an SMS instead.
    const rows = await deliveryRows(db, messageId);
    expect(rows.map((r) => `${r.personId}:${r.channel}:${r.status}`)).toEqual([
      'g-1:email:sent',
      'g-2:email:sent',
      'g-3:email:sent',
      'g-refused:email:failed',
      'g-refused:sms:sent',
      'g-zh:email:sent',
    ]);
    expect(rows.find((r) => r.personId === 'g-refused' && r.channel === 'email')?.lastError).toBe(
      'address refused (550)',
    );
    expect(sms.received.slice(smsBefore).map((r) => r.body.to)).toEqual(['+33633333333']);
  });

  it('sends check-in e-mails one per person, each with its own links and Message-ID', async () => {
    const { db } = getDb();
    await clearRegistry(db);
    await writeWorld(db, {
      persons: [
        person('c-1', 'en', [{ kind: 'email', address: 'c1@example.org', verified: true }]),
        person('c-2', 'en', [{ kind: 'email', address: 'c2@example.org', verified: true }]),
      ],
      presences: [presence('c-1', 'FR'), presence('c-2', 'FR')],
      sites: [],
    });
    registerActionLinks('test_alert', (sourceId, personId) => ({
      safe: `https://homeward.example/c/${sourceId}/${personId}/safe`,
      needHelp: `https://homeward.example/c/${sourceId}/${personId}/help`,
    }));
    const before = smtp.messages.length;
    const { messageId } = await enqueueAreaNotification(db, {
      source: { kind: 'test_alert', id: 'personal-mail' },
      area: { countries: ['FR'] },
      at: AT,
      content: CONTENT,
      checkin: true,
    });
    const worker = run(db);
    try {
      await until(settled(db, messageId));
    } finally {
      await worker.stop(1000);
    }
    const rows = await deliveryRows(db, messageId);
    const mails = smtp.messages.slice(before).sort((a, b) => a.to.localeCompare(b.to));
    expect(mails.map((m) => m.recipients)).toEqual([['c1@example.org'], ['c2@example.org']]);
    expect(mails[0]?.text).toContain("I'm safe: https://homeward.example/c/personal-mail/c-1/safe");
    expect(mails[1]?.text).toContain("I'm safe: https://homeward.example/c/personal-mail/c-2/safe");
    const emailIds = rows.filter((r) => r.channel === 'email').map((r) => `<${r.id}@notifications.homeward>`);
    expect(mails.map((m) => m.messageId)).toEqual(emailIds);
  });

  it('sends SMS in batches, each message answered on its own: accepted, retried, or refused and fallen back', async () => {
    const { db } = getDb();
    await clearRegistry(db);
    await writeWorld(db, {
      persons: [
        person('s-ok', 'en', [{ kind: 'sms', address: '+33644444441', verified: true }]),
        person('s-later', 'en', [{ kind: 'sms', address: '+33644444442', verified: true }]),
        person('s-refused', 'en', [
          { kind: 'sms', address: '+33644444443', verified: true },
          { kind: 'email', address: 'sms-refused@example.org', verified: true },
        ]),
      ],
      presences: [],
      sites: [],
    });
    // The person prefers SMS: set the order through their account.
    const user = await linkAccount(db, 's-refused', 's-refused@example.org', 'en');
    await db
      .insertInto('notificationPreferences')
      .values({ userId: user, channelOrder: JSON.stringify(['sms', 'email', 'push']), updatedAt: isoNow() })
      .execute();
    sms.answerFor('+33644444442', 'retry');
    sms.answerFor('+33644444443', 'rejected');
    const before = sms.received.length;
    const batchesBefore = sms.batches.length;
    const { messageId } = await enqueuePersonNotification(db, {
      source: { kind: 'test_direct', id: 'sms-batch' },
      personIds: ['s-ok', 's-later', 's-refused'],
      content: { en: CONTENT.en },
    });
    const worker = run(db, { smsBatchSize: 2 });
    try {
      await until(settled(db, messageId));
    } finally {
      await worker.stop(1000);
    }
    const rows = await deliveryRows(db, messageId);
    expect(rows.map((r) => `${r.personId}:${r.channel}:${r.status}:${r.attempts}`)).toEqual([
      's-later:sms:sent:2',
      's-ok:sms:sent:1',
      's-refused:email:sent:1',
      's-refused:inapp:sent:0',
      's-refused:sms:failed:1',
    ]);
    expect(rows.find((r) => r.personId === 's-refused' && r.channel === 'sms')?.lastError).toBe(
      'SMS gateway: test answer rejected',
    );
    // Three messages in requests of at most two, then the retried one alone; each reference is its delivery id.
    expect(sms.batches.slice(batchesBefore)).toEqual([2, 1, 1]);
    const accepted = sms.received.slice(before);
    expect(accepted.map((r) => r.body.to).sort()).toEqual(['+33644444441', '+33644444442']);
    const smsIds = new Set(rows.filter((r) => r.channel === 'sms').map((r) => r.id));
    for (const r of accepted) expect(smsIds.has(r.body.reference)).toBe(true);
  });

  it('leases a batch to one worker at a time, and lets another take it over when the lease runs out', async () => {
    const { db } = getDb();
    const batch = { messageId: 'lease-test', channel: 'sms' as const, batch: 7 };
    await db
      .insertInto('notificationMessages')
      .values({
        id: batch.messageId,
        sourceKind: 'test_direct',
        sourceId: 'lease-test',
        content: JSON.stringify({ en: CONTENT.en }),
        target: JSON.stringify({ kind: 'persons', personIds: [] }),
        checkin: 0,
        state: 'fanned_out',
        fannedBatches: 0,
        recipients: 0,
        publishedAt: isoNow(),
        fannedOutAt: isoNow(),
      })
      .execute();
    const t0 = Date.now();
    const at = (ms: number) => new Date(t0 + ms).toISOString();
    // Two workers ask at once (two connections on PostgreSQL): exactly one gets the batch.
    const [a, b] = await Promise.all([
      takeSendLease(db, batch, { workerId: 'worker-a', now: at(0), until: at(1000) }),
      takeSendLease(db, batch, { workerId: 'worker-b', now: at(0), until: at(1000) }),
    ]);
    expect([a, b].filter((r) => r.taken)).toHaveLength(1);
    const [winner, loser] = a.taken ? ['worker-a', 'worker-b'] : ['worker-b', 'worker-a'];
    expect(a.taken ? b : a).toEqual({ taken: false, heldUntil: at(1000) });
    // The other can neither extend nor let go of a lease it does not hold; the holder can extend it.
    expect(await renewSendLease(db, batch, loser, at(5000))).toBe(false);
    await releaseSendLease(db, batch, loser);
    expect(await renewSendLease(db, batch, winner, at(2000))).toBe(true);
    expect(await takeSendLease(db, batch, { workerId: loser, now: at(1500), until: at(3000) })).toEqual({
      taken: false,
      heldUntil: at(2000),
    });
    // Once the holder's time has run out (it died), the other takes the batch over and the first has lost it.
    expect(await takeSendLease(db, batch, { workerId: loser, now: at(2500), until: at(4000) })).toEqual({
      taken: true,
    });
    expect(await renewSendLease(db, batch, winner, at(6000))).toBe(false);
    await releaseSendLease(db, batch, loser);
    expect(await takeSendLease(db, batch, { workerId: winner, now: at(2600), until: at(4000) })).toEqual({
      taken: true,
    });
    await db.deleteFrom('notificationMessages').where('id', '=', batch.messageId).execute();
  });

  it('sends nothing of a batch another worker holds, then sends it once when the lease runs out; the jobs that found it held leave one job for then', async () => {
    const { db } = getDb();
    await clearRegistry(db);
    const ids = ['held-1', 'held-2', 'held-3'];
    await writeWorld(db, {
      persons: ids.map((id, i) => person(id, 'en', [{ kind: 'sms', address: `+3366666660${i}`, verified: true }])),
      presences: [],
      sites: [],
    });
    const before = sms.received.length;
    const { messageId } = await enqueuePersonNotification(db, {
      source: { kind: 'test_direct', id: 'held-batch' },
      personIds: ids,
      content: { en: CONTENT.en },
    });
    // A worker that died while sending batch 1 holds it for another 1.5 s.
    const heldUntil = Date.now() + 1500;
    await db
      .insertInto('notificationSendLeases')
      .values({
        messageId,
        channel: 'sms',
        batch: 1,
        heldBy: 'dead-worker',
        heldUntil: new Date(heldUntil).toISOString(),
      })
      .execute();
    // Two more jobs for the same batch (fallbacks, retries) find it held as well.
    const again = { messageId, channel: 'sms', batch: 1 };
    await insertJobs(db, [
      { kind: NOTIFY_SEND, payload: again },
      { kind: NOTIFY_SEND, payload: again },
    ]);
    const worker = run(db);
    try {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(sms.received.length).toBe(before);
      expect((await deliveryRows(db, messageId)).map((r) => `${r.status}:${r.attempts}`)).toEqual(
        ids.map(() => 'queued:0'),
      );
      await until(settled(db, messageId));
    } finally {
      await worker.stop(1000);
    }
    expect(Date.now()).toBeGreaterThanOrEqual(heldUntil);
    expect((await deliveryRows(db, messageId)).map((r) => `${r.status}:${r.attempts}`)).toEqual(
      ids.map(() => 'sent:1'),
    );
    expect(
      sms.received
        .slice(before)
        .map((r) => r.body.to)
        .sort(),
    ).toEqual(['+33666666600', '+33666666601', '+33666666602']);
    const leases = await db
      .selectFrom('notificationSendLeases')
      .selectAll()
      .where('messageId', '=', messageId)
      .execute();
    expect(leases).toEqual([]);
    const later = await db
      .selectFrom('jobs')
      .select(['payload', 'runAt'])
      .where('kind', '=', NOTIFY_SEND)
      .where('runAt', '>', new Date(heldUntil).toISOString())
      .execute();
    // One job for the lease's end between the three that found the batch held (none if, on a slow machine, the
    // worker got to them only after the lease had ended and they sent the batch themselves).
    const followUps = later.filter((j) => (JSON.parse(j.payload) as { messageId: string }).messageId === messageId);
    expect(followUps.length).toBeLessThanOrEqual(1);
  });

  it('starts nothing after half the lease, and leaves what it did not start queued without counting an attempt', async () => {
    const { db } = getDb();
    await clearRegistry(db);
    const ids = Array.from({ length: 20 }, (_, i) => `slow-${String(i).padStart(2, '0')}`);
    await writeWorld(db, {
      persons: ids.map((id, i) =>
        person(id, 'en', [{ kind: 'sms', address: `+3365555${String(i).padStart(4, '0')}`, verified: true }]),
      ),
      presences: [],
      sites: [],
    });
    const calls: string[] = [];
    // A gateway that takes 600 ms a message: with a 1 s lease, only the first 8 (one per lane) start in time.
    const slow = async (_db: Db, delivery: { personId: string }) => {
      calls.push(delivery.personId);
      await new Promise((resolve) => setTimeout(resolve, 600));
    };
    const { messageId } = await enqueuePersonNotification(db, {
      source: { kind: 'test_direct', id: 'slow-gateway' },
      personIds: ids,
      content: { en: CONTENT.en },
    });
    const worker = startWorker({
      db: db as never, // boundary: the test's root Kysely handle
      log: silent,
      handlers: notificationHandlers(getDb().config, silent, {
        notifications: settings({ sendLeaseMs: 1000 }),
        senders: { sms: slow },
      }),
      pollMs: 20,
      concurrency: 2,
    });
    try {
      await until(settled(db, messageId));
    } finally {
      await worker.stop(1000);
    }
    const rows = await deliveryRows(db, messageId);
    expect(rows.map((r) => `${r.status}:${r.attempts}`)).toEqual(ids.map(() => 'sent:1'));
    // Each message was handed to the gateway once: none was still being sent when another worker could take over.
    expect([...calls].sort()).toEqual(ids);
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
