import { type CellRange, coverShape, inCircle, inPolygon, toRanges } from './targeting.geometry.ts';
import type { Located, ScanSource } from './targeting.repo.ts';
import type { Area } from './targeting.schema.ts';

// Total geohash prefixes for all circles and polygons of one area: enough to keep candidates close to the
// shapes, few enough that walking the ranges costs little.
const COVER_BUDGET = 1024;

/** A validated area, prepared for the engine: sets for the exact test and the index ranges to walk. */
export interface CompiledArea {
  area: Area;
  countries: ReadonlySet<string>;
  regions: ReadonlySet<string>;
  /** Geohash prefixes covering every circle and polygon. */
  cover: ReadonlySet<string>;
  /** What to scan, in this order: countries, then regions, then cell ranges. */
  sources: ScanSource[];
  /** Countries whose subscribers are reached: those named, and those of the regions named. */
  subscriptionCountries: string[];
}

export function compileArea(area: Area): CompiledArea {
  const countries = [...new Set(area.countries ?? [])].sort();
  const regions = [...new Set(area.regions ?? [])].sort();
  const shapes = [
    ...(area.circles ?? []).map((circle) => ({ kind: 'circle' as const, circle })),
    ...(area.polygons ?? []).map((polygon) => ({ kind: 'polygon' as const, polygon })),
  ];
  const budget = Math.max(64, Math.floor(COVER_BUDGET / Math.max(1, shapes.length)));
  const cover = new Set(shapes.flatMap((shape) => coverShape(shape, budget)));
  const ranges: CellRange[] = toRanges(cover);
  return {
    area,
    countries: new Set(countries),
    regions: new Set(regions),
    cover,
    sources: [
      ...countries.map((code) => ({ kind: 'country' as const, code })),
      ...regions.map((code) => ({ kind: 'region' as const, code })),
      ...ranges.map((range) => ({ kind: 'cells' as const, range })),
    ],
    subscriptionCountries: [...new Set([...countries, ...regions.map((r) => r.slice(0, 2))])].sort(),
  };
}

/** The exact test: is this place in any part of the area? */
export function containsPlace(compiled: CompiledArea, place: Located): boolean {
  if (compiled.countries.has(place.countryCode)) return true;
  if (place.regionCode !== null && compiled.regions.has(place.regionCode)) return true;
  return inShapes(compiled, place.lat, place.lon);
}

/** The exact test for the circles and polygons of the area alone. */
export function inShapes(compiled: CompiledArea, lat: number | null, lon: number | null): boolean {
  if (lat === null || lon === null) return false;
  const { circles = [], polygons = [] } = compiled.area;
  return circles.some((c) => inCircle(c, lat, lon)) || polygons.some((p) => inPolygon(p, lat, lon));
}

function inCover(cover: ReadonlySet<string>, cell: string | null): boolean {
  if (cell === null) return false;
  for (let length = 1; length <= cell.length; length++) if (cover.has(cell.slice(0, length))) return true;
  return false;
}

/**
 * The first kind of source whose scan meets this place. A place in several parts of the area (its country and
 * a polygon) is met by several scans; only the first one counts it, so nobody is reached twice.
 */
export function firstSourceKind(compiled: CompiledArea, place: Located): ScanSource['kind'] | null {
  if (compiled.countries.has(place.countryCode)) return 'country';
  if (place.regionCode !== null && compiled.regions.has(place.regionCode)) return 'region';
  return inCover(compiled.cover, place.cell) ? 'cells' : null;
}
