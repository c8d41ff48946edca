import { randomBytes } from 'node:crypto';
import type { SignInNextStep } from '@homeward/shared';
import { isoAt, isoNow, newId } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/schema.ts';
import { ProblemError, tooManyAttempts } from '../../http/problem.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { verifyPassword } from '../users/password.ts';
import { findUserById, type UserRow } from '../users/users.repo.ts';
import { type ClientInfo, completeSignIn, hashToken, type SignInResult } from './auth.service.ts';
import {
  advanceTotpStep,
  type ChallengeRow,
  countChallengeAttempt,
  countUnusedRecoveryCodes,
  deleteChallenge,
  deleteChallengesOfUser,
  deleteExpiredChallenges,
  deleteRecoveryCodes,
  findChallenge,
  findTotpCredential,
  insertChallenge,
  insertRecoveryCodes,
  spendRecoveryCode,
  upsertTotpCredential,
} from './second-factor.repo.ts';
import { deriveConfiguredKey, deriveServerKey } from './server-secret.ts';
import {
  blockedUntil,
  clearThrottle,
  recordFailure,
  SECOND_FACTOR_PER_ACCOUNT,
  SECOND_FACTOR_PER_ADDRESS,
  SIGN_IN_PER_ACCOUNT,
} from './throttle.ts';
import {
  decryptSecret,
  encryptSecret,
  hashRecoveryCode,
  matchTotpStep,
  newRecoveryCode,
  newTotpSecret,
  otpauthUrl,
  RECOVERY_CODE_COUNT,
} from './totp.ts';

export const CHALLENGE_TTL_MS = 5 * 60_000;
/** Wrong codes one challenge takes before it is void and the password must be given again. */
export const MAX_CHALLENGE_ATTEMPTS = 5;
const TOTP_KEY_PURPOSE = 'totp-secrets';
const ISSUER = 'Homeward';

/** Seals a Base32 TOTP secret for storage (AES-256-GCM under a key derived from the server secret). */
export async function sealTotpSecret(db: Db, config: Pick<Config, 'secret'>, secret: string): Promise<string> {
  return encryptSecret(await deriveConfiguredKey(db, config, TOTP_KEY_PURPOSE), secret);
}

async function openTotpSecret(db: Db, config: Config, sealed: string): Promise<string> {
  try {
    return decryptSecret(await deriveConfiguredKey(db, config, TOTP_KEY_PURPOSE), sealed);
  } catch (error) {
    // Sealed before HOMEWARD_SECRET was set (or by the demo seed): the generated server secret opens it.
    if (!config.secret) throw error;
    return decryptSecret(await deriveServerKey(db, TOTP_KEY_PURPOSE), sealed);
  }
}

/**
 * Starts the second step of a staff sign-in: a challenge for a code from the enrolled authenticator app,
 * or, when none is enrolled yet, a new secret to enrol. Earlier unfinished challenges of the user end.
 */
export async function startSecondFactor(db: Db, config: Config, user: UserRow): Promise<SignInNextStep> {
  const challenge = randomBytes(32).toString('base64url');
  const base = { id: hashToken(challenge), userId: user.id, attempts: 0, createdAt: isoNow() };
  await deleteChallengesOfUser(db, user.id);
  await deleteExpiredChallenges(db, isoNow()); // abandoned sign-ins of anyone: one indexed delete
  if (await findTotpCredential(db, user.id)) {
    await insertChallenge(db, { ...base, purpose: 'totp', pendingSecret: null, expiresAt: isoAt(CHALLENGE_TTL_MS) });
    return { next: 'totp', challenge };
  }
  const secret = newTotpSecret();
  await insertChallenge(db, {
    ...base,
    purpose: 'totp_setup',
    pendingSecret: await sealTotpSecret(db, config, secret),
    expiresAt: isoAt(CHALLENGE_TTL_MS),
  });
  return { next: 'totp_setup', challenge, secret, otpauthUrl: otpauthUrl(secret, user.email, ISSUER) };
}

/** Generates a fresh set of recovery codes (the old set stops working) and returns them in clear, once. */
export async function issueRecoveryCodes(db: Db, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  const createdAt = isoNow();
  await deleteRecoveryCodes(db, userId);
  await insertRecoveryCodes(
    db,
    userId,
    codes.map((code) => ({ id: newId(), codeHash: hashRecoveryCode(code), createdAt })),
  );
  return codes;
}

interface SecondFactorInput extends ClientInfo {
  challenge: string;
  code: string;
}

interface LiveChallenge {
  row: ChallengeRow;
  user: UserRow;
  keys: { address: string; account: string };
}

/** Finds a challenge that can still be answered, or refuses before any code is looked at. */
async function liveChallenge(db: Db, input: SecondFactorInput, now: Date): Promise<LiveChallenge> {
  const row = await findChallenge(db, hashToken(input.challenge));
  const user = row ? await findUserById(db, row.userId) : undefined;
  if (!row || !user || row.expiresAt <= now.toISOString() || user.status !== 'active') {
    if (row) await deleteChallenge(db, row.id);
    throw new ProblemError(401, 'challenge_expired');
  }
  const keys = { address: `second-factor:ip:${input.ip ?? 'unknown'}`, account: `second-factor:account:${user.id}` };
  const blocked = await blockedUntil(db, [keys.address, keys.account], now);
  if (blocked) {
    await appendAudit(
      db,
      { actor: { id: user.id, role: user.role }, ip: input.ip },
      { action: 'auth.second_factor_throttled' },
    );
    throw tooManyAttempts(blocked, now);
  }
  return { row, user, keys };
}

/** Counts a wrong answer against the challenge, the account and the address; audits it; throws. */
async function refuse(
  db: Db,
  live: LiveChallenge,
  ip: string | null,
  code: 'second_factor_invalid' | 'second_factor_replayed',
  method: string,
): Promise<never> {
  const attempts = await countChallengeAttempt(db, live.row.id);
  if (attempts >= MAX_CHALLENGE_ATTEMPTS) await deleteChallenge(db, live.row.id);
  await recordFailure(db, live.keys.address, SECOND_FACTOR_PER_ADDRESS);
  await recordFailure(db, live.keys.account, SECOND_FACTOR_PER_ACCOUNT);
  await appendAudit(
    db,
    { actor: { id: live.user.id, role: live.user.role }, ip },
    { action: 'auth.second_factor_failed', details: { method, reason: code, attempts } },
  );
  throw new ProblemError(401, code);
}

/**
 * Answers a sign-in challenge with a code from the authenticator app (±1 step of 30 s). A code is
 * accepted once: the step it belongs to is stored, and that step or an earlier one is refused.
 * After first setup, the account's recovery codes are returned, once.
 * @throws ProblemError 401 challenge_expired | second_factor_invalid | second_factor_replayed, 429 rate_limited
 */
export async function completeTotp(
  db: Db,
  config: Config,
  input: SecondFactorInput,
  now: Date = new Date(),
): Promise<{ session: SignInResult; recoveryCodes?: string[] }> {
  const live = await liveChallenge(db, input, now);
  const { row, user } = live;
  const sealed = row.purpose === 'totp_setup' ? row.pendingSecret : (await findTotpCredential(db, user.id))?.secret;
  if (!sealed) {
    await deleteChallenge(db, row.id); // the second factor was reset meanwhile
    throw new ProblemError(401, 'challenge_expired');
  }
  const step = await matchTotpStep(await openTotpSecret(db, config, sealed), input.code, now);
  if (step === null) return refuse(db, live, input.ip, 'second_factor_invalid', 'totp');

  const outcome = await db.transaction().execute(async (trx) => {
    if (row.purpose === 'totp' && !(await advanceTotpStep(trx, user.id, step))) return 'replayed' as const;
    if (!(await deleteChallenge(trx, row.id))) return 'gone' as const;
    let recoveryCodes: string[] | undefined;
    if (row.purpose === 'totp_setup') {
      await upsertTotpCredential(trx, { userId: user.id, secret: sealed, lastStep: step, createdAt: isoNow() });
      recoveryCodes = await issueRecoveryCodes(trx, user.id);
      await appendAudit(
        trx,
        { actor: { id: user.id, role: user.role }, ip: input.ip },
        { action: 'auth.second_factor_enabled', record: { type: 'user', id: user.id } },
      );
    }
    await clearThrottle(trx, [live.keys.account]);
    const session = await completeSignIn(trx, config, user, input, { secondFactor: 'totp' });
    return { session, recoveryCodes };
  });
  if (outcome === 'gone') throw new ProblemError(401, 'challenge_expired');
  if (outcome === 'replayed') return refuse(db, live, input.ip, 'second_factor_replayed', 'totp');
  return outcome.recoveryCodes ? outcome : { session: outcome.session };
}

/**
 * Answers a sign-in challenge with one of the account's recovery codes, which is spent.
 * @throws ProblemError 401 challenge_expired | second_factor_invalid, 429 rate_limited
 */
export async function completeRecovery(
  db: Db,
  config: Config,
  input: SecondFactorInput,
  now: Date = new Date(),
): Promise<SignInResult> {
  const live = await liveChallenge(db, input, now);
  const { row, user } = live;
  // During setup there are no recovery codes yet; the app's code is the only way on.
  if (row.purpose !== 'totp') return refuse(db, live, input.ip, 'second_factor_invalid', 'recovery_code');
  const outcome = await db.transaction().execute(async (trx) => {
    if (!(await spendRecoveryCode(trx, user.id, hashRecoveryCode(input.code), now.toISOString()))) {
      return 'invalid' as const;
    }
    if (!(await deleteChallenge(trx, row.id))) return 'gone' as const;
    const remaining = await countUnusedRecoveryCodes(trx, user.id);
    await appendAudit(
      trx,
      { actor: { id: user.id, role: user.role }, ip: input.ip },
      { action: 'auth.recovery_code_used', record: { type: 'user', id: user.id }, details: { remaining } },
    );
    await clearThrottle(trx, [live.keys.account]);
    return completeSignIn(trx, config, user, input, { secondFactor: 'recovery_code' });
  });
  if (outcome === 'gone') throw new ProblemError(401, 'challenge_expired');
  if (outcome === 'invalid') return refuse(db, live, input.ip, 'second_factor_invalid', 'recovery_code');
  return outcome;
}

/**
 * Replaces the caller's recovery codes after checking their password again; the old set stops working.
 * @throws ProblemError 403 reauthentication_required, 409 conflict (no authenticator app enrolled), 429
 */
export async function regenerateRecoveryCodes(
  db: Db,
  userId: string,
  password: string,
  ip: string | null,
): Promise<string[]> {
  const user = await findUserById(db, userId);
  if (!user) throw new ProblemError(404, 'not_found');
  const actor = { actor: { id: user.id, role: user.role }, ip };
  const key = `reauth:account:${user.id}`;
  const blocked = await blockedUntil(db, [key]);
  if (blocked) throw tooManyAttempts(blocked);
  if (!user.passwordHash || !(await verifyPassword(password, user.passwordHash))) {
    await recordFailure(db, key, SIGN_IN_PER_ACCOUNT);
    await appendAudit(db, actor, { action: 'auth.reauthentication_failed' });
    throw new ProblemError(403, 'reauthentication_required');
  }
  if (!(await findTotpCredential(db, user.id))) {
    throw new ProblemError(409, 'conflict', 'set up an authenticator app first');
  }
  return db.transaction().execute(async (trx) => {
    await clearThrottle(trx, [key]);
    const codes = await issueRecoveryCodes(trx, user.id);
    await appendAudit(trx, actor, { action: 'auth.recovery_codes_regenerated', record: { type: 'user', id: user.id } });
    return codes;
  });
}
