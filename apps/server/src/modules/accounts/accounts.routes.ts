import {
  AccountExportSchema,
  DeleteAccountBodySchema,
  DeleteAccountResultSchema,
  EmailBodySchema,
  PasswordChangeBodySchema,
  PasswordResetConfirmBodySchema,
  ProfilePatchBodySchema,
  ProfileSchema,
  SentSchema,
  type SessionUser,
  SessionUserSchema,
  SignUpBodySchema,
  VerifyEmailBodySchema,
} from '@homeward/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../http/app-types.ts';
import { localeOf } from '../../http/problem.ts';
import { PUBLIC, rolesOnly, SIGNED_IN } from '../../policy/route-policy.ts';
import { signOut } from '../auth/auth.service.ts';
import { clearSessionCookie, setSignInCookies } from '../auth/session-cookie.ts';
import {
  confirmPasswordReset,
  type Requester,
  requestPasswordReset,
  resendVerification,
  signUp,
  verifyEmail,
} from './accounts.service.ts';
import { changePassword, deleteAccount, exportAccount, getProfile, updateProfile } from './my-account.service.ts';

function requester(request: FastifyRequest): Requester {
  return {
    ip: request.ip,
    userAgent: request.headers['user-agent'] ?? null,
    requestId: request.id,
    locale: localeOf(request),
  };
}

function me(request: FastifyRequest): SessionUser {
  return request.user as SessionUser; // boundary: the route's SIGNED_IN policy ran before the handler
}

export async function accountsRoutes(app: App): Promise<void> {
  const { db, config } = app.ctx;
  const accepted = { 202: SentSchema };

  app.post(
    '/api/v1/accounts/sign-up',
    {
      config: { policy: PUBLIC },
      schema: {
        tags: ['accounts'],
        summary: 'Create a citizen account; a verification link is mailed (same answer for known addresses)',
        body: SignUpBodySchema,
        response: accepted,
      },
    },
    async (request, reply) => {
      const sent = await signUp(db, request.body, requester(request));
      app.ctx.nudgeJobs();
      return reply.code(202).send(sent);
    },
  );

  app.post(
    '/api/v1/accounts/verify-email',
    {
      config: { policy: PUBLIC },
      schema: {
        tags: ['accounts'],
        summary: 'Confirm the email address with the link token; signs you in',
        body: VerifyEmailBodySchema,
        response: { 200: Type.Object({ user: SessionUserSchema }) },
      },
    },
    async (request, reply) => {
      const result = await verifyEmail(db, config, request.body.token, requester(request));
      if (request.sessionId) await signOut(db, request.sessionId);
      await setSignInCookies(reply, db, config, result);
      return { user: result.user };
    },
  );

  app.post(
    '/api/v1/accounts/resend-verification',
    {
      config: { policy: PUBLIC },
      schema: {
        tags: ['accounts'],
        summary: 'Mail a new verification link (same answer for every address)',
        body: EmailBodySchema,
        response: accepted,
      },
    },
    async (request, reply) => {
      const sent = await resendVerification(db, request.body.email, requester(request));
      app.ctx.nudgeJobs();
      return reply.code(202).send(sent);
    },
  );

  app.post(
    '/api/v1/accounts/password-reset',
    {
      config: { policy: PUBLIC },
      schema: {
        tags: ['accounts'],
        summary: 'Mail a link for choosing a new password (same answer for every address)',
        body: EmailBodySchema,
        response: accepted,
      },
    },
    async (request, reply) => {
      const sent = await requestPasswordReset(db, request.body.email, requester(request));
      app.ctx.nudgeJobs();
      return reply.code(202).send(sent);
    },
  );

  app.post(
    '/api/v1/accounts/password-reset/confirm',
    {
      config: { policy: PUBLIC },
      schema: {
        tags: ['accounts'],
        summary: 'Choose a new password with the link token; every session of the account ends',
        body: PasswordResetConfirmBodySchema,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await confirmPasswordReset(db, request.body.token, request.body.password, requester(request));
      app.ctx.nudgeJobs();
      clearSessionCookie(reply);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/accounts/me',
    {
      config: { policy: SIGNED_IN },
      schema: { tags: ['accounts'], summary: 'Your account', response: { 200: ProfileSchema } },
    },
    async (request) => getProfile(db, me(request).id),
  );

  app.patch(
    '/api/v1/accounts/me',
    {
      config: { policy: SIGNED_IN },
      schema: {
        tags: ['accounts'],
        summary: 'Change your name, phone number or language',
        body: ProfilePatchBodySchema,
        response: { 200: ProfileSchema },
      },
    },
    async (request) => updateProfile(db, me(request).id, request.body, requester(request)),
  );

  app.post(
    '/api/v1/accounts/me/password',
    {
      config: { policy: SIGNED_IN },
      schema: {
        tags: ['accounts'],
        summary: 'Change your password; other sessions end and this one is renewed',
        body: PasswordChangeBodySchema,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const result = await changePassword(db, config, me(request).id, request.body, requester(request));
      app.ctx.nudgeJobs();
      await setSignInCookies(reply, db, config, result);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/accounts/me/export',
    {
      config: { policy: SIGNED_IN },
      schema: {
        tags: ['accounts'],
        summary: 'Download everything held about you, as JSON',
        response: { 200: AccountExportSchema },
      },
    },
    async (request, reply) => {
      const data = await exportAccount(db, me(request).id, requester(request));
      const day = data.exportedAt.slice(0, 10);
      reply.header('content-disposition', `attachment; filename="homeward-account-${day}.json"`);
      reply.header('cache-control', 'no-store');
      return data;
    },
  );

  app.post(
    '/api/v1/accounts/me/delete',
    {
      // Staff accounts are closed by an administrator (PATCH /staff/:id), not by their holder.
      config: { policy: rolesOnly('citizen') },
      schema: {
        tags: ['accounts'],
        summary: 'Delete your account; records that must be kept are listed with the reason',
        body: DeleteAccountBodySchema,
        response: { 200: DeleteAccountResultSchema },
      },
    },
    async (request, reply) => {
      const result = await deleteAccount(db, me(request).id, request.body.password, requester(request));
      app.ctx.nudgeJobs();
      clearSessionCookie(reply);
      return result;
    },
  );
}
