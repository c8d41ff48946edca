import { generate } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../../server/src/modules/demo/demo.accounts.ts';
import {
  checkAxe,
  describeBrowser,
  launchBrowser,
  newDesktopPage,
  newPhonePage,
  screenshot,
  type UiLocale,
} from '../../server/test/support/browser.ts';
import { startTestServer, type TestServer } from '../../server/test/support/test-server.ts';

const OFFICER_US = 'officer.us@demo.homeward.example';
const ADMIN = 'admin@demo.homeward.example';
const PERIOD = 30;

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

// The server refuses a replayed authenticator step; each sign-in of an account takes the next one (±1 accepted).
const lastStep = new Map<string, number>();
async function freshCode(account: string): Promise<string> {
  const now = () => Math.floor(Date.now() / 1000 / PERIOD);
  const step = Math.max(now(), (lastStep.get(account) ?? -1) + 1);
  while (step > now() + 1) await new Promise((resolve) => setTimeout(resolve, 1000));
  lastStep.set(account, step);
  return generate({ secret: DEMO_TOTP_SECRET, epoch: step * PERIOD });
}

const labels = {
  'zh-CN': { email: '电子邮箱', password: '密码', signIn: '登录', code: '安全验证码', continue: '继续' },
  en: { email: 'Email address', password: 'Password', signIn: 'Sign in', code: 'Security code', continue: 'Continue' },
} as const;

async function signIn(page: Page, locale: UiLocale, email: string): Promise<void> {
  const l = labels[locale];
  await open(page, '/console/');
  await page.getByLabel(l.email).fill(email);
  await page.getByLabel(l.password).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: l.signIn }).click();
  await page.getByLabel(l.code).fill(await freshCode(email));
  await page.getByRole('button', { name: l.continue }).click();
  await page.waitForURL((url) => !/\/console\/?$/.test(url.pathname));
  await page.waitForLoadState('networkidle');
}

describeBrowser('staff console: enterprises abroad', () => {
  it('the Washington officer sees the DC site of the demo enterprise, not its Tokyo site, and opens it (audited)', async () => {
    const page = await newDesktopPage(browser, 'en');
    await signIn(page, 'en', OFFICER_US);
    await page.getByRole('link', { name: 'Enterprises' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Enterprises abroad' }).waitFor();
    const sites = page.getByRole('region', { name: 'Sites' });
    await sites.getByRole('link', { name: /Washington Office/ }).waitFor();
    expect(await sites.getByRole('link', { name: /Tokyo Branch/ }).count()).toBe(0);
    await checkAxe(page);
    await screenshot(page, 'console-enterprises-desktop-en');

    await sites.getByRole('link', { name: /Washington Office/ }).click();
    await page.getByRole('heading', { level: 1, name: /Washington Office/ }).waitFor();
    await page.getByText('Opening this page and its staff list is recorded in the audit log.').waitFor();
    await page.getByRole('rowheader', { name: /LIU YANG/ }).waitFor();
    expect(await page.getByRole('link', { name: '+12025550142' }).count()).toBe(1);
    await checkAxe(page);
    await screenshot(page, 'console-enterprise-site-desktop-en');
    await page.context().close();
  });

  it('HQ sees every country in Chinese on a phone, and filters by country', async () => {
    const page = await newPhonePage(browser, 'zh-CN');
    await signIn(page, 'zh-CN', ADMIN);
    await open(page, '/console/enterprises');
    await page.getByRole('heading', { level: 1, name: '驻外企业' }).waitFor();
    const byCountry = page.getByRole('region', { name: '按国家' });
    await byCountry.getByRole('link', { name: '日本' }).waitFor();
    await byCountry.getByRole('link', { name: '美国' }).waitFor();
    await checkAxe(page);
    await screenshot(page, 'console-enterprises-phone-zh-CN');
    await byCountry.getByRole('link', { name: '日本' }).click();
    await expect.poll(() => page.url()).toContain('country=JP');
    const sites = page.getByRole('region', { name: '驻外地点' });
    await sites.getByRole('link', { name: /Tokyo Branch/ }).waitFor();
    expect(await sites.getByRole('link', { name: /Washington Office/ }).count()).toBe(0);
    await sites.getByRole('link', { name: /Tokyo Branch/ }).click();
    await page.getByRole('heading', { level: 2, name: '安全联系人' }).waitFor();
    await checkAxe(page);
    await screenshot(page, 'console-enterprise-site-phone-zh-CN');
    await page.context().close();
  });
});
