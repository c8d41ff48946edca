import type { TFunction } from 'i18next';

// Same rule as the server's `format: 'email'` in spirit: something@something.tld, no spaces.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The message for an email field, or undefined when it looks right (the server has the last word). */
export function checkEmail(email: string, t: TFunction): string | undefined {
  if (!email.trim()) return t('fields.emailMissing');
  if (!EMAIL_SHAPE.test(email.trim())) return t('fields.emailFormat');
  return undefined;
}

/**
 * The length rule of decision 0003 (10 to 1,024 characters). How guessable a password is only the server
 * judges (zxcvbn), and its field message is shown as it comes.
 */
export function checkNewPassword(password: string, missing: string, t: TFunction): string | undefined {
  if (!password) return missing;
  if ([...password].length < 10) return t('fields.passwordShort');
  if ([...password].length > 1024) return t('fields.passwordLong');
  return undefined;
}

/** Where to go after signing in: only a path on this site, never another origin (`//evil.example`). */
export function safeNext(next: string | null, fallback = '/account'): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}
