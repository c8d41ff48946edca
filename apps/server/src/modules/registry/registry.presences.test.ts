import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, signInAs } from '../../../test/support/app.ts';
import { describeEachDialect } from '../../../test/support/db.ts';
import type { App } from '../../http/app-types.ts';
import { DEMO_PASSWORD } from '../demo/demo.accounts.ts';
import { seedDemo } from '../demo/demo.seed.ts';
import { cellOf } from './registry.cell.ts';
import { newCitizen, PROFILE, registrySnapshot, type TestCitizen } from './registry.fixtures.ts';
import { daysBefore, utcDay } from './registry.rules.ts';

const LYON = 2996944;
const TOKYO = 1850147;
const OSAKA = 1853909;
const WASHINGTON = 4140963;
const BORDEAUX = 3031582; // the gazetteer knows no region for it

const today = utcDay(new Date());
const inDays = (n: number) => daysBefore(today, -n);

const residence = { kind: 'residence', countryCode: 'US', cityId: WASHINGTON, arrivalOn: '2020-01-01' };
const trip = { kind: 'trip', countryCode: 'JP', cityId: TOKYO, arrivalOn: inDays(-2), departureOn: inDays(5) };

describeEachDialect('registry: presences', (getDb) => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp(getDb());
  });
  afterAll(async () => {
    await app.close();
  });

  async function registered(): Promise<TestCitizen> {
    const citizen = await newCitizen(app);
    expect((await citizen.call('PUT', '/registry/me', PROFILE)).statusCode).toBe(200);
    return citizen;
  }

  it('needs a saved profile before any presence is written', async () => {
    const citizen = await newCitizen(app);
    expect((await citizen.call('GET', '/registry/me/presences')).json()).toEqual({ items: [], current: null });
    const response = await citizen.call('POST', '/registry/me/presences', residence);
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('profile_required');
    expect(await registrySnapshot(app.ctx.db, citizen.id)).toBeNull();
  });

  it('registers a residence from the city, with region, names and the index cell', async () => {
    const citizen = await registered();
    const response = await citizen.call('POST', '/registry/me/presences', { ...residence, purpose: 'work' });
    expect(response.statusCode).toBe(201);
    const { presence } = response.json();
    expect(presence).toMatchObject({
      kind: 'residence',
      countryCode: 'US',
      countryName: { en: 'United States of America' },
      regionCode: 'US-DC',
      regionName: 'District of Columbia',
      cityId: WASHINGTON,
      cityName: 'Washington, D.C.',
      lat: 38.89511,
      lon: -77.03637,
      preciseConsent: false,
      departureOn: null,
      purpose: 'work',
      dependentIds: [],
      current: true,
    });
    const row = await app.ctx.db.selectFrom('presences').selectAll().where('id', '=', presence.id).executeTakeFirst();
    expect(row?.cell).toBe(cellOf(38.89511, -77.03637));
  });

  it('lets a current trip beat the residence for "where am I now", newest arrival first', async () => {
    const citizen = await registered();
    const home = (await citizen.call('POST', '/registry/me/presences', residence)).json().presence;
    const tokyo = (await citizen.call('POST', '/registry/me/presences', trip)).json().presence;
    const past = { ...trip, cityId: OSAKA, arrivalOn: inDays(-40), departureOn: inDays(-30) };
    const osaka = (await citizen.call('POST', '/registry/me/presences', past)).json().presence;
    const list = (await citizen.call('GET', '/registry/me/presences')).json();
    expect(list.items.map((p: { id: string }) => p.id)).toEqual([tokyo.id, osaka.id, home.id]);
    expect(list.current).toMatchObject({ id: tokyo.id, current: true, regionCode: 'JP-13' });
    expect(list.items.filter((p: { current: boolean }) => p.current)).toHaveLength(1);
  });

  it('stores a precise point only with consent, and forgets it when consent is withdrawn', async () => {
    const citizen = await registered();
    const precise = { ...trip, precise: { lat: 35.6581, lon: 139.7017 }, preciseConsent: true };
    const { presence } = (await citizen.call('POST', '/registry/me/presences', precise)).json();
    expect(presence).toMatchObject({ lat: 35.6581, lon: 139.7017, preciseConsent: true });
    const withdrawn = await citizen.call('DELETE', `/registry/me/presences/${presence.id}/precise-location`);
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json().presence).toMatchObject({ lat: 35.6895, lon: 139.69171, preciseConsent: false });
    const row = await app.ctx.db.selectFrom('presences').selectAll().where('id', '=', presence.id).executeTakeFirst();
    expect(row?.cell).toBe(cellOf(35.6895, 139.69171));

    const noCity = { kind: 'trip', countryCode: 'JP', arrivalOn: today, departureOn: today };
    const bare = await citizen.call('POST', '/registry/me/presences', {
      ...noCity,
      precise: { lat: 35, lon: 139 },
      preciseConsent: true,
    });
    const cleared = await citizen.call('DELETE', `/registry/me/presences/${bare.json().presence.id}/precise-location`);
    expect(cleared.json().presence).toMatchObject({ lat: null, lon: null, cityName: null });
  });

  it('keeps dependents’ copies in step on update and delete', async () => {
    const citizen = await registered();
    const child = (
      await citizen.call('POST', '/registry/me/dependents', {
        familyName: 'WANG',
        givenName: 'Xiaohong',
        relationship: 'child',
      })
    ).json().dependent;
    const created = await citizen.call('POST', '/registry/me/presences', { ...trip, dependentIds: [child.id] });
    expect(created.json().presence.dependentIds).toEqual([child.id]);
    const id = created.json().presence.id;
    const rows = () =>
      app.ctx.db.selectFrom('presences').selectAll().where('groupId', '=', id).orderBy('dependentId').execute();
    expect((await rows()).map((r) => r.dependentId ?? 'person').sort()).toEqual([child.id, 'person'].sort());

    const moved = await citizen.call('PUT', `/registry/me/presences/${id}`, {
      ...trip,
      cityId: OSAKA,
      dependentIds: [child.id],
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().presence).toMatchObject({ cityName: 'Osaka', regionCode: 'JP-27' });
    const cells = new Set((await rows()).map((r) => r.cell));
    expect(cells).toEqual(new Set([cellOf(34.69374, 135.50218)]));

    await citizen.call('PUT', `/registry/me/presences/${id}`, { ...trip, dependentIds: [] });
    expect(await rows()).toHaveLength(1);
    await citizen.call('PUT', `/registry/me/presences/${id}`, { ...trip, dependentIds: [child.id] });
    expect(await rows()).toHaveLength(2);
    expect((await citizen.call('DELETE', `/registry/me/presences/${id}`)).statusCode).toBe(204);
    expect(await rows()).toHaveLength(0);
  });

  it('refuses bad places, points and dates with a named problem, and changes nothing', async () => {
    const citizen = await registered();
    const { presence } = (await citizen.call('POST', '/registry/me/presences', residence)).json();
    const before = await registrySnapshot(app.ctx.db, citizen.id);
    const other = await registered();
    const foreign = (
      await other.call('POST', '/registry/me/dependents', {
        familyName: 'LI',
        givenName: 'Si',
        relationship: 'child',
      })
    ).json().dependent;
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ...residence, countryCode: 'XX' }, 422, 'country_unknown'],
      [{ ...residence, regionCode: 'FR-IDF' }, 422, 'region_unknown'],
      [{ ...residence, regionCode: 'US-ZZ' }, 422, 'region_unknown'],
      [{ ...residence, cityId: LYON }, 422, 'city_unknown'],
      [{ ...residence, cityId: 999_999_999 }, 422, 'city_unknown'],
      [{ ...residence, regionCode: 'US-NY' }, 422, 'city_unknown'],
      [{ ...residence, precise: { lat: 38.9, lon: -77 } }, 422, 'precise_consent_required'],
      [{ ...residence, precise: { lat: 38.9, lon: -77 }, preciseConsent: false }, 422, 'precise_consent_required'],
      [{ ...residence, precise: { lat: 91, lon: 0 }, preciseConsent: true }, 400, 'validation_failed'],
      [{ ...trip, departureOn: undefined }, 422, 'dates_invalid'],
      [{ ...trip, departureOn: inDays(-3) }, 422, 'dates_invalid'],
      [{ ...trip, departureOn: inDays(800) }, 422, 'dates_invalid'],
      [{ ...trip, arrivalOn: '2026-02-30' }, 422, 'dates_invalid'],
      [{ ...trip, arrivalOn: '30/01/2026' }, 400, 'validation_failed'],
      [{ ...trip, kind: 'visit' }, 400, 'validation_failed'],
      [{ ...trip, purpose: 'spying' }, 400, 'validation_failed'],
      [{ ...trip, dependentIds: [foreign.id] }, 404, 'not_found'],
      [{ ...trip, dependentIds: ['nope'] }, 404, 'not_found'],
    ];
    for (const [body, status, code] of cases) {
      for (const [method, url] of [
        ['POST', '/registry/me/presences'],
        ['PUT', `/registry/me/presences/${presence.id}`],
      ] as const) {
        const response = await citizen.call(method, url, body);
        expect(response.statusCode, `${method} ${JSON.stringify(body)}`).toBe(status);
        expect(response.json().code).toBe(code);
      }
    }
    expect(await registrySnapshot(app.ctx.db, citizen.id)).toEqual(before);
  });

  it('derives the region from the city only when the gazetteer knows it, and allows a region alone', async () => {
    const citizen = await registered();
    const bordeaux = await citizen.call('POST', '/registry/me/presences', {
      kind: 'residence',
      countryCode: 'FR',
      cityId: BORDEAUX,
      regionCode: 'FR-NAQ',
      arrivalOn: '2024-01-01',
    });
    expect(bordeaux.json().presence).toMatchObject({ regionCode: 'FR-NAQ', cityName: 'Bordeaux' });
    const regionOnly = await citizen.call('POST', '/registry/me/presences', {
      kind: 'trip',
      countryCode: 'JP',
      regionCode: 'JP-13',
      arrivalOn: today,
      departureOn: today,
    });
    expect(regionOnly.json().presence).toMatchObject({ cityId: null, lat: null, regionName: expect.any(String) });
  });

  it('seeds the demo citizen living in Washington DC and on a trip to Tokyo now, once', async () => {
    await seedDemo(app.ctx.db, 'CN');
    const cookie = await signInAs(app, 'citizen@demo.homeward.example', DEMO_PASSWORD);
    const get = async (url: string) => (await app.inject({ url, headers: { cookie } })).json();
    expect((await get('/api/v1/registry/me')).person).toMatchObject({ familyName: 'ZHANG', nativeName: '张三丰' });
    const { items, current } = await get('/api/v1/registry/me/presences');
    expect(items.map((p: { regionCode: string }) => p.regionCode).sort()).toEqual(['JP-13', 'US-DC']);
    expect(current).toMatchObject({ kind: 'trip', regionCode: 'JP-13', cityName: 'Tokyo' });
  });

  it('answers 404 for someone else’s presence and changes nothing', async () => {
    const owner = await registered();
    const { presence } = (await owner.call('POST', '/registry/me/presences', residence)).json();
    const before = await registrySnapshot(app.ctx.db, owner.id);
    const intruder = await registered();
    for (const [method, url, body] of [
      ['PUT', `/registry/me/presences/${presence.id}`, residence],
      ['DELETE', `/registry/me/presences/${presence.id}`, undefined],
      ['DELETE', `/registry/me/presences/${presence.id}/precise-location`, undefined],
    ] as const) {
      const response = await intruder.call(method, url, body);
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      expect(response.json().code).toBe('not_found');
    }
    expect(await registrySnapshot(app.ctx.db, owner.id)).toEqual(before);
  });
});
