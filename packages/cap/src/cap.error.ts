/**
 * Stable error codes. Callers (the server, the CLI, partner tools) branch on these, so they only ever grow.
 * - `input-too-large`, `timeout`, `too-deep`: resource bounds were hit before a verdict.
 * - `encoding`: unknown, unsupported or contradictory character encoding, or bytes invalid in it.
 * - `doctype-forbidden`: a DOCTYPE or entity declaration; refused before parsing so nothing is ever fetched.
 * - `malformed-xml`: not well-formed XML (or namespace errors).
 * - `not-cap`: well-formed XML but not a CAP 1.2 alert, `<alerts>` wrapper or EDXL-DE envelope.
 * - `schema`: breaks the CAP 1.2 XSD (element order, cardinality, enumerations, lexical types).
 * - `rule`: breaks a CAP 1.2 spec rule the XSD cannot express (references, polygons, scope, …).
 * - `invalid-alert`: `emitCap` was given an object that is not a CapAlert.
 */
export type CapErrorCode =
  | 'input-too-large'
  | 'timeout'
  | 'too-deep'
  | 'encoding'
  | 'doctype-forbidden'
  | 'malformed-xml'
  | 'not-cap'
  | 'schema'
  | 'rule'
  | 'invalid-alert';

/** The only error `parseCap` and `emitCap` throw; `message` is one human-readable line. */
export class CapError extends Error {
  readonly code: CapErrorCode;
  /** Where in the alert the problem is, e.g. `alert/info[0]/area[1]/polygon[0]`, when known. */
  readonly path: string | undefined;
  /** 1-based line in the XML input, when known. */
  readonly line: number | undefined;

  constructor(code: CapErrorCode, message: string, where: { path?: string; line?: number } = {}) {
    const at = [where.path, where.line === undefined ? undefined : `line ${where.line}`].filter(Boolean).join(', ');
    // One line always: the CLI prints the message as is, and partner tools grep it.
    super((at ? `${message} (${at})` : message).replace(/[\r\n]+/g, ' '));
    this.name = 'CapError';
    this.code = code;
    this.path = where.path;
    this.line = where.line;
  }
}

export function isCapError(e: unknown): e is CapError {
  return e instanceof CapError;
}
