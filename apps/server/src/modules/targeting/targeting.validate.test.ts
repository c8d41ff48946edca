import { describe, expect, it } from 'vitest';
import { AreaError, validateArea, validateAt } from './targeting.validate.ts';

function problemOf(input: unknown): { problem: string; field: string; status: number } {
  try {
    validateArea(input);
  } catch (error) {
    if (error instanceof AreaError) return { problem: error.problem, field: error.field, status: error.status };
    throw error;
  }
  throw new Error('the area was accepted');
}

const square = [
  [0, 0],
  [1, 0],
  [1, 1],
  [0, 1],
  [0, 0],
];

describe('validateArea', () => {
  it('accepts a union of countries, regions, circles and polygons, deduplicating and sorting codes', () => {
    const area = validateArea({
      countries: ['JP', 'FR', 'JP'],
      regions: ['US-NY'],
      circles: [{ lat: -17.7, lon: 179.9, radiusKm: 2000 }],
      polygons: [
        { type: 'Polygon', coordinates: [square] },
        { type: 'MultiPolygon', coordinates: [[square], [square.map(([x = 0, y = 0]) => [x + 5, y])]] },
      ],
    });
    expect(area.countries).toEqual(['FR', 'JP']);
    expect(area.regions).toEqual(['US-NY']);
  });

  it.each([
    ['an unknown country', { countries: ['FR', 'XX'] }, 'unknown_country', '/countries/1'],
    ['a country in lower case', { countries: ['fr'] }, 'unknown_country', '/countries/0'],
    ['an unknown region', { regions: ['US-ZZ'] }, 'unknown_region', '/regions/0'],
    ['a region below admin-1', { regions: ['FR-75'] }, 'unknown_region', '/regions/0'],
    ['a radius of 0', { circles: [{ lat: 0, lon: 0, radiusKm: 0 }] }, 'radius_out_of_range', '/circles/0/radiusKm'],
    [
      'a negative radius',
      { circles: [{ lat: 0, lon: 0, radiusKm: -5 }] },
      'radius_out_of_range',
      '/circles/0/radiusKm',
    ],
    [
      'a radius over 2,000 km',
      { circles: [{ lat: 0, lon: 0, radiusKm: 2000.5 }] },
      'radius_out_of_range',
      '/circles/0/radiusKm',
    ],
    [
      'a centre off the Earth',
      { circles: [{ lat: 91, lon: 0, radiusKm: 5 }] },
      'coordinate_out_of_range',
      '/circles/0/lat',
    ],
    [
      'an unclosed ring',
      { polygons: [{ type: 'Polygon', coordinates: [square.slice(0, 4)] }] },
      'ring_not_closed',
      '/polygons/0/coordinates/0',
    ],
    [
      'a ring of three positions',
      {
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
      'ring_too_short',
      '/polygons/0/coordinates/0',
    ],
    [
      'a self-intersecting bow tie',
      {
        polygons: [
          {
            type: 'Polygon',
            coordinates: [
              [
                [0, 0],
                [1, 1],
                [1, 0],
                [0, 1],
                [0, 0],
              ],
            ],
          },
        ],
      },
      'self_intersection',
      '/polygons/0',
    ],
    [
      'a hole crossing its shell',
      {
        polygons: [
          {
            type: 'Polygon',
            coordinates: [
              square,
              [
                [0.5, 0.5],
                [1.5, 0.5],
                [1.5, 0.7],
                [0.5, 0.7],
                [0.5, 0.5],
              ],
            ],
          },
        ],
      },
      'self_intersection',
      '/polygons/0',
    ],
    [
      'a longitude beyond 180',
      { polygons: [{ type: 'MultiPolygon', coordinates: [[square], [square.map(([x = 0, y = 0]) => [x + 180, y])]] }] },
      'coordinate_out_of_range',
      '/polygons/0/coordinates/1/0/1',
    ],
    [
      'a GeoJSON LineString',
      { polygons: [{ type: 'LineString', coordinates: square }] },
      'invalid_shape',
      '/polygons/0',
    ],
    ['an unknown field', { countries: ['FR'], everywhere: true }, 'invalid_shape', '/everywhere'],
    ['nothing at all', {}, 'empty_area', '/'],
    ['not an object', 'FR', 'invalid_shape', '/'],
  ])('refuses %s with a 400 naming the problem and the field', (_name, input, problem, field) => {
    expect(problemOf(input)).toEqual({ problem, field, status: 400 });
  });

  it('refuses a time that is not a date and time', () => {
    expect(() => validateAt('next tuesday')).toThrow(AreaError);
    expect(validateAt('2026-11-28T10:00:00Z').toISOString()).toBe('2026-11-28T10:00:00.000Z');
  });
});
