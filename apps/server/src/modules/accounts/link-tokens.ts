import { createHash, randomBytes } from 'node:crypto';
import { isoAt, isoNow, newId } from '../../clock.ts';
import type { Db } from '../../db/schema.ts';
import { ProblemError } from '../../http/problem.ts';
import { deleteLinkTokens, insertLinkToken, type LinkPurpose, spendLinkToken } from './link-tokens.repo.ts';

export type { LinkPurpose };

/** How long each kind of link works (decision 0003). */
export const LINK_TTL_MS: Record<LinkPurpose, number> = {
  verify: 24 * 3_600_000,
  reset: 3_600_000,
  staff_setup: 72 * 3_600_000,
};

function hashLinkToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Issues a single-use link token (256 random bits, base64url) for a user and a purpose; only its SHA-256
 * is stored. Earlier links of the same purpose stop working, so only the newest mail counts.
 * Pass the transaction that also enqueues the mail carrying the link.
 */
export async function issueLinkToken(
  db: Db,
  userId: string,
  purpose: LinkPurpose,
  ttlMs: number = LINK_TTL_MS[purpose],
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const now = isoNow();
  await deleteLinkTokens(db, userId, purpose);
  await insertLinkToken(db, {
    id: newId(),
    userId,
    purpose,
    tokenHash: hashLinkToken(token),
    createdAt: now,
    expiresAt: isoAt(ttlMs),
    usedAt: null,
  });
  return token;
}

/**
 * Spends a link token and returns the user it was issued to.
 * @throws ProblemError 400 link_invalid when the token is unknown, of another purpose, used or expired
 */
export async function consumeLinkToken(db: Db, token: string, purpose: LinkPurpose): Promise<{ userId: string }> {
  const userId = await spendLinkToken(db, hashLinkToken(token), purpose, isoNow());
  if (!userId) throw new ProblemError(400, 'link_invalid');
  return { userId };
}
