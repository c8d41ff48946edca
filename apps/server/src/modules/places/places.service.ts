import { findRegion, isKnownCountry, listRegions, searchCities } from '@homeward/gazetteer';
import type { Locale, PlaceCity, PlaceRegion } from '@homeward/shared';
import { fieldProblem } from '../registry/registry.fields.ts';

// The public pickers behind a presence form: admin-1 regions (ISO 3166-2) and cities (GeoNames) from the
// offline gazetteer package; nothing is read from the database.

function checkCountry(country: string, locale: Locale): void {
  if (!isKnownCountry(country)) {
    throw fieldProblem(422, 'country_unknown', '/query/country', locale, `unknown country ${country}`);
  }
}

/** A country's cities whose name starts with `q` (case and accents ignored), the most populous first. */
export function findCities(country: string, q: string, limit: number, locale: Locale): PlaceCity[] {
  checkCountry(country, locale);
  return searchCities(country, q, limit).map((city) => ({
    id: city.id,
    name: city.name,
    asciiName: city.name.normalize('NFD').replace(/\p{M}/gu, ''),
    regionCode: city.region,
    regionName: city.region ? (findRegion(city.region)?.name ?? null) : null,
    lat: city.lat,
    lon: city.lon,
    population: city.population,
  }));
}

/** A country's admin-1 regions, by code. */
export function findRegions(country: string, locale: Locale): PlaceRegion[] {
  checkCountry(country, locale);
  return listRegions(country).map((r) => ({ code: r.code, name: r.name }));
}
