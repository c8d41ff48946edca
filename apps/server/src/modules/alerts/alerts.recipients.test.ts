import fc from 'fast-check';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, JSON_WRITE, signInAs } from '../../../test/support/app.ts';
import { describeEachDialect } from '../../../test/support/db.ts';
import { isoNow, newId } from '../../clock.ts';
import type { Db } from '../../db/schema.ts';
import type { App } from '../../http/app-types.ts';
import type { JobContext } from '../../jobs/jobs.worker.ts';
import { DEMO_PASSWORD } from '../demo/demo.accounts.ts';
import { notificationHandlers } from '../notifications/notifications.jobs.ts';
import { enqueueAreaNotification, NOTIFY_FANOUT } from '../notifications/notifications.service.ts';
import { bruteRecipients, clearRegistry, type Place, type World, writeWorld } from '../targeting/targeting.fixtures.ts';
import type { Area } from '../targeting/targeting.schema.ts';
import { countRecipients } from '../targeting/targeting.service.ts';
import { createUser } from '../users/users.service.ts';
import { ALERT_RECIPIENTS_JOB, alertRecipientHandlers, fixRecipients } from './alerts.recipients.ts';

const silent = pino({ level: 'silent' });
const context = (db: Db): JobContext => ({ db, log: silent, job: {} as never }); // boundary: no job field is read

// Places around Paris and Tokyo, named by country, region, or only a point, so every kind of area part is met.
const PARIS: [number, number] = [48.85, 2.35];
const TOKYO: [number, number] = [35.68, 139.77];
const placeArb: fc.Arbitrary<Place> = fc
  .record({
    anchor: fc.constantFrom(PARIS, TOKYO),
    dLat: fc.double({ min: -1, max: 1, noNaN: true }),
    dLon: fc.double({ min: -1, max: 1, noNaN: true }),
    named: fc.constantFrom('country', 'region', 'point', 'other'),
  })
  .map(({ anchor, dLat, dLon, named }) => {
    const paris = anchor === PARIS;
    return {
      countryCode: named === 'other' ? 'AQ' : paris ? 'FR' : 'JP',
      regionCode: named === 'region' ? (paris ? 'FR-IDF' : 'JP-13') : null,
      lat: named === 'country' ? null : anchor[0] + dLat,
      lon: named === 'country' ? null : anchor[1] + dLon,
    };
  });
const square = ([lat, lon]: [number, number], half: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [lon - half, lat - half],
      [lon + half, lat - half],
      [lon + half, lat + half],
      [lon - half, lat + half],
      [lon - half, lat - half],
    ],
  ],
});
const areaArb: fc.Arbitrary<Area> = fc
  .record({
    countries: fc.subarray(['FR', 'JP']),
    regions: fc.subarray(['FR-IDF', 'JP-13']),
    circles: fc.subarray([{ lat: PARIS[0], lon: PARIS[1], radiusKm: 60 }]),
    polygons: fc.subarray([square(TOKYO, 0.5)]),
  })
  .filter((a) => a.countries.length + a.regions.length + a.circles.length + a.polygons.length > 0);
const worldArb: fc.Arbitrary<World> = fc
  .tuple(
    fc.array(
      fc.record({
        locale: fc.constantFrom('en', 'zh-CN'),
        dependents: fc.integer({ min: 0, max: 2 }),
        subscriptions: fc.subarray(['FR', 'JP']),
        presences: fc.array(
          fc.tuple(fc.integer({ min: -1, max: 1 }), placeArb, fc.constantFrom('residence' as const, 'trip' as const)),
          { maxLength: 3 },
        ),
      }),
      { minLength: 1, maxLength: 15 },
    ),
    fc.array(fc.tuple(placeArb, fc.array(fc.nat(), { maxLength: 3 })), { maxLength: 3 }),
  )
  .map(([specs, siteSpecs]) => {
    const persons = specs.map((s, i) => ({
      id: `q${String(i).padStart(3, '0')}`,
      locale: s.locale,
      channels: [{ kind: 'email' as const, address: `q${i}@example.org`, verified: true }],
      dependents: Array.from({ length: s.dependents }, (_, d) => `qd${String(i).padStart(3, '0')}-${d}`),
      subscriptions: s.subscriptions,
    }));
    const presences = specs.flatMap((s, i) =>
      s.presences.map(([who, place, kind], n) => ({
        id: `qx${String(i).padStart(3, '0')}-${n}`,
        personId: persons[i]?.id ?? '',
        dependentId: who >= 0 ? (persons[i]?.dependents[who] ?? null) : null,
        ...place,
        kind,
        arrivalOn: '2026-01-01',
        departureOn: null,
      })),
    );
    const sites = siteSpecs.map(([place, staff], i) => ({
      id: `qs${i}`,
      ...place,
      staff: [...new Set(staff.map((n) => persons[n % persons.length]?.id ?? ''))],
    }));
    return { persons, presences, sites };
  });

async function insertBareAlert(db: Db, area: Area): Promise<string> {
  const id = newId();
  const at = isoNow();
  await db
    .insertInto('alerts')
    .values({
      id,
      status: 'published',
      country: 'FR',
      texts: '{}',
      searchText: '',
      category: 'Safety',
      urgency: 'Immediate',
      severity: 'Severe',
      certainty: 'Observed',
      effective: null,
      expires: null,
      senderName: 'test',
      area: JSON.stringify(area),
      checkin: 0,
      signalId: null,
      createdBy: null,
      createdAt: at,
      updatedAt: at,
      submittedBy: null,
      submittedAt: null,
      reachAtSubmit: null,
      emptyAreaConfirmed: 0,
      approvedBy: null,
      publishedAt: at,
      cancelledAt: null,
      cancelReason: null,
      recipients: 0,
      recipientsState: 'preparing',
    })
    .execute();
  return id;
}

async function recipientKeys(db: Db, alertId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('alertRecipients')
    .select(['personId', 'dependentOf', 'reason'])
    .where('alertId', '=', alertId)
    .execute();
  return new Set(rows.map((r) => `${r.personId}|${r.dependentOf ?? ''}|${r.reason}`));
}

describeEachDialect('alert recipients fixed set-wise', (getDb) => {
  it('are exactly whom a brute-force scan finds (present, then site staff, then subscribers), on every retry', async () => {
    const { db } = getDb();
    await fc.assert(
      fc.asyncProperty(worldArb, areaArb, async (world, area) => {
        await clearRegistry(db);
        await db.deleteFrom('alerts').execute();
        await writeWorld(db, world);
        const alertId = await insertBareAlert(db, area);
        const at = '2026-11-28T12:00:00.000Z';
        // Three presences per statement: several chunks, inserted two at a time on PostgreSQL.
        const count = await fixRecipients(db, alertId, area, at, { presenceChunk: 3 });
        const keys = await recipientKeys(db, alertId);
        expect(keys).toEqual(bruteRecipients(world, area, '2026-11-28'));
        expect(count).toBe(keys.size);
        expect(count).toBe(await countRecipients(db, area, at));
        // A job that died midway runs again: nothing is added twice, nothing is missing.
        await db.deleteFrom('alertRecipients').where('reason', '=', 'subscriber').execute();
        expect(await fixRecipients(db, alertId, area, at)).toBe(count);
        expect(await recipientKeys(db, alertId)).toEqual(keys);
        const locales = new Map(world.persons.map((p) => [p.id, p.locale]));
        const rows = await db.selectFrom('alertRecipients').selectAll().where('alertId', '=', alertId).execute();
        for (const r of rows) expect(r.locale).toBe(locales.get(r.dependentOf ?? r.personId));
      }),
      { numRuns: 25 },
    );
    await clearRegistry(db);
    await db.deleteFrom('alerts').execute();
  }, 180_000);
});

describeEachDialect('alert approval with recipients as a job', (getDb) => {
  let app: App;
  let db: Db;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    app = await buildTestApp(getDb());
    db = getDb().db;
    for (const who of ['alerts', 'alerts2'])
      cookies[who] = await signInAs(app, `${who}@demo.homeward.example`, DEMO_PASSWORD);
  });
  afterAll(async () => {
    await app.close();
  });
  const call = (method: 'GET' | 'POST', url: string, who: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: { ...JSON_WRITE, cookie: cookies[who] as string, 'accept-language': 'en' },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  // People in Kenya reachable in every way the delivery plan distinguishes: accounts or none, a push subscription,
  // a stored channel order, verified and unverified addresses, dependents (reached through their guardian).
  async function writeKenya(): Promise<void> {
    const channels = (i: number) =>
      [
        i % 2 === 0 ? { kind: 'email' as const, address: `ke${i}@example.org`, verified: i % 4 === 0 } : null,
        i % 3 === 0 ? { kind: 'email' as const, address: `a-ke${i}@example.org`, verified: false } : null,
        i % 3 !== 2
          ? { kind: 'sms' as const, address: `+25470000${String(i).padStart(4, '0')}`, verified: true }
          : null,
      ].filter((c) => c !== null);
    const persons = Array.from({ length: 24 }, (_, i) => ({
      id: `ke${String(i).padStart(3, '0')}`,
      locale: i % 2 === 0 ? 'en' : 'zh-CN',
      channels: channels(i),
      dependents: i % 5 === 0 ? [`ked${i}`] : [],
      subscriptions: i % 7 === 0 ? ['KE'] : [],
    }));
    await writeWorld(db, {
      persons,
      presences: persons.flatMap((p, i) => [
        {
          id: `kex${i}`,
          personId: p.id,
          dependentId: null,
          kind: 'residence' as const,
          countryCode: i % 6 === 5 ? 'TZ' : 'KE',
          regionCode: null,
          lat: null,
          lon: null,
          arrivalOn: '2026-01-01',
          departureOn: null,
        },
        ...p.dependents.map((d) => ({
          id: `kexd${i}`,
          personId: p.id,
          dependentId: d,
          kind: 'residence' as const,
          countryCode: 'KE',
          regionCode: null,
          lat: null,
          lon: null,
          arrivalOn: '2026-01-01',
          departureOn: null,
        })),
      ]),
      sites: [],
    });
    for (const i of [0, 1, 3, 4, 9, 10]) {
      const { id } = await createUser(db, {
        email: `ke-account${i}@example.org`,
        password: 'violet-kangaroo-harbour-93',
        displayName: `ke${i}`,
        role: 'citizen',
        locale: 'en',
      });
      await db
        .updateTable('persons')
        .set({ userId: id })
        .where('id', '=', `ke${String(i).padStart(3, '0')}`)
        .execute();
      if (i % 3 === 0)
        await db
          .insertInto('pushSubscriptions')
          .values({
            id: newId(),
            userId: id,
            endpoint: `https://push.example.org/${i}`,
            p256dh: 'k',
            auth: 'a',
            userAgent: null,
            createdAt: isoNow(),
          })
          .execute();
      if (i % 2 === 1)
        await db
          .insertInto('notificationPreferences')
          .values({ userId: id, channelOrder: i === 1 ? '["sms","email"]' : '["email","push"]', updatedAt: isoNow() })
          .execute();
    }
  }

  const deliveriesOf = async (messageId: string) =>
    (
      await db
        .selectFrom('notificationDeliveries')
        .select(['personId', 'userId', 'channel', 'address', 'locale', 'status', 'fallbacks'])
        .where('messageId', '=', messageId)
        .execute()
    )
      .map((d) => {
        const rest = (JSON.parse(d.fallbacks) as (string | { channel: string })[]).map((f) =>
          typeof f === 'string' ? f : f.channel,
        );
        return `${d.personId}|${d.userId}|${d.channel}|${d.address}|${d.locale}|${d.status}|${rest.join(',')}`;
      })
      .sort();

  const messageOf = (kind: string, id: string) =>
    db
      .selectFrom('notificationMessages')
      .selectAll()
      .where('sourceKind', '=', kind)
      .where('sourceId', '=', id)
      .executeTakeFirstOrThrow();

  it('approves in one short transaction; the job fixes the recipients, then the deliveries match the streamed plan', async () => {
    await writeKenya();
    const body = {
      country: 'KE',
      texts: { en: { headline: 'Flooding in Kenya', description: 'Roads are closed.', instruction: '' } },
      category: 'Met',
      urgency: 'Immediate',
      severity: 'Severe',
      certainty: 'Observed',
      area: { countries: ['KE'] },
      checkin: true,
    };
    const id = (await call('POST', '/api/v1/alerts', 'alerts', body)).json().id as string;
    expect((await call('POST', `/api/v1/alerts/${id}/submit`, 'alerts', {})).statusCode).toBe(200);
    const approved = await call('POST', `/api/v1/alerts/${id}/approve`, 'alerts2');
    expect(approved.json()).toMatchObject({ status: 'published', recipients: 0, recipientsState: 'preparing' });

    // While the job has not run: the tally says so, reminders and the export wait, the notification waits.
    const tally = (await call('GET', `/api/v1/alerts/${id}/checkins`, 'alerts')).json();
    expect(tally).toMatchObject({ preparing: true, recipients: 0 });
    expect((await call('POST', `/api/v1/alerts/${id}/checkins/reminders`, 'alerts')).json().code).toBe('alert_state');
    expect((await messageOf('alert', id)).state).toBe('waiting');
    const jobs = await db.selectFrom('jobs').select(['kind', 'dedupeKey']).where('status', '=', 'queued').execute();
    expect(jobs).toContainEqual({ kind: ALERT_RECIPIENTS_JOB, dedupeKey: `${ALERT_RECIPIENTS_JOB}:${id}` });
    // An update sent before the recipients are ready waits for them too (nobody on the list is missed).
    const updated = await call('POST', `/api/v1/alerts/${id}/update`, 'alerts2', {
      texts: { en: { headline: 'Flooding in Kenya: more rain', description: 'Roads stay closed.', instruction: '' } },
      urgency: 'Immediate',
      severity: 'Extreme',
      certainty: 'Observed',
    });
    expect(updated.statusCode, updated.body).toBe(200);
    const updateId = updated.json().messages[1].identifier as string;
    expect((await messageOf('alert_message', updateId)).state).toBe('waiting');

    const handlers = alertRecipientHandlers();
    await handlers[ALERT_RECIPIENTS_JOB](context(db), { alertId: id });
    const alert = (await call('GET', `/api/v1/alerts/${id}`, 'alerts')).json();
    const publishedAt = alert.publishedAt as string;
    const reach = await countRecipients(db, { countries: ['KE'] }, publishedAt);
    expect(reach).toBeGreaterThan(20);
    expect(alert).toMatchObject({ recipientsState: 'ready', recipients: reach });
    expect((await call('GET', `/api/v1/alerts/${id}/checkins`, 'alerts')).json()).toMatchObject({
      preparing: false,
      recipients: reach,
      unanswered: reach,
    });
    const message = await messageOf('alert', id);
    expect(message.state).toBe('fanning_out');
    expect((await messageOf('alert_message', updateId)).state).toBe('fanning_out');
    const fanouts = await db
      .selectFrom('jobs')
      .select('dedupeKey')
      .where('kind', '=', NOTIFY_FANOUT)
      .where('dedupeKey', 'in', [
        `notify.fanout:${message.id}`,
        `notify.fanout:${(await messageOf('alert_message', updateId)).id}`,
      ])
      .execute();
    expect(fanouts).toHaveLength(2);
    // Run again (a retried job): nothing changes.
    await handlers[ALERT_RECIPIENTS_JOB](context(db), { alertId: id });
    expect(await fixRecipients(db, id, { countries: ['KE'] }, publishedAt)).toBe(reach);

    const notify = notificationHandlers(getDb().config, silent);
    await notify[NOTIFY_FANOUT](context(db), { messageId: message.id });
    // The same area published through the streamed fan-out (targeting engine, planDeliveries) at the same moment.
    const { messageId: streamed } = await enqueueAreaNotification(db, {
      source: { kind: 'test', id },
      area: { countries: ['KE'] },
      at: publishedAt,
      content: { en: { title: 't', body: 'b' } },
    });
    await notify[NOTIFY_FANOUT](context(db), { messageId: streamed });
    const setWise = await deliveriesOf(message.id);
    expect(setWise).toEqual(await deliveriesOf(streamed));
    expect(setWise.some((d) => d.includes('|push|'))).toBe(true);
    expect(setWise.some((d) => d.includes('|inapp|'))).toBe(true);
    const after = await messageOf('alert', id);
    expect(after).toMatchObject({ state: 'fanned_out', recipients: (await messageOf('test', id)).recipients });
    // Every outward delivery has its send job (channel × batch), and ids are distinct UUIDv7 text.
    const sends = await db.selectFrom('jobs').select('payload').where('kind', '=', 'notify.send').execute();
    const mine = sends.map((s) => JSON.parse(s.payload)).filter((p) => p.messageId === message.id);
    const outward = await db
      .selectFrom('notificationDeliveries')
      .select(['id', 'channel', 'batch'])
      .where('messageId', '=', message.id)
      .execute();
    for (const d of outward.filter((o) => o.channel !== 'inapp'))
      expect(mine).toContainEqual({ messageId: message.id, channel: d.channel, batch: d.batch });
    expect(new Set(outward.map((o) => o.id)).size).toBe(outward.length);
    for (const o of outward)
      expect(o.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    // A fan-out run again after a crash adds nothing.
    await db.updateTable('notificationMessages').set({ state: 'fanning_out' }).where('id', '=', message.id).execute();
    await notify[NOTIFY_FANOUT](context(db), { messageId: message.id });
    expect(await deliveriesOf(message.id)).toEqual(setWise);
  });
});
