import { CborTag, type CborValue } from './cbor.ts';

/** Values the encoder accepts: CBOR values plus plain objects, which become maps with text keys. */
export type Encodable = CborValue | Encodable[] | Map<Encodable, Encodable> | { [key: string]: Encodable };

const utf8 = new TextEncoder();

/**
 * One growing buffer written in place: an HCERT is a few hundred bytes, and issuing encodes several (claims,
 * protected header, Sig_structure, COSE_Sign1), so avoiding a small array per item matters.
 */
export class CborWriter {
  bytes = new Uint8Array(512);
  view = new DataView(this.bytes.buffer);
  length = 0;

  reserve(count: number): void {
    if (this.length + count <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.length + count) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
    this.view = new DataView(grown.buffer);
  }

  shrink(): void {
    this.bytes = new Uint8Array(512);
    this.view = new DataView(this.bytes.buffer);
    this.length = 0;
  }

  byte(value: number): void {
    this.reserve(1);
    this.bytes[this.length++] = value;
  }

  /** The shortest head for a major type and a non-negative argument. */
  head(major: number, value: number | bigint): void {
    if (typeof value === 'bigint') {
      if (value < 0x100000000n) {
        this.head(major, Number(value));
        return;
      }
      this.reserve(9);
      this.bytes[this.length] = (major << 5) | 27;
      this.view.setBigUint64(this.length + 1, value);
      this.length += 9;
      return;
    }
    this.reserve(9);
    const at = this.length;
    if (value < 24) {
      this.bytes[at] = (major << 5) | value;
      this.length += 1;
    } else if (value < 0x100) {
      this.bytes[at] = (major << 5) | 24;
      this.bytes[at + 1] = value;
      this.length += 2;
    } else if (value < 0x10000) {
      this.bytes[at] = (major << 5) | 25;
      this.view.setUint16(at + 1, value);
      this.length += 3;
    } else if (value < 0x100000000) {
      this.bytes[at] = (major << 5) | 26;
      this.view.setUint32(at + 1, value);
      this.length += 5;
    } else {
      this.bytes[at] = (major << 5) | 27;
      this.view.setBigUint64(at + 1, BigInt(value));
      this.length += 9;
    }
  }

  raw(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.bytes.set(bytes, this.length);
    this.length += bytes.length;
  }

  /** Appends one value, encoded as encodeCbor encodes it. */
  value(value: Encodable): void {
    encodeInto(value, this);
  }

  /** What was written since `length` was last set to 0: a view, valid until the writer is written again. */
  written(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }

  text(value: string): void {
    // ASCII strings under 256 characters (every DCC field but some names: UCIs, codes, dates) are copied
    // directly, checked as they are copied; anything else goes through TextEncoder.
    const n = value.length;
    if (n < 0x100) {
      this.reserve(2 + n);
      const bytes = this.bytes;
      const start = this.length;
      let at = start + (n < 24 ? 1 : 2);
      let i = 0;
      for (; i < n; i++) {
        const code = value.charCodeAt(i);
        if (code > 0x7f) break;
        bytes[at++] = code;
      }
      if (i === n) {
        if (n < 24) bytes[start] = 0x60 | n;
        else {
          bytes[start] = 0x78;
          bytes[start + 1] = n;
        }
        this.length = at;
        return;
      }
    }
    const bytes = utf8.encode(value);
    this.head(3, bytes.length);
    this.raw(bytes);
  }
}

function encodeInto(value: Encodable, out: CborWriter): void {
  // By typeof first: text and small integers, nearly every item of a DCC, take one test each.
  switch (typeof value) {
    case 'string':
      out.text(value);
      return;
    case 'number':
      if (Number.isSafeInteger(value)) {
        if (value >= 0) out.head(0, value);
        else out.head(1, -1 - value);
      } else {
        out.reserve(9);
        out.bytes[out.length] = 0xfb;
        out.view.setFloat64(out.length + 1, value);
        out.length += 9;
      }
      return;
    case 'boolean':
      out.byte(value ? 0xf5 : 0xf4);
      return;
    case 'bigint':
      if (value >= 0n) out.head(0, value);
      else out.head(1, -1n - value);
      return;
    case 'undefined':
      out.byte(0xf7);
      return;
  }
  if (value === null) out.byte(0xf6);
  else if (value instanceof Uint8Array) {
    out.head(2, value.length);
    out.raw(value);
  } else if (value instanceof CborTag) {
    out.head(6, value.tag);
    encodeInto(value.value, out);
  } else if (Array.isArray(value)) {
    out.head(4, value.length);
    for (const item of value) encodeInto(item, out);
  } else if (value instanceof Map) {
    out.head(5, value.size);
    for (const [key, item] of value) {
      encodeInto(key, out);
      encodeInto(item, out);
    }
  } else {
    const keys = Object.keys(value);
    out.head(5, keys.length);
    for (const key of keys) {
      out.text(key);
      encodeInto(value[key] as Encodable, out);
    }
  }
}

/** Encodes with definite lengths and the shortest integer heads, as COSE signing expects. */
// One scratch writer reused by every call (encoding never calls out, so calls cannot interleave); each result is a copy.
const scratch = new CborWriter();

export function encodeCbor(value: Encodable): Uint8Array {
  scratch.length = 0;
  try {
    encodeInto(value, scratch);
    return scratch.bytes.slice(0, scratch.length);
  } finally {
    // A rare large value should not keep a large scratch buffer alive.
    if (scratch.bytes.length > 1 << 16) scratch.shrink();
  }
}
