import type { Role } from '@homeward/shared';
import { isoNow, newId } from '../clock.ts';
import { insertPersons, insertPresences } from '../modules/registry/registry.repo.ts';
import { get, type MatrixWorld, type RouteSpec, type Scope } from './policy.matrix.world.ts';

/** Specs for the staff side of the registry: map counts, table, person page, export (issue 4, point 4). */

const READERS = { hq_admin: 'any', hotline_agent: 'any', consular_officer: 'any', mission_head: 'any' } as const;

/** A person living in Virginia (US-WAS's district: own) or in Tokyo (JP-TYO's: other), inserted once per world. */
async function personIn(world: MatrixWorld, scope: Scope): Promise<string> {
  let ids = world.cache.get('registrants') as Record<Scope, string> | undefined;
  if (!ids) {
    const now = isoNow();
    const make = async (regionCode: string, countryCode: string) => {
      const id = newId();
      await insertPersons(world.db, [
        {
          id,
          userId: null,
          familyName: 'MATRIX',
          givenName: regionCode,
          locale: 'zh-CN',
          createdAt: now,
          updatedAt: now,
        },
      ]);
      await insertPresences(world.db, [
        {
          id: newId(),
          personId: id,
          dependentId: null,
          kind: 'residence',
          countryCode,
          regionCode,
          cityId: null,
          lat: null,
          lon: null,
          preciseConsent: false,
          arrivalOn: '2024-01-01',
          departureOn: null,
          purpose: null,
          createdAt: now,
        },
      ]);
      return id;
    };
    ids = { own: await make('US-VA', 'US'), other: await make('JP-13', 'JP') };
    world.cache.set('registrants', ids);
  }
  return ids[scope];
}

export const REGISTRANTS_SPECS: Record<string, RouteSpec> = {
  'GET /api/v1/registrants/summary': {
    allow: READERS,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: get('/api/v1/registrants/summary?country=US'),
  },
  'GET /api/v1/registrants': {
    allow: READERS,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: get('/api/v1/registrants?country=US&pageSize=5'),
  },
  'POST /api/v1/registrants/export': {
    allow: READERS,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: () => ({
      method: 'POST',
      url: '/api/v1/registrants/export',
      payload: { reason: 'policy matrix probe export', country: 'US', region: 'US-VA' },
    }),
  },
  'GET /api/v1/registrants/:personId': {
    allow: { hq_admin: 'any', hotline_agent: 'any', consular_officer: 'own', mission_head: 'own' },
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: async (world, _role: Role | null, scope) => ({
      method: 'GET',
      url: `/api/v1/registrants/${await personIn(world, scope)}`,
    }),
  },
};
