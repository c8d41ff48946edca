import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readMrz } from './mrz.ts';

// ICAO Doc 9303 specimens (part 4, TD3 passport; part 5, TD1 card), issued by the fictitious state Utopia.
const TD3 = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];
const TD1 = ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'];
const TODAY = '2026-11-28';

/** The specimen with one character of line `line` at `index` replaced. */
function tampered(lines: string[], line: number, index: number, char: string): string {
  return lines.map((l, i) => (i === line ? l.slice(0, index) + char + l.slice(index + 1) : l)).join('\n');
}

describe('readMrz', () => {
  it('reads the ICAO TD3 passport specimen', () => {
    expect(readMrz(TD3.join('\n'), TODAY)).toEqual({
      ok: true,
      data: {
        format: 'TD3',
        familyName: 'ERIKSSON',
        givenName: 'ANNA MARIA',
        documentNumber: 'L898902C3',
        birthDate: '1974-08-12',
        expiryDate: '2012-04-15',
        sex: 'F',
        nationality: null,
      },
    });
  });

  it('reads the ICAO TD1 card specimen, with CRLF, spaces and lower case', () => {
    const reading = readMrz(` ${TD1.join('\r\n').toLowerCase()} \n`, TODAY);
    expect(reading.ok && reading.data).toMatchObject({
      format: 'TD1',
      documentNumber: 'D23145890',
      birthDate: '1974-08-12',
      familyName: 'ERIKSSON',
    });
  });

  it('names the check digit that fails', () => {
    expect(readMrz(tampered(TD3, 1, 9, '7'), TODAY)).toMatchObject({ ok: false, field: 'documentNumberCheckDigit' });
    expect(readMrz(tampered(TD3, 1, 19, '3'), TODAY)).toMatchObject({ ok: false, field: 'birthDateCheckDigit' });
    expect(readMrz(tampered(TD3, 1, 27, '1'), TODAY)).toMatchObject({ ok: false, field: 'expirationDateCheckDigit' });
    expect(readMrz(tampered(TD3, 1, 43, '1'), TODAY)).toMatchObject({ ok: false, field: 'compositeCheckDigit' });
    // A changed document number with its old check digit.
    expect(readMrz(tampered(TD3, 1, 0, 'M'), TODAY)).toMatchObject({ ok: false, field: 'documentNumberCheckDigit' });
    expect(readMrz(tampered(TD1, 0, 14, '8'), TODAY)).toMatchObject({ ok: false, field: 'documentNumberCheckDigit' });
  });

  it('refuses text that is not two lines of 44 or three of 30', () => {
    expect(readMrz(TD3[0] as string, TODAY)).toMatchObject({ ok: false, field: 'format' });
    expect(readMrz(`${TD3[0]}\n${(TD3[1] as string).slice(0, 43)}`, TODAY)).toMatchObject({ ok: false });
    expect(readMrz('', TODAY)).toMatchObject({ ok: false, field: 'format' });
  });

  it('maps a real state code to ISO alpha-2 and picks the birth century from today', () => {
    const chn = TD3.map((l) => l.replaceAll('UTO', 'CHN'));
    const reading = readMrz(chn.join('\n'), TODAY);
    expect(reading.ok && reading.data.nationality).toBe('CN');
    expect(reading.ok && readMrz(chn.join('\n'), '1975-01-01')).toMatchObject({ data: { birthDate: '1974-08-12' } });
  });
});

// ICAO 9303 part 3: characters are valued 0–9, A–Z = 10–35, '<' = 0, weighted 7, 3, 1 repeating, modulo 10.
const value = (c: string) => (c === '<' ? 0 : /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55);
const checkDigit = (text: string) =>
  String([...text].reduce((sum, c, i) => sum + value(c) * ([7, 3, 1][i % 3] as number), 0) % 10);

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const yymmdd = fc
  .date({ min: new Date('1930-01-01T00:00:00Z'), max: new Date('2025-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(2, 10).replaceAll('-', ''));

/** A TD3 passport MRZ with correct check digits, built here independently of the package. */
function td3(doc: string, birth: string, sex: string, expiry: string): string[] {
  const personal = '<'.repeat(14);
  const head = `${doc}${checkDigit(doc)}CHN${birth}${checkDigit(birth)}${sex}${expiry}${checkDigit(expiry)}`;
  const body = `${head}${personal}${checkDigit(personal)}`;
  const composite = checkDigit(body.slice(0, 10) + body.slice(13, 20) + body.slice(21, 43));
  return ['P<CHNZHANG<<SANFENG'.padEnd(44, '<'), `${body}${composite}`];
}

describe('readMrz on generated passports', () => {
  const doc = fc.string({ unit: fc.constantFrom(...ALNUM), minLength: 9, maxLength: 9 });

  it('reads every well-formed TD3 back', () => {
    fc.assert(
      fc.property(doc, yymmdd, fc.constantFrom('F', 'M'), yymmdd, (number, birth, sex, expiry) => {
        const reading = readMrz(td3(number, birth, sex, expiry).join('\n'), TODAY);
        expect(reading.ok && reading.data).toMatchObject({
          documentNumber: number,
          sex,
          nationality: 'CN',
          familyName: 'ZHANG',
        });
        expect(reading.ok && reading.data.birthDate?.slice(2).replaceAll('-', '')).toBe(birth);
      }),
    );
  });

  it('refuses a document number with one character changed under the old check digit', () => {
    fc.assert(
      fc.property(doc, yymmdd, yymmdd, fc.nat(8), fc.constantFrom(...ALNUM), (number, birth, expiry, at, char) => {
        const original = number[at] as string;
        fc.pre((value(char) - value(original)) % 10 !== 0); // weights 7, 3, 1 catch every other change
        const lines = td3(number, birth, 'F', expiry);
        const line2 = lines[1] as string;
        const changed = `${line2.slice(0, at)}${char}${line2.slice(at + 1)}`;
        expect(readMrz(`${lines[0]}\n${changed}`, TODAY)).toMatchObject({
          ok: false,
          field: 'documentNumberCheckDigit',
        });
      }),
    );
  });

  it('answers any text with a reading, never an exception', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        expect(typeof readMrz(text, TODAY).ok).toBe('boolean');
      }),
    );
    const line = (length: number) =>
      fc.string({ unit: fc.constantFrom(...ALNUM, '<'), minLength: length, maxLength: length });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(line(44), { minLength: 2, maxLength: 2 }),
          fc.array(line(30), { minLength: 3, maxLength: 3 }),
        ),
        (lines) => {
          expect(typeof readMrz(lines.join('\n'), TODAY).ok).toBe('boolean');
        },
      ),
    );
  });
});
