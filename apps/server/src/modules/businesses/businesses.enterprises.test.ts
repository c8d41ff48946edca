import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, signInAs } from '../../../test/support/app.ts';
import { organisationWithSites, signedInCitizen, siteInput, TOKYO } from '../../../test/support/businesses.ts';
import { describeEachDialect } from '../../../test/support/db.ts';
import type { App } from '../../http/app-types.ts';
import { DEMO_PASSWORD } from '../demo/demo.accounts.ts';

const TOKYO_SITE = siteInput({
  name: 'Tokyo Works',
  countryCode: 'JP',
  regionCode: 'JP-13',
  cityId: TOKYO,
  headcount: 30,
});

describeEachDialect('enterprises in the staff console', (getDb) => {
  let app: App;
  const cookies: Record<string, string> = {};
  let dcOnly: { id: string; siteIds: string[] };
  let tokyoOnly: { id: string; siteIds: string[] };
  beforeAll(async () => {
    app = await buildTestApp(getDb());
    for (const who of ['admin', 'agent', 'officer.us', 'officer.jp', 'head.us', 'alerts', 'auditor']) {
      cookies[who] = await signInAs(app, `${who}@demo.homeward.example`, DEMO_PASSWORD);
    }
    const owner = await signedInCitizen(app);
    dcOnly = await organisationWithSites(
      app,
      owner.cookie,
      [siteInput({ name: 'Capitol Yard', headcount: 40 })],
      'Potomac Bridgeworks',
    );
    tokyoOnly = await organisationWithSites(app, owner.cookie, [TOKYO_SITE], 'Sumida Rail');
  });
  afterAll(async () => {
    await app.close();
  });

  const get = (who: string, url: string) => app.inject({ url, headers: { cookie: cookies[who] as string } });
  const names = (page: { items: { organisationName: string }[] }) => [
    ...new Set(page.items.map((i) => i.organisationName)),
  ];

  it('shows the Washington officer the DC site’s enterprise, not a Tokyo-only one', async () => {
    const us = (await get('officer.us', '/api/v1/enterprises/sites?pageSize=100')).json();
    expect(names(us)).toContain('Potomac Bridgeworks');
    expect(names(us)).not.toContain('Sumida Rail');
    expect(us.items.every((i: { countryCode: string }) => i.countryCode === 'US')).toBe(true);
    const jp = (await get('officer.jp', '/api/v1/enterprises/sites?pageSize=100')).json();
    expect(names(jp)).toContain('Sumida Rail');
    expect(names(jp)).not.toContain('Potomac Bridgeworks');
    const hq = (await get('admin', '/api/v1/enterprises/sites?pageSize=100')).json();
    expect(names(hq)).toEqual(expect.arrayContaining(['Potomac Bridgeworks', 'Sumida Rail']));
    expect((await get('agent', '/api/v1/enterprises/sites')).json().total).toBe(hq.total);
  });

  it('sums enterprises, sites and headcount per country within the scope', async () => {
    const hq = (await get('admin', '/api/v1/enterprises/summary')).json();
    const us = hq.items.find((i: { countryCode: string }) => i.countryCode === 'US');
    // The demo organisation (DC, 12) and Potomac Bridgeworks (40).
    expect(us).toMatchObject({
      enterprises: 2,
      sites: 2,
      headcount: 52,
      countryName: { en: 'United States of America' },
    });
    const officer = (await get('officer.us', '/api/v1/enterprises/summary')).json();
    expect(officer.items.map((i: { countryCode: string }) => i.countryCode)).toEqual(['US']);
  });

  it('filters by country, sector and name, and pages', async () => {
    const byName = (await get('admin', '/api/v1/enterprises/sites?q=sumida')).json();
    expect(names(byName)).toEqual(['Sumida Rail']);
    const byCountry = (await get('admin', '/api/v1/enterprises/sites?country=JP&sector=construction')).json();
    expect(byCountry.items.every((i: { countryCode: string }) => i.countryCode === 'JP')).toBe(true);
    expect((await get('admin', '/api/v1/enterprises/sites?sector=mining')).json().total).toBe(0);
    const page = (await get('admin', '/api/v1/enterprises/sites?pageSize=1&page=2')).json();
    expect(page).toMatchObject({ page: 2, pageSize: 1 });
    expect(page.items).toHaveLength(1);
  });

  it('shows a site’s detail and staff in scope, audited; 404 out of scope; 403 for roles without access', async () => {
    const dcSite = dcOnly.siteIds[0] as string;
    const tokyoSite = tokyoOnly.siteIds[0] as string;
    const detail = await get('officer.us', `/api/v1/enterprises/sites/${dcSite}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({
      missionCode: 'US-WAS',
      organisation: { name: 'Potomac Bridgeworks' },
      site: { securityContactPhone: '+12025550142', headcount: 40 },
    });
    expect((await get('officer.us', `/api/v1/enterprises/sites/${tokyoSite}`)).statusCode).toBe(404);
    expect((await get('officer.us', `/api/v1/enterprises/sites/${tokyoSite}/staff`)).statusCode).toBe(404);
    expect((await get('officer.jp', `/api/v1/enterprises/sites/${tokyoSite}/staff`)).statusCode).toBe(200);
    for (const who of ['alerts', 'auditor']) {
      expect((await get(who, '/api/v1/enterprises/summary')).statusCode).toBe(403);
      expect((await get(who, `/api/v1/enterprises/sites/${dcSite}`)).statusCode).toBe(403);
    }
    const audit = await getDb()
      .db.selectFrom('auditLog')
      .select(['action', 'recordId', 'missionCode'])
      .where('action', 'in', ['enterprise.site_view', 'enterprise.staff_view'])
      .execute();
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: 'enterprise.site_view', recordId: dcSite, missionCode: 'US-WAS' },
        { action: 'enterprise.staff_view', recordId: tokyoSite, missionCode: 'JP-TYO' },
      ]),
    );
  });

  it('lists the demo enterprise’s staff at its DC site for the Washington head of mission', async () => {
    const sites = (await get('head.us', '/api/v1/enterprises/sites?q=Huaxia')).json();
    expect(sites.items).toHaveLength(1);
    const staff = (await get('head.us', `/api/v1/enterprises/sites/${sites.items[0].siteId}/staff`)).json();
    expect(staff.total).toBe(3);
    expect(staff.items[0]).toMatchObject({ phone: expect.stringMatching(/^\+1202/) });
  });
});
