import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, JSON_WRITE, signInAs } from '../../../test/support/app.ts';
import { describeEachDialect } from '../../../test/support/db.ts';
import type { App } from '../../http/app-types.ts';
import { DEMO_PASSWORD } from '../demo/demo.accounts.ts';
import { MAX_AREA_POSITIONS } from './targeting.routes.ts';
import { countRecipients, countRecipientsByReason } from './targeting.service.ts';

const WASHINGTON = { lat: 38.8951, lon: -77.0364 };
const square = (lon: number, lat: number, d: number) => [
  [lon - d, lat - d],
  [lon + d, lat - d],
  [lon + d, lat + d],
  [lon - d, lat + d],
  [lon - d, lat - d],
];
const BOWTIE = {
  type: 'Polygon',
  coordinates: [
    [
      [-77.2, 38.8],
      [-76.9, 39.0],
      [-76.9, 38.8],
      [-77.2, 39.0],
      [-77.2, 38.8],
    ],
  ],
};

describeEachDialect('POST /api/v1/targeting/count', (getDb) => {
  let app: App;
  let alerts: string;
  const at = new Date().toISOString();

  beforeAll(async () => {
    app = await buildTestApp(getDb());
    alerts = await signInAs(app, 'alerts@demo.homeward.example', DEMO_PASSWORD);
  });
  afterAll(async () => {
    await app.close();
  });

  const count = (payload: unknown, cookie = alerts, locale = 'en') =>
    app.inject({
      method: 'POST',
      url: '/api/v1/targeting/count',
      headers: { ...JSON_WRITE, cookie, 'accept-language': locale },
      payload: JSON.stringify(payload),
    });

  it('answers the same counts as the engine on the demo registry, per reason', async () => {
    const areas = [
      { circles: [{ ...WASHINGTON, radiusKm: 30 }] },
      { countries: ['US'] },
      { regions: ['JP-13', 'US-DC'] },
      { polygons: [{ type: 'Polygon', coordinates: [square(139.69, 35.69, 1)] }] },
      { countries: ['FR'], circles: [{ lat: 35.69, lon: 139.69, radiusKm: 100 }] },
    ];
    for (const area of areas) {
      const response = await count({ area, at });
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json();
      const engine = await countRecipientsByReason(getDb().db, area, at);
      expect(body.total).toBe(await countRecipients(getDb().db, area, at));
      expect(body).toEqual({
        total: engine.total,
        byReason: {
          present: engine.byReason.present,
          siteStaff: engine.byReason.site_staff,
          subscriber: engine.byReason.subscriber,
        },
        at,
      });
    }
    const dc = await count({ area: { circles: [{ ...WASHINGTON, radiusKm: 30 }] }, at });
    expect(dc.json().total).toBeGreaterThan(0);
  });

  it('counts at the current time when none is given', async () => {
    const before = Date.now();
    const response = await count({ area: { countries: ['JP'] } });
    expect(response.statusCode).toBe(200);
    expect(Date.parse(response.json().at)).toBeGreaterThanOrEqual(before - 1000);
  });

  describe('bad areas', () => {
    const cases: [string, unknown, string, string][] = [
      ['no place at all', { area: {} }, 'area_empty', '/area'],
      ['an unknown country', { area: { countries: ['US', 'XX'] } }, 'country_unknown', '/area/countries/1'],
      ['a malformed country', { area: { countries: ['usa'] } }, 'country_unknown', '/area/countries/0'],
      ['an unknown region', { area: { regions: ['US-ZZ'] } }, 'region_unknown', '/area/regions/0'],
      [
        'a zero radius',
        { area: { circles: [{ ...WASHINGTON, radiusKm: 0 }] } },
        'radius_out_of_range',
        '/area/circles/0/radiusKm',
      ],
      [
        'a radius over 2000 km',
        { area: { circles: [{ ...WASHINGTON, radiusKm: 2000.5 }] } },
        'radius_out_of_range',
        '/area/circles/0/radiusKm',
      ],
      [
        'a latitude off the Earth',
        { area: { circles: [{ lat: 91, lon: 0, radiusKm: 5 }] } },
        'coordinate_out_of_range',
        '/area/circles/0/lat',
      ],
      [
        'a self-intersecting polygon',
        { area: { countries: ['JP'], polygons: [BOWTIE] } },
        'polygon_self_intersecting',
        '/area/polygons/0',
      ],
      [
        'an unclosed polygon',
        { area: { polygons: [{ type: 'Polygon', coordinates: [square(0, 0, 1).slice(0, 4)] }] } },
        'polygon_unclosed',
        '/area/polygons/0/coordinates/0',
      ],
      [
        'a ring of three points',
        {
          area: {
            polygons: [
              {
                type: 'Polygon',
                coordinates: [
                  [
                    [0, 0],
                    [1, 1],
                    [0, 0],
                  ],
                ],
              },
            ],
          },
        },
        'polygon_ring_too_short',
        '/area/polygons/0/coordinates/0',
      ],
      [
        'a polygon of another type',
        { area: { polygons: [{ type: 'Point', coordinates: [0, 0] }] } },
        'area_invalid',
        '/area/polygons/0',
      ],
      ['an unknown part', { area: { cities: ['Paris'] } }, 'area_invalid', '/area/cities'],
      ['an impossible time', { area: { countries: ['JP'] }, at: '2026-02-30T10:00:00Z' }, 'dates_invalid', '/at'],
      ['a time that is not one', { area: { countries: ['JP'] }, at: 'tomorrow' }, 'dates_invalid', '/at'],
    ];
    for (const [name, payload, code, field] of cases)
      it(`refuses ${name} with ${code} at ${field}`, async () => {
        const response = await count(payload);
        expect(response.statusCode, response.body).toBe(400);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        const body = response.json();
        expect(body.code).toBe(code);
        expect(body.errors).toEqual([expect.objectContaining({ field })]);
      });

    it('names the problem in Chinese for a zh-CN caller', async () => {
      const response = await count({ area: { polygons: [BOWTIE] } }, alerts, 'zh-CN');
      expect(response.json().title).toBe('多边形的边相互交叉，请重新绘制不交叉的轮廓');
      expect(response.json().errors[0].message).toBe('多边形的边相互交叉，请重新绘制不交叉的轮廓');
    });

    it('refuses polygons with too many points before checking them', async () => {
      const ring = Array.from({ length: MAX_AREA_POSITIONS + 1 }, (_, i) => {
        const a = (2 * Math.PI * i) / (MAX_AREA_POSITIONS + 1);
        return [Math.cos(a), Math.sin(a)];
      });
      ring.push(ring[0] as number[]);
      const started = Date.now();
      const response = await count({ area: { polygons: [{ type: 'Polygon', coordinates: [ring] }] } });
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('area_too_large');
      expect(Date.now() - started).toBeLessThan(2000);
    });

    it('refuses a body that is not an object, and a missing area, with the schema errors', async () => {
      expect((await count([1, 2])).json().code).toBe('validation_failed');
      const missing = await count({ at });
      expect(missing.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: '/area' }] });
    });

    it('changes nothing, whatever it is asked', async () => {
      const { db } = getDb();
      const tables = ['persons', 'presences', 'auditLog', 'countrySubscriptions'] as const;
      const snapshot = async () =>
        Promise.all(
          tables.map(async (t) =>
            Number(
              (
                await db
                  .selectFrom(t)
                  .select((eb) => eb.fn.countAll().as('n'))
                  .executeTakeFirstOrThrow()
              ).n,
            ),
          ),
        );
      const before = await snapshot();
      for (const [, payload] of cases) await count(payload);
      await count({ area: { countries: ['US'] }, at });
      expect(await snapshot()).toEqual(before);
    });
  });

  it('answers only the roles that prepare or answer for alerts', async () => {
    const area = { area: { countries: ['JP'] } };
    for (const email of ['admin', 'agent', 'officer.us', 'head.us'])
      expect((await count(area, await signInAs(app, `${email}@demo.homeward.example`, DEMO_PASSWORD))).statusCode).toBe(
        200,
      );
    for (const email of ['auditor', 'health', 'citizen'])
      expect((await count(area, await signInAs(app, `${email}@demo.homeward.example`, DEMO_PASSWORD))).statusCode).toBe(
        403,
      );
    expect((await count(area, '')).statusCode).toBe(401);
  });
});
