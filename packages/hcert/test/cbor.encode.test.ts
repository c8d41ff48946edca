import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeCbor } from '../src/cbor.encode.ts';
import { decodeCbor } from '../src/cbor.ts';

/** A text string as RFC 8949 writes it: the shortest head for its UTF-8 length, then the bytes. */
function referenceText(text: string): Uint8Array {
  const utf8 = new TextEncoder().encode(text);
  const n = utf8.length;
  const head =
    n < 24 ? [0x60 | n] : n < 0x100 ? [0x78, n] : n < 0x10000 ? [0x79, n >> 8, n & 0xff] : [0x7a, 0, n >> 16, 0, 0];
  return new Uint8Array([...head, ...utf8]);
}

describe('the CBOR encoder', () => {
  it('writes text strings of every length and script with the shortest head, as TextEncoder reads them', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.string({ unit: 'grapheme', maxLength: 300 }),
          fc.constantFrom('', 'a'.repeat(23), 'b'.repeat(24), 'c'.repeat(255), 'd'.repeat(256), 'Ткаченко', '王芳'),
          fc.tuple(fc.string({ maxLength: 260 }), fc.constantFrom('é', '王', '😀')).map(([a, b]) => a + b),
        ),
        (text) => {
          expect(encodeCbor(text)).toEqual(referenceText(text));
          expect(decodeCbor(encodeCbor({ text }))).toEqual(new Map([['text', text]]));
        },
      ),
      { numRuns: 500 },
    );
  });
});
