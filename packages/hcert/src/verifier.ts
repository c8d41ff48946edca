import { HcertError } from './errors.ts';
import { type HcertVerdict, verifyHcert } from './hcert.verify.ts';
import { certificateIdOf, uciRevocationHash } from './revocation.ts';
import type { SchemaSet } from './schema.ts';
import { parseTrustList, type TrustList } from './trust-list.ts';

/** What a verifier keeps offline: the signers it trusts and the UCI hashes of revoked certificates. */
export interface VerifierLists {
  trustList: TrustList;
  revokedUciHashes: ReadonlySet<string>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * Reads a published trust list (`{ certificates: [{ kid, certificateType, certificate }] }`, as Homeward's
 * `/api/v1/certificates/trust-list` serves it) and revocation list (`{ hashType: "UCI", hashes }`). Only document
 * signers (DSC) go into the trust list: a CSCA signs signers, never certificates.
 * @throws HcertError('input') when either list is not in that shape
 */
export async function readVerifierLists(trustJson: unknown, revocationJson: unknown): Promise<VerifierLists> {
  if (!isRecord(trustJson) || !Array.isArray(trustJson.certificates)) {
    throw new HcertError('input', 'trust list: expected an object with a "certificates" array');
  }
  const signers = trustJson.certificates.filter(
    (entry: unknown) => !isRecord(entry) || entry.certificateType === undefined || entry.certificateType === 'DSC',
  );
  const trustList = await parseTrustList(signers);
  if (!isRecord(revocationJson) || revocationJson.hashType !== 'UCI' || !Array.isArray(revocationJson.hashes)) {
    throw new HcertError('input', 'revocation list: expected { hashType: "UCI", hashes: [...] }');
  }
  const hashes = revocationJson.hashes.filter((hash: unknown): hash is string => typeof hash === 'string');
  return { trustList, revokedUciHashes: new Set(hashes) };
}

/**
 * Verifies an HC1 text against offline lists: the full chain of `verifyHcert`, then the revocation list by the
 * hash of the certificate's UCI. Never throws.
 */
export async function verifyWithLists(
  text: string,
  lists: VerifierLists,
  options: { at?: Date; schemas?: SchemaSet | false } = {},
): Promise<HcertVerdict> {
  const verdict = await verifyHcert(text, { trustList: lists.trustList, ...options });
  if (!verdict.ok) return verdict;
  const uci = certificateIdOf(verdict.payload);
  if (uci !== null && lists.revokedUciHashes.has(await uciRevocationHash(uci))) {
    return {
      ok: false,
      code: 'revoked',
      reason: 'revocation: the issuer has revoked this certificate',
      kid: verdict.kid,
    };
  }
  return verdict;
}
