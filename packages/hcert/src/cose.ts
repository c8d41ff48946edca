import { toArrayBuffer } from './bytes.ts';
import { encodeCbor } from './cbor.encode.ts';
import { type CborMap, CborTag, type CborValue, decodeCbor } from './cbor.ts';
import { HcertError } from './errors.ts';
import type { ImportAlgorithm, SignAlgorithm, WebCryptoKey } from './webcrypto.ts';

/** COSE header labels and algorithm ids (RFC 9052/9053) that an HCERT uses. */
export const HEADER_ALG = 1;
export const HEADER_KID = 4;
export const ALG_ES256 = -7;
export const ALG_PS256 = -37;
export type SignatureAlgorithm = 'ES256' | 'PS256';

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

function sigStructure(protectedBytes: Uint8Array, payload: Uint8Array): Uint8Array {
  return encodeCbor(['Signature1', protectedBytes, new Uint8Array(0), payload]);
}

function webCryptoParams(algorithm: SignatureAlgorithm): {
  importParams: ImportAlgorithm;
  signParams: SignAlgorithm;
} {
  if (algorithm === 'ES256') {
    return { importParams: { name: 'ECDSA', namedCurve: 'P-256' }, signParams: { name: 'ECDSA', hash: 'SHA-256' } };
  }
  return { importParams: { name: 'RSA-PSS', hash: 'SHA-256' }, signParams: { name: 'RSA-PSS', saltLength: 32 } };
}

/**
 * Checks the signature with a DER SubjectPublicKeyInfo. ES256 signatures must be the raw 64-byte r‖s that
 * COSE prescribes (a DER signature is refused); PS256 signatures must be as long as the RSA modulus.
 */
// Imported verification keys by the SubjectPublicKeyInfo bytes they came from (a trust list hands the same bytes
// for every certificate of a signer) and the algorithm; importing is a large part of one verification.
const importedKeys = new WeakMap<Uint8Array, Map<SignatureAlgorithm, Promise<WebCryptoKey>>>();

function importVerifyKey(spki: Uint8Array, algorithm: SignatureAlgorithm): Promise<WebCryptoKey> {
  let byAlgorithm = importedKeys.get(spki);
  if (!byAlgorithm) {
    byAlgorithm = new Map();
    importedKeys.set(spki, byAlgorithm);
  }
  let key = byAlgorithm.get(algorithm);
  if (!key) {
    const { importParams } = webCryptoParams(algorithm);
    key = globalThis.crypto.subtle.importKey('spki', toArrayBuffer(spki), importParams, false, ['verify']);
    byAlgorithm.set(algorithm, key);
  }
  return key;
}

export async function verifyCoseSign1(cose: CoseSign1, spki: Uint8Array): Promise<void> {
  const algorithm = coseAlgorithm(cose);
  const { signParams } = webCryptoParams(algorithm);
  let key: WebCryptoKey;
  try {
    key = await importVerifyKey(spki, algorithm);
  } catch {
    throw new HcertError('algorithm', `cose: the signer key does not fit ${algorithm}`);
  }
  if (algorithm === 'ES256' && cose.signature.length !== 64) {
    throw new HcertError('signature', `cose: ES256 signature is ${cose.signature.length} bytes, not 64`);
  }
  if (algorithm === 'PS256') {
    const modulusBits = 'modulusLength' in key.algorithm ? Number(key.algorithm.modulusLength) : 0;
    if (cose.signature.length * 8 !== modulusBits) {
      throw new HcertError(
        'signature',
        `cose: PS256 signature is ${cose.signature.length} bytes for a ${modulusBits}-bit key`,
      );
    }
  }
  let valid = false;
  try {
    const data = sigStructure(cose.protectedBytes, cose.payload);
    valid = await globalThis.crypto.subtle.verify(signParams, key, toArrayBuffer(cose.signature), toArrayBuffer(data));
  } catch {
    valid = false;
  }
  if (!valid) throw new HcertError('signature', 'cose: signature does not verify');
}

/** Signs a payload into a tagged COSE_Sign1 with alg and kid in the protected header. */
export async function signCoseSign1(
  payload: Uint8Array,
  privateKey: WebCryptoKey,
  algorithm: SignatureAlgorithm,
  kid: Uint8Array,
): Promise<Uint8Array> {
  const protectedBytes = encodeCbor(
    new Map<CborValue, CborValue>([
      [HEADER_ALG, algorithm === 'ES256' ? ALG_ES256 : ALG_PS256],
      [HEADER_KID, kid],
    ]),
  );
  const { signParams } = webCryptoParams(algorithm);
  const data = sigStructure(protectedBytes, payload);
  const signature = new Uint8Array(await globalThis.crypto.subtle.sign(signParams, privateKey, toArrayBuffer(data)));
  return encodeCbor(new CborTag(TAG_COSE_SIGN1, [protectedBytes, new Map(), payload, signature]));
}
