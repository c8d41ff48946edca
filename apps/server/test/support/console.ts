import { generate } from 'otplib';
import type { Cookie, Page } from 'playwright-core';
import { SESSION_COOKIE } from '../../src/modules/auth/auth.service.ts';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../../src/modules/demo/demo.accounts.ts';
import { checkAxe, screenshot, type UiLocale } from './browser.ts';

const PERIOD = 30;

// The server refuses a replayed authenticator step, and tests sign the same account in within one 30-second step:
// each sign-in of an account takes the next step (the server accepts ±1) and, when that is spent too, waits for
// the clock. Shared by every browser test file of a run (one module instance per file, one file per worker).
const lastStep = new Map<string, number>();

const currentStep = () => Math.floor(Date.now() / 1000 / PERIOD);
const nextStep = (account: string) => Math.max(currentStep(), (lastStep.get(account) ?? -1) + 1);

/** Whether `freshTotpCode(account)` would have to wait for the clock. */
function codeWouldWait(account: string): boolean {
  return nextStep(account) > currentStep() + 1;
}

/** An authenticator code for `account` the server has not accepted yet in this test file. */
export async function freshTotpCode(account: string, secret: string = DEMO_TOTP_SECRET): Promise<string> {
  const now = currentStep;
  const step = nextStep(account);
  while (step > now() + 1) await new Promise((resolve) => setTimeout(resolve, 1000));
  lastStep.set(account, step);
  return generate({ secret, epoch: step * PERIOD });
}

export const CONSOLE_SIGN_IN_LABELS = {
  'zh-CN': { email: '电子邮箱', password: '密码', signIn: '登录', code: '安全验证码', continue: '继续' },
  en: { email: 'Email address', password: 'Password', signIn: 'Sign in', code: 'Security code', continue: 'Continue' },
} as const;

export interface ConsoleSignIn {
  /** The server's base URL. */
  baseUrl: string;
  email: string;
  locale?: UiLocale;
  password?: string;
  /** When set, the code step is checked with axe and saved as a screenshot of this name. */
  shoot?: string;
  /** Always a sign-in of its own, even when it means waiting up to 30 s for the next authenticator step. */
  newSession?: boolean;
}

/** The session cookie of each account's last sign-in in this test file, by server and e-mail. */
const sessions = new Map<string, Cookie>();

/**
 * Instead of waiting up to 30 s for an unused authenticator step, a page of an account that signed in moments
 * ago in this file takes that sign-in's session (as a second tab would), when the server still knows it.
 */
async function resumeSession(page: Page, options: ConsoleSignIn, key: string): Promise<boolean> {
  const cookie = sessions.get(key);
  if (!cookie || options.shoot || options.newSession || !codeWouldWait(options.email)) return false;
  await page.context().addCookies([cookie]);
  const me = await page.request.get(new URL('/api/v1/auth/me', options.baseUrl).href);
  if (me.status() !== 200) {
    await page.context().clearCookies({ name: cookie.name });
    sessions.delete(key);
    return false;
  }
  await page.goto(new URL('/console/', options.baseUrl).href);
  await page.waitForURL((url) => !/\/console\/?$/.test(url.pathname));
  await page.waitForLoadState('networkidle');
  return true;
}

/** Password, then the authenticator code, as a member of staff signs in to the console. */
export async function signInToConsole(page: Page, options: ConsoleSignIn): Promise<void> {
  const l = CONSOLE_SIGN_IN_LABELS[options.locale ?? 'en'];
  const key = `${new URL(options.baseUrl).origin} ${options.email}`;
  if (await resumeSession(page, options, key)) return;
  await page.goto(new URL('/console/', options.baseUrl).href);
  await page.waitForLoadState('networkidle');
  await page.getByLabel(l.email).fill(options.email);
  await page.getByLabel(l.password).fill(options.password ?? DEMO_PASSWORD);
  await page.getByRole('button', { name: l.signIn }).click();
  const code = page.getByLabel(l.code);
  await code.waitFor();
  if (options.shoot) {
    await checkAxe(page);
    await screenshot(page, options.shoot);
  }
  await code.fill(await freshTotpCode(options.email));
  await page.getByRole('button', { name: l.continue }).click();
  await page.waitForURL((url) => !/\/console\/?$/.test(url.pathname));
  await page.waitForLoadState('networkidle');
  const session = (await page.context().cookies(options.baseUrl)).find((c) => c.name === SESSION_COOKIE);
  if (session) sessions.set(key, session);
}
