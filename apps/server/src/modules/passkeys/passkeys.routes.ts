import {
  PasskeyAuthenticationBodySchema,
  PasskeyRegistrationBodySchema,
  PasskeySchema,
  type SessionUser,
  SessionUserSchema,
  WebAuthnOptionsSchema,
} from '@homeward/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../http/app-types.ts';
import { PUBLIC, rolesOnly } from '../../policy/route-policy.ts';
import { type ClientInfo, signOut } from '../auth/auth.service.ts';
import { setSignInCookies } from '../auth/session-cookie.ts';
import {
  finishRegistration,
  listPasskeys,
  removePasskey,
  signInWithPasskey,
  startAuthentication,
  startRegistration,
} from './passkeys.service.ts';

// Passkeys are a citizen's way in; staff sign in with password and authenticator code (decision 0003).
const CITIZENS = rolesOnly('citizen');

function client(request: FastifyRequest): ClientInfo {
  return { ip: request.ip, userAgent: request.headers['user-agent'] ?? null };
}

function me(request: FastifyRequest): SessionUser {
  return request.user as SessionUser; // boundary: the route's policy admits signed-in citizens only
}

export async function passkeysRoutes(app: App): Promise<void> {
  const { db, config } = app.ctx;

  app.post(
    '/api/v1/passkeys/registration/options',
    {
      config: { policy: CITIZENS },
      schema: {
        tags: ['passkeys'],
        summary: 'Options for creating a passkey on this device (WebAuthn)',
        response: { 200: WebAuthnOptionsSchema },
      },
    },
    async (request) => startRegistration(db, config, me(request)),
  );

  app.post(
    '/api/v1/passkeys/registration/verify',
    {
      config: { policy: CITIZENS },
      schema: {
        tags: ['passkeys'],
        summary: 'Check and store the new passkey',
        body: PasskeyRegistrationBodySchema,
        response: { 201: PasskeySchema },
      },
    },
    async (request, reply) => {
      const passkey = await finishRegistration(db, config, me(request), request.body, client(request));
      return reply.code(201).send(passkey);
    },
  );

  app.get(
    '/api/v1/passkeys',
    {
      config: { policy: CITIZENS },
      schema: { tags: ['passkeys'], summary: 'Your passkeys', response: { 200: Type.Array(PasskeySchema) } },
    },
    async (request) => listPasskeys(db, me(request).id),
  );

  app.delete(
    '/api/v1/passkeys/:id',
    {
      config: { policy: CITIZENS },
      schema: {
        tags: ['passkeys'],
        summary: 'Remove one of your passkeys',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await removePasskey(db, me(request), request.params.id, client(request));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/auth/passkey/options',
    {
      config: { policy: PUBLIC },
      schema: {
        tags: ['auth'],
        summary: 'Options for signing in with a passkey (discoverable credentials)',
        body: Type.Optional(Type.Object({}, { additionalProperties: false })),
        response: { 200: WebAuthnOptionsSchema },
      },
    },
    async () => startAuthentication(db, config),
  );

  app.post(
    '/api/v1/auth/passkey/verify',
    {
      config: { policy: PUBLIC },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with a passkey; sets the session cookie',
        body: PasskeyAuthenticationBodySchema,
        response: { 200: Type.Object({ user: SessionUserSchema }) },
      },
    },
    async (request, reply) => {
      const result = await signInWithPasskey(db, config, request.body, client(request));
      if (request.sessionId) await signOut(db, request.sessionId);
      await setSignInCookies(reply, db, config, result);
      return { user: result.user };
    },
  );
}
