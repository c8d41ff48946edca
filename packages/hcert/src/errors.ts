/**
 * Every way a health certificate can be refused. Callers branch on the code; the message is for people.
 */
export type HcertFailureCode =
  | 'input'
  | 'prefix'
  | 'base45'
  | 'compression'
  | 'too-large'
  | 'cbor'
  | 'cose'
  | 'cwt'
  | 'unknown-kid'
  | 'algorithm'
  | 'signature'
  | 'certificate'
  | 'key-usage'
  | 'not-yet-valid'
  | 'expired'
  | 'schema'
  | 'revoked'
  | 'internal';

/** Thrown inside the codec; public entry points turn it into a typed failure and never let it escape. */
export class HcertError extends Error {
  readonly code: HcertFailureCode;
  constructor(code: HcertFailureCode, message: string) {
    super(message);
    this.name = 'HcertError';
    this.code = code;
  }
}

export interface HcertFailure {
  ok: false;
  code: HcertFailureCode;
  reason: string;
}

/** Maps anything caught to a failure: a bug in a dependency must still come out as a reason, not a crash. */
export function toFailure(error: unknown): HcertFailure {
  if (error instanceof HcertError) return { ok: false, code: error.code, reason: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, code: 'internal', reason: `unexpected: ${message}` };
}
