import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, JSON_WRITE, signInAs } from '../../test/support/app.ts';
import { describeEachDialect } from '../../test/support/db.ts';
import { DEMO_PASSWORD } from '../modules/demo/demo.accounts.ts';
import type { App } from './app-types.ts';

describeEachDialect('HTTP foundation', (getDb) => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp(getDb());
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers liveness and readiness with the engine in use', async () => {
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', database: getDb().dialect });
  });

  it('returns problem+json 404 for unknown API routes, titled in the asked language', async () => {
    const en = await app.inject({ url: '/api/v1/nothing-here', headers: { 'accept-language': 'en-GB' } });
    expect(en.statusCode).toBe(404);
    expect(en.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(en.json()).toMatchObject({ status: 404, code: 'route_not_found', title: 'There is no such address' });
    const zh = await app.inject({ url: '/api/v1/nothing-here', headers: { 'accept-language': 'zh-CN' } });
    expect(zh.json().title).toBe('没有这个地址');
  });

  it('rejects malformed JSON, wrong types and unknown fields with 400 naming the field', async () => {
    const url = '/api/v1/auth/sign-in';
    const malformed = await app.inject({ method: 'POST', url, headers: JSON_WRITE, payload: '{"email":' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().code).toBe('invalid_json');

    const wrongType = await app.inject({
      method: 'POST',
      url,
      headers: { ...JSON_WRITE, 'accept-language': 'en' },
      payload: { email: 'a@b.example', password: 42 },
    });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().errors).toEqual([{ field: '/password', message: 'password has the wrong type' }]);

    const unknown = await app.inject({
      method: 'POST',
      url,
      headers: { ...JSON_WRITE, 'accept-language': 'zh-CN' },
      payload: { email: 'a@b.example', password: 'x', admin: true },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([{ field: '/admin', message: '不接受字段admin' }]);

    const missing = await app.inject({
      method: 'POST',
      url,
      headers: { ...JSON_WRITE, 'accept-language': 'en' },
      payload: { password: 'x' },
    });
    expect(missing.json().errors).toEqual([{ field: '/email', message: 'Enter email' }]);
  });

  it('rejects oversized bodies with 413 and unsupported content types with 415', async () => {
    const big = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: JSON_WRITE,
      payload: JSON.stringify({ email: 'a@b.example', password: 'x'.repeat(getDb().config.bodyLimitBytes) }),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('body_too_large');
    const xml = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: { 'content-type': 'application/xml', 'x-requested-with': 'homeward' },
      payload: '<a/>',
    });
    expect(xml.statusCode).toBe(415);
    expect(xml.json().code).toBe('unsupported_media_type');
  });

  it('refuses a forged write on a staff session, changes nothing, and audits it', async () => {
    const cookie = await signInAs(app, 'admin@demo.homeward.example', DEMO_PASSWORD);
    const forged = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { 'content-type': 'application/json', cookie, origin: 'https://evil.example' },
      payload: { name: 'forged', scopes: ['audit:read'] },
    });
    expect(forged.statusCode).toBe(403);
    const tokens = await getDb().db.selectFrom('apiTokens').select('name').where('name', '=', 'forged').execute();
    expect(tokens).toEqual([]);
    const entry = await getDb()
      .db.selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'security.csrf_refused')
      .executeTakeFirst();
    expect(entry).toMatchObject({ actorRole: 'hq_admin' });
    expect(JSON.parse(entry?.details ?? '{}')).toMatchObject({ origin: 'https://evil.example' });
  });

  it('refuses cookie-style writes without the CSRF header', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: { 'content-type': 'application/json' },
      payload: { email: 'a@b.example', password: 'x' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('forbidden');
  });

  it('validates query strings and names the field', async () => {
    const response = await app.inject({ url: '/api/v1/missions?page=0', headers: { 'accept-language': 'en' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([{ field: '/querystring/page', message: 'page is out of range' }]);
  });

  it('serves an OpenAPI 3.1 document that lists every API route', async () => {
    const doc = (await app.inject('/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/meta', '/api/v1/missions', '/api/v1/missions/{code}', '/api/v1/auth/sign-in']),
    );
    const docs = await app.inject('/api/docs');
    expect([200, 302]).toContain(docs.statusCode);
  });

  it('documents the Idempotency-Key header on the routes that accept it, and only there', async () => {
    const doc = (await app.inject('/api/openapi.json')).json() as {
      paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
    };
    const takesKey = (path: string, method: string) =>
      (doc.paths[path]?.[method]?.parameters ?? []).some((p) => p.in === 'header' && p.name === 'idempotency-key');
    expect(takesKey('/api/v1/help-requests', 'post')).toBe(true);
    expect(takesKey('/api/v1/auth/sign-in', 'post')).toBe(false);
  });

  it('exposes Prometheus metrics including request durations', async () => {
    await app.inject('/healthz');
    const metrics = await app.inject('/metrics');
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toContain('homeward_http_request_duration_seconds_bucket');
  });

  it('echoes a sane request id and ignores a hostile one', async () => {
    const echoed = await app.inject({ url: '/healthz', headers: { 'x-request-id': 'req-12345678' } });
    expect(echoed.headers['x-request-id']).toBe('req-12345678');
    const hostile = await app.inject({ url: '/healthz', headers: { 'x-request-id': '<script>' } });
    expect(hostile.headers['x-request-id']).not.toBe('<script>');
  });
});
