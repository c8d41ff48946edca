import { listRegions } from '@homeward/gazetteer';
import { REGISTRANT_CSV_COLUMNS } from '@homeward/shared';
import { type Expression, type SqlBool, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, JSON_WRITE, signInAs } from '../../../test/support/app.ts';
import { describeEachDialect } from '../../../test/support/db.ts';
import { isoNow, newId } from '../../clock.ts';
import type { Db } from '../../db/schema.ts';
import type { App } from '../../http/app-types.ts';
import { DEMO_PASSWORD } from '../demo/demo.accounts.ts';
import { DEMO_REGISTRANT_COUNT } from '../demo/demo.registrants.ts';
import { findMissionForPlace, placeInMissions } from '../missions/missions.jurisdiction.ts';
import { insertPersons, insertPresences, type NewPresence } from '../registry/registry.repo.ts';
import { missionResolver, placeInDistricts } from './registrants.districts.ts';
import { loadDistricts } from './registrants.repo.ts';
import { exportRegistrants } from './registrants.service.ts';

const email = (name: string) => `${name}@demo.homeward.example`;
const TODAY = isoNow().slice(0, 10);
const addDays = (n: number) => new Date(Date.parse(`${TODAY}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

type Kind = 'residence' | 'trip';
interface Stay {
  kind: Kind;
  countryCode: string;
  regionCode: string | null;
  cityId?: number;
  arrivalOn: string;
  departureOn: string | null;
}

/** A person with the given stays, inserted through the registry repos as a citizen's registration would be. */
async function addPerson(db: Db, family: string, passport: string, stays: Stay[]): Promise<string> {
  const id = newId();
  const now = isoNow();
  await insertPersons(db, [
    {
      id,
      userId: null,
      familyName: family,
      givenName: 'TEST',
      nativeName: null,
      birthDate: '1990-01-01',
      sex: 'X',
      nationality: 'CN',
      passportNumber: passport,
      passportExpiry: null,
      locale: 'zh-CN',
      businessId: null,
      createdAt: now,
      updatedAt: now,
    },
  ]);
  const rows: NewPresence[] = stays.map((s) => ({
    id: newId(),
    personId: id,
    dependentId: null,
    lat: null,
    lon: null,
    cityId: s.cityId ?? null,
    preciseConsent: false,
    purpose: null,
    createdAt: now,
    ...s,
  }));
  await insertPresences(db, rows);
  return id;
}

interface PresenceRow {
  id: string;
  personId: string;
  dependentId: string | null;
  kind: Kind;
  countryCode: string;
  regionCode: string | null;
  arrivalOn: string;
  departureOn: string | null;
}

/** The brute-force "where am I now": every subject's current presences, trips first, latest arrival, smallest id. */
function whereEveryoneIs(rows: PresenceRow[], day: string): PresenceRow[] {
  const bySubject = new Map<string, PresenceRow[]>();
  for (const r of rows) {
    if (r.arrivalOn > day || (r.departureOn !== null && r.departureOn < day)) continue;
    const key = `${r.personId}/${r.dependentId ?? ''}`;
    bySubject.set(key, [...(bySubject.get(key) ?? []), r]);
  }
  return [...bySubject.values()].map((list) => {
    const sorted = [...list].sort(
      (a, b) =>
        (a.kind === 'trip' ? 0 : 1) - (b.kind === 'trip' ? 0 : 1) ||
        b.arrivalOn.localeCompare(a.arrivalOn) ||
        (a.id < b.id ? -1 : 1),
    );
    return sorted[0] as PresenceRow;
  });
}

function tally(rows: PresenceRow[], key: (r: PresenceRow) => string | null): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of rows) {
    const k = key(r) ?? '-';
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}

describeEachDialect('registrants for staff', (getDb) => {
  let app: App;
  const cookies: Record<string, string> = {};
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    const { db } = getDb();
    app = await buildTestApp(getDb());
    for (const who of ['admin', 'agent', 'officer.us', 'officer.jp', 'auditor']) {
      cookies[who] = await signInAs(app, email(who), DEMO_PASSWORD);
    }
    ids.virginia = await addPerson(db, 'VIRGINIA', 'TV0000001', [
      {
        kind: 'residence',
        countryCode: 'US',
        regionCode: 'US-VA',
        cityId: 4744091,
        arrivalOn: '2020-01-01',
        departureOn: null,
      },
    ]);
    ids.tokyo = await addPerson(db, 'TOKYO', 'TT0000001', [
      {
        kind: 'residence',
        countryCode: 'JP',
        regionCode: 'JP-13',
        cityId: 1850147,
        arrivalOn: '2021-04-01',
        departureOn: null,
      },
    ]);
    // Lives in Virginia, in Tokyo on a trip this week: counted in Japan, still in the Washington district.
    ids.traveller = await addPerson(db, 'TRAVELLER', 'TR0000001', [
      { kind: 'residence', countryCode: 'US', regionCode: 'US-VA', arrivalOn: '2019-05-01', departureOn: null },
      {
        kind: 'trip',
        countryCode: 'JP',
        regionCode: 'JP-13',
        cityId: 1850147,
        arrivalOn: addDays(-1),
        departureOn: addDays(3),
      },
    ]);
    ids.pastVisitor = await addPerson(db, 'PASTVISITOR', 'TP0000001', [
      { kind: 'trip', countryCode: 'US', regionCode: 'US-VA', arrivalOn: addDays(-30), departureOn: addDays(-20) },
    ]);
  });
  afterAll(async () => {
    await app.close();
  });

  const get = (who: string, url: string) => app.inject({ url, headers: { cookie: cookies[who] as string } });
  const allPresences = () =>
    getDb()
      .db.selectFrom('presences')
      .select(['id', 'personId', 'dependentId', 'kind', 'countryCode', 'regionCode', 'arrivalOn', 'departureOn'])
      .execute() as Promise<PresenceRow[]>;

  it('seeds the demo registrants once', async () => {
    const { db } = getDb();
    const count = async () =>
      Number(
        (
          await db
            .selectFrom('persons')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('passportNumber', 'like', 'EH7%')
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count()).toBe(DEMO_REGISTRANT_COUNT);
    await buildTestApp(getDb()).then((again) => again.close());
    expect(await count()).toBe(DEMO_REGISTRANT_COUNT);
  });

  it('counts per country, region and kind as a brute-force scan does, on several days', async () => {
    const rows = await allPresences();
    for (const day of [TODAY, addDays(4), addDays(-35)]) {
      const here = whereEveryoneIs(rows, day);
      const world = (await get('admin', `/api/v1/registrants/summary?at=${day}`)).json();
      expect(world.at).toBe(day);
      expect(world.total).toBe(here.length);
      expect(
        Object.fromEntries(
          world.countries.map((c: { countryCode: string; count: number }) => [c.countryCode, c.count]),
        ),
      ).toEqual(tally(here, (r) => r.countryCode));
      const us = (await get('admin', `/api/v1/registrants/summary?at=${day}&country=US`)).json();
      expect(
        Object.fromEntries(
          us.regions.map((r: { regionCode: string | null; count: number }) => [r.regionCode ?? '-', r.count]),
        ),
      ).toEqual(
        tally(
          here.filter((r) => r.countryCode === 'US'),
          (r) => r.regionCode,
        ),
      );
      // The table and the export rank presences in SQL of their own (keyset-friendly): the same people.
      const table = (await get('admin', `/api/v1/registrants?at=${day}&country=US&pageSize=1`)).json();
      expect(table.total).toBe(here.filter((r) => r.countryCode === 'US').length);
      const trips = (await get('admin', `/api/v1/registrants/summary?at=${day}&kind=trip`)).json();
      expect(trips.total).toBe(here.filter((r) => r.kind === 'trip').length);
    }
  });

  it('counts a resident who is on a trip where the trip is, and at home again after it', async () => {
    const find = async (day: string) =>
      (await get('admin', `/api/v1/registrants?q=TR0000001&at=${day}`)).json().items as {
        countryCode: string;
        kind: string;
      }[];
    expect(await find(TODAY)).toMatchObject([{ countryCode: 'JP', kind: 'trip' }]);
    expect(await find(addDays(4))).toMatchObject([{ countryCode: 'US', kind: 'residence' }]);
    const tokyoToday = (await get('admin', '/api/v1/registrants/summary?country=JP')).json();
    const tokyoLater = (await get('admin', `/api/v1/registrants/summary?country=JP&at=${addDays(4)}`)).json();
    const inTokyo = (s: { cities: { cityId: number; count: number }[] }) =>
      s.cities.find((c) => c.cityId === 1850147)?.count ?? 0;
    expect(inTokyo(tokyoToday)).toBeGreaterThan(0);
    expect(tokyoToday.cities[0]).toMatchObject({
      name: expect.any(String),
      lat: expect.any(Number),
      lon: expect.any(Number),
    });
    expect((await find(addDays(4)))[0]).toBeDefined();
    expect(inTokyo(tokyoToday) - inTokyo(tokyoLater)).toBeGreaterThanOrEqual(1);
  });

  it('scopes an officer to people with a current or upcoming stay in their district', async () => {
    const search = async (who: string, q: string) => (await get(who, `/api/v1/registrants?q=${q}`)).json().total;
    expect(await search('officer.us', 'TV0000001')).toBe(1);
    expect(await search('officer.us', 'TT0000001')).toBe(0);
    expect(await search('officer.us', 'TR0000001')).toBe(1);
    expect(await search('officer.jp', 'TT0000001')).toBe(1);
    expect(await search('officer.jp', 'TV0000001')).toBe(0);
    expect(await search('agent', 'TT0000001')).toBe(1);
    expect((await get('officer.us', `/api/v1/registrants/${ids.virginia}`)).statusCode).toBe(200);
    expect((await get('officer.us', `/api/v1/registrants/${ids.traveller}`)).statusCode).toBe(200);
    expect((await get('officer.us', `/api/v1/registrants/${ids.tokyo}`)).statusCode).toBe(404);
    expect((await get('officer.us', `/api/v1/registrants/${ids.pastVisitor}`)).statusCode).toBe(404);
    expect((await get('officer.us', `/api/v1/registrants/${newId()}`)).statusCode).toBe(404);
    expect((await get('admin', `/api/v1/registrants/${ids.pastVisitor}`)).statusCode).toBe(200);
    expect((await get('auditor', '/api/v1/registrants')).statusCode).toBe(403);
    expect((await app.inject('/api/v1/registrants/summary')).statusCode).toBe(401);
  });

  it('scopes the officer’s map counts to the people they may see', async () => {
    const rows = await allPresences();
    const { db } = getDb();
    const missionOf = missionResolver(await loadDistricts(db));
    const visible = new Set(
      rows
        .filter((r) => (r.departureOn === null || r.departureOn >= TODAY) && missionOf(r) === 'US-WAS')
        .map((r) => r.personId),
    );
    const expected = whereEveryoneIs(rows, TODAY).filter((r) => visible.has(r.personId));
    const summary = (await get('officer.us', '/api/v1/registrants/summary')).json();
    expect(summary.total).toBe(expected.length);
    expect(summary.countries.find((c: { countryCode: string }) => c.countryCode === 'JP')?.count).toBe(
      expected.filter((r) => r.countryCode === 'JP').length,
    );
  });

  it('answers each row with the mission findMissionForPlace names', async () => {
    const { db } = getDb();
    const missionOf = missionResolver(await loadDistricts(db));
    const places = [
      { countryCode: 'US', regionCode: 'US-VA' },
      { countryCode: 'US', regionCode: 'US-CA' },
      { countryCode: 'US', regionCode: null },
      { countryCode: 'JP', regionCode: 'JP-13' },
      { countryCode: 'DE', regionCode: 'DE-BY' },
      { countryCode: 'NG', regionCode: 'NG-LA' },
      { countryCode: 'AQ', regionCode: null },
    ];
    for (const place of places)
      expect(missionOf(place), JSON.stringify(place)).toBe(await findMissionForPlace(db, place));
  });

  it('unrolls the districts into SQL that agrees with placeInMissions for every region of several countries', async () => {
    const { db } = getDb();
    const districts = await loadDistricts(db);
    const places = ['US', 'JP', 'DE', 'GB', 'FR', 'NG', 'AQ'].flatMap((country) => [
      { countryCode: country, regionCode: null },
      ...listRegions(country).map((r) => ({ countryCode: country, regionCode: r.code })),
    ]);
    const inside = async (condition: (alias: string) => Expression<SqlBool>, p: (typeof places)[number]) => {
      const { rows } = await sql<{
        n: number;
      }>`select count(*) as n from (select cast(${p.countryCode} as text) as country_code,
        cast(${p.regionCode} as text) as region_code) p where ${condition('p')}`.execute(db);
      return Number(rows[0]?.n) === 1;
    };
    for (const missions of [['US-WAS'], ['JP-TYO', 'JP-OSA'], ['DE-MUC'], ['GB-LON', 'FR-PAR'], ['US-NYC', 'US-LAX']]) {
      for (const place of places) {
        const unrolled = await inside((alias) => placeInDistricts(alias, districts, missions), place);
        const reference = await inside((alias) => placeInMissions(alias, missions), place);
        expect(unrolled, `${missions} ${JSON.stringify(place)}`).toBe(reference);
      }
    }
  });

  it('audits the list (filters) and the person page (person id), and shows the person’s record', async () => {
    const { db } = getDb();
    const list = await get('officer.us', '/api/v1/registrants?country=US&region=US-VA&page=1&pageSize=10');
    expect(list.statusCode).toBe(200);
    const listed = await db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'registrant.list')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(listed.details)).toMatchObject({ filters: { country: 'US', region: 'US-VA', day: TODAY } });
    const page = await get('officer.us', `/api/v1/registrants/${ids.traveller}`);
    const body = page.json();
    expect(body.person.familyName).toBe('TRAVELLER');
    expect(body.presences.map((p: { missionCode: string }) => p.missionCode).sort()).toEqual(['JP-TYO', 'US-WAS']);
    const viewed = await db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'registrant.view')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(viewed).toMatchObject({ recordType: 'person', recordId: ids.traveller, actorRole: 'consular_officer' });
  });

  describe('export', () => {
    const post = (who: string, payload: Record<string, unknown>) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/registrants/export',
        headers: { ...JSON_WRITE, cookie: cookies[who] as string },
        payload,
      });
    const exports = async () =>
      getDb().db.selectFrom('auditLog').selectAll().where('action', '=', 'registrant.export').orderBy('seq').execute();

    it('refuses without a reason of 10 characters or more, and audits nothing', async () => {
      const before = (await exports()).length;
      for (const payload of [{}, { reason: 'too short' }, { reason: ' '.repeat(20) }, { reason: 'x'.repeat(501) }]) {
        const response = await post('officer.us', payload);
        expect(response.statusCode).toBe(422);
        expect(response.json().code).toBe('reason_required');
      }
      expect(await exports()).toHaveLength(before);
    });

    it('streams a UTF-8 CSV with a BOM, the documented columns and the scoped rows, and audits reason and count', async () => {
      const reason = 'Hurricane warning for Virginia: call list';
      const response = await post('officer.us', { reason, country: 'US', region: 'US-VA' });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toBe(`attachment; filename="registrants-${TODAY}.csv"`);
      expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      const lines = response.body
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n');
      expect(lines[0]).toBe(REGISTRANT_CSV_COLUMNS.join(','));
      const data = lines.slice(1).map((l) => l.split(','));
      expect(data.every((cells) => cells[9] === 'US' && cells[10] === 'US-VA' && cells[14] === 'US-WAS')).toBe(true);
      const virginia = data.find((cells) => cells[0] === ids.virginia);
      expect(virginia).toEqual([
        ids.virginia,
        '',
        'VIRGINIA',
        'TEST',
        '',
        '1990-01-01',
        'X',
        'TV0000001',
        'residence',
        'US',
        'US-VA',
        'Alexandria',
        '2020-01-01',
        '',
        'US-WAS',
        '',
        '',
      ]);
      expect(data.some((cells) => cells[0] === ids.traveller)).toBe(false); // in Tokyo today
      const entry = (await exports()).at(-1);
      expect(entry).toMatchObject({ reason, actorRole: 'consular_officer' });
      expect(JSON.parse(entry?.details ?? '{}')).toMatchObject({ rowCount: data.length, filters: { country: 'US' } });
      expect(Number(response.headers['x-row-count'])).toBe(data.length);
    });

    it('pages through more rows than one page and keeps hanzi intact', async () => {
      const response = await post('admin', { reason: 'Whole registry for the annual statistics' });
      const lines = response.body
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n');
      const total = (await get('admin', '/api/v1/registrants/summary')).json().total;
      expect(lines.length - 1).toBe(total);
      expect(new Set(lines.slice(1).map((l) => l.split(',').slice(0, 2).join('/'))).size).toBe(total);
      expect(response.body).toMatch(/[\u4e00-\u9fff]/);
      // The same file when read seven rows at a time.
      const admin = { id: 'admin', role: 'hq_admin' as const, missions: [] };
      const paged = await exportRegistrants(
        getDb().db,
        admin,
        { reason: 'paging check, same rows' },
        { actor: null, ip: null },
        7,
      );
      let text = '';
      for await (const chunk of paged.lines) text += chunk;
      expect(text).toBe(response.body);
    });
  });
});
