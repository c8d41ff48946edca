import ngeohash from 'ngeohash';

/**
 * Geohash length stored in `presences.cell` and `business_sites.cell`: 8 characters is a cell of about
 * 38 m × 19 m, finer than any city centroid and than most browsers' precise fixes.
 */
export const CELL_PRECISION = 8;

/** The geohash alphabet, in the byte order that both engines' B-tree indexes sort `cell` by. */
export const CELL_ALPHABET = '0123456789bcdefghjkmnpqrstuvwxyz';

/** The spatial index cell of a point, or null for a presence known only by its country or region. */
export function cellOf(lat: number | null, lon: number | null): string | null {
  if (lat === null || lon === null) return null;
  return ngeohash.encode(lat, lon, CELL_PRECISION);
}
