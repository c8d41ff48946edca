import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { certificateIdOf, uciRevocationHash, VALUE_SETS, valueSetDisplay } from '../src/index.ts';

describe('uciRevocationHash', () => {
  it('is the first 128 bits of SHA-256 over the UCI, base64', async () => {
    const uci = 'URN:UVCI:01:CN:ABCDEFGHJKLMNPQRSTUV#Q';
    const expected = createHash('sha256').update(uci, 'utf8').digest().subarray(0, 16).toString('base64');
    expect(await uciRevocationHash(uci)).toBe(expected);
    expect(await uciRevocationHash(`${uci}X`)).not.toBe(expected);
  });
});

describe('certificateIdOf', () => {
  it('reads the ci of the vaccination, test or recovery entry', () => {
    expect(certificateIdOf({ v: [{ ci: 'URN:UVCI:01:CN:V' }] })).toBe('URN:UVCI:01:CN:V');
    expect(certificateIdOf({ t: [{ ci: 'URN:UVCI:01:CN:T' }] })).toBe('URN:UVCI:01:CN:T');
    expect(certificateIdOf({ r: [{ ci: 'URN:UVCI:01:CN:R' }] })).toBe('URN:UVCI:01:CN:R');
  });
  it('answers null for anything else', () => {
    for (const payload of [null, 'x', {}, { v: [] }, { v: [{ ci: 7 }] }, { v: 'no' }]) {
      expect(certificateIdOf(payload)).toBeNull();
    }
  });
});

describe('VALUE_SETS', () => {
  it('ships the EU value sets with display names', () => {
    expect(valueSetDisplay('vaccineProduct', 'EU/1/20/1528')).toBe('Comirnaty');
    expect(valueSetDisplay('testResult', '260415000')).toBe('Not detected');
    expect(VALUE_SETS.country.CN?.display).toBe('China');
    expect(valueSetDisplay('disease', 'unknown-code')).toBe('unknown-code');
  });
});
