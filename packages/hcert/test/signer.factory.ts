// Test signer certificates made on the fly with @peculiar/x509 (which needs a Reflect metadata polyfill).
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { toPem } from '../src/bytes.ts';
import { importSigningKey, type SigningKey } from '../src/index.ts';

x509.cryptoProvider.set(globalThis.crypto);

export interface TestSigner {
  certificatePem: string;
  privateKeyPem: string;
  signingKey: SigningKey;
}

export interface SignerOptions {
  extendedKeyUsage?: string[];
  notBefore?: Date;
  notAfter?: Date;
}

/** A self-signed document signer: P-256 for ES256, RSA 2048 for PS256. */
export async function buildSigner(algorithm: 'ES256' | 'PS256', options: SignerOptions = {}): Promise<TestSigner> {
  const subtle = globalThis.crypto.subtle;
  const params =
    algorithm === 'ES256'
      ? { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' }
      : { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };
  const keys = await subtle.generateKey(params, true, ['sign', 'verify']);
  const extensions = options.extendedKeyUsage
    ? [new x509.ExtendedKeyUsageExtension(options.extendedKeyUsage, false)]
    : [];
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=Homeward Test DSC, C=FR',
    notBefore: options.notBefore ?? new Date('2021-01-01T00:00:00Z'),
    notAfter: options.notAfter ?? new Date('2031-01-01T00:00:00Z'),
    signingAlgorithm: params,
    keys,
    extensions,
  });
  const pkcs8 = new Uint8Array(await subtle.exportKey('pkcs8', keys.privateKey));
  const privateKeyPem = toPem(pkcs8, 'PRIVATE KEY');
  return {
    certificatePem: certificate.toString('pem'),
    privateKeyPem,
    signingKey: await importSigningKey(privateKeyPem),
  };
}
