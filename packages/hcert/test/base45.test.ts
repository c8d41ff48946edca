import { describe, expect, it } from 'vitest';
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
