import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase45From } from '../src/base45.ts';
import { decodeBase45, encodeBase45, HcertError } from '../src/index.ts';

const text = (value: string) => new TextEncoder().encode(value);

describe('Base45 (RFC 9285)', () => {
  it.each([
    ['AB', 'BB8'],
    ['Hello!!', '%69 VD92EX0'],
    ['base-45', 'UJCLQE7W581'],
    ['ietf!', 'QED8WEX0'],
    ['', ''],
  ])('encodes %j as %j and back', (plain, encoded) => {
    expect(encodeBase45(text(plain))).toBe(encoded);
    expect(new TextDecoder().decode(decodeBase45(encoded))).toBe(plain);
  });

  it('round-trips every byte value', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(decodeBase45(encodeBase45(bytes))).toEqual(bytes);
  });

  it.each([
    ['GGW', 'a triple above 65535 (RFC 9285 section 4.3)'],
    ['ABCD', 'a dangling single character'],
    ['AB\u00e9', 'a character outside the alphabet'],
    ['aa', 'lower case letters'],
    [':::', 'a triple that overflows'],
    ['Z9', 'a pair above 255'],
  ])('refuses %j: %s', (encoded) => {
    expect(() => decodeBase45(encoded)).toThrow(HcertError);
  });
});

/** RFC 9285 decoding character by character, with the errors decodeBase45 gives: the reference for the fast path. */
function referenceDecode(text: string): Uint8Array {
  const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
  if (text.length % 3 === 1) throw new HcertError('base45', `base45: length ${text.length} leaves a single character`);
  const value = (index: number) => {
    const found = ALPHABET.indexOf(text.charAt(index));
    if (found < 0) {
      const shown = String.fromCodePoint(text.codePointAt(index) ?? 0);
      throw new HcertError('base45', `base45: character ${JSON.stringify(shown)} at ${index - (index % 3)}`);
    }
    return found;
  };
  const out: number[] = [];
  for (let i = 0; i < text.length; i += 3) {
    if (i + 2 < text.length) {
      const n = value(i) + value(i + 1) * 45 + value(i + 2) * 2025;
      if (n > 0xffff) throw new HcertError('base45', `base45: triple at ${i} exceeds 65535`);
      out.push(n >> 8, n & 0xff);
    } else {
      const n = value(i) + value(i + 1) * 45;
      if (n > 0xff) throw new HcertError('base45', `base45: final pair at ${i} exceeds 255`);
      out.push(n);
    }
  }
  return Uint8Array.from(out);
}

function outcome(run: () => Uint8Array): Uint8Array | string {
  try {
    return run();
  } catch (error) {
    return error instanceof HcertError ? `${error.code}: ${error.message}` : `not an HcertError: ${String(error)}`;
  }
}

describe('Base45 decoding by table', () => {
  // Mostly the alphabet, with the characters most likely to trip a byte-wise reader: lower case, Latin-1 and
  // wider characters (more than one UTF-8 byte), astral ones (two UTF-16 units), control characters.
  const character = fc.oneof(
    { weight: 20, arbitrary: fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:') },
    {
      weight: 1,
      arbitrary: fc.constantFrom('a', 'z', '\u00e9', '\u00ff', '\u0100', '\u4e2d', '\u{1f600}', '\n', '\0', '~'),
    },
  );
  const base45Text = fc.array(character, { maxLength: 60 }).map((chars) => chars.join(''));

  it('answers what the character-by-character reference answers, bytes or the same error', () => {
    fc.assert(
      fc.property(base45Text, (text) => {
        expect(outcome(() => decodeBase45(text))).toEqual(outcome(() => referenceDecode(text)));
      }),
      { numRuns: 5000 },
    );
  });

  it('decodes after a prefix as it decodes the rest of the text, with positions counted after the prefix', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 6 }), base45Text, (prefix, text) => {
        expect(outcome(() => decodeBase45From(prefix + text, prefix.length))).toEqual(
          outcome(() => referenceDecode(text)),
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('reads texts longer than its kept buffer', () => {
    const bytes = Uint8Array.from({ length: 9000 }, (_, i) => (i * 31) & 0xff);
    expect(decodeBase45(encodeBase45(bytes))).toEqual(bytes);
    expect(outcome(() => decodeBase45(`${encodeBase45(bytes)}\u00e9A`))).toEqual(
      outcome(() => referenceDecode(`${encodeBase45(bytes)}\u00e9A`)),
    );
  });
});
