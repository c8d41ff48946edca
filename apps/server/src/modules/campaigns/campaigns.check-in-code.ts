import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/schema.ts';
import { deriveServerKey } from '../auth/server-secret.ts';

/**
 * The check-in code in a campaign QR: `HWC1.<registration id>.<expiry, epoch seconds in base 36>.<MAC>`. Like the
 * appointments' code (decision 0019) it carries no personal data and a MAC (HMAC-SHA256 under a key derived for
 * this purpose only, first 128 bits) so that it cannot be made up or altered; unlike it, the expiry is signed in,
 * so an old screenshot stops working after the day of the slot even before anyone looks the registration up.
 */
const PREFIX = 'HWC1';

async function macOf(db: Db, body: string): Promise<Buffer> {
  const key = await deriveServerKey(db, 'campaign-check-in');
  return createHmac('sha256', key).update(body).digest().subarray(0, 16);
}

export async function campaignCheckInCode(db: Db, registrationId: string, expiresAt: Date): Promise<string> {
  const body = `${PREFIX}.${registrationId}.${Math.floor(expiresAt.getTime() / 1000).toString(36)}`;
  return `${body}.${(await macOf(db, body)).toString('base64url')}`;
}

export type CodeCheck =
  | { ok: true; registrationId: string; expiresAt: Date }
  | { ok: false; reason: 'invalid' | 'expired' };

/** Reads a scanned or typed code: genuine and unexpired, or why not. Surrounding spaces are ignored. */
export async function readCampaignCheckInCode(db: Db, code: string, now: Date): Promise<CodeCheck> {
  const parts = code.trim().split('.');
  if (parts.length !== 4 || parts[0] !== PREFIX) return { ok: false, reason: 'invalid' };
  const [, id, expiry, mac] = parts as [string, string, string, string];
  if (!/^[0-9a-f-]{36}$/.test(id) || !/^[0-9a-z]{1,10}$/.test(expiry)) return { ok: false, reason: 'invalid' };
  const given = Buffer.from(mac, 'base64url');
  const expected = await macOf(db, `${PREFIX}.${id}.${expiry}`);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
  const expiresAt = new Date(Number.parseInt(expiry, 36) * 1000);
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, registrationId: id, expiresAt };
}
