import { createHash } from 'node:crypto';
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
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../demo/demo.accounts.ts';
import { signIn } from './auth.service.ts';
import { completeTotp } from './second-factor.service.ts';

const ADMIN = 'admin@demo.homeward.example';
const STEP_MS = 30_000;

/** A six-digit code that is valid in none of the steps around `at`, so a "wrong code" is never right. */
async function wrongCode(secret: string, at: Date = new Date()): Promise<string> {
  const valid = new Set(
    await Promise.all([-2, -1, 0, 1, 2].map((k) => totpCode(secret, new Date(at.getTime() + k * STEP_MS)))),
  );
  let n = 0;
  while (valid.has(String(n).padStart(6, '0'))) n++;
  return String(n).padStart(6, '0');
}

describeEachDialect('staff second factor', (getDb) => {
  let app: App;
  let admin: string;
  beforeAll(async () => {
    app = await buildTestApp(getDb());
    admin = await signInAs(app, ADMIN, DEMO_PASSWORD);
  });
  afterAll(async () => {
    await app.close();
  });

  const post = (url: string, payload?: Record<string, unknown>, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url, headers: { ...JSON_WRITE, 'accept-language': 'en', ...headers }, payload });
  const passwordStep = async (email: string, password = STRONG_PASSWORD) => {
    const response = await post('/api/v1/auth/sign-in', { email, password });
    expect(response.statusCode).toBe(200);
    expect(response.cookies.find((c) => c.name === 'hw_session')).toBeUndefined();
    return response.json<{ next: string; challenge: string; secret?: string; otpauthUrl?: string }>();
  };
  const userId = async (email: string) =>
    (await getDb().db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;

  it('enrols a new staff member: setup link → password → app → session and ten recovery codes, once', async () => {
    const email = 'first.sign-in@mfa.example';
    const created = await post(
      '/api/v1/staff',
      { email, displayName: 'First Sign-in', role: 'hotline_agent', missions: [], locale: 'en' },
      { cookie: admin },
    );
    expect(created.statusCode).toBe(201);
    const token = new URL(created.json().setupUrl).searchParams.get('token') ?? '';

    const setup = await post('/api/v1/auth/setup', { token, password: STRONG_PASSWORD });
    expect(setup.statusCode).toBe(200);
    const step = setup.json();
    expect(step).toMatchObject({ next: 'totp_setup', secret: expect.stringMatching(/^[A-Z2-7]{32}$/) });
    expect(step.otpauthUrl).toMatch(/^otpauth:\/\/totp\/Homeward:first\.sign-in%40mfa\.example\?.*secret=/);
    // The secret waits on the challenge sealed, never in clear.
    const pending = await getDb().db.selectFrom('authChallenges').select('pendingSecret').executeTakeFirstOrThrow();
    expect(pending.pendingSecret).toMatch(/^v1\./);
    expect(pending.pendingSecret).not.toContain(step.secret);

    expect((await post('/api/v1/auth/setup', { token, password: STRONG_PASSWORD })).json().code).toBe('link_invalid');

    const confirmed = await post('/api/v1/auth/totp', { challenge: step.challenge, code: await totpCode(step.secret) });
    expect(confirmed.statusCode).toBe(200);
    const { user, recoveryCodes } = confirmed.json();
    expect(user).toMatchObject({ email, role: 'hotline_agent' });
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const cookie = confirmed.cookies.find((c) => c.name === 'hw_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    const me = await app.inject({ url: '/api/v1/auth/me', headers: { cookie: `hw_session=${cookie?.value}` } });
    expect(me.json().user.email).toBe(email);

    const id = await userId(email);
    const stored = await getDb().db.selectFrom('recoveryCodes').select('codeHash').where('userId', '=', id).execute();
    const hashes = recoveryCodes.map((c: string) => createHash('sha256').update(c.replaceAll('-', '')).digest('hex'));
    expect(stored.map((r) => r.codeHash).sort()).toEqual([...hashes].sort());
    const credential = await getDb()
      .db.selectFrom('totpCredentials')
      .selectAll()
      .where('userId', '=', id)
      .executeTakeFirstOrThrow();
    expect(credential.secret).not.toContain(step.secret);
    const audit = await getDb()
      .db.selectFrom('auditLog')
      .select('action')
      .where('actorId', '=', id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['auth.staff_setup', 'auth.second_factor_enabled', 'auth.sign_in']);
  });

  it('asks an enrolled staff member for a code, gives no recovery codes again, and refuses a replayed code', async () => {
    const email = 'second.sign-in@mfa.example';
    const { secret } = await enrolNewStaff(app, admin, { email });
    // The setup consumed the current step; the next step's code is within the ±1 window.
    const code = await totpCode(secret, new Date(Date.now() + STEP_MS));
    const first = await passwordStep(email);
    expect(first).toEqual({ next: 'totp', challenge: expect.any(String) });
    const signedIn = await post('/api/v1/auth/totp', { challenge: first.challenge, code });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json().recoveryCodes).toBeUndefined();

    const again = await passwordStep(email);
    const replayed = await post('/api/v1/auth/totp', { challenge: again.challenge, code });
    expect(replayed.statusCode).toBe(401);
    expect(replayed.json()).toMatchObject({ code: 'second_factor_replayed' });
    expect(replayed.cookies.find((c) => c.name === 'hw_session')).toBeUndefined();
  });

  it('accepts ±1 step, refuses two steps off, and never the same step twice (service clock)', async () => {
    const { db, config } = getDb();
    const email = 'head.us@demo.homeward.example';
    const now = new Date();
    const at = (steps: number) => totpCode(DEMO_TOTP_SECRET, new Date(now.getTime() + steps * STEP_MS));
    const challenge = async () => {
      const outcome = await signIn(db, config, { email, password: DEMO_PASSWORD, ip: null, userAgent: null });
      if (!outcome.next) throw new Error('staff need a second factor');
      return outcome.next.challenge;
    };
    const answer = async (code: string) =>
      completeTotp(db, config, { challenge: await challenge(), code, ip: null, userAgent: null }, now).then(
        () => 'ok',
        (error: { code?: string }) => error.code,
      );
    expect(await answer(await at(-2))).toBe('second_factor_invalid');
    expect(await answer(await at(2))).toBe('second_factor_invalid');
    expect(await answer(await at(-1))).toBe('ok');
    expect(await answer(await at(-1))).toBe('second_factor_replayed');
    expect(await answer(await at(0))).toBe('ok');
    expect(await answer(await at(-1))).toBe('second_factor_replayed');
    expect(await answer(`${(await at(1)).slice(0, 3)} ${(await at(1)).slice(3)}`)).toBe('ok');
    expect(await answer(await at(1))).toBe('second_factor_replayed');
  });

  it('voids a challenge after five wrong codes and then throttles the account with Retry-After', async () => {
    const email = 'health@demo.homeward.example';
    const { challenge } = await passwordStep(email, DEMO_PASSWORD);
    const wrong = await wrongCode(DEMO_TOTP_SECRET);
    // From an address of its own, so the per-address count of the other tests does not mix in.
    const from = { 'x-forwarded-for': '203.0.113.7' };
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) {
      codes.push((await post('/api/v1/auth/totp', { challenge, code: wrong }, from)).json().code);
    }
    expect(codes).toEqual(Array(5).fill('second_factor_invalid'));
    const spent = await post('/api/v1/auth/totp', { challenge, code: await totpCode() });
    expect(spent.json().code).toBe('challenge_expired');

    const fresh = await passwordStep(email, DEMO_PASSWORD);
    await getDb()
      .db.updateTable('totpCredentials')
      .set({ lastStep: null })
      .where('userId', '=', await userId(email))
      .execute();
    const blocked = await post('/api/v1/auth/totp', { challenge: fresh.challenge, code: await totpCode() });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().code).toBe('rate_limited');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    const actions = await getDb()
      .db.selectFrom('auditLog')
      .select('action')
      .where('actorId', '=', await userId(email))
      .orderBy('seq')
      .execute();
    expect(actions.filter((a) => a.action === 'auth.second_factor_failed')).toHaveLength(5);
    expect(actions.at(-1)?.action).toBe('auth.second_factor_throttled');
  });

  it('ends a challenge after five minutes', async () => {
    const { db, config } = getDb();
    const outcome = await signIn(db, config, {
      email: 'auditor@demo.homeward.example',
      password: DEMO_PASSWORD,
      ip: null,
      userAgent: null,
    });
    const challenge = outcome.next?.challenge ?? '';
    const later = new Date(Date.now() + 5 * 60_000 + 1_000);
    const input = { challenge, code: await totpCode(DEMO_TOTP_SECRET, later), ip: null, userAgent: null };
    await expect(completeTotp(db, config, input, later)).rejects.toMatchObject({
      status: 401,
      code: 'challenge_expired',
    });
    expect((await post('/api/v1/auth/totp', { challenge, code: await totpCode() })).json().code).toBe(
      'challenge_expired',
    );
    expect((await post('/api/v1/auth/totp', { challenge: 'made-up', code: '123456' })).json().code).toBe(
      'challenge_expired',
    );
  });

  it('signs in with a recovery code once, in any case and spacing, and renews the set on request', async () => {
    const email = 'recovery@mfa.example';
    const { id, recoveryCodes, cookie } = await enrolNewStaff(app, admin, { email });
    const [first = '', second = ''] = recoveryCodes;
    const { challenge } = await passwordStep(email);
    const typed = first.toUpperCase().replaceAll('-', ' ');
    const used = await post('/api/v1/auth/recovery', { challenge, code: typed });
    expect(used.statusCode).toBe(200);
    expect(used.json().user.email).toBe(email);
    expect(used.cookies.find((c) => c.name === 'hw_session')).toBeDefined();
    const entry = await getDb()
      .db.selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'auth.recovery_code_used')
      .where('actorId', '=', id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.details)).toEqual({ remaining: 9 });

    const again = await passwordStep(email);
    const reused = await post('/api/v1/auth/recovery', { challenge: again.challenge, code: first });
    expect(reused.json().code).toBe('second_factor_invalid');

    const wrongPassword = await post('/api/v1/auth/recovery-codes', { password: 'not my password' }, { cookie });
    expect(wrongPassword.statusCode).toBe(403);
    expect(wrongPassword.json().code).toBe('reauthentication_required');
    const renewed = await post('/api/v1/auth/recovery-codes', { password: STRONG_PASSWORD }, { cookie });
    expect(renewed.statusCode).toBe(200);
    expect(renewed.json().recoveryCodes).toHaveLength(10);
    const third = await passwordStep(email);
    expect((await post('/api/v1/auth/recovery', { challenge: third.challenge, code: second })).json().code).toBe(
      'second_factor_invalid',
    );
    const fresh = renewed.json().recoveryCodes[0];
    expect((await post('/api/v1/auth/recovery', { challenge: third.challenge, code: fresh })).statusCode).toBe(200);
  });

  it('lists the caller’s sessions, ends one, and signs out everywhere', async () => {
    const email = 'officer.jp@demo.homeward.example';
    const laptop = await signInAs(app, email, DEMO_PASSWORD);
    const phone = await signInAs(app, email, DEMO_PASSWORD);
    const listed = await app.inject({ url: '/api/v1/auth/sessions', headers: { cookie: laptop } });
    expect(listed.statusCode).toBe(200);
    const sessions = listed.json<{ id: string; current: boolean }[]>();
    expect(sessions.length).toBeGreaterThanOrEqual(2);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    const other = sessions.find((s) => !s.current);
    if (!other) throw new Error('two sessions were opened');

    const foreign = await app.inject({ url: '/api/v1/auth/sessions', headers: { cookie: admin } });
    const adminSession = foreign.json<{ id: string }[]>()[0]?.id ?? '';
    const notMine = await app.inject({
      method: 'DELETE',
      url: `/api/v1/auth/sessions/${adminSession}`,
      headers: { ...JSON_WRITE, cookie: laptop },
    });
    expect(notMine.statusCode).toBe(404);

    const ended = await app.inject({
      method: 'DELETE',
      url: `/api/v1/auth/sessions/${other.id}`,
      headers: { ...JSON_WRITE, cookie: laptop },
    });
    expect(ended.statusCode).toBe(204);
    expect((await app.inject({ url: '/api/v1/auth/me', headers: { cookie: phone } })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/v1/auth/me', headers: { cookie: laptop } })).statusCode).toBe(200);

    const third = await signInAs(app, email, DEMO_PASSWORD);
    const everywhere = await post('/api/v1/auth/sign-out-everywhere', undefined, { cookie: laptop });
    expect(everywhere.statusCode).toBe(204);
    for (const cookie of [laptop, third]) {
      expect((await app.inject({ url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(401);
    }
    expect((await app.inject({ url: '/api/v1/auth/me', headers: { cookie: admin } })).statusCode).toBe(200);
  });
});
