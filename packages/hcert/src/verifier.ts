import { certificateDer } from './certificate.ts';
import { isIssuedBy } from './chain.ts';
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
 * signers (DSC) go into the trust list: a CSCA signs signers, never certificates. With `requireChain` (for a
 * list whose signature was checked against the country signing CA), a DSC is kept only when one of the list's
 * CSCAs signed it; any other is left out, so what it signed verifies as signed by an unknown key.
 * @throws HcertError('input') when either list is not in that shape
 */
export async function readVerifierLists(
  trustJson: unknown,
  revocationJson: unknown,
  options: { requireChain?: boolean } = {},
): Promise<VerifierLists> {
  if (!isRecord(trustJson) || !Array.isArray(trustJson.certificates)) {
    throw new HcertError('input', 'trust list: expected an object with a "certificates" array');
  }
  let signers: unknown[] = trustJson.certificates.filter(
    (entry: unknown) => !isRecord(entry) || entry.certificateType === undefined || entry.certificateType === 'DSC',
  );
  if (options.requireChain) signers = await chainedToCsca(trustJson.certificates, signers);
  const trustList = await parseTrustList(signers);
  if (!isRecord(revocationJson) || revocationJson.hashType !== 'UCI' || !Array.isArray(revocationJson.hashes)) {
    throw new HcertError('input', 'revocation list: expected { hashType: "UCI", hashes: [...] }');
  }
  const hashes = revocationJson.hashes.filter((hash: unknown): hash is string => typeof hash === 'string');
  return { trustList, revokedUciHashes: new Set(hashes) };
}

function derOf(entry: unknown): Uint8Array | null {
  if (!isRecord(entry) || typeof entry.certificate !== 'string') return null;
  try {
    return certificateDer(entry.certificate);
  } catch {
    return null;
  }
}

/** The signer entries one of the list's CSCAs issued. */
async function chainedToCsca(entries: unknown[], signers: unknown[]): Promise<unknown[]> {
  const cscas = entries
    .filter((entry) => isRecord(entry) && entry.certificateType === 'CSCA')
    .map(derOf)
    .filter((der): der is Uint8Array => der !== null);
  const kept: unknown[] = [];
  for (const signer of signers) {
    const der = derOf(signer);
    if (!der) continue;
    for (const csca of cscas) {
      if (await isIssuedBy(der, csca)) {
        kept.push(signer);
        break;
      }
    }
  }
  return kept;
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
