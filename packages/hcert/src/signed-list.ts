import { type HcertBackend, webBackend } from './backend.ts';
import { bytesEqual, fromBase64, toBase64 } from './bytes.ts';
import { readSignerCertificate } from './certificate.ts';
import { HcertError } from './errors.ts';

export interface SignedListContent {
  /** The signed JSON document (Homeward's trust list). */
  content: unknown;
  /** Base64 DER of the CSCA certificate that signed it (from the JWS header's x5c). */
  signerCertificate: string;
}

function fail(message: string): never {
  throw new HcertError('signature', `signed list: ${message}`);
}

function decodeSegment(segment: string | undefined): Uint8Array {
  if (segment === undefined || !/^[A-Za-z0-9_-]*$/.test(segment)) fail('not a compact JWS');
  return fromBase64(segment);
}

function parseJson(bytes: Uint8Array, what: string): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return fail(`${what} is not JSON`);
  }
}

/**
 * Checks a compact JWS (RFC 7515, ES256) such as Homeward's signed trust list and answers its JSON content. The
 * signer is the certificate in the header's `x5c`; when `pinned` (base64 DER) is given it must be that very
 * certificate, so a list signed by anyone else is refused even if it names itself a CSCA.
 * @throws HcertError('signature') for a malformed JWS, another algorithm, another signer or a bad signature
 */
export async function verifySignedList(
  jws: string,
  options: { pinned?: string | null; backend?: HcertBackend } = {},
): Promise<SignedListContent> {
  if (typeof jws !== 'string') fail('not a string');
  const parts = jws.split('.');
  if (parts.length !== 3) fail('not a compact JWS of three parts');
  const [headerText, payloadText, signatureText] = parts;
  const header = parseJson(decodeSegment(headerText), 'the header');
  if (typeof header !== 'object' || header === null || !('alg' in header) || header.alg !== 'ES256') {
    fail('the header does not say alg ES256');
  }
  const x5c = 'x5c' in header && Array.isArray(header.x5c) ? header.x5c[0] : undefined;
  if (typeof x5c !== 'string') fail('the header carries no x5c certificate');
  const certificateDer = fromBase64(x5c);
  if (options.pinned && !bytesEqual(certificateDer, fromBase64(options.pinned))) {
    fail('signed by another certificate than the pinned country signing CA');
  }
  const signer = await readSignerCertificate(certificateDer).catch(() => fail('x5c is not a certificate'));
  const data = new TextEncoder().encode(`${headerText}.${payloadText}`);
  await (options.backend ?? webBackend).verifySignature('ES256', signer.spki, data, decodeSegment(signatureText));
  return { content: parseJson(decodeSegment(payloadText), 'the content'), signerCertificate: toBase64(certificateDer) };
}
