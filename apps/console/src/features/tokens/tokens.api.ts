import type { ApiToken, CreatedToken, CreateTokenBody, TokenScope } from '@homeward/shared';
import { deleteJson, postJson } from '../../lib/api.client.ts';

export type { ApiToken };

/** Scopes a token may carry (kept here so the schema module and TypeBox stay out of the bundle; checked below). */
export const TOKEN_SCOPE_LIST = ['missions:read', 'audit:read', 'staff:read'] as const satisfies readonly TokenScope[];
export const ALL_SCOPES_LISTED: Exclude<TokenScope, (typeof TOKEN_SCOPE_LIST)[number]> extends never ? true : false =
  true;

/** Message keys per scope (i18next reads ":" as a namespace separator, so scopes cannot be keys themselves). */
export const SCOPE_LABEL_KEYS = {
  'missions:read': 'missionsRead',
  'audit:read': 'auditRead',
  'staff:read': 'staffRead',
} as const satisfies Record<TokenScope, string>;

export const TOKENS_PATH = '/api/v1/tokens';

export function createToken(body: CreateTokenBody): Promise<CreatedToken> {
  return postJson(TOKENS_PATH, body);
}

export function revokeToken(id: string): Promise<void> {
  return deleteJson(`${TOKENS_PATH}/${encodeURIComponent(id)}`);
}

/** The end of the chosen day in UTC, so "expires 31 March" still works on 31 March everywhere. */
export function endOfDayIso(date: string): string {
  return new Date(`${date}T23:59:59.999Z`).toISOString();
}
