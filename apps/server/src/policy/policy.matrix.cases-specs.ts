import type { Role } from '@homeward/shared';
import type { InjectOptions } from 'fastify';
import { JSON_WRITE } from '../../test/support/app.ts';
import type { MatrixWorld, RouteSpec, Scope } from './policy.matrix.world.ts';

/**
 * Case management and incidents (issue 5, decision 0011). "own" is a case of US-WAS (the mission of the
 * officer and head under test) or the citizen's own case; "other" a case of JP-TYO or someone else's.
 * Changes run on a fresh case opened by HQ for each request, so every allowed call can succeed whatever ran
 * before it.
 */

const WORKERS = { hq_admin: 'any', consular_officer: 'own', mission_head: 'own' } as const;
const ANNOTATORS = { ...WORKERS, hotline_agent: 'any' } as const;

const missionOf = (scope: Scope) => (scope === 'own' ? 'US-WAS' : 'JP-TYO');

async function asAdmin(world: MatrixWorld, request: InjectOptions) {
  const response = await world.app.inject({
    ...request,
    headers: { ...JSON_WRITE, cookie: world.cookies.hq_admin, ...request.headers },
  });
  if (response.statusCode >= 300) throw new Error(`matrix setup failed: ${response.statusCode} ${response.body}`);
  return response.json();
}

/** A new case of the scope's mission, opened by HQ: { id, version, number }. */
async function freshCase(world: MatrixWorld, scope: Scope): Promise<{ id: string; version: number; number: string }> {
  return asAdmin(world, {
    method: 'POST',
    url: '/api/v1/cases',
    payload: {
      missionCode: missionOf(scope),
      category: 'other',
      priority: 'P4',
      summary: 'policy matrix probe',
      subjectName: 'MATRIX PROBE',
    },
  });
}

/** A demo case the role may or may not see: the citizen's own or someone else's; a mission's for staff. */
async function demoCase(world: MatrixWorld, role: Role | null, scope: Scope): Promise<string> {
  const citizen = await world.db
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'citizen@demo.homeward.example')
    .executeTakeFirstOrThrow();
  const rows = await world.db
    .selectFrom('cases')
    .select(['id', 'missionCode', 'reporterUserId', 'number'])
    .where('summary', '!=', 'policy matrix probe')
    .orderBy('number')
    .execute();
  const pick = (p: (r: (typeof rows)[number]) => boolean) => rows.find(p)?.id ?? 'missing';
  if (role === 'citizen') {
    return scope === 'own'
      ? pick((r) => r.reporterUserId === citizen.id)
      : pick((r) => r.reporterUserId !== citizen.id);
  }
  return scope === 'own'
    ? pick((r) => r.missionCode === 'US-WAS' && r.reporterUserId !== citizen.id)
    : pick((r) => r.missionCode === 'JP-TYO');
}

/** One incident per scope, declared by HQ once: in the US (own) and in Japan (other). */
async function incidentFor(world: MatrixWorld, scope: Scope): Promise<string> {
  const key = `incident:${scope}`;
  const cached = world.cache.get(key) as string | undefined;
  if (cached) return cached;
  const created = await asAdmin(world, {
    method: 'POST',
    url: '/api/v1/incidents',
    payload: { title: `matrix ${scope}`, kind: 'storm', countries: [scope === 'own' ? 'US' : 'JP'] },
  });
  world.cache.set(key, created.id);
  return created.id;
}

const onFreshCase =
  (suffix: string, payload: (kase: { id: string; version: number; number: string }) => unknown, method = 'POST') =>
  async (world: MatrixWorld, _role: Role | null, scope: Scope): Promise<InjectOptions> => {
    const kase = await freshCase(world, scope);
    return {
      method: method as InjectOptions['method'],
      url: `/api/v1/cases/${kase.id}${suffix}`,
      payload: payload(kase) as InjectOptions['payload'],
    };
  };

export const CASES_SPECS: Record<string, RouteSpec> = {
  'GET /api/v1/cases/:id/events': {
    allow: { hq_admin: 'any', hotline_agent: 'any', consular_officer: 'own', mission_head: 'own', citizen: 'own' },
    okStatus: 200,
    denied: 404,
    outOfScope: 404,
    build: async (world, role, scope) => ({
      method: 'GET',
      url: `/api/v1/cases/${await demoCase(world, role, scope)}/events`,
    }),
  },
  'PATCH /api/v1/cases/:id': {
    allow: WORKERS,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: onFreshCase('', (k) => ({ version: k.version, priority: 'P3' }), 'PATCH'),
  },
  'GET /api/v1/cases/:id/assignees': {
    allow: WORKERS,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: async (world, role, scope) => ({
      method: 'GET',
      url: `/api/v1/cases/${await demoCase(world, role === 'citizen' ? null : role, scope)}/assignees`,
    }),
  },
  'POST /api/v1/cases/:id/transitions': {
    allow: ANNOTATORS,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    // new → triaged: the one move the hotline may make too.
    build: onFreshCase('/transitions', (k) => ({ version: k.version, to: 'triaged' })),
  },
  'POST /api/v1/cases/:id/escalate': {
    allow: WORKERS,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: onFreshCase('/escalate', (k) => ({ version: k.version, reason: 'policy matrix probe' })),
  },
  'POST /api/v1/cases/:id/merge': {
    allow: WORKERS,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: async (world, _role, scope) => {
      const into = await freshCase(world, scope);
      const duplicate = await freshCase(world, scope);
      return {
        method: 'POST',
        url: `/api/v1/cases/${duplicate.id}/merge`,
        payload: { version: duplicate.version, intoNumber: into.number },
      };
    },
  },
  'POST /api/v1/cases/:id/notes': {
    allow: ANNOTATORS,
    okStatus: 201,
    denied: 403,
    outOfScope: 404,
    build: onFreshCase('/notes', () => ({ body: 'policy matrix probe', visibility: 'internal' })),
  },
  'POST /api/v1/cases/:id/messages': {
    allow: { ...WORKERS, citizen: 'own' },
    okStatus: 201,
    denied: 403,
    outOfScope: 404,
    build: async (world, role, scope) => ({
      method: 'POST',
      url: `/api/v1/cases/${await demoCase(world, role, scope)}/messages`,
      payload: { body: 'policy matrix probe' },
    }),
  },
  'POST /api/v1/cases/:id/tasks': {
    allow: WORKERS,
    okStatus: 201,
    denied: 403,
    outOfScope: 404,
    build: onFreshCase('/tasks', () => ({ title: 'policy matrix probe' })),
  },
  'PATCH /api/v1/cases/:id/tasks/:taskId': {
    allow: WORKERS,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: async (world, _role, scope) => {
      const kase = await freshCase(world, scope);
      const task = await asAdmin(world, {
        method: 'POST',
        url: `/api/v1/cases/${kase.id}/tasks`,
        payload: { title: 'policy matrix probe' },
      });
      return { method: 'PATCH', url: `/api/v1/cases/${kase.id}/tasks/${task.id}`, payload: { done: true } };
    },
  },
  'POST /api/v1/cases/:id/persons': {
    allow: WORKERS,
    okStatus: 201,
    denied: 403,
    outOfScope: 404,
    build: onFreshCase('/persons', () => ({ role: 'next_of_kin', name: 'MATRIX PROBE', relation: 'parent' })),
  },
  'DELETE /api/v1/cases/:id/persons/:personId': {
    allow: WORKERS,
    okStatus: 204,
    denied: 403,
    outOfScope: 404,
    build: async (world, _role, scope) => {
      const kase = await freshCase(world, scope);
      const person = await asAdmin(world, {
        method: 'POST',
        url: `/api/v1/cases/${kase.id}/persons`,
        payload: { role: 'next_of_kin', name: 'MATRIX PROBE' },
      });
      return { method: 'DELETE', url: `/api/v1/cases/${kase.id}/persons/${person.id}` };
    },
  },

  'GET /api/v1/incidents': {
    allow: { hq_admin: 'any', hotline_agent: 'any', consular_officer: 'any', mission_head: 'any' },
    okStatus: 200,
    denied: 403,
    outOfScope: 403,
    build: () => ({ method: 'GET', url: '/api/v1/incidents' }),
  },
  'POST /api/v1/incidents': {
    allow: WORKERS,
    okStatus: 201,
    denied: 403,
    // Mission staff declare incidents only in countries their missions cover.
    outOfScope: 403,
    build: (_world, _role, scope) => ({
      method: 'POST',
      url: '/api/v1/incidents',
      payload: { title: 'policy matrix probe', kind: 'flood', countries: [scope === 'own' ? 'US' : 'JP'] },
    }),
  },
  'GET /api/v1/incidents/:id': {
    allow: { hq_admin: 'any', hotline_agent: 'any', consular_officer: 'own', mission_head: 'own' },
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: async (world, _role, scope) => ({
      method: 'GET',
      url: `/api/v1/incidents/${await incidentFor(world, scope)}`,
    }),
  },
  'PATCH /api/v1/incidents/:id': {
    allow: WORKERS,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: async (world, _role, scope) => ({
      method: 'PATCH',
      url: `/api/v1/incidents/${await incidentFor(world, scope)}`,
      payload: { description: 'policy matrix probe' },
    }),
  },
  'DELETE /api/v1/incidents/:id': {
    allow: { hq_admin: 'any' },
    okStatus: 204,
    denied: 403,
    outOfScope: 403,
    // A fresh incident each time, declared by HQ, with no cases.
    build: async (world, _role, scope) => {
      const created = await asAdmin(world, {
        method: 'POST',
        url: '/api/v1/incidents',
        payload: { title: 'policy matrix probe', kind: 'other', countries: [scope === 'own' ? 'US' : 'JP'] },
      });
      return { method: 'DELETE', url: `/api/v1/incidents/${created.id}` };
    },
  },
  'GET /api/v1/incidents/:id/board': {
    allow: { hq_admin: 'any', hotline_agent: 'any', consular_officer: 'own', mission_head: 'own' },
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: async (world, _role, scope) => ({
      method: 'GET',
      url: `/api/v1/incidents/${await incidentFor(world, scope)}/board`,
    }),
  },
};
