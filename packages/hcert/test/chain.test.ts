import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { describe, expect, it } from 'vitest';
import { toBase64 } from '../src/bytes.ts';
import { isIssuedBy, readVerifierLists } from '../src/index.ts';
import { nodeBackend } from '../src/node.ts';

x509.cryptoProvider.set(globalThis.crypto);

const EC = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const validity = { notBefore: new Date('2026-01-01T00:00:00Z'), notAfter: new Date('2030-01-01T00:00:00Z') };

async function ca(name: string) {
  const keys = await globalThis.crypto.subtle.generateKey(EC, true, ['sign', 'verify']);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name,
    ...validity,
    signingAlgorithm: EC,
    keys,
    extensions: [new x509.BasicConstraintsExtension(true, 0, true)],
  });
  return { keys, certificate };
}

async function issuedBy(issuer: Awaited<ReturnType<typeof ca>>, subject = 'CN=Homeward DSC, C=CN') {
  const keys = await globalThis.crypto.subtle.generateKey(EC, true, ['sign', 'verify']);
  return x509.X509CertificateGenerator.create({
    serialNumber: '02',
    subject,
    issuer: issuer.certificate.subject,
    ...validity,
    signingAlgorithm: EC,
    publicKey: keys.publicKey,
    signingKey: issuer.keys.privateKey,
  });
}

const der = (certificate: x509.X509Certificate) => new Uint8Array(certificate.rawData);

describe('a document signer issued by the country signing CA', () => {
  it('is recognised on both backends, and nothing else is', async () => {
    const csca = await ca('CN=Homeward CSCA, C=CN');
    const impostor = await ca('CN=Homeward CSCA, C=CN'); // same name, another key
    const dsc = await issuedBy(csca);
    for (const backend of [undefined, nodeBackend]) {
      expect(await isIssuedBy(der(dsc), der(csca.certificate), backend)).toBe(true);
      expect(await isIssuedBy(der(dsc), der(impostor.certificate), backend)).toBe(false);
      expect(await isIssuedBy(der(csca.certificate), der(dsc), backend)).toBe(false);
    }
    // A CA of another name never matches, even before the signature is checked.
    expect(await isIssuedBy(der(await issuedBy(await ca('CN=Other CSCA, C=FR'))), der(csca.certificate))).toBe(false);
    // One flipped bit in the signed part breaks the signature.
    const tampered = der(dsc).slice();
    tampered[40] = (tampered[40] as number) ^ 1;
    expect(await isIssuedBy(tampered, der(csca.certificate))).toBe(false);
    expect(await isIssuedBy(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00]), der(csca.certificate))).toBe(false);
  });

  it('keeps only chained signers in a trust list read with requireChain', async () => {
    const csca = await ca('CN=Homeward CSCA, C=CN');
    const chained = await issuedBy(csca, 'CN=Chained DSC, C=CN');
    const stray = await issuedBy(await ca('CN=Homeward CSCA, C=CN'), 'CN=Stray DSC, C=CN');
    const entry = async (certificate: x509.X509Certificate, certificateType: 'CSCA' | 'DSC') => ({
      kid: toBase64(new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', certificate.rawData)).slice(0, 8)),
      country: 'CN',
      certificateType,
      certificate: toBase64(der(certificate)),
    });
    const trust = {
      certificates: [await entry(csca.certificate, 'CSCA'), await entry(chained, 'DSC'), await entry(stray, 'DSC')],
    };
    const revocation = { hashType: 'UCI', hashes: [] };
    const loose = await readVerifierLists(trust, revocation);
    const strict = await readVerifierLists(trust, revocation, { requireChain: true });
    expect(loose.trustList.byKid.size).toBe(2);
    expect([...strict.trustList.byKid.keys()]).toEqual([trust.certificates[1]?.kid]);
  });
});
