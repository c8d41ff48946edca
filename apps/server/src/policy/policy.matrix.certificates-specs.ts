import type { Role } from '@homeward/shared';
import type { InjectOptions } from 'fastify';
import { JSON_WRITE } from '../../test/support/app.ts';
import { isoNow, newId } from '../clock.ts';
import { ACCOUNT_OF, EVERY_ROLE, get, type MatrixWorld, type RouteSpec, type Scope } from './policy.matrix.world.ts';

/** Specs for the health-certificate routes (issue #7). */

const ISSUERS_AND_HQ = { health_issuer: 'any', hq_admin: 'any' } as const;

function publicList(url: string): RouteSpec {
  return { allow: EVERY_ROLE, anonymous: 'allow', okStatus: 200, denied: 403, outOfScope: 404, build: get(url) };
}

/** The demo citizen's registered person, made once per world when the seed has none. */
async function citizenPersonId(world: MatrixWorld): Promise<string> {
  const cached = world.cache.get('certificates:person');
  if (typeof cached === 'string') return cached;
  const user = await world.db
    .selectFrom('users')
    .select('id')
    .where('email', '=', ACCOUNT_OF.citizen)
    .executeTakeFirstOrThrow();
  const existing = await world.db.selectFrom('persons').select('id').where('userId', '=', user.id).executeTakeFirst();
  const id = existing?.id ?? newId();
  if (!existing) {
    await world.db
      .insertInto('persons')
      .values({
        id,
        userId: user.id,
        familyName: 'ZHANG',
        givenName: 'SANFENG',
        locale: 'zh-CN',
        createdAt: isoNow(),
        updatedAt: isoNow(),
      })
      .execute();
  }
  world.cache.set('certificates:person', id);
  return id;
}

const issueBody = (personId?: string) => ({
  type: 'v',
  ...(personId ? { personId } : {}),
  holder: { familyName: 'Zhang', givenName: 'Sanfeng', birthDate: '1980-04-12' },
  vaccination: { vp: 'J07BX03', mp: 'EU/1/20/1528', ma: 'ORG-100030215', dn: 1, sd: 2, dt: '2026-10-01', co: 'CN' },
});

/** A new certificate, issued through the API by the demo health issuer: the citizen's own, or someone else's. */
async function issuedCertificate(world: MatrixWorld, own: boolean): Promise<string> {
  const response = await world.app.inject({
    method: 'POST',
    url: '/api/v1/certificates',
    headers: { ...JSON_WRITE, cookie: world.cookies.health_issuer },
    payload: issueBody(own ? await citizenPersonId(world) : undefined),
  });
  return response.json<{ id: string }>().id;
}

/** One certificate per scope, kept for read-only routes. */
async function certificateFor(world: MatrixWorld, role: Role | null, scope: Scope): Promise<string> {
  const own = role === 'citizen' && scope === 'own';
  const key = `certificates:${own ? 'own' : 'other'}`;
  let id = world.cache.get(key);
  if (typeof id !== 'string') {
    id = await issuedCertificate(world, own);
    world.cache.set(key, id);
  }
  return id as string;
}

function signedList(url: string): RouteSpec {
  return {
    ...publicList(url),
    build: async (world, role, scope) => {
      await certificateFor(world, role, scope);
      return { method: 'GET', url };
    },
  };
}

export const CERTIFICATE_SPECS: Record<string, RouteSpec> = {
  'GET /api/v1/certificates/trust-list': publicList('/api/v1/certificates/trust-list'),
  'GET /api/v1/certificates/revocation-list': publicList('/api/v1/certificates/revocation-list'),
  'GET /api/v1/certificates/business-rules': publicList('/api/v1/certificates/business-rules'),
  'GET /api/v1/certificates/csca-handovers': publicList('/api/v1/certificates/csca-handovers'),
  // The signed lists need the country signing CA, which the first issuance creates.
  'GET /api/v1/certificates/trust-list/signed': signedList('/api/v1/certificates/trust-list/signed'),
  'GET /api/v1/certificates/trust-list/dcc-gateway': signedList('/api/v1/certificates/trust-list/dcc-gateway'),
  'POST /api/v1/certificates': {
    allow: { health_issuer: 'any' },
    okStatus: 201,
    denied: 403,
    outOfScope: 403,
    build: (): InjectOptions => ({ method: 'POST', url: '/api/v1/certificates', payload: issueBody() }),
  },
  'GET /api/v1/certificates': {
    allow: ISSUERS_AND_HQ,
    okStatus: 200,
    denied: 403,
    outOfScope: 403,
    build: get('/api/v1/certificates?q=zhang'),
  },
  'GET /api/v1/certificates/holders': {
    allow: { health_issuer: 'any' },
    okStatus: 200,
    denied: 403,
    outOfScope: 403,
    build: get('/api/v1/certificates/holders?passportNumber=E12345678'),
  },
  'GET /api/v1/certificates/mine': {
    allow: { citizen: 'any' },
    okStatus: 200,
    denied: 403,
    outOfScope: 403,
    build: get('/api/v1/certificates/mine'),
  },
  'GET /api/v1/certificates/:id': {
    allow: { ...ISSUERS_AND_HQ, citizen: 'own' },
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: async (world, role, scope) => ({
      method: 'GET',
      url: `/api/v1/certificates/${await certificateFor(world, role, scope)}`,
    }),
  },
  'POST /api/v1/certificates/:id/revoke': {
    allow: ISSUERS_AND_HQ,
    okStatus: 200,
    denied: 403,
    outOfScope: 403,
    // A fresh certificate each call, so every allowed revocation succeeds.
    build: async (world, _role, scope) => ({
      method: 'POST',
      url: `/api/v1/certificates/${await issuedCertificate(world, scope === 'own')}/revoke`,
      payload: { reason: 'policy matrix probe' },
    }),
  },
  'GET /api/v1/certificates/signers': {
    allow: { hq_admin: 'any' },
    okStatus: 200,
    denied: 403,
    outOfScope: 403,
    build: () => ({ method: 'GET', url: '/api/v1/certificates/signers' }),
  },
  'POST /api/v1/certificates/signers/rotate': {
    allow: { hq_admin: 'any' },
    okStatus: 200,
    denied: 403,
    outOfScope: 403,
    build: () => ({
      method: 'POST',
      url: '/api/v1/certificates/signers/rotate',
      payload: { reason: 'policy matrix probe' },
    }),
  },
  'POST /api/v1/certificates/signers/rotate-csca': {
    allow: { hq_admin: 'any' },
    okStatus: 200,
    denied: 403,
    outOfScope: 403,
    build: () => ({
      method: 'POST',
      url: '/api/v1/certificates/signers/rotate-csca',
      payload: { reason: 'policy matrix probe' },
    }),
  },
};
