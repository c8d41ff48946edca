import { SessionUserSchema, SignInBodySchema } from '@homeward/shared';
import { Type } from '@sinclair/typebox';
import type { App } from '../../http/app-types.ts';
import { auditSource } from '../../http/audit-source.ts';
import { PUBLIC, SIGNED_IN } from '../../policy/route-policy.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { SESSION_COOKIE, signIn, signOut } from './auth.service.ts';

const UserEnvelope = Type.Object({ user: SessionUserSchema });

export async function authRoutes(app: App): Promise<void> {
  const secure = app.ctx.config.publicUrl.startsWith('https://');

  app.post(
    '/api/v1/auth/sign-in',
    {
      config: { policy: PUBLIC },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password; sets the session cookie',
        body: SignInBodySchema,
        response: { 200: UserEnvelope },
      },
    },
    async (request, reply) => {
      const result = await signIn(app.ctx.db, app.ctx.config, {
        ...request.body,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      // A session opened while another was active replaces it.
      if (request.sessionId) await signOut(app.ctx.db, request.sessionId);
      reply.setCookie(SESSION_COOKIE, result.token, {
        httpOnly: true,
        sameSite: 'lax',
        secure,
        path: '/',
        expires: new Date(result.expiresAt),
      });
      return { user: result.user };
    },
  );

  app.post(
    '/api/v1/auth/sign-out',
    {
      config: { policy: PUBLIC },
      schema: { tags: ['auth'], summary: 'End this session', response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      if (request.sessionId) {
        await signOut(app.ctx.db, request.sessionId);
        await appendAudit(app.ctx.db, auditSource(request), { action: 'auth.sign_out' });
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/me',
    {
      config: { policy: SIGNED_IN },
      schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: UserEnvelope } },
    },
    async (request) => ({ user: request.user as NonNullable<typeof request.user> }), // boundary: SIGNED_IN gate ran
  );
}
