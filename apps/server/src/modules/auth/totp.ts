import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';

/** RFC 6238 as every authenticator app speaks it: SHA-1, 6 digits, 30-second steps. */
const PERIOD_SECONDS = 30;
/** ±1 step, for clocks a little off and codes typed at the turn of a step. */
const TOLERANCE_SECONDS = PERIOD_SECONDS;

export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

export function otpauthUrl(secret: string, account: string, issuer: string): string {
  return generateURI({ issuer, label: account, secret, period: PERIOD_SECONDS, digits: 6, algorithm: 'sha1' });
}

/** Digits only: people type codes with spaces ("123 456"), and anything else can never match. */
export function normalizeTotpCode(code: string): string | null {
  const digits = code.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}

/**
 * Checks a code against a Base32 secret within ±1 step of `now`.
 * @returns the time step the code belongs to (for the replay guard), or null when it does not match
 */
export async function matchTotpStep(secret: string, code: string, now: Date = new Date()): Promise<number | null> {
  const token = normalizeTotpCode(code);
  if (!token) return null;
  const epoch = Math.floor(now.getTime() / 1000);
  const result = await verify({ secret, token, epoch, period: PERIOD_SECONDS, epochTolerance: TOLERANCE_SECONDS });
  // delta is the matching step's offset from the current one (-1, 0 or +1).
  return result.valid ? Math.floor(epoch / PERIOD_SECONDS) + result.delta : null;
}

// AES-256-GCM: `v1.<iv>.<tag>.<ciphertext>`, base64url. The version prefix lets the format change later.
export function encryptSecret(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), sealed]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

/** @throws Error when the value was altered or sealed with another key */
export function decryptSecret(key: Buffer, sealed: string): string {
  const [version, iv, tag, data] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('unknown sealed secret format');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}

const RECOVERY_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
export const RECOVERY_CODE_COUNT = 10;

/** A recovery code: 16 random Base32 characters (80 bits) in four groups, e.g. `k3q7-mz2a-…`. */
export function newRecoveryCode(): string {
  const chars = [...randomBytes(16)].map((b) => RECOVERY_ALPHABET[b % 32]).join('');
  return chars.match(/.{4}/g)?.join('-') ?? chars;
}

/** Case, spaces and dashes do not matter when a code is typed back. */
export function normalizeRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Recovery codes are high-entropy, so a plain SHA-256 is a safe way to keep them. */
export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(normalizeRecoveryCode(code)).digest('hex');
}
