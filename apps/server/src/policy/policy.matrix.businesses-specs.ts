import { STAFF_CSV_COLUMNS } from '@homeward/shared';
import { isoNow, newId } from '../clock.ts';
import { insertBusiness, insertSite } from '../modules/businesses/businesses.repo.ts';
import { createUser } from '../modules/users/users.service.ts';
import { ACCOUNT_OF, EVERY_ROLE, get, type MatrixWorld, type RouteSpec, type Scope } from './policy.matrix.world.ts';

/**
 * Specs for organisation accounts (the citizen's own organisation vs someone else's) and the console's
 * enterprises (own: the demo enterprise's Washington DC site, answered for by US-WAS; other: its Tokyo site).
 */

const CITIZEN_OWN = { citizen: 'own' } as const;
const CITIZEN_ANY = { citizen: 'any' } as const;
const ENTERPRISE_LISTS = {
  hq_admin: 'any',
  hotline_agent: 'any',
  consular_officer: 'any',
  mission_head: 'any',
} as const;
const ENTERPRISE_SITE = {
  hq_admin: 'any',
  hotline_agent: 'any',
  consular_officer: 'own',
  mission_head: 'own',
} as const;

const ORGANISATION = { name: 'Matrix Probe Ltd', registrationNumber: 'MATRIX-1', sector: 'other' } as const;
const SITE = {
  name: 'Matrix Site',
  countryCode: 'US',
  regionCode: 'US-DC',
  cityId: 4140963,
  headcount: 1,
  securityContactName: 'MATRIX PROBE',
  securityContactPhone: '+12025550100',
} as const;
const VALID_CSV = `${STAFF_CSV_COLUMNS.join(',')}\r\nMatrix Site,PROBE,MATRIX,,,,+12025550101,,,en\r\n`;

async function userIdOf(world: MatrixWorld, email: string): Promise<string> {
  const row = await world.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  return row.id;
}

/** An organisation with one DC site and one rejected import, owned by `ownerId`. */
async function insertOrganisation(world: MatrixWorld, ownerId: string) {
  const now = isoNow();
  const ids = { organisation: newId(), site: newId(), rejectedImport: newId() };
  await insertBusiness(world.db, {
    id: ids.organisation,
    ...ORGANISATION,
    ownerUserId: ownerId,
    createdAt: now,
    updatedAt: now,
  });
  await insertSite(world.db, {
    id: ids.site,
    businessId: ids.organisation,
    ...SITE,
    lat: 38.9,
    lon: -77,
    securityContactEmail: null,
    createdAt: now,
    updatedAt: now,
  });
  await world.db
    .insertInto('staffImports')
    .values({
      id: ids.rejectedImport,
      businessId: ids.organisation,
      userId: ownerId,
      fileName: 'matrix.csv',
      status: 'rejected',
      rowCount: 1,
      importedCount: 0,
      errors: JSON.stringify([{ line: 2, column: 'phone', code: 'phone_invalid' }]),
      createdAt: now,
    })
    .execute();
  return ids;
}

type OrganisationIds = Awaited<ReturnType<typeof insertOrganisation>>;

/** The demo citizen's probe organisation (own) and a stranger's (other), made once per world. */
async function organisationFor(world: MatrixWorld, scope: Scope): Promise<OrganisationIds> {
  let pair = world.cache.get('organisations') as Record<Scope, OrganisationIds> | undefined;
  if (!pair) {
    const stranger = await createUser(world.db, {
      email: `matrix.org-owner.${Date.now().toString(36)}@example.org`,
      password: 'matrix probe passphrase 8412',
      displayName: 'MATRIX OWNER',
      role: 'citizen',
    });
    pair = {
      own: await insertOrganisation(world, await userIdOf(world, ACCOUNT_OF.citizen)),
      other: await insertOrganisation(world, stranger.id),
    };
    world.cache.set('organisations', pair);
  }
  return pair[scope];
}

/** A fresh organisation to delete (the citizen's own, or a stranger's that must survive). */
async function disposableOrganisation(world: MatrixWorld, scope: Scope): Promise<OrganisationIds> {
  const owner = scope === 'own' ? await userIdOf(world, ACCOUNT_OF.citizen) : null;
  if (owner) return insertOrganisation(world, owner);
  return organisationFor(world, 'other');
}

/** The demo enterprise's Washington DC site (own: US-WAS) or its Tokyo site (other: JP-TYO). */
async function demoSite(world: MatrixWorld, scope: Scope): Promise<string> {
  const row = await world.db
    .selectFrom('businessSites')
    .innerJoin('businesses', 'businesses.id', 'businessSites.businessId')
    .select('businessSites.id')
    .where('businesses.registrationNumber', '=', '91110000MA01HW0D2X')
    .where('businessSites.countryCode', '=', scope === 'own' ? 'US' : 'JP')
    .executeTakeFirstOrThrow();
  return row.id;
}

const org = (path: string, spec: Omit<RouteSpec, 'build' | 'denied' | 'outOfScope'> & Partial<RouteSpec>) =>
  ({
    denied: 403,
    outOfScope: 404,
    build: async (world: MatrixWorld, _role: unknown, scope: Scope) => {
      const ids = await organisationFor(world, scope);
      return { method: 'GET' as const, url: path.replace(':id', ids.organisation).replace(':siteId', ids.site) };
    },
    ...spec,
  }) as RouteSpec;

export const BUSINESS_SPECS: Record<string, RouteSpec> = {
  'GET /api/v1/organisations': {
    allow: CITIZEN_ANY,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: get('/api/v1/organisations'),
  },
  'POST /api/v1/organisations': {
    allow: CITIZEN_ANY,
    okStatus: 201,
    denied: 403,
    outOfScope: 404,
    build: () => ({ method: 'POST', url: '/api/v1/organisations', payload: ORGANISATION }),
  },
  'GET /api/v1/organisations/:id': org('/api/v1/organisations/:id', { allow: CITIZEN_OWN, okStatus: 200 }),
  'PUT /api/v1/organisations/:id': org('', {
    allow: CITIZEN_OWN,
    okStatus: 200,
    build: async (world, _role, scope) => ({
      method: 'PUT',
      url: `/api/v1/organisations/${(await organisationFor(world, scope)).organisation}`,
      payload: ORGANISATION,
    }),
  }),
  'DELETE /api/v1/organisations/:id': org('', {
    allow: CITIZEN_OWN,
    okStatus: 204,
    build: async (world, role, scope) => ({
      method: 'DELETE',
      url: `/api/v1/organisations/${(role === 'citizen' ? await disposableOrganisation(world, scope) : await organisationFor(world, scope)).organisation}`,
    }),
  }),
  'GET /api/v1/organisations/:id/sites': org('/api/v1/organisations/:id/sites', { allow: CITIZEN_OWN, okStatus: 200 }),
  'POST /api/v1/organisations/:id/sites': org('', {
    allow: CITIZEN_OWN,
    okStatus: 201,
    build: async (world, _role, scope) => ({
      method: 'POST',
      url: `/api/v1/organisations/${(await organisationFor(world, scope)).organisation}/sites`,
      payload: { ...SITE, name: 'Matrix Extra Site' },
    }),
  }),
  'GET /api/v1/organisations/:id/sites/:siteId': org('/api/v1/organisations/:id/sites/:siteId', {
    allow: CITIZEN_OWN,
    okStatus: 200,
  }),
  'PUT /api/v1/organisations/:id/sites/:siteId': org('', {
    allow: CITIZEN_OWN,
    okStatus: 200,
    build: async (world, _role, scope) => {
      const ids = await organisationFor(world, scope);
      return { method: 'PUT', url: `/api/v1/organisations/${ids.organisation}/sites/${ids.site}`, payload: SITE };
    },
  }),
  'DELETE /api/v1/organisations/:id/sites/:siteId': org('', {
    allow: CITIZEN_OWN,
    okStatus: 204,
    build: async (world, role, scope) => {
      const ids = role === 'citizen' ? await disposableOrganisation(world, scope) : await organisationFor(world, scope);
      return { method: 'DELETE', url: `/api/v1/organisations/${ids.organisation}/sites/${ids.site}` };
    },
  }),
  'GET /api/v1/organisations/staff-template.csv': {
    allow: EVERY_ROLE,
    anonymous: 'allow',
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: get('/api/v1/organisations/staff-template.csv'),
  },
  'POST /api/v1/organisations/:id/staff-imports': org('', {
    allow: CITIZEN_OWN,
    okStatus: 201,
    build: async (world, _role, scope) => ({
      method: 'POST',
      url: `/api/v1/organisations/${(await organisationFor(world, scope)).organisation}/staff-imports`,
      headers: { 'content-type': 'text/csv' },
      payload: VALID_CSV,
    }),
  }),
  'GET /api/v1/organisations/:id/staff-imports': org('/api/v1/organisations/:id/staff-imports', {
    allow: CITIZEN_OWN,
    okStatus: 200,
  }),
  'GET /api/v1/organisations/:id/staff-imports/:importId/errors.csv': org('', {
    allow: CITIZEN_OWN,
    okStatus: 200,
    build: async (world, _role, scope) => {
      const ids = await organisationFor(world, scope);
      return {
        method: 'GET',
        url: `/api/v1/organisations/${ids.organisation}/staff-imports/${ids.rejectedImport}/errors.csv`,
      };
    },
  }),
  'GET /api/v1/organisations/:id/staff': org('/api/v1/organisations/:id/staff', { allow: CITIZEN_OWN, okStatus: 200 }),

  'GET /api/v1/enterprises/summary': {
    allow: ENTERPRISE_LISTS,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: get('/api/v1/enterprises/summary'),
  },
  'GET /api/v1/enterprises/sites': {
    allow: ENTERPRISE_LISTS,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: get('/api/v1/enterprises/sites?pageSize=5'),
  },
  'GET /api/v1/enterprises/sites/:siteId': {
    allow: ENTERPRISE_SITE,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: async (world, _role, scope) => ({
      method: 'GET',
      url: `/api/v1/enterprises/sites/${await demoSite(world, scope)}`,
    }),
  },
  'GET /api/v1/enterprises/sites/:siteId/staff': {
    allow: ENTERPRISE_SITE,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: async (world, _role, scope) => ({
      method: 'GET',
      url: `/api/v1/enterprises/sites/${await demoSite(world, scope)}/staff`,
    }),
  },
};
