import { type HcertBackend, webBackend } from './backend.ts';
import { encodeCbor } from './cbor.encode.ts';
import { type CborMap, CborTag, type CborValue, decodeCbor } from './cbor.ts';
import { HcertError } from './errors.ts';
import { ScratchBuffer } from './scratch.ts';

/** COSE header labels and algorithm ids (RFC 9052/9053) that an HCERT uses. */
export const HEADER_ALG = 1;
export const HEADER_KID = 4;
export const ALG_ES256 = -7;
export const ALG_PS256 = -37;
export type SignatureAlgorithm = 'ES256' | 'PS256';

/** A private key that signs COSE Sig_structures: WebCrypto (`importSigningKey`) or node:crypto (`/node`). */
export interface SigningKey {
  algorithm: SignatureAlgorithm;
  /**
   * Signs with SHA-256; ES256 answers the raw 64-byte r‖s, PS256 uses salt 32. `data` is read before the call
   * returns (WebCrypto copies it at once): it may be a view of a buffer written again afterwards (scratch.ts).
   */
  sign(data: Uint8Array): Uint8Array | Promise<Uint8Array>;
}

const TAG_COSE_SIGN1 = 18;
const TAG_CWT = 61;

export interface CoseSign1 {
  protectedBytes: Uint8Array;
  protectedHeader: CborMap;
  unprotectedHeader: CborMap;
  payload: Uint8Array;
  signature: Uint8Array;
}

function fail(message: string): never {
  throw new HcertError('cose', `cose: ${message}`);
}

/** Parses COSE_Sign1, tagged (18), untagged, or wrapped in the CWT tag (61) as some issuers do. */
export function parseCoseSign1(bytes: Uint8Array): CoseSign1 {
  let value: CborValue = decodeCbor(bytes);
  if (value instanceof CborTag && value.tag === TAG_CWT) value = value.value;
  if (value instanceof CborTag) {
    if (value.tag !== TAG_COSE_SIGN1) fail(`unexpected tag ${value.tag}`);
    value = value.value;
  }
  if (!Array.isArray(value) || value.length !== 4) fail('not a COSE_Sign1 array of four');
  const [protectedBytes, unprotectedHeader, payload, signature] = value;
  if (!(protectedBytes instanceof Uint8Array)) fail('protected header is not a byte string');
  if (!(unprotectedHeader instanceof Map)) fail('unprotected header is not a map');
  if (!(payload instanceof Uint8Array)) fail('payload is not a byte string (detached payloads are not used)');
  if (!(signature instanceof Uint8Array)) fail('signature is not a byte string');
  let protectedHeader: CborValue = new Map();
  if (protectedBytes.length > 0) protectedHeader = decodeCbor(protectedBytes);
  if (!(protectedHeader instanceof Map)) fail('protected header is not a map');
  return { protectedBytes, protectedHeader, unprotectedHeader, payload, signature };
}

/**
 * parseCoseSign1 for bytes the caller hands over and no longer touches (the verifier's freshly inflated buffer):
 * the common shape — tag 18, an array of four definite byte strings and an empty unprotected map — is read in
 * place, its byte strings as views into `bytes` rather than copies. Anything else goes to parseCoseSign1, which
 * judges it exactly as before.
 */
export function parseOwnedCoseSign1(bytes: Uint8Array): CoseSign1 {
  // 0xd2: tag 18; 0x84: an array of four.
  if (bytes[0] !== 0xd2 || bytes[1] !== 0x84) return parseCoseSign1(bytes);
  const protectedEnd = byteStringEnd(bytes, 2);
  // 0xa0: an empty map (the unprotected header an issuer that puts alg and kid in the protected one writes).
  if (protectedEnd < 0 || bytes[protectedEnd] !== 0xa0) return parseCoseSign1(bytes);
  const payloadEnd = byteStringEnd(bytes, protectedEnd + 1);
  if (payloadEnd < 0) return parseCoseSign1(bytes);
  const signatureEnd = byteStringEnd(bytes, payloadEnd);
  if (signatureEnd !== bytes.length) return parseCoseSign1(bytes);
  const protectedBytes = byteStringContent(bytes, 2, protectedEnd);
  let protectedHeader: CborValue = new Map();
  if (protectedBytes.length > 0) protectedHeader = decodeCbor(protectedBytes);
  if (!(protectedHeader instanceof Map)) fail('protected header is not a map');
  return {
    protectedBytes,
    protectedHeader,
    unprotectedHeader: new Map(),
    payload: byteStringContent(bytes, protectedEnd + 1, payloadEnd),
    signature: byteStringContent(bytes, payloadEnd, signatureEnd),
  };
}

/** Where a definite byte string whose head is at `at` ends, or -1 when there is none or it overruns the input. */
function byteStringEnd(bytes: Uint8Array, at: number): number {
  const head = bytes[at];
  if (head === undefined || head >> 5 !== 2) return -1;
  const info = head & 0x1f;
  let length: number;
  let start = at + 1;
  if (info < 24) length = info;
  else if (info === 24) length = bytes[at + 1] ?? -1;
  else if (info === 25) length = ((bytes[at + 1] ?? 0) << 8) | (bytes[at + 2] ?? 0);
  else return -1;
  if (info === 24) start = at + 2;
  else if (info === 25) start = at + 3;
  const end = start + length;
  return length < 0 || end > bytes.length ? -1 : end;
}

/** The content of the byte string that starts at `at` and ends at `end` (its head is 1 to 3 bytes). */
function byteStringContent(bytes: Uint8Array, at: number, end: number): Uint8Array {
  const info = (bytes[at] ?? 0) & 0x1f;
  const start = info < 24 ? at + 1 : info === 24 ? at + 2 : at + 3;
  return bytes.subarray(start, end);
}

/** Reads a header parameter, protected first: only the protected bucket is covered by the signature. */
export function headerValue(cose: CoseSign1, label: number): CborValue {
  return cose.protectedHeader.has(label) ? cose.protectedHeader.get(label) : cose.unprotectedHeader.get(label);
}

export function coseKid(cose: CoseSign1): Uint8Array | null {
  const kid = headerValue(cose, HEADER_KID);
  return kid instanceof Uint8Array ? kid : null;
}

export function coseAlgorithm(cose: CoseSign1): SignatureAlgorithm {
  const alg = headerValue(cose, HEADER_ALG);
  if (alg === ALG_ES256) return 'ES256';
  if (alg === ALG_PS256) return 'PS256';
  throw new HcertError('algorithm', `cose: unsupported algorithm ${String(alg)}`);
}

// A CBOR array of four, the text "Signature1", then (after the protected header) an empty external_aad.
const SIG_STRUCTURE_HEAD = Uint8Array.of(0x84, 0x6a, ...Array.from('Signature1', (char) => char.charCodeAt(0)));

/** The byte-string head (major type 2) for a length, written at `at`; answers the offset after it. */
function writeByteStringHead(out: Uint8Array, at: number, length: number): number {
  if (length < 24) {
    out[at] = 0x40 | length;
    return at + 1;
  }
  if (length < 0x100) {
    out[at] = 0x58;
    out[at + 1] = length;
    return at + 2;
  }
  if (length < 0x10000) {
    out[at] = 0x59;
    out[at + 1] = length >> 8;
    out[at + 2] = length & 0xff;
    return at + 3;
  }
  out[at] = 0x5a;
  new DataView(out.buffer, out.byteOffset).setUint32(at + 1, length);
  return at + 5;
}

/**
 * The Sig_structure ["Signature1", protected, h'', payload] that the signature covers, written straight into one
 * buffer: the same bytes encodeCbor gives (cose.test.ts compares them), without walking an array of values.
 * Given `into`, a view of it (scratch.ts).
 */
export function sigStructure(protectedBytes: Uint8Array, payload: Uint8Array, into?: ScratchBuffer): Uint8Array {
  const size = SIG_STRUCTURE_HEAD.length + protectedBytes.length + payload.length + 11;
  const out = into ? into.take(size) : new Uint8Array(size);
  out.set(SIG_STRUCTURE_HEAD, 0);
  let at = writeByteStringHead(out, SIG_STRUCTURE_HEAD.length, protectedBytes.length);
  out.set(protectedBytes, at);
  at += protectedBytes.length;
  out[at++] = 0x40;
  at = writeByteStringHead(out, at, payload.length);
  out.set(payload, at);
  return out.subarray(0, at + payload.length);
}

/** Checks the COSE signature with a DER SubjectPublicKeyInfo, by the given backend (WebCrypto by default). */
export async function verifyCoseSign1(
  cose: CoseSign1,
  spki: Uint8Array,
  backend: HcertBackend = webBackend,
): Promise<void> {
  await checkCoseSignature(cose, spki, backend);
}

/**
 * verifyCoseSign1 as the backend answers it: synchronously (throwing) with node:crypto, a promise with WebCrypto.
 * The server's verifier calls this so that a synchronous backend costs no promise hops.
 */
export function checkCoseSignature(cose: CoseSign1, spki: Uint8Array, backend: HcertBackend): void | Promise<void> {
  const algorithm = coseAlgorithm(cose);
  // A view of a kept buffer: backends read the data before they return (HcertBackend).
  const data = sigStructure(cose.protectedBytes, cose.payload, verifyScratch);
  return backend.verifySignature(algorithm, spki, data, cose.signature);
}

const verifyScratch = new ScratchBuffer();
const signScratch = new ScratchBuffer();

// The protected header of each (algorithm, kid) seen recently: an issuer signs many certificates with one signer.
const protectedHeaders = new Map<string, Uint8Array>();
// The same by the kid's own bytes object (issueHcert hands the same one for a signer), without building the key.
const protectedHeadersByKid = new WeakMap<Uint8Array, { algorithm: SignatureAlgorithm; bytes: Uint8Array }>();

export function protectedHeaderFor(algorithm: SignatureAlgorithm, kid: Uint8Array): Uint8Array {
  const known = protectedHeadersByKid.get(kid);
  if (known?.algorithm === algorithm) return known.bytes;
  const key = `${algorithm}:${kid.join(',')}`;
  let bytes = protectedHeaders.get(key);
  if (!bytes) {
    if (protectedHeaders.size >= 16) protectedHeaders.clear();
    bytes = encodeCbor(
      new Map<CborValue, CborValue>([
        [HEADER_ALG, algorithm === 'ES256' ? ALG_ES256 : ALG_PS256],
        [HEADER_KID, kid],
      ]),
    );
    protectedHeaders.set(key, bytes);
  }
  protectedHeadersByKid.set(kid, { algorithm, bytes });
  return bytes;
}

/**
 * Signs a payload into a tagged COSE_Sign1 with alg and kid in the protected header, written straight into one
 * buffer: 18([protected, {}, payload, signature]), the bytes encodeCbor gives for that value (cose.test.ts).
 */
export async function signCoseSign1(payload: Uint8Array, signingKey: SigningKey, kid: Uint8Array): Promise<Uint8Array> {
  return signCoseSign1As(payload, signingKey, kid);
}

/**
 * signCoseSign1 as the signing key answers: synchronously with node:crypto (no promise hop on the server's
 * issuing path), a promise with WebCrypto.
 */
export function signCoseSign1As(
  payload: Uint8Array,
  signingKey: SigningKey,
  kid: Uint8Array,
): Uint8Array | Promise<Uint8Array> {
  const protectedBytes = protectedHeaderFor(signingKey.algorithm, kid);
  const signature = signingKey.sign(sigStructure(protectedBytes, payload, signScratch));
  return signature instanceof Uint8Array
    ? assembleCoseSign1(protectedBytes, payload, signature)
    : signature.then((bytes) => assembleCoseSign1(protectedBytes, payload, bytes));
}

/** 18([protected, {}, payload, signature]) written straight into one buffer; given `into`, a view of it. */
export function assembleCoseSign1(
  protectedBytes: Uint8Array,
  payload: Uint8Array,
  signature: Uint8Array,
  into?: ScratchBuffer,
): Uint8Array {
  const size = protectedBytes.length + payload.length + signature.length + 18;
  const out = into ? into.take(size) : new Uint8Array(size);
  out[0] = 0xc0 | TAG_COSE_SIGN1;
  out[1] = 0x84;
  let at = writeByteStringHead(out, 2, protectedBytes.length);
  out.set(protectedBytes, at);
  at += protectedBytes.length;
  out[at++] = 0xa0;
  at = writeByteStringHead(out, at, payload.length);
  out.set(payload, at);
  at += payload.length;
  at = writeByteStringHead(out, at, signature.length);
  out.set(signature, at);
  return out.subarray(0, at + signature.length);
}
