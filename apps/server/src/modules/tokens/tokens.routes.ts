import { ApiTokenSchema, CreatedTokenSchema, CreateTokenBodySchema } from '@homeward/shared';
import { Type } from '@sinclair/typebox';
import type { App } from '../../http/app-types.ts';
import { auditSource } from '../../http/audit-source.ts';
import { rolesOnly } from '../../policy/route-policy.ts';
import { createApiToken, listApiTokens, revokeApiToken } from './tokens.service.ts';

const ADMINS = rolesOnly('hq_admin');

export async function tokensRoutes(app: App): Promise<void> {
  const { db } = app.ctx;

  app.get(
    '/api/v1/tokens',
    {
      config: { policy: ADMINS },
      schema: {
        tags: ['tokens'],
        summary: 'API tokens, newest first (never their values)',
        response: { 200: Type.Array(ApiTokenSchema) },
      },
    },
    async () => listApiTokens(db),
  );

  app.post(
    '/api/v1/tokens',
    {
      config: { policy: ADMINS },
      schema: {
        tags: ['tokens'],
        summary: 'Create an API token; its value (hw_…) is shown in this answer only',
        body: CreateTokenBodySchema,
        response: { 201: CreatedTokenSchema },
      },
    },
    async (request, reply) => {
      const owner = request.user;
      if (!owner) throw new Error('route gate let an anonymous request through');
      const created = await createApiToken(db, auditSource(request), owner.id, request.body);
      return reply.code(201).send(created);
    },
  );

  app.delete(
    '/api/v1/tokens/:id',
    {
      config: { policy: ADMINS },
      schema: {
        tags: ['tokens'],
        summary: 'Revoke an API token at once',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await revokeApiToken(db, auditSource(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
