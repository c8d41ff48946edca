import {
  RecoveryCodesBodySchema,
  RecoveryCodesSchema,
  SecondFactorBodySchema,
  SecondFactorResultSchema,
  SessionInfoSchema,
  SessionUserSchema,
  SignInBodySchema,
  SignInResultSchema,
  STAFF_ROLES,
  StaffSetupBodySchema,
  TotpSetupNextStepSchema,
} from '@homeward/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../http/app-types.ts';
import { auditSource } from '../../http/audit-source.ts';
import { localeOf } from '../../http/problem.ts';
import { PUBLIC, rolesOnly, SIGNED_IN } from '../../policy/route-policy.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { setUpStaffAccount } from '../staff/staff.service.ts';
import {
  type ClientInfo,
  endAllSessions,
  endMySession,
  listMySessions,
  SESSION_COOKIE,
  type SignInResult,
  signIn,
  signOut,
} from './auth.service.ts';
import { KNOWN_DEVICE_COOKIE } from './known-device.ts';
import { completeRecovery, completeTotp, regenerateRecoveryCodes } from './second-factor.service.ts';
import { setSignInCookies } from './session-cookie.ts';

const UserEnvelope = Type.Object({ user: SessionUserSchema });

function clientOf(request: FastifyRequest): ClientInfo {
  return { ip: request.ip, userAgent: request.headers['user-agent'] ?? null };
}

/** The signed-in user; only called behind a SIGNED_IN gate, which has already refused anonymous callers. */
function userOf(request: FastifyRequest) {
  if (!request.user) throw new Error('route gate let an anonymous request through');
  return request.user;
}

export async function authRoutes(app: App): Promise<void> {
  const { db, config } = app.ctx;

  /** Sets the cookie of a freshly opened session; a session open in this browser until now is ended. */
  async function startSession(request: FastifyRequest, reply: FastifyReply, result: SignInResult): Promise<void> {
    if (request.sessionId) await signOut(db, request.sessionId);
    await setSignInCookies(reply, db, config, result);
  }

  app.post(
    '/api/v1/auth/sign-in',
    {
      config: { policy: PUBLIC },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password: citizens get the session cookie, staff a second-factor step',
        body: SignInBodySchema,
        response: { 200: SignInResultSchema },
      },
    },
    async (request, reply) => {
      const knownDevice = request.cookies[KNOWN_DEVICE_COOKIE];
      const outcome = await signIn(db, config, { ...request.body, ...clientOf(request), knownDevice });
      if (outcome.next) return outcome.next;
      await startSession(request, reply, outcome.session);
      return { user: outcome.session.user };
    },
  );

  app.post(
    '/api/v1/auth/totp',
    {
      config: { policy: PUBLIC },
      schema: {
        tags: ['auth'],
        summary: 'Finish a staff sign-in with a code from the authenticator app; sets the session cookie',
        description: 'Right after the app was set up, the answer carries the recovery codes, shown this once.',
        body: SecondFactorBodySchema,
        response: { 200: SecondFactorResultSchema },
      },
    },
    async (request, reply) => {
      const result = await completeTotp(db, config, { ...request.body, ...clientOf(request) });
      await startSession(request, reply, result.session);
      return { user: result.session.user, ...(result.recoveryCodes ? { recoveryCodes: result.recoveryCodes } : {}) };
    },
  );

  app.post(
    '/api/v1/auth/recovery',
    {
      config: { policy: PUBLIC },
      schema: {
        tags: ['auth'],
        summary: 'Finish a staff sign-in with a recovery code instead (the code is spent); sets the session cookie',
        body: SecondFactorBodySchema,
        response: { 200: UserEnvelope },
      },
    },
    async (request, reply) => {
      const session = await completeRecovery(db, config, { ...request.body, ...clientOf(request) });
      await startSession(request, reply, session);
      return { user: session.user };
    },
  );

  app.post(
    '/api/v1/auth/setup',
    {
      config: { policy: PUBLIC },
      schema: {
        tags: ['auth'],
        summary: 'Staff setup link: choose a password, then set up the authenticator app',
        body: StaffSetupBodySchema,
        response: { 200: TotpSetupNextStepSchema },
      },
    },
    async (request) => setUpStaffAccount(db, config, { ...request.body, ip: request.ip, locale: localeOf(request) }),
  );

  app.post(
    '/api/v1/auth/sign-out',
    {
      config: { policy: PUBLIC },
      schema: { tags: ['auth'], summary: 'End this session', response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      if (request.sessionId) {
        await signOut(db, request.sessionId);
        await appendAudit(db, auditSource(request), { action: 'auth.sign_out' });
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/auth/sign-out-everywhere',
    {
      config: { policy: SIGNED_IN },
      schema: { tags: ['auth'], summary: 'End every session of the signed-in user', response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      const user = userOf(request);
      await db.transaction().execute(async (trx) => {
        const ended = await endAllSessions(trx, user.id);
        await appendAudit(trx, auditSource(request), { action: 'auth.sign_out_everywhere', details: { ended } });
      });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/sessions',
    {
      config: { policy: SIGNED_IN },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user’s open sessions',
        response: { 200: Type.Array(SessionInfoSchema) },
      },
    },
    async (request) => listMySessions(db, userOf(request).id, request.sessionId),
  );

  app.delete(
    '/api/v1/auth/sessions/:id',
    {
      config: { policy: SIGNED_IN },
      schema: {
        tags: ['auth'],
        summary: 'End one of the signed-in user’s sessions',
        params: Type.Object({ id: Type.String({ pattern: '^[0-9a-f]{64}$' }) }),
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      await db.transaction().execute(async (trx) => {
        await endMySession(trx, user.id, request.params.id);
        await appendAudit(trx, auditSource(request), { action: 'auth.session_ended' });
      });
      if (request.params.id === request.sessionId) reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/auth/recovery-codes',
    {
      // Recovery codes back up a staff member's authenticator; citizens have no second factor to back up.
      config: { policy: rolesOnly(...STAFF_ROLES) },
      schema: {
        tags: ['auth'],
        summary: 'A new set of recovery codes (the old ones stop working); needs the password again',
        body: RecoveryCodesBodySchema,
        response: { 200: RecoveryCodesSchema },
      },
    },
    async (request) => ({
      recoveryCodes: await regenerateRecoveryCodes(db, userOf(request).id, request.body.password, request.ip),
    }),
  );

  app.get(
    '/api/v1/auth/me',
    {
      config: { policy: SIGNED_IN },
      schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: UserEnvelope } },
    },
    async (request) => ({ user: userOf(request) }),
  );
}
