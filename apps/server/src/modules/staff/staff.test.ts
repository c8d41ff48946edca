import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  buildTestApp,
  enrolNewStaff,
  JSON_WRITE,
  STRONG_PASSWORD,
  signInAs,
  totpCode,
} from '../../../test/support/app.ts';
import { describeEachDialect } from '../../../test/support/db.ts';
import type { App } from '../../http/app-types.ts';
import { DEMO_PASSWORD } from '../demo/demo.accounts.ts';

const ADMIN = 'admin@demo.homeward.example';

describeEachDialect('staff administration', (getDb) => {
  let app: App;
  let admin: string;
  beforeAll(async () => {
    app = await buildTestApp(getDb());
    admin = await signInAs(app, ADMIN, DEMO_PASSWORD);
  });
  afterAll(async () => {
    await app.close();
  });

  const send = (method: 'POST' | 'PATCH', url: string, payload: Record<string, unknown>, cookie = admin) =>
    app.inject({ method, url, headers: { ...JSON_WRITE, 'accept-language': 'en', cookie }, payload });
  const auditOf = (action: string, recordId: string) =>
    getDb()
      .db.selectFrom('auditLog')
      .selectAll()
      .where('action', '=', action)
      .where('recordId', '=', recordId)
      .orderBy('seq')
      .execute();

  it('is for HQ administrators only', async () => {
    expect((await app.inject('/api/v1/staff')).statusCode).toBe(401);
    const officer = await signInAs(app, 'officer.us@demo.homeward.example', DEMO_PASSWORD);
    const refused = await app.inject({ url: '/api/v1/staff', headers: { cookie: officer } });
    expect(refused.statusCode).toBe(403);
    const create = await send('POST', '/api/v1/staff', {}, officer);
    expect(create.statusCode).toBe(403);
  });

  it('lists staff with their missions and second factor, never citizens, and filters', async () => {
    const all = await app.inject({ url: '/api/v1/staff?pageSize=100', headers: { cookie: admin } });
    expect(all.statusCode).toBe(200);
    const page = all.json();
    expect(page.items.map((s: { role: string }) => s.role)).not.toContain('citizen');
    expect(page.total).toBe(page.items.length);
    const officer = page.items.find((s: { email: string }) => s.email === 'officer.us@demo.homeward.example');
    expect(officer).toMatchObject({
      role: 'consular_officer',
      missions: ['US-WAS'],
      status: 'active',
      totpEnabled: true,
    });
    expect(officer).not.toHaveProperty('passwordHash');
    const admins = (await app.inject({ url: '/api/v1/staff?pageSize=100', headers: { cookie: admin } })).json();
    expect(admins.items.find((s: { email: string }) => s.email === ADMIN).lastSignInAt).toMatch(/^\d{4}-/);

    const get = async (query: string) =>
      (await app.inject({ url: `/api/v1/staff?${query}`, headers: { cookie: admin } }))
        .json()
        .items.map((s: { email: string }) => s.email)
        .sort();
    expect(await get('mission=us-was')).toEqual(['head.us@demo.homeward.example', 'officer.us@demo.homeward.example']);
    expect(await get('role=auditor')).toEqual(['auditor@demo.homeward.example']);
    expect(await get('q=TOKYO')).toEqual(['officer.jp@demo.homeward.example']);
    expect(await get('q=50%25')).toEqual([]);
    expect(await get('status=disabled')).toEqual([]);
    const paged = (await app.inject({ url: '/api/v1/staff?pageSize=3&page=2', headers: { cookie: admin } })).json();
    expect(paged).toMatchObject({ page: 2, pageSize: 3, total: page.total });
    expect(paged.items).toHaveLength(3);
  });

  it('creates an account with a one-time setup link, audited, and refuses bad missions and taken emails', async () => {
    const created = await send('POST', '/api/v1/staff', {
      email: 'New.Officer@MFA.example',
      displayName: 'New Officer',
      role: 'consular_officer',
      missions: ['jp-tyo'],
      locale: 'en',
    });
    expect(created.statusCode).toBe(201);
    const { account, setupUrl } = created.json();
    expect(account).toMatchObject({
      email: 'new.officer@mfa.example',
      role: 'consular_officer',
      missions: ['JP-TYO'],
      status: 'active',
      totpEnabled: false,
      lastSignInAt: null,
    });
    expect(setupUrl).toMatch(/^http:\/\/localhost:\d+\/console\/setup\?token=[\w-]{43}$/);
    const [entry] = await auditOf('staff.create', account.id);
    expect(entry).toMatchObject({ actorRole: 'hq_admin' });
    expect(JSON.parse(entry?.details ?? '{}')).toMatchObject({ role: 'consular_officer', missions: ['JP-TYO'] });

    const again = await send('POST', '/api/v1/staff', { ...created.json().account, displayName: 'x', locale: 'en' });
    expect(again.statusCode).toBe(400); // unknown fields (id, status…) are refused by the schema
    const taken = await send('POST', '/api/v1/staff', {
      email: 'new.officer@mfa.example',
      displayName: 'Twin',
      role: 'hotline_agent',
      missions: [],
      locale: 'en',
    });
    expect(taken.statusCode).toBe(409);
    const bad = async (role: string, missions: string[]) =>
      (
        await send('POST', '/api/v1/staff', {
          email: `${role}@mfa.example`,
          displayName: 'x',
          role,
          missions,
          locale: 'en',
        })
      ).json();
    expect((await bad('mission_head', [])).errors[0].field).toBe('/missions');
    expect((await bad('consular_officer', ['ZZ-NOP'])).detail).toMatch(/unknown mission ZZ-NOP/);
    expect((await bad('auditor', ['US-WAS'])).detail).toMatch(/global/);
    expect((await bad('citizen', [])).errors[0].field).toBe('/role');
  });

  it('changes role, missions and status with a reason, audits before and after, and ends their sessions', async () => {
    const { id, cookie } = await enrolNewStaff(app, admin, {
      email: 'moving@mfa.example',
      role: 'consular_officer',
      missions: ['US-WAS'],
    });
    const noReason = await send('PATCH', `/api/v1/staff/${id}`, { missions: ['JP-TYO'] });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].field).toBe('/reason');

    const moved = await send('PATCH', `/api/v1/staff/${id}`, {
      missions: ['jp-tyo', 'US-NYC'],
      reason: 'posted to Tokyo',
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ role: 'consular_officer', missions: ['JP-TYO', 'US-NYC'] });
    expect((await app.inject({ url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(401);
    const [entry] = await auditOf('staff.update', id);
    expect(entry?.reason).toBe('posted to Tokyo');
    expect(JSON.parse(entry?.details ?? '{}')).toEqual({
      before: { role: 'consular_officer', missions: ['US-WAS'], status: 'active' },
      after: { role: 'consular_officer', missions: ['JP-TYO', 'US-NYC'], status: 'active' },
      sessionsEnded: 1,
    });

    const promoted = await send('PATCH', `/api/v1/staff/${id}`, { role: 'alert_manager', reason: 'new duties' });
    expect(promoted.json()).toMatchObject({ role: 'alert_manager', missions: [] });
    const disabled = await send('PATCH', `/api/v1/staff/${id}`, { status: 'disabled', reason: 'left the service' });
    expect(disabled.json().status).toBe('disabled');
    const signIn = await send(
      'POST',
      '/api/v1/auth/sign-in',
      { email: 'moving@mfa.example', password: STRONG_PASSWORD },
      '',
    );
    expect(signIn.statusCode).toBe(401);

    const self = (await app.inject({ url: '/api/v1/auth/me', headers: { cookie: admin } })).json().user.id;
    const demoteSelf = await send('PATCH', `/api/v1/staff/${self}`, { role: 'auditor', reason: 'oops' });
    expect(demoteSelf.statusCode).toBe(409);
    const citizen = await getDb()
      .db.selectFrom('users')
      .select('id')
      .where('role', '=', 'citizen')
      .executeTakeFirstOrThrow();
    expect((await send('PATCH', `/api/v1/staff/${citizen.id}`, { status: 'disabled', reason: 'x' })).statusCode).toBe(
      404,
    );
  });

  it('resets a second factor: app, password and sessions gone; a new single-use setup link brings them back', async () => {
    const email = 'lost.phone@mfa.example';
    const { id, cookie, secret } = await enrolNewStaff(app, admin, { email });
    const reset = await send('POST', `/api/v1/staff/${id}/reset-second-factor`, { reason: 'phone lost in Lagos' });
    expect(reset.statusCode).toBe(200);
    const token = new URL(reset.json().setupUrl).searchParams.get('token') ?? '';
    expect((await app.inject({ url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(401);
    const listed = (await app.inject({ url: `/api/v1/staff?q=lost.phone`, headers: { cookie: admin } })).json();
    expect(listed.items[0].totpEnabled).toBe(false);
    const oldPassword = await send('POST', '/api/v1/auth/sign-in', { email, password: STRONG_PASSWORD }, '');
    expect(oldPassword.statusCode).toBe(401);
    const [entry] = await auditOf('staff.second_factor_reset', id);
    expect(entry).toMatchObject({ reason: 'phone lost in Lagos' });

    const weak = await send('POST', '/api/v1/auth/setup', { token, password: 'password1' }, '');
    expect(weak.statusCode).toBe(400);
    expect(weak.json().code).toBe('weak_password');
    const setup = await send('POST', '/api/v1/auth/setup', { token, password: `${STRONG_PASSWORD} again` }, '');
    expect(setup.statusCode).toBe(200);
    expect(setup.json().secret).not.toBe(secret);
    expect((await send('POST', '/api/v1/auth/setup', { token, password: STRONG_PASSWORD }, '')).json().code).toBe(
      'link_invalid',
    );
    const confirmed = await send(
      'POST',
      '/api/v1/auth/totp',
      { challenge: setup.json().challenge, code: await totpCode(setup.json().secret) },
      '',
    );
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().recoveryCodes).toHaveLength(10);

    const self = (await app.inject({ url: '/api/v1/auth/me', headers: { cookie: admin } })).json().user.id;
    expect((await send('POST', `/api/v1/staff/${self}/reset-second-factor`, { reason: 'x' })).statusCode).toBe(409);
    expect((await send('POST', '/api/v1/staff/nobody/reset-second-factor', { reason: 'x' })).statusCode).toBe(404);
  });
});
