import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeBase45, encodeBase45 } from '../src/base45.ts';
import { deflateZlib, inflateZlib } from '../src/compression.ts';
import {
  buildTrustList,
  decodeHcert,
  hcertFormat,
  issueHcert,
  type JsonValue,
  registerFormat,
  verifyHcert,
  verifyScanned,
} from '../src/index.ts';
import { buildSigner } from './signer.factory.ts';

// A schema-valid 1.3.0 vaccination payload from the EU test set.
const fixture = JSON.parse(readFileSync(new URL('./fixtures/dcc/UA/2DCode/raw/1.json', import.meta.url), 'utf8'));
const payload: JsonValue = fixture.JSON;
const issuedAt = new Date('2022-01-01T00:00:00Z');
const expiresAt = new Date('2022-06-01T00:00:00Z');
const at = new Date('2022-02-01T00:00:00Z');

/** Re-signs nothing: decodes the COSE bytes of an HC1 text, lets the test alter them, and re-wraps them. */
function alterCose(text: string, change: (cose: Uint8Array) => Uint8Array): string {
  const cose = inflateZlib(decodeBase45(text.slice(4)));
  return `HC1:${encodeBase45(deflateZlib(change(cose)))}`;
}

describe.each(['ES256', 'PS256'] as const)('issue → verify with %s', (algorithm) => {
  it('accepts what it issued, with the trust list holding the signer', async () => {
    const signer = await buildSigner(algorithm);
    const text = await issueHcert(payload, {
      signingKey: signer.signingKey,
      signerCertificate: signer.certificatePem,
      issuer: 'UA',
      issuedAt,
      expiresAt,
    });
    expect(text.startsWith('HC1:')).toBe(true);
    const verdict = await verifyHcert(text, { trustList: await buildTrustList([signer.certificatePem]), at });
    expect(verdict).toMatchObject({ ok: true, algorithm, issuer: 'UA', certificateType: 'v', schemaVersion: '1.3.0' });
    expect(verdict.ok && verdict.payload).toEqual(payload);
  });

  it('refuses a signer it does not trust, a flipped signature bit and a truncated signature', async () => {
    const signer = await buildSigner(algorithm);
    const other = await buildSigner(algorithm);
    const text = await issueHcert(payload, {
      signingKey: signer.signingKey,
      signerCertificate: signer.certificatePem,
      issuedAt,
      expiresAt,
    });
    const trustList = await buildTrustList([signer.certificatePem]);
    expect(await verifyHcert(text, { trustList: await buildTrustList([other.certificatePem]), at })).toMatchObject({
      ok: false,
      code: 'unknown-kid',
    });
    const flipped = alterCose(text, (cose) => {
      const copy = cose.slice();
      copy[copy.length - 1] = (copy[copy.length - 1] ?? 0) ^ 1;
      return copy;
    });
    expect(await verifyHcert(flipped, { trustList, at })).toMatchObject({ ok: false, code: 'signature' });
    // Drop the signature's last byte and fix its CBOR length header: a well-formed COSE with a short signature.
    const truncated = alterCose(text, (cose) => {
      const length = algorithm === 'ES256' ? 64 : 256;
      const head = cose.length - length;
      const copy = new Uint8Array([
        ...cose.slice(0, head - (algorithm === 'ES256' ? 2 : 3)),
        ...(algorithm === 'ES256' ? [0x58, 63] : [0x59, 0, 255]),
        ...cose.slice(head, cose.length - 1),
      ]);
      return copy;
    });
    expect(await verifyHcert(truncated, { trustList, at })).toMatchObject({ ok: false, code: 'signature' });
  });
});

describe('verification rules', () => {
  it('honours the validity window of the certificate and of its signer', async () => {
    const signer = await buildSigner('ES256', { notAfter: new Date('2022-03-01T00:00:00Z') });
    const trustList = await buildTrustList([signer.certificatePem]);
    const text = await issueHcert(payload, {
      signingKey: signer.signingKey,
      signerCertificate: signer.certificatePem,
      issuedAt,
      expiresAt: new Date('2022-02-15T00:00:00Z'),
    });
    expect(await verifyHcert(text, { trustList, at })).toMatchObject({ ok: true });
    expect(await verifyHcert(text, { trustList, at: new Date('2021-12-31T00:00:00Z') })).toMatchObject({
      ok: false,
      code: 'not-yet-valid',
    });
    expect(await verifyHcert(text, { trustList, at: new Date('2022-02-16T00:00:00Z') })).toMatchObject({
      ok: false,
      code: 'expired',
    });
    const outliving = await issueHcert(payload, {
      signingKey: signer.signingKey,
      signerCertificate: signer.certificatePem,
      issuedAt,
      expiresAt,
    });
    expect(await verifyHcert(outliving, { trustList, at })).toMatchObject({ ok: false, code: 'certificate' });
  });

  it('lets an extended key usage restrict the certificate types a signer may sign', async () => {
    const testOnly = await buildSigner('ES256', { extendedKeyUsage: ['1.3.6.1.4.1.1847.2021.1.1'] });
    const vaccination = await buildSigner('ES256', { extendedKeyUsage: ['1.3.6.1.4.1.0.1847.2021.1.2'] });
    const unrelated = await buildSigner('ES256', { extendedKeyUsage: ['1.3.6.1.5.5.7.3.1'] });
    for (const [signer, ok] of [
      [testOnly, false],
      [vaccination, true],
      [unrelated, true],
    ] as const) {
      const text = await issueHcert(payload, {
        signingKey: signer.signingKey,
        signerCertificate: signer.certificatePem,
        issuedAt,
        expiresAt,
      });
      const verdict = await verifyHcert(text, { trustList: await buildTrustList([signer.certificatePem]), at });
      expect(verdict.ok ? true : verdict.code).toBe(ok ? true : 'key-usage');
    }
  });

  it('refuses a payload its schema refuses', async () => {
    const signer = await buildSigner('ES256');
    const broken = { ...(fixture.JSON as Record<string, JsonValue>), dob: 'yesterday' };
    const text = await issueHcert(broken, {
      signingKey: signer.signingKey,
      signerCertificate: signer.certificatePem,
      issuedAt,
      expiresAt,
    });
    const verdict = await verifyHcert(text, { trustList: await buildTrustList([signer.certificatePem]), at });
    expect(verdict).toMatchObject({ ok: false, code: 'schema' });
  });

  it('decodes without a trust list and routes scanned text through the format registry', async () => {
    const signer = await buildSigner('ES256');
    const text = await issueHcert(payload, {
      signingKey: signer.signingKey,
      signerCertificate: signer.certificatePem,
      issuedAt,
      expiresAt,
    });
    const decoded = decodeHcert(text);
    expect(decoded.ok && decoded.value.claims.payload).toEqual(payload);
    const formats = [registerFormat(hcertFormat(), await buildTrustList([signer.certificatePem]))];
    expect(await verifyScanned(text, formats, { at })).toMatchObject({ format: 'eu-dcc', valid: true });
    expect(await verifyScanned('NL2:xyz', formats, { at })).toMatchObject({ format: 'unknown', valid: false });
  });
});
