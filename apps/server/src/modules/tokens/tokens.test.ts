import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, JSON_WRITE, signInAs } from '../../../test/support/app.ts';
import { describeEachDialect } from '../../../test/support/db.ts';
import type { App } from '../../http/app-types.ts';
import { DEMO_PASSWORD } from '../demo/demo.accounts.ts';

describeEachDialect('API tokens', (getDb) => {
  let app: App;
  let admin: string;
  beforeAll(async () => {
    app = await buildTestApp(getDb());
    admin = await signInAs(app, 'admin@demo.homeward.example', DEMO_PASSWORD);
  });
  afterAll(async () => {
    await app.close();
  });

  const create = async (payload: Record<string, unknown>) => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { ...JSON_WRITE, cookie: admin },
      payload,
    });
    return response;
  };
  const bearer = (value: string) => ({ authorization: `Bearer ${value}` });

  it('shows the value once, keeps only its hash, and authenticates a scoped read without a CSRF header', async () => {
    const created = await create({ name: 'registry sync', scopes: ['staff:read'] });
    expect(created.statusCode).toBe(201);
    const { token, value } = created.json();
    expect(value).toMatch(/^hw_[\w-]{43}$/);
    expect(token).toMatchObject({ name: 'registry sync', scopes: ['staff:read'], lastUsedAt: null, revokedAt: null });
    const row = await getDb()
      .db.selectFrom('apiTokens')
      .selectAll()
      .where('id', '=', token.id)
      .executeTakeFirstOrThrow();
    expect(row.tokenHash).toBe(createHash('sha256').update(value).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(value);

    const staff = await app.inject({ url: '/api/v1/staff', headers: bearer(value) });
    expect(staff.statusCode).toBe(200);
    expect(staff.json().total).toBeGreaterThan(0);
    const listed = await app.inject({ url: '/api/v1/tokens', headers: { cookie: admin } });
    const shown = listed.json().find((t: { id: string }) => t.id === token.id);
    expect(shown.lastUsedAt).toMatch(/^\d{4}-/);
    expect(JSON.stringify(listed.json())).not.toContain(value);
    expect(JSON.stringify(listed.json())).not.toContain(row.tokenHash);
    const [entry] = await getDb()
      .db.selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'token.create')
      .where('recordId', '=', token.id)
      .execute();
    expect(JSON.parse(entry?.details ?? '{}')).toMatchObject({ name: 'registry sync', scopes: ['staff:read'] });
  });

  it('refuses routes whose scope the token lacks, and routes that declare none', async () => {
    const { value } = (await create({ name: 'missions only', scopes: ['missions:read'] })).json();
    const staff = await app.inject({ url: '/api/v1/staff', headers: { ...bearer(value), 'accept-language': 'en' } });
    expect(staff.statusCode).toBe(403);
    expect(staff.json()).toMatchObject({ code: 'token_scope', title: 'This API token does not allow this' });
    const { value: reader } = (await create({ name: 'reader', scopes: ['staff:read'] })).json();
    expect((await app.inject({ url: '/api/v1/tokens', headers: bearer(reader) })).json().code).toBe('token_scope');
    const write = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { ...bearer(reader), 'content-type': 'application/json' },
      payload: { name: 'escalate', scopes: ['audit:read'] },
    });
    expect(write.statusCode).toBe(403);
    expect(write.json().code).toBe('token_scope');
    // Public routes stay public for token callers.
    expect((await app.inject({ url: '/api/v1/missions', headers: bearer(reader) })).statusCode).toBe(200);
  });

  it('refuses revoked, expired, unknown and malformed tokens, and tokens of a disabled owner', async () => {
    const { token, value } = (await create({ name: 'to revoke', scopes: ['staff:read'] })).json();
    const revoke = await app.inject({
      method: 'DELETE',
      url: `/api/v1/tokens/${token.id}`,
      headers: { ...JSON_WRITE, cookie: admin },
    });
    expect(revoke.statusCode).toBe(204);
    expect((await app.inject({ url: '/api/v1/staff', headers: bearer(value) })).statusCode).toBe(401);
    const again = await app.inject({
      method: 'DELETE',
      url: `/api/v1/tokens/${token.id}`,
      headers: { ...JSON_WRITE, cookie: admin },
    });
    expect(again.statusCode).toBe(204);
    const revocations = await getDb()
      .db.selectFrom('auditLog')
      .select('id')
      .where('action', '=', 'token.revoke')
      .where('recordId', '=', token.id)
      .execute();
    expect(revocations).toHaveLength(1);
    const missing = await app.inject({
      method: 'DELETE',
      url: '/api/v1/tokens/nope',
      headers: { ...JSON_WRITE, cookie: admin },
    });
    expect(missing.statusCode).toBe(404);

    const expiring = (
      await create({ name: 'short', scopes: ['staff:read'], expiresAt: new Date(Date.now() + 60_000).toISOString() })
    ).json();
    expect((await app.inject({ url: '/api/v1/staff', headers: bearer(expiring.value) })).statusCode).toBe(200);
    await getDb()
      .db.updateTable('apiTokens')
      .set({ expiresAt: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', expiring.token.id)
      .execute();
    expect((await app.inject({ url: '/api/v1/staff', headers: bearer(expiring.value) })).statusCode).toBe(401);
    const past = await create({ name: 'past', scopes: ['staff:read'], expiresAt: '2020-01-01T00:00:00.000Z' });
    expect(past.statusCode).toBe(400);
    expect(past.json().errors[0].field).toBe('/expiresAt');

    for (const forged of ['hw_forged', 'not-a-token', `hw_${'A'.repeat(43)}`]) {
      expect((await app.inject({ url: '/api/v1/staff', headers: bearer(forged) })).statusCode).toBe(401);
    }

    const { value: live } = (await create({ name: 'owner leaves', scopes: ['staff:read'] })).json();
    await getDb()
      .db.updateTable('users')
      .set({ status: 'disabled' })
      .where('email', '=', 'admin@demo.homeward.example')
      .execute();
    try {
      expect((await app.inject({ url: '/api/v1/staff', headers: bearer(live) })).statusCode).toBe(401);
    } finally {
      await getDb()
        .db.updateTable('users')
        .set({ status: 'active' })
        .where('email', '=', 'admin@demo.homeward.example')
        .execute();
    }
  });

  it('is managed by HQ administrators only, with known scopes', async () => {
    const officer = await signInAs(app, 'officer.us@demo.homeward.example', DEMO_PASSWORD);
    expect((await app.inject({ url: '/api/v1/tokens', headers: { cookie: officer } })).statusCode).toBe(403);
    const unknownScope = await create({ name: 'x', scopes: ['everything'] });
    expect(unknownScope.statusCode).toBe(400);
    expect((await create({ name: 'x', scopes: [] })).statusCode).toBe(400);
  });
});
