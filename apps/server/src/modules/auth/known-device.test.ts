import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, JSON_WRITE } from '../../../test/support/app.ts';
import { describeEachDialect } from '../../../test/support/db.ts';
import type { App } from '../../http/app-types.ts';
import { createUser } from '../users/users.service.ts';
import { signIn } from './auth.service.ts';
import { isKnownDevice, knownDeviceMarker } from './known-device.ts';

const EMAIL = 'known.device@example.org';
const PASSWORD = 'violet-kangaroo-harbour-93';

describeEachDialect('known device', (getDb) => {
  let app: App;
  afterAll(async () => {
    await app.close();
  });
  beforeAll(async () => {
    app = await buildTestApp(getDb());
    await createUser(getDb().db, {
      email: EMAIL,
      password: PASSWORD,
      displayName: 'Known Device',
      role: 'citizen',
      emailVerified: true,
    });
  });

  it('recognizes only the marker issued for that account by this server', async () => {
    const { db, config } = getDb();
    const marker = await knownDeviceMarker(db, config, EMAIL);
    expect(marker).toMatch(/^[\w-]{43}$/);
    expect(await knownDeviceMarker(db, config, ` ${EMAIL.toUpperCase()} `)).toBe(marker);
    expect(await isKnownDevice(db, config, EMAIL, marker)).toBe(true);
    expect(await isKnownDevice(db, config, 'someone.else@example.org', marker)).toBe(false);
    // Another last character (one in 64 markers already ends in A).
    const tampered = `${marker.slice(0, -1)}${marker.endsWith('A') ? 'B' : 'A'}`;
    expect(await isKnownDevice(db, config, EMAIL, tampered)).toBe(false);
    expect(await isKnownDevice(db, config, EMAIL, undefined)).toBe(false);
    const withSecret = { ...config, secret: 'a-configured-secret-of-at-least-32-chars' };
    expect(await isKnownDevice(db, withSecret, EMAIL, marker)).toBe(false);
  });

  it('lets a known device sign in while the account is blocked for everyone else', async () => {
    const { db, config } = getDb();
    const until = new Date(Date.now() + 10 * 60_000).toISOString();
    await db
      .insertInto('throttles')
      .values({
        key: `sign-in:account:${EMAIL}`,
        failures: 9,
        windowStart: new Date().toISOString(),
        blockedUntil: until,
      })
      .execute();
    const attempt = (knownDevice?: string) =>
      signIn(db, config, { email: EMAIL, password: PASSWORD, ip: '203.0.113.7', userAgent: null, knownDevice });
    await expect(attempt()).rejects.toMatchObject({ status: 429, code: 'rate_limited' });
    await expect(attempt('forged-marker')).rejects.toMatchObject({ status: 429 });
    const outcome = await attempt(await knownDeviceMarker(db, config, EMAIL));
    expect(outcome).toMatchObject({ session: { user: { email: EMAIL } } });
  });

  it('is set by a successful sign-in and lets that browser past a blocked account', async () => {
    const { db } = getDb();
    const email = 'device.http@example.org';
    await createUser(db, { email, password: PASSWORD, displayName: 'Device', role: 'citizen', emailVerified: true });
    const signIn = (cookie?: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        headers: { ...JSON_WRITE, ...(cookie ? { cookie } : {}) },
        payload: { email, password: PASSWORD },
      });
    const first = await signIn();
    expect(first.statusCode).toBe(200);
    const device = first.cookies.find((c) => c.name === 'hw_device');
    expect(device).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api/v1/auth' });
    await db
      .insertInto('throttles')
      .values({
        key: `sign-in:account:${email}`,
        failures: 9,
        windowStart: new Date().toISOString(),
        blockedUntil: new Date(Date.now() + 600_000).toISOString(),
      })
      .execute();
    expect((await signIn()).statusCode).toBe(429);
    expect((await signIn(`hw_device=${device?.value}`)).statusCode).toBe(200);
  });
});
