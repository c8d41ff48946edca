import { type HcertBackend, webBackend } from './backend.ts';
import { decodeBase45 } from './base45.ts';
import { fromHex } from './bytes.ts';
import { readSignerCertificate, type SignerCertificate } from './certificate.ts';
import { parseIsoInstant } from './clock.ts';
import { DEFAULT_MAX_INFLATED_BYTES } from './compression.ts';
import { type CoseSign1, parseCoseSign1 } from './cose.ts';
import { type CwtClaims, type JsonValue, readCwt, readDccCbor } from './cwt.ts';
import { toFailure } from './errors.ts';
import { HCERT_PREFIX } from './hcert.decode.ts';

/** One stage of a test file: absent, present (given or derived from the stage before), or unreadable. */
export type Stage<T> = { kind: 'absent' } | { kind: 'value'; value: T } | { kind: 'broken'; reason: string };

const ABSENT = { kind: 'absent' } as const;

function attempt<T>(run: () => T): Stage<T> {
  try {
    return { kind: 'value', value: run() };
  } catch (error) {
    return { kind: 'broken', reason: toFailure(error).reason };
  }
}

async function attemptAsync<T>(run: () => Promise<T>): Promise<Stage<T>> {
  try {
    return { kind: 'value', value: await run() };
  } catch (error) {
    return { kind: 'broken', reason: toFailure(error).reason };
  }
}

/** Uses the file's own field when present, otherwise derives the stage from the previous one. */
function stage<A, T>(given: Stage<T>, previous: Stage<A>, derive: (value: A) => T): Stage<T> {
  if (given.kind !== 'absent') return given;
  if (previous.kind !== 'value') return ABSENT;
  return attempt(() => derive(previous.value));
}

function field(file: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(file, key) ? file[key] : undefined;
}

function textField(file: Record<string, unknown>, key: string): Stage<string> {
  const value = field(file, key);
  if (value === undefined) return ABSENT;
  return typeof value === 'string' ? { kind: 'value', value } : { kind: 'broken', reason: `${key} is not a string` };
}

function hexField(file: Record<string, unknown>, key: string): Stage<Uint8Array> {
  const text = textField(file, key);
  return text.kind === 'value' ? attempt(() => fromHex(text.value)) : text;
}

/** Everything the steps read, each stage from its own field or, failing that, from the stage before it. */
export interface TestFileInputs {
  picture: Stage<string>;
  prefixed: Stage<string>;
  base45Given: Stage<string>;
  base45: Stage<string>;
  compressedGiven: Stage<Uint8Array>;
  compressed: Stage<Uint8Array>;
  coseGiven: Stage<Uint8Array>;
  cose: Stage<Uint8Array>;
  coseParsed: Stage<CoseSign1>;
  /** The DCC payload the CBOR field holds (or, without one, the COSE payload's). */
  payload: Stage<JsonValue>;
  /** The signed CWT claims: from the COSE payload, or failing that from a CBOR field that is a whole CWT. */
  claims: Stage<CwtClaims>;
  json: Stage<JsonValue>;
  signer: Stage<SignerCertificate>;
  clock: Stage<Date>;
}

export async function readTestFileInputs(
  file: Record<string, unknown>,
  backend: HcertBackend = webBackend,
): Promise<TestFileInputs> {
  const context = field(file, 'TESTCTX');
  const ctx: Record<string, unknown> = typeof context === 'object' && context !== null ? { ...context } : {};
  const prefixed = textField(file, 'PREFIX');
  const base45Given = textField(file, 'BASE45');
  const base45 = stage(base45Given, prefixed, (text) => {
    if (!text.startsWith(HCERT_PREFIX)) throw new Error('PREFIX lacks HC1:');
    return text.slice(HCERT_PREFIX.length);
  });
  const compressedGiven = hexField(file, 'COMPRESSED');
  const compressed = stage(compressedGiven, base45, decodeBase45);
  const coseGiven = hexField(file, 'COSE');
  const cose = stage(coseGiven, compressed, (bytes) => backend.inflate(bytes, DEFAULT_MAX_INFLATED_BYTES));
  const coseParsed = cose.kind === 'value' ? attempt(() => parseCoseSign1(cose.value)) : cose;
  const cbor = stage(hexField(file, 'CBOR'), coseParsed, (parsed) => parsed.payload);
  const content = cbor.kind === 'value' ? attempt(() => readDccCbor(cbor.value)) : cbor;
  const payload: Stage<JsonValue> =
    content.kind === 'value' ? { kind: 'value', value: content.value.payload } : content;
  let claims: Stage<CwtClaims> =
    coseParsed.kind === 'value' ? attempt(() => readCwt(coseParsed.value.payload)) : coseParsed;
  if (claims.kind !== 'value' && content.kind === 'value' && content.value.claims)
    claims = { kind: 'value', value: content.value.claims };
  const jsonValue = field(file, 'JSON');
  // The JSON field is already parsed by whoever read the file; JSON.parse(JSON.stringify()) drops non-JSON values.
  const json: Stage<JsonValue> =
    jsonValue === undefined ? ABSENT : attempt(() => JSON.parse(JSON.stringify(jsonValue)));
  const certificate = ctx.CERTIFICATE;
  const signer: Stage<SignerCertificate> =
    typeof certificate === 'string' ? await attemptAsync(() => readSignerCertificate(certificate)) : ABSENT;
  const clockText = ctx.VALIDATIONCLOCK;
  const clock: Stage<Date> = typeof clockText === 'string' ? attempt(() => parseIsoInstant(clockText)) : ABSENT;
  return {
    picture: textField(file, '2DCODE'),
    prefixed,
    base45Given,
    base45,
    compressedGiven,
    compressed,
    coseGiven,
    cose,
    coseParsed,
    payload,
    claims,
    json,
    signer,
    clock,
  };
}
