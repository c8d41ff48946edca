import { MissionPageSchema, MissionSchema } from '@homeward/shared';
import { Type } from '@sinclair/typebox';
import type { App } from '../../http/app-types.ts';
import { localeOf } from '../../http/problem.ts';
import { PUBLIC } from '../../policy/route-policy.ts';
import { getMission, searchMissions } from './missions.service.ts';

const CountryCode = Type.String({ pattern: '^[A-Za-z]{2}$', description: 'ISO 3166-1 alpha-2' });

export async function missionsRoutes(app: App): Promise<void> {
  app.get(
    '/api/v1/missions',
    {
      config: { policy: PUBLIC },
      schema: {
        tags: ['missions'],
        summary: 'List missions, or those whose consular district covers a country',
        querystring: Type.Object(
          {
            country: Type.Optional(CountryCode),
            q: Type.Optional(Type.String({ maxLength: 100 })),
            sort: Type.Optional(Type.Union([Type.Literal('name'), Type.Literal('country'), Type.Literal('city')])),
            page: Type.Integer({ minimum: 1, maximum: 10_000, default: 1 }),
            pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: MissionPageSchema },
      },
    },
    async (request) => searchMissions(app.ctx.db, request.query, localeOf(request)),
  );

  app.get(
    '/api/v1/missions/:code',
    {
      config: { policy: PUBLIC },
      schema: {
        tags: ['missions'],
        summary: 'One mission and its consular district',
        params: Type.Object({ code: Type.String({ pattern: '^[A-Za-z]{2}-[A-Za-z]{3}$' }) }),
        response: { 200: MissionSchema },
      },
    },
    async (request) => getMission(app.ctx.db, request.params.code),
  );
}
