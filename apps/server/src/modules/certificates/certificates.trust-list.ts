import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type BusinessRuleSet, readBusinessRules, type SigningKey } from '@homeward/hcert';
import { importNodeSigningKey } from '@homeward/hcert/node';
import type { PublishedRevocationList, PublishedTrustList } from '@homeward/shared';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/schema.ts';
import { ProblemError } from '../../http/problem.ts';
import { signDetachedCms } from './certificates.cms.ts';
import { openSignerKey, signCompactJws } from './certificates.keys.ts';
import {
  findSignerInSlot,
  listCscaHandovers,
  listRevokedHashes,
  listTrustedSigners,
  type SignerRow,
} from './certificates.repo.ts';

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

/** The trust list as a compact JWS (RFC 7515) signed by the CSCA in use: what a verifier checks before trusting. */
export interface SignedTrustList {
  format: 'homeward-signed-trust-list/1';
  /** base64url(header) "." base64url(the trust list JSON) "." base64url(ES256 r‖s); the header carries x5c. */
  jws: string;
}

/** One entry of the EU DCC gateway's `/trustList` answer (the subset Homeward serves; see decision 0009). */
export interface GatewayTrustListItem {
  kid: string;
  timestamp: string;
  country: string;
  certificateType: 'DSC';
  /** SHA-256 of the DER, hex. */
  thumbprint: string;
  /** base64 DER of a detached CMS SignedData (RFC 5652) over rawData's DER by the CSCA in use, as the gateway's. */
  signature: string;
  /** Base64 DER of the document signer certificate. */
  rawData: string;
}

/**
 * The CSCA in use and its opened key; null before the first issuance made one. ECDSA signatures are randomised,
 * so each signed document is kept per content and CSCA: the same list keeps the same signature and ETag.
 */
async function cscaSigner(db: Db, config: Config): Promise<{ row: SignerRow; key: SigningKey } | null> {
  const row = await findSignerInSlot(db, 'csca');
  if (!row) return null;
  try {
    return { row, key: importNodeSigningKey(await openSignerKey(db, config, row)) };
  } catch (error) {
    throw new ProblemError(503, 'signing_key_unavailable', error instanceof Error ? error.message : undefined);
  }
}

const signedCache = new Map<string, Published<unknown>>();
const MAX_SIGNED_CACHE = 32;

async function cached<T>(key: string, make: () => Promise<T>): Promise<Published<T>> {
  const hit = signedCache.get(key);
  if (hit) return hit as Published<T>;
  const body = await make();
  const published = { body, etag: etagOf(body) };
  if (signedCache.size >= MAX_SIGNED_CACHE) signedCache.clear();
  signedCache.set(key, published);
  return published;
}

/**
 * The public trust list signed by the CSCA as a compact JWS with the CSCA certificate in `x5c`.
 * @throws ProblemError 503 signing_key_unavailable before any CSCA exists or when its key does not open
 */
export async function publishSignedTrustList(
  db: Db,
  config: Config,
  now = new Date(),
): Promise<Published<SignedTrustList>> {
  const list = await publishTrustList(db, config.state.code, now);
  const signer = await cscaSigner(db, config);
  if (!signer) throw new ProblemError(503, 'signing_key_unavailable', 'no country signing CA yet');
  return cached(`jws ${signer.row.id} ${list.etag}`, async () => {
    const jws = await signCompactJws(signer.key, signer.row, list.body);
    return { format: 'homeward-signed-trust-list/1' as const, jws };
  });
}

/**
 * The document signers in the EU DCC gateway's trust-list shape, each with a detached CMS signature by the CSCA in
 * use (the trust anchor), as the gateway publishes them.
 * @throws ProblemError 503 signing_key_unavailable when the CSCA's key does not open
 */
export async function publishGatewayTrustList(
  db: Db,
  config: Config,
  now = new Date(),
): Promise<Published<GatewayTrustListItem[]>> {
  const rows = (await listTrustedSigners(db, now.toISOString())).filter((row) => row.kind === 'dsc');
  const signer = rows.length > 0 ? await cscaSigner(db, config) : null;
  const key = `gateway ${signer?.row.id ?? ''} ${rows.map((row) => row.id).join(',')}`;
  return cached(key, async () => {
    const items: GatewayTrustListItem[] = [];
    for (const row of rows) {
      const der = Buffer.from(row.certificate, 'base64');
      const signature = signer
        ? await signDetachedCms(
            der,
            Buffer.from(signer.row.certificate, 'base64'),
            signer.key.sign,
            new Date(row.createdAt),
          )
        : new Uint8Array(0);
      items.push({
        kid: row.kid,
        timestamp: row.createdAt,
        country: config.state.code,
        certificateType: 'DSC',
        thumbprint: createHash('sha256').update(der).digest('hex'),
        signature: Buffer.from(signature).toString('base64'),
        rawData: row.certificate,
      });
    }
    return items;
  });
}

/** Every CSCA hand-over statement, oldest first: the path from any CSCA a verifier pinned to the one in use. */
export interface CscaHandoverList {
  format: 'homeward-csca-handovers/1';
  /** Compact JWS, each signed by the replaced CSCA (x5c), content { format, previous, next, issuedAt }. */
  handovers: string[];
}

/** The CSCA hand-over statements at their stable URL (public, cacheable, no personal data). */
export async function publishCscaHandovers(db: Db): Promise<Published<CscaHandoverList>> {
  const body: CscaHandoverList = { format: 'homeward-csca-handovers/1', handovers: await listCscaHandovers(db) };
  return { body, etag: etagOf(body) };
}

// The business rules per destination shipped with the server (business-rules.json), read and checked once at
// start: a malformed file stops the server rather than reaching verifiers.
const businessRules: Published<BusinessRuleSet> = (() => {
  const body = readBusinessRules(JSON.parse(readFileSync(new URL('./business-rules.json', import.meta.url), 'utf8')));
  return { body, etag: etagOf(body) };
})();

/** The public business rules per destination, which verifiers save offline with the lists. */
export function publishBusinessRules(): Published<BusinessRuleSet> {
  return businessRules;
}
