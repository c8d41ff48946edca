import { toBase64 } from './bytes.ts';
import { readSignerCertificate, type SignerCertificate } from './certificate.ts';
import { HcertError } from './errors.ts';

/** Signer certificates by base64 kid. Several may share a kid (it is only 8 bytes), so each kid maps to a list. */
export interface TrustList {
  byKid: ReadonlyMap<string, readonly SignerCertificate[]>;
}

export interface TrustListEntry {
  /** Optional base64 kid; when given it must equal the one computed from the certificate. */
  kid?: string;
  /** PEM or base64 DER. */
  certificate: string;
}

export async function buildTrustList(certificates: readonly (string | Uint8Array)[]): Promise<TrustList> {
  const byKid = new Map<string, SignerCertificate[]>();
  for (const input of certificates) {
    const signer = await readSignerCertificate(input);
    const kid = toBase64(signer.kid);
    byKid.set(kid, [...(byKid.get(kid) ?? []), signer]);
  }
  return { byKid };
}

/**
 * Reads the trust-list file format: a JSON array of {"kid"?: base64, "certificate": PEM or base64 DER}.
 * Throws HcertError('input') with the entry's index when an entry is malformed.
 */
export async function parseTrustList(json: unknown): Promise<TrustList> {
  if (!Array.isArray(json)) throw new HcertError('input', 'trust list: expected a JSON array of entries');
  const certificates: string[] = [];
  for (const [index, entry] of json.entries()) {
    if (
      typeof entry !== 'object' ||
      entry === null ||
      !('certificate' in entry) ||
      typeof entry.certificate !== 'string'
    ) {
      throw new HcertError('input', `trust list: entry ${index} has no "certificate" string`);
    }
    const signer = await readSignerCertificate(entry.certificate).catch((error: unknown) => {
      throw new HcertError(
        'input',
        `trust list: entry ${index}: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
    if ('kid' in entry && entry.kid !== undefined && entry.kid !== toBase64(signer.kid)) {
      throw new HcertError(
        'input',
        `trust list: entry ${index} kid does not match its certificate (${toBase64(signer.kid)})`,
      );
    }
    certificates.push(entry.certificate);
  }
  return buildTrustList(certificates);
}

export function signersForKid(list: TrustList, kid: Uint8Array): readonly SignerCertificate[] {
  return list.byKid.get(toBase64(kid)) ?? [];
}
