import { hkdfSync, randomBytes } from 'node:crypto';
import { isoNow } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/schema.ts';

const SETTING_KEY = 'server_secret';
const cache = new WeakMap<object, Promise<Buffer>>();

async function loadOrCreate(db: Db): Promise<Buffer> {
  // Two processes starting at once may both generate one; the primary key keeps the first, and both read it.
  await db
    .insertInto('settings')
    .values({ key: SETTING_KEY, value: randomBytes(32).toString('base64url'), createdAt: isoNow() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('settings').select('value').where('key', '=', SETTING_KEY).executeTakeFirstOrThrow();
  return Buffer.from(row.value, 'base64url');
}

/**
 * The server-wide secret, generated once on first use and kept in the `settings` table, so a deployment
 * needs no configuration (HOMEWARD_SECRET, when set, is used instead where `deriveConfiguredKey` is). Everything keyed from it uses its own derived key (see `deriveServerKey`).
 */
export function getServerSecret(db: Db): Promise<Buffer> {
  let secret = cache.get(db);
  if (!secret) {
    secret = loadOrCreate(db);
    cache.set(db, secret);
    secret.catch(() => cache.delete(db)); // a failed read (e.g. before migration) is tried again next time
  }
  return secret;
}

/** A 256-bit key for one purpose (HKDF-SHA256), so no two uses ever share a key. */
export async function deriveServerKey(db: Db, purpose: string): Promise<Buffer> {
  const secret = await getServerSecret(db);
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `homeward:${purpose}`, 32));
}

/**
 * Like `deriveServerKey`, but from HOMEWARD_SECRET when it is configured: then a copy of the database
 * alone does not hold the key. Changing HOMEWARD_SECRET later voids what was sealed under the old one.
 */
export async function deriveConfiguredKey(db: Db, config: Pick<Config, 'secret'>, purpose: string): Promise<Buffer> {
  if (!config.secret) return deriveServerKey(db, purpose);
  return Buffer.from(hkdfSync('sha256', config.secret, Buffer.alloc(0), `homeward:${purpose}`, 32));
}
