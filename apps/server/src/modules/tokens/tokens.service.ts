import { randomBytes } from 'node:crypto';
import type { ApiToken, CreatedToken, CreateTokenBody, SessionUser } from '@homeward/shared';
import { isoNow, newId } from '../../clock.ts';
import type { Db } from '../../db/schema.ts';
import { ProblemError } from '../../http/problem.ts';
import { type AuditSource, appendAudit } from '../audit/audit.service.ts';
import { hashToken, toSessionUser } from '../auth/auth.service.ts';
import { findUserById } from '../users/users.repo.ts';
import { toApiToken } from './tokens.presenter.ts';
import {
  findApiToken,
  findApiTokenByHash,
  insertApiToken,
  listApiTokenRows,
  revokeApiTokenRow,
  touchApiToken,
} from './tokens.repo.ts';

export const TOKEN_PREFIX = 'hw_';
const TOUCH_EVERY_MS = 60_000;

/**
 * Creates an API token owned by the calling administrator. The value (`hw_` + 256 random bits) is in
 * this answer only; the database keeps its SHA-256.
 * @throws ProblemError 400 validation_failed when the expiry is not in the future
 */
export async function createApiToken(
  db: Db,
  source: AuditSource,
  ownerId: string,
  input: CreateTokenBody,
): Promise<CreatedToken> {
  const now = new Date();
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && !(expiresAt.getTime() > now.getTime())) {
    const message = 'the expiry must be in the future';
    throw new ProblemError(400, 'validation_failed', message, [{ field: '/expiresAt', message }]);
  }
  const value = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const row = {
    id: newId(),
    ownerId,
    name: input.name.trim(),
    tokenHash: hashToken(value),
    scopes: [...input.scopes].sort(),
    createdAt: isoNow(now),
    expiresAt: expiresAt?.toISOString() ?? null,
    lastUsedAt: null,
    revokedAt: null,
  };
  return db.transaction().execute(async (trx) => {
    await insertApiToken(trx, row);
    await appendAudit(trx, source, {
      action: 'token.create',
      record: { type: 'api_token', id: row.id },
      details: { name: row.name, scopes: row.scopes, expiresAt: row.expiresAt },
    });
    return { token: toApiToken(row), value };
  });
}

export async function listApiTokens(db: Db): Promise<ApiToken[]> {
  return (await listApiTokenRows(db)).map(toApiToken);
}

/**
 * Revokes a token at once; revoking it again changes nothing.
 * @throws ProblemError 404 not_found
 */
export async function revokeApiToken(db: Db, source: AuditSource, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const token = await findApiToken(trx, id);
    if (!token) throw new ProblemError(404, 'not_found');
    if (token.revokedAt) return;
    await revokeApiTokenRow(trx, id, isoNow());
    await appendAudit(trx, source, {
      action: 'token.revoke',
      record: { type: 'api_token', id },
      details: { name: token.name },
    });
  });
}

/**
 * Resolves `Authorization: Bearer hw_…` to the identity it acts as: its owner's role and missions,
 * named after the token, limited to the token's scopes. Null when unknown, revoked, expired, or when
 * the owner is disabled.
 */
export async function resolveApiToken(
  db: Db,
  value: string,
  now: Date = new Date(),
): Promise<{ user: SessionUser; token: { id: string; scopes: string[] } } | null> {
  if (!value.startsWith(TOKEN_PREFIX)) return null;
  const token = await findApiTokenByHash(db, hashToken(value));
  if (!token || token.revokedAt) return null;
  if (token.expiresAt && token.expiresAt <= now.toISOString()) return null;
  const owner = await findUserById(db, token.ownerId);
  if (owner?.status !== 'active' || owner.role === 'citizen') return null;
  if (!token.lastUsedAt || now.getTime() - new Date(token.lastUsedAt).getTime() > TOUCH_EVERY_MS) {
    await touchApiToken(db, token.id, now.toISOString());
  }
  const user = await toSessionUser(db, owner);
  return { user: { ...user, displayName: `${token.name} (API token)` }, token: { id: token.id, scopes: token.scopes } };
}
