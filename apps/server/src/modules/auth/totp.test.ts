import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import { bearerToken } from '../../http/hooks.ts';
import {
  decryptSecret,
  encryptSecret,
  hashRecoveryCode,
  matchTotpStep,
  newRecoveryCode,
  newTotpSecret,
  normalizeTotpCode,
  otpauthUrl,
} from './totp.ts';

// RFC 6238 appendix B, SHA-1: the secret is ASCII "12345678901234567890"; we check the last six digits.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const RFC_VECTORS: [number, string][] = [
  [59, '287082'],
  [1111111109, '081804'],
  [1111111111, '050471'],
  [1234567890, '005924'],
  [2000000000, '279037'],
];

describe('TOTP', () => {
  it('matches the RFC 6238 SHA-1 test vectors and reports their time step', async () => {
    for (const [seconds, code] of RFC_VECTORS) {
      expect(await matchTotpStep(RFC_SECRET, code, new Date(seconds * 1000))).toBe(Math.floor(seconds / 30));
    }
  });

  it('accepts the neighbouring steps and nothing further', async () => {
    const secret = newTotpSecret();
    const now = new Date('2026-11-28T09:00:10Z');
    const step = Math.floor(now.getTime() / 30_000);
    const codeAt = (k: number) => generate({ secret, epoch: Math.floor(now.getTime() / 1000) + k * 30 });
    expect(await matchTotpStep(secret, await codeAt(-1), now)).toBe(step - 1);
    expect(await matchTotpStep(secret, await codeAt(0), now)).toBe(step);
    expect(await matchTotpStep(secret, await codeAt(1), now)).toBe(step + 1);
    const near = new Set([await codeAt(-1), await codeAt(0), await codeAt(1)]);
    for (const k of [-3, -2, 2, 3]) {
      const code = await codeAt(k);
      if (!near.has(code)) expect(await matchTotpStep(secret, code, now)).toBeNull();
    }
  });

  it('reads codes typed with spaces or a dash, and refuses anything that is not six digits', () => {
    expect(normalizeTotpCode(' 123 456 ')).toBe('123456');
    expect(normalizeTotpCode('123-456')).toBe('123456');
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (input) => {
        const code = normalizeTotpCode(input);
        return code === null || /^\d{6}$/.test(code);
      }),
    );
  });

  it('builds an otpauth URI an authenticator app can scan', () => {
    const url = new URL(otpauthUrl('JBSWY3DPEHPK3PXP', 'a.b@mfa.example', 'Homeward'));
    expect(url.protocol).toBe('otpauth:');
    expect(url.searchParams.get('secret')).toBe('JBSWY3DPEHPK3PXP');
    expect(url.searchParams.get('issuer')).toBe('Homeward');
  });
});

describe('sealed secrets', () => {
  const key = randomBytes(32);

  it('round-trip, differ each time, and fail when altered or opened with another key', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 64 }), (secret) => {
        const sealed = encryptSecret(key, secret);
        return decryptSecret(key, sealed) === secret && encryptSecret(key, secret) !== sealed;
      }),
      { numRuns: 50 },
    );
    const sealed = encryptSecret(key, 'JBSWY3DPEHPK3PXP');
    expect(() => decryptSecret(randomBytes(32), sealed)).toThrow();
    const [v, iv, tag, data = ''] = sealed.split('.');
    const flipped = Buffer.from(data, 'base64url');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => decryptSecret(key, [v, iv, tag, flipped.toString('base64url')].join('.'))).toThrow();
    expect(() => decryptSecret(key, 'v2.a.b.c')).toThrow(/format/);
  });
});

describe('recovery codes', () => {
  it('are 16 Base32 characters in four groups, and hash the same however they are typed', () => {
    const code = newRecoveryCode();
    expect(code).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){3}$/);
    const typed = fc.array(fc.constantFrom(' ', '-', ''), { minLength: 16, maxLength: 16 });
    fc.assert(
      fc.property(typed, fc.boolean(), (separators, upper) => {
        const chars = code.replaceAll('-', '').split('');
        const retyped = chars.map((c, i) => `${upper ? c.toUpperCase() : c}${separators[i]}`).join('');
        return hashRecoveryCode(retyped) === hashRecoveryCode(code);
      }),
    );
    expect(hashRecoveryCode(newRecoveryCode())).not.toBe(hashRecoveryCode(code));
  });
});

describe('bearerToken', () => {
  it('reads the token of a Bearer header only', () => {
    expect(bearerToken('Bearer hw_abc')).toBe('hw_abc');
    expect(bearerToken('bearer  hw_abc ')).toBe('hw_abc');
    expect(bearerToken('Basic dXNlcjpwYXNz')).toBeNull();
    expect(bearerToken('Bearer')).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
  });
});
