import type { Role } from '@homeward/shared';
import type { InjectOptions } from 'fastify';
import { isoNow, newId } from '../clock.ts';
import { ACCOUNT_OF, type MatrixWorld, type RouteSpec } from './policy.matrix.world.ts';

/** Specs for the case dashboard and saved views (issue 5). */

const VIEW_KEEPERS = {
  hq_admin: 'own',
  hotline_agent: 'own',
  consular_officer: 'own',
  mission_head: 'own',
} as const;
const VIEW_LISTERS = { hq_admin: 'any', hotline_agent: 'any', consular_officer: 'any', mission_head: 'any' } as const;
let counter = 0;

async function userIdOf(world: MatrixWorld, role: Role): Promise<string> {
  const row = await world.db
    .selectFrom('users')
    .select('id')
    .where('email', '=', ACCOUNT_OF[role])
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A fresh saved view of the role's user (own) or of another staff member (other). */
async function viewFor(world: MatrixWorld, role: Role | null, own: boolean): Promise<string> {
  const owner: Role = own && role ? role : role === 'hq_admin' ? 'mission_head' : 'hq_admin';
  const id = newId();
  await world.db
    .insertInto('savedViews')
    .values({
      id,
      userId: await userIdOf(world, owner),
      area: 'cases',
      name: `matrix ${counter++}`,
      filters: '{}',
      createdAt: isoNow(),
    })
    .execute();
  return id;
}

export const DASHBOARD_SPECS: Record<string, RouteSpec> = {
  // Aggregate counts: a mission head sees their missions' figures, HQ all; no record is out of scope.
  'GET /api/v1/dashboard/cases': {
    allow: { hq_admin: 'any', mission_head: 'any' },
    okStatus: 200,
    denied: 403,
    outOfScope: 403,
    build: (): InjectOptions => ({ method: 'GET', url: '/api/v1/dashboard/cases' }),
  },
  'GET /api/v1/saved-views': {
    allow: VIEW_LISTERS,
    okStatus: 200,
    denied: 403,
    outOfScope: 403,
    build: (): InjectOptions => ({ method: 'GET', url: '/api/v1/saved-views?area=cases' }),
  },
  'POST /api/v1/saved-views': {
    allow: VIEW_LISTERS,
    okStatus: 201,
    denied: 403,
    outOfScope: 403,
    build: (): InjectOptions => ({
      method: 'POST',
      url: '/api/v1/saved-views',
      payload: { area: 'cases', name: `matrix post ${counter++}`, filters: { status: 'new' } },
    }),
  },
  'PUT /api/v1/saved-views/:id': {
    allow: VIEW_KEEPERS,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: async (world, role, scope): Promise<InjectOptions> => ({
      method: 'PUT',
      url: `/api/v1/saved-views/${await viewFor(world, role, scope === 'own')}`,
      payload: { area: 'cases', name: `matrix put ${counter++}`, filters: {} },
    }),
  },
  'DELETE /api/v1/saved-views/:id': {
    allow: VIEW_KEEPERS,
    okStatus: 204,
    denied: 403,
    outOfScope: 404,
    build: async (world, role, scope): Promise<InjectOptions> => ({
      method: 'DELETE',
      url: `/api/v1/saved-views/${await viewFor(world, role, scope === 'own')}`,
    }),
  },
};
