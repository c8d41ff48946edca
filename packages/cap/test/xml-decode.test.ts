import { describe, expect, it } from 'vitest';
import { parseCap } from '../src/index.ts';
import { BASE_ALERT } from './alert-xml.ts';

const withDecl = (encoding: string): string =>
  BASE_ALERT.replace('encoding="UTF-8"', `encoding="${encoding}"`).replace('Old town', 'Vieille ville — Zürich');

function utf16(text: string, endian: 'le' | 'be', bom: boolean): Uint8Array {
  const units = [...(bom ? '\uFEFF' : ''), ...text].join('');
  const out = new Uint8Array(units.length * 2);
  for (let i = 0; i < units.length; i++) {
    const u = units.charCodeAt(i);
    out[i * 2 + (endian === 'le' ? 0 : 1)] = u & 0xff;
    out[i * 2 + (endian === 'le' ? 1 : 0)] = u >> 8;
  }
  return out;
}

function latin1(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

const areaDesc = (input: Uint8Array | string): string | undefined => parseCap(input)[0]?.info[0]?.area[0]?.areaDesc;

describe('character encodings', () => {
  it('decodes UTF-8 with and without a byte-order mark', () => {
    const bytes = new TextEncoder().encode(withDecl('UTF-8'));
    expect(areaDesc(bytes)).toBe('Vieille ville — Zürich');
    expect(areaDesc(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]))).toBe('Vieille ville — Zürich');
    expect(areaDesc(`\uFEFF${withDecl('UTF-8')}`)).toBe('Vieille ville — Zürich');
  });

  it('decodes UTF-16 LE and BE, with a byte-order mark or by the "<?" pattern', () => {
    for (const endian of ['le', 'be'] as const) {
      expect(areaDesc(utf16(withDecl('UTF-16'), endian, true))).toBe('Vieille ville — Zürich');
      expect(areaDesc(utf16(withDecl('UTF-16'), endian, false))).toBe('Vieille ville — Zürich');
    }
  });

  it('honours the declared encoding: ISO-8859-1 byte for byte, windows-1252 and others through TextDecoder', () => {
    const text = withDecl('ISO-8859-1').replace(' —', '');
    expect(areaDesc(latin1(text))).toBe('Vieille ville Zürich');
    const cp1252 = latin1(withDecl('windows-1252').replace('—', '\x97'));
    expect(areaDesc(cp1252)).toBe('Vieille ville — Zürich');
    const koi8 = new Uint8Array([...latin1(withDecl('KOI8-R').replace('Vieille ville — Zürich', 'X'))]);
    expect(areaDesc(koi8)).toBe('X');
  });

  it.each([
    ['an unknown encoding', latin1(withDecl('x-klingon')), /unknown encoding "x-klingon"/],
    [
      'invalid UTF-8 bytes',
      new Uint8Array([...new TextEncoder().encode(BASE_ALERT.slice(0, 200)), 0xc3, 0x28]),
      /not valid UTF-8/,
    ],
    ['non-ASCII bytes declared US-ASCII', latin1(withDecl('US-ASCII').replace(' —', '')), /not US-ASCII/],
    [
      'a UTF-8 mark with another declaration',
      new Uint8Array([0xef, 0xbb, 0xbf, ...latin1(withDecl('ISO-8859-1'))]),
      /byte-order mark/,
    ],
    ['UTF-16 bytes declaring UTF-8', utf16(withDecl('UTF-8'), 'le', true), /declares encoding "utf-8"/],
    ['UTF-16 declared on single-byte text', latin1(withDecl('UTF-16')), /not supported/],
    ['UTF-32', new Uint8Array([0, 0, 0xfe, 0xff, 0, 0, 0, 0x3c]), /UTF-32/],
  ])('rejects %s', (_name, bytes, message) => {
    expect(() => parseCap(bytes)).toThrow(
      expect.objectContaining({ code: 'encoding', message: expect.stringMatching(message) }),
    );
  });
});
