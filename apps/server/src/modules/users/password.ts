import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

// scrypt at N=2^15, r=8, p=3 (32 MiB): one of OWASP's equivalent recommended settings.
// The parameters are stored in each hash, so they can be raised later without breaking old hashes.
const DEFAULT = { N: 2 ** 15, r: 8, p: 3 };
// HOMEWARD_PASSWORD_COST=low (set by vitest.config.ts) hashes new passwords at N=2^10, p=1 (~2 ms instead of
// ~200 ms): the test suites sign in thousands of times. A production process refuses it (config.ts).
const LOW = { N: 2 ** 10, r: 8, p: 1 };

function costOf(): { N: number; r: number; p: number } {
  return process.env.HOMEWARD_PASSWORD_COST === 'low' && process.env.NODE_ENV !== 'production' ? LOW : DEFAULT;
}
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** Hashes a password as `scrypt$N$r$p$salt$key` (base64url). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const cost = costOf();
  const key = await derive(password, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Checks a password in constant time; a malformed stored hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

let dummy: Promise<string> | null = null;
/** Burns the same time as a real check, so an unknown email answers as slowly as a known one. */
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummy ??= hashPassword('homeward-dummy-password');
  await verifyPassword(password, await dummy);
}
