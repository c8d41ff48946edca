import { HcertError } from './errors.ts';

// RFC 9285 alphabet: 45 characters that QR alphanumeric mode stores in 5.5 bits each.
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const VALUES = new Map<string, number>([...ALPHABET].map((char, index) => [char, index]));

/** Encodes bytes as Base45 (RFC 9285): two bytes become three characters, a lone last byte two. */
export function encodeBase45(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    let n = (bytes[i] ?? 0) * 256 + (bytes[i + 1] ?? 0);
    const c = n % 45;
    n = (n - c) / 45;
    const d = n % 45;
    const e = (n - d) / 45;
    out += (ALPHABET[c] ?? '') + (ALPHABET[d] ?? '') + (ALPHABET[e] ?? '');
  }
  if (bytes.length % 2 === 1) {
    const n = bytes[bytes.length - 1] ?? 0;
    out += (ALPHABET[n % 45] ?? '') + (ALPHABET[Math.floor(n / 45)] ?? '');
  }
  return out;
}

/** Decodes Base45; throws HcertError('base45') on a foreign character, a dangling character or an overflow. */
export function decodeBase45(text: string): Uint8Array {
  if (text.length % 3 === 1) throw new HcertError('base45', `base45: length ${text.length} leaves a single character`);
  const out = new Uint8Array(Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0));
  let o = 0;
  for (let i = 0; i < text.length; i += 3) {
    const chunk = text.slice(i, i + 3);
    let n = 0;
    let scale = 1;
    for (const char of chunk) {
      const value = VALUES.get(char);
      if (value === undefined) throw new HcertError('base45', `base45: character ${JSON.stringify(char)} at ${i}`);
      n += value * scale;
      scale *= 45;
    }
    if (chunk.length === 3) {
      if (n > 0xffff) throw new HcertError('base45', `base45: triple at ${i} exceeds 65535`);
      out[o++] = n >> 8;
      out[o++] = n & 0xff;
    } else {
      if (n > 0xff) throw new HcertError('base45', `base45: final pair at ${i} exceeds 255`);
      out[o++] = n;
    }
  }
  return out;
}
