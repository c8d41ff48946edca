import { randomBytes } from 'node:crypto';
import { isoAt, isoNow, newId } from '../../clock.ts';
import type { Db } from '../../db/schema.ts';
import { hashToken, SESSION_COOKIE } from '../auth/auth.service.ts';

/**
 * Citizens with open sessions, inserted as real rows in two multi-row statements (tests and the booking
 * benchmark need hundreds; signing each in through the password hash would take minutes). Each gets a
 * distinct name, so a double booking shows up as two names on one seat.
 */
export async function buildSignedInCitizens(
  db: Db,
  count: number,
  label = 'rush',
): Promise<Array<{ id: string; cookie: string }>> {
  const now = isoNow();
  const people = Array.from({ length: count }, (_, i) => ({
    id: newId(),
    token: randomBytes(32).toString('base64url'),
    name: `${label} ${i + 1}`,
  }));
  const users = people.map((p) => ({
    id: p.id,
    email: `${label}-${p.id}@test.homeward.example`,
    passwordHash: null,
    displayName: p.name,
    role: 'citizen' as const,
    locale: 'en',
    status: 'active' as const,
    emailVerifiedAt: now,
    phone: null,
    lastSignInAt: now,
    createdAt: now,
    updatedAt: now,
  }));
  const sessions = people.map((p) => ({
    id: hashToken(p.token),
    userId: p.id,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: isoAt(86_400_000),
    ip: null,
    userAgent: null,
  }));
  for (let i = 0; i < people.length; i += 500) {
    await db
      .insertInto('users')
      .values(users.slice(i, i + 500))
      .execute();
    await db
      .insertInto('sessions')
      .values(sessions.slice(i, i + 500))
      .execute();
  }
  return people.map((p) => ({ id: p.id, cookie: `${SESSION_COOKIE}=${p.token}` }));
}
