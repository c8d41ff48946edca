import { iso31661, iso31662 } from 'iso-3166';

export interface Region {
  /** ISO 3166-2 code, e.g. `CN-BJ`. */
  code: string;
  /** ISO 3166-1 alpha-2 code of the country, e.g. `CN`. */
  country: string;
  /** The name ISO 3166-2 gives, in the region's own romanization (`Beijing Shi`). */
  name: string;
}

let regionsByCode: Map<string, Region> | undefined;
let regionsByCountry: Map<string, Region[]> | undefined;
let countries: Set<string> | undefined;

// Only admin-1 regions: a subdivision whose parent is the country itself, which is what a presence records.
function load(): { byCode: Map<string, Region>; byCountry: Map<string, Region[]> } {
  if (!regionsByCode || !regionsByCountry) {
    regionsByCode = new Map();
    regionsByCountry = new Map();
    for (const entry of iso31662) {
      if (entry.parent.length !== 2) continue;
      const region = { code: entry.code, country: entry.parent, name: entry.name };
      regionsByCode.set(region.code, region);
      const list = regionsByCountry.get(region.country) ?? [];
      list.push(region);
      regionsByCountry.set(region.country, list);
    }
  }
  return { byCode: regionsByCode, byCountry: regionsByCountry };
}

/** True for an assigned ISO 3166-1 alpha-2 code (upper case). */
export function isKnownCountry(code: string): boolean {
  countries ??= new Set(iso31661.filter((c) => c.state === 'assigned').map((c) => c.alpha2));
  return countries.has(code);
}

/** The admin-1 region with this ISO 3166-2 code (upper case), if ISO lists it. */
export function findRegion(code: string): Region | undefined {
  return load().byCode.get(code);
}

/** The admin-1 regions of a country, in ISO's order (by code). */
export function listRegions(country: string): readonly Region[] {
  return load().byCountry.get(country) ?? [];
}
