import {
  constants,
  createPrivateKey,
  createPublicKey,
  type KeyObject,
  sign as nodeSign,
  verify as nodeVerify,
} from 'node:crypto';
import { deflateRawSync, inflateSync } from 'node:zlib';
import { checkSignatureLength, type HcertBackend } from './backend.ts';
import { fromPem } from './bytes.ts';
import { adler32, checkZlibHeader, inflateZlib } from './compression.ts';
import type { SignatureAlgorithm, SigningKey } from './cose.ts';
import { deflateSmall, SMALL_DEFLATE_MAX_INPUT } from './deflate.ts';
import { HcertError } from './errors.ts';
import { inflateValid } from './inflate.ts';

// Parsed public keys by the SubjectPublicKeyInfo bytes they came from: a trust list hands the same bytes for
// every certificate of a signer, and parsing costs about as much as one verification.
const publicKeys = new WeakMap<Uint8Array, KeyObject | null>();

function publicKeyOf(spki: Uint8Array): KeyObject | null {
  let key = publicKeys.get(spki);
  if (key === undefined) {
    try {
      key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
    } catch {
      key = null;
    }
    publicKeys.set(spki, key);
  }
  return key;
}

/** Whether a key can sign or verify this algorithm, as WebCrypto's import would decide (P-256 only for ES256). */
function keyFits(key: KeyObject, algorithm: SignatureAlgorithm): boolean {
  if (algorithm === 'ES256')
    return key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1';
  return key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss';
}

// zlib keeps MIN_LOOKAHEAD bytes of its window free for the next match: a match may reach w_size - 262 back.
const MIN_LOOKAHEAD = 262;

/** An output buffer near the size of the result (node:zlib's default is 16 KiB per call); zlib loops for more. */
function outputChunk(inputLength: number): number {
  return Math.min(16 * 1024, Math.max(1024, 2 ** Math.ceil(Math.log2(inputLength * 2 + 64))));
}

function signatureOptions(algorithm: SignatureAlgorithm) {
  return algorithm === 'ES256'
    ? ({ dsaEncoding: 'ieee-p1363' } as const)
    : { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
}

/**
 * node:crypto and node:zlib: the server's backend. It refuses exactly what `webBackend` refuses (the same header,
 * bound, trailer and signature-length rules), several times faster.
 */
export const nodeBackend: HcertBackend = {
  verifySignature(algorithm, spki, data, signature) {
    const key = publicKeyOf(spki);
    if (!key || !keyFits(key, algorithm))
      throw new HcertError('algorithm', `cose: the signer key does not fit ${algorithm}`);
    checkSignatureLength(algorithm, signature, key.asymmetricKeyDetails?.modulusLength ?? 0);
    let valid = false;
    try {
      valid = nodeVerify('sha256', data, { key, ...signatureOptions(algorithm) }, signature);
    } catch {
      valid = false;
    }
    if (!valid) throw new HcertError('signature', 'cose: signature does not verify');
  },
  inflate(bytes, maxBytes) {
    checkZlibHeader(bytes);
    // A plainly valid stream (every HCERT an issuer writes) in JavaScript; anything else is node:zlib's to judge.
    const plain = inflateValid(bytes, maxBytes);
    if (plain) return plain;
    let result: { buffer: Buffer; engine: { bytesWritten: number } };
    try {
      // boundary: with info: true node:zlib answers the buffer and the engine, which its types do not describe
      result = inflateSync(bytes, {
        info: true,
        maxOutputLength: maxBytes,
        chunkSize: outputChunk(bytes.length),
      } as never) as never;
    } catch (error) {
      if (error instanceof RangeError) throw new HcertError('too-large', `zlib: inflates beyond ${maxBytes} bytes`);
      // A stream node:zlib refuses is judged again by the browser's inflater (fflate), so that the server and the
      // verifier page always agree: zlib refuses some malformed Huffman code-length sets that fflate decodes to the
      // bytes the signature covers. Only refused streams take this path; valid ones stay on the fast one.
      return inflateZlib(bytes, maxBytes);
    }
    // node:zlib stops at the end of the stream; bytes after the Adler-32 trailer are refused, as fflate's are.
    if (result.engine.bytesWritten !== bytes.length) {
      throw new HcertError('compression', 'zlib: bytes after the end of the stream');
    }
    const out = result.buffer;
    return new Uint8Array(out.buffer, out.byteOffset, out.length);
  },
  deflate(bytes, into) {
    // An HCERT (a few hundred bytes) is compressed in JavaScript: node:zlib's fixed cost per call is about two
    // thirds of the signature's (see deflate.ts). Anything larger goes to node:zlib below.
    if (bytes.length <= SMALL_DEFLATE_MAX_INPUT) return deflateSmall(bytes, into);
    // zlib level 9 with a window just large enough for the input, and the zlib header and Adler-32 trailer
    // written here. Matches never reach further back than the input is long, so the deflate data are the same
    // bytes a full 32 KiB window gives (checked by node.backend.test.ts), and the header announces the usual
    // 32 KiB window (0x78 0xDA), which @pathcheck/dcc-sdk and other verifiers that sniff for zlib expect. The
    // full window costs ~260 KB of zlib state per call, which node:zlib reports to V8 as external memory: most
    // of a call's time went into allocating it and into the garbage collections it set off.
    const windowBits = Math.min(15, Math.max(9, Math.ceil(Math.log2(bytes.length + MIN_LOOKAHEAD))));
    const raw = deflateRawSync(bytes, {
      level: 9,
      windowBits,
      memLevel: Math.min(9, Math.max(1, windowBits - 6)),
      chunkSize: outputChunk(bytes.length),
    });
    const out = new Uint8Array(raw.length + 6);
    out[0] = 0x78;
    out[1] = 0xda;
    out.set(raw, 2);
    new DataView(out.buffer).setUint32(raw.length + 2, adler32(bytes));
    return out;
  },
};

/**
 * Reads a PKCS#8 private key (PEM or DER) into a node:crypto signer: a P-256 key signs ES256, an RSA key PS256.
 * @throws HcertError('input') for any other key
 */
export function importNodeSigningKey(pkcs8: string | Uint8Array): SigningKey {
  const der = typeof pkcs8 === 'string' ? fromPem(pkcs8, 'PRIVATE KEY') : pkcs8;
  if (!der) throw new HcertError('input', 'key: expected a PKCS#8 PEM block (BEGIN PRIVATE KEY)');
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' });
  } catch {
    throw new HcertError('input', 'key: not a readable PKCS#8 private key');
  }
  const algorithm: SignatureAlgorithm | null = keyFits(key, 'ES256') ? 'ES256' : keyFits(key, 'PS256') ? 'PS256' : null;
  if (!algorithm) throw new HcertError('input', 'key: neither a P-256 EC key nor an RSA key in PKCS#8');
  const signOptions = { key, ...signatureOptions(algorithm) };
  return {
    algorithm,
    sign: (data) => {
      const signature = nodeSign('sha256', data, signOptions);
      return new Uint8Array(signature.buffer, signature.byteOffset, signature.length);
    },
  };
}
