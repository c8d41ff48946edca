import { CasePageSchema, CaseSchema, CaseStatusSchema, OpenCaseBodySchema } from '@homeward/shared';
import { Type } from '@sinclair/typebox';
import type { App } from '../../http/app-types.ts';
import { auditSource } from '../../http/audit-source.ts';
import { type Actor, actorOf } from '../../policy/actor.ts';
import { SIGNED_IN } from '../../policy/route-policy.ts';
import { openCase, searchCases, viewCase } from './cases.service.ts';

// The SIGNED_IN gate ran before the handler, so there is an actor; record-level rules are in cases.policy.ts.
const signedIn = (user: Parameters<typeof actorOf>[0]): Actor => actorOf(user) as Actor;

export async function casesRoutes(app: App): Promise<void> {
  app.get(
    '/api/v1/cases',
    {
      config: { policy: SIGNED_IN },
      schema: {
        tags: ['cases'],
        summary: 'Cases the caller may see: all (HQ, hotline), their missions (mission staff), or their own (citizen)',
        querystring: Type.Object(
          {
            status: Type.Optional(CaseStatusSchema),
            missionCode: Type.Optional(Type.String({ pattern: '^[A-Z]{2}-[A-Z]{3}$' })),
            page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }),
            pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: CasePageSchema },
      },
    },
    async (request) => searchCases(app.ctx.db, signedIn(request.user), request.query),
  );

  app.get(
    '/api/v1/cases/:id',
    {
      config: { policy: SIGNED_IN },
      schema: {
        tags: ['cases'],
        summary: 'One case; 404 when it does not exist or is outside the caller’s scope',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: CaseSchema },
      },
    },
    async (request) => viewCase(app.ctx.db, signedIn(request.user), request.params.id, auditSource(request)),
  );

  app.post(
    '/api/v1/cases',
    {
      config: { policy: SIGNED_IN },
      schema: {
        tags: ['cases'],
        summary: 'Open a case for a mission (HQ, hotline, or staff of that mission)',
        body: OpenCaseBodySchema,
        response: { 201: CaseSchema },
      },
    },
    async (request, reply) => {
      const created = await openCase(app.ctx.db, signedIn(request.user), request.body, auditSource(request));
      return reply.code(201).send(created);
    },
  );
}
