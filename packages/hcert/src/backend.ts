import { toArrayBuffer } from './bytes.ts';
import { deflateZlib, inflateZlib } from './compression.ts';
import type { SignatureAlgorithm } from './cose.ts';
import { HcertError } from './errors.ts';
import type { ScratchBuffer } from './scratch.ts';
import type { ImportAlgorithm, SignAlgorithm, WebCryptoKey } from './webcrypto.ts';

/**
 * The platform pieces of the chain: signature verification and zlib. The main entry's default (`webBackend`)
 * uses only WebCrypto and fflate, so it runs in the browser; `@homeward/hcert/node` offers `nodeBackend`
 * (node:crypto and node:zlib), several times faster on the server. Both must judge every input alike.
 */
export interface HcertBackend {
  /**
   * Checks a COSE signature with a DER SubjectPublicKeyInfo. Throws HcertError('algorithm') when the key does
   * not fit the algorithm and HcertError('signature') when the signature is malformed or does not verify.
   * `data` and `signature` are read before the call returns (before any await): they may be views of buffers
   * that are written again afterwards (see scratch.ts).
   */
  verifySignature(
    algorithm: SignatureAlgorithm,
    spki: Uint8Array,
    data: Uint8Array,
    signature: Uint8Array,
  ): void | Promise<void>;
  /**
   * Inflates a zlib stream within maxBytes into an array of its own; throws HcertError('compression' |
   * 'too-large'). `bytes` is read during the call only.
   */
  inflate(bytes: Uint8Array, maxBytes: number): Uint8Array;
  /** zlib at the highest level. Given `into`, the result may be a view of it (valid until it is taken again). */
  deflate(bytes: Uint8Array, into?: ScratchBuffer): Uint8Array;
}

export function webCryptoParams(algorithm: SignatureAlgorithm): {
  importParams: ImportAlgorithm;
  signParams: SignAlgorithm;
} {
  if (algorithm === 'ES256') {
    return { importParams: { name: 'ECDSA', namedCurve: 'P-256' }, signParams: { name: 'ECDSA', hash: 'SHA-256' } };
  }
  return { importParams: { name: 'RSA-PSS', hash: 'SHA-256' }, signParams: { name: 'RSA-PSS', saltLength: 32 } };
}

/** ES256 signatures must be the raw 64-byte r‖s COSE prescribes; PS256 ones as long as the RSA modulus. */
export function checkSignatureLength(algorithm: SignatureAlgorithm, signature: Uint8Array, modulusBits: number): void {
  if (algorithm === 'ES256' && signature.length !== 64) {
    throw new HcertError('signature', `cose: ES256 signature is ${signature.length} bytes, not 64`);
  }
  if (algorithm === 'PS256' && signature.length * 8 !== modulusBits) {
    throw new HcertError(
      'signature',
      `cose: PS256 signature is ${signature.length} bytes for a ${modulusBits}-bit key`,
    );
  }
}

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

/** WebCrypto and fflate: the browser's backend and the default everywhere. */
export const webBackend: HcertBackend = {
  async verifySignature(algorithm, spki, data, signature) {
    // Copied before the first await: the caller may write its buffers again once this returns a promise.
    const dataCopy = toArrayBuffer(data);
    const signatureCopy = toArrayBuffer(signature);
    const { signParams } = webCryptoParams(algorithm);
    let key: WebCryptoKey;
    try {
      key = await importVerifyKey(spki, algorithm);
    } catch {
      throw new HcertError('algorithm', `cose: the signer key does not fit ${algorithm}`);
    }
    const modulusBits = 'modulusLength' in key.algorithm ? Number(key.algorithm.modulusLength) : 0;
    checkSignatureLength(algorithm, signature, modulusBits);
    let valid = false;
    try {
      valid = await globalThis.crypto.subtle.verify(signParams, key, signatureCopy, dataCopy);
    } catch {
      valid = false;
    }
    if (!valid) throw new HcertError('signature', 'cose: signature does not verify');
  },
  inflate: inflateZlib,
  deflate: deflateZlib,
};
