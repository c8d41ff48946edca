import { generate } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../../server/src/modules/demo/demo.accounts.ts';
import {
  checkAxe,
  describeBrowser,
  launchBrowser,
  newDesktopPage,
  newPhonePage,
  screenshot,
} from '../../server/test/support/browser.ts';
import { startTestServer, type TestServer } from '../../server/test/support/test-server.ts';

const officer = DEMO_ACCOUNTS.find((a) => a.email.startsWith('officer.us@'));
if (!officer) throw new Error('demo accounts have no Washington officer');

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(page: Page, path: string): Promise<void> {
  await page.goto(new URL(path, server.url).href);
  await page.waitForLoadState('networkidle');
}

/**
 * The authenticator code for the officer's next unused 30-second step: the server refuses a replayed step and
 * accepts ±1 step, and the tests below sign the same officer in twice within a step.
 */
let lastStep = -1;
async function officerCode(): Promise<string> {
  const now = () => Math.floor(Date.now() / 1000 / 30);
  const step = Math.max(now(), lastStep + 1);
  while (step > now() + 1) await new Promise((resolve) => setTimeout(resolve, 1000));
  lastStep = step;
  return generate({ secret: DEMO_TOTP_SECRET, epoch: step * 30 });
}

const activeElementText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? '');

describeBrowser('staff console: sign-in with authenticator code, missions table, sign-out', () => {
  it('a wrong password shows a focused error summary in Chinese, with the error in the title', async () => {
    const page = await newDesktopPage(browser, 'zh-CN');
    await open(page, '/console/');
    await page.getByRole('heading', { level: 1, name: '登录' }).waitFor();
    await checkAxe(page);
    await screenshot(page, 'console-sign-in-desktop-zh-CN');

    await page.getByLabel('电子邮箱').fill(officer.email);
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: '登录' }).click();
    const summary = page.getByRole('alert').filter({ hasText: '出现问题' });
    await summary.waitFor();
    expect(await summary.textContent()).toContain('电子邮箱或密码不正确');
    expect(await activeElementText(page)).toContain('出现问题');
    expect(await page.title()).toMatch(/^错误：/);
    await checkAxe(page);
    await screenshot(page, 'console-sign-in-error-desktop-zh-CN');

    // The summary links to the field it is about.
    await summary.getByRole('link', { name: '电子邮箱或密码不正确' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('email');
    await page.context().close();
  });

  it('empty fields are caught before sending, with messages that say what to do', async () => {
    const page = await newPhonePage(browser, 'en');
    await open(page, '/console/');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Enter your email address');
    expect(await summary.textContent()).toContain('Enter your password');
    expect(await page.title()).toMatch(/^Error: /);
    await checkAxe(page);
    await screenshot(page, 'console-sign-in-empty-phone-en');
    await page.context().close();
  });

  it('the demo officer signs in, filters missions by country (state in the URL) and signs out', async () => {
    const page = await newDesktopPage(browser, 'en');
    await open(page, '/console/');
    await page.getByLabel('Email address').fill(officer.email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Security code').fill(await officerCode());
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(/\/console\/home/);
    const banner = page.getByRole('banner');
    await banner.getByText(officer.displayName).waitFor();
    expect(await banner.getByText('Consular officer', { exact: true }).isVisible()).toBe(true);
    await banner.getByText(/Embassy of the People's Republic of China in the United States/).waitFor();
    await page.getByRole('heading', { level: 1, name: 'Missions' }).waitFor();
    await page.getByRole('table').getByRole('row').nth(1).waitFor();
    expect(await page.getByRole('table').textContent()).toMatch(/UTC[+-]\d{2}:\d{2}/);
    await checkAxe(page);

    // "/" jumps to the search box; typing there does not trigger it again.
    await page.locator('body').press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search');

    await page.getByLabel('Country or region covered').selectOption('JP');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('country')).toBe('JP');
    await expect.poll(() => page.getByRole('table').textContent()).toContain('Tokyo');
    expect(await page.getByRole('table').textContent()).not.toContain('Washington');
    await screenshot(page, 'console-missions-desktop-en');

    // Sorting keeps the filter: everything is in the URL.
    await page.getByRole('link', { name: /^City/ }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('city');
    expect(new URL(page.url()).searchParams.get('country')).toBe('JP');
    await expect
      .poll(() => page.getByRole('columnheader', { name: /City/ }).getAttribute('aria-sort'))
      .toBe('ascending');

    // The URL alone restores the view (shareable).
    await page.reload();
    await page.waitForLoadState('networkidle');
    expect(await page.getByLabel('Country or region covered').inputValue()).toBe('JP');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await open(page, '/console/home');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/console\/?$/);
    await page.context().close();
  });

  it('single-key shortcuts can be turned off (WCAG 2.1.4)', async () => {
    const page = await newDesktopPage(browser, 'zh-CN');
    await open(page, '/console/');
    await page.getByLabel('电子邮箱').fill(officer.email);
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByLabel('安全验证码').fill(await officerCode());
    await page.getByRole('button', { name: '继续' }).click();
    await page.getByRole('heading', { level: 1, name: '使领馆' }).waitFor();
    expect(await page.getByRole('banner').getByText('领事官员', { exact: true }).isVisible()).toBe(true);
    await page.getByLabel('使用单键快捷键').uncheck();
    await page.locator('body').press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).not.toBe('search');
    await checkAxe(page);
    await screenshot(page, 'console-missions-desktop-zh-CN');
    await page.context().close();
  });
});
