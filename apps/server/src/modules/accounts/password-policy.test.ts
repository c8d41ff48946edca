import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../demo/demo.accounts.ts';
import { assertPasswordAllowed, checkPassword } from './password-policy.ts';

describe('password policy', () => {
  const email = 'li.wei@example.org';

  it('accepts long, unguessable passwords, including the public demo password', () => {
    expect(checkPassword('violet-kangaroo-harbour-93', email)).toBeNull();
    expect(checkPassword(DEMO_PASSWORD, 'citizen@demo.homeward.example')).toBeNull();
    expect(checkPassword('我的密码是长城上的红灯笼', email)).toBeNull();
  });

  it('refuses short, long, guessable and email-based passwords, saying which', () => {
    expect(checkPassword('Xq7#pL2!', email)).toBe('too_short');
    expect(checkPassword('a'.repeat(1025), email)).toBe('too_long');
    expect(checkPassword('password123', email)).toBe('guessable');
    expect(checkPassword('qwertyuiop', email)).toBe('guessable');
    expect(checkPassword('Li.Wei-river-lantern-77', email)).toBe('contains_email');
  });

  it('counts code points (NIST SP 800-63B), not UTF-16 units, for the length limits', () => {
    expect(checkPassword('😀'.repeat(9), email)).toBe('too_short');
  });

  it('throws weak_password with a localized field error', () => {
    expect(() => assertPasswordAllowed('password123', email, 'en')).toThrow(
      expect.objectContaining({
        status: 400,
        code: 'weak_password',
        errors: [{ field: '/password', message: expect.stringContaining('easy to guess') }],
      }),
    );
    expect(() => assertPasswordAllowed('short', email, 'zh-CN', { field: '/newPassword' })).toThrow(
      expect.objectContaining({ errors: [{ field: '/newPassword', message: expect.stringContaining('至少') }] }),
    );
  });

  it('never accepts anything under 10 characters or containing the local part', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 9, unit: 'binary' }), (password) => {
        expect(checkPassword(password, email)).not.toBeNull();
      }),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }), (before, after) => {
        expect(checkPassword(`${before}li.wei${after}`, email)).not.toBeNull();
      }),
      { numRuns: 200 },
    );
  });
});
