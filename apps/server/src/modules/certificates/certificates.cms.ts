import { createHash } from 'node:crypto';
import {
  Attribute,
  CertificateChoices,
  CertificateSet,
  ContentInfo,
  DigestAlgorithmIdentifiers,
  EncapsulatedContentInfo,
  IssuerAndSerialNumber,
  id_contentType,
  id_data,
  id_messageDigest,
  id_signedData,
  id_signingTime,
  SignedData,
  SignerIdentifier,
  SignerInfo,
  SignerInfos,
  SigningTime,
} from '@peculiar/asn1-cms';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, Certificate } from '@peculiar/asn1-x509';

const OID_SHA256 = '2.16.840.1.101.3.4.2.1';
const OID_ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';
// The DER of the OBJECT IDENTIFIER id-data (1.2.840.113549.1.7.1), the content-type attribute's value.
const ID_DATA_DER = Uint8Array.of(0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01);

/** ES256's raw r‖s as the DER ECDSA-Sig-Value that X.509 and CMS carry. */
export function p1363ToDer(signature: Uint8Array): Uint8Array {
  if (signature.length !== 64) return signature;
  const integer = (bytes: Uint8Array) => {
    let start = 0;
    while (start < bytes.length - 1 && bytes[start] === 0) start++;
    const trimmed = bytes.subarray(start);
    const padded = (trimmed[0] ?? 0) & 0x80 ? [0, ...trimmed] : [...trimmed];
    return [0x02, padded.length, ...padded];
  };
  const body = [...integer(signature.subarray(0, 32)), ...integer(signature.subarray(32))];
  return Uint8Array.from([0x30, body.length, ...body]);
}

function derLength(length: number): number[] {
  if (length < 0x80) return [length];
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return [0x80 | bytes.length, ...bytes];
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
  return a.length - b.length;
}

/**
 * The signed attributes in DER order (a SET OF sorts its elements by their encodings) and the bytes the signature
 * covers: that SET with its universal tag, not the [0] IMPLICIT tag it has inside SignerInfo (RFC 5652 5.4).
 */
function signedAttributes(attributes: readonly Attribute[]): { sorted: Attribute[]; signed: Uint8Array } {
  const encoded = attributes
    .map((attribute) => ({ attribute, der: new Uint8Array(AsnConvert.serialize(attribute)) }))
    .sort((a, b) => compareBytes(a.der, b.der));
  const body = Buffer.concat(encoded.map((item) => item.der));
  return {
    sorted: encoded.map((item) => item.attribute),
    signed: Uint8Array.from([0x31, ...derLength(body.length), ...body]),
  };
}

/**
 * A detached CMS SignedData (RFC 5652) over `content`, the shape of the EU DCC gateway's trust-list `signature`:
 * content type id-data without the content, SHA-256, signed attributes (content type, message digest, signing
 * time), the signer certificate included and named by issuer and serial number, ECDSA with SHA-256.
 * `sign` answers the raw ES256 r‖s over the bytes it is given (the node:crypto signer of the CSCA).
 */
export async function signDetachedCms(
  content: Uint8Array,
  signerCertificateDer: Uint8Array,
  sign: (data: Uint8Array) => Uint8Array | Promise<Uint8Array>,
  signingTime: Date,
): Promise<Uint8Array> {
  const certificate = AsnConvert.parse(signerCertificateDer, Certificate);
  const digest = createHash('sha256').update(content).digest();
  const attribute = (type: string, value: ArrayBuffer) => new Attribute({ attrType: type, attrValues: [value] });
  const attributes = signedAttributes([
    attribute(id_contentType, ID_DATA_DER.slice().buffer),
    attribute(id_signingTime, AsnConvert.serialize(new SigningTime(signingTime))),
    attribute(id_messageDigest, AsnConvert.serialize(new OctetString(digest))),
  ]);
  const signerInfo = new SignerInfo({
    version: 1,
    sid: new SignerIdentifier({
      issuerAndSerialNumber: new IssuerAndSerialNumber({
        issuer: certificate.tbsCertificate.issuer,
        serialNumber: certificate.tbsCertificate.serialNumber,
      }),
    }),
    digestAlgorithm: new AlgorithmIdentifier({ algorithm: OID_SHA256 }),
    signedAttrs: attributes.sorted,
    signatureAlgorithm: new AlgorithmIdentifier({ algorithm: OID_ECDSA_WITH_SHA256 }),
  });
  signerInfo.signature = new OctetString(p1363ToDer(await sign(attributes.signed)));
  const signedData = new SignedData({
    version: 1,
    digestAlgorithms: new DigestAlgorithmIdentifiers([new AlgorithmIdentifier({ algorithm: OID_SHA256 })]),
    encapContentInfo: new EncapsulatedContentInfo({ eContentType: id_data }),
    certificates: new CertificateSet([new CertificateChoices({ certificate })]),
    signerInfos: new SignerInfos([signerInfo]),
  });
  const contentInfo = new ContentInfo({ contentType: id_signedData, content: AsnConvert.serialize(signedData) });
  return new Uint8Array(AsnConvert.serialize(contentInfo));
}

/** What a reader of a detached CMS signature needs: the signer certificate and the two byte strings to check. */
export interface ParsedDetachedCms {
  signerCertificateDer: Uint8Array;
  /** The DER the signature covers (signed attributes as a SET). */
  signedBytes: Uint8Array;
  /** DER ECDSA-Sig-Value. */
  signature: Uint8Array;
  /** The message digest attribute, to compare with SHA-256 of the content. */
  messageDigest: Uint8Array;
}

/** Reads a detached SignedData as signDetachedCms writes it (one signer, its certificate included). */
export function parseDetachedCms(der: Uint8Array): ParsedDetachedCms {
  const contentInfo = AsnConvert.parse(der, ContentInfo);
  if (contentInfo.contentType !== id_signedData) throw new Error('cms: not a SignedData');
  const signedData = AsnConvert.parse(contentInfo.content, SignedData);
  const signerInfo = signedData.signerInfos[0];
  const certificate = signedData.certificates?.[0]?.certificate;
  if (!signerInfo?.signedAttrs || !certificate) throw new Error('cms: no signer or no certificate');
  const digestAttribute = signerInfo.signedAttrs?.find((attribute) => attribute.attrType === id_messageDigest);
  const digestValue = digestAttribute?.attrValues[0];
  if (!digestValue) throw new Error('cms: no message digest');
  // Re-encoded from the parsed attributes in the order they came in: DER has one encoding for each.
  const body = Buffer.concat(
    signerInfo.signedAttrs.map((attribute) => new Uint8Array(AsnConvert.serialize(attribute))),
  );
  const signedBytes = Uint8Array.from([0x31, ...derLength(body.length), ...body]);
  return {
    signerCertificateDer: new Uint8Array(AsnConvert.serialize(certificate)),
    signedBytes,
    signature: new Uint8Array(signerInfo.signature.buffer),
    messageDigest: new Uint8Array(AsnConvert.parse(digestValue, OctetString).buffer),
  };
}
