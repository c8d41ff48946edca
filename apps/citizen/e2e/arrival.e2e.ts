import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/src/modules/demo/demo.accounts.ts';
import {
  checkAxe,
  describeBrowser,
  launchBrowser,
  newDesktopPage,
  newPhonePage,
  screenshot,
} from '../../server/test/support/browser.ts';
import { startTestServer, type TestServer } from '../../server/test/support/test-server.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

// A server of its own for each try: the person's last country is part of what the test checks, so a retry must
// not start where a failed try left it.
beforeEach(async () => {
  server = await startTestServer();
});

afterEach(async () => {
  // Pages a failed try left open first: their inbox streams would hold the server's close.
  for (const context of browser?.contexts() ?? []) await context.close();
  await server?.close();
});

const url = (path: string) => new URL(path, server.url).href;
const PARIS = { latitude: 48.8566, longitude: 2.3522 };
const NAIROBI = { latitude: -1.2921, longitude: 36.8219 };

async function signInDemoCitizen(page: Page): Promise<void> {
  const answer = await page.request.post(url('/api/v1/auth/sign-in'), {
    headers: { 'X-Requested-With': 'homeward' },
    data: { email: 'citizen@demo.homeward.example', password: DEMO_PASSWORD },
  });
  expect(answer.status()).toBe(200);
}

async function welcomesTo(page: Page, title: RegExp): Promise<number> {
  const inbox = await page.request.get(url('/api/v1/inbox?limit=50'));
  const items = (await inbox.json()).items as { title: string }[];
  return items.filter((i) => title.test(i.title)).length;
}

describeBrowser('citizen app: on arrival when the app is opened in a new country', () => {
  it('with consent, opening the app in a new country brings its welcome once; without a permission nothing is sent', async () => {
    const page = await newPhonePage(browser, 'en');
    const context = page.context();
    await context.grantPermissions(['geolocation'], { origin: new URL(server.url).origin });
    await context.setGeolocation(PARIS);
    await signInDemoCitizen(page);
    await page.goto(url('/account'));
    await page.getByRole('link', { name: /Arrival messages/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Arrival messages' }).waitFor();
    // Off by default, explained before the browser asks.
    const consent = page.getByLabel('Send me a welcome message when I open the app in a new country');
    expect(await consent.isChecked()).toBe(false);
    expect(await page.getByText('keeps only the country, never your location').isVisible()).toBe(true);
    await checkAxe(page);
    await consent.check();
    await page.getByText('On. You are in France now.').waitFor();
    await screenshot(page, 'citizen-arrival-setting-phone-en');

    // The next opening of the app is in Kenya: a welcome with the advisory and the hotline arrives, once.
    await context.setGeolocation(NAIROBI);
    await page.goto(url('/inbox'));
    // Through the job queue; the list follows the inbox stream (under a full run's load, more than 15 s).
    await page
      .getByText(/Welcome to Kenya|欢迎来到肯尼亚/)
      .first()
      .waitFor({ timeout: 30_000 });
    await page.reload();
    await page
      .getByText(/Welcome to Kenya|欢迎来到肯尼亚/)
      .first()
      .waitFor();
    await page.waitForTimeout(1500);
    expect(await welcomesTo(page, /^(Welcome to Kenya|欢迎来到肯尼亚)/)).toBe(1);
    expect(await welcomesTo(page, /^(Welcome to France|欢迎来到法国)/)).toBe(0);
    await page.close();

    // zh-CN, desktop, and a browser that refuses the location: the setting stays off and says why.
    const zh = await newDesktopPage(browser, 'zh-CN');
    await signInDemoCitizen(zh);
    await zh.goto(url('/account/location'));
    await zh.getByRole('heading', { level: 1, name: '入境提醒' }).waitFor();
    await zh.getByLabel('在新的国家打开应用时，给我发送欢迎消息').click();
    await zh.getByText(/浏览器未允许使用位置/).waitFor();
    expect(await zh.getByLabel('在新的国家打开应用时，给我发送欢迎消息').isChecked()).toBe(false);
    await checkAxe(zh);
    await screenshot(zh, 'citizen-arrival-refused-desktop-zh-CN');
    await zh.close();
  }, 60_000);
});
