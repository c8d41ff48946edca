import {
  CountryCodeSchema,
  DependentInputSchema,
  DependentSchema,
  EmergencyContactInputSchema,
  EmergencyContactSchema,
  SubscriptionSchema,
} from '@homeward/shared';
import { Type } from '@sinclair/typebox';
import type { App } from '../../http/app-types.ts';
import { idempotently } from '../../http/idempotency.ts';
import { rolesOnly } from '../../policy/route-policy.ts';
import {
  addDependent,
  addEmergencyContact,
  listMyDependents,
  listMyEmergencyContacts,
  listMySubscriptions,
  removeDependent,
  removeEmergencyContact,
  replaceDependent,
  replaceEmergencyContact,
  subscribe,
  unsubscribe,
} from './household.service.ts';
import { callerOf } from './registry.caller.ts';

// Dependents, emergency contacts and country subscriptions of the signed-in citizen (decision 0006).
const CITIZEN = rolesOnly('citizen');
const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
const CountryParams = Type.Object({ countryCode: CountryCodeSchema });

export async function householdRoutes(app: App): Promise<void> {
  const { db } = app.ctx;
  const tags = ['registry'];

  app.get(
    '/api/v1/registry/me/dependents',
    {
      config: { policy: CITIZEN },
      schema: {
        tags,
        summary: 'Family members without an account of their own',
        response: { 200: Type.Object({ items: Type.Array(DependentSchema) }) },
      },
    },
    async (request) => ({ items: await listMyDependents(db, callerOf(request)) }),
  );
  app.post(
    '/api/v1/registry/me/dependents',
    {
      config: { policy: CITIZEN, idempotent: true },
      schema: {
        tags,
        summary: 'Add a dependent',
        body: DependentInputSchema,
        response: { 201: Type.Object({ dependent: DependentSchema }) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await idempotently(request, db, 201, async (trx) => ({
          dependent: await addDependent(trx, callerOf(request), request.body),
        })),
      ),
  );
  app.put(
    '/api/v1/registry/me/dependents/:id',
    {
      config: { policy: CITIZEN },
      schema: {
        tags,
        summary: 'Replace a dependent',
        params: IdParams,
        body: DependentInputSchema,
        response: { 200: Type.Object({ dependent: DependentSchema }) },
      },
    },
    async (request) => ({
      dependent: await replaceDependent(db, callerOf(request), request.params.id, request.body),
    }),
  );
  app.delete(
    '/api/v1/registry/me/dependents/:id',
    {
      config: { policy: CITIZEN },
      schema: { tags, summary: 'Remove a dependent and their presences', params: IdParams },
    },
    async (request, reply) => {
      await removeDependent(db, callerOf(request), request.params.id);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/registry/me/emergency-contacts',
    {
      config: { policy: CITIZEN },
      schema: {
        tags,
        summary: 'People at home to call about the caller',
        response: { 200: Type.Object({ items: Type.Array(EmergencyContactSchema) }) },
      },
    },
    async (request) => ({ items: await listMyEmergencyContacts(db, callerOf(request)) }),
  );
  app.post(
    '/api/v1/registry/me/emergency-contacts',
    {
      config: { policy: CITIZEN, idempotent: true },
      schema: {
        tags,
        summary: 'Add an emergency contact (at most 5)',
        body: EmergencyContactInputSchema,
        response: { 201: Type.Object({ contact: EmergencyContactSchema }) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await idempotently(request, db, 201, async (trx) => ({
          contact: await addEmergencyContact(trx, callerOf(request), request.body),
        })),
      ),
  );
  app.put(
    '/api/v1/registry/me/emergency-contacts/:id',
    {
      config: { policy: CITIZEN },
      schema: {
        tags,
        summary: 'Replace an emergency contact',
        params: IdParams,
        body: EmergencyContactInputSchema,
        response: { 200: Type.Object({ contact: EmergencyContactSchema }) },
      },
    },
    async (request) => ({
      contact: await replaceEmergencyContact(db, callerOf(request), request.params.id, request.body),
    }),
  );
  app.delete(
    '/api/v1/registry/me/emergency-contacts/:id',
    {
      config: { policy: CITIZEN },
      schema: { tags, summary: 'Remove an emergency contact', params: IdParams },
    },
    async (request, reply) => {
      await removeEmergencyContact(db, callerOf(request), request.params.id);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/registry/me/subscriptions',
    {
      config: { policy: CITIZEN },
      schema: {
        tags,
        summary: 'Countries whose advisories the caller follows',
        response: { 200: Type.Object({ items: Type.Array(SubscriptionSchema) }) },
      },
    },
    async (request) => ({ items: await listMySubscriptions(db, callerOf(request)) }),
  );
  app.put(
    '/api/v1/registry/me/subscriptions/:countryCode',
    {
      config: { policy: CITIZEN },
      schema: {
        tags,
        summary: 'Follow a country’s advisories (idempotent, at most 50)',
        params: CountryParams,
        response: { 200: Type.Object({ subscription: SubscriptionSchema }) },
      },
    },
    async (request) => ({ subscription: await subscribe(db, callerOf(request), request.params.countryCode) }),
  );
  app.delete(
    '/api/v1/registry/me/subscriptions/:countryCode',
    {
      config: { policy: CITIZEN },
      schema: { tags, summary: 'Stop following a country’s advisories', params: CountryParams },
    },
    async (request, reply) => {
      await unsubscribe(db, callerOf(request), request.params.countryCode);
      return reply.code(204).send();
    },
  );
}
