import {
  type AccountExport,
  type DeleteAccountResult,
  isLocale,
  type Locale,
  type Profile,
  type ProfilePatchBody,
} from '@homeward/shared';
import { isoNow } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/schema.ts';
import { ProblemError, tooManyAttempts } from '../../http/problem.ts';
import { enqueueMail } from '../../mail/mail.jobs.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { openSession, type SignInResult } from '../auth/auth.service.ts';
import { blockedUntil, clearThrottle, recordFailure, SIGN_IN_PER_ACCOUNT } from '../auth/throttle.ts';
import { deletePasskeysOfUser, listPasskeysForExport } from '../passkeys/passkeys.repo.ts';
import { hashPassword, verifyPassword } from '../users/password.ts';
import { findUserById, type UserRow } from '../users/users.repo.ts';
import { runExporters, runRetentionChecks } from './accounts.hooks.ts';
import { toProfile } from './accounts.presenter.ts';
import {
  anonymizeUser,
  deleteUserLinkTokens,
  deleteUserSessions,
  listAuditAboutUser,
  listSessionsForExport,
  setPasswordHash,
  updateProfileRow,
} from './accounts.repo.ts';
import { actorOf, inTransaction, normalizePhone, type Requester, userRecord } from './accounts.service.ts';
import { assertPasswordAllowed } from './password-policy.ts';

// The signed-in person's own account (`/accounts/me`): profile, password, export and deletion.

async function requireUser(db: Db, userId: string): Promise<UserRow> {
  const user = await findUserById(db, userId);
  if (user?.status !== 'active') throw new ProblemError(401, 'unauthenticated');
  return user;
}

const WRONG_PASSWORD: Record<Locale, string> = {
  en: 'The password is not right',
  'zh-CN': '密码不正确',
};

/**
 * Asks for the current password again before a sensitive change; wrong guesses are throttled per account.
 * @throws ProblemError 400 invalid_credentials (field error on `field`), 429 rate_limited
 */
async function confirmPassword(db: Db, user: UserRow, password: string, field: string, who: Requester) {
  const key = `reauth:account:${user.id}`;
  const blocked = await blockedUntil(db, [key]);
  if (blocked) throw tooManyAttempts(blocked);
  if (user.passwordHash && (await verifyPassword(password, user.passwordHash))) {
    await clearThrottle(db, [key]);
    return;
  }
  await recordFailure(db, key, SIGN_IN_PER_ACCOUNT);
  await appendAudit(db, actorOf(user, who.ip), { action: 'account.password_check_failed', record: userRecord(user) });
  throw new ProblemError(400, 'invalid_credentials', undefined, [{ field, message: WRONG_PASSWORD[who.locale] }]);
}

export async function getProfile(db: Db, userId: string): Promise<Profile> {
  return toProfile(await requireUser(db, userId));
}

/**
 * Changes name, phone (`null` or `''` removes it) or language.
 * @throws ProblemError 400 validation_failed (/phone, /displayName)
 */
export async function updateProfile(db: Db, userId: string, patch: ProfilePatchBody, who: Requester): Promise<Profile> {
  const changes: { displayName?: string; phone?: string | null; locale?: Locale } = {};
  if (patch.displayName !== undefined) {
    const name = patch.displayName.trim();
    if (name === '') {
      const message = who.locale === 'en' ? 'Enter your name' : '请填写您的姓名';
      throw new ProblemError(400, 'validation_failed', undefined, [{ field: '/displayName', message }]);
    }
    changes.displayName = name;
  }
  if (patch.phone !== undefined) {
    changes.phone = patch.phone === null || patch.phone.trim() === '' ? null : normalizePhone(patch.phone, who.locale);
  }
  if (patch.locale !== undefined) changes.locale = patch.locale;
  return inTransaction(db, async (trx) => {
    const user = await requireUser(trx, userId);
    if (Object.keys(changes).length > 0) {
      await updateProfileRow(trx, user.id, changes, isoNow());
      await appendAudit(trx, actorOf(user, who.ip), {
        action: 'account.profile_updated',
        record: userRecord(user),
        details: { fields: Object.keys(changes) },
      });
    }
    return toProfile(await requireUser(trx, userId));
  });
}

/**
 * Changes the password after checking the current one; every session ends and a new one is opened for
 * this browser (rotation). The account holder is told by mail.
 * @throws ProblemError 400 invalid_credentials (/currentPassword) / weak_password (/newPassword), 429
 */
export async function changePassword(
  db: Db,
  config: Config,
  userId: string,
  input: { currentPassword: string; newPassword: string },
  who: Requester,
): Promise<SignInResult> {
  const user = await requireUser(db, userId);
  await confirmPassword(db, user, input.currentPassword, '/currentPassword', who);
  assertPasswordAllowed(input.newPassword, user.email, who.locale, {
    field: '/newPassword',
    userInputs: [user.displayName],
  });
  const passwordHash = await hashPassword(input.newPassword);
  return inTransaction(db, async (trx) => {
    await setPasswordHash(trx, user.id, passwordHash, isoNow());
    await deleteUserSessions(trx, user.id);
    const session = await openSession(trx, config, user, who);
    await enqueueMail(
      trx,
      { template: 'password_changed', userId: user.id },
      `password_changed:${user.id}:${who.requestId}`,
    );
    await appendAudit(trx, actorOf(user, who.ip), { action: 'account.password_changed', record: userRecord(user) });
    return session;
  });
}

/** Everything held about the caller, as one JSON document; the export itself is audited. */
export async function exportAccount(db: Db, userId: string, who: Requester): Promise<AccountExport> {
  return inTransaction(db, async (trx) => {
    const user = await requireUser(trx, userId);
    const [sessions, passkeys, audit, sections] = [
      await listSessionsForExport(trx, user.id),
      await listPasskeysForExport(trx, user.id),
      await listAuditAboutUser(trx, user.id),
      await runExporters(trx, user.id),
    ];
    await appendAudit(trx, actorOf(user, who.ip), {
      action: 'account.exported',
      record: userRecord(user),
      details: { sections: Object.keys(sections) },
    });
    return {
      exportedAt: isoNow(),
      account: toProfile(user),
      sessions,
      passkeys,
      audit: audit.map((a) => ({ at: a.at, action: a.action, ip: a.ip, details: JSON.parse(a.details) })),
      sections,
    };
  });
}

/**
 * Deletes the caller's account after checking the password: other modules keep what they must (their
 * retention checks say what and why) and erase the rest; sessions, links and passkeys go; the account row
 * is reduced to a tombstone without personal data. A last mail confirms it in the person's language.
 * @throws ProblemError 400 invalid_credentials (/password), 429 rate_limited
 */
export async function deleteAccount(
  db: Db,
  userId: string,
  password: string,
  who: Requester,
): Promise<DeleteAccountResult> {
  const user = await requireUser(db, userId);
  await confirmPassword(db, user, password, '/password', who);
  return inTransaction(db, async (trx) => {
    const kept = await runRetentionChecks(trx, { id: user.id, email: user.email });
    await deleteUserSessions(trx, user.id);
    await deleteUserLinkTokens(trx, user.id);
    await deletePasskeysOfUser(trx, user.id);
    await clearThrottle(trx, [`sign-in:account:${user.email}`, `reauth:account:${user.id}`]);
    await anonymizeUser(trx, user.id, isoNow());
    await enqueueMail(
      trx,
      {
        template: 'account_deleted',
        to: user.email,
        displayName: user.displayName,
        locale: isLocale(user.locale) ? user.locale : 'zh-CN',
      },
      `account_deleted:${user.id}`,
    );
    await appendAudit(trx, actorOf(user, who.ip), {
      action: 'account.deleted',
      record: userRecord(user),
      details: { kept: kept.map((k) => ({ type: k.type, id: k.id })) },
    });
    return { deleted: true as const, kept };
  });
}
