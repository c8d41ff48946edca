import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildTrustList,
  deflateZlib,
  type HcertBackend,
  HcertError,
  issueHcert,
  type JsonValue,
  verifyHcert,
  webBackend,
} from '../src/index.ts';
import { importNodeSigningKey, nodeBackend } from '../src/node.ts';
import { buildSigner } from './signer.factory.ts';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/dcc/UA/2DCode/raw/1.json', import.meta.url), 'utf8'));
const payload: JsonValue = fixture.JSON;
const issuedAt = new Date('2022-01-01T00:00:00Z');
const expiresAt = new Date('2022-06-01T00:00:00Z');
const at = new Date('2022-02-01T00:00:00Z');
const backends: [string, HcertBackend][] = [
  ['web', webBackend],
  ['node', nodeBackend],
];

/** What a backend's inflate answers: the bytes, or the HcertError code it refused with. */
function inflateOutcome(backend: HcertBackend, bytes: Uint8Array, maxBytes = 4096): string {
  try {
    return `ok:${Buffer.from(backend.inflate(bytes, maxBytes)).toString('hex')}`;
  } catch (error) {
    if (!(error instanceof HcertError)) throw error;
    return `refused:${error.code}`;
  }
}

describe.each(['ES256', 'PS256'] as const)('the node backend with %s', (algorithm) => {
  it('issues what both backends accept, and accepts what WebCrypto issued', async () => {
    const signer = await buildSigner(algorithm);
    const trustList = await buildTrustList([signer.certificatePem]);
    const nodeKey = importNodeSigningKey(signer.privateKeyPem);
    expect(nodeKey.algorithm).toBe(algorithm);
    const base = { signerCertificate: signer.certificatePem, issuedAt, expiresAt };
    const byNode = await issueHcert(payload, { ...base, signingKey: nodeKey, backend: nodeBackend });
    const byWeb = await issueHcert(payload, { ...base, signingKey: signer.signingKey });
    for (const text of [byNode, byWeb]) {
      for (const [, backend] of backends) {
        const verdict = await verifyHcert(text, { trustList, at, backend });
        expect(verdict).toMatchObject({ ok: true, algorithm, certificateType: 'v' });
        expect(verdict.ok && verdict.payload).toEqual(payload);
      }
    }
  });

  it('refuses a flipped signature bit and a key of the other kind as WebCrypto does', async () => {
    const signer = await buildSigner(algorithm);
    const other = await buildSigner(algorithm === 'ES256' ? 'PS256' : 'ES256');
    const data = new TextEncoder().encode('Sig_structure');
    const signature = await importNodeSigningKey(signer.privateKeyPem).sign(data);
    const spki = (await buildTrustList([signer.certificatePem])).byKid.values().next().value?.[0]?.spki;
    const otherSpki = (await buildTrustList([other.certificatePem])).byKid.values().next().value?.[0]?.spki;
    if (!spki || !otherSpki) throw new Error('no signer read');
    const flipped = signature.slice();
    flipped[3] = (flipped[3] ?? 0) ^ 1;
    for (const [, backend] of backends) {
      await expect(Promise.resolve(backend.verifySignature(algorithm, spki, data, signature))).resolves.toBeUndefined();
      await expect(
        Promise.resolve().then(() => backend.verifySignature(algorithm, spki, data, flipped)),
      ).rejects.toMatchObject({
        code: 'signature',
      });
      await expect(
        Promise.resolve().then(() => backend.verifySignature(algorithm, spki, data, signature.subarray(1))),
      ).rejects.toMatchObject({ code: 'signature' });
      await expect(
        Promise.resolve().then(() => backend.verifySignature(algorithm, otherSpki, data, signature)),
      ).rejects.toMatchObject({ code: 'algorithm' });
    }
  });
});

describe('the node backend zlib', () => {
  it('deflates to a stream fflate inflates, no larger than fflate level 9', () => {
    const cose = new TextEncoder().encode(JSON.stringify(payload).repeat(3));
    const out = nodeBackend.deflate(cose);
    expect(webBackend.inflate(out, 1 << 16)).toEqual(cose);
    expect(out.length).toBeLessThanOrEqual(deflateZlib(cose).length + 8);
  });

  it('stops a zip bomb at the bound, as fflate does', () => {
    const bomb = deflateZlib(new Uint8Array(4 << 20));
    for (const [, backend] of backends) expect(inflateOutcome(backend, bomb, 256 * 1024)).toBe('refused:too-large');
  });

  it('answers every mangled stream exactly as the fflate inflater does', () => {
    const valid = deflateZlib(new TextEncoder().encode(JSON.stringify(payload)));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 400 }),
          fc.nat({ max: valid.length - 1 }).map((cut) => valid.slice(0, cut)),
          fc.tuple(fc.nat({ max: valid.length - 1 }), fc.integer({ min: 1, max: 255 })).map(([index, mask]) => {
            const copy = valid.slice();
            copy[index] = (copy[index] ?? 0) ^ mask;
            return copy;
          }),
          fc.uint8Array({ minLength: 1, maxLength: 8 }).map((tail) => new Uint8Array([...valid, ...tail])),
        ),
        (bytes) => {
          expect(inflateOutcome(nodeBackend, bytes)).toBe(inflateOutcome(webBackend, bytes));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
