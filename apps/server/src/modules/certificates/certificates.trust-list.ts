import { createHash } from 'node:crypto';
import type { PublishedRevocationList, PublishedTrustList } from '@homeward/shared';
import type { Db } from '../../db/schema.ts';
import { listRevokedHashes, listTrustedSigners } from './certificates.repo.ts';

export interface Published<T> {
  body: T;
  /** A strong validator over the body, so a verifier re-downloads only what changed. */
  etag: string;
}

/** The latest of some ISO instants (they sort as text), or '' for none. */
function latestOf(instants: string[]): string {
  return [...instants].sort().at(-1) ?? '';
}

function etagOf(body: unknown): string {
  return `"${createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 32)}"`;
}

/**
 * The public trust list: the CSCAs and the document signers a verifier must accept now (the one in use and
 * replaced ones while certificates they signed are valid). Holds no personal data; changes only with the keys.
 */
export async function publishTrustList(
  db: Db,
  country: string,
  now = new Date(),
): Promise<Published<PublishedTrustList>> {
  const rows = await listTrustedSigners(db, now.toISOString());
  const body: PublishedTrustList = {
    format: 'homeward-trust-list/1',
    updatedAt: latestOf(rows.map((row) => row.createdAt)),
    certificates: rows.map((row) => ({
      kid: row.kid,
      country,
      certificateType: row.kind === 'csca' ? 'CSCA' : 'DSC',
      certificate: row.certificate,
      notBefore: row.notBefore,
      notAfter: row.notAfter,
    })),
  };
  return { body, etag: etagOf(body) };
}

/**
 * The public revocation list: hashes of the UCIs of revoked certificates that have not expired, in the EU DCC
 * revocation "UCI" hash form, sorted so that the list says nothing about the order of revocation.
 */
export async function publishRevocationList(db: Db, now = new Date()): Promise<Published<PublishedRevocationList>> {
  const rows = await listRevokedHashes(db, now.toISOString());
  const body: PublishedRevocationList = {
    format: 'homeward-revocation-list/1',
    hashType: 'UCI',
    updatedAt: latestOf(rows.map((row) => row.revokedAt)),
    hashes: rows.map((row) => row.uciHash),
  };
  return { body, etag: etagOf(body) };
}
