import { createHash } from 'node:crypto';
import type { ApplicationStatus, Role } from '@homeward/shared';
import { newId } from '../clock.ts';
import { solidPng } from '../modules/services/services.seed.ts';
import { EVERY_ROLE, get, type MatrixWorld, type RouteSpec, type Scope } from './policy.matrix.world.ts';

/**
 * Online services and applications (issue 8; decision 0020). The catalogue is public; HQ administrators edit
 * it. "own" is the citizen's own application, or one submitted to US-WAS (the mission of the officer and head
 * under test); "other" is someone else's application, or one submitted to JP-TYO. Each request gets a fresh
 * application in the state it needs, so every allowed call can succeed whatever ran before it.
 */

const READERS = { citizen: 'own', hq_admin: 'any', consular_officer: 'own', mission_head: 'own' } as const;
const DECIDERS = { consular_officer: 'own', mission_head: 'own' } as const;
const PHOTO = solidPng(413, 531);

async function userId(world: MatrixWorld, email: string): Promise<string> {
  const row = await world.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  return row.id;
}

/** A passport renewal with every answer and the photo, in the given state: { id, version, documentId }. */
async function freshApplication(
  world: MatrixWorld,
  role: Role | null,
  scope: Scope,
  status: ApplicationStatus,
): Promise<{ id: string; version: number; documentId: string }> {
  const citizen = await userId(world, 'citizen@demo.homeward.example');
  // Someone else's application, for the citizen's "other" scope: an account that is not the demo citizen.
  const owner = role === 'citizen' && scope === 'other' ? await userId(world, 'admin@demo.homeward.example') : citizen;
  const mission = role !== 'citizen' && scope === 'other' ? 'JP-TYO' : 'US-WAS';
  const definition = await world.db
    .selectFrom('serviceDefinitions')
    .select(['id', 'definition'])
    .where('serviceId', '=', 'passport_renewal')
    .orderBy('version', 'desc')
    .executeTakeFirstOrThrow();
  const id = newId();
  const documentId = newId();
  const at = new Date().toISOString();
  await world.db
    .insertInto('serviceApplications')
    .values({
      id,
      reference: status === 'draft' ? null : `HW-A-MATRIX-${id.slice(-8)}`,
      serviceId: 'passport_renewal',
      definitionId: definition.id,
      userId: owner,
      missionCode: mission,
      status,
      answers: JSON.stringify({
        reason: 'expiring',
        family_name: 'ZHANG',
        given_names: 'SANFENG',
        birth_date: '1985-04-09',
        phone: '+12025550143',
      }),
      feeAmountMinor: 2500,
      feeCurrency: 'USD',
      decisionReason: null,
      version: 1,
      createdAt: at,
      updatedAt: at,
      submittedAt: status === 'draft' ? null : at,
    })
    .execute();
  await world.db
    .insertInto('serviceApplicationDocuments')
    .values({
      id: documentId,
      applicationId: id,
      field: 'photo',
      fileName: 'photo.png',
      mediaType: 'image/png',
      sizeBytes: PHOTO.byteLength,
      width: 413,
      height: 531,
      sha256: createHash('sha256').update(PHOTO).digest('hex'),
      content: PHOTO,
      uploadedBy: owner,
      createdAt: at,
    })
    .execute();
  return { id, version: 1, documentId };
}

const readSpec = (status: ApplicationStatus, path: (a: { id: string; documentId: string }) => string): RouteSpec => ({
  allow: READERS,
  okStatus: 200,
  denied: 403,
  outOfScope: 404,
  build: async (world, role, scope) => ({
    method: 'GET',
    url: path(await freshApplication(world, role, scope, status)),
  }),
});

export const SERVICES_SPECS: Record<string, RouteSpec> = {
  'GET /api/v1/services': {
    allow: EVERY_ROLE,
    anonymous: 'allow',
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: get('/api/v1/services'),
  },
  'GET /api/v1/services/:serviceId': {
    allow: EVERY_ROLE,
    anonymous: 'allow',
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: get('/api/v1/services/passport_renewal'),
  },
  'GET /api/v1/services/:serviceId/versions': {
    allow: { hq_admin: 'any' },
    okStatus: 200,
    denied: 403,
    outOfScope: 403,
    build: get('/api/v1/services/passport_renewal/versions'),
  },
  'PUT /api/v1/services/:serviceId': {
    allow: { hq_admin: 'any' },
    okStatus: 200,
    denied: 403,
    outOfScope: 403,
    // Sends the definition in force back as it is: every allowed call succeeds and adds no version.
    build: async (world) => {
      const {
        version: _v,
        updatedAt: _u,
        ...definition
      } = (await world.app.inject('/api/v1/services/passport_renewal')).json();
      return {
        method: 'PUT',
        url: '/api/v1/services/passport_renewal',
        payload: { definition, reason: 'policy matrix probe' },
      };
    },
  },
  'GET /api/v1/applications': {
    allow: { citizen: 'any', hq_admin: 'any', consular_officer: 'any', mission_head: 'any' },
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: get('/api/v1/applications?pageSize=5'),
  },
  'POST /api/v1/applications': {
    allow: { citizen: 'any' },
    okStatus: 201,
    denied: 403,
    outOfScope: 403,
    build: () => ({ method: 'POST', url: '/api/v1/applications', payload: { serviceId: 'passport_renewal' } }),
  },
  'GET /api/v1/applications/:id': readSpec('submitted', (a) => `/api/v1/applications/${a.id}`),
  'GET /api/v1/applications/:id/documents/:documentId': readSpec(
    'submitted',
    (a) => `/api/v1/applications/${a.id}/documents/${a.documentId}`,
  ),
  'GET /api/v1/applications/:id/receipt.pdf': readSpec('submitted', (a) => `/api/v1/applications/${a.id}/receipt.pdf`),
  'GET /api/v1/applications/:id/decision.pdf': readSpec('approved', (a) => `/api/v1/applications/${a.id}/decision.pdf`),
  'PUT /api/v1/applications/:id/draft': {
    allow: { citizen: 'own' },
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: async (world, role, scope) => {
      const a = await freshApplication(world, role, scope, 'draft');
      return {
        method: 'PUT',
        url: `/api/v1/applications/${a.id}/draft`,
        payload: { answers: { family_name: 'ZHANG' }, missionCode: 'US-WAS', version: a.version },
      };
    },
  },
  'POST /api/v1/applications/:id/documents': {
    allow: { citizen: 'own' },
    okStatus: 201,
    denied: 403,
    outOfScope: 404,
    build: async (world, role, scope) => {
      const a = await freshApplication(world, role, scope, 'draft');
      return {
        method: 'POST',
        url: `/api/v1/applications/${a.id}/documents`,
        headers: { 'content-type': 'image/png', 'x-file-name': 'photo.png', 'x-document-field': 'photo' },
        payload: Buffer.from(PHOTO),
      };
    },
  },
  'POST /api/v1/applications/:id/submit': {
    allow: { citizen: 'own' },
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: async (world, role, scope) => {
      const a = await freshApplication(world, role, scope, 'draft');
      return { method: 'POST', url: `/api/v1/applications/${a.id}/submit`, payload: { version: a.version } };
    },
  },
  'POST /api/v1/applications/:id/decisions': {
    allow: DECIDERS,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: async (world, role, scope) => {
      const a = await freshApplication(world, role, scope, 'submitted');
      return {
        method: 'POST',
        url: `/api/v1/applications/${a.id}/decisions`,
        payload: { action: 'approve', version: a.version },
      };
    },
  },
};
