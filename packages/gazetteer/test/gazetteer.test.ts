import { describe, expect, it } from 'vitest';
import { findCity, findRegion, isKnownCountry, listRegions, searchCities } from '../src/index.ts';

describe('gazetteer', () => {
  it('finds a city by its GeoNames id with coordinates and its ISO 3166-2 region', () => {
    const beijing = findCity(1816670);
    expect(beijing).toMatchObject({ name: 'Beijing', country: 'CN', region: 'CN-BJ' });
    expect(beijing?.lat).toBeCloseTo(39.9075, 3);
    expect(beijing?.lon).toBeCloseTo(116.39723, 3);
    expect(findCity(-1)).toBeUndefined();
  });

  it('searches by name prefix within one country, ignoring case and accents, most populous first', () => {
    const sao = searchCities('BR', 'sao p', 5);
    expect(sao[0]?.name).toBe('São Paulo');
    expect(sao.every((c) => c.country === 'BR')).toBe(true);
    const paris = searchCities('FR', 'PARIS', 3);
    expect(paris[0]).toMatchObject({ name: 'Paris', region: 'FR-IDF' });
    expect(searchCities('FR', 'zzzzzz')).toEqual([]);
    expect(searchCities('XX', 'a')).toEqual([]);
    const largest = searchCities('JP', '', 3);
    expect(largest).toHaveLength(3);
    expect(largest[0]?.population).toBeGreaterThanOrEqual(largest[1]?.population ?? 0);
  });

  it('validates countries and admin-1 regions against ISO 3166', () => {
    expect(isKnownCountry('CN')).toBe(true);
    expect(isKnownCountry('XX')).toBe(false);
    expect(findRegion('US-NY')).toEqual({ code: 'US-NY', country: 'US', name: 'New York' });
    expect(findRegion('US-XX')).toBeUndefined();
    // A department of France is a subdivision of a region, not an admin-1 region.
    expect(findRegion('FR-75')).toBeUndefined();
    expect(listRegions('CN').map((r) => r.code)).toContain('CN-GD');
  });
});
