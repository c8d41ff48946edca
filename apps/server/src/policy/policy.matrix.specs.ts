import type { Role } from '@homeward/shared';
import { DEMO_PASSWORD } from '../modules/demo/demo.accounts.ts';
import { ACCOUNT_SPECS } from './policy.matrix.account-specs.ts';
import { ADVISORIES_SPECS } from './policy.matrix.advisories-specs.ts';
import { ALERTS_SPECS } from './policy.matrix.alerts-specs.ts';
import { APPOINTMENTS_SPECS } from './policy.matrix.appointments-specs.ts';
import { BUSINESS_SPECS } from './policy.matrix.businesses-specs.ts';
import { CAMPAIGNS_SPECS } from './policy.matrix.campaigns-specs.ts';
import { CASES_SPECS } from './policy.matrix.cases-specs.ts';
import { CERTIFICATE_SPECS } from './policy.matrix.certificates-specs.ts';
import { DASHBOARD_SPECS } from './policy.matrix.dashboard-specs.ts';
import { GUIDANCE_SPECS } from './policy.matrix.guidance-specs.ts';
import { HELP_SPECS } from './policy.matrix.help-specs.ts';
import { HOTLINE_SPECS } from './policy.matrix.hotline-specs.ts';
import { NOTIFICATIONS_SPECS } from './policy.matrix.notifications-specs.ts';
import { REGISTRANTS_SPECS } from './policy.matrix.registrants-specs.ts';
import { REGISTRY_SPECS } from './policy.matrix.registry-specs.ts';
import { SERVICES_SPECS } from './policy.matrix.services-specs.ts';
import { TARGETING_SPECS } from './policy.matrix.targeting-specs.ts';
import { EVERY_ROLE, freshCookie, get, type MatrixWorld, type RouteSpec, type Scope } from './policy.matrix.world.ts';

export type { MatrixWorld, Scope };

function publicGet(url: string): RouteSpec {
  return { allow: EVERY_ROLE, anonymous: 'allow', okStatus: 200, denied: 403, outOfScope: 404, build: get(url) };
}

const CASE_READERS = {
  hq_admin: 'any',
  hotline_agent: 'any',
  consular_officer: 'own',
  mission_head: 'own',
  citizen: 'own',
} as const;

/** The id of a case in the given scope for the role (cached per world). */
async function caseIdFor(world: MatrixWorld, role: Role | null, scope: Scope): Promise<string> {
  let ids = world.cache.get('cases') as Record<string, string> | undefined;
  if (!ids) {
    const citizen = await world.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'citizen@demo.homeward.example')
      .executeTakeFirstOrThrow();
    const rows = await world.db.selectFrom('cases').select(['id', 'missionCode', 'reporterUserId']).execute();
    const find = (pick: (r: (typeof rows)[number]) => boolean) => rows.find(pick)?.id ?? 'missing';
    ids = {
      citizenOwn: find((r) => r.reporterUserId === citizen.id),
      citizenOther: find((r) => r.reporterUserId !== citizen.id),
      missionOwn: find((r) => r.missionCode === 'US-WAS' && r.reporterUserId !== citizen.id),
      missionOther: find((r) => r.missionCode === 'JP-TYO'),
    };
    world.cache.set('cases', ids);
  }
  if (role === 'citizen') return (scope === 'own' ? ids.citizenOwn : ids.citizenOther) as string;
  return (scope === 'own' ? ids.missionOwn : ids.missionOther) as string;
}

export const ROUTE_SPECS: Record<string, RouteSpec> = {
  'GET /healthz': publicGet('/healthz'),
  'GET /readyz': publicGet('/readyz'),
  'GET /metrics': publicGet('/metrics'),
  'GET /api/v1/meta': publicGet('/api/v1/meta'),
  'GET /api/v1/countries': publicGet('/api/v1/countries'),
  'GET /api/v1/missions': publicGet('/api/v1/missions?country=US'),
  'GET /api/v1/missions/:code': publicGet('/api/v1/missions/US-WAS'),
  'PUT /api/v1/missions/:code': {
    allow: { hq_admin: 'any' },
    okStatus: 200,
    denied: 403,
    outOfScope: 403,
    // Sends the mission back as it is, so every allowed call succeeds and the district never moves.
    build: async (world) => {
      const {
        code: _code,
        phoneDisplay: _display,
        ...fields
      } = (await world.app.inject('/api/v1/missions/US-WAS')).json();
      return { method: 'PUT', url: '/api/v1/missions/US-WAS', payload: { ...fields, reason: 'policy matrix probe' } };
    },
  },

  'POST /api/v1/auth/sign-in': {
    allow: EVERY_ROLE,
    anonymous: 'allow',
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    // A deliberately unknown cookie: signing in must not end the role's own matrix session.
    build: () => ({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: { cookie: 'hw_session=unknown' },
      payload: { email: 'citizen@demo.homeward.example', password: DEMO_PASSWORD },
    }),
  },
  'POST /api/v1/auth/sign-out': {
    allow: EVERY_ROLE,
    anonymous: 'allow',
    okStatus: 204,
    denied: 403,
    outOfScope: 404,
    build: async (world, role) => ({
      method: 'POST',
      url: '/api/v1/auth/sign-out',
      headers: await freshCookie(world, role),
    }),
  },
  'GET /api/v1/auth/me': {
    allow: EVERY_ROLE,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: get('/api/v1/auth/me'),
  },

  'GET /api/v1/audit': {
    allow: { auditor: 'any', hq_admin: 'any' },
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: get('/api/v1/audit?pageSize=5'),
  },

  'GET /api/v1/cases': {
    allow: { hq_admin: 'any', hotline_agent: 'any', consular_officer: 'any', mission_head: 'any', citizen: 'any' },
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: get('/api/v1/cases'),
  },
  'GET /api/v1/cases/:id': {
    allow: CASE_READERS,
    okStatus: 200,
    denied: 404,
    outOfScope: 404,
    build: async (world, role, scope) => ({
      method: 'GET',
      url: `/api/v1/cases/${await caseIdFor(world, role, scope)}`,
    }),
  },
  'POST /api/v1/cases': {
    allow: { hq_admin: 'any', hotline_agent: 'any', consular_officer: 'own', mission_head: 'own' },
    okStatus: 201,
    denied: 403,
    outOfScope: 403,
    build: (_world, _role, scope) => ({
      method: 'POST',
      url: '/api/v1/cases',
      payload: {
        missionCode: scope === 'own' ? 'US-WAS' : 'JP-TYO',
        category: 'other',
        priority: 'P4',
        summary: 'policy matrix probe',
        subjectName: 'MATRIX PROBE',
      },
    }),
  },

  ...ACCOUNT_SPECS,
  ...ADVISORIES_SPECS,
  ...ALERTS_SPECS,
  ...APPOINTMENTS_SPECS,
  ...BUSINESS_SPECS,
  ...CAMPAIGNS_SPECS,
  ...CASES_SPECS,
  ...CERTIFICATE_SPECS,
  ...HOTLINE_SPECS,
  ...NOTIFICATIONS_SPECS,
  ...DASHBOARD_SPECS,
  ...GUIDANCE_SPECS,
  ...HELP_SPECS,
  ...REGISTRANTS_SPECS,
  ...REGISTRY_SPECS,
  ...SERVICES_SPECS,
  ...TARGETING_SPECS,
};
