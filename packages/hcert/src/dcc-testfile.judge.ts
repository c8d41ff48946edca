import { type HcertBackend, webBackend } from './backend.ts';
import { decodeBase45 } from './base45.ts';
import { bytesEqual, fromBase64 } from './bytes.ts';
import { parseIsoInstant } from './clock.ts';
import { DEFAULT_MAX_INFLATED_BYTES } from './compression.ts';
import { coseKid, verifyCoseSign1 } from './cose.ts';
import { encodeCwt, type JsonValue, readCwt } from './cwt.ts';
import { readTestFileInputs, type Stage, type TestFileInputs } from './dcc-testfile.inputs.ts';
import { HcertError, toFailure } from './errors.ts';
import { unprefixHcert } from './hcert.decode.ts';
import { keyUsageAllows } from './key-usage.ts';
import { type SchemaSet, validateDccSchema } from './schema.ts';
import { checkValidityWindow } from './validity.ts';

/** The steps of the EU DCC test files, one per EXPECTED* flag. */
export const TEST_STEPS = [
  'PICTUREDECODE',
  'UNPREFIX',
  'B45DECODE',
  'COMPRESSION',
  'VERIFY',
  'EXPIRATIONCHECK',
  'KEYUSAGE',
  'DECODE',
  'VALIDJSON',
  'SCHEMAVALIDATION',
  'VALIDOBJECT',
  'ENCODE',
] as const;
export type TestStep = (typeof TEST_STEPS)[number];

export interface TestFileVerdict {
  file: string | null;
  /** true: the step passes on the file's inputs; false: it fails; null: the file lacks the step's inputs. */
  steps: Record<TestStep, boolean | null>;
  /** At least one step passed and none failed. */
  valid: boolean;
  /** Why a step failed, or which input it lacked. */
  reasons: Partial<Record<TestStep, string>>;
}

export interface JudgeOptions {
  /** Echoed as `file` in the verdict (the judge itself reads no files). */
  name?: string;
  schemas?: SchemaSet;
  /** Reads the text of a QR code in a PNG; defaults to the pngjs + jsQR reader, loaded only when needed. */
  decodePicture?: (png: Uint8Array) => string | Promise<string>;
  /** zlib and signature checks; defaults to WebCrypto and fflate. */
  backend?: HcertBackend;
}

/** A step returns true or throws: HcertError to fail, MissingInput when it has nothing to judge. */
type StepOutcome = boolean;

function need<T>(input: Stage<T>, name: string): T {
  if (input.kind === 'value') return input.value;
  if (input.kind === 'broken') throw new HcertError('input', `${name}: ${input.reason}`);
  throw new MissingInput(name);
}

class MissingInput extends Error {}

function check(condition: boolean, message: string): void {
  if (!condition) throw new HcertError('input', message);
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** Two date-time texts for the same instant ("…+00:00" and "…Z") are the same value. */
function sameInstant(a: string, b: string): boolean {
  if (!DATE_TIME.test(a) || !DATE_TIME.test(b)) return false;
  try {
    return parseIsoInstant(a).getTime() === parseIsoInstant(b).getTime();
  } catch {
    return false;
  }
}

/** Deep equality of JSON values; numbers by value (CBOR 1.0 equals JSON 1), date-times by instant. */
export function jsonEqual(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (typeof a === 'string' && typeof b === 'string') return sameInstant(a, b);
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, i) => jsonEqual(item, b[i] ?? null))
    );
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.hasOwn(b, key) && jsonEqual(a[key] ?? null, b[key] ?? null));
}

function isPlainObject(value: JsonValue): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * What the early schemas (1.0.x) do not say: one DCC is one certificate, so exactly one group of v, t, r. Later
 * schemas say it with oneOf; several entries in one group (a vaccination history) are allowed.
 */
function checkSingleCertificate(payload: JsonValue): void {
  check(isPlainObject(payload), 'payload is not an object');
  if (!isPlainObject(payload)) return;
  const groups = (['v', 't', 'r'] as const).filter((key) => Object.hasOwn(payload, key));
  check(groups.length === 1, `payload holds ${groups.length} certificate groups, expected one of v, t, r`);
  const entries = payload[groups[0] ?? 'v'];
  check(Array.isArray(entries) && entries.length > 0, 'the certificate group is empty');
}

type StepRunner = (inputs: TestFileInputs, options: JudgeOptions) => Promise<StepOutcome> | StepOutcome;

const STEP_RUNNERS: Record<TestStep, StepRunner> = {
  PICTUREDECODE: async (inputs, options) => {
    const picture = fromBase64(need(inputs.picture, '2DCODE'));
    const read = options.decodePicture ?? (await import('./qr.decode.ts')).decodeQrPng;
    const text = await read(picture);
    if (inputs.prefixed.kind === 'value') check(text === inputs.prefixed.value, 'QR text differs from PREFIX');
    return true;
  },
  UNPREFIX: (inputs) => {
    const base45 = unprefixHcert(need(inputs.prefixed, 'PREFIX'));
    if (inputs.base45Given.kind === 'value')
      check(base45 === inputs.base45Given.value, 'unprefixed text differs from BASE45');
    return true;
  },
  B45DECODE: (inputs) => {
    const bytes = decodeBase45(need(inputs.base45, 'BASE45'));
    if (inputs.compressedGiven.kind === 'value')
      check(bytesEqual(bytes, inputs.compressedGiven.value), 'Base45 decodes to other bytes than COMPRESSED');
    return true;
  },
  COMPRESSION: (inputs, options) => {
    const bytes = (options.backend ?? webBackend).inflate(
      need(inputs.compressed, 'COMPRESSED'),
      DEFAULT_MAX_INFLATED_BYTES,
    );
    if (inputs.coseGiven.kind === 'value')
      check(bytesEqual(bytes, inputs.coseGiven.value), 'inflates to other bytes than COSE');
    return true;
  },
  VERIFY: async (inputs, options) => {
    const cose = need(inputs.coseParsed, 'COSE');
    const signer = need(inputs.signer, 'TESTCTX.CERTIFICATE');
    const kid = coseKid(cose);
    if (!kid) throw new HcertError('unknown-kid', 'no kid in the protected or unprotected header');
    if (!bytesEqual(kid, signer.kid)) throw new HcertError('unknown-kid', 'kid does not match the signer certificate');
    await verifyCoseSign1(cose, signer.spki, options.backend);
    readCwt(cose.payload);
    return true;
  },
  EXPIRATIONCHECK: (inputs) => {
    const claims = need(inputs.claims, 'COSE or CBOR');
    checkValidityWindow(
      claims,
      need(inputs.signer, 'TESTCTX.CERTIFICATE'),
      need(inputs.clock, 'TESTCTX.VALIDATIONCLOCK'),
    );
    return true;
  },
  KEYUSAGE: (inputs) => {
    const signer = need(inputs.signer, 'TESTCTX.CERTIFICATE');
    const payload = inputs.claims.kind === 'value' ? inputs.claims.value.payload : need(inputs.json, 'COSE or JSON');
    if (!keyUsageAllows(signer.extendedKeyUsage, payload))
      throw new HcertError('key-usage', 'the signer may not sign this certificate type');
    return true;
  },
  DECODE: (inputs) => {
    const payload = need(inputs.payload, 'CBOR');
    if (inputs.json.kind === 'value') check(jsonEqual(payload, inputs.json.value), 'decoded payload differs from JSON');
    return true;
  },
  VALIDJSON: (inputs) => {
    const json = need(inputs.json, 'JSON');
    check(isPlainObject(json), 'JSON is not an object');
    if (inputs.payload.kind === 'value')
      check(jsonEqual(json, inputs.payload.value), 'JSON differs from the decoded payload');
    return true;
  },
  SCHEMAVALIDATION: (inputs, options) => {
    const payload = inputs.json.kind !== 'absent' ? need(inputs.json, 'JSON') : need(inputs.payload, 'JSON or CBOR');
    const verdict = validateDccSchema(payload, options.schemas);
    check(verdict.valid, `schema ${verdict.version}: ${verdict.errors.slice(0, 3).join('; ')}`);
    checkSingleCertificate(payload);
    return true;
  },
  VALIDOBJECT: (inputs) => {
    const payload = inputs.json.kind !== 'absent' ? need(inputs.json, 'JSON') : need(inputs.payload, 'JSON or CBOR');
    checkSingleCertificate(payload);
    if (isPlainObject(payload)) {
      check(typeof payload.ver === 'string', 'no version (ver)');
      check(isPlainObject(payload.nam ?? null), 'no name (nam)');
      check(typeof payload.dob === 'string', 'no date of birth (dob)');
    }
    return true;
  },
  ENCODE: (inputs) => {
    const json = need(inputs.json, 'JSON');
    const again = readCwt(encodeCwt(json, { issuedAt: 0, expiresAt: 0 })).payload;
    check(jsonEqual(again, json), 'JSON does not survive a CBOR round trip');
    if (inputs.payload.kind === 'value')
      check(jsonEqual(again, inputs.payload.value), 'encoded payload differs from CBOR');
    return true;
  },
};

/**
 * Judges one EU DCC test file (its parsed JSON): every step on its own inputs, no short-circuit. The signer
 * certificate in TESTCTX.CERTIFICATE is the only trust anchor and TESTCTX.VALIDATIONCLOCK is "now".
 */
export async function judgeTestFile(file: unknown, options: JudgeOptions = {}): Promise<TestFileVerdict> {
  const steps = Object.fromEntries(TEST_STEPS.map((step) => [step, null])) as Record<TestStep, boolean | null>; // filled below
  const reasons: Partial<Record<TestStep, string>> = {};
  const record: Record<string, unknown> =
    typeof file === 'object' && file !== null && !Array.isArray(file) ? { ...file } : {};
  const inputs = await readTestFileInputs(record, options.backend);
  for (const step of TEST_STEPS) {
    try {
      steps[step] = await STEP_RUNNERS[step](inputs, options);
    } catch (error) {
      if (error instanceof MissingInput) {
        reasons[step] = `no input: ${error.message}`;
      } else {
        steps[step] = false;
        reasons[step] = toFailure(error).reason;
      }
    }
  }
  const valid = TEST_STEPS.some((step) => steps[step] === true) && TEST_STEPS.every((step) => steps[step] !== false);
  return { file: options.name ?? null, steps, valid, reasons };
}
