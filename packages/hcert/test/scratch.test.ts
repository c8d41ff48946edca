import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeCbor } from '../src/cbor.encode.ts';
import { CLAIM_EXP, CLAIM_HCERT, CLAIM_IAT, CLAIM_ISS, encodeCwt, encodeCwtView, HCERT_EU_DCC } from '../src/cwt.ts';
import { buildTrustList, issueHcert, type JsonValue, verifyHcert } from '../src/index.ts';
import { importNodeSigningKey, nodeBackend } from '../src/node.ts';
import { ScratchBuffer } from '../src/scratch.ts';
import { buildSigner } from './signer.factory.ts';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/dcc/UA/2DCode/raw/1.json', import.meta.url), 'utf8'));
const issuedAt = new Date('2022-01-01T00:00:00Z');
const expiresAt = new Date('2022-06-01T00:00:00Z');
const at = new Date('2022-02-01T00:00:00Z');

/** The fixture's payload with a UCI of its own, so that every certificate of a run differs. */
function payloadNumber(i: number): JsonValue {
  const payload = structuredClone(fixture.JSON) as { v: { ci: string }[] };
  const entry = payload.v[0];
  if (entry) entry.ci = `URN:UVCI:01:CN:SCRATCH${String(i).padStart(6, '0')}#A`;
  return payload as unknown as JsonValue;
}

const uciOf = (payload: unknown) => (payload as { v: { ci: string }[] }).v[0]?.ci;

describe('ScratchBuffer', () => {
  it('hands views of one buffer, grows to fit, and gives a fresh array beyond its limit', () => {
    const scratch = new ScratchBuffer(16, 256);
    const first = scratch.take(10);
    expect(first.length).toBe(10);
    first.fill(7);
    const again = scratch.take(12);
    expect(again.buffer).toBe(first.buffer);
    expect(again[0]).toBe(7);
    const grown = scratch.take(100);
    expect(grown.length).toBe(100);
    expect(grown.buffer).not.toBe(first.buffer);
    expect(scratch.take(50).buffer).toBe(grown.buffer);
    const large = scratch.take(1000);
    expect(large.length).toBe(1000);
    expect(scratch.take(50).buffer).toBe(grown.buffer);
  });
});

describe('the claims written straight into the issuer’s buffer', () => {
  it('are the bytes encodeCbor gives for the claims map, with or without an issuer', () => {
    fc.assert(
      fc.property(
        fc.option(fc.string({ maxLength: 4 }), { nil: undefined }),
        fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.integer({ min: 0, max: 40 }),
        (issuer, issued, lifetime, i) => {
          const payload = payloadNumber(i);
          const map = new Map<unknown, unknown>();
          if (issuer !== undefined) map.set(CLAIM_ISS, issuer);
          map.set(CLAIM_EXP, issued + lifetime);
          map.set(CLAIM_IAT, issued);
          map.set(CLAIM_HCERT, new Map([[HCERT_EU_DCC, payload]]));
          const claims = {
            ...(issuer === undefined ? {} : { issuer }),
            issuedAt: issued,
            expiresAt: issued + lifetime,
          };
          const expected = encodeCbor(map as never);
          expect(encodeCwt(payload, claims)).toEqual(expected);
          expect(encodeCwtView(payload, claims)).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('answers an array of its own from encodeCwt, untouched by the next call', () => {
    const first = encodeCwt(payloadNumber(1), { issuedAt: 1, expiresAt: 2 });
    const copy = first.slice();
    encodeCwt(payloadNumber(2), { issuer: 'CN', issuedAt: 3, expiresAt: 4 });
    expect(first).toEqual(copy);
  });
});

describe('issuing and verifying many certificates at once', () => {
  it('gives each its own claims when WebCrypto keys (which answer promises) and node:crypto keys interleave', async () => {
    const signer = await buildSigner('ES256');
    const nodeKey = importNodeSigningKey(signer.privateKeyPem);
    const trustList = await buildTrustList([signer.certificatePem]);
    const count = 60;
    const texts = await Promise.all(
      Array.from({ length: count }, (_, i) =>
        issueHcert(payloadNumber(i), {
          // Every third by node:crypto (synchronous), the rest by WebCrypto (a promise per signature).
          signingKey: i % 3 === 0 ? nodeKey : signer.signingKey,
          signerCertificate: signer.certificatePem,
          issuedAt,
          expiresAt,
          ...(i % 2 === 0 ? { backend: nodeBackend } : {}),
        }),
      ),
    );
    // Verified at once too, half through WebCrypto (which awaits its key before it verifies).
    const verdicts = await Promise.all(
      texts.map((text, i) => verifyHcert(text, { trustList, at, ...(i % 2 === 0 ? { backend: nodeBackend } : {}) })),
    );
    verdicts.forEach((verdict, i) => {
      expect(verdict.ok).toBe(true);
      if (verdict.ok) expect(uciOf(verdict.payload)).toBe(uciOf(payloadNumber(i)));
    });
    expect(new Set(texts).size).toBe(count);
  });
});
