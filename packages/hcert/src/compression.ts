import { Inflate, zlibSync } from 'fflate';
import { HcertError } from './errors.ts';

/** An HCERT fits a QR code (under 4 KB); 256 KiB inflated leaves room and stops a zip bomb early. */
export const DEFAULT_MAX_INFLATED_BYTES = 256 * 1024;
// Feeding the inflater small slices bounds how much it can produce before we look at the running total.
const SLICE = 512;

export function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < bytes.length; i += 3800) {
    // 3800 keeps b below 2^53 between the modulo reductions.
    const end = Math.min(i + 3800, bytes.length);
    for (let j = i; j < end; j++) {
      a += bytes[j] ?? 0;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** Compresses with zlib (RFC 1950) at the highest level, as the DCC specification asks. */
export function deflateZlib(bytes: Uint8Array): Uint8Array {
  return zlibSync(bytes, { level: 9 });
}

/** Refuses what is not a zlib stream (RFC 1950 header: deflate, window ≤ 32 KiB, check bits, no dictionary). */
export function checkZlibHeader(bytes: Uint8Array): void {
  const cmf = bytes[0];
  const flg = bytes[1];
  if (bytes.length < 6 || cmf === undefined || flg === undefined)
    throw new HcertError('compression', 'zlib: too short');
  if ((cmf & 0x0f) !== 8 || cmf >> 4 > 7 || (cmf * 256 + flg) % 31 !== 0 || flg & 0x20) {
    throw new HcertError('compression', 'zlib: not a zlib stream (bad header)');
  }
}

/**
 * Inflates a zlib stream, refusing anything that is not zlib, is corrupt, fails its Adler-32 check or would grow
 * beyond maxBytes.
 */
export function inflateZlib(bytes: Uint8Array, maxBytes = DEFAULT_MAX_INFLATED_BYTES): Uint8Array {
  checkZlibHeader(bytes);
  const chunks: Uint8Array[] = [];
  let total = 0;
  let finished = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > maxBytes) throw new HcertError('too-large', `zlib: inflates beyond ${maxBytes} bytes`);
    chunks.push(chunk);
    if (final) finished = true;
  });
  const body = bytes.subarray(2, bytes.length - 4);
  try {
    for (let i = 0; i < body.length; i += SLICE) inflater.push(body.subarray(i, i + SLICE), i + SLICE >= body.length);
    if (body.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (error) {
    if (error instanceof HcertError) throw error;
    throw new HcertError('compression', `zlib: corrupt deflate data (${error instanceof Error ? error.message : ''})`);
  }
  if (!finished) throw new HcertError('compression', 'zlib: stream ends early');
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  const trailer = bytes.subarray(bytes.length - 4);
  const expected = new DataView(trailer.buffer, trailer.byteOffset, 4).getUint32(0);
  if (adler32(out) !== expected) throw new HcertError('compression', 'zlib: Adler-32 checksum mismatch');
  return out;
}
