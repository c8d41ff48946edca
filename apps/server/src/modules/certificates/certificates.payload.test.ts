import { validateDccSchema } from '@homeward/hcert';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPayload, newUvci, transliterateName, uvciCheckCharacter } from './certificates.payload.ts';

describe('transliterateName', () => {
  it('writes names as ICAO 9303 does', () => {
    expect(transliterateName('Zhang')).toBe('ZHANG');
    expect(transliterateName('San Feng')).toBe('SAN<FENG');
    expect(transliterateName('Müller-Lüdenscheidt')).toBe('MUELLER<LUEDENSCHEIDT');
    expect(transliterateName("D'Arcy  Ó Briain")).toBe('DARCY<O<BRIAIN');
    expect(transliterateName('Øster Ångström')).toBe('OESTER<AANGSTROEM');
  });
  it('refuses names outside Latin script', () => {
    expect(transliterateName('张')).toBeNull();
    expect(transliterateName('Zhang 三')).toBeNull();
    expect(transliterateName('  ')).toBeNull();
  });
  it('always answers A–Z and < or null, never more than 80 characters', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (name) => {
        const result = transliterateName(name);
        expect(result === null || (/^[A-Z<]{1,80}$/.test(result) && !/^<|<$/.test(result))).toBe(true);
      }),
    );
  });
});

describe('UVCI', () => {
  it('ends with a Luhn mod N check character that catches a changed character', () => {
    const uvci = newUvci('CN');
    expect(uvci).toMatch(/^URN:UVCI:01:CN:HW[0-9A-Z]{24}#[0-9A-Z/:]$/);
    const [body, check] = uvci.slice('URN:UVCI:'.length).split('#') as [string, string];
    expect(uvciCheckCharacter(body)).toBe(check);
    const changed = `${body.slice(0, -1)}${body.endsWith('A') ? 'B' : 'A'}`;
    expect(uvciCheckCharacter(changed)).not.toBe(check);
    expect(newUvci('CN')).not.toBe(uvci);
  });
});

describe('buildPayload', () => {
  const now = new Date('2026-11-28T10:00:00Z');
  const context = { uci: 'URN:UVCI:01:CN:HWTEST#1', issuer: 'Ministry of Foreign Affairs', now };
  it('builds a schema-valid 1.3.0 vaccination payload', () => {
    const built = buildPayload(
      {
        type: 'v',
        holder: { familyName: 'Li', birthDate: '1990-01-31' },
        vaccination: {
          vp: '1119349007',
          mp: 'EU/1/20/1507',
          ma: 'ORG-100031184',
          dn: 1,
          sd: 2,
          dt: '2026-11-01',
          co: 'CN',
        },
      },
      context,
    );
    if ('errors' in built) throw new Error(JSON.stringify(built.errors));
    expect(validateDccSchema(built.payload).valid).toBe(true);
    expect(built.expiresAt.toISOString()).toBe('2027-11-28T10:00:00.000Z');
  });
  it('refuses a recovery whose validity ended', () => {
    const built = buildPayload(
      {
        type: 'r',
        holder: { familyName: 'Li', birthDate: '1990-01-31' },
        recovery: { fr: '2026-01-01', df: '2026-01-12', du: '2026-06-30', co: 'CN' },
      },
      context,
    );
    expect('errors' in built && built.errors.map((e) => e.field)).toEqual(['/recovery/du']);
  });
});
