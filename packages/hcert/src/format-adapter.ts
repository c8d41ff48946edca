import { HCERT_PREFIX } from './hcert.decode.ts';
import { type HcertVerdict, verifyHcert } from './hcert.verify.ts';
import type { SchemaSet } from './schema.ts';
import type { TrustList } from './trust-list.ts';

/** What any certificate format reports after a scan, so a verifier page can show one result for all formats. */
export interface FormatVerdict {
  format: string;
  valid: boolean;
  /** Machine-readable failure code when not valid. */
  code?: string;
  reason?: string;
  /** The format's own detailed verdict. */
  detail: unknown;
}

/**
 * A QR certificate format with its own trust store type. Adding a format (say, another country's health pass)
 * means writing one of these and registering it; the scanner and the pages stay as they are.
 */
export interface CertificateFormat<Trust> {
  id: string;
  /** A cheap look at the scanned text (usually its prefix) to pick the format. */
  recognizes(text: string): boolean;
  verify(text: string, trust: Trust, options: { at?: Date }): Promise<FormatVerdict>;
}

/** A format bound to its trust store; the type of the store stays inside. */
export interface RegisteredFormat {
  id: string;
  recognizes(text: string): boolean;
  verify(text: string, options: { at?: Date }): Promise<FormatVerdict>;
}

export function registerFormat<Trust>(format: CertificateFormat<Trust>, trust: Trust): RegisteredFormat {
  return {
    id: format.id,
    recognizes: (text) => format.recognizes(text),
    verify: (text, options) => format.verify(text, trust, options),
  };
}

/** Verifies scanned text with the first registered format that recognizes it. */
export async function verifyScanned(
  text: string,
  formats: readonly RegisteredFormat[],
  options: { at?: Date } = {},
): Promise<FormatVerdict> {
  const format = formats.find((candidate) => candidate.recognizes(text));
  if (!format)
    return {
      format: 'unknown',
      valid: false,
      code: 'format',
      reason: 'no registered format recognizes this code',
      detail: null,
    };
  return format.verify(text, options);
}

/** The EU DCC (HC1) format, trusting a list of document signer certificates. */
export function hcertFormat(schemas?: SchemaSet): CertificateFormat<TrustList> {
  return {
    id: 'eu-dcc',
    recognizes: (text) => text.startsWith(HCERT_PREFIX),
    verify: async (text, trustList, options) => {
      const verdict: HcertVerdict = await verifyHcert(text, {
        trustList,
        ...(options.at ? { at: options.at } : {}),
        ...(schemas ? { schemas } : {}),
      });
      return verdict.ok
        ? { format: 'eu-dcc', valid: true, detail: verdict }
        : { format: 'eu-dcc', valid: false, code: verdict.code, reason: verdict.reason, detail: verdict };
    },
  };
}
