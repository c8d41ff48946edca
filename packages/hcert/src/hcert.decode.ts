import { type HcertBackend, webBackend } from './backend.ts';
import { decodeBase45From } from './base45.ts';
import { DEFAULT_MAX_INFLATED_BYTES } from './compression.ts';
import { type CoseSign1, parseOwnedCoseSign1 } from './cose.ts';
import { type CwtClaims, readCwt } from './cwt.ts';
import { HcertError, type HcertFailure, toFailure } from './errors.ts';
import { ScratchBuffer } from './scratch.ts';

export const HCERT_PREFIX = 'HC1:';

const base45Scratch = new ScratchBuffer();

export interface DecodeLimits {
  /** A QR code holds at most 4296 alphanumeric characters; longer text is not a scanned HCERT. */
  maxTextLength: number;
  maxInflatedBytes: number;
}

export const DEFAULT_DECODE_LIMITS: DecodeLimits = {
  maxTextLength: 8192,
  maxInflatedBytes: DEFAULT_MAX_INFLATED_BYTES,
};

export interface DecodedHcert {
  cose: CoseSign1;
  claims: CwtClaims;
}

/** Removes the HC1: context identifier; throws HcertError('prefix') when it is missing or another version. */
export function unprefixHcert(text: string): string {
  if (!text.startsWith(HCERT_PREFIX)) {
    const shown = text.slice(0, 4).replace(/[^\x20-\x7e]/g, '?');
    throw new HcertError('prefix', `prefix: expected ${HCERT_PREFIX}, found ${JSON.stringify(shown)}`);
  }
  return text.slice(HCERT_PREFIX.length);
}

/** Decodes HC1 text down to the COSE structure and its claims, without checking the signature. Throws HcertError. */
export function decodeHcertText(
  text: string,
  limits: DecodeLimits = DEFAULT_DECODE_LIMITS,
  backend: HcertBackend = webBackend,
): DecodedHcert {
  // Scanners often end the text with a line break; Base45 has no use for one.
  // (A loop, not a /[\r\n]+$/ replace: that regular expression tries every position of the text.)
  let end = text.length;
  while (end > 0 && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
  const trimmed = end === text.length ? text : text.slice(0, end);
  if (trimmed.length > limits.maxTextLength) {
    throw new HcertError('too-large', `input: ${trimmed.length} characters exceed ${limits.maxTextLength}`);
  }
  // Base45 from after the prefix, without slicing it off (a sliced string is slower to read).
  if (!trimmed.startsWith(HCERT_PREFIX)) unprefixHcert(trimmed);
  // Into a kept buffer: the backend inflates it into an array of its own before anything else runs.
  const compressed = decodeBase45From(trimmed, HCERT_PREFIX.length, base45Scratch);
  const coseBytes = backend.inflate(compressed, limits.maxInflatedBytes);
  // The inflated bytes are this call's own: the COSE parts may be views into them.
  const cose = parseOwnedCoseSign1(coseBytes);
  return { cose, claims: readCwt(cose.payload) };
}

/** Like decodeHcertText, but returns a typed failure instead of throwing. No signature check. */
export function decodeHcert(
  text: string,
  limits: DecodeLimits = DEFAULT_DECODE_LIMITS,
): { ok: true; value: DecodedHcert } | HcertFailure {
  try {
    if (typeof text !== 'string') throw new HcertError('input', 'input: not a string');
    return { ok: true, value: decodeHcertText(text, limits) };
  } catch (error) {
    return toFailure(error);
  }
}
