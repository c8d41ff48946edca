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
} from '../../server/test/support/browser.ts';
import { signInToConsole } from '../../server/test/support/console.ts';
import { startTestServer, type TestServer } from '../../server/test/support/test-server.ts';

const OFFICER_US = 'officer.us@demo.homeward.example';
const ADMIN = 'admin@demo.homeward.example';

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

async function signIn(page: Page, locale: UiLocale, email: string): Promise<void> {
  await signInToConsole(page, { baseUrl: server.url, email, locale });
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
    // The list is replaced after the address changes: wait until the other country's site is gone.
    await expect.poll(() => sites.getByRole('link', { name: /Washington Office/ }).count()).toBe(0);
    await sites.getByRole('link', { name: /Tokyo Branch/ }).click();
    await page.getByRole('heading', { level: 2, name: '安全联系人' }).waitFor();
    await checkAxe(page);
    await screenshot(page, 'console-enterprise-site-phone-zh-CN');
    await page.context().close();
  });
});
