import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, JSON_WRITE, signInAs } from '../../../test/support/app.ts';
import { describeEachDialect } from '../../../test/support/db.ts';
import type { App } from '../../http/app-types.ts';
import { DEMO_PASSWORD } from '../demo/demo.accounts.ts';
import { resolveSession, signIn } from './auth.service.ts';

const OFFICER = 'officer.us@demo.homeward.example';
const CITIZEN = 'citizen@demo.homeward.example';

describeEachDialect('sessions', (getDb) => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp(getDb());
  });
  afterAll(async () => {
    await app.close();
  });

  it('signs in with the right password and shows the user with their missions', async () => {
    const cookie = await signInAs(app, OFFICER.toUpperCase(), DEMO_PASSWORD);
    const me = await app.inject({ url: '/api/v1/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({ email: OFFICER, role: 'consular_officer', missions: ['US-WAS'] });
  });

  it('sets an httpOnly SameSite cookie', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: JSON_WRITE,
      payload: { email: CITIZEN, password: DEMO_PASSWORD },
    });
    expect(response.json().user).toMatchObject({ email: CITIZEN, role: 'citizen' });
    const cookie = response.cookies.find((c) => c.name === 'hw_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
  });

  it('gives staff no session for the password alone, only a second-factor challenge', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: JSON_WRITE,
      payload: { email: OFFICER, password: DEMO_PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ next: 'totp', challenge: expect.stringMatching(/^[\w-]{43}$/) });
    expect(response.cookies.find((c) => c.name === 'hw_session')).toBeUndefined();
  });

  it('answers the same for an unknown email and a wrong password', async () => {
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: { ...JSON_WRITE, 'accept-language': 'en' },
      payload: { email: OFFICER, password: 'not-the-password' },
    });
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: { ...JSON_WRITE, 'accept-language': 'en' },
      payload: { email: 'nobody@demo.homeward.example', password: 'not-the-password' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const strip = (body: Record<string, unknown>) => ({ ...body, instance: undefined });
    expect(strip(wrong.json())).toEqual(strip(unknown.json()));
    expect(wrong.json()).toMatchObject({ code: 'invalid_credentials', title: 'The email or password is not right' });
  });

  it('requires a session for /me and ends it on sign-out', async () => {
    expect((await app.inject('/api/v1/auth/me')).statusCode).toBe(401);
    const cookie = await signInAs(app, OFFICER, DEMO_PASSWORD);
    const out = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: { ...JSON_WRITE, cookie } });
    expect(out.statusCode).toBe(204);
    expect((await app.inject({ url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('ignores forged cookies', async () => {
    const me = await app.inject({ url: '/api/v1/auth/me', headers: { cookie: 'hw_session=forged-token-value' } });
    expect(me.statusCode).toBe(401);
    expect(me.json().code).toBe('unauthenticated');
  });

  it('expires sessions after the idle timeout and the absolute lifetime', async () => {
    const { db, config } = getDb();
    const signInCitizen = async () => {
      const outcome = await signIn(db, config, { email: CITIZEN, password: DEMO_PASSWORD, ip: null, userAgent: null });
      if (!outcome.session) throw new Error('a citizen signs in with the password alone');
      return outcome.session;
    };
    const opened = await signInCitizen();
    const now = Date.now();
    expect(await resolveSession(db, config, opened.token, new Date(now + 60_000))).not.toBeNull();
    const idle = new Date(now + 60_000 + config.sessionIdleMinutes * 60_000 + 1_000);
    expect(await resolveSession(db, config, opened.token, idle)).toBeNull();

    const second = await signInCitizen();
    const beyond = new Date(new Date(second.expiresAt).getTime() + 1);
    await db.updateTable('sessions').set({ lastSeenAt: beyond.toISOString() }).execute();
    expect(await resolveSession(db, config, second.token, beyond)).toBeNull();
  });

  it('throttles repeated failures per account with Retry-After, and audits every attempt', async () => {
    const { db } = getDb();
    const email = 'agent@demo.homeward.example';
    const attempt = (password: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        headers: { ...JSON_WRITE, 'accept-language': 'en' },
        payload: { email, password },
      });
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) codes.push((await attempt('wrong password here')).statusCode);
    expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    const blocked = await attempt(DEMO_PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json()).toMatchObject({ code: 'rate_limited', title: 'Too many attempts. Try again later' });
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    const actions = await db
      .selectFrom('auditLog')
      .select('action')
      .where('details', 'like', `%${email}%`)
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toContain('auth.sign_in_failed');
    expect(actions.at(-1)?.action).toBe('auth.sign_in_throttled');
    // The block ends on its own: nobody can lock a real user out for good.
    await db
      .updateTable('throttles')
      .set({ blockedUntil: new Date(Date.now() - 1000).toISOString() })
      .execute();
    expect((await attempt(DEMO_PASSWORD)).statusCode).toBe(200);
  });
});
