import type { Role } from '@homeward/shared';
import { generate } from 'otplib';
import { buildApp } from '../../src/app.ts';
import type { App } from '../../src/http/app-types.ts';
import { DEMO_TOTP_SECRET } from '../../src/modules/demo/demo.accounts.ts';
import { seedDemo } from '../../src/modules/demo/demo.seed.ts';
import type { TestDatabase } from './db.ts';

/** The API over a test database, with the demo missions and accounts, without web apps or listening. */
export async function buildTestApp(tdb: TestDatabase, options: { seed?: boolean } = {}): Promise<App> {
  if (options.seed !== false) await seedDemo(tdb.db, tdb.config.state.code);
  const app = await buildApp(
    { db: tdb.db, dialect: tdb.dialect, config: tdb.config, nudgeJobs: () => {} },
    { serveWebApps: false },
  );
  await app.ready();
  return app;
}

export const JSON_WRITE = { 'content-type': 'application/json', 'x-requested-with': 'homeward' } as const;

/** The authenticator-app code for a Base32 secret at a moment (default now), as a phone would show it. */
export function totpCode(secret: string = DEMO_TOTP_SECRET, at: Date = new Date()): Promise<string> {
  return generate({ secret, epoch: Math.floor(at.getTime() / 1000) });
}

function sessionCookieOf(response: Awaited<ReturnType<App['inject']>>): string {
  const cookie = response.cookies.find((c) => c.name === 'hw_session');
  if (!cookie) throw new Error(`no session cookie: ${response.statusCode} ${response.body}`);
  return `${cookie.name}=${cookie.value}`;
}

/**
 * Signs in through the API and returns the cookie header to send with later requests. Staff complete
 * the second step with a code from the demo authenticator secret. Tests sign the same demo account in
 * many times within one 30-second step, so the helper first forgets the account's last accepted step;
 * the replay guard itself is tested in the second-factor suite.
 */
export async function signInAs(app: App, email: string, password: string): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    headers: JSON_WRITE,
    payload: { email, password },
  });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const body = response.json<{ user?: { role: Role }; next?: string; challenge?: string }>();
  if (body.user) return sessionCookieOf(response);
  if (body.next !== 'totp' || !body.challenge) throw new Error(`unexpected sign-in step: ${response.body}`);
  const { db } = app.ctx;
  const user = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', email.toLowerCase())
    .executeTakeFirstOrThrow();
  await db.updateTable('totpCredentials').set({ lastStep: null }).where('userId', '=', user.id).execute();
  const second = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/totp',
    headers: JSON_WRITE,
    payload: { challenge: body.challenge, code: await totpCode() },
  });
  if (second.statusCode !== 200) throw new Error(`second factor failed: ${second.statusCode} ${second.body}`);
  return sessionCookieOf(second);
}

export const STRONG_PASSWORD = 'correct horse battery staple 12308';

/**
 * A new staff member through the real journey: an administrator creates the account, the person opens
 * the setup link, chooses a password, and confirms the authenticator app with a code. Returns what the
 * person then holds: their secret, recovery codes and a session cookie.
 */
export async function enrolNewStaff(
  app: App,
  adminCookie: string,
  account: { email: string; role?: Role; missions?: string[] },
): Promise<{ id: string; secret: string; recoveryCodes: string[]; cookie: string }> {
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/staff',
    headers: { ...JSON_WRITE, cookie: adminCookie },
    payload: {
      email: account.email,
      displayName: account.email.split('@')[0],
      role: account.role ?? 'hotline_agent',
      missions: account.missions ?? [],
      locale: 'en',
    },
  });
  if (created.statusCode !== 201) throw new Error(`create failed: ${created.statusCode} ${created.body}`);
  const { account: staff, setupUrl } = created.json<{ account: { id: string }; setupUrl: string }>();
  const token = new URL(setupUrl).searchParams.get('token') ?? '';
  const setup = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/setup',
    headers: JSON_WRITE,
    payload: { token, password: STRONG_PASSWORD },
  });
  if (setup.statusCode !== 200) throw new Error(`setup failed: ${setup.statusCode} ${setup.body}`);
  const { challenge, secret } = setup.json<{ challenge: string; secret: string }>();
  const confirmed = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/totp',
    headers: JSON_WRITE,
    payload: { challenge, code: await totpCode(secret) },
  });
  if (confirmed.statusCode !== 200) throw new Error(`confirm failed: ${confirmed.statusCode} ${confirmed.body}`);
  const { recoveryCodes } = confirmed.json<{ recoveryCodes: string[] }>();
  return { id: staff.id, secret, recoveryCodes, cookie: sessionCookieOf(confirmed) };
}
