import { findRegion, isKnownCountry } from '@homeward/gazetteer';
import { Value } from '@sinclair/typebox/value';
import kinks from '@turf/kinks';
import { ProblemError } from '../../http/problem.ts';
import { type Area, AreaSchema, type PolygonGeometry } from './targeting.schema.ts';

/** What is wrong with an area, named so that the composer can say it and a test can check it. */
export type AreaProblem =
  | 'invalid_shape'
  | 'empty_area'
  | 'unknown_country'
  | 'unknown_region'
  | 'coordinate_out_of_range'
  | 'radius_out_of_range'
  | 'ring_not_closed'
  | 'ring_too_short'
  | 'self_intersection'
  | 'invalid_time';

/** A 400 `validation_failed` naming the problem and the offending field (`/polygons/0/coordinates/1`). */
export class AreaError extends ProblemError {
  constructor(
    readonly problem: AreaProblem,
    readonly field: string,
    detail: string,
  ) {
    super(400, 'validation_failed', `${problem}: ${detail}`, [{ field, message: detail }]);
  }
}

function schemaProblem(path: string, value: unknown): AreaError {
  if (typeof value === 'number' && /^\/circles\/\d+\/radiusKm$/.test(path))
    return new AreaError('radius_out_of_range', path, `radius must be more than 0 and at most 2000 km, not ${value}`);
  if (typeof value === 'number' && /^\/circles\/\d+\/(lat|lon)$/.test(path))
    return new AreaError('coordinate_out_of_range', path, `${value} is not a valid ${path.slice(-3)}`);
  if (typeof value === 'string' && /^\/countries\/\d+$/.test(path))
    return new AreaError('unknown_country', path, `${value} is not an ISO 3166-1 alpha-2 country code`);
  if (typeof value === 'string' && /^\/regions\/\d+$/.test(path))
    return new AreaError('unknown_region', path, `${value} is not an ISO 3166-2 region code`);
  return new AreaError('invalid_shape', path || '/', 'does not have the shape of an area');
}

function samePosition(a: number[] | undefined, b: number[] | undefined): boolean {
  return a !== undefined && b !== undefined && a[0] === b[0] && a[1] === b[1];
}

function checkPolygon(polygon: PolygonGeometry, field: string): void {
  const polygons = polygon.type === 'Polygon' ? [polygon.coordinates] : polygon.coordinates;
  polygons.forEach((rings, p) => {
    const base = polygon.type === 'Polygon' ? `${field}/coordinates` : `${field}/coordinates/${p}`;
    rings.forEach((ring, r) => {
      ring.forEach((position, i) => {
        const [lon = Number.NaN, lat = Number.NaN] = position;
        if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90))
          throw new AreaError(
            'coordinate_out_of_range',
            `${base}/${r}/${i}`,
            `[${position.join(', ')}] is not a [longitude, latitude] on Earth`,
          );
      });
      if (ring.length < 4)
        throw new AreaError('ring_too_short', `${base}/${r}`, `a ring needs at least 4 positions, not ${ring.length}`);
      if (!samePosition(ring[0], ring[ring.length - 1]))
        throw new AreaError('ring_not_closed', `${base}/${r}`, 'the last position must repeat the first');
    });
  });
  const crossings = kinks(polygon).features;
  const at = crossings[0]?.geometry.coordinates;
  if (at) throw new AreaError('self_intersection', field, `the polygon crosses itself at [${at.join(', ')}]`);
}

/**
 * Checks an area as a caller sent it and returns it with countries and regions deduplicated and sorted.
 * Throws AreaError for the first problem found.
 */
export function validateArea(input: unknown): Area {
  const first = Value.Errors(AreaSchema, input).First();
  if (first) throw schemaProblem(first.path, first.value);
  // Checked just above against the same schema.
  const area = input as Area;
  const countries = [...new Set(area.countries ?? [])].sort();
  const regions = [...new Set(area.regions ?? [])].sort();
  (area.countries ?? []).forEach((code, i) => {
    if (!isKnownCountry(code))
      throw new AreaError('unknown_country', `/countries/${i}`, `${code} is not an assigned ISO 3166-1 country`);
  });
  (area.regions ?? []).forEach((code, i) => {
    if (!findRegion(code))
      throw new AreaError('unknown_region', `/regions/${i}`, `${code} is not an ISO 3166-2 admin-1 region`);
  });
  const circles = area.circles ?? [];
  const polygons = area.polygons ?? [];
  polygons.forEach((polygon, i) => {
    checkPolygon(polygon, `/polygons/${i}`);
  });
  if (countries.length + regions.length + circles.length + polygons.length === 0)
    throw new AreaError('empty_area', '/', 'give at least one country, region, circle or polygon');
  return { countries, regions, circles, polygons };
}

/** The moment asked about, from an ISO 8601 date-time or a Date. */
export function validateAt(at: string | Date): Date {
  const date = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(date.getTime())) throw new AreaError('invalid_time', '/at', `${String(at)} is not a date and time`);
  return date;
}
