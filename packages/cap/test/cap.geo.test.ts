import { describe, expect, it } from 'vitest';
import { capAreaToFeature, capCircleToPolygon, parseCapCircle, parseCapPolygon } from '../src/index.ts';

describe('CAP areas as GeoJSON', () => {
  it('turns "lat,lon" polygons into closed [lon, lat] rings', () => {
    expect(parseCapPolygon('38.47,-120.14 38.34,-119.95 38.52,-119.74 38.47,-120.14')).toEqual([
      [-120.14, 38.47],
      [-119.95, 38.34],
      [-119.74, 38.52],
      [-120.14, 38.47],
    ]);
    expect(() => parseCapPolygon('1,1 2,2 1,1')).toThrow(expect.objectContaining({ code: 'rule' }));
  });

  it('reads circles and approximates them on the sphere', () => {
    const circle = parseCapCircle('-35.3888,147.0598 25.0');
    expect(circle).toEqual({ center: [147.0598, -35.3888], radiusKm: 25 });
    const ring = capCircleToPolygon(circle, 16);
    expect(ring).toHaveLength(17);
    expect(ring[0]).toEqual(ring[16]);
    // Due north by 25 km is 25 / 111.2 ≈ 0.2248 degrees of latitude.
    expect(ring[0]?.[1]).toBeCloseTo(-35.3888 + 0.2248, 3);
    expect(() => parseCapCircle('1,2')).toThrow(expect.objectContaining({ code: 'rule' }));
  });

  it('builds a Feature per area, a Point for a zero radius and null geometry for geocode-only areas', () => {
    const feature = capAreaToFeature({
      areaDesc: 'Imperial County',
      polygon: ['1,1 1,2 2,2 1,1'],
      circle: ['32.9525,-115.5527 0'],
      geocode: [{ valueName: 'SAME', value: '006025' }],
      altitude: 0,
      ceiling: 1000,
    });
    expect(feature.geometry?.geometries.map((g) => g.type)).toEqual(['Polygon', 'Point']);
    expect(feature.geometry?.geometries[1]).toEqual({ type: 'Point', coordinates: [-115.5527, 32.9525] });
    expect(feature.properties).toMatchObject({ areaDesc: 'Imperial County', altitude: 0, ceiling: 1000 });
    const geocodeOnly = capAreaToFeature({ areaDesc: 'NUTS FR101', polygon: [], circle: [], geocode: [] });
    expect(geocodeOnly.geometry).toBeNull();
  });
});
