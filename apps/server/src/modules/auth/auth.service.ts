import { hash, randomBytes } from 'node:crypto';
import type { Role, SessionInfo, SessionUser, SignInNextStep } from '@homeward/shared';
import { isoAt, isoNow } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/schema.ts';
import { ProblemError, tooManyAttempts } from '../../http/problem.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { verifyAgainstDummy, verifyPassword } from '../users/password.ts';
import { findUserByEmail, findUserById, listUserMissions, type UserRow } from '../users/users.repo.ts';
import { isKnownDevice } from './known-device.ts';
import { startSecondFactor } from './second-factor.service.ts';
import { cachedSession, forgetSession, keepSession, sessionCacheMark } from './session-cache.ts';
import {
  deleteSession,
  deleteSessionOfUser,
  deleteSessionsOfUser,
  findSession,
  insertSession,
  listSessionsOfUser,
  recordSignInTime,
  touchSession,
} from './sessions.repo.ts';
import { blockedUntil, clearThrottle, recordFailure, SIGN_IN_PER_ACCOUNT, SIGN_IN_PER_ADDRESS } from './throttle.ts';

export const SESSION_COOKIE = 'hw_session';
const TOUCH_EVERY_MS = 60_000;

/** Session cookies, challenges and API tokens are random; only their SHA-256 is stored. */
export function hashToken(token: string): string {
  // One-shot: a Hash object per call cost ~2 µs of every authenticated request (the session cache's key).
  return hash('sha256', token, 'hex');
}

export async function toSessionUser(db: Db, user: UserRow): Promise<SessionUser> {
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

/** What the password step leads to: a session (citizens), or the second factor staff must give. */
export type SignInOutcome = { session: SignInResult; next?: never } | { next: SignInNextStep; session?: never };

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

/**
 * Opens a new session for a user whose identity was just proven (password, second factor, passkey).
 * Every call issues a fresh token, so a session id is never carried across a sign-in (no fixation).
 */
export async function openSession(db: Db, config: Config, user: UserRow, client: ClientInfo): Promise<SignInResult> {
  const token = randomBytes(32).toString('base64url');
  const now = isoNow();
  const expiresAt = isoAt(config.sessionAbsoluteHours * 3_600_000);
  await insertSession(db, {
    id: hashToken(token),
    userId: user.id,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
    ip: client.ip,
    userAgent: client.userAgent?.slice(0, 300) ?? null,
  });
  return { token, user: await toSessionUser(db, user), expiresAt };
}

/**
 * Completes a sign-in whose every factor was proven: notes the time, opens a fresh session and audits it.
 * Pass the transaction that spent the second factor, so both commit together.
 */
export async function completeSignIn(
  db: Db,
  config: Config,
  user: UserRow,
  client: ClientInfo,
  details: Record<string, unknown> = {},
): Promise<SignInResult> {
  await recordSignInTime(db, user.id, isoNow());
  const result = await openSession(db, config, user, client);
  await appendAudit(
    db,
    { actor: { id: user.id, role: user.role }, ip: client.ip },
    { action: 'auth.sign_in', details },
  );
  return result;
}

/**
 * Checks email and password. Citizens get a new session; staff get a challenge for their second factor
 * (or, before they have one, for setting up an authenticator app), and no session yet.
 * Unknown emails and wrong passwords get the same answer after the same work; repeated failures are
 * throttled per address and per account. Every attempt, good or bad, is written to the audit log.
 * @throws ProblemError 401 invalid_credentials, 429 rate_limited
 */
export async function signIn(
  db: Db,
  config: Config,
  input: { email: string; password: string; knownDevice?: string } & ClientInfo,
): Promise<SignInOutcome> {
  const email = input.email.trim().toLowerCase();
  const keys = { address: `sign-in:ip:${input.ip ?? 'unknown'}`, account: `sign-in:account:${email}` };
  // A browser this account signed in from before skips the per-account block (decision 0003).
  const known = await isKnownDevice(db, config, email, input.knownDevice);
  const blocked = await blockedUntil(db, known ? [keys.address] : [keys.address, keys.account]);
  if (blocked) {
    await appendAudit(db, { actor: null, ip: input.ip }, { action: 'auth.sign_in_throttled', details: { email } });
    throw tooManyAttempts(blocked);
  }
  const user = await findUserByEmail(db, email);
  let ok = false;
  if (user?.passwordHash) ok = (await verifyPassword(input.password, user.passwordHash)) && user.status === 'active';
  else await verifyAgainstDummy(input.password); // an unknown email costs the same time as a known one
  if (!user || !ok) {
    await recordFailure(db, keys.address, SIGN_IN_PER_ADDRESS);
    await recordFailure(db, keys.account, SIGN_IN_PER_ACCOUNT);
    const actor = user ? { id: user.id, role: user.role } : null;
    await appendAudit(db, { actor, ip: input.ip }, { action: 'auth.sign_in_failed', details: { email } });
    throw new ProblemError(401, 'invalid_credentials');
  }
  await clearThrottle(db, [keys.account]);
  if (user.role === 'citizen' && user.emailVerifiedAt === null) {
    await appendAudit(
      db,
      { actor: { id: user.id, role: user.role }, ip: input.ip },
      { action: 'auth.sign_in_unverified' },
    );
    throw new ProblemError(403, 'email_not_verified');
  }
  if (user.role !== 'citizen') {
    const next = await startSecondFactor(db, config, user);
    await appendAudit(
      db,
      { actor: { id: user.id, role: user.role }, ip: input.ip },
      { action: 'auth.password_verified', details: { next: next.next } },
    );
    return { next };
  }
  return { session: await completeSignIn(db, config, user, input) };
}

/** A resolved session: the stored hash of the token and its user. */
export interface ResolvedSession {
  sessionId: string;
  user: SessionUser;
}

/**
 * The session of a cookie token as this process resolved it in the last few seconds (decision 0018), when it is
 * still within its idle and absolute limits and needs no touch; undefined sends the caller to `resolveSession`.
 */
export function cachedSessionOf(config: Config, token: string, now: number = Date.now()): ResolvedSession | undefined {
  const id = hashToken(token);
  const cached = cachedSession(id, now);
  if (!cached) return undefined;
  const idleLimit = cached.lastSeenAt + config.sessionIdleMinutes * 60_000;
  if (cached.expiresAt > now && idleLimit > now && now - cached.lastSeenAt <= TOUCH_EVERY_MS) {
    return { sessionId: id, user: cached.user };
  }
  forgetSession(id); // ending, or due a touch: the database decides
  return undefined;
}

/** Resolves a cookie token to its user, enforcing idle and absolute timeouts; null when not valid. */
export async function resolveSession(
  db: Db,
  config: Config,
  token: string,
  now: Date = new Date(),
): Promise<ResolvedSession | null> {
  const kept = cachedSessionOf(config, token, now.getTime());
  if (kept) return kept;
  const mark = sessionCacheMark();
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
  let lastSeenAt = new Date(session.lastSeenAt).getTime();
  if (now.getTime() - lastSeenAt > TOUCH_EVERY_MS) {
    await touchSession(db, id, now.toISOString());
    lastSeenAt = now.getTime();
  }
  const resolved = { sessionId: id, user: await toSessionUser(db, user) };
  keepSession(mark, { ...resolved, expiresAt: new Date(session.expiresAt).getTime(), lastSeenAt }, now.getTime());
  return resolved;
}

export async function signOut(db: Db, sessionId: string): Promise<void> {
  await deleteSession(db, sessionId);
}

/** The caller's open sessions, most recently used first; `id` is the stored hash, never the cookie value. */
export async function listMySessions(db: Db, userId: string, currentId: string | null): Promise<SessionInfo[]> {
  const rows = await listSessionsOfUser(db, userId);
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.createdAt,
    lastSeenAt: r.lastSeenAt,
    ip: r.ip,
    userAgent: r.userAgent,
    current: r.id === currentId,
  }));
}

/**
 * Ends one of the caller's sessions (a lost laptop). Another person's session answers as not found.
 * @throws ProblemError 404 not_found
 */
export async function endMySession(db: Db, userId: string, sessionId: string): Promise<void> {
  if (!(await deleteSessionOfUser(db, userId, sessionId))) throw new ProblemError(404, 'not_found');
}

/** Ends every session of a user: sign out everywhere, and after an administrator changes the account. */
export async function endAllSessions(db: Db, userId: string): Promise<number> {
  return deleteSessionsOfUser(db, userId);
}
