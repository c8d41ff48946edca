import { randomFillSync } from 'node:crypto';

// UUIDv7 (RFC 9562) for the hot path: request ids and help-request intake rows (decision 0018). The `uuid`
// package asks the operating system for 16 random bytes per id (crypto.getRandomValues), which cost about 4% of
// the CPU of a request; here random bytes are drawn 4 KiB at a time and each id takes 10 of them. The layout is
// the RFC's: 48 bits of Unix milliseconds, the version, 12 bits that count up within a millisecond (method 1 of
// section 6.2, started at a random value below 2048, so ids of one process sort in the order they were made),
// the variant, and 62 random bits.

const POOL_BYTES = 4096;
const ID_BYTES = 10;
const pool = Buffer.alloc(POOL_BYTES);
let offset = POOL_BYTES;

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

let lastMs = -1;
let counter = 0;

function random(): number {
  if (offset + ID_BYTES > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const start = offset;
  offset += ID_BYTES;
  return start;
}

/** A new UUIDv7, as lowercase text. */
export function fastUuidV7(now: number = Date.now()): string {
  const r = random();
  if (now > lastMs) {
    lastMs = now;
    counter = (byte(r) << 3) | (byte(r + 1) & 0x07); // 11 random bits
  } else if (++counter > 0xfff) {
    // 4,096 ids in one millisecond: borrow the next millisecond rather than repeat or go backwards.
    lastMs++;
    counter = 0;
  }
  const high = Math.floor(lastMs / 0x1000000); // the upper 24 of the 48 bits
  const low = lastMs % 0x1000000;
  return (
    hex(high >>> 16) +
    hex(high >>> 8) +
    hex(high) +
    hex(low >>> 16) +
    '-' +
    hex(low >>> 8) +
    hex(low) +
    '-' +
    hex(0x70 | (counter >>> 8)) +
    hex(counter) +
    '-' +
    hex(0x80 | (byte(r + 2) & 0x3f)) +
    hex(byte(r + 3)) +
    '-' +
    hex(byte(r + 4)) +
    hex(byte(r + 5)) +
    hex(byte(r + 6)) +
    hex(byte(r + 7)) +
    hex(byte(r + 8)) +
    hex(byte(r + 9))
  );
}

function hex(n: number): string {
  return HEX[n & 0xff] as string;
}

function byte(i: number): number {
  return pool[i] as number;
}
