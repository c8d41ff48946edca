import { constants, deflateRawSync, deflateSync, inflateRawSync, inflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesEqual } from '../src/bytes.ts';
import { adler32, checkZlibHeader } from '../src/compression.ts';
import { deflateSmall } from '../src/deflate.ts';
import { inflateValid } from '../src/inflate.ts';

/** What node:zlib answers for a stream: its bytes, or null when it refuses it. */
function nodeZlib(bytes: Uint8Array, maxBytes: number): Uint8Array | null {
  try {
    const result = inflateSync(bytes, { maxOutputLength: maxBytes, info: true } as never) as unknown as {
      buffer: Buffer;
      engine: { bytesWritten: number };
    };
    return result.engine.bytesWritten === bytes.length ? new Uint8Array(result.buffer) : null;
  } catch {
    return null;
  }
}

/** A zlib stream around raw deflate data, with the header for a window of 2^windowBits. */
function zlibOf(raw: Uint8Array, data: Uint8Array, windowBits: number): Uint8Array {
  const cmf = ((windowBits - 8) << 4) | 8;
  const flg = 31 - ((cmf * 256) % 31);
  const out = new Uint8Array(raw.length + 6);
  out.set([cmf, flg === 31 ? 0 : flg], 0);
  out.set(raw, 2);
  new DataView(out.buffer).setUint32(raw.length + 2, adler32(data));
  return out;
}

const texts = fc.oneof(
  fc.uint8Array({ maxLength: 3000 }),
  fc.string({ maxLength: 2000 }).map((text) => new TextEncoder().encode(text)),
  fc
    .array(fc.constantFrom(...'{"v":[{"ci":"URN:UVCI:01:CN:HW#A","dn":2,"sd":2}],"nam":{"fn":"Wang"}}'), {
      maxLength: 3000,
    })
    .map((chars) => new TextEncoder().encode(chars.join(''))),
);

describe('the strict inflater', () => {
  it('reads back what zlib writes at every level, strategy and window, and what deflateSmall writes', () => {
    fc.assert(
      fc.property(
        texts,
        fc.integer({ min: 0, max: 9 }),
        fc.constantFrom(constants.Z_DEFAULT_STRATEGY, constants.Z_FIXED, constants.Z_HUFFMAN_ONLY, constants.Z_RLE),
        fc.integer({ min: 9, max: 15 }),
        (bytes, level, strategy, windowBits) => {
          const raw = deflateRawSync(bytes, { level, strategy, windowBits });
          expect(inflateValid(zlibOf(raw, bytes, windowBits), 1 << 20)).toEqual(bytes);
          expect(inflateValid(deflateSync(bytes, { level }), 1 << 20)).toEqual(bytes);
          expect(inflateValid(deflateSmall(bytes), 1 << 20)).toEqual(bytes);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never accepts what node:zlib refuses, nor answers other bytes: mangled, cut and padded streams', () => {
    const valid = [
      deflateSync(
        new TextEncoder().encode(JSON.stringify({ nam: { fn: 'Wang', gn: 'Fang' }, ver: '1.3.0' }).repeat(4)),
      ),
      deflateSmall(new TextEncoder().encode('URN:UVCI:01:CN:HWBENCH00000001#A'.repeat(3))),
      deflateSync(
        new Uint8Array(300).map((_, i) => (i * 2654435761) >>> 24),
        { level: 9 },
      ),
      deflateSync(new TextEncoder().encode('a fixed Huffman block'), { strategy: constants.Z_FIXED }),
    ];
    const accepted = { count: 0 };
    fc.assert(
      fc.property(
        fc.constantFrom(...valid),
        fc.oneof(
          fc.record({
            flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 3 }),
          }),
          fc.record({ cut: fc.nat() }),
          fc.record({ tail: fc.uint8Array({ minLength: 1, maxLength: 6 }) }),
        ),
        fc.constantFrom(64, 4096, 1 << 20),
        (stream, change, maxBytes) => {
          let bytes: Uint8Array = stream.slice();
          if ('tail' in change) bytes = new Uint8Array([...stream, ...change.tail]);
          else if ('cut' in change) bytes = stream.slice(0, change.cut % stream.length);
          else {
            for (const [index, mask] of change.flips) {
              // Keep the header valid (the caller checks it first): mangle the deflate data.
              const at = 2 + (index % (stream.length - 6));
              bytes[at] = (bytes[at] ?? 0) ^ mask;
            }
            // When the mangled data still inflate, give them their right Adler-32, so that the two inflaters
            // are compared on a stream both may accept, not only on one that fails its checksum.
            try {
              const raw = inflateRawSync(bytes.subarray(2, bytes.length - 4));
              new DataView(bytes.buffer).setUint32(bytes.length - 4, adler32(raw));
            } catch {
              // refused by node:zlib's raw inflater: the trailer stays as it was
            }
          }
          try {
            checkZlibHeader(bytes);
          } catch {
            return;
          }
          const ours = inflateValid(bytes, maxBytes);
          if (ours !== null) {
            if (!bytesEqual(bytes, stream)) accepted.count++;
            expect(nodeZlib(bytes, maxBytes)).toEqual(ours);
          }
        },
      ),
      { numRuns: 3000 },
    );
    // Some changed streams must have stayed valid, or the comparison above never ran on one.
    expect(accepted.count).toBeGreaterThan(10);
  });

  it('leaves a stream beyond its bound or its buffer to node:zlib', () => {
    const bomb = deflateSync(new Uint8Array(100_000));
    expect(inflateValid(bomb, 256 * 1024)).toBeNull();
    const small = deflateSync(new Uint8Array(5000));
    expect(inflateValid(small, 4096)).toBeNull();
    expect(inflateValid(small, 5000)).toEqual(new Uint8Array(5000));
  });
});
