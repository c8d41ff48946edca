import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate, ExtendedKeyUsage, id_ce_extKeyUsage } from '@peculiar/asn1-x509';
import { fromBase64, fromPem, toArrayBuffer } from './bytes.ts';
import { HcertError } from './errors.ts';

/** What verification needs from a document signer certificate (DSC), read once. */
export interface SignerCertificate {
  der: Uint8Array;
  /** First 8 bytes of SHA-256 over the DER: the key identifier an HCERT carries. */
  kid: Uint8Array;
  notBefore: Date;
  notAfter: Date;
  /** DER SubjectPublicKeyInfo, ready for WebCrypto importKey('spki'). */
  spki: Uint8Array;
  keyType: 'EC' | 'RSA' | 'other';
  /** Extended key usage OIDs, or null when the certificate has no such extension. */
  extendedKeyUsage: string[] | null;
}

const OID_EC_PUBLIC_KEY = '1.2.840.10045.2.1';
const OID_RSA = '1.2.840.113549.1.1.1';
const OID_RSA_PSS = '1.2.840.113549.1.1.10';

/** Accepts a PEM certificate, base64 DER or DER bytes. */
export function certificateDer(input: string | Uint8Array): Uint8Array {
  if (input instanceof Uint8Array) return input;
  const pem = fromPem(input, 'CERTIFICATE');
  if (pem) return pem;
  try {
    return fromBase64(input);
  } catch {
    throw new HcertError('certificate', 'certificate: neither PEM nor base64 DER');
  }
}

export async function computeKid(der: Uint8Array): Promise<Uint8Array> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', toArrayBuffer(der));
  return new Uint8Array(digest).slice(0, 8);
}

/** Parses a signer certificate; throws HcertError('certificate') when it is not a readable X.509 certificate. */
export async function readSignerCertificate(input: string | Uint8Array): Promise<SignerCertificate> {
  const der = certificateDer(input);
  let parsed: Certificate;
  try {
    parsed = AsnConvert.parse(der, Certificate);
  } catch (error) {
    throw new HcertError('certificate', `certificate: not X.509 (${error instanceof Error ? error.message : ''})`);
  }
  const tbs = parsed.tbsCertificate;
  const algorithm = tbs.subjectPublicKeyInfo.algorithm.algorithm;
  let extendedKeyUsage: string[] | null = null;
  for (const extension of tbs.extensions ?? []) {
    if (extension.extnID !== id_ce_extKeyUsage) continue;
    try {
      extendedKeyUsage = [...AsnConvert.parse(extension.extnValue, ExtendedKeyUsage)];
    } catch {
      throw new HcertError('certificate', 'certificate: unreadable extended key usage extension');
    }
  }
  return {
    der,
    kid: await computeKid(der),
    notBefore: tbs.validity.notBefore.getTime(),
    notAfter: tbs.validity.notAfter.getTime(),
    spki: new Uint8Array(AsnConvert.serialize(tbs.subjectPublicKeyInfo)),
    keyType:
      algorithm === OID_EC_PUBLIC_KEY ? 'EC' : algorithm === OID_RSA || algorithm === OID_RSA_PSS ? 'RSA' : 'other',
    extendedKeyUsage,
  };
}
