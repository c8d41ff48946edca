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
