import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import ngeohash from 'ngeohash';
import { CELL_ALPHABET, CELL_PRECISION } from '../registry/registry.cell.ts';
import type { Circle, PolygonGeometry } from './targeting.schema.ts';

/** Mean Earth radius (IUGG), the one haversine and the circle covers both use. */
export const EARTH_RADIUS_KM = 6371.0088;

const RAD = Math.PI / 180;
// Cell rectangles are widened by this much (degrees) before the conservative tests, so that a point on a
// cell edge and on the area's boundary is never lost to rounding.
const SLACK = 1e-9;

export interface Rect {
  minLat: number;
  minLon: number;
  maxLat: number;
  maxLon: number;
}

/** Great-circle distance in kilometres. */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function inCircle(circle: Circle, lat: number, lon: number): boolean {
  return haversineKm(circle.lat, circle.lon, lat, lon) <= circle.radiusKm;
}

/** Exact test; a point on the boundary is inside. Coordinates are read as planar lon/lat, as GeoJSON says. */
export function inPolygon(polygon: PolygonGeometry, lat: number, lon: number): boolean {
  return booleanPointInPolygon([lon, lat], polygon);
}

function wrapDegrees(d: number): number {
  const w = ((((d + 180) % 360) + 360) % 360) - 180;
  return w === -180 ? 180 : w;
}

/**
 * A lower bound of the distance from the centre to any point of the rectangle: 0 inside; otherwise the
 * nearest point is on a bounding meridian (along a parallel, the nearest longitude is an edge), and along a
 * meridian the distance is unimodal in latitude, so the stationary latitude clamped to the edge is the nearest.
 */
export function distanceToRectKm(lat: number, lon: number, rect: Rect): number {
  const inLat = lat >= rect.minLat && lat <= rect.maxLat;
  const inLon = lon >= rect.minLon && lon <= rect.maxLon;
  if (inLon) {
    if (inLat) return 0;
    return haversineKm(lat, lon, Math.min(Math.max(lat, rect.minLat), rect.maxLat), lon);
  }
  let best = Number.POSITIVE_INFINITY;
  for (const edge of [rect.minLon, rect.maxLon]) {
    const dLon = wrapDegrees(lon - edge) * RAD;
    const stationary = Math.atan2(Math.sin(lat * RAD), Math.cos(lat * RAD) * Math.cos(dLon)) / RAD;
    const nearest = Math.min(Math.max(stationary, rect.minLat), rect.maxLat);
    best = Math.min(best, haversineKm(lat, lon, nearest, edge));
  }
  return best;
}

function widen(rect: Rect): Rect {
  return {
    minLat: rect.minLat - SLACK,
    minLon: rect.minLon - SLACK,
    maxLat: rect.maxLat + SLACK,
    maxLon: rect.maxLon + SLACK,
  };
}

function segmentsCross(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
  dx: number,
  dy: number,
): boolean {
  const d1 = (dx - cx) * (ay - cy) - (dy - cy) * (ax - cx);
  const d2 = (dx - cx) * (by - cy) - (dy - cy) * (bx - cx);
  const d3 = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  const d4 = (bx - ax) * (dy - ay) - (by - ay) * (dx - ax);
  return ((d1 >= 0 && d2 <= 0) || (d1 <= 0 && d2 >= 0)) && ((d3 >= 0 && d4 <= 0) || (d3 <= 0 && d4 >= 0));
}

function rings(polygon: PolygonGeometry): number[][][] {
  return polygon.type === 'Polygon' ? polygon.coordinates : polygon.coordinates.flat();
}

function edgeCrossesRect(polygon: PolygonGeometry, r: Rect): boolean {
  const sides: [number, number, number, number][] = [
    [r.minLon, r.minLat, r.maxLon, r.minLat],
    [r.maxLon, r.minLat, r.maxLon, r.maxLat],
    [r.maxLon, r.maxLat, r.minLon, r.maxLat],
    [r.minLon, r.maxLat, r.minLon, r.minLat],
  ];
  for (const ring of rings(polygon)) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const [ax = 0, ay = 0] = ring[i] ?? [];
      const [bx = 0, by = 0] = ring[i + 1] ?? [];
      if (Math.max(ax, bx) < r.minLon || Math.min(ax, bx) > r.maxLon) continue;
      if (Math.max(ay, by) < r.minLat || Math.min(ay, by) > r.maxLat) continue;
      for (const [cx, cy, dx, dy] of sides) if (segmentsCross(ax, ay, bx, by, cx, cy, dx, dy)) return true;
      // A segment wholly inside the rectangle crosses no side.
      if (ax >= r.minLon && ax <= r.maxLon && ay >= r.minLat && ay <= r.maxLat) return true;
    }
  }
  return false;
}

function corners(r: Rect): [number, number][] {
  return [
    [r.minLat, r.minLon],
    [r.minLat, r.maxLon],
    [r.maxLat, r.minLon],
    [r.maxLat, r.maxLon],
  ];
}

/** How a shape meets a cell: not at all, partly (refine further), or wholly (no need to refine). */
type Overlap = 'none' | 'partial' | 'full';

function circleOverlap(circle: Circle, cell: Rect): Overlap {
  const r = widen(cell);
  if (distanceToRectKm(circle.lat, circle.lon, r) > circle.radiusKm) return 'none';
  // Corners and the middle of each side inside: good enough to stop refining (the exact test still runs).
  const midLat = (r.minLat + r.maxLat) / 2;
  const midLon = (r.minLon + r.maxLon) / 2;
  const probes: [number, number][] = [
    ...corners(r),
    [r.minLat, midLon],
    [r.maxLat, midLon],
    [midLat, r.minLon],
    [midLat, r.maxLon],
  ];
  return probes.every(([lat, lon]) => inCircle(circle, lat, lon)) ? 'full' : 'partial';
}

function bboxOf(polygon: PolygonGeometry): Rect {
  const box = { minLat: 90, minLon: 180, maxLat: -90, maxLon: -180 };
  for (const ring of rings(polygon))
    for (const [lon = 0, lat = 0] of ring) {
      box.minLat = Math.min(box.minLat, lat);
      box.maxLat = Math.max(box.maxLat, lat);
      box.minLon = Math.min(box.minLon, lon);
      box.maxLon = Math.max(box.maxLon, lon);
    }
  return box;
}

function polygonOverlap(polygon: PolygonGeometry, box: Rect, cell: Rect): Overlap {
  const r = widen(cell);
  if (r.maxLat < box.minLat || r.minLat > box.maxLat || r.maxLon < box.minLon || r.minLon > box.maxLon) return 'none';
  if (edgeCrossesRect(polygon, r)) return 'partial';
  // No edge meets the cell, so the cell is wholly inside or wholly outside: one corner tells which.
  return inPolygon(polygon, r.minLat, r.minLon) ? 'full' : 'none';
}

export type Shape = { kind: 'circle'; circle: Circle } | { kind: 'polygon'; polygon: PolygonGeometry };

function overlapOf(shape: Shape): (rect: Rect) => Overlap {
  if (shape.kind === 'circle') return (rect) => circleOverlap(shape.circle, rect);
  const box = bboxOf(shape.polygon);
  return (rect) => polygonOverlap(shape.polygon, box, rect);
}

function rectOf(hash: string): Rect {
  const [minLat, minLon, maxLat, maxLon] = ngeohash.decode_bbox(hash);
  return { minLat, minLon, maxLat, maxLon };
}

/**
 * Geohash prefixes whose cells together contain every point of the shape: refined level by level from the
 * 32 world cells, splitting only cells the boundary crosses, while the count stays within `budget`.
 */
export function coverShape(shape: Shape, budget = 512): string[] {
  const overlap = overlapOf(shape);
  const children = (hash: string) => [...CELL_ALPHABET].map((c) => hash + c);
  // Sorts cells into wholly and partly covered; gives up (false) as soon as there are more than the budget.
  const classify = (hashes: string[], full: string[], partial: string[]): boolean => {
    for (const hash of hashes) {
      const o = overlap(rectOf(hash));
      if (o === 'full') full.push(hash);
      else if (o === 'partial') partial.push(hash);
      if (full.length + partial.length > budget) return false;
    }
    return true;
  };
  let full: string[] = [];
  let partial: string[] = [];
  classify(children(''), full, partial);
  while (partial.length > 0 && (partial[0]?.length ?? CELL_PRECISION) < CELL_PRECISION) {
    const nextFull = [...full];
    const nextPartial: string[] = [];
    if (!classify(partial.flatMap(children), nextFull, nextPartial)) break;
    full = nextFull;
    partial = nextPartial;
  }
  return [...full, ...partial].sort();
}

/** A half-open range of `cell` values: lo ≤ cell < hi (hi null: no upper bound). */
export interface CellRange {
  lo: string;
  hi: string | null;
}

/** The smallest string above every string that starts with `prefix`, in the geohash alphabet. */
function successor(prefix: string): string | null {
  for (let i = prefix.length - 1; i >= 0; i--) {
    const at = CELL_ALPHABET.indexOf(prefix[i] ?? '');
    const next = CELL_ALPHABET[at + 1];
    if (next) return prefix.slice(0, i) + next;
  }
  return null;
}

/** Drops prefixes inside a shorter one, then joins neighbours into as few index ranges as possible. */
export function toRanges(prefixes: Iterable<string>): CellRange[] {
  const sorted = [...new Set(prefixes)].sort();
  const kept: string[] = [];
  for (const prefix of sorted) {
    const last = kept[kept.length - 1];
    if (last !== undefined && prefix.startsWith(last)) continue;
    kept.push(prefix);
  }
  const ranges: CellRange[] = [];
  for (const prefix of kept) {
    const last = ranges[ranges.length - 1];
    const hi = successor(prefix);
    if (last && last.hi === prefix) last.hi = hi;
    else ranges.push({ lo: prefix, hi });
  }
  return ranges;
}
