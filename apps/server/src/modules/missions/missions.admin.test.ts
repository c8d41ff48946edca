import type { Mission } from '@homeward/shared';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, JSON_WRITE, signInAs } from '../../../test/support/app.ts';
import { describeEachDialect } from '../../../test/support/db.ts';
import type { App } from '../../http/app-types.ts';
import { DEMO_PASSWORD } from '../demo/demo.accounts.ts';

const ADMIN = 'admin@demo.homeward.example';

/** The body that sends a mission back as it is, with a reason. */
function bodyOf(mission: Mission, reason = 'test change'): Record<string, unknown> {
  const { code: _code, phoneDisplay: _display, ...fields } = mission;
  return { ...fields, reason };
}

describeEachDialect('mission administration', (getDb) => {
  let app: App;
  let admin: string;
  beforeAll(async () => {
    app = await buildTestApp(getDb());
    admin = await signInAs(app, ADMIN, DEMO_PASSWORD);
  });
  afterAll(async () => {
    await app.close();
  });

  const put = (code: string, payload: Record<string, unknown>, cookie = admin) =>
    app.inject({
      method: 'PUT',
      url: `/api/v1/missions/${code}`,
      headers: { ...JSON_WRITE, 'accept-language': 'en', cookie },
      payload,
    });
  const fetchMission = async (code: string): Promise<Mission> => (await app.inject(`/api/v1/missions/${code}`)).json();
  const auditOf = (action: string, code: string) =>
    getDb()
      .db.selectFrom('auditLog')
      .selectAll()
      .where('action', '=', action)
      .where('recordId', '=', code)
      .orderBy('seq')
      .execute();

  it('is for HQ administrators only', async () => {
    const washington = await fetchMission('US-WAS');
    const anonymous = await app.inject({
      method: 'PUT',
      url: '/api/v1/missions/US-WAS',
      headers: JSON_WRITE,
      payload: bodyOf(washington),
    });
    expect(anonymous.statusCode).toBe(401);
    for (const email of ['officer.us@demo.homeward.example', 'head.us@demo.homeward.example']) {
      const cookie = await signInAs(app, email, DEMO_PASSWORD);
      const refused = await put('US-WAS', { ...bodyOf(washington), phone: '+1 202 555 0100' }, cookie);
      expect(refused.statusCode).toBe(403);
    }
    expect((await fetchMission('US-WAS')).phone).toBe(washington.phone);
  });

  it('updates a mission, storing the phone in E.164, and audits the reason, before and after', async () => {
    const before = await fetchMission('US-WAS');
    const response = await put('us-was', {
      ...bodyOf(before, 'new duty line'),
      phone: '(202) 555-0142',
      timezone: 'america/new_york',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      code: 'US-WAS',
      phone: '+12025550142',
      phoneDisplay: '+1 202 555 0142',
      timezone: 'America/New_York',
      jurisdiction: before.jurisdiction,
    });
    expect(await fetchMission('US-WAS')).toEqual(response.json());
    const [entry] = await auditOf('mission.update', 'US-WAS');
    expect(entry).toMatchObject({ reason: 'new duty line', missionCode: 'US-WAS', recordType: 'mission' });
    const details = JSON.parse(entry?.details ?? '{}');
    expect(details.before.phone).toBe(before.phone);
    expect(details.after.phone).toBe('+12025550142');
  });

  it('creates a mission with its district (201), then finds it by country', async () => {
    const response = await put('is-rek', {
      kind: 'embassy',
      name: { 'zh-CN': '中华人民共和国驻冰岛大使馆', en: 'Embassy in Iceland' },
      city: { 'zh-CN': '雷克雅未克', en: 'Reykjavik' },
      countryCode: 'is',
      timezone: 'Atlantic/Reykjavik',
      phone: null,
      location: { lat: 64.14, lon: -21.94 },
      jurisdiction: { countries: ['is'], regions: [] },
      reason: 'new embassy',
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      code: 'IS-REK',
      countryCode: 'IS',
      phone: null,
      jurisdiction: { countries: ['IS'], regions: [] },
    });
    const inIceland = (await app.inject('/api/v1/missions?country=IS')).json();
    expect(inIceland.items.map((m: Mission) => m.code)).toEqual(['IS-REK']);
    const [entry] = await auditOf('mission.create', 'IS-REK');
    expect(entry).toMatchObject({ reason: 'new embassy', missionCode: 'IS-REK' });
    expect(JSON.parse(entry?.details ?? '{}').before).toBeNull();
  });

  it('refuses a bad time zone, country, region or phone, naming each field, and changes nothing', async () => {
    const before = await fetchMission('JP-TYO');
    const response = await put('JP-TYO', {
      ...bodyOf(before),
      timezone: 'Asia/Atlantis',
      countryCode: 'XX',
      phone: '12',
      jurisdiction: { countries: ['ZZ'], regions: ['JP-13', 'JP-99'] },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('validation_failed');
    expect(
      response
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['/countryCode', '/jurisdiction/countries/0', '/jurisdiction/regions/1', '/phone', '/timezone']);
    const blankReason = await put('JP-TYO', bodyOf(before, '  '));
    expect(blankReason.json().errors).toEqual([{ field: '/reason', message: expect.any(String) }]);
    const unknownField = await put('JP-TYO', { ...bodyOf(before), code: 'JP-TYO' });
    expect(unknownField.statusCode).toBe(400);
    expect(await fetchMission('JP-TYO')).toEqual(before);
  });

  it('refuses a region another mission serves (409, naming that mission), and changes nothing', async () => {
    const before = await fetchMission('US-WAS');
    const body = bodyOf(before);
    const response = await put('US-WAS', {
      ...body,
      jurisdiction: { countries: [], regions: [...before.jurisdiction.regions, 'US-NY'] },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'conflict', detail: expect.stringContaining('US-NYC') });
    expect(response.json().errors).toEqual([
      {
        field: `/jurisdiction/regions/${before.jurisdiction.regions.length}`,
        message: expect.stringContaining('US-NYC'),
      },
    ]);
    const country = await put('MY-JHB', {
      ...body,
      countryCode: 'MY',
      jurisdiction: { countries: ['SG'], regions: [] },
    });
    expect(country.statusCode).toBe(409);
    expect(country.json().detail).toContain('SG-SIN');
    const insideCountry = await put('MY-JHB', {
      ...body,
      countryCode: 'MY',
      jurisdiction: { countries: [], regions: ['SG-01'] },
    });
    expect(insideCountry.statusCode).toBe(409);
    expect(insideCountry.json().errors).toEqual([
      { field: '/jurisdiction/regions/0', message: 'SG is in the consular district of SG-SIN' },
    ]);
    const wholeCountry = await put('MY-JHB', {
      ...body,
      countryCode: 'MY',
      jurisdiction: { countries: ['MY', 'JP'], regions: [] },
    });
    expect(wholeCountry.statusCode).toBe(409);
    const fields = wholeCountry.json().errors.map((e: { field: string }) => e.field);
    expect(fields.length).toBeGreaterThanOrEqual(8);
    expect(new Set(fields)).toEqual(new Set(['/jurisdiction/countries/1']));
    expect(await fetchMission('US-WAS')).toEqual(before);
    expect((await app.inject('/api/v1/missions/MY-JHB')).statusCode).toBe(404);
  });

  it('accepts a district sent back unchanged even when it names a region code ISO has since dropped', async () => {
    const london = await fetchMission('GB-LON');
    expect(london.jurisdiction.regions).toContain('GB-NTH');
    const response = await put('GB-LON', bodyOf(london, 'checked the details'));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual(london);
  });

  it('answers any typed phone, time zone or district codes with a saved mission or field errors, never a failure', async () => {
    const seoul = await fetchMission('KR-SEL');
    const fields = new Set(['/phone', '/timezone', '/countryCode']);
    const code = fc.string({ minLength: 1, maxLength: 8 });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ minLength: 1, maxLength: 40 }), fc.stringMatching(/^\+?[0-9 ()-]{1,20}$/)),
        fc.oneof(fc.constantFrom('Asia/Seoul', 'UTC', 'asia/seoul'), fc.string({ minLength: 1, maxLength: 64 })),
        fc.array(code, { maxLength: 3 }),
        async (phone, timezone, regions) => {
          const response = await put('KR-SEL', {
            ...bodyOf(seoul),
            phone,
            timezone,
            jurisdiction: { countries: [], regions },
          });
          expect([200, 400, 409]).toContain(response.statusCode);
          const answer = response.json();
          if (response.statusCode === 200) {
            expect(answer.phone).toMatch(/^\+[1-9][0-9]{4,14}$/);
            expect(() => new Intl.DateTimeFormat('en', { timeZone: answer.timezone })).not.toThrow();
          } else {
            for (const error of answer.errors) {
              expect(fields.has(error.field) || error.field.startsWith('/jurisdiction/regions/')).toBe(true);
            }
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
