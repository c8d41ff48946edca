import { ROLES, type Role } from '@homeward/shared';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, JSON_WRITE, signInAs } from '../../test/support/app.ts';
import { describeEachDialect } from '../../test/support/db.ts';
import type { App } from '../http/app-types.ts';
import { DEMO_PASSWORD } from '../modules/demo/demo.accounts.ts';
import { type MatrixWorld, ROUTE_SPECS, type Scope } from './policy.matrix.specs.ts';

/**
 * Every registered API route × every role × every scope (own mission or own record, other mission or
 * other person's record) and anonymous, against an expectation table written by hand in
 * policy.matrix.specs.ts. A route without a spec fails the test, so new routes cannot skip it.
 */
const ROLE_ACCOUNTS: Record<Role, string> = {
  hq_admin: 'admin@demo.homeward.example',
  hotline_agent: 'agent@demo.homeward.example',
  consular_officer: 'officer.us@demo.homeward.example',
  mission_head: 'head.us@demo.homeward.example',
  alert_manager: 'alerts@demo.homeward.example',
  health_issuer: 'health@demo.homeward.example',
  auditor: 'auditor@demo.homeward.example',
  citizen: 'citizen@demo.homeward.example',
};

const SCOPES: Scope[] = ['own', 'other'];

function apiRoutes(app: App): string[] {
  return [
    ...new Set(
      app.routeTable
        .filter((r) => r.policy !== null && r.method !== 'HEAD' && r.url !== '/api/openapi.json')
        .map((r) => `${r.method} ${r.url}`),
    ),
  ].sort();
}

describeEachDialect('policy matrix: route × role × scope', (getDb) => {
  let app: App;
  let world: MatrixWorld;
  beforeAll(async () => {
    app = await buildTestApp(getDb());
    const cookies = {} as Record<Role, string>;
    for (const role of ROLES) cookies[role] = await signInAs(app, ROLE_ACCOUNTS[role], DEMO_PASSWORD);
    world = { app, db: getDb().db, cookies, cache: new Map() };
  });
  afterAll(async () => {
    await app.close();
  });
  // Hundreds of sign-ins and sign-ups from one address would trip the throttles the matrix does not test.
  beforeEach(async () => {
    await getDb().db.deleteFrom('throttles').execute();
  });

  it('has a spec for every registered route, and no spec for a route that does not exist', () => {
    const registered = apiRoutes(app);
    const specified = Object.keys(ROUTE_SPECS).sort();
    expect(registered.filter((r) => !specified.includes(r))).toEqual([]);
    expect(specified.filter((r) => !registered.includes(r))).toEqual([]);
  });

  for (const [route, spec] of Object.entries(ROUTE_SPECS)) {
    describe(route, () => {
      it('anonymous', async () => {
        const request: InjectOptions = await spec.build(world, null, 'own');
        const response = await app.inject({ ...request, headers: { ...JSON_WRITE, ...request.headers } });
        const expected = spec.anonymous === 'allow' ? spec.okStatus : 401;
        expect(response.statusCode, `${route} as anonymous: ${response.body?.slice(0, 200)}`).toBe(expected);
      });
      for (const role of ROLES) {
        for (const scope of SCOPES) {
          it(`${role} × ${scope}`, async () => {
            const request = await spec.build(world, role, scope);
            // A spec may bring its own session (sign-out ends the one it is given); otherwise the role's.
            const headers = { ...JSON_WRITE, cookie: world.cookies[role], ...request.headers };
            const response = await app.inject({ ...request, headers });
            await spec.after?.(world, role);
            const rule = spec.allow[role];
            const allowed = rule === 'any' || (rule === 'own' && scope === 'own');
            const expected = allowed ? spec.okStatus : rule === 'own' ? spec.outOfScope : spec.denied;
            expect(response.statusCode, `${route} as ${role} (${scope}): ${response.body?.slice(0, 200)}`).toBe(
              expected,
            );
          });
        }
      }
    });
  }
});
