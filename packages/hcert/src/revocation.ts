import { toArrayBuffer, toBase64 } from './bytes.ts';

/**
 * The revocation-list hash of a unique certificate identifier, as in the EU DCC revocation specification's
 * "UCI" hash type: the first 128 bits of SHA-256 over the UCI's UTF-8 bytes, base64. A list of these says which
 * certificates are revoked without naming them.
 */
export async function uciRevocationHash(uci: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', toArrayBuffer(new TextEncoder().encode(uci)));
  return toBase64(new Uint8Array(digest).slice(0, 16));
}

/** The UCI (`ci`) of the one vaccination, test or recovery entry of a DCC payload, or null. */
export function certificateIdOf(payload: unknown): string | null {
  if (typeof payload !== 'object' || payload === null) return null;
  for (const group of ['v', 't', 'r'] as const) {
    const list: unknown = (payload as Record<string, unknown>)[group]; // boundary: a decoded, unvalidated payload
    if (!Array.isArray(list)) continue;
    const first: unknown = list[0];
    if (typeof first === 'object' && first !== null && 'ci' in first && typeof first.ci === 'string') return first.ci;
  }
  return null;
}
