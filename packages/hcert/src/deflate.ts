/**
 * A zlib (RFC 1950/1951) compressor for inputs of a few KiB, such as a COSE_Sign1 before it becomes Base45.
 *
 * node:zlib spends ~14 µs of CPU on a 350-byte HCERT at any level from 1 to 9 — its fixed costs (a stream object, a
 * native handle with its window and hash table, building and comparing three Huffman trees), about two thirds of
 * an ES256 signature — where the matching itself is cheap. This one keeps its tables between calls (entries from an
 * earlier call are told apart by an offset, so nothing is cleared), finds matches as zlib's level 9 does (hash
 * chains, lazy evaluation) and writes one final block in whichever of the three forms is smallest: stored, fixed
 * Huffman codes or dynamic ones. The output is a standard zlib stream (header 0x78 0xDA, Adler-32), within a few
 * bytes of zlib's level 9 (compression.test.ts compares both over the EU test set).
 */
import { adler32 } from './compression.ts';
import type { ScratchBuffer } from './scratch.ts';

/** Larger inputs are left to the platform's zlib: one block, one pass of symbols held in memory. */
export const SMALL_DEFLATE_MAX_INPUT = 16 * 1024;

const MIN_MATCH = 3;
const MAX_MATCH = 258;
const MAX_CHAIN = 4096;
// zlib as Node builds it (Chromium's zlib) hashes four bytes, so it never takes a three-byte match: one rarely pays
// for its length and distance codes in a small input. Taking them made the EU test set's streams 0.4% larger.
const SHORTEST = 4;
const GOOD_LENGTH = 32;
const HASH_BITS = 12;

// head[hash] and prev[position] hold positions plus `base`, the offset of the current call: an entry below it comes
// from an earlier call and ends a chain, so the tables are never cleared.
const head = new Int32Array(1 << HASH_BITS);
const prev = new Int32Array(SMALL_DEFLATE_MAX_INPUT);
let base = 0;

// The LZ77 symbols of one call: a literal byte, or a match as (length - 3) | (distance - 1) << 8 | MATCH_FLAG.
const symbols = new Int32Array(SMALL_DEFLATE_MAX_INPUT);
const MATCH_FLAG = 1 << 30;
const litFreq = new Int32Array(286);
const distFreq = new Int32Array(30);

/** The deflate length symbol (257–285) of a match length (3–258), and its extra bits. */
function lengthSymbol(length: number): number {
  const l = length - MIN_MATCH;
  if (l < 8) return 257 + l;
  if (length === MAX_MATCH) return 285;
  const bits = 31 - Math.clz32(l);
  return 257 + 4 * (bits - 1) + ((l >> (bits - 2)) & 3);
}

function lengthExtraBits(symbol: number): number {
  return symbol < 265 || symbol === 285 ? 0 : ((symbol - 261) >> 2) | 0;
}

const LENGTH_BASE = new Int32Array(29);
const DIST_BASE = new Int32Array(30);
for (let length = MAX_MATCH; length >= MIN_MATCH; length--) LENGTH_BASE[lengthSymbol(length) - 257] = length;

/** The deflate distance symbol (0–29) of a distance minus one. */
function distanceSymbol(d: number): number {
  if (d < 4) return d;
  const bits = 31 - Math.clz32(d);
  return 2 * bits + ((d >> (bits - 1)) & 1);
}

function distanceExtraBits(symbol: number): number {
  return symbol < 4 ? 0 : (symbol >> 1) - 1;
}

for (let d = 32767; d >= 0; d--) DIST_BASE[distanceSymbol(d)] = d;

const FIXED_LIT_LENGTHS = new Uint8Array(288);
FIXED_LIT_LENGTHS.fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280, 288);
const FIXED_DIST_LENGTHS = new Uint8Array(30).fill(5);
const FIXED_LIT_CODES = canonicalCodes(FIXED_LIT_LENGTHS, 288);
const FIXED_DIST_CODES = canonicalCodes(FIXED_DIST_LENGTHS, 30);

// The order in which the code-length code's lengths are sent (RFC 1951 3.2.7).
const CL_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/** A hash of the four bytes at i (the shortest match taken), multiplicative over their little-endian word. */
function hashAt(bytes: Uint8Array, i: number): number {
  const word = (bytes[i] ?? 0) | ((bytes[i + 1] ?? 0) << 8) | ((bytes[i + 2] ?? 0) << 16) | ((bytes[i + 3] ?? 0) << 24);
  return Math.imul(word, 0x9e3779b1) >>> (32 - HASH_BITS);
}

/** Finds matches as zlib's deflate_slow does at level 9 (lazy evaluation, chains of 4096); answers the symbol count. */
function findSymbols(bytes: Uint8Array): number {
  const n = bytes.length;
  if (base > 0x3fff0000) {
    head.fill(0);
    base = 0;
  }
  base += SMALL_DEFLATE_MAX_INPUT + 1;
  const offset = base;
  litFreq.fill(0);
  distFreq.fill(0);
  let count = 0;
  let pending = false;
  let pendingLength = 0;
  let pendingDistance = 0;
  let i = 0;
  while (i < n) {
    let length = 0;
    let distance = 0;
    if (i + SHORTEST <= n) {
      const h = hashAt(bytes, i);
      let candidate = head[h] ?? 0;
      prev[i] = candidate;
      head[h] = i + offset;
      const limit = Math.min(MAX_MATCH, n - i);
      let best = pending ? Math.max(pendingLength, SHORTEST - 1) : SHORTEST - 1;
      if (best < limit) {
        let chain = best >= GOOD_LENGTH ? MAX_CHAIN >> 2 : MAX_CHAIN;
        while (candidate >= offset && chain-- > 0) {
          const p = candidate - offset;
          if (bytes[p + best] === bytes[i + best] && bytes[p] === bytes[i]) {
            let k = 1;
            while (k < limit && bytes[p + k] === bytes[i + k]) k++;
            if (k > best) {
              best = k;
              length = k;
              distance = i - p;
              if (k >= limit) break;
            }
          }
          candidate = prev[p] ?? 0;
        }
      }
    }
    if (pending) {
      if (pendingLength >= SHORTEST && length <= pendingLength) {
        symbols[count++] = (pendingLength - MIN_MATCH) | ((pendingDistance - 1) << 8) | MATCH_FLAG;
        (litFreq[lengthSymbol(pendingLength)] as number)++;
        (distFreq[distanceSymbol(pendingDistance - 1)] as number)++;
        const end = i - 1 + pendingLength;
        const last = Math.min(end, n - SHORTEST + 1);
        for (let k = i + 1; k < last; k++) {
          const h = hashAt(bytes, k);
          prev[k] = head[h] ?? 0;
          head[h] = k + offset;
        }
        i = end;
        pending = false;
        continue;
      }
      const literal = bytes[i - 1] ?? 0;
      symbols[count++] = literal;
      (litFreq[literal] as number)++;
    }
    pending = true;
    pendingLength = length;
    pendingDistance = distance;
    i++;
  }
  if (pending) {
    const literal = bytes[n - 1] ?? 0;
    symbols[count++] = literal;
    (litFreq[literal] as number)++;
  }
  (litFreq[256] as number)++;
  return count;
}

// Scratch for building Huffman code lengths.
const sorted = new Int32Array(288);
const work = new Int32Array(288);
const lengthCounts = new Int32Array(33);
const FREQUENCY_SLOTS = 256;
const frequencySlots = new Int32Array(FREQUENCY_SLOTS + 2);
const bySlot = new Int32Array(288);

/**
 * Optimal code lengths for the frequencies (Moffat and Katajainen's in-place method over the sorted frequencies),
 * limited to maxBits by moving leaves down as miniz does. Like zlib, at least two symbols get a code, so a tree is
 * never a single one-bit code that some inflaters refuse.
 */
export function buildLengths(freq: Int32Array, symbolCount: number, maxBits: number, lengths: Uint8Array): void {
  lengths.fill(0, 0, symbolCount);
  let n = 0;
  let highest = 0;
  for (let s = 0; s < symbolCount; s++) {
    const f = freq[s] ?? 0;
    if (f > 0) {
      sorted[n++] = (f << 9) | s;
      if (f > highest) highest = f;
    }
  }
  if (n < 2) {
    const used = n === 1 ? (sorted[0] ?? 0) & 511 : 0;
    lengths[used] = 1;
    lengths[used === 0 ? 1 : 0] = 1;
    return;
  }
  // By frequency, then symbol: counting when the frequencies are small (a small input's), else a numeric sort.
  const order = sorted.subarray(0, n);
  if (highest < FREQUENCY_SLOTS) {
    frequencySlots.fill(0, 0, highest + 2);
    for (let k = 0; k < n; k++) (frequencySlots[((order[k] ?? 0) >> 9) + 1] as number)++;
    for (let f = 1; f <= highest + 1; f++) frequencySlots[f] = (frequencySlots[f] ?? 0) + (frequencySlots[f - 1] ?? 0);
    for (let k = 0; k < n; k++) {
      const item = order[k] ?? 0;
      bySlot[(frequencySlots[item >> 9] as number)++] = item;
    }
    order.set(bySlot.subarray(0, n));
  } else order.sort();
  for (let k = 0; k < n; k++) work[k] = (order[k] ?? 0) >> 9;
  // Phase 1: internal node weights, with parent pointers replacing consumed entries.
  let root = 0;
  let leaf = 2;
  work[0] = (work[0] ?? 0) + (work[1] ?? 0);
  for (let next = 1; next < n - 1; next++) {
    if (leaf >= n || (work[root] ?? 0) < (work[leaf] ?? 0)) {
      work[next] = work[root] ?? 0;
      work[root++] = next;
    } else work[next] = work[leaf++] ?? 0;
    if (leaf >= n || (root < next && (work[root] ?? 0) < (work[leaf] ?? 0))) {
      work[next] = (work[next] ?? 0) + (work[root] ?? 0);
      work[root++] = next;
    } else work[next] = (work[next] ?? 0) + (work[leaf++] ?? 0);
  }
  // Phase 2: depths of the internal nodes.
  work[n - 2] = 0;
  for (let next = n - 3; next >= 0; next--) work[next] = (work[work[next] ?? 0] ?? 0) + 1;
  // Phase 3: leaf depths, deepest first for the rarest symbols.
  lengthCounts.fill(0);
  let available = 1;
  let used = 0;
  let depth = 0;
  root = n - 2;
  let next = n - 1;
  while (available > 0) {
    while (root >= 0 && work[root] === depth) {
      used++;
      root--;
    }
    while (available > used) {
      work[next--] = depth;
      (lengthCounts[Math.min(depth, 32)] as number)++;
      available--;
    }
    available = 2 * used;
    depth++;
    used = 0;
  }
  if ((work[0] ?? 0) > maxBits) {
    for (let bits = maxBits + 1; bits <= 32; bits++) {
      lengthCounts[maxBits] = (lengthCounts[maxBits] ?? 0) + (lengthCounts[bits] ?? 0);
      lengthCounts[bits] = 0;
    }
    let total = 0;
    for (let bits = maxBits; bits > 0; bits--) total += (lengthCounts[bits] ?? 0) << (maxBits - bits);
    while (total !== 1 << maxBits) {
      (lengthCounts[maxBits] as number)--;
      for (let bits = maxBits - 1; bits > 0; bits--) {
        if ((lengthCounts[bits] ?? 0) > 0) {
          (lengthCounts[bits] as number)--;
          lengthCounts[bits + 1] = (lengthCounts[bits + 1] ?? 0) + 2;
          break;
        }
      }
      total--;
    }
    let k = 0;
    for (let bits = maxBits; bits > 0; bits--) for (let c = lengthCounts[bits] ?? 0; c > 0; c--) work[k++] = bits;
  }
  for (let k = 0; k < n; k++) lengths[(order[k] ?? 0) & 511] = work[k] ?? 0;
}

/** Canonical Huffman codes for the lengths, bit-reversed for deflate's least-significant-bit-first order. */
function canonicalCodes(lengths: Uint8Array, symbolCount: number, codes = new Uint16Array(symbolCount)): Uint16Array {
  const counts = new Uint16Array(16);
  for (let s = 0; s < symbolCount; s++) (counts[lengths[s] ?? 0] as number)++;
  counts[0] = 0;
  const nextCode = new Uint16Array(16);
  let code = 0;
  for (let bits = 1; bits < 16; bits++) {
    code = (code + (counts[bits - 1] ?? 0)) << 1;
    nextCode[bits] = code;
  }
  for (let s = 0; s < symbolCount; s++) {
    const bits = lengths[s] ?? 0;
    if (bits === 0) continue;
    let c = nextCode[bits] ?? 0;
    nextCode[bits] = c + 1;
    let reversed = 0;
    for (let b = 0; b < bits; b++) {
      reversed = (reversed << 1) | (c & 1);
      c >>= 1;
    }
    codes[s] = reversed;
  }
  return codes;
}

const litLengths = new Uint8Array(286);
const distLengths = new Uint8Array(30);
const litCodes = new Uint16Array(286);
const distCodes = new Uint16Array(30);
const clFreq = new Int32Array(19);
const clLengths = new Uint8Array(19);
const clCodes = new Uint16Array(19);
// The run-length coded code lengths: symbol | extra value << 5.
const clItems = new Int32Array(286 + 30);
const allLengths = new Uint8Array(286 + 30);

/** Bits of the symbols coded with these lengths, extra bits included. */
function symbolBits(lit: Uint8Array, dist: Uint8Array): number {
  let bits = 0;
  for (let s = 0; s < 286; s++) {
    const f = litFreq[s] ?? 0;
    if (f > 0) bits += f * ((lit[s] ?? 0) + (s > 256 ? lengthExtraBits(s) : 0));
  }
  for (let s = 0; s < 30; s++) {
    const f = distFreq[s] ?? 0;
    if (f > 0) bits += f * ((dist[s] ?? 0) + distanceExtraBits(s));
  }
  return bits;
}

/** Builds the dynamic trees and their run-length coded header; answers the header's item count. */
interface DynamicPlan {
  items: number;
  hlit: number;
  hdist: number;
  hclen: number;
  headerBits: number;
}

function planDynamic(): DynamicPlan {
  buildLengths(litFreq, 286, 15, litLengths);
  buildLengths(distFreq, 30, 15, distLengths);
  let hlit = 286;
  while (hlit > 257 && litLengths[hlit - 1] === 0) hlit--;
  let hdist = 30;
  while (hdist > 1 && distLengths[hdist - 1] === 0) hdist--;
  allLengths.set(litLengths.subarray(0, hlit), 0);
  allLengths.set(distLengths.subarray(0, hdist), hlit);
  const total = hlit + hdist;
  clFreq.fill(0);
  let items = 0;
  for (let i = 0; i < total; ) {
    const value = allLengths[i] ?? 0;
    let run = 1;
    while (i + run < total && allLengths[i + run] === value) run++;
    i += run;
    if (value === 0) {
      while (run >= 11) {
        const r = Math.min(run, 138);
        clItems[items++] = 18 | ((r - 11) << 5);
        run -= r;
      }
      if (run >= 3) {
        clItems[items++] = 17 | ((run - 3) << 5);
        run = 0;
      }
    } else {
      clItems[items++] = value;
      run--;
      while (run >= 3) {
        const r = Math.min(run, 6);
        clItems[items++] = 16 | ((r - 3) << 5);
        run -= r;
      }
    }
    for (; run > 0; run--) clItems[items++] = value;
  }
  for (let k = 0; k < items; k++) (clFreq[(clItems[k] ?? 0) & 31] as number)++;
  buildLengths(clFreq, 19, 7, clLengths);
  let hclen = 19;
  while (hclen > 4 && clLengths[CL_ORDER[hclen - 1] ?? 0] === 0) hclen--;
  let headerBits = 5 + 5 + 4 + 3 * hclen;
  for (let s = 0; s < 19; s++) headerBits += (clFreq[s] ?? 0) * (clLengths[s] ?? 0);
  headerBits += 2 * (clFreq[16] ?? 0) + 3 * (clFreq[17] ?? 0) + 7 * (clFreq[18] ?? 0);
  return { items, hlit, hdist, hclen, headerBits };
}

class BitWriter {
  readonly out: Uint8Array;
  at: number;
  private buffer = 0;
  private count = 0;
  constructor(out: Uint8Array, at: number) {
    this.out = out;
    this.at = at;
  }
  put(value: number, bits: number): void {
    this.buffer |= value << this.count;
    this.count += bits;
    while (this.count >= 8) {
      this.out[this.at++] = this.buffer & 0xff;
      this.buffer >>>= 8;
      this.count -= 8;
    }
  }
  flush(): void {
    if (this.count > 0) this.out[this.at++] = this.buffer & 0xff;
    this.buffer = 0;
    this.count = 0;
  }
}

function writeSymbols(w: BitWriter, count: number, lc: Uint16Array, ll: Uint8Array, dc: Uint16Array, dl: Uint8Array) {
  for (let k = 0; k < count; k++) {
    const item = symbols[k] ?? 0;
    if ((item & MATCH_FLAG) === 0) {
      w.put(lc[item] ?? 0, ll[item] ?? 0);
      continue;
    }
    const length = (item & 0xff) + MIN_MATCH;
    const d = (item >> 8) & 0x7fff;
    const ls = lengthSymbol(length);
    w.put(lc[ls] ?? 0, ll[ls] ?? 0);
    const le = lengthExtraBits(ls);
    if (le > 0) w.put(length - (LENGTH_BASE[ls - 257] ?? 0), le);
    const ds = distanceSymbol(d);
    w.put(dc[ds] ?? 0, dl[ds] ?? 0);
    const de = distanceExtraBits(ds);
    if (de > 0) w.put(d - (DIST_BASE[ds] ?? 0), de);
  }
  w.put(lc[256] ?? 0, ll[256] ?? 0);
}

/**
 * Compresses bytes (at most SMALL_DEFLATE_MAX_INPUT) into a zlib stream: header 0x78 0xDA (deflate, 32 KiB window,
 * maximum compression, as zlib's level 9 writes it), one final deflate block, Adler-32. Given `into`, the result is
 * a view of it (scratch.ts).
 */
export function deflateSmall(bytes: Uint8Array, into?: ScratchBuffer): Uint8Array {
  const n = bytes.length;
  if (n > SMALL_DEFLATE_MAX_INPUT) throw new RangeError(`deflateSmall: ${n} bytes exceed ${SMALL_DEFLATE_MAX_INPUT}`);
  const count = findSymbols(bytes);
  // A stored block: 3 header bits padded to a byte, LEN and NLEN, the bytes.
  const storedBytes = 5 + n;
  const fixedBytes = Math.ceil((3 + symbolBits(FIXED_LIT_LENGTHS, FIXED_DIST_LENGTHS)) / 8);
  const plan = planDynamic();
  const dynamicBytes = Math.ceil((3 + plan.headerBits + symbolBits(litLengths, distLengths)) / 8);
  const huffmanBytes = Math.min(fixedBytes, dynamicBytes);
  const size = 2 + Math.min(storedBytes, huffmanBytes) + 4;
  const out = into ? into.take(size) : new Uint8Array(size);
  out[0] = 0x78;
  out[1] = 0xda;
  const w = new BitWriter(out, 2);
  if (storedBytes <= huffmanBytes) {
    w.put(1, 3);
    w.flush();
    out[w.at++] = n & 0xff;
    out[w.at++] = n >> 8;
    out[w.at++] = ~n & 0xff;
    out[w.at++] = (~n >> 8) & 0xff;
    out.set(bytes, w.at);
    w.at += n;
  } else if (fixedBytes <= dynamicBytes) {
    w.put(0b011, 3);
    writeSymbols(w, count, FIXED_LIT_CODES, FIXED_LIT_LENGTHS, FIXED_DIST_CODES, FIXED_DIST_LENGTHS);
    w.flush();
  } else {
    w.put(0b101, 3);
    w.put(plan.hlit - 257, 5);
    w.put(plan.hdist - 1, 5);
    w.put(plan.hclen - 4, 4);
    for (let k = 0; k < plan.hclen; k++) w.put(clLengths[CL_ORDER[k] ?? 0] ?? 0, 3);
    canonicalCodes(clLengths, 19, clCodes);
    for (let k = 0; k < plan.items; k++) {
      const item = clItems[k] ?? 0;
      const symbol = item & 31;
      w.put(clCodes[symbol] ?? 0, clLengths[symbol] ?? 0);
      if (symbol === 16) w.put(item >> 5, 2);
      else if (symbol === 17) w.put(item >> 5, 3);
      else if (symbol === 18) w.put(item >> 5, 7);
    }
    canonicalCodes(litLengths, 286, litCodes);
    canonicalCodes(distLengths, 30, distCodes);
    writeSymbols(w, count, litCodes, litLengths, distCodes, distLengths);
    w.flush();
  }
  const checksum = adler32(bytes);
  out[w.at] = checksum >>> 24;
  out[w.at + 1] = (checksum >>> 16) & 0xff;
  out[w.at + 2] = (checksum >>> 8) & 0xff;
  out[w.at + 3] = checksum & 0xff;
  return out.subarray(0, w.at + 4);
}
