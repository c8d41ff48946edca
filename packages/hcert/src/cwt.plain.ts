import {
  boundedLength,
  type CborLimits,
  CborTag,
  type CborValue,
  DEFAULT_LIMITS,
  decodeTextAt,
  halfToNumber,
  Reader,
  readValue,
} from './cbor.ts';
import type { CwtClaims, JsonValue } from './cwt.ts';

/**
 * The CWT of an HCERT read in one pass, the DCC payload decoded straight into JSON objects instead of CBOR maps
 * converted afterwards (the conversion and the maps were about half of a verification's decoding). It answers only
 * for a plainly valid CWT — a definite map with integer claim keys, no key twice, iss as text, iat and exp as
 * finite numbers, a payload of text-keyed maps, arrays, text, finite numbers, booleans and null — and null for
 * anything else: a tag, a byte string, an indefinite length, `__proto__`, a duplicate, an error of any kind. The
 * general reader (`readCwt` in cwt.ts) then judges the input as before, so every refusal and its reason are
 * unchanged. `cwt.plain.test.ts` checks the property this rests on: whenever this answers, the general reader
 * answers the same claims.
 */
export function readPlainCwt(bytes: Uint8Array, limits: CborLimits = DEFAULT_LIMITS): CwtClaims | null {
  try {
    return readClaims(new Reader(bytes), limits);
  } catch {
    return null;
  }
}

/** Thrown (a constant, not an Error: no stack trace to build) where the input is not plain. */
const NOT_PLAIN = Symbol('not plain');

function readClaims(reader: Reader, limits: CborLimits): CwtClaims | null {
  const count = definiteCount(reader, 5);
  let issuer: string | null = null;
  let issuedAt: number | null = null;
  let expiresAt: number | null = null;
  let payload: JsonValue | undefined;
  // Claim keys seen, for the duplicate check (a CWT has a handful).
  const seen: number[] = [];
  for (let i = 0; i < count; i++) {
    const key = readValue(reader, 1, limits);
    if (typeof key !== 'number' || !Number.isInteger(key) || seen.includes(key)) return null;
    seen.push(key);
    if (key === -260) {
      payload = readHcertClaim(reader, limits);
      continue;
    }
    const value = readValue(reader, 1, limits);
    if (key === 1) {
      if (typeof value !== 'string') return null;
      issuer = value;
    } else if (key === 6 || key === 4) {
      const time = plainTime(value);
      if (time === null) return null;
      if (key === 6) issuedAt = time;
      else expiresAt = time;
    }
  }
  if (payload === undefined || reader.remaining !== 0) return null;
  return { issuer, issuedAt, expiresAt, payload };
}

/** A time claim as readCwt accepts it (a finite number, tagged 1 or not); null for anything it would refuse. */
function plainTime(value: CborValue): number | null {
  const inner = value instanceof CborTag && value.tag === 1 ? value.value : value;
  return typeof inner === 'number' && Number.isFinite(inner) ? inner : null;
}

/** Claim -260, a map whose key 1 holds the DCC payload; other keys are read and left. */
function readHcertClaim(reader: Reader, limits: CborLimits): JsonValue {
  const count = definiteCount(reader, 5);
  const seen: number[] = [];
  let payload: JsonValue | undefined;
  for (let i = 0; i < count; i++) {
    const key = readValue(reader, 2, limits);
    if (typeof key !== 'number' || !Number.isInteger(key) || seen.includes(key)) throw NOT_PLAIN;
    seen.push(key);
    if (key === 1) {
      if (reader.bytes[reader.offset] === undefined || (reader.bytes[reader.offset] ?? 0) >> 5 !== 5) throw NOT_PLAIN;
      payload = readJson(reader, 2, limits);
    } else {
      readValue(reader, 2, limits);
    }
  }
  if (payload === undefined) throw NOT_PLAIN;
  return payload;
}

/** The count of a definite array (4) or map (5) at the reader; anything else is not plain. */
function definiteCount(reader: Reader, major: number): number {
  const initial = reader.byte();
  if (initial >> 5 !== major || (initial & 0x1f) >= 28) throw NOT_PLAIN;
  return boundedLength(reader, reader.argument(initial & 0x1f));
}

function readJson(reader: Reader, depth: number, limits: CborLimits): JsonValue {
  if (depth > limits.maxDepth) throw NOT_PLAIN;
  const initial = reader.byte();
  const major = initial >> 5;
  const info = initial & 0x1f;
  if (major === 7) return readSimpleJson(reader, info);
  if (info >= 28) throw NOT_PLAIN;
  const argument = reader.argument(info);
  if (typeof argument === 'bigint') throw NOT_PLAIN;
  switch (major) {
    case 0:
      return argument;
    case 1:
      return -1 - argument;
    case 3: {
      const length = boundedLength(reader, argument);
      reader.need(length);
      reader.offset += length;
      return decodeTextAt(reader.bytes, reader.offset - length, length);
    }
    case 4: {
      const count = boundedLength(reader, argument);
      const items: JsonValue[] = [];
      for (let i = 0; i < count; i++) items.push(readJson(reader, depth + 1, limits));
      return items;
    }
    case 5: {
      const count = boundedLength(reader, argument);
      const out: { [key: string]: JsonValue } = {};
      for (let i = 0; i < count; i++) {
        const head = reader.byte();
        if (head >> 5 !== 3 || (head & 0x1f) >= 28) throw NOT_PLAIN;
        const length = boundedLength(reader, reader.argument(head & 0x1f));
        reader.need(length);
        reader.offset += length;
        const key = readKey(reader.bytes, reader.offset - length, length);
        // readCwt assigns `out[key]`, so `__proto__` would set the prototype: left to it, as is a key given twice.
        if (key === '__proto__' || Object.hasOwn(out, key)) throw NOT_PLAIN;
        out[key] = readJson(reader, depth + 1, limits);
      }
      return out;
    }
    default:
      // Byte strings (2) and tags (6).
      throw NOT_PLAIN;
  }
}

function readSimpleJson(reader: Reader, info: number): JsonValue {
  if (info === 20) return false;
  if (info === 21) return true;
  if (info === 22) return null;
  let value: number;
  if (info === 25) {
    reader.need(2);
    const at = reader.offset;
    reader.offset += 2;
    value = halfToNumber(((reader.bytes[at] ?? 0) << 8) | (reader.bytes[at + 1] ?? 0));
  } else if (info === 26) {
    reader.need(4);
    value = reader.view.getFloat32(reader.offset);
    reader.offset += 4;
  } else if (info === 27) {
    reader.need(8);
    value = reader.view.getFloat64(reader.offset);
    reader.offset += 8;
  } else {
    throw NOT_PLAIN;
  }
  if (!Number.isFinite(value)) throw NOT_PLAIN;
  return value;
}

// The DCC's keys are one to three ASCII letters ("ver", "nam", "v", "tg", "dt"…), the same in every certificate:
// each is made once and found again by its bytes (a string built per key cost more than the lookup).
const shortKeys = new Map<number, string>();

function readKey(bytes: Uint8Array, start: number, length: number): string {
  if (length === 0 || length > 3) return decodeTextAt(bytes, start, length);
  const a = bytes[start] ?? 0;
  const b = length > 1 ? (bytes[start + 1] ?? 0) : 0;
  const c = length > 2 ? (bytes[start + 2] ?? 0) : 0;
  if ((a | b | c) >= 0x80) return decodeTextAt(bytes, start, length);
  const packed = (length << 21) | (a << 14) | (b << 7) | c;
  let key = shortKeys.get(packed);
  if (key === undefined) {
    key = decodeTextAt(bytes, start, length);
    // A bound on what strangers' certificates can add: 128³ three-letter keys would not fit otherwise.
    if (shortKeys.size >= 4096) shortKeys.clear();
    shortKeys.set(packed, key);
  }
  return key;
}
