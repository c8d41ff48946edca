import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { describeEachDialect } from '../../../test/support/db.ts';
import type { App } from '../../http/app-types.ts';

// The pickers read only the gazetteer package, but run through the full app (policy gate, schemas).
describeEachDialect('places: region and city pickers', (getDb) => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp(getDb(), { seed: false });
  });
  afterAll(async () => {
    await app.close();
  });

  it('finds cities by prefix, accents and case ignored, most populous first, for anyone', async () => {
    const response = await app.inject('/api/v1/places/cities?country=FR&q=LY&limit=2');
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=86400');
    expect(response.json().items).toEqual([
      {
        id: 2996944,
        name: 'Lyon',
        asciiName: 'Lyon',
        regionCode: 'FR-ARA',
        regionName: expect.any(String),
        lat: 45.74846,
        lon: 4.84671,
        population: 472317,
      },
      expect.objectContaining({ name: 'Lys-lez-Lannoy' }),
    ]);
    const sao = (await app.inject('/api/v1/places/cities?country=BR&q=sao%20p&limit=1')).json().items[0];
    expect(sao).toMatchObject({ name: 'São Paulo', asciiName: 'Sao Paulo', regionCode: 'BR-SP' });
  });

  it('lists the largest cities without a prefix, 10 by default', async () => {
    const items = (await app.inject('/api/v1/places/cities?country=JP')).json().items;
    expect(items).toHaveLength(10);
    expect(items[0].name).toBe('Tokyo');
  });

  it('lists a country’s admin-1 regions by code', async () => {
    const response = await app.inject('/api/v1/places/regions?country=US');
    expect(response.statusCode).toBe(200);
    const items = response.json().items;
    expect(items).toContainEqual({ code: 'US-DC', name: 'District of Columbia' });
    expect(items.map((r: { code: string }) => r.code)).toEqual([...items.map((r: { code: string }) => r.code)].sort());
  });

  it('refuses an unknown country with 422 and a malformed one with 400', async () => {
    for (const url of ['/api/v1/places/cities?country=XX', '/api/v1/places/regions?country=XX']) {
      const response = await app.inject({ url, headers: { 'accept-language': 'en' } });
      expect(response.statusCode).toBe(422);
      expect(response.json()).toMatchObject({ code: 'country_unknown', title: 'There is no such country or area' });
    }
    for (const query of ['country=fra', 'country=fr', '', 'country=FR&limit=0', 'country=FR&limit=51']) {
      expect((await app.inject(`/api/v1/places/cities?${query}`)).statusCode, query).toBe(400);
    }
  });
});
