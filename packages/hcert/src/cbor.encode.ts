import { CborTag, type CborValue } from './cbor.ts';

/** Values the encoder accepts: CBOR values plus plain objects, which become maps with text keys. */
export type Encodable = CborValue | Encodable[] | Map<Encodable, Encodable> | { [key: string]: Encodable };

function head(major: number, value: number | bigint): Uint8Array {
  const big = BigInt(value);
  if (big < 24n) return Uint8Array.of((major << 5) | Number(big));
  if (big < 0x100n) return Uint8Array.of((major << 5) | 24, Number(big));
  if (big < 0x10000n) return Uint8Array.of((major << 5) | 25, Number(big >> 8n), Number(big & 0xffn));
  const out = new Uint8Array(big < 0x100000000n ? 5 : 9);
  const view = new DataView(out.buffer);
  if (out.length === 5) {
    out[0] = (major << 5) | 26;
    view.setUint32(1, Number(big));
  } else {
    out[0] = (major << 5) | 27;
    view.setBigUint64(1, big);
  }
  return out;
}

function encodeInto(value: Encodable, parts: Uint8Array[]): void {
  if (value === false) parts.push(Uint8Array.of(0xf4));
  else if (value === true) parts.push(Uint8Array.of(0xf5));
  else if (value === null) parts.push(Uint8Array.of(0xf6));
  else if (value === undefined) parts.push(Uint8Array.of(0xf7));
  else if (typeof value === 'number' && Number.isSafeInteger(value)) {
    parts.push(value >= 0 ? head(0, value) : head(1, -1 - value));
  } else if (typeof value === 'number') {
    const out = new Uint8Array(9);
    out[0] = 0xfb;
    new DataView(out.buffer).setFloat64(1, value);
    parts.push(out);
  } else if (typeof value === 'bigint') parts.push(value >= 0n ? head(0, value) : head(1, -1n - value));
  else if (typeof value === 'string') {
    const bytes = new TextEncoder().encode(value);
    parts.push(head(3, bytes.length), bytes);
  } else if (value instanceof Uint8Array) parts.push(head(2, value.length), value);
  else if (value instanceof CborTag) {
    parts.push(head(6, value.tag));
    encodeInto(value.value, parts);
  } else if (Array.isArray(value)) {
    parts.push(head(4, value.length));
    for (const item of value) encodeInto(item, parts);
  } else if (value instanceof Map) {
    parts.push(head(5, value.size));
    for (const [key, item] of value) {
      encodeInto(key, parts);
      encodeInto(item, parts);
    }
  } else {
    const entries = Object.entries(value);
    parts.push(head(5, entries.length));
    for (const [key, item] of entries) {
      encodeInto(key, parts);
      encodeInto(item, parts);
    }
  }
}

/** Encodes with definite lengths and the shortest integer heads, as COSE signing expects. */
export function encodeCbor(value: Encodable): Uint8Array {
  const parts: Uint8Array[] = [];
  encodeInto(value, parts);
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
