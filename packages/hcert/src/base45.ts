import { HcertError } from './errors.ts';

// RFC 9285 alphabet: 45 characters that QR alphanumeric mode stores in 5.5 bits each.
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

const ALPHABET_CODES = Uint8Array.from(ALPHABET, (char) => char.charCodeAt(0));
const ascii = new TextDecoder();

/** Encodes bytes as Base45 (RFC 9285): two bytes become three characters, a lone last byte two. */
export function encodeBase45(bytes: Uint8Array): string {
  // Character codes into one buffer, decoded once: a string built by += costs several times more.
  const out = new Uint8Array(Math.floor(bytes.length / 2) * 3 + (bytes.length % 2) * 2);
  let o = 0;
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    let n = (bytes[i] ?? 0) * 256 + (bytes[i + 1] ?? 0);
    const c = n % 45;
    n = (n - c) / 45;
    const d = n % 45;
    out[o++] = ALPHABET_CODES[c] ?? 0;
    out[o++] = ALPHABET_CODES[d] ?? 0;
    out[o++] = ALPHABET_CODES[(n - d) / 45] ?? 0;
  }
  if (bytes.length % 2 === 1) {
    const n = bytes[bytes.length - 1] ?? 0;
    out[o++] = ALPHABET_CODES[n % 45] ?? 0;
    out[o++] = ALPHABET_CODES[Math.floor(n / 45)] ?? 0;
  }
  return ascii.decode(out);
}

/** Decodes Base45; throws HcertError('base45') on a foreign character, a dangling character or an overflow. */
export function decodeBase45(text: string): Uint8Array {
  if (text.length % 3 === 1) throw new HcertError('base45', `base45: length ${text.length} leaves a single character`);
  const out = new Uint8Array(Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0));
  const whole = text.length - (text.length % 3);
  let o = 0;
  // Whole triples by table with one check per triple; a character outside the alphabet or an overflow is then
  // read again character by character for the same error as before.
  for (let i = 0; i < whole; i += 3) {
    const c = CODES[text.charCodeAt(i)] ?? -1;
    const d = CODES[text.charCodeAt(i + 1)] ?? -1;
    const e = CODES[text.charCodeAt(i + 2)] ?? -1;
    const n = c + d * 45 + e * 2025;
    if ((c | d | e) < 0 || n > 0xffff) return refuseTriple(text, i);
    out[o++] = n >> 8;
    out[o++] = n & 0xff;
  }
  if (whole < text.length) {
    const n = valueAt(text, whole) + valueAt(text, whole + 1) * 45;
    if (n > 0xff) throw new HcertError('base45', `base45: final pair at ${whole} exceeds 255`);
    out[o++] = n;
  }
  return out;
}

/** Throws the error for the triple at i: its first foreign character, else its overflow. */
function refuseTriple(text: string, i: number): never {
  valueAt(text, i);
  valueAt(text, i + 1);
  valueAt(text, i + 2);
  throw new HcertError('base45', `base45: triple at ${i} exceeds 65535`);
}

// Character code → Base45 value, -1 for characters outside the alphabet (and undefined beyond 127).
const CODES = new Int8Array(128).fill(-1);
for (const [index, char] of [...ALPHABET].entries()) CODES[char.charCodeAt(0)] = index;

function valueAt(text: string, index: number): number {
  const code = text.charCodeAt(index);
  const value = code < 128 ? (CODES[code] ?? -1) : -1;
  if (value < 0) {
    throw new HcertError(
      'base45',
      `base45: character ${JSON.stringify(String.fromCodePoint(text.codePointAt(index) ?? code))} at ${index - (index % 3)}`,
    );
  }
  return value;
}
