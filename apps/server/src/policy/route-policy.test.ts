import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/support/app.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/db.ts';
import { buildApp } from '../app.ts';
import type { App } from '../http/app-types.ts';
import { decideRoute, PUBLIC, type RoutePolicy, rolesOnly, SIGNED_IN } from './route-policy.ts';

describe('decideRoute', () => {
  it('lets anyone through a public route', () => {
    expect(decideRoute(PUBLIC, null)).toBe('allow');
  });
  it('asks anonymous callers to sign in for signed-in and role routes', () => {
    expect(decideRoute(SIGNED_IN, null)).toBe('unauthenticated');
    expect(decideRoute(rolesOnly('hq_admin'), null)).toBe('unauthenticated');
  });
  it('admits only the listed roles', () => {
    expect(decideRoute(SIGNED_IN, { role: 'citizen' })).toBe('allow');
    expect(decideRoute(rolesOnly('hq_admin', 'auditor'), { role: 'auditor' })).toBe('allow');
    expect(decideRoute(rolesOnly('hq_admin'), { role: 'consular_officer' })).toBe('forbidden');
  });
  it('lets an API token through only where the route declares a scope the token holds', () => {
    const scoped: RoutePolicy = { ...rolesOnly('hq_admin'), scope: 'staff:read' };
    const admin = { role: 'hq_admin' as const };
    expect(decideRoute(scoped, admin, { scopes: ['staff:read'] })).toBe('allow');
    expect(decideRoute(scoped, admin, { scopes: ['missions:read', 'audit:read'] })).toBe('token_scope');
    expect(decideRoute(scoped, admin, { scopes: [] })).toBe('token_scope');
    expect(decideRoute(rolesOnly('hq_admin'), admin, { scopes: ['staff:read'] })).toBe('token_scope');
    expect(decideRoute(SIGNED_IN, admin, { scopes: ['staff:read'] })).toBe('token_scope');
    expect(decideRoute({ ...SIGNED_IN, scope: 'audit:read' }, admin, { scopes: ['audit:read'] })).toBe('allow');
    // The scope opens the door to tokens; the owner's role still has to fit.
    expect(decideRoute(scoped, { role: 'auditor' }, { scopes: ['staff:read'] })).toBe('forbidden');
    expect(decideRoute(PUBLIC, admin, { scopes: [] })).toBe('allow');
  });
  it('ignores scopes for session users', () => {
    const scoped: RoutePolicy = { ...rolesOnly('hq_admin'), scope: 'staff:read' };
    expect(decideRoute(scoped, { role: 'hq_admin' })).toBe('allow');
    expect(decideRoute(scoped, { role: 'hq_admin' }, null)).toBe('allow');
    expect(decideRoute(scoped, { role: 'auditor' })).toBe('forbidden');
  });
});

describe('every API route declares a policy', () => {
  let tdb: TestDatabase;
  let app: App;
  beforeAll(async () => {
    tdb = await createTestDatabase('sqlite');
    app = await buildTestApp(tdb, { seed: false });
  });
  afterAll(async () => {
    await app.close();
    await tdb.close();
  });

  it('has a policy on each /api, /healthz, /readyz and /metrics route', () => {
    const api = app.routeTable.filter(
      (r) => /^\/(api\/v1\/|healthz|readyz|metrics)/.test(r.url) && r.method !== 'HEAD',
    );
    expect(api.length).toBeGreaterThanOrEqual(9);
    expect(api.filter((r) => r.policy === null)).toEqual([]);
  });

  it('refuses to start when a route forgets its policy', async () => {
    const probe = await buildApp(
      { db: tdb.db, dialect: tdb.dialect, config: tdb.config, nudgeJobs: () => {} },
      { serveWebApps: false },
    );
    expect(() => probe.get('/api/v1/forgotten', async () => 'x')).toThrow(/declares no policy/);
    await probe.close();
  });
});
