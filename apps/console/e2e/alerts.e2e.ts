import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/src/modules/demo/demo.accounts.ts';
import {
  checkAxe,
  describeBrowser,
  launchBrowser,
  newDesktopPage,
  newPhonePage,
  screenshot,
} from '../../server/test/support/browser.ts';
import { signInToConsole } from '../../server/test/support/console.ts';
import { startSmtpServer, type TestSmtpServer } from '../../server/test/support/smtp.ts';
import { startTestServer, type TestServer } from '../../server/test/support/test-server.ts';

// Issue 6's last Done-when: an alert manager draws a polygon around central Tokyo, a second alert manager approves,
// the demo citizen (on a trip to Tokyo this week) sees the alert and answers "Safe", a citizen living in Washington
// sees nothing, and the tally shows one safe.
const WRITER = 'alerts@demo.homeward.example';
const REVIEWER = 'alerts2@demo.homeward.example';
const OUTSIDE_PASSWORD = 'copper kettle sings at dawn 41';
const WRITE_HEADERS = { 'X-Requested-With': 'homeward', 'Accept-Language': 'en' };
const TOKYO_CORNERS = [
  [35.5, 139.5],
  [35.5, 140.0],
  [35.9, 140.0],
  [35.9, 139.5],
] as const;

let smtp: TestSmtpServer;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  smtp = await startSmtpServer();
  server = await startTestServer({ HOMEWARD_SMTP_URL: smtp.url });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await smtp?.close();
});

const url = (path: string) => new URL(path, server.url).href;

async function shoot(page: Page, name: string): Promise<void> {
  await checkAxe(page);
  await screenshot(page, name);
}

/** A citizen who lives in Washington DC, signed up and confirmed through the API in the page's cookie jar. */
async function citizenInWashington(page: Page): Promise<void> {
  const email = `wang.${Date.now().toString(36)}@example.org`;
  const signUp = await page.request.post(url('/api/v1/accounts/sign-up'), {
    headers: WRITE_HEADERS,
    data: { email, password: OUTSIDE_PASSWORD, displayName: 'Wang', locale: 'en' },
  });
  expect(signUp.status()).toBe(202);
  const mail = await smtp.waitFor((m) => m.to.includes(email) && /verify-email\?token=/.test(m.text), 15_000);
  const token = /verify-email\?token=([\w-]+)/.exec(mail.text)?.[1];
  const verified = await page.request.post(url('/api/v1/accounts/verify-email'), {
    headers: WRITE_HEADERS,
    data: { token },
  });
  expect(verified.status()).toBe(200);
  const profile = await page.request.put(url('/api/v1/registry/me'), {
    headers: WRITE_HEADERS,
    data: { familyName: 'WANG', givenName: 'FANG', nativeName: '王芳' },
  });
  expect(profile.status()).toBe(200);
  const home = await page.request.post(url('/api/v1/registry/me/presences'), {
    headers: WRITE_HEADERS,
    data: { kind: 'residence', countryCode: 'US', cityId: 4140963, arrivalOn: '2024-01-01' },
  });
  expect(home.status(), await home.text()).toBe(201);
}

describeBrowser('safety alerts', () => {
  it('an alert manager draws a polygon, a second approves, the citizen inside answers Safe, one outside sees nothing', async () => {
    // The writer composes in English on a desktop.
    const writer = await newDesktopPage(browser, 'en');
    await signInToConsole(writer, { baseUrl: server.url, email: WRITER, locale: 'en' });
    await writer.getByRole('link', { name: 'Safety alerts' }).click();
    await writer.getByRole('heading', { level: 1, name: 'Safety alerts' }).waitFor();
    await writer.getByRole('link', { name: 'Write an alert' }).click();
    await writer.getByRole('heading', { level: 1, name: 'Write an alert' }).waitFor();
    await writer.waitForLoadState('networkidle');

    // Saving with nothing says what is missing, at the top and at each field.
    await writer.getByRole('button', { name: 'Save draft' }).click();
    const summary = writer.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Choose the country the alert is about');
    expect(await summary.textContent()).toContain('Draw the area the alert is for');
    await shoot(writer, 'alerts-compose-errors-desktop-en');

    await writer.getByLabel('Country the alert is about').selectOption('JP');
    const english = writer.getByRole('group', { name: 'In English' });
    await english.getByLabel('Headline').fill('Strong earthquake in Tokyo');
    await english.getByLabel('What happened').fill('A magnitude 7 earthquake struck central Tokyo at 14:05.');
    await english
      .getByLabel('What to do (optional)')
      .fill('Stay away from damaged buildings. Follow local instructions.');
    const chinese = writer.getByRole('group', { name: 'In Chinese' });
    await chinese.getByLabel('Headline').fill('东京发生强烈地震');
    await chinese.getByLabel('What happened').fill('14时05分东京市中心发生7级地震。');

    // A click on the map places a corner; the same corners can be typed (WCAG 2.5.7).
    const map = writer.getByRole('img', { name: /click to add a corner/ });
    await map.click();
    await writer.getByRole('group', { name: 'Polygon being drawn: 1 corner' }).waitFor();
    await writer.getByRole('button', { name: 'Start the polygon again' }).click();
    for (const [lat, lon] of TOKYO_CORNERS) {
      await writer.getByLabel('Latitude').fill(String(lat));
      await writer.getByLabel('Longitude').fill(String(lon));
      await writer.getByRole('button', { name: 'Add this corner' }).click();
    }
    await writer.getByRole('group', { name: 'Polygon being drawn: 4 corners' }).waitFor();
    await writer.getByRole('button', { name: 'Finish polygon' }).click();
    await writer.getByText('Polygon 1 (4 corners)').waitFor();
    // The live count: the demo citizen and the demo registrants around Tokyo.
    const count = writer.getByRole('status').filter({ hasText: /This area reaches \d/ });
    await count.waitFor();
    await shoot(writer, 'alerts-compose-desktop-en');
    await writer.getByRole('button', { name: 'Save draft' }).click();
    await writer.getByRole('status').filter({ hasText: 'Draft saved.' }).waitFor();
    await writer.getByRole('heading', { level: 1, name: 'Strong earthquake in Tokyo' }).waitFor();
    const alertUrl = writer.url();
    const alertId = alertUrl.split('/').at(-1) as string;

    await writer.getByRole('button', { name: 'Send for review' }).click();
    await writer.getByRole('status').filter({ hasText: 'Sent for review' }).waitFor();
    // Four eyes: the writer cannot approve their own alert.
    await writer.getByText('You wrote or sent this alert for review').waitFor();
    expect(await writer.getByRole('button', { name: 'Approve and send' }).count()).toBe(0);
    await shoot(writer, 'alerts-pending-author-desktop-en');
    await writer.context().close();

    // The reviewer, in Chinese, finds it in the review queue and approves after the confirmation.
    const reviewer = await newDesktopPage(browser, 'zh-CN');
    await signInToConsole(reviewer, { baseUrl: server.url, email: REVIEWER, locale: 'zh-CN' });
    await reviewer.getByRole('link', { name: '安全提醒' }).click();
    await reviewer.getByRole('link', { name: '待审核' }).click();
    await reviewer.getByRole('table').getByRole('link', { name: '东京发生强烈地震' }).waitFor();
    await shoot(reviewer, 'alerts-list-desktop-zh-CN');
    await reviewer.getByRole('link', { name: '东京发生强烈地震' }).click();
    await reviewer.getByRole('heading', { level: 1, name: '东京发生强烈地震' }).waitFor();
    await reviewer.waitForLoadState('networkidle');
    await shoot(reviewer, 'alerts-review-desktop-zh-CN');
    await reviewer.getByRole('button', { name: '审核通过并发出' }).click();
    const confirm = reviewer.getByRole('group', { name: /现在向 .+ 人发出此提醒？/ });
    await confirm.waitFor();
    await confirm.getByRole('button', { name: '审核通过并发出' }).click();
    await reviewer.getByRole('status').filter({ hasText: '已审核通过并发出。' }).waitFor();
    await reviewer.getByRole('heading', { name: '“您是否平安”回复情况' }).waitFor();
    expect(await reviewer.getByTestId('tally-safe').textContent()).toBe('0');

    // The citizen on a trip to Tokyo sees it in their language on the phone, and answers Safe in one tap.
    const inside = await newPhonePage(browser, 'en');
    await inside.goto(url('/sign-in'));
    await inside.getByLabel('Email address').fill('citizen@demo.homeward.example');
    await inside.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await inside.getByRole('button', { name: 'Sign in', exact: true }).click();
    await inside.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    const received = await inside.request.get(url('/api/v1/alerts/received'));
    expect((await received.json()).items.map((a: { id: string }) => a.id)).toContain(alertId);
    await inside.goto(url(`/alerts/${alertId}`));
    await inside.getByRole('heading', { level: 2, name: 'Are you safe?' }).waitFor();
    await inside.waitForLoadState('networkidle');
    await shoot(inside, 'alerts-citizen-alert-phone-en');
    await inside.getByRole('button', { name: "I'm safe" }).click();
    await inside.getByRole('status').filter({ hasText: 'We recorded that you are safe' }).waitFor();
    await shoot(inside, 'alerts-citizen-safe-phone-en');
    await inside.context().close();

    // The e-mail the delivery module sent carries the signed one-tap links: "Safe" from it needs no sign-in.
    const mail = await smtp.waitFor(
      (m) => m.to.includes('citizen@demo.homeward.example') && /\/checkin\/[\w.-]+\?answer=safe/.test(m.text),
      30_000,
    );
    const safeLink = /\/checkin\/[\w.-]+\?answer=safe/.exec(mail.text)?.[0] ?? '';
    const tap = await newPhonePage(browser, 'zh-CN');
    await tap.goto(url(safeLink));
    await tap.getByRole('status').filter({ hasText: '谢谢，已记录您平安。' }).waitFor();
    await shoot(tap, 'alerts-checkin-link-phone-zh-CN');
    // A link whose signature does not match says so, with the hotline.
    await tap.goto(url(safeLink.replace(/\.[\w-]+\?/, '.AAAAAAAAAAAAAAAAAAAAAA?')));
    await tap.getByRole('heading', { level: 1, name: '此链接无效' }).waitFor();
    await shoot(tap, 'alerts-checkin-link-invalid-phone-zh-CN');
    await tap.context().close();

    // A citizen living in Washington received nothing and is not asked.
    const outside = await newPhonePage(browser, 'zh-CN');
    await citizenInWashington(outside);
    const theirs = await outside.request.get(url('/api/v1/alerts/received'));
    expect((await theirs.json()).items).toEqual([]);
    await outside.goto(url(`/alerts/${alertId}`));
    // Their account's language (English) or the phone's: the alert is in one of them.
    await outside.getByRole('heading', { level: 1, name: /东京发生强烈地震|Strong earthquake in Tokyo/ }).waitFor();
    expect(await outside.getByRole('heading', { name: /平安|safe/i }).count()).toBe(0);
    await shoot(outside, 'alerts-citizen-public-phone-zh-CN');
    await outside.context().close();

    // The reviewer's tally shows one safe, live.
    await expect.poll(async () => reviewer.getByTestId('tally-safe').textContent(), { timeout: 10_000 }).toBe('1');
    await shoot(reviewer, 'alerts-tally-desktop-zh-CN');
    const cap = await reviewer.request.get(url(`/api/v1/alerts/${alertId}.cap`));
    expect(cap.headers()['content-type']).toBe('application/cap+xml; charset=utf-8');
    expect(await cap.text()).toContain('<msgType>Alert</msgType>');
    // Incoming CAP: a partner's file becomes a signal; "make an alert" opens the composer with its area.
    await reviewer.goto(url('/console/alerts/signals'));
    await reviewer.getByRole('heading', { level: 1, name: '外部 CAP 信号' }).waitFor();
    await reviewer.getByLabel('上传 CAP 文件').setInputFiles({
      name: 'thunderstorm.xml',
      mimeType: 'application/xml',
      buffer: readFileSync(
        new URL('../../../packages/cap/test/fixtures/alerts/spec-a2-severe-thunderstorm.xml', import.meta.url),
      ),
    });
    await reviewer.getByRole('status').filter({ hasText: '已收到 1 条信号。' }).waitFor();
    await shoot(reviewer, 'alerts-signals-desktop-zh-CN');
    await reviewer.getByRole('link', { name: '据此撰写提醒' }).first().click();
    await reviewer.getByRole('heading', { level: 1, name: '撰写提醒' }).waitFor();
    await reviewer.getByText('多边形 1（', { exact: false }).waitFor();
    await reviewer.context().close();
  });
});
