import { CountryCodeSchema, PlaceCitySchema, PlaceRegionSchema } from '@homeward/shared';
import { Type } from '@sinclair/typebox';
import type { App } from '../../http/app-types.ts';
import { localeOf } from '../../http/problem.ts';
import { PUBLIC } from '../../policy/route-policy.ts';
import { findCities, findRegions } from './places.service.ts';

// Reference data that changes with a release, not a request: let browsers and proxies keep it a day.
const CACHE = 'public, max-age=86400';

export async function placesRoutes(app: App): Promise<void> {
  app.get(
    '/api/v1/places/cities',
    {
      config: { policy: PUBLIC },
      schema: {
        tags: ['places'],
        summary: 'Cities of a country from the offline gazetteer, by name prefix, most populous first',
        querystring: Type.Object(
          {
            country: CountryCodeSchema,
            q: Type.String({ maxLength: 100, default: '' }),
            limit: Type.Integer({ minimum: 1, maximum: 50, default: 10 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(PlaceCitySchema) }) },
      },
    },
    async (request, reply) => {
      const { country, q, limit } = request.query;
      const items = findCities(country, q, limit, localeOf(request));
      reply.header('cache-control', CACHE);
      return { items };
    },
  );

  app.get(
    '/api/v1/places/regions',
    {
      config: { policy: PUBLIC },
      schema: {
        tags: ['places'],
        summary: 'Admin-1 regions (ISO 3166-2) of a country',
        querystring: Type.Object({ country: CountryCodeSchema }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(PlaceRegionSchema) }) },
      },
    },
    async (request, reply) => {
      const items = findRegions(request.query.country, localeOf(request));
      reply.header('cache-control', CACHE);
      return { items };
    },
  );
}
