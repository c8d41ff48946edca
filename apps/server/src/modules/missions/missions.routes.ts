import { MissionBodySchema, MissionPageSchema, MissionSchema } from '@homeward/shared';
import { Type } from '@sinclair/typebox';
import type { App } from '../../http/app-types.ts';
import { auditSource } from '../../http/audit-source.ts';
import { localeOf } from '../../http/problem.ts';
import { PUBLIC, rolesOnly } from '../../policy/route-policy.ts';
import { getMission, saveMission, searchMissions } from './missions.service.ts';

const MissionCode = Type.Object({ code: Type.String({ pattern: '^[A-Za-z]{2}-[A-Za-z]{3}$' }) });
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
        params: MissionCode,
        response: { 200: MissionSchema },
      },
    },
    async (request) => getMission(app.ctx.db, request.params.code),
  );

  app.put(
    '/api/v1/missions/:code',
    {
      config: { policy: rolesOnly('hq_admin') },
      schema: {
        tags: ['missions'],
        summary: 'Create a mission or change its details and consular district (HQ administrators, with a reason)',
        params: MissionCode,
        body: MissionBodySchema,
        response: { 200: MissionSchema, 201: MissionSchema },
      },
    },
    async (request, reply) => {
      const { created, mission } = await saveMission(
        app.ctx.db,
        auditSource(request),
        request.params.code,
        request.body,
      );
      return reply.code(created ? 201 : 200).send(mission);
    },
  );
}
