import { HcertError } from './errors.ts';

/**
 * A small CBOR (RFC 8949) codec of our own instead of a general library: everything it reads comes from a
 * stranger's QR code, so nesting depth, declared lengths and item counts are checked before any allocation.
 */
export type CborValue =
  | number
  | bigint
  | string
  | boolean
  | null
  | undefined
  | Uint8Array
  | CborValue[]
  | CborMap
  | CborTag;
export type CborMap = Map<CborValue, CborValue>;

export class CborTag {
  readonly tag: number;
  readonly value: CborValue;
  constructor(tag: number, value: CborValue) {
    this.tag = tag;
    this.value = value;
  }
}

export interface CborLimits {
  /** Arrays, maps and tags nested deeper than this are refused (an HCERT needs about 6). */
  maxDepth: number;
}

export const DEFAULT_LIMITS: CborLimits = { maxDepth: 32 };
const utf8 = new TextDecoder('utf-8', { fatal: true });
const BREAK = Symbol('break');

function fail(message: string): never {
  throw new HcertError('cbor', `cbor: ${message}`);
}

/** A cursor over the input; exported for the plain CWT reader (cwt.plain.ts), not by the package. */
export class Reader {
  offset = 0;
  readonly bytes: Uint8Array;
  private dataView: DataView | null = null;
  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }
  /** Made on first use: most inputs hold no float or 64-bit integer, and a DataView per decode costs. */
  get view(): DataView {
    this.dataView ??= new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    return this.dataView;
  }
  get remaining(): number {
    return this.bytes.length - this.offset;
  }
  need(count: number): void {
    if (count > this.remaining) fail(`needs ${count} bytes at ${this.offset}, ${this.remaining} left`);
  }
  byte(): number {
    this.need(1);
    return this.bytes[this.offset++] ?? 0;
  }
  argument(info: number): number | bigint {
    if (info < 24) return info;
    if (info === 24) return this.byte();
    if (info === 25) {
      this.need(2);
      const at = this.offset;
      this.offset += 2;
      return ((this.bytes[at] ?? 0) << 8) | (this.bytes[at + 1] ?? 0);
    }
    if (info === 26) {
      this.need(4);
      const at = this.offset;
      this.offset += 4;
      const b = this.bytes;
      return (b[at] ?? 0) * 0x1000000 + (((b[at + 1] ?? 0) << 16) | ((b[at + 2] ?? 0) << 8) | (b[at + 3] ?? 0));
    }
    if (info === 27) {
      this.need(8);
      const value = this.view.getBigUint64(this.offset);
      this.offset += 8;
      return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
    }
    return fail(`reserved additional info ${info} at ${this.offset - 1}`);
  }
}

/** A length or count must fit in what is left: each item takes at least one byte, so this bounds allocation. */
export function boundedLength(reader: Reader, value: number | bigint): number {
  if (typeof value === 'bigint' || value > reader.remaining) fail(`declared length ${value} exceeds input`);
  return value;
}

export function halfToNumber(half: number): number {
  const exponent = (half >> 10) & 0x1f;
  const mantissa = half & 0x3ff;
  const sign = half & 0x8000 ? -1 : 1;
  if (exponent === 0) return sign * 2 ** -14 * (mantissa / 1024);
  if (exponent === 31) return mantissa ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * 2 ** (exponent - 15) * (1 + mantissa / 1024);
}

function readChunks(reader: Reader, major: number, depth: number, limits: CborLimits): Uint8Array {
  const parts: Uint8Array[] = [];
  for (;;) {
    const item = readItem(reader, depth + 1, limits);
    if (item === BREAK) break;
    if (major === 2 && item instanceof Uint8Array) parts.push(item);
    else if (major === 3 && typeof item === 'string') parts.push(new TextEncoder().encode(item));
    else fail('indefinite string holds a chunk of another type');
  }
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function readItem(reader: Reader, depth: number, limits: CborLimits): CborValue | typeof BREAK {
  if (depth > limits.maxDepth) fail(`nesting deeper than ${limits.maxDepth}`);
  const initial = reader.byte();
  const major = initial >> 5;
  const info = initial & 0x1f;
  if (info === 31) {
    if (major === 7) return BREAK;
    if (major === 2 || major === 3) {
      const joined = readChunks(reader, major, depth, limits);
      return major === 2 ? joined : decodeText(joined);
    }
    if (major === 4) {
      const items: CborValue[] = [];
      for (;;) {
        const item = readItem(reader, depth + 1, limits);
        if (item === BREAK) return items;
        items.push(item);
      }
    }
    if (major === 5) {
      const map: CborMap = new Map();
      for (;;) {
        const key = readItem(reader, depth + 1, limits);
        if (key === BREAK) return map;
        setEntry(map, key, readValue(reader, depth + 1, limits));
      }
    }
    return fail(`indefinite length not allowed for major type ${major}`);
  }
  if (major === 7) return readSimple(reader, info);
  const argument = reader.argument(info);
  switch (major) {
    case 0:
      return argument;
    case 1:
      return typeof argument === 'bigint' ? -1n - argument : -1 - argument;
    case 2: {
      // One copy straight from the input (a subarray view first would be a second allocation).
      const length = boundedLength(reader, argument);
      reader.need(length);
      reader.offset += length;
      return reader.bytes.slice(reader.offset - length, reader.offset);
    }
    case 3: {
      const length = boundedLength(reader, argument);
      reader.need(length);
      reader.offset += length;
      return decodeTextAt(reader.bytes, reader.offset - length, length);
    }
    case 4: {
      const count = boundedLength(reader, argument);
      const items: CborValue[] = [];
      for (let i = 0; i < count; i++) items.push(readValue(reader, depth + 1, limits));
      return items;
    }
    case 5: {
      const count = boundedLength(reader, argument);
      const map: CborMap = new Map();
      for (let i = 0; i < count; i++) {
        const key = readValue(reader, depth + 1, limits);
        setEntry(map, key, readValue(reader, depth + 1, limits));
      }
      return map;
    }
    default: {
      if (typeof argument === 'bigint') fail('tag number too large');
      return new CborTag(argument, readValue(reader, depth + 1, limits));
    }
  }
}

export function readValue(reader: Reader, depth: number, limits: CborLimits): CborValue {
  const item = readItem(reader, depth, limits);
  if (item === BREAK) fail(`unexpected break at ${reader.offset - 1}`);
  return item;
}

function readSimple(reader: Reader, info: number): CborValue {
  if (info === 20) return false;
  if (info === 21) return true;
  if (info === 22) return null;
  if (info === 23) return undefined;
  if (info === 25) {
    reader.need(2);
    const half = reader.view.getUint16(reader.offset);
    reader.offset += 2;
    return halfToNumber(half);
  }
  if (info === 26) {
    reader.need(4);
    const value = reader.view.getFloat32(reader.offset);
    reader.offset += 4;
    return value;
  }
  if (info === 27) {
    reader.need(8);
    const value = reader.view.getFloat64(reader.offset);
    reader.offset += 8;
    return value;
  }
  return fail(`unsupported simple value ${info}`);
}

/**
 * decodeText over bytes[start, start + length) of the input: the short ASCII strings that make up nearly all of a
 * DCC are read in place, without a subarray view (allocating one costs more than reading the string).
 */
export function decodeTextAt(input: Uint8Array, start: number, length: number): string {
  if (length <= 32) {
    let text = '';
    for (let i = start; i < start + length; i++) {
      const byte = input[i] ?? 0;
      if (byte >= 0x80) return decodeUtf8(input.subarray(start, start + length));
      text += String.fromCharCode(byte);
    }
    return text;
  }
  return decodeUtf8(input.subarray(start, start + length));
}

function decodeText(bytes: Uint8Array): string {
  // Short ASCII text (nearly every DCC field) without the TextDecoder call, which costs more than the copy.
  if (bytes.length <= 32) {
    let text = '';
    for (const byte of bytes) {
      if (byte >= 0x80) return decodeUtf8(bytes);
      text += String.fromCharCode(byte);
    }
    return text;
  }
  return decodeUtf8(bytes);
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return fail('text string is not valid UTF-8');
  }
}

function setEntry(map: CborMap, key: CborValue, value: CborValue): void {
  if (key instanceof Uint8Array || typeof key === 'object') {
    // Structured keys cannot be compared by Map identity; no HCERT uses them.
    fail('only integer and text map keys are supported');
  }
  // One hash lookup instead of has() then set(): a key already there leaves the size unchanged.
  const size = map.size;
  map.set(key, value);
  if (map.size === size) fail(`duplicate map key ${String(key)}`);
}

/** Decodes exactly one CBOR item that must span the whole input. */
export function decodeCbor(bytes: Uint8Array, limits: CborLimits = DEFAULT_LIMITS): CborValue {
  const reader = new Reader(bytes);
  const value = readValue(reader, 0, limits);
  if (reader.remaining !== 0) fail(`${reader.remaining} trailing bytes after the item`);
  return value;
}
