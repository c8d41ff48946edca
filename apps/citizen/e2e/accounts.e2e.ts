import { createServer } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  checkAxe,
  describeBrowser,
  launchBrowser,
  newDesktopPage,
  newPhonePage,
  screenshot,
  type UiLocale,
  waitForServiceWorker,
} from '../../server/test/support/browser.ts';
import { startSmtpServer, type TestSmtpServer } from '../../server/test/support/smtp.ts';
import { startTestServer, type TestServer } from '../../server/test/support/test-server.ts';

// A password zxcvbn scores 4 and that holds no part of any test address.
const PASSWORD = 'copper kettle sings at dawn 41';
const NEW_PASSWORD = 'violet harbour lanterns drift 73';
const WRITE_HEADERS = { 'X-Requested-With': 'homeward', 'Accept-Language': 'en' };

let smtp: TestSmtpServer;
let server: TestServer;
let browser: Browser;
let baseUrl: string;
let counter = 0;

/** A port nobody listens on, so the public URL (and the passkey relying party) is known before the start. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  const port = await freePort();
  // WebAuthn needs a domain, not an IP address: the browser uses localhost, and so do the links in mails.
  baseUrl = `http://localhost:${port}`;
  server = await startTestServer({
    PORT: String(port),
    HOMEWARD_PUBLIC_URL: baseUrl,
    HOMEWARD_SMTP_URL: smtp.url,
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await smtp?.close();
});

function uniqueEmail(label: string): string {
  counter += 1;
  return `${label}.${Date.now().toString(36)}${counter}@example.org`;
}

async function open(page: Page, path: string): Promise<void> {
  await page.goto(new URL(path, baseUrl).href);
  await page.waitForLoadState('networkidle');
}

async function heading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/** The link of the newest mail to `email` that holds one to `path` (e.g. /verify-email). */
async function linkFromMail(email: string, path: string, after = 0): Promise<string> {
  const pattern = new RegExp(`https?://[^\\s"'<>]+${path}\\?token=[\\w-]+`);
  const mail = await smtp.waitFor(
    (m) => m.to.includes(email) && pattern.test(m.text) && smtp.messages.indexOf(m) >= after,
    15_000,
  );
  const link = pattern.exec(mail.text)?.[0];
  if (!link) throw new Error(`no ${path} link in the mail to ${email}`);
  return link;
}

/** Signs up and verifies through the API in the page's own cookie jar: the page is then signed in. */
async function createSignedInAccount(page: Page, label: string, locale: UiLocale = 'en'): Promise<string> {
  const email = uniqueEmail(label);
  const signUp = await page.request.post(new URL('/api/v1/accounts/sign-up', baseUrl).href, {
    headers: WRITE_HEADERS,
    data: { email, password: PASSWORD, displayName: 'Li Wei', locale },
  });
  expect(signUp.status()).toBe(202);
  const token = new URL(await linkFromMail(email, '/verify-email')).searchParams.get('token');
  const verify = await page.request.post(new URL('/api/v1/accounts/verify-email', baseUrl).href, {
    headers: WRITE_HEADERS,
    data: { token },
  });
  expect(verify.status()).toBe(200);
  return email;
}

async function signInWithPassword(page: Page, email: string, password: string): Promise<void> {
  await open(page, '/sign-in');
  await heading(page, 'Sign in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await heading(page, 'Your account');
}

describeBrowser('citizen app: accounts', () => {
  it('sign up, confirm by mail, sign out and sign in again on a phone', async () => {
    const page = await newPhonePage(browser, 'en');
    const email = uniqueEmail('journey');
    await open(page, '/');
    // Signed out, help stays first; the header offers sign-in.
    const banner = page.getByRole('banner');
    await banner.getByRole('link', { name: 'Sign in' }).click();
    await heading(page, 'Sign in');
    await page.getByRole('link', { name: 'Create an account' }).click();
    await heading(page, 'Create an account');
    expect(await page.getByText('Use at least 10 characters').isVisible()).toBe(true);

    // Nothing filled in: the summary lists each problem, the title says "Error:", each link finds its field.
    await page.getByRole('button', { name: 'Create account' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    expect(await summary.getByRole('link').allTextContents()).toEqual([
      'Enter your email address',
      'Create a password',
      'Enter your name',
    ]);
    expect(await page.title()).toMatch(/^Error: Create an account/);
    await summary.getByRole('link', { name: 'Enter your name' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('displayName');
    await checkAxe(page);
    await screenshot(page, 'citizen-sign-up-errors-phone-en');

    // A phone number the server cannot read comes back as a field error on that field.
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Create a password').fill(PASSWORD);
    // The password can be shown to check it, and hidden again.
    await page.getByRole('button', { name: 'Show password' }).click();
    expect(await page.getByLabel('Create a password').getAttribute('type')).toBe('text');
    await page.getByRole('button', { name: 'Hide password' }).click();
    expect(await page.getByLabel('Create a password').getAttribute('type')).toBe('password');
    await page.getByLabel('Your name').fill('Li Wei');
    await page.getByLabel('Mobile phone number (optional)').fill('12');
    await page.getByRole('button', { name: 'Create account' }).click();
    await summary.getByRole('link', { name: /phone number/ }).waitFor();
    expect(await page.getByLabel('Mobile phone number (optional)').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Mobile phone number (optional)').fill('+44 7700 900123');
    await page.getByRole('button', { name: 'Create account' }).click();
    await heading(page, 'Check your email');
    expect(await page.getByText(`We have sent an email to ${email}.`).isVisible()).toBe(true);
    await checkAxe(page);

    // Signing in before confirming is refused with a way to get the link again.
    await open(page, '/sign-in');
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Confirm your email address first' }).waitFor();
    const before = smtp.messages.length;
    await page.getByRole('button', { name: 'Send the confirmation email again' }).click();
    await heading(page, 'Check your email');
    expect(await page.getByRole('status').filter({ hasText: 'We have sent the email again.' }).isVisible()).toBe(true);

    const link = await linkFromMail(email, '/verify-email', before);
    await page.goto(link);
    await heading(page, 'Confirm your email address');
    await checkAxe(page);
    await page.getByRole('button', { name: 'Confirm email address' }).click();
    await heading(page, 'Your account');
    expect(await page.getByText('Your email address is confirmed and you are signed in.').isVisible()).toBe(true);
    expect(await page.getByText(`Signed in as ${email}`).isVisible()).toBe(true);
    expect(await banner.getByRole('link', { name: 'Your account' }).isVisible()).toBe(true);
    await checkAxe(page);

    // The link is single use.
    await page.goto(link);
    await page.getByRole('button', { name: 'Confirm email address' }).click();
    await page.getByRole('alert').filter({ hasText: 'This link is not valid any more' }).waitFor();

    await open(page, '/account');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await heading(page, 'Sign in');
    expect(await page.getByRole('status').filter({ hasText: 'You have signed out.' }).isVisible()).toBe(true);
    expect(await banner.getByRole('link', { name: 'Sign in' }).isVisible()).toBe(true);

    // The account area sends a signed-out visitor to sign in, and back afterwards.
    await open(page, '/account/profile');
    await heading(page, 'Sign in');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/account/profile');
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'The email or password is not right' }).waitFor();
    expect(await page.title()).toMatch(/^Error: Sign in/);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await heading(page, 'Your details');
    expect(await page.getByLabel('Mobile phone number (optional)').inputValue()).toBe('+44 7700 900123');
    await page.context().close();
  });

  it('resets a forgotten password through the mailed link', async () => {
    const page = await newPhonePage(browser, 'en');
    const email = await createSignedInAccount(page, 'reset');
    await page.context().clearCookies();
    await open(page, '/sign-in');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await heading(page, 'Reset your password');
    await checkAxe(page);
    const before = smtp.messages.length;
    await page.getByLabel('Email address').fill(email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await heading(page, 'Check your email');
    const link = await linkFromMail(email, '/reset-password', before);

    await page.goto(link);
    await heading(page, 'Choose a new password');
    await page.getByLabel('New password').fill('short');
    await page.getByRole('button', { name: 'Save new password' }).click();
    await page.getByRole('alert').getByRole('link', { name: 'Your password must be at least 10 characters' }).waitFor();
    await checkAxe(page);
    // Long enough but easy to guess: the server's judgement shows on the field.
    await page.getByLabel('New password').fill('password1234');
    await page.getByRole('button', { name: 'Save new password' }).click();
    await expect.poll(() => page.locator('#password-error').textContent()).toMatch(/\S/);
    await page.getByLabel('New password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Save new password' }).click();
    await heading(page, 'Sign in');
    expect(await page.getByText('Your password has been changed').isVisible()).toBe(true);

    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await heading(page, 'Your account');
    await page.context().close();
  });

  it('adds a passkey, signs in with it, and removes it after asking', async () => {
    const page = await newPhonePage(browser, 'en');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    const email = await createSignedInAccount(page, 'passkey');
    await open(page, '/account');
    await page.getByRole('link', { name: /Passkeys and devices/ }).click();
    await heading(page, 'Passkeys and devices');
    await page.getByText('You have no passkeys yet.').waitFor();
    await page.getByLabel('Name for a new passkey (optional)').fill('My phone');
    await page.getByRole('button', { name: 'Add a passkey' }).click();
    await page.getByRole('status').filter({ hasText: 'Passkey “My phone” added.' }).waitFor();
    await page.getByRole('listitem').filter({ hasText: 'My phone' }).waitFor();
    await checkAxe(page);

    await open(page, '/account');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await heading(page, 'Sign in');
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await heading(page, 'Your account');
    expect(await page.getByText(`Signed in as ${email}`).isVisible()).toBe(true);

    await open(page, '/account/security');
    const item = page.getByRole('listitem').filter({ hasText: 'My phone' });
    await item.getByText(/Last used/).waitFor();
    await item.getByRole('button', { name: 'Remove passkey “My phone”' }).click();
    // Asked first; Cancel keeps it.
    await page.getByText('Remove the passkey “My phone”?').waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await item.getByRole('button', { name: 'Remove passkey “My phone”' }).click();
    await page.getByRole('button', { name: 'Yes, remove it' }).click();
    await page.getByRole('status').filter({ hasText: 'Passkey “My phone” removed.' }).waitFor();
    await page.getByText('You have no passkeys yet.').waitFor();
    await page.context().close();
  });

  it('edits the profile, changes the password and signs out everywhere', async () => {
    const page = await newPhonePage(browser, 'en');
    const email = await createSignedInAccount(page, 'profile');
    await open(page, '/account/profile');
    await heading(page, 'Your details');
    expect(await page.getByText(email).isVisible()).toBe(true);
    await page.getByLabel('Your name').fill('Wang Fang');
    await page.getByLabel('Mobile phone number (optional)').fill('+86 138-0013-8000');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Your details have been saved.' }).waitFor();
    expect(await page.getByLabel('Mobile phone number (optional)').inputValue()).toBe('+86 138 0013 8000');
    // Choosing Chinese for messages switches the app to Chinese too.
    await page.getByLabel('中文（简体）').check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.getByRole('banner').getByRole('button', { name: 'English' }).click();

    await open(page, '/account/password');
    await heading(page, 'Change your password');
    await page.getByLabel('Current password').fill('not my password at all');
    await page.getByLabel('New password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('alert').getByRole('link').first().waitFor();
    expect(await page.getByLabel('Current password').getAttribute('aria-invalid')).toBe('true');
    await checkAxe(page);
    await page.getByLabel('Current password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await heading(page, 'Your account');
    expect(await page.getByText('Your password has been changed.').isVisible()).toBe(true);

    // Another device signed in to the same account is listed and can be signed out from here.
    const other = await browser.newContext({ userAgent: 'Mozilla/5.0 (iPhone) AppleWebKit Safari/604.1' });
    const otherSignIn = await other.request.post(new URL('/api/v1/auth/sign-in', baseUrl).href, {
      headers: WRITE_HEADERS,
      data: { email, password: NEW_PASSWORD },
    });
    expect(otherSignIn.status()).toBe(200);
    await open(page, '/account/security');
    const thisDevice = page.getByRole('listitem').filter({ hasText: 'This device' });
    await thisDevice.waitFor();
    const iphone = page.getByRole('listitem').filter({ hasText: 'Safari · iPhone' });
    await iphone.getByRole('button', { name: /^Sign out Safari · iPhone/ }).click();
    await page.getByRole('status').filter({ hasText: 'That device has been signed out.' }).waitFor();
    await expect.poll(() => iphone.count()).toBe(0);
    expect((await other.request.get(new URL('/api/v1/auth/me', baseUrl).href)).status()).toBe(401);
    await other.close();

    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await page.getByText('Sign out on every device, this one too?').waitFor();
    await checkAxe(page);
    await page.getByRole('button', { name: 'Yes, sign out everywhere' }).click();
    await heading(page, 'Sign in');
    expect(await page.getByText('You have signed out on every device.').isVisible()).toBe(true);
    await open(page, '/account');
    await heading(page, 'Sign in');
    await signInWithPassword(page, email, NEW_PASSWORD);
    await page.context().close();
  });

  it('deletes the account after the password and a confirmation, and says what was kept', async () => {
    const page = await newPhonePage(browser, 'en');
    const email = await createSignedInAccount(page, 'delete');
    await open(page, '/account/privacy');
    await heading(page, 'Your data');
    expect(await page.getByRole('link', { name: 'Download my data' }).getAttribute('href')).toBe(
      '/api/v1/accounts/me/export',
    );
    const download = await page.request.get(new URL('/api/v1/accounts/me/export', baseUrl).href);
    expect(((await download.json()) as { account: { email: string } }).account.email).toBe(email);

    await page.getByRole('button', { name: 'Delete my account' }).click();
    await page.getByRole('alert').getByRole('link', { name: 'Enter your password' }).waitFor();
    await page.getByLabel('Your password').fill('not my password at all');
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await page.getByText('Delete your account now?').waitFor();
    await checkAxe(page);
    await page.getByRole('button', { name: 'Yes, delete my account' }).click();
    await page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
    expect(await page.getByLabel('Your password').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Your password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await page.getByRole('button', { name: 'Yes, delete my account' }).click();
    await heading(page, 'Your account has been deleted');
    expect(await page.getByRole('heading', { level: 2, name: 'What we kept, and why' }).isVisible()).toBe(true);
    // A new account has no open case or other record that must outlive it.
    expect(await page.getByText('We did not need to keep any records about you.').isVisible()).toBe(true);
    expect(await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).isVisible()).toBe(true);
    await checkAxe(page);
    await screenshot(page, 'citizen-account-deleted-phone-en');

    // The account is gone: its password no longer signs in.
    await open(page, '/sign-in');
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'The email or password is not right' }).waitFor();
    await page.context().close();
  });

  it('a staff account signing in here is sent to the staff console', async () => {
    const page = await newPhonePage(browser, 'en');
    await open(page, '/sign-in');
    await page.getByLabel('Email address').fill('officer.jp@demo.homeward.example');
    await page.getByLabel('Password', { exact: true }).fill('homeward-demo-2026');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText('This is a staff account.').waitFor();
    expect(await page.getByRole('link', { name: 'Go to the staff console' }).getAttribute('href')).toBe('/console/');
    // No session was opened here: the header still offers sign-in.
    expect(await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).isVisible()).toBe(true);
    await page.context().close();
  });

  it('offline, the account area says it cannot load, keeps the hotline, and recovers when the network returns', async () => {
    const page = await newPhonePage(browser, 'en');
    await createSignedInAccount(page, 'offline');
    await open(page, '/account');
    await heading(page, 'Your account');
    await waitForServiceWorker(page);
    await page.context().setOffline(true);
    await page.reload();
    await heading(page, 'Your account');
    await page.getByRole('alert').filter({ hasText: 'This could not be loaded' }).waitFor();
    expect(await page.getByRole('main').getByRole('button', { name: 'Try again' }).isVisible()).toBe(true);
    expect(await page.getByRole('contentinfo').getByRole('link', { name: /12308/ }).getAttribute('href')).toBe(
      'tel:+861012308',
    );
    await checkAxe(page);
    await screenshot(page, 'citizen-account-offline-phone-en');
    // Back online, the app asks who is signed in again by itself (Try again is there for a server that failed).
    await page.context().setOffline(false);
    await page.getByText(/Signed in as/).waitFor();
    await page.context().close();
  });

  const SIGNED_OUT_PAGES = [
    ['sign-in', '/sign-in'],
    ['sign-up', '/sign-up'],
    ['check-email', '/sign-up/check-email'],
    ['verify-email', '/verify-email?token=from-a-mail'],
    ['forgot-password', '/forgot-password'],
    ['reset-password', '/reset-password?token=from-a-mail'],
    ['account-deleted', '/account-deleted'],
  ] as const;
  const SIGNED_IN_PAGES = [
    ['account', '/account'],
    ['profile', '/account/profile'],
    ['password', '/account/password'],
    ['security', '/account/security'],
    ['privacy', '/account/privacy'],
  ] as const;

  // Each language and each width is checked (zh-CN on a phone, en on a desktop); the two other pairings add only
  // pictures for a person, so they run when pictures are asked for (HOMEWARD_SCREENSHOTS=1).
  const pairs: [UiLocale, 'phone' | 'desktop'][] =
    process.env.HOMEWARD_SCREENSHOTS === '1'
      ? [
          ['zh-CN', 'phone'],
          ['zh-CN', 'desktop'],
          ['en', 'phone'],
          ['en', 'desktop'],
        ]
      : [
          ['zh-CN', 'phone'],
          ['en', 'desktop'],
        ];
  for (const [locale, device] of pairs) {
    it(`every account page in ${locale} on a ${device}: accessible, help still first on Home`, async () => {
      const page = await (device === 'phone' ? newPhonePage : newDesktopPage)(browser, locale);
      for (const [name, path] of SIGNED_OUT_PAGES) {
        await open(page, path);
        await page.locator('main h1').waitFor();
        expect(await page.locator('html').getAttribute('lang')).toBe(locale);
        await checkAxe(page);
        await screenshot(page, `citizen-${name}-${device}-${locale}`);
      }
      // The error state in each language: summary first, the title says so, the same words by the fields.
      await open(page, '/sign-in');
      await page.locator('main form button[type="submit"]').click();
      await page.locator('.error-summary').waitFor();
      expect(await page.title()).toMatch(locale === 'en' ? /^Error: Sign in/ : /^错误：登录/);
      expect(await page.locator('#email-error').textContent()).toBe(
        locale === 'en' ? 'Error: Enter your email address' : '错误：请输入您的电子邮箱',
      );
      await checkAxe(page);
      await screenshot(page, `citizen-sign-in-errors-${device}-${locale}`);
      await createSignedInAccount(page, `pages-${device}`, locale);
      for (const [name, path] of SIGNED_IN_PAGES) {
        await open(page, path);
        await page.locator('main h1').waitFor();
        // Wait for lists and forms that load after the heading.
        await expect
          .poll(() =>
            page
              .getByRole('status')
              .filter({ hasText: /Loading|正在加载/ })
              .count(),
          )
          .toBe(0);
        await checkAxe(page);
        await screenshot(page, `citizen-${name}-${device}-${locale}`);
      }
      // Signed in, Home still leads with help and the hotline; the account link is in the header.
      await open(page, '/');
      const help = page.getByRole('link', { name: locale === 'en' ? 'I need help' : '我需要帮助' });
      const account = page
        .getByRole('banner')
        .getByRole('link', { name: locale === 'en' ? 'Your account' : '我的账户' });
      await account.waitFor();
      const helpBox = await help.boundingBox();
      const accountBox = await account.boundingBox();
      expect((helpBox?.height ?? 0) * (helpBox?.width ?? 0)).toBeGreaterThan(
        4 * (accountBox?.height ?? 0) * (accountBox?.width ?? 0),
      );
      expect(helpBox?.y ?? 999).toBeLessThan(400);
      await checkAxe(page);
      await screenshot(page, `citizen-landing-signed-in-${device}-${locale}`);
      await page.context().close();
    });
  }
});
