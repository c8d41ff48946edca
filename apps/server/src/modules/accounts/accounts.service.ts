import type { Locale, SignUpBody } from '@homeward/shared';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { isoNow } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/schema.ts';
import { ProblemError, tooManyAttempts } from '../../http/problem.ts';
import { enqueueMail } from '../../mail/mail.jobs.ts';
import { type AuditSource, appendAudit } from '../audit/audit.service.ts';
import { type ClientInfo, openSession, type SignInResult } from '../auth/auth.service.ts';
import { blockedUntil, clearThrottle, recordFailure } from '../auth/throttle.ts';
import { hashPassword } from '../users/password.ts';
import { findUserByEmail, findUserById, type UserRow } from '../users/users.repo.ts';
import { createUser } from '../users/users.service.ts';
import { deleteUserSessions, markEmailVerified, setPasswordHash } from './accounts.repo.ts';
import { MAIL_PER_ACCOUNT, MAIL_PER_ADDRESS } from './accounts.throttle.ts';
import { consumeLinkToken } from './link-tokens.ts';
import { assertPasswordAllowed } from './password-policy.ts';

// The signed-out account flows: sign-up, email verification and password reset (decision 0003).

/** Who asks, for throttling, audit and mail deduplication (the request id names the event). */
export interface Requester extends ClientInfo {
  requestId: string;
  locale: Locale;
}

const SENT = { status: 'sent' } as const;

/** Runs `fn` in the caller's transaction, or opens one. */
export function inTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

const PHONE_MESSAGE: Record<Locale, string> = {
  en: 'Enter a phone number with its country code, like +86 10 1234 5678',
  'zh-CN': '请输入带国家代码的电话号码，例如 +86 10 1234 5678',
};

/**
 * Reads a phone number as people type it (+, spaces, hyphens, a leading 00) and returns E.164.
 * @throws ProblemError 400 validation_failed with a field error on /phone
 */
export function normalizePhone(raw: string, locale: Locale): string {
  const text = raw.trim().replace(/^00/, '+');
  const phone = parsePhoneNumberFromString(text.startsWith('+') ? text : `+${text}`);
  if (!phone?.isPossible()) {
    throw new ProblemError(400, 'validation_failed', 'not a possible phone number', [
      { field: '/phone', message: PHONE_MESSAGE[locale] },
    ]);
  }
  return phone.number;
}

/**
 * Counts one mail-sending request (sign-up, resend, reset) per address and per email, whether or not an
 * account exists, so the answer and the throttling look the same for both.
 * @throws ProblemError 429 rate_limited
 */
async function throttleMailRequest(db: Db, kind: string, email: string, who: Requester): Promise<void> {
  const keys = [`${kind}:ip:${who.ip ?? 'unknown'}`, `${kind}:account:${email}`];
  const blocked = await blockedUntil(db, keys);
  if (blocked) {
    await appendAudit(db, { actor: null, ip: who.ip }, { action: `account.${kind}_throttled`, details: { email } });
    throw tooManyAttempts(blocked);
  }
  await recordFailure(db, keys[0] as string, MAIL_PER_ADDRESS);
  await recordFailure(db, keys[1] as string, MAIL_PER_ACCOUNT);
}

export const actorOf = (user: UserRow, ip: string | null): AuditSource => ({
  actor: { id: user.id, role: user.role },
  ip,
});
export const userRecord = (user: UserRow) => ({ type: 'user', id: user.id });

/**
 * Creates a citizen account and mails a verification link; an address that already has an account gets a
 * "you already have an account" mail instead. Both answer the same, so the form does not reveal accounts.
 * @throws ProblemError 400 weak_password / validation_failed (/phone), 429 rate_limited
 */
export async function signUp(db: Db, input: SignUpBody, who: Requester): Promise<typeof SENT> {
  const email = input.email.trim().toLowerCase();
  // Checked before counting: fixing a typo in the form must not use up the attempts.
  const phone = input.phone?.trim() ? normalizePhone(input.phone, who.locale) : null;
  assertPasswordAllowed(input.password, email, who.locale, { userInputs: [input.displayName] });
  await throttleMailRequest(db, 'sign_up', email, who);
  // Hashed whether or not the account exists: both paths take the same time.
  const passwordHash = await hashPassword(input.password);
  await inTransaction(db, async (trx) => {
    const existing = await findUserByEmail(trx, email);
    if (existing) {
      const unverified = existing.role === 'citizen' && existing.emailVerifiedAt === null;
      const template = unverified ? 'verify_email' : 'already_registered';
      await enqueueMail(trx, { template, userId: existing.id }, `${template}:${existing.id}:${who.requestId}`);
      await appendAudit(
        trx,
        { actor: null, ip: who.ip },
        { action: 'account.sign_up_existing', record: userRecord(existing) },
      );
      return;
    }
    const { id } = await createUser(trx, {
      email,
      password: input.password,
      passwordHash,
      displayName: input.displayName,
      role: 'citizen',
      locale: input.locale,
      phone,
    });
    await enqueueMail(trx, { template: 'verify_email', userId: id }, `verify_email:${id}:${who.requestId}`);
    await appendAudit(
      trx,
      { actor: { id, role: 'citizen' }, ip: who.ip },
      { action: 'account.sign_up', record: { type: 'user', id } },
    );
  });
  return SENT;
}

/** Mails a new verification link if the address has an unverified citizen account; answers the same otherwise. */
export async function resendVerification(db: Db, rawEmail: string, who: Requester): Promise<typeof SENT> {
  const email = rawEmail.trim().toLowerCase();
  await throttleMailRequest(db, 'resend', email, who);
  await inTransaction(db, async (trx) => {
    const user = await findUserByEmail(trx, email);
    if (user?.role !== 'citizen' || user.emailVerifiedAt !== null || user.status !== 'active') return;
    await enqueueMail(trx, { template: 'verify_email', userId: user.id }, `verify_email:${user.id}:${who.requestId}`);
    await appendAudit(trx, actorOf(user, who.ip), { action: 'account.verification_resent', record: userRecord(user) });
  });
  return SENT;
}

/**
 * Proves the address with the link from the mail and signs the person in.
 * @throws ProblemError 400 link_invalid
 */
export async function verifyEmail(db: Db, config: Config, token: string, who: ClientInfo): Promise<SignInResult> {
  return inTransaction(db, async (trx) => {
    const { userId } = await consumeLinkToken(trx, token, 'verify');
    const user = await findUserById(trx, userId);
    if (user?.status !== 'active') throw new ProblemError(400, 'link_invalid');
    await markEmailVerified(trx, user.id, isoNow());
    const session = await openSession(trx, config, user, who);
    await appendAudit(trx, actorOf(user, who.ip), { action: 'account.email_verified', record: userRecord(user) });
    return session;
  });
}

/** Mails a password-reset link to an active account; answers the same for unknown addresses. */
export async function requestPasswordReset(db: Db, rawEmail: string, who: Requester): Promise<typeof SENT> {
  const email = rawEmail.trim().toLowerCase();
  await throttleMailRequest(db, 'reset', email, who);
  await inTransaction(db, async (trx) => {
    const user = await findUserByEmail(trx, email);
    if (user?.status !== 'active') return;
    await enqueueMail(
      trx,
      { template: 'password_reset', userId: user.id },
      `password_reset:${user.id}:${who.requestId}`,
    );
    await appendAudit(trx, actorOf(user, who.ip), {
      action: 'account.password_reset_requested',
      record: userRecord(user),
    });
  });
  return SENT;
}

/**
 * Sets a new password from a reset link and ends every session of the account. The link also proves the
 * address, so an unverified account becomes verified. A refused password leaves the link usable.
 * @throws ProblemError 400 link_invalid / weak_password
 */
export async function confirmPasswordReset(db: Db, token: string, password: string, who: Requester): Promise<void> {
  await inTransaction(db, async (trx) => {
    const { userId } = await consumeLinkToken(trx, token, 'reset');
    const user = await findUserById(trx, userId);
    if (user?.status !== 'active') throw new ProblemError(400, 'link_invalid');
    // Throwing here rolls the transaction back, so the link is not spent on a weak password.
    assertPasswordAllowed(password, user.email, who.locale, { userInputs: [user.displayName] });
    const now = isoNow();
    await setPasswordHash(trx, user.id, await hashPassword(password), now);
    await markEmailVerified(trx, user.id, now);
    await deleteUserSessions(trx, user.id);
    await clearThrottle(trx, [`sign-in:account:${user.email}`]);
    await enqueueMail(
      trx,
      { template: 'password_changed', userId: user.id },
      `password_changed:${user.id}:${who.requestId}`,
    );
    await appendAudit(trx, actorOf(user, who.ip), { action: 'account.password_reset', record: userRecord(user) });
  });
}
