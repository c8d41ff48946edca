import type { Passkey } from '@homeward/shared';
import type { PasskeyRow } from './passkeys.repo.ts';

/** A passkey as its owner sees it: never the public key or counter. */
export function toPasskeyDto(row: PasskeyRow): Passkey {
  return { id: row.id, name: row.name, createdAt: row.createdAt, lastUsedAt: row.lastUsedAt };
}
