import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeBase45 } from '../src/base45.ts';
import { deflateZlib } from '../src/compression.ts';
import {
  buildTrustList,
  decodeBase45,
  decodeCbor,
  decodeHcert,
  HcertError,
  judgeTestFile,
  verifyHcert,
} from '../src/index.ts';

/** A stranger's input must come back as a typed failure: never a throw, never a hang. */
describe('decoding hostile input', () => {
  it('decodeHcert never throws on random text, with or without the HC1: prefix', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string().map((s) => `HC1:${s}`),
          fc.stringMatching(/^HC1:[0-9A-Z $%*+\-./:]*$/),
        ),
        (text) => {
          const result = decodeHcert(text);
          expect(typeof result.ok).toBe('boolean');
        },
      ),
      { numRuns: 500 },
    );
  });

  it('decodeHcert never throws on random bytes wrapped in valid Base45 and zlib', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        const result = decodeHcert(`HC1:${encodeBase45(deflateZlib(bytes))}`);
        expect(result.ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('decodeCbor and decodeBase45 only ever throw HcertError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.string(), (bytes, text) => {
        for (const run of [() => decodeCbor(bytes), () => decodeBase45(text)]) {
          try {
            run();
          } catch (error) {
            expect(error).toBeInstanceOf(HcertError);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('verifyHcert resolves to a failure for random text', async () => {
    const trustList = await buildTrustList([]);
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 200 }).map((s) => `HC1:${s}`),
        async (text) => {
          expect((await verifyHcert(text, { trustList })).ok).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('judgeTestFile never throws on random JSON', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        const verdict = await judgeTestFile(value);
        expect(Object.keys(verdict.steps)).toHaveLength(12);
      }),
      { numRuns: 200 },
    );
  });

  it('stops a zip bomb at the inflate limit', () => {
    const bomb = deflateZlib(new Uint8Array(20 * 1024 * 1024));
    const result = decodeHcert(`HC1:${encodeBase45(bomb)}`, { maxTextLength: 1_000_000, maxInflatedBytes: 256 * 1024 });
    expect(result).toMatchObject({ ok: false, code: 'too-large' });
  });

  it('refuses CBOR nested deeper than the limit without overflowing the stack', () => {
    const deep = new Uint8Array(100_001).fill(0x81);
    deep[100_000] = 0;
    expect(() => decodeCbor(deep)).toThrow(/nesting deeper/);
    const huge = Uint8Array.of(0x9b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff);
    expect(() => decodeCbor(huge)).toThrow(/exceeds input/);
  });

  it('refuses text longer than any QR code holds', () => {
    expect(decodeHcert(`HC1:${'A'.repeat(20_000)}`)).toMatchObject({ ok: false, code: 'too-large' });
  });
});
