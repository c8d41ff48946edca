import { createHash, randomBytes } from 'node:crypto';
import type { Role, SessionUser } from '@homeward/shared';
import { isoAt, isoNow } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/schema.ts';
import { ProblemError } from '../../http/problem.ts';
import { verifyAgainstDummy, verifyPassword } from '../users/password.ts';
import { findUserByEmail, findUserById, listUserMissions, type UserRow } from '../users/users.repo.ts';
import { deleteSession, findSession, insertSession, touchSession } from './sessions.repo.ts';

export const SESSION_COOKIE = 'hw_session';
const TOUCH_EVERY_MS = 60_000;

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

async function toSessionUser(db: Db, user: UserRow): Promise<SessionUser> {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role as Role,
    missions: await listUserMissions(db, user.id),
    locale: user.locale,
  };
}

export interface SignInResult {
  token: string;
  user: SessionUser;
  expiresAt: string;
}

/**
 * Checks email and password and opens a new session (a fresh token every time: no fixation).
 * Unknown emails and wrong passwords get the same answer after the same work.
 * @throws ProblemError 401 invalid_credentials
 */
export async function signIn(
  db: Db,
  config: Config,
  input: { email: string; password: string; ip: string | null; userAgent: string | null },
): Promise<SignInResult> {
  const user = await findUserByEmail(db, input.email);
  if (!user?.passwordHash) {
    await verifyAgainstDummy(input.password);
    throw new ProblemError(401, 'invalid_credentials');
  }
  const ok = await verifyPassword(input.password, user.passwordHash);
  if (!ok || user.status !== 'active') throw new ProblemError(401, 'invalid_credentials');
  const token = randomBytes(32).toString('base64url');
  const now = isoNow();
  const expiresAt = isoAt(config.sessionAbsoluteHours * 3_600_000);
  await insertSession(db, {
    id: hashToken(token),
    userId: user.id,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
  });
  return { token, user: await toSessionUser(db, user), expiresAt };
}

/** Resolves a cookie token to its user, enforcing idle and absolute timeouts; null when not valid. */
export async function resolveSession(
  db: Db,
  config: Config,
  token: string,
  now: Date = new Date(),
): Promise<{ sessionId: string; user: SessionUser } | null> {
  const id = hashToken(token);
  const session = await findSession(db, id);
  if (!session) return null;
  const idleLimit = new Date(session.lastSeenAt).getTime() + config.sessionIdleMinutes * 60_000;
  if (session.expiresAt <= now.toISOString() || idleLimit <= now.getTime()) {
    await deleteSession(db, id);
    return null;
  }
  const user = await findUserById(db, session.userId);
  if (user?.status !== 'active') return null;
  if (now.getTime() - new Date(session.lastSeenAt).getTime() > TOUCH_EVERY_MS) {
    await touchSession(db, id, now.toISOString());
  }
  return { sessionId: id, user: await toSessionUser(db, user) };
}

export async function signOut(db: Db, sessionId: string): Promise<void> {
  await deleteSession(db, sessionId);
}
