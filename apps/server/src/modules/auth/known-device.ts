import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/schema.ts';
import { deriveConfiguredKey } from './server-secret.ts';

/**
 * The "known device" marker (decision 0003): after a successful sign-in the browser keeps an httpOnly
 * cookie signed for that account. The per-account sign-in throttle does not apply to a device that holds
 * one, so an attacker guessing passwords elsewhere cannot lock the real owner out.
 */
export const KNOWN_DEVICE_COOKIE = 'hw_device';
const PURPOSE = 'known-device';
const MAX_AGE_SECONDS = 365 * 86_400;

/** The cookie value for an account: HMAC-SHA256 of its email under the server's device key. */
export async function knownDeviceMarker(db: Db, config: Config, email: string): Promise<string> {
  const key = await deriveConfiguredKey(db, config, PURPOSE);
  return createHmac('sha256', key).update(`v1:${email.trim().toLowerCase()}`).digest('base64url');
}

/** True when the cookie value was issued by this server for this email. */
export async function isKnownDevice(
  db: Db,
  config: Config,
  email: string,
  cookie: string | undefined,
): Promise<boolean> {
  if (!cookie) return false;
  const expected = Buffer.from(await knownDeviceMarker(db, config, email));
  const given = Buffer.from(cookie);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Marks the browser as a known device for the account that just signed in. */
export async function setKnownDeviceCookie(reply: FastifyReply, db: Db, config: Config, email: string): Promise<void> {
  reply.setCookie(KNOWN_DEVICE_COOKIE, await knownDeviceMarker(db, config, email), {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.publicUrl.startsWith('https://'),
    path: '/api/v1/auth',
    maxAge: MAX_AGE_SECONDS,
  });
}
