import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, JSON_WRITE } from '../../../test/support/app.ts';
import { describeEachDialect } from '../../../test/support/db.ts';
import type { App } from '../../http/app-types.ts';
import { DEMO_PASSWORD } from '../demo/demo.accounts.ts';
import { hashToken, resolveSession, signIn } from './auth.service.ts';
import {
  cachedSession,
  forgetAllSessions,
  keepSession,
  resetSessionCache,
  SESSION_CACHE_TTL_MS,
  sessionCacheMark,
  sessionCacheSize,
} from './session-cache.ts';

const CITIZEN = 'citizen@demo.homeward.example';
const NAME = '张三丰 ZHANG SANFENG';

describe('session cache bookkeeping', () => {
  beforeEach(() => resetSessionCache());
  const entry = (sessionId: string) => ({
    sessionId,
    user: { id: 'u1', email: 'a@b.c', displayName: 'A', role: 'citizen' as const, missions: [], locale: 'en' },
    expiresAt: Date.now() + 3_600_000,
    lastSeenAt: Date.now(),
  });

  it('keeps an answer for the TTL only, and never one read in the future', () => {
    const now = Date.now() - 300_000;
    keepSession(sessionCacheMark(), entry('s1'), now);
    expect(cachedSession('s1', now)?.user.displayName).toBe('A');
    expect(cachedSession('s1', now + SESSION_CACHE_TTL_MS - 1)).toBeDefined();
    expect(cachedSession('s1', now + SESSION_CACHE_TTL_MS)).toBeUndefined();
    keepSession(sessionCacheMark(), entry('s2'), now);
    expect(cachedSession('s2', now - 1)).toBeUndefined();
  });

  it('does not keep an answer read while a session-changing write ran, nor just after one', () => {
    const now = Date.now() - 200_000;
    const mark = sessionCacheMark();
    forgetAllSessions(now);
    keepSession(mark, entry('s3'), now + 2_000);
    expect(cachedSession('s3', now + 2_000)).toBeUndefined();
    // A read that started after the write, but while its transaction may not have committed: not kept either.
    keepSession(sessionCacheMark(), entry('s4'), now + 500);
    expect(cachedSession('s4', now + 500)).toBeUndefined();
    keepSession(sessionCacheMark(), entry('s5'), now + 2_000);
    expect(cachedSession('s5', now + 2_000)).toBeDefined();
  });

  it('hands out users that cannot be changed by the request that got them', () => {
    const now = Date.now() - 100_000;
    keepSession(sessionCacheMark(), entry('s6'), now);
    const user = cachedSession('s6', now)?.user;
    expect(Object.isFrozen(user)).toBe(true);
    expect(Object.isFrozen(user?.missions)).toBe(true);
  });
});

describeEachDialect('session cache', (getDb) => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp(getDb());
  });
  afterAll(async () => {
    await app.close();
  });

  const signInCitizen = async () => {
    const { db, config } = getDb();
    const outcome = await signIn(db, config, { email: CITIZEN, password: DEMO_PASSWORD, ip: null, userAgent: null });
    if (!outcome.session) throw new Error('a citizen signs in with the password alone');
    return outcome.session.token;
  };
  const me = (token: string) => app.inject({ url: '/api/v1/auth/me', headers: { cookie: `hw_session=${token}` } });
  /** A change the session cache's watch cannot see: as another process (the CLI, another API node) makes it. */
  const behindTheCache = async (text: string) => {
    await sql.raw(text).execute(getDb().db.withoutPlugins());
  };

  it('answers from memory for a few seconds: a change from another process shows within the TTL', async () => {
    const { db, config } = getDb();
    const token = await signInCitizen();
    const now = new Date(Date.now() + 1_000);
    const first = await resolveSession(db, config, token, now);
    expect(first?.user.displayName).toBe(NAME);
    await behindTheCache(`update users set display_name = 'Changed elsewhere' where email = '${CITIZEN}'`);
    try {
      // Within the TTL this process has not looked again; once it is over, it has.
      const kept = await resolveSession(db, config, token, new Date(now.getTime() + SESSION_CACHE_TTL_MS - 1));
      expect(kept?.user.displayName).toBe(NAME);
      const read = await resolveSession(db, config, token, new Date(now.getTime() + SESSION_CACHE_TTL_MS));
      expect(read?.user.displayName).toBe('Changed elsewhere');
    } finally {
      await behindTheCache(`update users set display_name = '${NAME}' where email = '${CITIZEN}'`);
    }
  });

  it('forgets at once what a write in this process changes: sign-out, role, missions, profile, disabling', async () => {
    const { db } = getDb();
    const token = await signInCitizen();
    expect((await me(token)).json().user).toMatchObject({ role: 'citizen', missions: [] });
    expect(sessionCacheSize()).toBeGreaterThan(0);

    const patched = await app.inject({
      method: 'PATCH',
      url: '/api/v1/accounts/me',
      headers: { ...JSON_WRITE, cookie: `hw_session=${token}` },
      payload: { displayName: 'Wang Fang' },
    });
    expect(patched.statusCode).toBe(200);
    expect((await me(token)).json().user.displayName).toBe('Wang Fang');

    const user = await db.selectFrom('users').select('id').where('email', '=', CITIZEN).executeTakeFirstOrThrow();
    try {
      await db.updateTable('users').set({ role: 'hotline_agent' }).where('id', '=', user.id).execute();
      expect((await me(token)).json().user.role).toBe('hotline_agent');
      await db.insertInto('userMissions').values({ userId: user.id, missionCode: 'US-WAS' }).execute();
      expect((await me(token)).json().user.missions).toEqual(['US-WAS']);
      await db.deleteFrom('userMissions').where('userId', '=', user.id).execute();
      expect((await me(token)).json().user.missions).toEqual([]);
      await db.updateTable('users').set({ status: 'disabled' }).where('id', '=', user.id).execute();
      expect((await me(token)).statusCode).toBe(401);
    } finally {
      await db
        .updateTable('users')
        .set({ role: 'citizen', status: 'active', displayName: NAME })
        .where('id', '=', user.id)
        .execute();
    }

    expect((await me(token)).statusCode).toBe(200);
    const out = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-out',
      headers: { ...JSON_WRITE, cookie: `hw_session=${token}` },
    });
    expect(out.statusCode).toBe(204);
    expect((await me(token)).statusCode).toBe(401);
  });

  it('still ends a session at its absolute limit and still notes that it was used, cached or not', async () => {
    const { db, config } = getDb();
    const token = await signInCitizen();
    const id = hashToken(token);
    const start = Date.now();
    // Kept at 58 s (no touch due yet); at 61 s, within the TTL, the touch is due: the database is asked again.
    expect(await resolveSession(db, config, token, new Date(start + 58_000))).not.toBeNull();
    const later = new Date(start + 61_000);
    expect(await resolveSession(db, config, token, later)).not.toBeNull();
    const row = await db.selectFrom('sessions').select('lastSeenAt').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.lastSeenAt).toBe(later.toISOString());

    // A session that ends a moment after it was kept: the kept answer is not used past its end.
    const ending = await signInCitizen();
    const endingId = hashToken(ending);
    const end = new Date(start + 3_000).toISOString();
    await behindTheCache(`update sessions set expires_at = '${end}' where id = '${endingId}'`);
    expect(await resolveSession(db, config, ending, new Date(start + 1_000))).not.toBeNull();
    expect(await resolveSession(db, config, ending, new Date(start + 3_000))).toBeNull();
    expect(await db.selectFrom('sessions').select('id').where('id', '=', endingId).executeTakeFirst()).toBeUndefined();
  });
});
