import { CborWriter } from './cbor.encode.ts';
import { type CborMap, CborTag, type CborValue, decodeCbor } from './cbor.ts';
import { readPlainCwt } from './cwt.plain.ts';
import { HcertError } from './errors.ts';

/** CWT claim keys (RFC 8392) and the HCERT claim that holds the DCC payload. */
export const CLAIM_ISS = 1;
export const CLAIM_EXP = 4;
export const CLAIM_IAT = 6;
export const CLAIM_HCERT = -260;
export const HCERT_EU_DCC = 1;

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface CwtClaims {
  issuer: string | null;
  /** Seconds since the epoch, as in the CWT. */
  issuedAt: number | null;
  expiresAt: number | null;
  /** The DCC JSON payload (claim -260, key 1). */
  payload: JsonValue;
}

function fail(message: string): never {
  throw new HcertError('cwt', `cwt: ${message}`);
}

/** Converts decoded CBOR to JSON; maps must have text keys. Epoch-time tags keep their number. */
export function cborToJson(value: CborValue): JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) fail('non-finite number in payload');
    return value;
  }
  if (typeof value === 'bigint') return Number(value);
  if (value === undefined) fail('undefined in payload');
  if (value instanceof Uint8Array) fail('byte string in payload');
  if (value instanceof CborTag) return cborToJson(value.value);
  if (Array.isArray(value)) return value.map(cborToJson);
  const out: { [key: string]: JsonValue } = {};
  for (const [key, item] of value) {
    if (typeof key !== 'string') fail('payload map key is not text');
    out[key] = cborToJson(item);
  }
  return out;
}

function readTime(claims: CborMap, key: number, name: string): number | null {
  let value = claims.get(key);
  if (value === undefined) return null;
  if (value instanceof CborTag && value.tag === 1) value = value.value;
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(`${name} is not a number`);
  return value;
}

/**
 * Reads the CWT claims map that a COSE payload (or the test files' CBOR field) holds. A plainly valid CWT is read
 * in one pass (cwt.plain.ts); anything else, and every refusal, by the general CBOR decoder below.
 */
export function readCwt(bytes: Uint8Array): CwtClaims {
  return readPlainCwt(bytes) ?? readCwtGeneral(bytes);
}

/** readCwt through the general CBOR decoder and cborToJson: the reference the plain reader must agree with. */
export function readCwtGeneral(bytes: Uint8Array): CwtClaims {
  let decoded = decodeCbor(bytes);
  if (decoded instanceof CborTag && decoded.tag === 61) decoded = decoded.value;
  if (!(decoded instanceof Map)) fail('claims are not a map');
  const iss = decoded.get(CLAIM_ISS);
  if (iss !== undefined && typeof iss !== 'string') fail('iss is not text');
  const hcert = decoded.get(CLAIM_HCERT);
  if (!(hcert instanceof Map)) fail('claim -260 (hcert) is missing or not a map');
  const dcc = hcert.get(HCERT_EU_DCC);
  if (!(dcc instanceof Map)) fail('hcert key 1 (eu_DCC) is missing or not a map');
  return {
    issuer: iss ?? null,
    issuedAt: readTime(decoded, CLAIM_IAT, 'iat'),
    expiresAt: readTime(decoded, CLAIM_EXP, 'exp'),
    payload: cborToJson(dcc),
  };
}

/** Builds the CWT claims map for a DCC payload. Times are whole seconds since the epoch. */
export function encodeCwt(
  payload: JsonValue,
  claims: { issuer?: string; issuedAt: number; expiresAt: number },
): Uint8Array {
  return encodeCwtView(payload, claims).slice();
}

// The issuer's own writer: a view of it survives encodeCbor calls made before the view is used.
const cwtWriter = new CborWriter();

/**
 * encodeCwt as a view of a kept buffer, valid until the next call (see scratch.ts): {1: iss, 4: exp, 6: iat,
 * -260: {1: payload}} written in that order, the bytes encodeCbor gives for the same map (cwt.test.ts).
 */
export function encodeCwtView(
  payload: JsonValue,
  claims: { issuer?: string; issuedAt: number; expiresAt: number },
): Uint8Array {
  const out = cwtWriter;
  // A rare large payload should not keep a large buffer alive (the view it was given keeps its own).
  if (out.bytes.length > 1 << 16) out.shrink();
  out.length = 0;
  out.head(5, claims.issuer === undefined ? 3 : 4);
  if (claims.issuer !== undefined) {
    out.head(0, CLAIM_ISS);
    out.text(claims.issuer);
  }
  out.head(0, CLAIM_EXP);
  out.value(claims.expiresAt);
  out.head(0, CLAIM_IAT);
  out.value(claims.issuedAt);
  out.head(1, -1 - CLAIM_HCERT);
  out.head(5, 1);
  out.head(0, HCERT_EU_DCC);
  out.value(payload);
  return out.written();
}

/**
 * Reads CBOR that is either a whole CWT (claims map with -260) or just the DCC payload map, as the test files'
 * CBOR field holds one or the other depending on the country that wrote it.
 */
export function readDccCbor(bytes: Uint8Array): { claims: CwtClaims | null; payload: JsonValue } {
  let decoded = decodeCbor(bytes);
  if (decoded instanceof CborTag && decoded.tag === 61) decoded = decoded.value;
  if (decoded instanceof Map && decoded.has(CLAIM_HCERT)) {
    const claims = readCwt(bytes);
    return { claims, payload: claims.payload };
  }
  if (!(decoded instanceof Map) || ![...decoded.keys()].every((key) => typeof key === 'string')) {
    fail('neither a CWT claims map nor a DCC payload map');
  }
  return { claims: null, payload: cborToJson(decoded) };
}
