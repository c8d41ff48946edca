import fc from 'fast-check';
import { afterEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/support/db.ts';
import {
  bruteRecipients,
  clearRegistry,
  type Place,
  type World,
  type WorldPresence,
  writeWorld,
} from './targeting.fixtures.ts';
import type { Area, Circle, PolygonGeometry } from './targeting.schema.ts';
import { countRecipients, type Recipient, targetRecipients } from './targeting.service.ts';
import { AreaError } from './targeting.validate.ts';

// Anchors where the random people and areas gather, chosen for the hard cases: both sides of the antimeridian,
// near both poles, the equator and the prime meridian.
const ANCHORS: [number, number][] = [
  [48.85, 2.35],
  [-17.7, 179.6],
  [-17.7, -179.7],
  [65.5, -179.9],
  [89.4, 40],
  [-89.2, -120],
  [0.2, -0.1],
  [35.7, 139.7],
];
const COUNTRIES = ['FR', 'FJ', 'RU', 'JP', 'US', 'NZ'];
const REGIONS = ['FR-IDF', 'FR-ARA', 'FJ-C', 'RU-CHU', 'JP-13', 'US-AK', 'NZ-AUK'];
const DAYS = ['2026-11-01', '2026-11-10', '2026-11-20', '2026-11-28', '2026-12-05'];

const clampLat = (lat: number) => Math.max(-90, Math.min(90, lat));
const wrapLon = (lon: number) => (lon > 180 ? lon - 360 : lon < -180 ? lon + 360 : lon);

const pointArb = fc
  .tuple(
    fc.constantFrom(...ANCHORS),
    fc.double({ min: -3, max: 3, noNaN: true }),
    fc.double({ min: -6, max: 6, noNaN: true }),
  )
  .map(([[lat, lon], dLat, dLon]) => ({ lat: clampLat(lat + dLat), lon: wrapLon(lon + dLon) }));

const placeArb: fc.Arbitrary<Place> = fc
  .record({
    countryCode: fc.constantFrom(...COUNTRIES),
    regionCode: fc.option(fc.constantFrom(...REGIONS), { nil: null }),
    point: fc.option(pointArb, { nil: null, freq: 6 }),
  })
  .map(({ countryCode, regionCode, point }) => ({
    countryCode,
    regionCode,
    lat: point?.lat ?? null,
    lon: point?.lon ?? null,
  }));

const stayArb = fc
  .tuple(
    fc.constantFrom('residence' as const, 'trip' as const),
    fc.integer({ min: 0, max: 4 }),
    fc.integer({ min: 0, max: 5 }),
  )
  .map(([kind, from, length]) => ({
    kind,
    arrivalOn: DAYS[from] ?? '2026-11-01',
    departureOn: kind === 'residence' && length === 5 ? null : (DAYS[Math.min(4, from + length)] ?? null),
  }));

const personSpecArb = fc.record({
  locale: fc.constantFrom('zh-CN', 'en'),
  channels: fc.subarray(['email', 'sms', 'push'] as const),
  dependents: fc.integer({ min: 0, max: 2 }),
  subscriptions: fc.subarray(COUNTRIES, { maxLength: 3 }),
  presences: fc.array(fc.tuple(fc.integer({ min: -1, max: 1 }), placeArb, stayArb), { maxLength: 4 }),
});

const worldArb: fc.Arbitrary<World> = fc
  .tuple(
    fc.array(personSpecArb, { minLength: 1, maxLength: 25 }),
    fc.array(fc.tuple(placeArb, fc.array(fc.nat(), { maxLength: 4 })), { maxLength: 5 }),
  )
  .map(([specs, siteSpecs]) => {
    const persons = specs.map((s, i) => ({
      id: `p${String(i).padStart(3, '0')}`,
      locale: s.locale,
      channels: s.channels.map((kind) => ({ kind, address: `${kind}:p${i}`, verified: kind !== 'push' })),
      dependents: Array.from({ length: s.dependents }, (_, d) => `d${String(i).padStart(3, '0')}-${d}`),
      subscriptions: s.subscriptions,
    }));
    const presences: WorldPresence[] = specs.flatMap((s, i) =>
      s.presences.map(([who, place, stay], n) => {
        const person = persons[i];
        const dependentId = who >= 0 ? (person?.dependents[who] ?? null) : null;
        return {
          id: `x${String(i).padStart(3, '0')}-${n}`,
          personId: person?.id ?? '',
          dependentId,
          ...place,
          ...stay,
        };
      }),
    );
    const sites = siteSpecs.map(([place, staff], i) => ({
      id: `s${i}`,
      ...place,
      staff: [...new Set(staff.map((n) => persons[n % persons.length]?.id ?? ''))],
    }));
    return { persons, presences, sites };
  });

const circleArb: fc.Arbitrary<Circle> = fc
  .tuple(pointArb, fc.double({ min: 0.5, max: 2000, noNaN: true }))
  .map(([p, radiusKm]) => ({ lat: p.lat, lon: p.lon, radiusKm }));

// A star-shaped ring around a centre (vertices sorted by angle) is simple; it is kept inside the lon/lat box.
function starRing(centreLat: number, centreLon: number, radii: number[], turn: number): number[][] {
  const lat = Math.max(-89, Math.min(89, centreLat));
  const lon = Math.max(-179, Math.min(179, centreLon));
  const room = Math.min(89.9 - Math.abs(lat), 179.9 - Math.abs(lon));
  const ring = radii.map((r, i) => {
    const angle = turn + (2 * Math.PI * i) / radii.length;
    const size = Math.max(0.01, Math.min(room, r));
    return [lon + size * Math.cos(angle), lat + size * Math.sin(angle)];
  });
  return [...ring, ring[0] ?? [lon, lat]];
}

const starArb = fc.tuple(
  pointArb,
  fc.array(fc.double({ min: 0.05, max: 8, noNaN: true }), { minLength: 3, maxLength: 12 }),
  fc.double({ min: 0, max: 6.28, noNaN: true }),
);

const polygonArb: fc.Arbitrary<PolygonGeometry> = fc.oneof(
  starArb.map(([c, radii, turn]) => ({ type: 'Polygon' as const, coordinates: [starRing(c.lat, c.lon, radii, turn)] })),
  // Two parts of a MultiPolygon, 20° of latitude apart so that they never overlap.
  fc.tuple(starArb, starArb).map(([[a, ra, ta], [, rb, tb]]) => ({
    type: 'MultiPolygon' as const,
    coordinates: [[starRing(a.lat, a.lon, ra, ta)], [starRing(a.lat > 0 ? a.lat - 20 : a.lat + 20, a.lon, rb, tb)]],
  })),
);

const areaArb: fc.Arbitrary<Area> = fc
  .record({
    countries: fc.subarray(COUNTRIES, { maxLength: 2 }),
    regions: fc.subarray(REGIONS, { maxLength: 2 }),
    circles: fc.array(circleArb, { maxLength: 2 }),
    polygons: fc.array(polygonArb, { maxLength: 2 }),
  })
  .filter((a) => a.countries.length + a.regions.length + a.circles.length + a.polygons.length > 0);

function destination(lat: number, lon: number, km: number, bearing: number): [number, number] {
  const r = Math.PI / 180;
  const d = km / 6371.0088;
  const lat2 = Math.asin(Math.sin(lat * r) * Math.cos(d) + Math.cos(lat * r) * Math.sin(d) * Math.cos(bearing));
  const lon2 =
    lon * r +
    Math.atan2(Math.sin(bearing) * Math.sin(d) * Math.cos(lat * r), Math.cos(d) - Math.sin(lat * r) * Math.sin(lat2));
  return [lat2 / r, wrapLon(lon2 / r)];
}

/** People standing on and just either side of the area's edges: polygon vertices and edge midpoints, circle rims. */
function onTheEdges(world: World, area: Area): World {
  const points: [number, number][] = [];
  for (const c of area.circles ?? [])
    for (let b = 0; b < 8; b++)
      for (const f of [0.999999, 1, 1.000001])
        points.push(destination(c.lat, c.lon, c.radiusKm * f, (b * Math.PI) / 4));
  for (const p of area.polygons ?? [])
    for (const ring of p.type === 'Polygon' ? p.coordinates : p.coordinates.flat())
      ring.forEach(([lon = 0, lat = 0], i) => {
        const [nextLon = lon, nextLat = lat] = ring[i + 1] ?? [];
        points.push([lat, lon], [(lat + nextLat) / 2, (lon + nextLon) / 2]);
      });
  const persons = points.map((_, i) => ({
    id: `e${String(i).padStart(3, '0')}`,
    locale: 'en',
    channels: [],
    dependents: [],
    subscriptions: [],
  }));
  const presences = points.map(([lat, lon], i) => ({
    id: `y${String(i).padStart(3, '0')}`,
    personId: persons[i]?.id ?? '',
    dependentId: null,
    kind: 'residence' as const,
    countryCode: 'AQ',
    regionCode: null,
    lat,
    lon,
    arrivalOn: '2026-11-01',
    departureOn: null,
  }));
  return { persons: [...world.persons, ...persons], presences: [...world.presences, ...presences], sites: world.sites };
}

async function collect(batches: AsyncGenerator<Recipient[]>): Promise<Recipient[][]> {
  const out: Recipient[][] = [];
  for await (const batch of batches) out.push(batch);
  return out;
}

const keyOf = (r: Recipient) => `${r.personId}|${r.dependentOf ?? ''}|${r.reason}`;

describeEachDialect('targeting engine', (getDb) => {
  afterEach(async () => {
    await clearRegistry(getDb().db);
  });

  it('finds exactly whom a brute-force scan of every presence finds, in disjoint batches', async () => {
    const { db } = getDb();
    await fc.assert(
      fc.asyncProperty(
        worldArb,
        areaArb,
        fc.constantFrom(...DAYS),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 5 }),
        async (randomWorld, area, day, batchSize, pageSize) => {
          const world = onTheEdges(randomWorld, area);
          await clearRegistry(db);
          await writeWorld(db, world);
          const at = `${day}T12:00:00.000Z`;
          const batches = await collect(targetRecipients(db, area, { at, batchSize, pageSize }));
          const all = batches.flat();
          const keys = all.map(keyOf);
          expect(batches.every((b) => b.length > 0 && b.length <= batchSize)).toBe(true);
          expect(new Set(all.map((r) => r.personId)).size).toBe(all.length);
          expect(new Set(keys)).toEqual(bruteRecipients(world, area, day));
          const persons = new Map(world.persons.map((p) => [p.id, p]));
          for (const r of all) {
            const contact = persons.get(r.dependentOf ?? r.personId);
            expect(r.locale).toBe(contact?.locale);
            expect(r.channels.map((c) => c.address).sort()).toEqual(contact?.channels.map((c) => c.address).sort());
          }
          expect(await countRecipients(db, area, at)).toBe(all.length);
        },
      ),
      { numRuns: 40 },
    );
  }, 180_000);

  it('follows "where am I now", reaches dependents through their guardian and names each person once', async () => {
    const { db } = getDb();
    const paris = { countryCode: 'FR', regionCode: 'FR-IDF', lat: 48.85, lon: 2.35 };
    const tokyo = { countryCode: 'JP', regionCode: 'JP-13', lat: 35.68, lon: 139.76 };
    const stay = (
      id: string,
      personId: string,
      place: Place,
      kind: 'residence' | 'trip',
      dependentId: string | null = null,
    ) => ({
      id,
      personId,
      dependentId,
      kind,
      ...place,
      arrivalOn: kind === 'trip' ? '2026-11-20' : '2020-01-01',
      departureOn: kind === 'trip' ? '2026-11-30' : null,
    });
    const person = (id: string, locale: string, subscriptions: string[] = [], dependents: string[] = []) => ({
      id,
      locale,
      channels: [{ kind: 'email' as const, address: `${id}@example.org`, verified: true }],
      dependents,
      subscriptions,
    });
    const world: World = {
      persons: [
        person('lives-in-paris', 'zh-CN', ['FR', 'JP']),
        person('lives-in-paris-in-tokyo-now', 'en', [], ['child']),
        person('works-in-paris', 'zh-CN', ['FR']),
        person('follows-france', 'en', ['FR']),
      ],
      presences: [
        stay('a', 'lives-in-paris', paris, 'residence'),
        stay('b', 'lives-in-paris-in-tokyo-now', paris, 'residence'),
        stay('c', 'lives-in-paris-in-tokyo-now', tokyo, 'trip'),
        stay('d', 'lives-in-paris-in-tokyo-now', paris, 'residence', 'child'),
        stay('e', 'works-in-paris', tokyo, 'residence'),
      ],
      sites: [
        { id: 'office', ...paris, staff: ['works-in-paris', 'lives-in-paris'] },
        { id: 'shop', ...paris, staff: ['works-in-paris'] },
      ],
    };
    await writeWorld(db, world);
    const area = { countries: ['FR'], circles: [{ lat: 48.86, lon: 2.34, radiusKm: 20 }] };
    const batches = await collect(
      targetRecipients(db, area, { at: '2026-11-25T08:00:00Z', batchSize: 2, pageSize: 1 }),
    );
    const byId = new Map(batches.flat().map((r) => [r.personId, r]));
    expect([...byId.keys()].sort()).toEqual(['child', 'follows-france', 'lives-in-paris', 'works-in-paris']);
    expect(byId.get('lives-in-paris')?.reason).toBe('present');
    expect(byId.get('works-in-paris')?.reason).toBe('site_staff');
    expect(byId.get('follows-france')?.reason).toBe('subscriber');
    expect(byId.get('child')).toEqual({
      personId: 'child',
      dependentOf: 'lives-in-paris-in-tokyo-now',
      reason: 'present',
      locale: 'en',
      channels: [{ kind: 'email', address: 'lives-in-paris-in-tokyo-now@example.org', verified: true }],
    });
    // After the trip, the traveller is home in Paris again.
    const later = (await collect(targetRecipients(db, area, { at: '2026-12-01T08:00:00Z' }))).flat();
    expect(later.map((r) => r.personId)).toContain('lives-in-paris-in-tokyo-now');
    expect(await countRecipients(db, area, '2026-11-25T08:00:00Z')).toBe(4);
  });

  it('lets go of its connections when the caller stops reading early', async () => {
    const { db } = getDb();
    const persons = Array.from({ length: 30 }, (_, i) => ({
      id: `q${String(i).padStart(3, '0')}`,
      locale: 'en',
      channels: [],
      dependents: [],
      subscriptions: [],
    }));
    const presences = persons.map((p, i) => ({
      id: `z${String(i).padStart(3, '0')}`,
      personId: p.id,
      dependentId: null,
      kind: 'residence' as const,
      countryCode: 'FR',
      regionCode: null,
      lat: 48.85 + i / 1000,
      lon: 2.35,
      arrivalOn: '2026-11-01',
      departureOn: null,
    }));
    await writeWorld(db, { persons, presences, sites: [] });
    const area = { circles: [{ lat: 48.86, lon: 2.35, radiusKm: 50 }] };
    // More abandoned reads than the pool has connections: one kept open by each would make the last ones wait.
    for (let run = 0; run < 12; run++) {
      for await (const batch of targetRecipients(db, area, { at: '2026-11-25T08:00:00Z', batchSize: 1, pageSize: 2 })) {
        expect(batch).toHaveLength(1);
        break;
      }
    }
    expect(await countRecipients(db, area, '2026-11-25T08:00:00Z')).toBe(30);
    // Inside a caller's transaction (no cursors of its own there), the same people.
    await db.transaction().execute(async (trx) => {
      expect(await countRecipients(trx, area, '2026-11-25T08:00:00Z')).toBe(30);
    });
  });

  it('refuses a bad area or time before reading anything', async () => {
    const { db } = getDb();
    const first = (area: unknown, at = '2026-11-25T08:00:00Z') => targetRecipients(db, area, { at }).next();
    await expect(first({ circles: [{ lat: 0, lon: 0, radiusKm: 2500 }] })).rejects.toMatchObject({
      problem: 'radius_out_of_range',
      status: 400,
    });
    await expect(first({ countries: ['FR'] }, 'soon')).rejects.toBeInstanceOf(AreaError);
    await expect(countRecipients(db, { regions: ['FR-XX'] }, '2026-11-25T08:00:00Z')).rejects.toMatchObject({
      problem: 'unknown_region',
    });
  });
});
