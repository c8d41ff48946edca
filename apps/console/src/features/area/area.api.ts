import type { Country, PlaceCity, PlaceRegion } from '@homeward/shared';
import { postJson } from '../../lib/api.client.ts';

// "Who is in this area?" (issue 4): the targeting engine's live count, as the alert composer will show it.
// The server answers an aggregate only (a total and a count per reason), never who the people are.

export type { Country, PlaceCity, PlaceRegion };

export const COUNTRIES_PATH = '/api/v1/countries';
export const regionsPath = (country: string) => `/api/v1/places/regions?country=${encodeURIComponent(country)}`;
export const citiesPath = (country: string, q: string) =>
  `/api/v1/places/cities?country=${encodeURIComponent(country)}&q=${encodeURIComponent(q)}&limit=8`;

export interface AreaCircle {
  lat: number;
  lon: number;
  radiusKm: number;
}

/** A GeoJSON Polygon or MultiPolygon, as pasted; the server checks it (closed, not crossing itself). */
export interface AreaPolygon {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: unknown;
}

export interface Area {
  countries?: string[];
  regions?: string[];
  circles?: AreaCircle[];
  polygons?: AreaPolygon[];
}

export interface AreaCount {
  total: number;
  byReason: { present: number; siteStaff: number; subscriber: number };
  at: string;
}

export function countArea(area: Area, at: string): Promise<AreaCount> {
  return postJson<AreaCount>('/api/v1/targeting/count', { area, at });
}

/**
 * The polygons in pasted GeoJSON: a Polygon or MultiPolygon geometry, a Feature holding one, or a
 * FeatureCollection of them. Null when the text is not JSON or holds no polygon; the server checks the rest.
 */
export function polygonsFromGeoJson(text: string): AreaPolygon[] | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const out: AreaPolygon[] = [];
  const visit = (node: unknown): boolean => {
    if (typeof node !== 'object' || node === null) return false;
    const { type } = node as { type?: unknown };
    if (type === 'Polygon' || type === 'MultiPolygon') {
      out.push({ type, coordinates: (node as { coordinates?: unknown }).coordinates });
      return true;
    }
    if (type === 'Feature') return visit((node as { geometry?: unknown }).geometry);
    if (type === 'FeatureCollection') {
      const features = (node as { features?: unknown }).features;
      return Array.isArray(features) && features.length > 0 && features.every(visit);
    }
    return false;
  };
  return visit(value) && out.length > 0 ? out : null;
}
