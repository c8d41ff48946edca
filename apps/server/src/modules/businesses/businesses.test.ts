import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, JSON_WRITE, signInAs } from '../../../test/support/app.ts';
import { organisationWithSites, signedInCitizen, siteInput, TOKYO } from '../../../test/support/businesses.ts';
import { describeEachDialect } from '../../../test/support/db.ts';
import type { App } from '../../http/app-types.ts';
import { DEMO_PASSWORD } from '../demo/demo.accounts.ts';

describeEachDialect('organisation accounts and sites', (getDb) => {
  let app: App;
  let owner: { id: string; cookie: string };
  let stranger: { id: string; cookie: string };
  beforeAll(async () => {
    app = await buildTestApp(getDb());
    owner = await signedInCitizen(app, 'owner');
    stranger = await signedInCitizen(app, 'stranger');
  });
  afterAll(async () => {
    await app.close();
  });

  const call = (cookie: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    app.inject(
      payload === undefined
        ? { method, url, headers: { ...JSON_WRITE, cookie } }
        : { method, url, headers: { ...JSON_WRITE, cookie }, payload },
    );

  it('registers an organisation, lists, shows, edits and deletes it with everything under it', async () => {
    const created = await call(owner.cookie, 'POST', '/api/v1/organisations', {
      name: '  Great Wall Trading  ',
      registrationNumber: '91110000ma01abcd3x',
      sector: 'trade',
    });
    expect(created.statusCode).toBe(201);
    const org = created.json();
    expect(org).toMatchObject({ name: 'Great Wall Trading', registrationNumber: '91110000MA01ABCD3X', siteCount: 0 });

    const site = await call(owner.cookie, 'POST', `/api/v1/organisations/${org.id}/sites`, siteInput());
    expect(site.statusCode).toBe(201);
    expect(site.json()).toMatchObject({
      countryCode: 'US',
      regionCode: 'US-DC',
      cityName: 'Washington, D.C.',
      securityContactPhone: '+12025550142',
      securityContactEmail: 'security@example.com',
      headcount: 12,
    });
    const cell = await getDb()
      .db.selectFrom('businessSites')
      .select('cell')
      .where('id', '=', site.json().id)
      .executeTakeFirstOrThrow();
    expect(cell.cell).toMatch(/^dqcjq/); // the geohash of central Washington

    const list = (await call(owner.cookie, 'GET', '/api/v1/organisations')).json();
    expect(list.items).toEqual([expect.objectContaining({ id: org.id, siteCount: 1, staffCount: 0 })]);

    const edited = await call(owner.cookie, 'PUT', `/api/v1/organisations/${org.id}`, {
      name: 'Great Wall Trading (USA)',
      registrationNumber: 'DC-LLC-4471',
      sector: 'finance',
    });
    expect(edited.json()).toMatchObject({ name: 'Great Wall Trading (USA)', registrationNumber: 'DC-LLC-4471' });

    expect((await call(owner.cookie, 'DELETE', `/api/v1/organisations/${org.id}`)).statusCode).toBe(204);
    expect((await call(owner.cookie, 'GET', `/api/v1/organisations/${org.id}`)).statusCode).toBe(404);
    const sitesLeft = await getDb()
      .db.selectFrom('businessSites')
      .select('id')
      .where('businessId', '=', org.id)
      .execute();
    expect(sitesLeft).toEqual([]);
  });

  it('answers 404 for someone else’s organisation, sites and staff, and changes nothing', async () => {
    const { id, siteIds } = await organisationWithSites(app, owner.cookie);
    const siteId = siteIds[0] as string;
    for (const [method, url, payload] of [
      ['GET', `/api/v1/organisations/${id}`],
      ['PUT', `/api/v1/organisations/${id}`, { name: 'Taken', registrationNumber: 'X1', sector: 'other' }],
      ['DELETE', `/api/v1/organisations/${id}`],
      ['GET', `/api/v1/organisations/${id}/sites`],
      ['POST', `/api/v1/organisations/${id}/sites`, siteInput()],
      ['GET', `/api/v1/organisations/${id}/sites/${siteId}`],
      ['PUT', `/api/v1/organisations/${id}/sites/${siteId}`, siteInput({ name: 'Taken' })],
      ['DELETE', `/api/v1/organisations/${id}/sites/${siteId}`],
      ['GET', `/api/v1/organisations/${id}/staff`],
      ['GET', `/api/v1/organisations/${id}/staff-imports`],
    ] as const) {
      const response = await call(stranger.cookie, method, url, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(404);
    }
    const org = (await call(owner.cookie, 'GET', `/api/v1/organisations/${id}`)).json();
    expect(org).toMatchObject({ name: 'Test Enterprise', siteCount: 1 });
    expect((await call(stranger.cookie, 'GET', '/api/v1/organisations')).json().items).toEqual([]);
  });

  it('refuses staff roles with 403', async () => {
    const admin = await signInAs(app, 'admin@demo.homeward.example', DEMO_PASSWORD);
    expect((await call(admin, 'GET', '/api/v1/organisations')).statusCode).toBe(403);
  });

  it('refuses bad organisation input with 400 and saves nothing', async () => {
    const before = (await call(owner.cookie, 'GET', '/api/v1/organisations')).json().items.length;
    for (const payload of [
      { name: '', registrationNumber: 'X1', sector: 'trade' },
      { name: 'A', registrationNumber: 'x'.repeat(41), sector: 'trade' },
      { name: 'A', registrationNumber: 'X1', sector: 'piracy' },
      { name: 'A', registrationNumber: '   ', sector: 'trade' },
    ]) {
      const response = await call(owner.cookie, 'POST', '/api/v1/organisations', payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().code).toBe('validation_failed');
    }
    expect((await call(owner.cookie, 'GET', '/api/v1/organisations')).json().items.length).toBe(before);
  });

  it('checks a site’s place, phone, e-mail and headcount, and a refused edit leaves the site as it was', async () => {
    const { id, siteIds } = await organisationWithSites(app, owner.cookie);
    const siteUrl = `/api/v1/organisations/${id}/sites/${siteIds[0]}`;
    const cases: [Record<string, unknown>, number, string][] = [
      [{ countryCode: 'XX', regionCode: null, cityId: null }, 422, 'country_unknown'],
      [{ regionCode: 'JP-13' }, 422, 'region_unknown'],
      [{ regionCode: 'US-NY' }, 422, 'city_unknown'],
      [{ cityId: TOKYO, regionCode: null }, 422, 'city_unknown'],
      [{ cityId: 999_999_999 }, 422, 'city_unknown'],
      [{ securityContactPhone: '555' }, 422, 'phone_invalid'],
      [{ securityContactEmail: 'not-an-address' }, 400, 'validation_failed'],
      [{ headcount: -1 }, 400, 'validation_failed'],
      [{ headcount: 100_001 }, 400, 'validation_failed'],
    ];
    for (const [overrides, status, code] of cases) {
      const response = await call(owner.cookie, 'PUT', siteUrl, siteInput({ ...overrides, name: 'Changed' }));
      expect(response.statusCode, JSON.stringify(overrides)).toBe(status);
      expect(response.json().code).toBe(code);
    }
    expect((await call(owner.cookie, 'GET', siteUrl)).json()).toMatchObject({
      name: 'Washington Office',
      headcount: 12,
    });

    const tokyo = await call(owner.cookie, 'PUT', siteUrl, {
      ...siteInput({ name: 'Tokyo', countryCode: 'JP', cityId: TOKYO, headcount: 0 }),
      regionCode: undefined,
      securityContactEmail: null,
    });
    expect(tokyo.statusCode).toBe(200);
    expect(tokyo.json()).toMatchObject({ regionCode: 'JP-13', cityName: 'Tokyo', securityContactEmail: null });
    expect((await call(owner.cookie, 'DELETE', siteUrl)).statusCode).toBe(204);
    expect((await call(owner.cookie, 'GET', siteUrl)).statusCode).toBe(404);
  });

  it('seeds a demo organisation for the demo citizen, once', async () => {
    const citizen = await signInAs(app, 'citizen@demo.homeward.example', DEMO_PASSWORD);
    const items = (await call(citizen, 'GET', '/api/v1/organisations')).json().items;
    expect(items).toEqual([expect.objectContaining({ siteCount: 2, staffCount: 5, sector: 'construction' })]);
  });
});
