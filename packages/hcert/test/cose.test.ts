import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CborTag } from '../src/cbor.ts';
import { parseCoseSign1, parseOwnedCoseSign1, signCoseSign1, sigStructure } from '../src/cose.ts';
import { HcertError } from '../src/errors.ts';
import { encodeCbor } from '../src/index.ts';

describe('sigStructure', () => {
  it('writes the bytes encodeCbor gives for ["Signature1", protected, h\'\', payload] at every head size', () => {
    for (const length of [0, 1, 23, 24, 255, 256, 65_535, 65_536]) {
      const payload = new Uint8Array(length).fill(7);
      const protectedBytes = Uint8Array.of(0xa2, 0x01, 0x26, 0x04, 0x48, 1, 2, 3, 4, 5, 6, 7, 8);
      expect(sigStructure(protectedBytes, payload)).toEqual(
        encodeCbor(['Signature1', protectedBytes, new Uint8Array(0), payload]),
      );
    }
  });

  it('agrees with encodeCbor for any protected header and payload', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.uint8Array({ maxLength: 600 }), (protectedBytes, payload) => {
        expect(sigStructure(protectedBytes, payload)).toEqual(
          encodeCbor(['Signature1', protectedBytes, new Uint8Array(0), payload]),
        );
      }),
    );
  });
});

describe('signCoseSign1', () => {
  it('writes the bytes encodeCbor gives for 18([protected, {}, payload, signature])', async () => {
    for (const [algorithm, signatureLength] of [
      ['ES256', 64],
      ['PS256', 256],
    ] as const) {
      const signature = new Uint8Array(signatureLength).fill(9);
      const kid = Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8);
      for (const length of [0, 23, 300, 70_000]) {
        const payload = new Uint8Array(length).fill(3);
        const signed = await signCoseSign1(payload, { algorithm, sign: () => signature }, kid);
        const protectedBytes = encodeCbor(
          new Map<number, number | Uint8Array>([
            [1, algorithm === 'ES256' ? -7 : -37],
            [4, kid],
          ]),
        );
        expect(signed).toEqual(encodeCbor(new CborTag(18, [protectedBytes, new Map(), payload, signature])));
      }
    }
  });
});

describe('parseOwnedCoseSign1', () => {
  const outcome = (parse: () => unknown) => {
    try {
      // Views and copies compare alike: toEqual looks at the bytes.
      return parse();
    } catch (error) {
      return error instanceof HcertError ? `${error.code}: ${error.message}` : `not an HcertError: ${String(error)}`;
    }
  };
  const kid = Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8);
  const cose = (payloadLength: number, signatureLength: number, unprotected: Map<number, unknown> = new Map()) =>
    encodeCbor(
      new CborTag(18, [
        encodeCbor(
          new Map<number, number | Uint8Array>([
            [1, -7],
            [4, kid],
          ]),
        ),
        unprotected as never,
        new Uint8Array(payloadLength).fill(5),
        new Uint8Array(signatureLength).fill(6),
      ]),
    );

  it('reads what parseCoseSign1 reads, at every byte-string head size, and reads its parts in place', () => {
    for (const payloadLength of [0, 23, 24, 255, 256, 3000, 70_000]) {
      const bytes = cose(payloadLength, 64);
      const owned = parseOwnedCoseSign1(bytes);
      expect(owned).toEqual(parseCoseSign1(bytes));
      // Heads of up to three bytes (lengths below 65,536) are read in place; longer ones by parseCoseSign1.
      if (payloadLength < 65_536) expect(owned.payload.buffer).toBe(bytes.buffer);
    }
  });

  it('answers what parseCoseSign1 answers for any change, cut or addition to a COSE_Sign1', () => {
    const samples = [cose(300, 64), cose(20, 64), cose(300, 256), cose(10, 64, new Map([[4, kid]]))];
    fc.assert(
      fc.property(
        fc.constantFrom(...samples),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }),
        fc.nat(),
        fc.uint8Array({ maxLength: 2 }),
        (sample, changes, cut, extra) => {
          const changed = sample.slice();
          for (const [at, value] of changes) changed[at % changed.length] = value;
          const cutAt = cut % (changed.length + 1);
          for (const bytes of [changed, changed.slice(0, cutAt), Uint8Array.from([...changed, ...extra])]) {
            expect(outcome(() => parseOwnedCoseSign1(bytes))).toEqual(outcome(() => parseCoseSign1(bytes)));
          }
        },
      ),
      { numRuns: 5000 },
    );
  });
});
