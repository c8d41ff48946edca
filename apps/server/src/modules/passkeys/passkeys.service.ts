import type { Passkey, PasskeyAuthenticationBody, PasskeyRegistrationBody, SessionUser } from '@homeward/shared';
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { isoAt, isoNow, newId } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/schema.ts';
import { ProblemError, tooManyAttempts } from '../../http/problem.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { type ClientInfo, openSession, type SignInResult } from '../auth/auth.service.ts';
import { blockedUntil, recordFailure, SIGN_IN_PER_ADDRESS } from '../auth/throttle.ts';
import { findUserById } from '../users/users.repo.ts';
import { toPasskeyDto } from './passkeys.presenter.ts';
import {
  deleteExpiredChallenges,
  deletePasskeyOfUser,
  findPasskeyByCredentialId,
  insertChallenge,
  insertPasskey,
  listPasskeysOfUser,
  recordPasskeyUse,
  takeChallenge,
} from './passkeys.repo.ts';

const CHALLENGE_TTL_MS = 5 * 60_000;
const RP_NAME = 'Homeward';

/** The relying party is the public origin: a passkey made for one deployment works only there. */
function relyingParty(config: Config): { rpID: string; origin: string } {
  const url = new URL(config.publicUrl);
  return { rpID: url.hostname, origin: url.origin };
}

/** The challenge the browser signed, read from clientDataJSON; null when it cannot be read. */
function challengeOf(clientDataJSON: string): string | null {
  try {
    const data: unknown = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8'));
    const challenge = (data as { challenge?: unknown }).challenge; // boundary: parsed JSON, checked next
    return typeof challenge === 'string' ? challenge : null;
  } catch {
    return null;
  }
}

function inTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

function failed(detail: string): ProblemError {
  return new ProblemError(401, 'passkey_failed', detail);
}

/** Options for creating a passkey on this device; the challenge is kept server-side for five minutes. */
export async function startRegistration(
  db: Db,
  config: Config,
  user: SessionUser,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const { rpID } = relyingParty(config);
  const existing = await listPasskeysOfUser(db, user.id);
  const options = await generateRegistrationOptions({
    rpName: RP_NAME,
    rpID,
    userName: user.email,
    userDisplayName: user.displayName,
    userID: new TextEncoder().encode(user.id),
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports })),
    // Discoverable, so signing in needs no email; user verification makes the passkey a whole factor.
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  });
  await deleteExpiredChallenges(db, isoNow());
  await insertChallenge(db, {
    challenge: options.challenge,
    purpose: 'registration',
    userId: user.id,
    expiresAt: isoAt(CHALLENGE_TTL_MS),
  });
  return options;
}

/**
 * Checks the new credential against the challenge issued to this user and stores it.
 * @throws ProblemError 400 passkey_failed when the response does not verify
 */
export async function finishRegistration(
  db: Db,
  config: Config,
  user: SessionUser,
  body: PasskeyRegistrationBody,
  client: ClientInfo,
): Promise<Passkey> {
  const { rpID, origin } = relyingParty(config);
  const challenge = challengeOf(body.response.response.clientDataJSON);
  const issued = challenge ? await takeChallenge(db, challenge, 'registration', isoNow()) : undefined;
  if (!challenge || issued?.userId !== user.id) {
    throw new ProblemError(400, 'passkey_failed', 'no such registration challenge, or it expired');
  }
  let info: Awaited<ReturnType<typeof verifyRegistrationResponse>>['registrationInfo'];
  try {
    const result = await verifyRegistrationResponse({
      response: body.response as RegistrationResponseJSON, // boundary: shape checked by the route schema
      expectedChallenge: challenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      requireUserVerification: true,
    });
    info = result.registrationInfo;
  } catch (error) {
    throw new ProblemError(400, 'passkey_failed', error instanceof Error ? error.message : String(error));
  }
  if (!info) throw new ProblemError(400, 'passkey_failed', 'registration did not verify');
  if (await findPasskeyByCredentialId(db, info.credential.id)) {
    throw new ProblemError(400, 'passkey_failed', 'this passkey is registered already');
  }
  const row = {
    id: newId(),
    credentialId: info.credential.id,
    userId: user.id,
    name: body.name?.trim() || defaultName(client.userAgent),
    publicKey: Buffer.from(info.credential.publicKey).toString('base64url'),
    counter: info.credential.counter,
    transports: info.credential.transports ?? [],
    deviceType: info.credentialDeviceType,
    backedUp: info.credentialBackedUp,
    createdAt: isoNow(),
    lastUsedAt: null,
  };
  await inTransaction(db, async (trx) => {
    await insertPasskey(trx, row);
    await appendAudit(
      trx,
      { actor: { id: user.id, role: user.role }, ip: client.ip },
      { action: 'passkey.registered', record: { type: 'passkey', id: row.id } },
    );
  });
  return toPasskeyDto(row);
}

function defaultName(userAgent: string | null): string {
  const ua = userAgent ?? '';
  const platform = [
    ['iPhone', 'iPhone'],
    ['iPad', 'iPad'],
    ['Android', 'Android'],
    ['Mac OS', 'Mac'],
    ['Windows', 'Windows'],
    ['Linux', 'Linux'],
  ].find(([needle]) => ua.includes(needle as string));
  return platform ? `Passkey (${platform[1]})` : 'Passkey';
}

export async function listPasskeys(db: Db, userId: string): Promise<Passkey[]> {
  return (await listPasskeysOfUser(db, userId)).map(toPasskeyDto);
}

/** @throws ProblemError 404 not_found when the caller has no such passkey */
export async function removePasskey(db: Db, user: SessionUser, id: string, client: ClientInfo): Promise<void> {
  await inTransaction(db, async (trx) => {
    if (!(await deletePasskeyOfUser(trx, user.id, id))) throw new ProblemError(404, 'not_found');
    await appendAudit(
      trx,
      { actor: { id: user.id, role: user.role }, ip: client.ip },
      { action: 'passkey.removed', record: { type: 'passkey', id } },
    );
  });
}

/** Options for signing in with any passkey on the device (discoverable credentials, no email asked). */
export async function startAuthentication(db: Db, config: Config): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const { rpID } = relyingParty(config);
  const options = await generateAuthenticationOptions({ rpID, userVerification: 'required' });
  await deleteExpiredChallenges(db, isoNow());
  await insertChallenge(db, {
    challenge: options.challenge,
    purpose: 'authentication',
    userId: null,
    expiresAt: isoAt(CHALLENGE_TTL_MS),
  });
  return options;
}

/**
 * Signs a citizen in with a passkey: the challenge must be one we issued and not used, the signature must
 * verify against the stored public key, and the signature counter is updated. Staff still use TOTP.
 * Failures are audited and count against the address like failed password sign-ins.
 * @throws ProblemError 401 passkey_failed, 429 rate_limited
 */
export async function signInWithPasskey(
  db: Db,
  config: Config,
  body: PasskeyAuthenticationBody,
  client: ClientInfo,
): Promise<SignInResult> {
  const addressKey = `sign-in:ip:${client.ip ?? 'unknown'}`;
  const blocked = await blockedUntil(db, [addressKey]);
  if (blocked) throw tooManyAttempts(blocked);
  const fail = async (detail: string, actor: { id: string; role: string } | null = null) => {
    await recordFailure(db, addressKey, SIGN_IN_PER_ADDRESS);
    await appendAudit(db, { actor, ip: client.ip }, { action: 'auth.passkey_failed', details: { reason: detail } });
    return failed(detail);
  };

  const { rpID, origin } = relyingParty(config);
  const challenge = challengeOf(body.response.response.clientDataJSON);
  const issued = challenge ? await takeChallenge(db, challenge, 'authentication', isoNow()) : undefined;
  if (!challenge || !issued) throw await fail('no such sign-in challenge, or it expired');
  const passkey = await findPasskeyByCredentialId(db, body.response.id);
  if (!passkey) throw await fail('this passkey is not registered here');
  const user = await findUserById(db, passkey.userId);
  const actor = user ? { id: user.id, role: user.role } : null;
  if (user?.status !== 'active') throw await fail('the account is not active', actor);
  if (user.role !== 'citizen') {
    throw await fail('passkey sign-in is for citizens; staff sign in with password and authenticator code', actor);
  }
  let verification: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    verification = await verifyAuthenticationResponse({
      response: body.response as AuthenticationResponseJSON, // boundary: shape checked by the route schema
      expectedChallenge: challenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      credential: {
        id: passkey.credentialId,
        publicKey: new Uint8Array(Buffer.from(passkey.publicKey, 'base64url')),
        counter: passkey.counter,
        transports: passkey.transports,
      },
      requireUserVerification: true,
    });
  } catch (error) {
    throw await fail(error instanceof Error ? error.message : String(error), actor);
  }
  if (!verification.verified) throw await fail('the signature did not verify', actor);
  return inTransaction(db, async (trx) => {
    const now = isoNow();
    await recordPasskeyUse(trx, passkey.id, verification.authenticationInfo.newCounter, now);
    const session = await openSession(trx, config, user, client);
    await appendAudit(
      trx,
      { actor: { id: user.id, role: user.role }, ip: client.ip },
      { action: 'auth.sign_in', record: { type: 'passkey', id: passkey.id }, details: { method: 'passkey' } },
    );
    return session;
  });
}
