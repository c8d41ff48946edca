import type { Role } from '@homeward/shared';
import type { InjectOptions } from 'fastify';
import { JSON_WRITE, signInAs } from '../../test/support/app.ts';
import { isoNow } from '../clock.ts';
import { createUser } from '../modules/users/users.service.ts';
import { EVERY_ROLE, get, type MatrixWorld, type RouteSpec, type Scope } from './policy.matrix.world.ts';

/**
 * Specs for the citizen's own registration and the place pickers (decision 0006). Only citizens register;
 * `own` is a record of the demo citizen, `other` one of another citizen (404, so existence does not leak).
 */

const CITIZEN_ANY = { citizen: 'any' } as const;
const CITIZEN_OWN = { citizen: 'own' } as const;
const PROFILE = { familyName: 'MATRIX', givenName: 'Probe' };
const RESIDENCE = { kind: 'residence', countryCode: 'US', regionCode: 'US-DC', arrivalOn: '2020-01-01' };
const DEPENDENT = { familyName: 'MATRIX', givenName: 'Child', relationship: 'child' };
const CONTACT = { name: 'Matrix Home', relationship: 'mother', email: 'home@example.org' };
const STRONG = 'matrix registry passphrase 7741';
let counter = 0;

type Kind = 'presences' | 'dependents' | 'emergency-contacts';
const BODY: Record<Kind, Record<string, unknown>> = {
  presences: RESIDENCE,
  dependents: DEPENDENT,
  'emergency-contacts': CONTACT,
};
const ANSWER_KEY: Record<Kind, string> = {
  presences: 'presence',
  dependents: 'dependent',
  'emergency-contacts': 'contact',
};

async function call(
  world: MatrixWorld,
  cookie: string,
  method: InjectOptions['method'],
  url: string,
  payload?: object,
) {
  const response = await world.app.inject({ method, url, headers: { ...JSON_WRITE, cookie }, payload });
  if (response.statusCode >= 300)
    throw new Error(`matrix setup ${method} ${url}: ${response.statusCode} ${response.body}`);
  return response.statusCode === 204 ? {} : response.json();
}

/** The demo citizen's session, with a saved profile (setting one up is itself idempotent). */
async function demoCitizen(world: MatrixWorld): Promise<string> {
  const cookie = world.cookies.citizen;
  if (!world.cache.has('registry:profile')) {
    await call(world, cookie, 'PUT', '/api/v1/registry/me', PROFILE);
    world.cache.set('registry:profile', true);
  }
  return cookie;
}

/** Another registered citizen, whose records the demo citizen must not reach. */
async function otherCitizen(world: MatrixWorld): Promise<string> {
  const cached = world.cache.get('registry:other') as string | undefined;
  if (cached) return cached;
  const email = `matrix.registry.${Date.now().toString(36)}.${counter++}@example.org`;
  const { id } = await createUser(world.db, { email, password: STRONG, displayName: 'MATRIX', role: 'citizen' });
  await world.db.updateTable('users').set({ emailVerifiedAt: isoNow() }).where('id', '=', id).execute();
  const cookie = await signInAs(world.app, email, STRONG);
  await call(world, cookie, 'PUT', '/api/v1/registry/me', PROFILE);
  world.cache.set('registry:other', cookie);
  return cookie;
}

/** A fresh record of the kind: the demo citizen's for a citizen in the own scope, else another citizen's. */
async function recordId(world: MatrixWorld, role: Role | null, scope: Scope, kind: Kind): Promise<string> {
  if (role !== 'citizen') return '0190f0e4-0000-7000-8000-000000000000'; // refused by the gate before lookup
  const cookie = scope === 'own' ? await demoCitizen(world) : await otherCitizen(world);
  const created = await call(world, cookie, 'POST', `/api/v1/registry/me/${kind}`, BODY[kind]);
  return (created[ANSWER_KEY[kind]] as { id: string }).id;
}

function collection(kind: Kind): Record<string, RouteSpec> {
  const base = `/api/v1/registry/me/${kind}`;
  const path = `${base}/:id`;
  return {
    [`GET ${base}`]: { allow: CITIZEN_ANY, okStatus: 200, denied: 403, outOfScope: 404, build: get(base) },
    [`POST ${base}`]: {
      allow: CITIZEN_ANY,
      okStatus: 201,
      denied: 403,
      outOfScope: 404,
      build: async (world, role) => {
        if (role === 'citizen') await demoCitizen(world);
        // Contacts are capped at 5: the matrix adds one per scope, so remove the demo citizen's first.
        if (role === 'citizen' && kind === 'emergency-contacts') {
          const list = await call(world, world.cookies.citizen, 'GET', base);
          for (const c of list.items as { id: string }[])
            await call(world, world.cookies.citizen, 'DELETE', `${base}/${c.id}`);
        }
        return { method: 'POST', url: base, payload: BODY[kind] };
      },
    },
    [`PUT ${path}`]: {
      allow: CITIZEN_OWN,
      okStatus: 200,
      denied: 403,
      outOfScope: 404,
      build: async (world, role, scope) => ({
        method: 'PUT',
        url: `${base}/${await recordId(world, role, scope, kind)}`,
        payload: BODY[kind],
      }),
    },
    [`DELETE ${path}`]: {
      allow: CITIZEN_OWN,
      okStatus: 204,
      denied: 403,
      outOfScope: 404,
      build: async (world, role, scope) => ({
        method: 'DELETE',
        url: `${base}/${await recordId(world, role, scope, kind)}`,
      }),
    },
  };
}

export const REGISTRY_SPECS: Record<string, RouteSpec> = {
  'GET /api/v1/places/cities': {
    allow: EVERY_ROLE,
    anonymous: 'allow',
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: get('/api/v1/places/cities?country=FR&q=ly'),
  },
  'GET /api/v1/places/regions': {
    allow: EVERY_ROLE,
    anonymous: 'allow',
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: get('/api/v1/places/regions?country=FR'),
  },
  'GET /api/v1/registry/me': {
    allow: CITIZEN_ANY,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: get('/api/v1/registry/me'),
  },
  'PUT /api/v1/registry/me': {
    allow: CITIZEN_ANY,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: () => ({ method: 'PUT', url: '/api/v1/registry/me', payload: PROFILE }),
  },
  ...collection('presences'),
  ...collection('dependents'),
  ...collection('emergency-contacts'),
  'DELETE /api/v1/registry/me/presences/:id/precise-location': {
    allow: CITIZEN_OWN,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: async (world, role, scope) => ({
      method: 'DELETE',
      url: `/api/v1/registry/me/presences/${await recordId(world, role, scope, 'presences')}/precise-location`,
    }),
  },
  'GET /api/v1/registry/me/subscriptions': {
    allow: CITIZEN_ANY,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: get('/api/v1/registry/me/subscriptions'),
  },
  'PUT /api/v1/registry/me/subscriptions/:countryCode': {
    allow: CITIZEN_ANY,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: async (world, role) => {
      if (role === 'citizen') await demoCitizen(world);
      return { method: 'PUT', url: '/api/v1/registry/me/subscriptions/FR' };
    },
  },
  'DELETE /api/v1/registry/me/subscriptions/:countryCode': {
    allow: CITIZEN_ANY,
    okStatus: 204,
    denied: 403,
    outOfScope: 404,
    build: async (world, role) => {
      if (role === 'citizen') await demoCitizen(world);
      return { method: 'DELETE', url: '/api/v1/registry/me/subscriptions/FR' };
    },
  },
};
