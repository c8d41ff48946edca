import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CborTag } from '../src/cbor.ts';
import { signCoseSign1, sigStructure } from '../src/cose.ts';
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
