import { type HcertBackend, webBackend, webCryptoParams } from './backend.ts';
import { encodeBase45 } from './base45.ts';
import { fromPem, toArrayBuffer, toBase64 } from './bytes.ts';
import { certificateDer, computeKid } from './certificate.ts';
import {
  assembleCoseSign1,
  protectedHeaderFor,
  type SignatureAlgorithm,
  type SigningKey,
  sigStructure,
} from './cose.ts';
import { encodeCwtView, type JsonValue } from './cwt.ts';
import { HcertError } from './errors.ts';
import { HCERT_PREFIX } from './hcert.decode.ts';
import { ScratchBuffer } from './scratch.ts';
import type { WebCryptoKey } from './webcrypto.ts';

export type { SigningKey } from './cose.ts';

export interface IssueOptions {
  signingKey: SigningKey;
  /** The signer certificate (PEM, base64 DER or DER) whose hash becomes the kid. */
  signerCertificate: string | Uint8Array;
  /** ISO 3166-1 alpha-2 issuing country (CWT iss), optional. */
  issuer?: string;
  issuedAt?: Date;
  /** Defaults to one year after issuedAt. */
  expiresAt?: Date;
  /** zlib and crypto of the platform; defaults to WebCrypto and fflate (`nodeBackend` from `/node` on a server). */
  backend?: HcertBackend;
}

// The Sig_structure's buffer: signing keys read it before they return (SigningKey).
const signScratch = new ScratchBuffer();

const YEAR_MS = 365 * 24 * 3600 * 1000;

function webCryptoSigningKey(key: WebCryptoKey, algorithm: SignatureAlgorithm): SigningKey {
  const { signParams } = webCryptoParams(algorithm);
  return {
    algorithm,
    sign: async (data) => new Uint8Array(await globalThis.crypto.subtle.sign(signParams, key, toArrayBuffer(data))),
  };
}

/**
 * Imports a PKCS#8 private key (PEM or DER). A P-256 EC key signs ES256, an RSA key PS256. The key type is not
 * read from the ASN.1 here: WebCrypto refuses a key of the wrong kind, so trying ES256 then PS256 decides it.
 */
export async function importSigningKey(pkcs8: string | Uint8Array): Promise<SigningKey> {
  const der = typeof pkcs8 === 'string' ? fromPem(pkcs8, 'PRIVATE KEY') : pkcs8;
  if (!der) throw new HcertError('input', 'key: expected a PKCS#8 PEM block (BEGIN PRIVATE KEY)');
  const subtle = globalThis.crypto.subtle;
  try {
    const key = await subtle.importKey('pkcs8', toArrayBuffer(der), { name: 'ECDSA', namedCurve: 'P-256' }, false, [
      'sign',
    ]);
    return webCryptoSigningKey(key, 'ES256');
  } catch {
    // not a P-256 key: try RSA below
  }
  try {
    const key = await subtle.importKey('pkcs8', toArrayBuffer(der), { name: 'RSA-PSS', hash: 'SHA-256' }, false, [
      'sign',
    ]);
    return webCryptoSigningKey(key, 'PS256');
  } catch {
    throw new HcertError('input', 'key: neither a P-256 EC key nor an RSA key in PKCS#8');
  }
}

// The kid of each signer certificate seen recently: an issuer signs many certificates with one signer, and
// hashing its certificate again each time costs more than the signature. Bounded: signers are few.
const kids = new Map<string, Promise<Uint8Array>>();
// The same once computed, so that a known signer costs no promise hop.
const knownKids = new Map<string, Uint8Array>();
const MAX_CACHED_KIDS = 16;

function kidOf(certificate: string | Uint8Array): Uint8Array | Promise<Uint8Array> {
  const key = typeof certificate === 'string' ? certificate : toBase64(certificate);
  const known = knownKids.get(key);
  if (known) return known;
  let kid = kids.get(key);
  if (!kid) {
    if (kids.size >= MAX_CACHED_KIDS) {
      kids.clear();
      knownKids.clear();
    }
    kid = computeKid(certificateDer(certificate));
    kids.set(key, kid);
    kid.then(
      (bytes) => {
        if (kids.get(key) === kid) knownKids.set(key, bytes);
      },
      () => kids.delete(key),
    );
  }
  return kid;
}

// Kept buffers for the COSE_Sign1 and its zlib stream (scratch.ts): from the claims to the Base45 text nothing
// awaits while a view of one is held, except a signing key that answers a promise (its inputs are copied first).
const coseScratch = new ScratchBuffer();
const deflateScratch = new ScratchBuffer();

/** Signs a DCC payload and returns the HC1: text that goes into the QR code. */
export async function issueHcert(payload: JsonValue, options: IssueOptions): Promise<string> {
  const issuedAt = options.issuedAt ?? new Date();
  const expiresAt = options.expiresAt ?? new Date(issuedAt.getTime() + YEAR_MS);
  const kidOrPromise = kidOf(options.signerCertificate);
  const kid = kidOrPromise instanceof Uint8Array ? kidOrPromise : await kidOrPromise;
  const signingKey = options.signingKey;
  // Before the claims: on a new signer it encodes the header with encodeCbor.
  const protectedBytes = protectedHeaderFor(signingKey.algorithm, kid);
  const cwt = encodeCwtView(payload, {
    ...(options.issuer === undefined ? {} : { issuer: options.issuer }),
    issuedAt: Math.floor(issuedAt.getTime() / 1000),
    expiresAt: Math.floor(expiresAt.getTime() / 1000),
  });
  const signature = signingKey.sign(sigStructure(protectedBytes, cwt, signScratch));
  let cose: Uint8Array;
  if (signature instanceof Uint8Array) cose = assembleCoseSign1(protectedBytes, cwt, signature, coseScratch);
  else {
    // Another issuance may write the claims' buffer while this one waits.
    const claims = cwt.slice();
    cose = assembleCoseSign1(protectedBytes, claims, await signature);
  }
  return HCERT_PREFIX + encodeBase45((options.backend ?? webBackend).deflate(cose, deflateScratch));
}
