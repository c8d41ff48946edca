import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, JSON_WRITE, signInAs } from '../../../test/support/app.ts';
import { describeEachDialect } from '../../../test/support/db.ts';
import { isoNow, newId } from '../../clock.ts';
import type { Db } from '../../db/schema.ts';
import type { App } from '../../http/app-types.ts';
import { DEMO_PASSWORD } from '../demo/demo.accounts.ts';
import { APP_ARRIVAL_SOURCE, countryAt } from './notifications.arrivals-app.ts';

const PARIS = { lat: 48.86, lon: 2.35 };
const NAIROBI = { lat: -1.29, lon: 36.82 };
const OSAKA = { lat: 34.69, lon: 135.5 };
const BEIJING = { lat: 39.9, lon: 116.4 };
const MID_ATLANTIC = { lat: 0, lon: -30 };

it('resolves the country offline from the nearest town, on both sides of borders and the antimeridian', () => {
  expect(countryAt(PARIS.lat, PARIS.lon)).toBe('FR');
  expect(countryAt(NAIROBI.lat, NAIROBI.lon)).toBe('KE');
  expect(countryAt(46.2, 6.14)).toBe('CH'); // Geneva
  expect(countryAt(46.2, 6.3)).toBe('FR'); // Annemasse side
  expect(countryAt(-17.7, 179.9)).toBe('FJ');
  expect(countryAt(MID_ATLANTIC.lat, MID_ATLANTIC.lon)).toBeNull();
});

describeEachDialect('on arrival when the app is opened in a new country', (getDb) => {
  let app: App;
  let db: Db;
  let cookie = '';
  let personId = '';
  beforeAll(async () => {
    app = await buildTestApp(getDb());
    db = getDb().db;
    cookie = await signInAs(app, 'citizen@demo.homeward.example', DEMO_PASSWORD);
    const user = await db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'citizen@demo.homeward.example')
      .executeTakeFirstOrThrow();
    personId = (await db.selectFrom('persons').select('id').where('userId', '=', user.id).executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => {
    await app.close();
  });
  const report = async (at: { lat: number; lon: number }, who = cookie) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/arrivals/position',
      headers: { ...JSON_WRITE, cookie: who, 'accept-language': 'en' },
      payload: at,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const welcomes = () =>
    db
      .selectFrom('notificationMessages')
      .select(['sourceId', 'content', 'target'])
      .where('sourceKind', '=', APP_ARRIVAL_SOURCE)
      .orderBy('publishedAt')
      .orderBy('id')
      .execute();

  it('records the first country, then welcomes once per new country and arrival, never at home or at sea', async () => {
    expect(await report(PARIS)).toEqual({ country: 'FR', welcomed: false });
    expect(await report(PARIS)).toEqual({ country: 'FR', welcomed: false });
    expect(await welcomes()).toEqual([]);
    expect(await report(NAIROBI)).toEqual({ country: 'KE', welcomed: true });
    expect(await report({ lat: -1.31, lon: 36.8 })).toEqual({ country: 'KE', welcomed: false });
    // Only the country is kept, never the position.
    const last = await db
      .selectFrom('lastCountries')
      .selectAll()
      .where('personId', '=', personId)
      .executeTakeFirstOrThrow();
    expect(last).toMatchObject({ country: 'KE', arrivals: 1 });
    expect(Object.keys(last).sort()).toEqual(['arrivals', 'arrivedAt', 'country', 'personId', 'seenAt']);
    expect(await report(MID_ATLANTIC)).toEqual({ country: null, welcomed: false });
    expect(await report(PARIS)).toEqual({ country: 'FR', welcomed: true });
    expect(await report(BEIJING)).toEqual({ country: 'CN', welcomed: false });
    const messages = await welcomes();
    expect(messages.map((m) => m.sourceId)).toEqual([`${personId}/KE/1`, `${personId}/FR/2`]);
    const kenya = JSON.parse(messages[0]?.content ?? '{}');
    expect(kenya.en.title).toMatch(/^Welcome to Kenya/);
    expect(kenya['zh-CN'].title).toMatch(/^欢迎来到肯尼亚/);
    expect(kenya.en.body).toContain('+86 10 12308');
    expect(JSON.parse(messages[0]?.target ?? '{}')).toEqual({ kind: 'persons', personIds: [personId] });
  });

  it('welcomes once when two reports of the same move arrive together', async () => {
    const before = (await welcomes()).length;
    const results = await Promise.all([report(NAIROBI), report(NAIROBI), report(NAIROBI)]);
    expect(results.filter((r) => r.welcomed)).toHaveLength(1);
    expect((await welcomes()).length).toBe(before + 1);
  });

  it('sends nothing for a stay the registry already welcomed, and nothing for an account without a registration', async () => {
    const today = isoNow().slice(0, 10);
    const presenceId = newId();
    await db
      .insertInto('presences')
      .values({
        id: presenceId,
        personId,
        dependentId: null,
        kind: 'trip',
        countryCode: 'JP',
        regionCode: 'JP-27',
        cityId: null,
        lat: null,
        lon: null,
        cell: null,
        preciseConsent: 0,
        arrivalOn: today,
        departureOn: null,
        purpose: null,
        groupId: null,
        createdAt: isoNow(),
        updatedAt: isoNow(),
      })
      .execute();
    await db
      .insertInto('notificationMessages')
      .values({
        id: newId(),
        sourceKind: 'arrival',
        sourceId: presenceId,
        content: '{}',
        target: '{}',
        checkin: 0,
        state: 'fanned_out',
        fannedBatches: 0,
        recipients: 0,
        publishedAt: isoNow(),
        fannedOutAt: isoNow(),
      })
      .execute();
    const before = (await welcomes()).length;
    expect(await report(OSAKA)).toEqual({ country: 'JP', welcomed: false });
    expect((await welcomes()).length).toBe(before);

    const staff = await signInAs(app, 'agent@demo.homeward.example', DEMO_PASSWORD);
    const refused = await app.inject({
      method: 'POST',
      url: '/api/v1/arrivals/position',
      headers: { ...JSON_WRITE, cookie: staff },
      payload: PARIS,
    });
    expect(refused.statusCode).toBe(403);
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/arrivals/position',
      headers: { ...JSON_WRITE, cookie },
      payload: { lat: 91, lon: 0 },
    });
    expect(bad.statusCode).toBe(400);
  });
});
