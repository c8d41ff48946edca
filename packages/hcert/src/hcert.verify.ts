import { type HcertBackend, webBackend } from './backend.ts';
import { toBase64 } from './bytes.ts';
import type { SignerCertificate } from './certificate.ts';
import { isoFromEpochSeconds } from './clock.ts';
import { type CoseSign1, checkCoseSignature, coseAlgorithm, coseKid, type SignatureAlgorithm } from './cose.ts';
import type { JsonValue } from './cwt.ts';
import { HcertError, type HcertFailure, toFailure } from './errors.ts';
import { DEFAULT_DECODE_LIMITS, type DecodeLimits, decodeHcertText } from './hcert.decode.ts';
import { type CertificateType, certificateTypesOf, keyUsageAllows } from './key-usage.ts';
import { type SchemaSet, validateDccSchema } from './schema.ts';
import type { TrustList } from './trust-list.ts';
import { checkValidityWindow } from './validity.ts';

export interface VerifyOptions {
  trustList: TrustList;
  /** The validation time; defaults to now. */
  at?: Date;
  /** Schemas by version; defaults to the bundled ones. Pass `false` to skip schema validation. */
  schemas?: SchemaSet | false;
  limits?: DecodeLimits;
  /** zlib and crypto of the platform; defaults to WebCrypto and fflate (`nodeBackend` from `/node` on a server). */
  backend?: HcertBackend;
}

export interface HcertAccepted {
  ok: true;
  kid: string;
  algorithm: SignatureAlgorithm;
  issuer: string | null;
  issuedAt: string;
  expiresAt: string;
  certificateType: CertificateType;
  schemaVersion: string | null;
  payload: JsonValue;
}

export type HcertVerdict = HcertAccepted | (HcertFailure & { kid?: string });

/**
 * Tries each signer that carries the kid (a kid is only 8 bytes, so collisions are possible). The common case, one
 * signer and a synchronous backend (node:crypto), takes no promise hop and no try (an Error's stack trace costs
 * microseconds); a refusal then throws straight into verifyHcert's catch.
 */
function findVerifyingSigner(
  signers: readonly SignerCertificate[],
  cose: CoseSign1,
  backend: HcertBackend,
): SignerCertificate | Promise<SignerCertificate> {
  const only = signers.length === 1 ? signers[0] : undefined;
  if (only) {
    const checked = checkCoseSignature(cose, only.spki, backend);
    return checked ? checked.then(() => only) : only;
  }
  return firstVerifyingSigner(signers, cose, backend);
}

async function firstVerifyingSigner(
  signers: readonly SignerCertificate[],
  cose: CoseSign1,
  backend: HcertBackend,
): Promise<SignerCertificate> {
  let lastError: unknown = null;
  for (const signer of signers) {
    try {
      await checkCoseSignature(cose, signer.spki, backend);
      return signer;
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError ?? new HcertError('unknown-kid', 'trust: no signer certificate for this kid');
}

/**
 * Verifies an HC1 text: decoding, signature against the trust list (kid from the protected header first),
 * key usage, the validity window and the payload schema. Never throws: every refusal is a typed failure.
 */
export async function verifyHcert(text: string, options: VerifyOptions): Promise<HcertVerdict> {
  let kidText: string | undefined;
  try {
    if (typeof text !== 'string') throw new HcertError('input', 'input: not a string');
    const backend = options.backend ?? webBackend;
    const { cose, claims } = decodeHcertText(text, options.limits ?? DEFAULT_DECODE_LIMITS, backend);
    const kid = coseKid(cose);
    if (!kid) throw new HcertError('unknown-kid', 'cose: no kid in either header');
    kidText = toBase64(kid);
    const algorithm = coseAlgorithm(cose);
    // By the base64 kid just computed (signersForKid would encode it again).
    const found = findVerifyingSigner(options.trustList.byKid.get(kidText) ?? [], cose, backend);
    const signer = found instanceof Promise ? await found : found;
    if (!keyUsageAllows(signer.extendedKeyUsage, claims.payload)) {
      throw new HcertError('key-usage', 'key usage: the signer certificate may not sign this certificate type');
    }
    checkValidityWindow(claims, signer, options.at ?? new Date());
    const types = certificateTypesOf(claims.payload);
    const certificateType = types[0];
    if (types.length !== 1 || certificateType === undefined) {
      throw new HcertError('schema', 'payload: must hold exactly one of v, t, r');
    }
    let schemaVersion: string | null = null;
    if (options.schemas !== false) {
      const verdict = validateDccSchema(claims.payload, options.schemas);
      if (!verdict.valid)
        throw new HcertError('schema', `schema ${verdict.version}: ${verdict.errors.slice(0, 3).join('; ')}`);
      schemaVersion = verdict.version;
    }
    return {
      ok: true,
      kid: kidText,
      algorithm,
      issuer: claims.issuer,
      // checkValidityWindow has made sure both times exist.
      issuedAt: isoFromEpochSeconds(claims.issuedAt ?? 0),
      expiresAt: isoFromEpochSeconds(claims.expiresAt ?? 0),
      certificateType,
      schemaVersion,
      payload: claims.payload,
    };
  } catch (error) {
    const failure = toFailure(error);
    return kidText === undefined ? failure : { ...failure, kid: kidText };
  }
}
