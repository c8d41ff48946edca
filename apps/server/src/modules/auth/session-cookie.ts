import type { FastifyReply } from 'fastify';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/schema.ts';
import { SESSION_COOKIE, type SignInResult } from './auth.service.ts';
import { setKnownDeviceCookie } from './known-device.ts';

/**
 * Sets the cookies of a completed sign-in (password, verification link, passkey, second factor):
 * the session and the known-device marker. One place, so every way in sets them alike.
 */
export async function setSignInCookies(
  reply: FastifyReply,
  db: Db,
  config: Config,
  result: SignInResult,
): Promise<void> {
  reply.setCookie(SESSION_COOKIE, result.token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.publicUrl.startsWith('https://'),
    path: '/',
    expires: new Date(result.expiresAt),
  });
  await setKnownDeviceCookie(reply, db, config, result.user.email);
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
