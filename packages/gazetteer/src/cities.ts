import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

export interface City {
  /** The GeoNames id: stable across data updates, so a presence can keep it. */
  id: number;
  name: string;
  country: string;
  /** ISO 3166-2 admin-1 code when the GeoNames admin-1 name matched one; null otherwise. */
  region: string | null;
  lat: number;
  lon: number;
  population: number;
}

interface CountryIndex {
  /** Rows of this country sorted by folded name, then by population descending. */
  rows: number[];
  keys: string[];
}

interface Table {
  cities: City[];
  byId: Map<number, number>;
  byCountry: Map<string, CountryIndex>;
}

let table: Table | undefined;

/** Case and accent folding, so "sao" finds "São Paulo" and "MUNCHEN" finds "München". */
export function foldName(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

// Loaded on first use (about 135,000 cities, ~40 MB of heap) and kept: the picker asks many times.
function load(): Table {
  if (table) return table;
  const text = gunzipSync(readFileSync(new URL('../data/cities.tsv.gz', import.meta.url))).toString('utf8');
  const cities: City[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    const [id, name, country, region, lat, lon, population] = line.split('\t');
    if (!id || name === undefined || !country) continue;
    cities.push({
      id: Number(id),
      name,
      country,
      region: region || null,
      lat: Number(lat),
      lon: Number(lon),
      population: Number(population),
    });
  }
  const byId = new Map<number, number>();
  const grouped = new Map<string, number[]>();
  cities.forEach((city, row) => {
    byId.set(city.id, row);
    const rows = grouped.get(city.country) ?? [];
    rows.push(row);
    grouped.set(city.country, rows);
  });
  const byCountry = new Map<string, CountryIndex>();
  for (const [country, rows] of grouped) {
    const keyed = rows.map((row) => ({ row, key: foldName(cities[row]?.name ?? '') }));
    keyed.sort((a, b) =>
      a.key < b.key ? -1 : a.key > b.key ? 1 : (cities[b.row]?.population ?? 0) - (cities[a.row]?.population ?? 0),
    );
    byCountry.set(country, { rows: keyed.map((k) => k.row), keys: keyed.map((k) => k.key) });
  }
  table = { cities, byId, byCountry };
  return table;
}

/** The city with this GeoNames id, if the gazetteer has it. */
export function findCity(id: number): City | undefined {
  const { cities, byId } = load();
  const row = byId.get(id);
  return row === undefined ? undefined : cities[row];
}

/**
 * Cities of one country whose name starts with `prefix` (case and accents ignored), the most populous first,
 * at most `limit`. An empty prefix lists the country's largest cities.
 */
export function searchCities(country: string, prefix: string, limit = 20): City[] {
  const { cities, byCountry } = load();
  const index = byCountry.get(country);
  if (!index) return [];
  const folded = foldName(prefix.trim());
  let lo = 0;
  let hi = index.keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((index.keys[mid] ?? '') < folded) lo = mid + 1;
    else hi = mid;
  }
  const found: City[] = [];
  for (let i = lo; i < index.keys.length && (index.keys[i] ?? '').startsWith(folded); i++) {
    const city = cities[index.rows[i] ?? -1];
    if (city) found.push(city);
  }
  return found.sort((a, b) => b.population - a.population).slice(0, limit);
}

// One-degree cells of latitude and longitude → rows of the cities in them, built on the first nearest-city lookup.
let grid: Map<number, number[]> | undefined;
const cellOf = (lat: number, lon: number) => (Math.floor(lat) + 90) * 360 + ((Math.floor(lon) + 540) % 360);

function cityGrid(): Map<number, number[]> {
  if (grid) return grid;
  const { cities } = load();
  grid = new Map();
  cities.forEach((city, row) => {
    const key = cellOf(city.lat, city.lon);
    const rows = grid?.get(key) ?? [];
    rows.push(row);
    grid?.set(key, rows);
  });
  return grid;
}

function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const h =
    Math.sin(((lat2 - lat1) * r) / 2) ** 2 +
    Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The city nearest to a point, if one lies within `maxKm` (default 100 km): an offline answer to "which country
 * is this?" that is right away from borders and, near one, as right as the 135,000 cities with at least 1,000
 * people make it (each border point is decided by the nearer town). Open sea and empty land answer undefined.
 */
export function nearestCity(lat: number, lon: number, maxKm = 100): City | undefined {
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || lat < -90 || lat > 90 || lon < -180 || lon > 180) return;
  const { cities } = load();
  const cells = cityGrid();
  // Degrees to search: maxKm of latitude, and of longitude at the highest latitude searched (near a pole, all).
  const dLat = Math.ceil(maxKm / 111) + 1;
  const cos = Math.cos((Math.min(89, Math.abs(lat) + dLat) * Math.PI) / 180);
  const dLon = Math.min(180, Math.ceil(maxKm / (111 * cos)) + 1);
  let best: City | undefined;
  let bestKm = maxKm;
  for (let y = Math.floor(lat) - dLat; y <= Math.floor(lat) + dLat; y++) {
    if (y < -90 || y > 89) continue;
    for (let x = Math.floor(lon) - dLon; x <= Math.floor(lon) + dLon; x++) {
      for (const row of cells.get(cellOf(y, x)) ?? []) {
        const city = cities[row];
        if (!city) continue;
        const km = distanceKm(lat, lon, city.lat, city.lon);
        if (km <= bestKm) {
          best = city;
          bestKm = km;
        }
      }
    }
  }
  return best;
}
