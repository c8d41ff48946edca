import type { ApiToken } from '@homeward/shared';
import type { ApiTokenRow } from './tokens.repo.ts';

/** A token as administrators see it: never its value or hash. */
export function toApiToken(row: ApiTokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  };
}
