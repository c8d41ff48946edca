import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellOf } from '../registry/registry.cell.ts';
import { coverShape, distanceToRectKm, haversineKm, inCircle, toRanges } from './targeting.geometry.ts';

const latArb = fc.double({ min: -90, max: 90, noNaN: true });
const lonArb = fc.double({ min: -180, max: 180, noNaN: true });

const rectArb = fc.tuple(latArb, latArb, lonArb, lonArb).map(([a, b, c, d]) => ({
  minLat: Math.min(a, b),
  maxLat: Math.max(a, b),
  minLon: Math.min(c, d),
  maxLon: Math.max(c, d),
}));

describe('targeting geometry', () => {
  it('measures great-circle distances across the antimeridian and over the pole', () => {
    expect(haversineKm(0, 179.5, 0, -179.5)).toBeCloseTo(111.2, 0);
    expect(haversineKm(89, 0, 89, 180)).toBeCloseTo(222.4, 0);
    expect(inCircle({ lat: -17.7, lon: 179.9, radiusKm: 50 }, -17.7, -179.8)).toBe(true);
  });

  it('never overstates the distance from a point to a cell (the cover must lose no one)', () => {
    fc.assert(
      fc.property(
        latArb,
        lonArb,
        rectArb,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (lat, lon, rect, u, v) => {
          const pLat = rect.minLat + u * (rect.maxLat - rect.minLat);
          const pLon = rect.minLon + v * (rect.maxLon - rect.minLon);
          // Circles reach 2,000 km; toward the antipode haversine itself loses digits, so stop well short of it.
          // Rounding is absorbed by the cover, which widens each cell by 1e-9° (about 0.1 m).
          const exact = haversineKm(lat, lon, pLat, pLon);
          if (exact > 5000) return;
          expect(distanceToRectKm(lat, lon, rect)).toBeLessThanOrEqual(exact * (1 + 1e-9) + 1e-6);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('covers every point of a circle, near the poles and the antimeridian too', () => {
    fc.assert(
      fc.property(
        latArb,
        lonArb,
        fc.double({ min: 0.1, max: 2000, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
        (lat, lon, radiusKm, f, bearing) => {
          const circle = { lat, lon, radiusKm };
          const cover = new Set(coverShape({ kind: 'circle', circle }, 128));
          const d = (radiusKm * f) / 6371.0088;
          const r = Math.PI / 180;
          const pLat = Math.asin(Math.sin(lat * r) * Math.cos(d) + Math.cos(lat * r) * Math.sin(d) * Math.cos(bearing));
          const pLon =
            lon * r +
            Math.atan2(
              Math.sin(bearing) * Math.sin(d) * Math.cos(lat * r),
              Math.cos(d) - Math.sin(lat * r) * Math.sin(pLat),
            );
          const point = { lat: pLat / r, lon: ((((pLon / r + 180) % 360) + 360) % 360) - 180 };
          if (!inCircle(circle, point.lat, point.lon)) return;
          const cell = cellOf(point.lat, point.lon) ?? '';
          expect([...cover].some((prefix) => cell.startsWith(prefix))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps a polygon cover close to the polygon and within the budget', () => {
    const cover = coverShape(
      {
        kind: 'polygon',
        polygon: {
          type: 'Polygon',
          coordinates: [
            [
              [0, 40],
              [10, 40],
              [10, 50],
              [0, 50],
              [0, 40],
            ],
          ],
        },
      },
      256,
    );
    expect(cover.length).toBeLessThanOrEqual(256);
    expect(cover.some((p) => 'u0'.startsWith(p) || p.startsWith('u0'))).toBe(true);
    expect(cover.some((p) => p.startsWith('9'))).toBe(false);
  });

  it('joins neighbouring prefixes into ranges and drops prefixes inside others', () => {
    expect(toRanges(['u0b', 'u0', 'u1', 'zz', 'u3'])).toEqual([
      { lo: 'u0', hi: 'u2' },
      { lo: 'u3', hi: 'u4' },
      { lo: 'zz', hi: null },
    ]);
  });
});
