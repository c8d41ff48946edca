import type { FieldError, Locale } from '@homeward/shared';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import { ProblemError } from '../../http/problem.ts';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 1024;
const MIN_SCORE = 3;

// Built once: loading the dictionaries takes a moment, checking a password does not.
const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...en.dictionary },
  graphs: common.adjacencyGraphs,
  translations: en.translations,
});

export type PasswordProblem = 'too_short' | 'too_long' | 'contains_email' | 'guessable';

const MESSAGES: Record<PasswordProblem, Record<Locale, string>> = {
  too_short: {
    en: `Use at least ${PASSWORD_MIN_LENGTH} characters`,
    'zh-CN': `密码至少需要 ${PASSWORD_MIN_LENGTH} 个字符`,
  },
  too_long: {
    en: `Use at most ${PASSWORD_MAX_LENGTH} characters`,
    'zh-CN': `密码最多 ${PASSWORD_MAX_LENGTH} 个字符`,
  },
  contains_email: {
    en: 'Do not use your email address in the password',
    'zh-CN': '密码中不要包含您的电子邮箱地址',
  },
  guessable: {
    en: 'This password is easy to guess. Try a few unrelated words together',
    'zh-CN': '此密码容易被猜到，可以试试把几个不相关的词组合起来',
  },
};

/**
 * Checks a new password against the policy of decision 0003: 10 to 1024 characters, a zxcvbn score of at
 * least 3, and not containing the email's local part. No composition rules (NIST SP 800-63B).
 * Returns what is wrong, or null when the password is acceptable.
 */
export function checkPassword(password: string, email: string, userInputs: string[] = []): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (length > PASSWORD_MAX_LENGTH) return 'too_long';
  const local = email.trim().toLowerCase().split('@')[0] ?? '';
  if (local.length >= 3 && password.toLowerCase().includes(local)) return 'contains_email';
  // zxcvbn's cost grows with length; the first 100 characters decide the score of any real password.
  const score = zxcvbn.check(password.slice(0, 100), [email, local, ...userInputs]).score;
  return score < MIN_SCORE ? 'guessable' : null;
}

/**
 * @throws ProblemError 400 weak_password with a localized field error on `field` (default /password)
 */
export function assertPasswordAllowed(
  password: string,
  email: string,
  locale: Locale,
  options: { field?: string; userInputs?: string[] } = {},
): void {
  const problem = checkPassword(password, email, options.userInputs);
  if (!problem) return;
  const error: FieldError = { field: options.field ?? '/password', message: MESSAGES[problem][locale] };
  throw new ProblemError(400, 'weak_password', problem, [error]);
}
