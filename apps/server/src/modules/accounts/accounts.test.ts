import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, JSON_WRITE, signInAs } from '../../../test/support/app.ts';
import { describeEachDialect } from '../../../test/support/db.ts';
import { type ReceivedMail, startSmtpServer, type TestSmtpServer } from '../../../test/support/smtp.ts';
import type { Config } from '../../config.ts';
import type { App } from '../../http/app-types.ts';
import { startWorker, type Worker } from '../../jobs/jobs.worker.ts';
import { mailHandlers } from '../../mail/mail.jobs.ts';
import { DEMO_PASSWORD } from '../demo/demo.accounts.ts';
import { registerExporter, registerRetention } from './accounts.hooks.ts';

const silent = pino({ level: 'silent' });
const STRONG = 'violet-kangaroo-harbour-93';
const EN = { ...JSON_WRITE, 'accept-language': 'en' };

function tokenIn(mail: ReceivedMail): string {
  const match = /token=([\w-]{43})/.exec(mail.text);
  if (!match?.[1]) throw new Error(`no link token in mail "${mail.subject}"`);
  return match[1];
}

function cookieFrom(response: { cookies: { name: string; value: string }[] }): string {
  const cookie = response.cookies.find((c) => c.name === 'hw_session');
  if (!cookie) throw new Error('no session cookie');
  return `hw_session=${cookie.value}`;
}

describeEachDialect('citizen accounts', (getDb) => {
  let app: App;
  let smtp: TestSmtpServer;
  let worker: Worker;
  let config: Config;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    const tdb = getDb();
    config = { ...tdb.config, mail: { ...tdb.config.mail, smtpUrl: smtp.url } };
    app = await buildTestApp({ ...tdb, config });
    worker = startWorker({
      db: tdb.db,
      log: silent,
      handlers: mailHandlers(config, silent),
      pollMs: 50,
      concurrency: 2,
    });
  });
  afterAll(async () => {
    await app.close();
    await worker.stop(1000);
    await smtp.close();
  });

  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url, headers: { ...EN, ...headers }, payload: payload as object });
  const mailTo = (to: string, subject: string) => smtp.waitFor((m) => m.to === to && m.subject === subject);

  async function signUpAndVerify(email: string, extra: Record<string, unknown> = {}): Promise<string> {
    const response = await post('/api/v1/accounts/sign-up', {
      email,
      password: STRONG,
      displayName: 'Wang Fang',
      locale: 'en',
      ...extra,
    });
    expect(response.statusCode).toBe(202);
    const mail = await mailTo(email, 'Confirm your email address');
    const verified = await post('/api/v1/accounts/verify-email', { token: tokenIn(mail) });
    expect(verified.statusCode).toBe(200);
    return cookieFrom(verified);
  }

  it('signs up, mails a link in the chosen language, and verifying signs in', async () => {
    const email = 'li.na@example.org';
    const response = await post(
      '/api/v1/accounts/sign-up',
      {
        email: 'Li.Na@Example.org',
        password: STRONG,
        displayName: '李娜',
        locale: 'zh-CN',
        phone: '+86 138 0013 8000',
      },
      { 'accept-language': 'zh-CN' },
    );
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ status: 'sent' });

    const refused = await post('/api/v1/auth/sign-in', { email, password: STRONG });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('email_not_verified');

    const mail = await mailTo(email, '请验证您的电子邮箱');
    expect(mail.text).toContain('李娜');
    expect(mail.text).toContain(`${config.publicUrl}/verify-email?token=`);
    expect(mail.text).toContain('+86 10 12308');
    expect(mail.html).toContain('<a href="http://');

    const verified = await post('/api/v1/accounts/verify-email', { token: tokenIn(mail) });
    expect(verified.statusCode).toBe(200);
    expect(verified.json().user).toMatchObject({ email, role: 'citizen', displayName: '李娜', locale: 'zh-CN' });
    const me = await app.inject({ url: '/api/v1/accounts/me', headers: { cookie: cookieFrom(verified) } });
    expect(me.json()).toMatchObject({ email, phone: '+8613800138000', emailVerified: true, locale: 'zh-CN' });

    const again = await post('/api/v1/accounts/verify-email', { token: tokenIn(mail) });
    expect(again.statusCode).toBe(400);
    expect(again.json()).toMatchObject({
      code: 'link_invalid',
      title: 'This link is not valid any more. Ask for a new one',
    });
    expect((await post('/api/v1/auth/sign-in', { email, password: STRONG })).statusCode).toBe(200);
  });

  it('answers the same for known and unknown addresses, and tells the owner of a known one', async () => {
    const known = 'citizen@demo.homeward.example';
    const unknown = 'nobody.here@example.org';
    const body = (email: string) => ({ email, password: STRONG, displayName: 'Someone', locale: 'en' });
    const a = await post('/api/v1/accounts/sign-up', body(known));
    const b = await post('/api/v1/accounts/sign-up', body(unknown));
    expect([a.statusCode, a.json()]).toEqual([b.statusCode, b.json()]);
    const notice = await mailTo(known, '您已经有账户了'); // the demo citizen's stored language is zh-CN
    expect(notice.text).toContain('/sign-in');
    expect(notice.text).not.toMatch(/token=/);

    for (const url of ['/api/v1/accounts/password-reset', '/api/v1/accounts/resend-verification']) {
      const x = await post(url, { email: known });
      const y = await post(url, { email: 'never.signed.up@example.org' });
      expect([x.statusCode, x.json()]).toEqual([202, { status: 'sent' }]);
      expect([y.statusCode, y.json()]).toEqual([202, { status: 'sent' }]);
    }
    await mailTo(known, '设置新密码');
    expect(smtp.messages.some((m) => m.to === 'never.signed.up@example.org')).toBe(false);
  });

  it('refuses weak passwords and impossible phone numbers with a field error', async () => {
    const weak = await post('/api/v1/accounts/sign-up', {
      email: 'weak@example.org',
      password: 'password123',
      displayName: 'Weak',
      locale: 'en',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({ code: 'weak_password', errors: [{ field: '/password' }] });
    const local = await post('/api/v1/accounts/sign-up', {
      email: 'zhang.wei.lantern@example.org',
      password: 'zhang.wei.lantern-2026',
      displayName: 'Zhang',
      locale: 'en',
    });
    expect(local.json()).toMatchObject({ code: 'weak_password', errors: [{ field: '/password' }] });
    const phone = await post('/api/v1/accounts/sign-up', {
      email: 'phone@example.org',
      password: STRONG,
      displayName: 'Phone',
      locale: 'en',
      phone: '12',
    });
    expect(phone.statusCode).toBe(400);
    expect(phone.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: '/phone' }] });
  });

  it('normalizes phone numbers to E.164 and updates the profile', async () => {
    const cookie = await signUpAndVerify('profile@example.org');
    const patch = (payload: object) =>
      app.inject({ method: 'PATCH', url: '/api/v1/accounts/me', headers: { ...EN, cookie }, payload });
    expect((await patch({ phone: '0044 20 7946 0958' })).json().phone).toBe('+442079460958');
    expect((await patch({ phone: '+1 (202) 495-2266', displayName: ' Fang Wang ' })).json()).toMatchObject({
      phone: '+12024952266',
      displayName: 'Fang Wang',
    });
    const bad = await patch({ phone: 'call me maybe' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('/phone');
    expect((await patch({ phone: null, locale: 'zh-CN' })).json()).toMatchObject({ phone: null, locale: 'zh-CN' });
    expect((await patch({ role: 'hq_admin' })).statusCode).toBe(400);
  });

  it('refuses a used or expired link', async () => {
    const { db } = getDb();
    const email = 'expired@example.org';
    await post('/api/v1/accounts/sign-up', { email, password: STRONG, displayName: 'Late', locale: 'en' });
    const token = tokenIn(await mailTo(email, 'Confirm your email address'));
    await db
      .updateTable('accountTokens')
      .set({ expiresAt: new Date(Date.now() - 1000).toISOString() })
      .where('purpose', '=', 'verify')
      .where('usedAt', 'is', null)
      .execute();
    const late = await post('/api/v1/accounts/verify-email', { token });
    expect(late.statusCode).toBe(400);
    expect(late.json().code).toBe('link_invalid');
  });

  it('resets a password from the mailed link and ends every session', async () => {
    const email = 'reset.me@example.org';
    const first = await signUpAndVerify(email);
    const second = await signInAs(app, email, STRONG);
    expect((await post('/api/v1/accounts/password-reset', { email })).statusCode).toBe(202);
    const token = tokenIn(await mailTo(email, 'Choose a new password'));

    const weak = await post('/api/v1/accounts/password-reset/confirm', { token, password: 'qwertyuiop' });
    expect(weak.json()).toMatchObject({ code: 'weak_password', errors: [{ field: '/password' }] });
    const done = await post('/api/v1/accounts/password-reset/confirm', { token, password: 'lantern-orchard-piano-41' });
    expect(done.statusCode).toBe(204);
    for (const cookie of [first, second]) {
      expect((await app.inject({ url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(401);
    }
    const reused = await post('/api/v1/accounts/password-reset/confirm', { token, password: 'another-fine-phrase-77' });
    expect(reused.json().code).toBe('link_invalid');
    expect((await post('/api/v1/auth/sign-in', { email, password: STRONG })).statusCode).toBe(401);
    expect((await post('/api/v1/auth/sign-in', { email, password: 'lantern-orchard-piano-41' })).statusCode).toBe(200);
    await mailTo(email, 'Your password was changed');
  });

  it('changes the password: checks the current one, renews this session, ends the others', async () => {
    const email = 'change.pw@example.org';
    const here = await signUpAndVerify(email);
    const elsewhere = await signInAs(app, email, STRONG);
    const change = (cookie: string, payload: object) =>
      app.inject({ method: 'POST', url: '/api/v1/accounts/me/password', headers: { ...EN, cookie }, payload });
    const wrong = await change(here, { currentPassword: 'not-my-password', newPassword: 'harbour-violet-copper-58' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: 'invalid_credentials', errors: [{ field: '/currentPassword' }] });
    const weak = await change(here, { currentPassword: STRONG, newPassword: 'change.pw.2026!' });
    expect(weak.json()).toMatchObject({ code: 'weak_password', errors: [{ field: '/newPassword' }] });

    const ok = await change(here, { currentPassword: STRONG, newPassword: 'harbour-violet-copper-58' });
    expect(ok.statusCode).toBe(204);
    const renewed = cookieFrom(ok);
    expect(renewed).not.toBe(here);
    for (const cookie of [here, elsewhere]) {
      expect((await app.inject({ url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(401);
    }
    expect((await app.inject({ url: '/api/v1/auth/me', headers: { cookie: renewed } })).statusCode).toBe(200);
    await mailTo(email, 'Your password was changed');
  });

  it('exports the account, its sessions, its audit trail and what modules register', async () => {
    const email = 'export@example.org';
    const cookie = await signUpAndVerify(email);
    const unregister = registerExporter('registrations', async (_db, userId) => [{ trip: 'Nairobi', userId }]);
    try {
      const response = await app.inject({ url: '/api/v1/accounts/me/export', headers: { cookie } });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-disposition']).toMatch(
        /^attachment; filename="homeward-account-\d{4}-\d\d-\d\d\.json"$/,
      );
      const data = response.json();
      expect(data.account).toMatchObject({ email, emailVerified: true });
      expect(data.sessions.length).toBeGreaterThanOrEqual(1);
      expect(data.sessions[0]).not.toHaveProperty('id');
      expect(data.audit.map((a: { action: string }) => a.action)).toEqual(
        expect.arrayContaining(['account.sign_up', 'account.email_verified']),
      );
      expect(data.sections.registrations).toEqual([{ trip: 'Nairobi', userId: data.account.id }]);
    } finally {
      unregister();
    }
  });

  it('deletes the account, keeping only what a retention check keeps', async () => {
    const { db } = getDb();
    const email = 'delete.me@example.org';
    const cookie = await signUpAndVerify(email, { phone: '+44 20 7946 0958' });
    const { id } = (await app.inject({ url: '/api/v1/accounts/me', headers: { cookie } })).json();
    const unregister = registerRetention(async (_db, user) => [
      {
        type: 'case',
        id: `kept-for-${user.id}`,
        reason: { en: 'An open protection case', 'zh-CN': '未结束的领事保护案件' },
      },
    ]);
    try {
      const remove = (password: string) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/accounts/me/delete',
          headers: { ...EN, cookie },
          payload: { password },
        });
      expect((await remove('not-my-password')).statusCode).toBe(400);
      const response = await remove(STRONG);
      expect(response.statusCode).toBe(200);
      const body = response.json();
      const user = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(body).toEqual({
        deleted: true,
        kept: [
          {
            type: 'case',
            id: `kept-for-${user.id}`,
            reason: { en: 'An open protection case', 'zh-CN': '未结束的领事保护案件' },
          },
        ],
      });
      expect(user).toMatchObject({ displayName: '', phone: null, passwordHash: null, status: 'disabled' });
      expect(user.email).not.toContain('delete.me');
      expect(await db.selectFrom('sessions').select('id').where('userId', '=', user.id).execute()).toEqual([]);
      expect((await app.inject({ url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(401);
      expect((await post('/api/v1/auth/sign-in', { email, password: STRONG })).statusCode).toBe(401);
      await mailTo(email, 'Your account was deleted');
      // The address is free again.
      expect(
        (await post('/api/v1/accounts/sign-up', { email, password: STRONG, displayName: 'Again', locale: 'en' }))
          .statusCode,
      ).toBe(202);
    } finally {
      unregister();
    }
  });

  it('throttles repeated mail requests for one address with Retry-After', async () => {
    const email = 'impatient@example.org';
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await post('/api/v1/accounts/resend-verification', { email })).statusCode);
    expect(codes).toEqual([202, 202, 202, 429]);
    const blocked = await post('/api/v1/accounts/resend-verification', { email });
    expect(blocked.json().code).toBe('rate_limited');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not affected.
    expect((await post('/api/v1/accounts/resend-verification', { email: 'patient@example.org' })).statusCode).toBe(202);
    // A form refused for a weak password does not count: nobody is blocked for fixing a typo.
    const weak = { email: 'typo@example.org', password: 'password123', displayName: 'Typo', locale: 'en' };
    const tries: number[] = [];
    for (let i = 0; i < 5; i++) tries.push((await post('/api/v1/accounts/sign-up', weak)).statusCode);
    expect(tries).toEqual([400, 400, 400, 400, 400]);
  });

  it('documents every account and passkey route in the OpenAPI document', async () => {
    const doc = (await app.inject('/api/openapi.json')).json();
    const ours = Object.entries(doc.paths as Record<string, Record<string, { tags?: string[]; summary?: string }>>)
      .filter(([path]) => /^\/api\/v1\/(accounts|passkeys|auth\/passkey)/.test(path))
      .flatMap(([path, operations]) => Object.entries(operations).map(([method, op]) => ({ path, method, op })));
    expect(ours.length).toBe(16);
    for (const { path, method, op } of ours) {
      expect(op.summary, `${method} ${path}`).toBeTruthy();
      expect(op.tags?.length, `${method} ${path}`).toBe(1);
    }
  });

  it('lets demo accounts sign in without verification', async () => {
    expect(
      (await post('/api/v1/auth/sign-in', { email: 'citizen@demo.homeward.example', password: DEMO_PASSWORD }))
        .statusCode,
    ).toBe(200);
  });
});
