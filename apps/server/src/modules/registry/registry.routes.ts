import {
  PersonAnswerSchema,
  PresenceInputSchema,
  PresenceListSchema,
  PresenceSchema,
  ProfileInputSchema,
} from '@homeward/shared';
import { Type } from '@sinclair/typebox';
import type { App } from '../../http/app-types.ts';
import { idempotently } from '../../http/idempotency.ts';
import { rolesOnly } from '../../policy/route-policy.ts';
import { householdRoutes } from './household.routes.ts';
import {
  createPresence,
  listPresences,
  removePresence,
  replacePresence,
  withdrawPreciseLocation,
} from './presences.service.ts';
import { callerOf } from './registry.caller.ts';
import { saveProfile, viewProfile } from './registry.service.ts';

// The citizen's own registration (decision 0006). Only citizens register; staff see registrants through
// modules/registrants, audited. The gate ran before each handler, so there is a signed-in citizen.
const CITIZEN = rolesOnly('citizen');

const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

export async function registryRoutes(app: App): Promise<void> {
  const { db, config } = app.ctx;

  app.get(
    '/api/v1/registry/me',
    {
      config: { policy: CITIZEN },
      schema: {
        tags: ['registry'],
        summary: 'The caller’s registration profile; null before the first save',
        response: { 200: PersonAnswerSchema },
      },
    },
    async (request) => ({ person: await viewProfile(db, callerOf(request)) }),
  );

  app.put(
    '/api/v1/registry/me',
    {
      config: { policy: CITIZEN },
      schema: {
        tags: ['registry'],
        summary: 'Create or replace the caller’s profile (names, passport, MRZ check, phone, language)',
        body: ProfileInputSchema,
        response: { 200: PersonAnswerSchema },
      },
    },
    async (request) => ({
      person: await saveProfile(db, callerOf(request), request.body, { stateCode: config.state.code }),
    }),
  );

  app.get(
    '/api/v1/registry/me/presences',
    {
      config: { policy: CITIZEN },
      schema: {
        tags: ['registry'],
        summary: 'The caller’s residences and trips, newest arrival first, and where they are today',
        response: { 200: PresenceListSchema },
      },
    },
    async (request) => listPresences(db, callerOf(request)),
  );

  app.post(
    '/api/v1/registry/me/presences',
    {
      config: { policy: CITIZEN, idempotent: true },
      schema: {
        tags: ['registry'],
        summary: 'Register a residence or a trip, for the caller and the dependents with them',
        body: PresenceInputSchema,
        response: { 201: Type.Object({ presence: PresenceSchema }) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await idempotently(request, db, 201, async (trx) => ({
          presence: await createPresence(trx, callerOf(request), request.body),
        })),
      ),
  );

  app.put(
    '/api/v1/registry/me/presences/:id',
    {
      config: { policy: CITIZEN },
      schema: {
        tags: ['registry'],
        summary: 'Replace one of the caller’s presences',
        params: IdParams,
        body: PresenceInputSchema,
        response: { 200: Type.Object({ presence: PresenceSchema }) },
      },
    },
    async (request) => ({
      presence: await replacePresence(db, callerOf(request), request.params.id, request.body),
    }),
  );

  app.delete(
    '/api/v1/registry/me/presences/:id',
    {
      config: { policy: CITIZEN },
      schema: { tags: ['registry'], summary: 'Delete one of the caller’s presences', params: IdParams },
    },
    async (request, reply) => {
      await removePresence(db, callerOf(request), request.params.id);
      return reply.code(204).send();
    },
  );

  app.delete(
    '/api/v1/registry/me/presences/:id/precise-location',
    {
      config: { policy: CITIZEN },
      schema: {
        tags: ['registry'],
        summary: 'Withdraw consent to the precise location: the city’s point (or none) is kept instead',
        params: IdParams,
        response: { 200: Type.Object({ presence: PresenceSchema }) },
      },
    },
    async (request) => ({ presence: await withdrawPreciseLocation(db, callerOf(request), request.params.id) }),
  );

  await householdRoutes(app);
}
