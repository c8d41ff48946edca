/**
 * A strict zlib (RFC 1950/1951) inflater for the server's fast path. node:zlib builds a stream object and a native
 * handle for every call, which costs more than inflating a 350-byte HCERT. This reads the stream in JavaScript and
 * answers its bytes only when it is plainly valid: complete Huffman codes, lengths and distances in range, the
 * stream ending exactly at a matching Adler-32. At anything node:zlib might judge differently (an incomplete code,
 * a distance beyond the window, a stream running short, an output beyond the bound) it answers null and the
 * caller asks node:zlib, so every verdict and every refusal stays node:zlib's (inflate.test.ts checks that whatever
 * this accepts, node:zlib accepts with the same bytes).
 */
import { adler32 } from './compression.ts';

/** Output larger than this is left to node:zlib. */
const MAX_OUTPUT = 64 * 1024;
const output = new Uint8Array(MAX_OUTPUT);

// Input and bit buffer of the current call (module state: no closure per call).
const EMPTY = new Uint8Array(0);
let input: Uint8Array = EMPTY;
let inputAt = 0;
let inputEnd = 0;
let bitBuffer = 0;
let bitCount = 0;
let exhausted = false;

const FAST_BITS = 9;

/** A canonical Huffman code: code counts per length, symbols in code order, and a lookup of the short codes. */
interface Huffman {
  counts: Uint16Array;
  symbols: Uint16Array;
  /** By the next FAST_BITS input bits: symbol << 4 | length, 0 when the code is longer. */
  fast: Int32Array;
}

function newHuffman(size: number): Huffman {
  return { counts: new Uint16Array(16), symbols: new Uint16Array(size), fast: new Int32Array(1 << FAST_BITS) };
}

const offsets = new Uint16Array(16);
const nextCode = new Uint16Array(16);

/**
 * Builds a code from lengths[from, from + n); answers what is left of the code space: 0 when complete, more when
 * incomplete, below 0 when over-subscribed.
 */
function buildHuffman(h: Huffman, lengths: Uint8Array, from: number, n: number): number {
  const counts = h.counts;
  counts.fill(0);
  for (let s = 0; s < n; s++) (counts[lengths[from + s] ?? 0] as number)++;
  counts[0] = 0;
  let left = 1;
  for (let bits = 1; bits < 16; bits++) {
    left = (left << 1) - (counts[bits] ?? 0);
    if (left < 0) return left;
  }
  offsets[1] = 0;
  for (let bits = 1; bits < 15; bits++) offsets[bits + 1] = (offsets[bits] ?? 0) + (counts[bits] ?? 0);
  for (let s = 0; s < n; s++) {
    const bits = lengths[from + s] ?? 0;
    if (bits !== 0) h.symbols[(offsets[bits] as number)++] = s;
  }
  // The short codes into the lookup, bit-reversed as they arrive.
  h.fast.fill(0);
  let code = 0;
  for (let bits = 1; bits < 16; bits++) {
    code = (code + (counts[bits - 1] ?? 0)) << 1;
    nextCode[bits] = code;
  }
  for (let s = 0; s < n; s++) {
    const bits = lengths[from + s] ?? 0;
    if (bits === 0 || bits > FAST_BITS) continue;
    let c = nextCode[bits] ?? 0;
    nextCode[bits] = c + 1;
    let reversed = 0;
    for (let b = 0; b < bits; b++) {
      reversed = (reversed << 1) | (c & 1);
      c >>= 1;
    }
    for (let slot = reversed; slot < 1 << FAST_BITS; slot += 1 << bits) h.fast[slot] = (s << 4) | bits;
  }
  return left;
}

function refill(): void {
  while (bitCount <= 16 && inputAt < inputEnd) {
    bitBuffer |= (input[inputAt++] ?? 0) << bitCount;
    bitCount += 8;
  }
}

/** The next n bits (n ≤ 16); past the end of the input, sets `exhausted` and answers 0. */
function bits(n: number): number {
  if (n === 0) return 0;
  if (bitCount < n) {
    refill();
    if (bitCount < n) {
      exhausted = true;
      return 0;
    }
  }
  const value = bitBuffer & ((1 << n) - 1);
  bitBuffer >>>= n;
  bitCount -= n;
  return value;
}

/** The next symbol of the code, or -1 for a code it does not have or input that ends. */
function decodeSymbol(h: Huffman): number {
  if (bitCount < 15) refill();
  const entry = h.fast[bitBuffer & ((1 << FAST_BITS) - 1)] ?? 0;
  if (entry !== 0 && (entry & 15) <= bitCount) {
    bitBuffer >>>= entry & 15;
    bitCount -= entry & 15;
    return entry >> 4;
  }
  // Longer codes bit by bit, in canonical order.
  let code = 0;
  let first = 0;
  let index = 0;
  for (let length = 1; length < 16; length++) {
    if (bitCount === 0) {
      refill();
      if (bitCount === 0) return -1;
    }
    code |= bitBuffer & 1;
    bitBuffer >>>= 1;
    bitCount--;
    const count = h.counts[length] ?? 0;
    if (code - first < count) return h.symbols[index + code - first] ?? -1;
    index += count;
    first = (first + count) << 1;
    code <<= 1;
  }
  return -1;
}

const LENGTH_BASE = Uint16Array.of(
  3,
  4,
  5,
  6,
  7,
  8,
  9,
  10,
  11,
  13,
  15,
  17,
  19,
  23,
  27,
  31,
  35,
  43,
  51,
  59,
  67,
  83,
  99,
  115,
  131,
  163,
  195,
  227,
  258,
);
const LENGTH_EXTRA = Uint8Array.of(
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  1,
  1,
  1,
  1,
  2,
  2,
  2,
  2,
  3,
  3,
  3,
  3,
  4,
  4,
  4,
  4,
  5,
  5,
  5,
  5,
  0,
);
const DIST_BASE = Uint16Array.of(
  1,
  2,
  3,
  4,
  5,
  7,
  9,
  13,
  17,
  25,
  33,
  49,
  65,
  97,
  129,
  193,
  257,
  385,
  513,
  769,
  1025,
  1537,
  2049,
  3073,
  4097,
  6145,
  8193,
  12289,
  16385,
  24577,
);
const DIST_EXTRA = Uint8Array.of(
  0,
  0,
  0,
  0,
  1,
  1,
  2,
  2,
  3,
  3,
  4,
  4,
  5,
  5,
  6,
  6,
  7,
  7,
  8,
  8,
  9,
  9,
  10,
  10,
  11,
  11,
  12,
  12,
  13,
  13,
);
const CL_ORDER = Uint8Array.of(16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15);

const fixedLiterals = newHuffman(288);
const fixedDistances = newHuffman(32);
{
  const lengths = new Uint8Array(288);
  lengths.fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280, 288);
  buildHuffman(fixedLiterals, lengths, 0, 288);
  buildHuffman(fixedDistances, new Uint8Array(32).fill(5), 0, 32);
}
const literals = newHuffman(288);
const distances = newHuffman(32);
const codeLengthCode = newHuffman(19);
const lengths = new Uint8Array(286 + 30);
const codeLengthLengths = new Uint8Array(19);

/** Reads a dynamic block's codes into `literals` and `distances`; false when anything is doubtful. */
function readDynamicCodes(): boolean {
  const hlit = bits(5) + 257;
  const hdist = bits(5) + 1;
  const hclen = bits(4) + 4;
  if (hlit > 286 || hdist > 30) return false;
  codeLengthLengths.fill(0);
  for (let k = 0; k < hclen; k++) codeLengthLengths[CL_ORDER[k] ?? 0] = bits(3);
  if (exhausted || buildHuffman(codeLengthCode, codeLengthLengths, 0, 19) !== 0) return false;
  const total = hlit + hdist;
  for (let i = 0; i < total; ) {
    const symbol = decodeSymbol(codeLengthCode);
    if (symbol < 0 || exhausted) return false;
    if (symbol < 16) {
      lengths[i++] = symbol;
      continue;
    }
    let value = 0;
    let repeat: number;
    if (symbol === 16) {
      if (i === 0) return false;
      value = lengths[i - 1] ?? 0;
      repeat = 3 + bits(2);
    } else if (symbol === 17) repeat = 3 + bits(3);
    else repeat = 11 + bits(7);
    if (i + repeat > total) return false;
    lengths.fill(value, i, i + repeat);
    i += repeat;
  }
  if (exhausted || lengths[256] === 0) return false;
  if (buildHuffman(literals, lengths, 0, hlit) !== 0) return false;
  const left = buildHuffman(distances, lengths, hlit, hdist);
  // Complete, or zlib's one permitted incomplete distance code: a single code of one bit.
  return left === 0 || (left === 1 && distances.counts[1] === 1);
}

/** Decodes one Huffman-coded block into output from `at`; answers the new end, or -1 when doubtful. */
function inflateCodes(lit: Huffman, dist: Huffman, at: number, limit: number, window: number): number {
  let out = at;
  for (;;) {
    const symbol = decodeSymbol(lit);
    if (symbol < 0 || exhausted) return -1;
    if (symbol < 256) {
      if (out >= limit) return -1;
      output[out++] = symbol;
      continue;
    }
    if (symbol === 256) return out;
    const l = symbol - 257;
    if (l >= 29) return -1;
    const length = (LENGTH_BASE[l] ?? 0) + bits(LENGTH_EXTRA[l] ?? 0);
    const d = decodeSymbol(dist);
    if (d < 0 || d >= 30) return -1;
    const distance = (DIST_BASE[d] ?? 0) + bits(DIST_EXTRA[d] ?? 0);
    if (exhausted || distance > out || distance > window || out + length > limit) return -1;
    for (let k = 0; k < length; k++, out++) output[out] = output[out - distance] ?? 0;
  }
}

/**
 * Inflates a zlib stream whose header checkZlibHeader has accepted, when it is plainly valid and inflates to at
 * most maxBytes; null for anything else, which the caller then hands to node:zlib.
 */
export function inflateValid(bytes: Uint8Array, maxBytes: number): Uint8Array | null {
  if (bytes.length < 7) return null;
  input = bytes;
  inputAt = 2;
  inputEnd = bytes.length - 4;
  bitBuffer = 0;
  bitCount = 0;
  exhausted = false;
  const window = 1 << (((bytes[0] ?? 0) >> 4) + 8);
  const limit = Math.min(maxBytes, MAX_OUTPUT);
  let out = 0;
  let final = 0;
  try {
    while (final === 0) {
      final = bits(1);
      const type = bits(2);
      if (exhausted) return null;
      if (type === 0) {
        // Stored: the rest of this byte is skipped; whole bytes already in the bit buffer are read again.
        inputAt -= bitCount >> 3;
        bitBuffer = 0;
        bitCount = 0;
        if (inputAt + 4 > inputEnd) return null;
        const length = (bytes[inputAt] ?? 0) | ((bytes[inputAt + 1] ?? 0) << 8);
        const check = (bytes[inputAt + 2] ?? 0) | ((bytes[inputAt + 3] ?? 0) << 8);
        if ((length ^ 0xffff) !== check || inputAt + 4 + length > inputEnd || out + length > limit) return null;
        output.set(bytes.subarray(inputAt + 4, inputAt + 4 + length), out);
        out += length;
        inputAt += 4 + length;
      } else if (type === 1) {
        out = inflateCodes(fixedLiterals, fixedDistances, out, limit, window);
      } else if (type === 2) {
        if (!readDynamicCodes()) return null;
        out = inflateCodes(literals, distances, out, limit, window);
      } else return null;
      if (out < 0) return null;
    }
    // The stream must end here: the rest of this byte is padding, and exactly the Adler-32 follows.
    if (inputAt - (bitCount >> 3) !== inputEnd) return null;
    const result = output.slice(0, out);
    const t = inputEnd;
    const expected =
      (((bytes[t] ?? 0) << 24) | ((bytes[t + 1] ?? 0) << 16) | ((bytes[t + 2] ?? 0) << 8) | (bytes[t + 3] ?? 0)) >>> 0;
    return adler32(result) === expected ? result : null;
  } finally {
    input = EMPTY;
  }
}
