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
