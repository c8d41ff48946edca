import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Encodable, encodeCbor } from '../src/cbor.encode.ts';
import { CborTag } from '../src/cbor.ts';
import { readPlainCwt } from '../src/cwt.plain.ts';
import { type CwtClaims, encodeCwt, type JsonValue, readCwt, readCwtGeneral } from '../src/cwt.ts';
import { HcertError } from '../src/errors.ts';

function general(bytes: Uint8Array): CwtClaims | string {
  try {
    return readCwtGeneral(bytes);
  } catch (error) {
    return error instanceof HcertError ? `${error.code}: ${error.message}` : `not an HcertError: ${String(error)}`;
  }
}

/** Whenever the plain reader answers, the general reader answers the same claims, key order and all. */
function expectAgreement(bytes: Uint8Array): CwtClaims | null {
  const plain = readPlainCwt(bytes);
  if (plain !== null) {
    const reference = general(bytes);
    expect(plain).toStrictEqual(reference);
    expect(JSON.stringify(plain)).toBe(JSON.stringify(reference));
  }
  return plain;
}

const concat = (...parts: (number | Uint8Array)[]) =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === 'number' ? [part] : [...part])));

// Anything CBOR can carry, including what a DCC payload must not hold.
const { value: anyCbor } = fc.letrec<{ value: Encodable }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.string(),
    fc.constantFrom('__proto__', 'constructor', 'toString', '1', '0'),
    fc.integer(),
    fc.double(),
    fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60, -(2 ** 60)),
    fc.bigInt({ min: -(2n ** 64n) + 1n, max: 2n ** 64n - 1n }),
    fc.boolean(),
    fc.constantFrom(null, undefined),
    fc.uint8Array({ maxLength: 8 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 4 }), tie('value'), { maxKeys: 4 }),
    fc
      .array(fc.tuple(fc.oneof(fc.integer({ min: -300, max: 300 }), fc.string({ maxLength: 3 })), tie('value')), {
        maxLength: 4,
      })
      .map((entries) => new Map<Encodable, Encodable>(entries)),
    fc.tuple(fc.constantFrom(0, 1, 18, 61, 1004), tie('value')).map(([tag, inner]) => new CborTag(tag, inner as never)),
  ),
}));

// A claims map shaped like a CWT, each part plain or not.
const cwtLike = fc
  .record(
    {
      iss: fc.oneof(fc.string(), anyCbor),
      iat: fc.oneof(fc.integer({ min: 0, max: 2 ** 32 }), anyCbor),
      exp: fc.oneof(fc.integer({ min: 0, max: 2 ** 32 }), anyCbor),
      payload: fc.oneof(fc.jsonValue() as fc.Arbitrary<Encodable>, anyCbor),
      other: fc.dictionary(fc.integer({ min: -300, max: 300 }).map(String), anyCbor, { maxKeys: 2 }),
    },
    { requiredKeys: ['payload'] },
  )
  .map(({ iss, iat, exp, payload, other }) => {
    const claims = new Map<Encodable, Encodable>();
    if (iss !== undefined) claims.set(1, iss);
    if (exp !== undefined) claims.set(4, exp);
    if (iat !== undefined) claims.set(6, iat);
    for (const [key, value] of Object.entries(other ?? {})) claims.set(Number(key), value);
    claims.set(-260, new Map<Encodable, Encodable>([[1, payload]]));
    return encodeCbor(claims);
  });

describe('the plain CWT reader', () => {
  it('leaves a payload with a __proto__ key to the general reader, which reads it the same way', () => {
    const json = JSON.parse('{"__proto__": false, "a": 1}') as JsonValue;
    const bytes = encodeCwt({ ver: '1.3.0', data: json }, { issuer: 'CN', issuedAt: 0, expiresAt: 86_400 });
    expect(readPlainCwt(bytes)).toBeNull();
    expect(readCwt(bytes)).toStrictEqual(readCwtGeneral(bytes));
  });

  it('reads every JSON payload an issuer writes, as the general reader does', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 2 ** 32 }), (json, iat) => {
        const payload = { ver: '1.3.0', data: json as JsonValue };
        const bytes = encodeCwt(payload, { issuer: 'CN', issuedAt: iat, expiresAt: iat + 86_400 });
        // A `__proto__` key is the one JSON shape the plain reader leaves to the general one, on purpose.
        const agreed = expectAgreement(bytes);
        if (!JSON.stringify(json).includes('"__proto__"')) expect(agreed).not.toBeNull();
        expect(readCwt(bytes)).toStrictEqual(readCwtGeneral(bytes));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads short keys of any script, and more distinct short keys than it keeps, as the general reader does', () => {
    const keys = ['a', 'é', 'ab', '中', 'v', 'ver', 'vér', '\u0000', 'A\u0000', '\u007f\u007f\u007f', 'abcd'];
    const many = Array.from({ length: 5000 }, (_, i) => String.fromCharCode(48 + (i % 75), 48 + ((i / 75) | 0)));
    for (const batch of [keys, many.slice(0, 2500), many.slice(2500), keys]) {
      const payload = Object.fromEntries(batch.map((key, i) => [key, i]));
      const bytes = encodeCwt(payload, { issuedAt: 1, expiresAt: 2 });
      expect(expectAgreement(bytes)?.payload).toStrictEqual(payload);
    }
    fc.assert(
      fc.property(fc.dictionary(fc.string({ unit: 'binary', maxLength: 3 }), fc.integer()), (payload) => {
        expect(expectAgreement(encodeCwt(payload, { issuedAt: 1, expiresAt: 2 }))).not.toBeNull();
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with the general reader on CWTs holding anything CBOR can carry', () => {
    fc.assert(
      fc.property(cwtLike, (bytes) => void expectAgreement(bytes)),
      { numRuns: 3000 },
    );
  });

  it('agrees with the general reader on damaged CWTs: bytes changed, cut or added', () => {
    fc.assert(
      fc.property(
        cwtLike,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 3 }),
        fc.nat(),
        fc.uint8Array({ maxLength: 3 }),
        (bytes, changes, cut, extra) => {
          const changed = bytes.slice();
          for (const [at, value] of changes) changed[at % changed.length] = value;
          expectAgreement(changed);
          expectAgreement(bytes.subarray(0, cut % (bytes.length + 1)));
          expectAgreement(concat(bytes, extra));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('agrees with the general reader on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => void expectAgreement(bytes)),
      {
        numRuns: 3000,
      },
    );
  });

  // hcert: { 1: { <entries> } } around a payload map written by hand.
  const withPayloadMap = (count: number, ...entries: Uint8Array[]) =>
    concat(0xa1, encodeCbor(-260), 0xa1, 0x01, 0xa0 | count, ...entries);
  const text = (value: string) => encodeCbor(value);

  it.each([
    ['a payload key given twice', withPayloadMap(2, text('a'), encodeCbor(1), text('a'), encodeCbor(2)), 'cbor'],
    ['a __proto__ key', withPayloadMap(1, text('__proto__'), encodeCbor({ polluted: true })), null],
    ['a byte string in the payload', withPayloadMap(1, text('a'), Uint8Array.of(0x41, 0x00)), 'cwt'],
    ['a non-text payload key', withPayloadMap(1, encodeCbor(7), text('x')), 'cwt'],
    ['undefined in the payload', withPayloadMap(1, text('a'), Uint8Array.of(0xf7)), 'cwt'],
    ['NaN in the payload', withPayloadMap(1, text('a'), Uint8Array.of(0xf9, 0x7e, 0x00)), 'cwt'],
    ['a claim key given twice', concat(0xa2, 0x04, 0x01, 0x04, 0x02), 'cbor'],
    ['a trailing byte', concat(withPayloadMap(0), 0x00), 'cbor'],
    ['no hcert claim', concat(0xa1, 0x01, text('CN')), 'cwt'],
    ['an issuer that is not text', concat(0xa2, 0x01, 0x05, encodeCbor(-260), 0xa1, 0x01, 0xa0), 'cwt'],
  ])('leaves %s to the general reader', (_name, bytes, code) => {
    expect(readPlainCwt(bytes)).toBeNull();
    const reference = general(bytes);
    if (code === null) expect(typeof reference).toBe('object');
    else expect(reference).toMatch(new RegExp(`^${code}: `));
    expect(general(bytes)).toEqual(
      (() => {
        try {
          return readCwt(bytes);
        } catch (error) {
          return error instanceof HcertError ? `${error.code}: ${error.message}` : String(error);
        }
      })(),
    );
  });

  it('reads tagged times, indefinite maps and an enclosing CWT tag through the general reader', () => {
    const tagged = concat(0xd8, 0x3d, withPayloadMap(1, text('a'), encodeCbor(1)));
    expect(readPlainCwt(tagged)).toBeNull();
    expect(readCwt(tagged).payload).toEqual({ a: 1 });
    const indefinite = concat(0xa1, encodeCbor(-260), 0xa1, 0x01, 0xbf, text('a'), 0x01, 0xff);
    expect(readPlainCwt(indefinite)).toBeNull();
    expect(readCwt(indefinite).payload).toEqual({ a: 1 });
  });
});
