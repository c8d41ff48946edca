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

/** The content of a CSCA hand-over statement: a JWS signed by `previous` (its x5c) naming the CSCA that follows. */
export interface CscaHandover {
  format: 'homeward-csca-handover/1';
  /** Base64 DER of the CSCA that signed the statement and is being replaced. */
  previous: string;
  /** Base64 DER of the CSCA that replaces it. */
  next: string;
  issuedAt: string;
}

export const CSCA_HANDOVER_FORMAT = 'homeward-csca-handover/1';

function readHandover(content: unknown): CscaHandover | null {
  if (typeof content !== 'object' || content === null) return null;
  const { format, previous, next, issuedAt } = content as Record<string, unknown>;
  if (format !== CSCA_HANDOVER_FORMAT || typeof previous !== 'string' || typeof next !== 'string') return null;
  return { format, previous, next, issuedAt: typeof issuedAt === 'string' ? issuedAt : '' };
}

/**
 * Follows CSCA hand-over statements from the certificate a device pinned to `target`, the CSCA that signed a new
 * list. Each step must be a JWS signed by the CSCA reached so far (checked as verifySignedList checks a list,
 * pinned to it) whose content names that CSCA as `previous`; its `next` is the next step. Statements that do not
 * fit are skipped, so an attacker's extra statement (signed by an unknown key) changes nothing.
 * @returns true when a chain of valid statements leads from `pinned` to `target`
 */
export async function followCscaHandovers(
  handovers: readonly unknown[],
  pinned: string,
  target: string,
  options: { backend?: HcertBackend } = {},
): Promise<boolean> {
  let current = fromBase64(pinned);
  const goal = fromBase64(target);
  // Each step uses a statement at most once, so the walk ends after handovers.length steps even in a cycle.
  const unused = new Set(handovers.filter((jws): jws is string => typeof jws === 'string'));
  while (!bytesEqual(current, goal)) {
    let moved = false;
    for (const jws of unused) {
      try {
        const { content } = await verifySignedList(jws, { pinned: toBase64(current), ...options });
        const handover = readHandover(content);
        if (!handover || !bytesEqual(fromBase64(handover.previous), current)) continue;
        current = fromBase64(handover.next);
        unused.delete(jws);
        moved = true;
        break;
      } catch {
        // not signed by the CSCA reached so far: not a step from here
      }
    }
    if (!moved) return false;
  }
  return true;
}
