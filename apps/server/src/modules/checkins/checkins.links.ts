import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/schema.ts';
import { deriveConfiguredKey } from '../auth/server-secret.ts';
import { registerActionLinks } from '../notifications/notifications.service.ts';

/**
 * One-tap "Are you safe?" links for e-mail, SMS and push (decision 0021). The token names the alert, the
 * person and an expiry, signed with HMAC-SHA256 under a key derived from the server secret (HOMEWARD_SECRET
 * when configured), so the landing page can record an answer without a sign-in and nothing is stored per link.
 */
const PURPOSE = 'checkin-links';
const VERSION = 'c1';
/** A link answers for two weeks: long enough for a crisis, short enough that an old e-mail stops working. */
export const CHECKIN_LINK_TTL_MS = 14 * 86_400_000;
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface CheckinLinks {
  /** Path of the citizen app's landing page answering "safe" (prefix with the public URL for e-mail). */
  safe: string;
  /** The same page answering "need help". */
  needHelp: string;
}

/** Builds the links for one person; sync so a delivery worker can call it per recipient. */
export type CheckinLinkSigner = (alertId: string, personId: string) => CheckinLinks;

export type CheckinTokenCheck =
  | { ok: true; alertId: string; personId: string; expiresAt: string }
  | { ok: false; reason: 'invalid' | 'expired' };

function mac(key: Buffer, payload: string): string {
  return createHmac('sha256', key).update(payload).digest().subarray(0, 16).toString('base64url');
}

const uuidBytes = (id: string): Buffer => {
  if (!ID.test(id)) throw new Error(`check-in links name ids as UUIDs, not ${id}`);
  return Buffer.from(id.replaceAll('-', ''), 'hex');
};
const uuidText = (bytes: Buffer): string =>
  bytes.toString('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');

/**
 * Signs a token for one alert and person, valid until `expiresAtMs`: `c1.` + base64url(alert id, person id,
 * expiry in seconds) + `.` + the first 128 bits of the HMAC. 74 characters: it fits an SMS and a URL segment.
 */
export function signCheckinToken(key: Buffer, alertId: string, personId: string, expiresAtMs: number): string {
  const expiry = Buffer.alloc(5);
  expiry.writeUIntBE(Math.floor(expiresAtMs / 1000), 0, 5);
  const payload = `${VERSION}.${Buffer.concat([uuidBytes(alertId), uuidBytes(personId), expiry]).toString('base64url')}`;
  return `${payload}.${mac(key, payload)}`;
}

/** The links for a signed token: the citizen app's landing page `/checkin/<token>?answer=…`. */
export function linksForToken(token: string): CheckinLinks {
  const base = `/checkin/${encodeURIComponent(token)}`;
  return { safe: `${base}?answer=safe`, needHelp: `${base}?answer=need_help` };
}

/** The key for check-in links of this deployment. */
export function checkinLinkKey(db: Db, config: Pick<Config, 'secret'>): Promise<Buffer> {
  return deriveConfiguredKey(db, config, PURPOSE);
}

/**
 * Resolves the key once and returns a synchronous `checkinLinks(alertId, personId)` for a fan-out loop.
 * `now` and `ttlMs` are fixed per signer, so every link of one batch expires together.
 */
export async function checkinLinkSigner(
  db: Db,
  config: Pick<Config, 'secret'>,
  options: { now?: Date; ttlMs?: number } = {},
): Promise<CheckinLinkSigner> {
  const key = await checkinLinkKey(db, config);
  const expiresAtMs = (options.now ?? new Date()).getTime() + (options.ttlMs ?? CHECKIN_LINK_TTL_MS);
  return (alertId, personId) => linksForToken(signCheckinToken(key, alertId, personId, expiresAtMs));
}

/** Convenience for one person: the safe / need-help links of an alert. */
export async function checkinLinks(
  db: Db,
  config: Pick<Config, 'secret'>,
  alertId: string,
  personId: string,
  options: { now?: Date; ttlMs?: number } = {},
): Promise<CheckinLinks> {
  return (await checkinLinkSigner(db, config, options))(alertId, personId);
}

/** Checks a token's signature, then its expiry; a forged or mangled token is `invalid`, never `expired`. */
export function verifyCheckinToken(key: Buffer, token: string, now: Date = new Date()): CheckinTokenCheck {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'invalid' };
  const [version, body, signature] = parts as [string, string, string];
  if (version !== VERSION || !/^[\w-]{1,64}$/.test(body)) return { ok: false, reason: 'invalid' };
  const expected = Buffer.from(mac(key, `${version}.${body}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
  const bytes = Buffer.from(body, 'base64url');
  if (bytes.length !== 37) return { ok: false, reason: 'invalid' };
  const expiresAtMs = bytes.readUIntBE(32, 5) * 1000;
  if (expiresAtMs <= now.getTime()) return { ok: false, reason: 'expired' };
  return {
    ok: true,
    alertId: uuidText(bytes.subarray(0, 16)),
    personId: uuidText(bytes.subarray(16, 32)),
    expiresAt: new Date(expiresAtMs).toISOString(),
  };
}

/**
 * Registers the links with the delivery module (`registerActionLinks`), so every e-mail, SMS and push of an
 * alert that asks "Are you safe?" carries them. The key needs the database (the generated server secret), so
 * this runs when a process starts (the API does it when its routes register); each call of the registered
 * function signs with an expiry counted from that moment.
 */
export async function registerCheckinLinks(db: Db, config: Pick<Config, 'secret'>): Promise<void> {
  const key = await checkinLinkKey(db, config);
  registerActionLinks('alert', (alertId, personId) => {
    const links = linksForToken(signCheckinToken(key, alertId, personId, Date.now() + CHECKIN_LINK_TTL_MS));
    return { safe: links.safe, needHelp: links.needHelp };
  });
}
