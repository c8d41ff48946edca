import { HcertError } from './errors.ts';
import { ScratchBuffer } from './scratch.ts';

// RFC 9285 alphabet: 45 characters that QR alphanumeric mode stores in 5.5 bits each.
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

const ALPHABET_CODES = Uint8Array.from(ALPHABET, (char) => char.charCodeAt(0));
const ascii = new TextDecoder();
const encodeScratch = new ScratchBuffer();

/** Encodes bytes as Base45 (RFC 9285): two bytes become three characters, a lone last byte two. */
export function encodeBase45(bytes: Uint8Array): string {
  // Character codes into one kept buffer, decoded once: a string built by += costs several times more.
  const out = encodeScratch.take(Math.floor(bytes.length / 2) * 3 + (bytes.length % 2) * 2);
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
  return decodeBase45From(text, 0);
}

const asciiEncoder = new TextEncoder();
// The text's character codes, written by TextEncoder (native, several times faster than charCodeAt per character
// in a loop) and read back at once; kept between calls for texts up to a QR code's size.
const SCRATCH_LIMIT = 8 * 1024;
let scratch = new Uint8Array(0);

/**
 * decodeBase45 of text[start…] (the HCERT verifier skips its "HC1:" prefix without slicing the string). Error
 * positions count from `start`, as decodeBase45 of the slice would give them. Given `into`, a view of it
 * (scratch.ts).
 */
export function decodeBase45From(text: string, start: number, into?: ScratchBuffer): Uint8Array {
  const length = text.length - start;
  if (length % 3 === 1) throw new HcertError('base45', `base45: length ${length} leaves a single character`);
  const size = Math.floor(length / 3) * 2 + (length % 3 === 2 ? 1 : 0);
  const out = into ? into.take(size) : new Uint8Array(size);
  const whole = start + length - (length % 3);
  let codes = scratch;
  if (codes.length < text.length) {
    codes = new Uint8Array(Math.max(text.length, 1024));
    if (codes.length <= SCRATCH_LIMIT) scratch = codes;
  }
  // A character outside ASCII takes more than one byte, and then the codes no longer line up with the characters:
  // such a text is read character by character (it is refused, at its first foreign character or overflow).
  const encoded = asciiEncoder.encodeInto(text, codes);
  const ascii = encoded.read === text.length && encoded.written === text.length;
  let o = 0;
  // Whole triples by table with one check per triple; a character outside the alphabet or an overflow is then
  // read again character by character for its error.
  for (let i = start; i < whole; i += 3) {
    const c = ascii ? (CODES[codes[i] ?? 0] ?? -1) : valueAt(text, i, start);
    const d = ascii ? (CODES[codes[i + 1] ?? 0] ?? -1) : valueAt(text, i + 1, start);
    const e = ascii ? (CODES[codes[i + 2] ?? 0] ?? -1) : valueAt(text, i + 2, start);
    const n = c + d * 45 + e * 2025;
    if ((c | d | e) < 0 || n > 0xffff) return refuseTriple(text, i, start);
    out[o++] = n >> 8;
    out[o++] = n & 0xff;
  }
  if (whole < text.length) {
    const n = valueAt(text, whole, start) + valueAt(text, whole + 1, start) * 45;
    if (n > 0xff) throw new HcertError('base45', `base45: final pair at ${whole - start} exceeds 255`);
    out[o++] = n;
  }
  return out;
}

/** Throws the error for the triple at i: its first foreign character, else its overflow. */
function refuseTriple(text: string, i: number, start: number): never {
  valueAt(text, i, start);
  valueAt(text, i + 1, start);
  valueAt(text, i + 2, start);
  throw new HcertError('base45', `base45: triple at ${i - start} exceeds 65535`);
}

// Character code → Base45 value, -1 for characters outside the alphabet.
const CODES = new Int8Array(256).fill(-1);
for (const [index, char] of [...ALPHABET].entries()) CODES[char.charCodeAt(0)] = index;

function valueAt(text: string, index: number, start: number): number {
  const code = text.charCodeAt(index);
  const value = code < 128 ? (CODES[code] ?? -1) : -1;
  if (value < 0) {
    throw new HcertError(
      'base45',
      `base45: character ${JSON.stringify(String.fromCodePoint(text.codePointAt(index) ?? code))} at ${index - start - ((index - start) % 3)}`,
    );
  }
  return value;
}
