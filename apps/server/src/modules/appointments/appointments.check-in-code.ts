import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/schema.ts';
import { deriveServerKey } from '../auth/server-secret.ts';

/**
 * The check-in code in the citizen's QR: `HWA1.<booking id>.<MAC>`. It carries no personal data (a random
 * booking id), and the MAC (HMAC-SHA256 under a key derived for this purpose only, first 128 bits) means a
 * code cannot be made up or altered by hand; staff scanning it still see the booking before checking in.
 */
const PREFIX = 'HWA1';

async function macOf(db: Db, id: string): Promise<Buffer> {
  const key = await deriveServerKey(db, 'appointment-check-in');
  return createHmac('sha256', key).update(`${PREFIX}.${id}`).digest().subarray(0, 16);
}

export async function checkInCodeFor(db: Db, id: string): Promise<string> {
  return `${PREFIX}.${id}.${(await macOf(db, id)).toString('base64url')}`;
}

/** The booking id of a genuine code, or null. Surrounding spaces (a pasted code) are ignored. */
export async function bookingIdOfCode(db: Db, code: string): Promise<string | null> {
  const parts = code.trim().split('.');
  if (parts.length !== 3 || parts[0] !== PREFIX) return null;
  const [, id, mac] = parts as [string, string, string];
  if (!/^[0-9a-f-]{36}$/.test(id)) return null;
  const given = Buffer.from(mac, 'base64url');
  const expected = await macOf(db, id);
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
}
