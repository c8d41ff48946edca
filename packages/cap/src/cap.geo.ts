import { CapError } from './cap.error.ts';
import type { CapArea, CapValuePair } from './cap.schema.ts';
import { parseCircleText, parsePolygonText } from './cap.values.ts';

// CAP writes "lat,lon"; GeoJSON (RFC 7946) writes [lon, lat]. Everything here returns GeoJSON order.

export type Position = [lon: number, lat: number];

export interface CapCircle {
  center: Position;
  radiusKm: number;
}

export type CapGeometry = { type: 'Polygon'; coordinates: Position[][] } | { type: 'Point'; coordinates: Position };

/** A GeoJSON Feature for one CAP `<area>`; circles are also kept exactly in `properties.circles`. */
export interface CapAreaFeature {
  type: 'Feature';
  geometry: { type: 'GeometryCollection'; geometries: CapGeometry[] } | null;
  properties: {
    areaDesc: string;
    circles: CapCircle[];
    geocode: CapValuePair[];
    altitude?: number;
    ceiling?: number;
  };
}

/** Mean Earth radius (IUGG), km: good to well under 1 % for alert-sized circles. */
const EARTH_RADIUS_KM = 6371.0088;

/** Parses a CAP polygon string into a closed GeoJSON ring. Throws CapError `rule` when it breaks the spec. */
export function parseCapPolygon(polygon: string): Position[] {
  const points = parsePolygonText(polygon);
  if (typeof points === 'string') throw new CapError('rule', points);
  return points.map((p) => [p.lon, p.lat]);
}

/** Parses a CAP circle string ("lat,lon radius_km"). Throws CapError `rule` when malformed. */
export function parseCapCircle(circle: string): CapCircle {
  const parsed = parseCircleText(circle);
  if (typeof parsed === 'string') throw new CapError('rule', parsed);
  return { center: [parsed.center.lon, parsed.center.lat], radiusKm: parsed.radiusKm };
}

/**
 * Approximates a circle by a closed ring of `segments` points on the sphere, for point-in-polygon targeting.
 * Longitudes are wrapped to -180..180, so a circle across the antimeridian yields a ring that crosses it.
 */
export function capCircleToPolygon(circle: CapCircle, segments = 32): Position[] {
  const [lon0, lat0] = circle.center;
  const phi1 = toRad(lat0);
  const lambda1 = toRad(lon0);
  const delta = circle.radiusKm / EARTH_RADIUS_KM;
  const ring: Position[] = [];
  for (let i = 0; i < segments; i++) {
    const bearing = (2 * Math.PI * i) / segments;
    const phi2 = Math.asin(Math.sin(phi1) * Math.cos(delta) + Math.cos(phi1) * Math.sin(delta) * Math.cos(bearing));
    const lambda2 =
      lambda1 +
      Math.atan2(
        Math.sin(bearing) * Math.sin(delta) * Math.cos(phi1),
        Math.cos(delta) - Math.sin(phi1) * Math.sin(phi2),
      );
    ring.push([wrapLon(toDeg(lambda2)), toDeg(phi2)]);
  }
  const start = ring[0];
  if (start) ring.push([start[0], start[1]]);
  return ring;
}

/**
 * Turns a CAP area into a GeoJSON Feature: each polygon as a Polygon, each circle as an approximating Polygon
 * (or a Point when the radius is 0, as in spec example A.3). Geocode-only areas get a null geometry; matching
 * geocodes to shapes is the caller's business (they need a gazetteer).
 */
export function capAreaToFeature(area: CapArea, circleSegments = 32): CapAreaFeature {
  const circles = area.circle.map(parseCapCircle);
  const geometries: CapGeometry[] = [
    ...area.polygon.map((p): CapGeometry => ({ type: 'Polygon', coordinates: [parseCapPolygon(p)] })),
    ...circles.map(
      (c): CapGeometry =>
        c.radiusKm === 0
          ? { type: 'Point', coordinates: c.center }
          : { type: 'Polygon', coordinates: [capCircleToPolygon(c, circleSegments)] },
    ),
  ];
  return {
    type: 'Feature',
    geometry: geometries.length > 0 ? { type: 'GeometryCollection', geometries } : null,
    properties: {
      areaDesc: area.areaDesc,
      circles,
      geocode: area.geocode,
      ...(area.altitude === undefined ? {} : { altitude: area.altitude }),
      ...(area.ceiling === undefined ? {} : { ceiling: area.ceiling }),
    },
  };
}

function toRad(deg: number): number {
  return (deg * Math.PI) / 180;
}

function toDeg(rad: number): number {
  return (rad * 180) / Math.PI;
}

function wrapLon(lon: number): number {
  return ((((lon + 180) % 360) + 360) % 360) - 180;
}
