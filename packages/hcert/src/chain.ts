import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate } from '@peculiar/asn1-x509';
import { type HcertBackend, webBackend } from './backend.ts';
import { bytesEqual } from './bytes.ts';

const OID_ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';

/** One DER element at `offset`: where its content starts and where the element ends. */
function derElement(der: Uint8Array, offset: number): { contentStart: number; end: number } | null {
  if (offset + 2 > der.length) return null;
  let length = der[offset + 1] as number;
  let contentStart = offset + 2;
  if (length & 0x80) {
    const octets = length & 0x7f;
    if (octets === 0 || octets > 4 || contentStart + octets > der.length) return null;
    length = 0;
    for (let i = 0; i < octets; i++) length = length * 256 + (der[contentStart + i] as number);
    contentStart += octets;
  }
  const end = contentStart + length;
  return end <= der.length ? { contentStart, end } : null;
}

/** The tbsCertificate exactly as signed: the first element inside the outer SEQUENCE, header included. */
function signedPart(der: Uint8Array): Uint8Array | null {
  const outer = derElement(der, 0);
  if (!outer || der[0] !== 0x30 || der[outer.contentStart] !== 0x30) return null;
  const tbs = derElement(der, outer.contentStart);
  return tbs ? der.subarray(outer.contentStart, tbs.end) : null;
}

/** An ECDSA signature as DER SEQUENCE { r INTEGER, s INTEGER } turned into the 64 bytes r‖s WebCrypto checks. */
function ecdsaDerToRaw(der: Uint8Array): Uint8Array | null {
  const sequence = derElement(der, 0);
  if (!sequence || der[0] !== 0x30 || sequence.end !== der.length) return null;
  const raw = new Uint8Array(64);
  let offset = sequence.contentStart;
  for (const half of [0, 32]) {
    if (der[offset] !== 0x02) return null;
    const integer = derElement(der, offset);
    if (!integer) return null;
    let value = der.subarray(integer.contentStart, integer.end);
    while (value.length > 32 && value[0] === 0) value = value.subarray(1);
    if (value.length > 32) return null;
    raw.set(value, half + 32 - value.length);
    offset = integer.end;
  }
  return offset === sequence.end ? raw : null;
}

/**
 * Whether `child` (DER) was signed by `issuer` (DER): the child names the issuer's subject as its issuer and its
 * ecdsa-with-SHA256 signature checks with the issuer's P-256 key. Document signers are checked this way against
 * the country signing CA. Any other signature algorithm, or anything unreadable, answers false.
 */
export async function isIssuedBy(
  child: Uint8Array,
  issuer: Uint8Array,
  backend: HcertBackend = webBackend,
): Promise<boolean> {
  try {
    const childCertificate = AsnConvert.parse(child, Certificate);
    const issuerCertificate = AsnConvert.parse(issuer, Certificate);
    if (childCertificate.signatureAlgorithm.algorithm !== OID_ECDSA_WITH_SHA256) return false;
    const issuerName = new Uint8Array(AsnConvert.serialize(childCertificate.tbsCertificate.issuer));
    const subjectName = new Uint8Array(AsnConvert.serialize(issuerCertificate.tbsCertificate.subject));
    if (!bytesEqual(issuerName, subjectName)) return false;
    const tbs = signedPart(child);
    const signature = ecdsaDerToRaw(new Uint8Array(childCertificate.signatureValue));
    if (!tbs || !signature) return false;
    const spki = new Uint8Array(AsnConvert.serialize(issuerCertificate.tbsCertificate.subjectPublicKeyInfo));
    await backend.verifySignature('ES256', spki, tbs, signature);
    return true;
  } catch {
    return false;
  }
}
