import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/src/modules/demo/demo.accounts.ts';
import { CHECKLIST } from '../../server/src/modules/guidance/guidance.checklist.ts';
import {
  checkAxe,
  describeBrowser,
  launchBrowser,
  newDesktopPage,
  newPhonePage,
  screenshot,
} from '../../server/test/support/browser.ts';
import { signInToConsole } from '../../server/test/support/console.ts';
import { startTestServer, type TestServer } from '../../server/test/support/test-server.ts';

const ALERTS = 'alerts@demo.homeward.example';
const OFFICER_US = 'officer.us@demo.homeward.example';

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

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();

describeBrowser('staff console: business security guidance', () => {
  it('an alert manager writes an article, edits it (history kept), and sends it to the site staff in Washington DC', async () => {
    const page = await newDesktopPage(browser, 'en');
    await signInToConsole(page, { baseUrl: server.url, email: ALERTS, locale: 'en' });
    await page.getByRole('link', { name: 'Security guidance' }).first().click();
    await heading(page, 'Security guidance for businesses');
    await page.getByRole('link', { name: 'Japan: earthquakes and tsunamis' }).waitFor();
    await checkAxe(page);
    await screenshot(page, 'console-guidance-list-desktop-en');

    await page.getByRole('link', { name: 'Write an article' }).click();
    await heading(page, 'Write a guidance article');
    await page.getByRole('button', { name: 'Save' }).click();
    const problems = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    expect(await problems.getByRole('link').allTextContents()).toEqual([
      'Choose a type of risk',
      'Write the title and text in at least one language',
    ]);
    await checkAxe(page);

    await page.getByLabel('Type of risk').selectOption('civil_unrest');
    await page.getByLabel('Country or area').selectOption('US');
    const english = page.getByRole('group', { name: 'In English' });
    await english.getByLabel('Title').fill('Washington DC: demonstrations near the office');
    // HTML in the Markdown is sanitised on the way to the page: the handler below must never run.
    await english
      .getByLabel('Text')
      .fill(
        '## Before\n\n- Follow local news.\n- Keep staff inside during marches.\n\n<img src="x" alt="" onerror="window.__pwned = true">',
      );
    await page
      .getByRole('region', { name: /Preview in English/ })
      .getByRole('heading', { name: 'Before' })
      .waitFor();
    await page.getByLabel(/Published: everyone can read it/).check();
    const preview = page.getByRole('region', { name: /Preview in English/ });
    expect(await preview.locator('img').getAttribute('onerror')).toBeNull();
    await checkAxe(page);
    await screenshot(page, 'console-guidance-editor-desktop-en');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved as version 1.' }).waitFor();
    await heading(page, 'Edit a guidance article');

    await english
      .getByLabel('Text')
      .fill(
        '## Before\n\n- Follow local news.\n- Keep staff inside during marches.\n- Keep a week of water.\n\n<img src="x" alt="" onerror="window.__pwned = true"><script>window.__pwned = true</script>',
      );
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved as version 2.' }).waitFor();
    const history = page.getByRole('region', { name: 'Every saved version' });
    await expect.poll(() => history.getByRole('listitem').count()).toBe(2);
    expect(await history.textContent()).toContain('Version 1 · Published');

    // Citizens read the published version with the same sanitising: no handler, no script ran.
    const reader = await page.context().newPage();
    await reader.goto(`${server.url}/guidance/washington-dc-demonstrations-near-the-office`);
    await reader.getByRole('heading', { level: 1, name: 'Washington DC: demonstrations near the office' }).waitFor();
    await reader.getByText('Keep a week of water.').waitFor();
    expect(await reader.locator('.markdown img').getAttribute('onerror')).toBeNull();
    expect(await reader.locator('.markdown script').count()).toBe(0);
    expect(await reader.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
    await reader.close();

    // Send it to the site staff in the District of Columbia.
    await page.getByRole('link', { name: 'All guidance articles' }).click();
    await page.getByRole('link', { name: 'Send guidance to businesses' }).click();
    await heading(page, 'Send guidance to businesses in an area');
    const option = page.locator('#send-article option', { hasText: 'Washington DC: demonstrations' });
    await page.getByLabel('Article').selectOption((await option.getAttribute('value')) ?? '');
    await page.getByLabel('Country or area').selectOption('US');
    await page.getByLabel('Region (optional)').selectOption('US-DC');
    await page.getByRole('button', { name: 'Add to the area' }).click();
    const reach = page.locator('.guidance-reach');
    await expect.poll(() => reach.textContent()).toMatch(/Reaches \d+ (person|people)/);
    const count = Number((await reach.textContent())?.match(/\d+/)?.[0]);
    expect(count).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Check and send' }).click();
    const confirm = page.getByRole('group', { name: /Send “Washington DC: demonstrations near the office”/ });
    expect(await confirm.textContent()).toContain(`${count}`);
    await checkAxe(page);
    await screenshot(page, 'console-guidance-send-desktop-en');
    await confirm.getByRole('button', { name: 'Send now' }).click();
    await page.getByRole('status').filter({ hasText: 'is on its way to' }).waitFor();

    await page.getByRole('link', { name: 'All guidance articles' }).click();
    const sends = page.getByRole('region', { name: 'Latest sends' });
    await sends.getByText(/To US-DC:/).waitFor();
    await page.context().close();
  });

  it('the Washington officer sees the demo enterprise’s latest self-assessment score on its site page', async () => {
    // The demo citizen manages the enterprise and assesses it.
    const citizen = await newPhonePage(browser, 'en');
    const base = server.url;
    expect(
      (
        await citizen.request.post(`${base}/api/v1/auth/sign-in`, {
          headers: { 'X-Requested-With': 'homeward' },
          data: { email: 'citizen@demo.homeward.example', password: DEMO_PASSWORD },
        })
      ).status(),
    ).toBe(200);
    const organisations = await (await citizen.request.get(`${base}/api/v1/organisations`)).json();
    const answers = Object.fromEntries(CHECKLIST.map((q) => [q.id, 'partly']));
    const posted = await citizen.request.post(`${base}/api/v1/organisations/${organisations.items[0].id}/assessments`, {
      headers: { 'X-Requested-With': 'homeward' },
      data: { answers },
    });
    expect(posted.status()).toBe(201);
    await citizen.context().close();

    const page = await newDesktopPage(browser, 'zh-CN');
    await signInToConsole(page, { baseUrl: server.url, email: OFFICER_US, locale: 'zh-CN' });
    await page.getByRole('link', { name: '驻外企业' }).first().click();
    await page
      .getByRole('region', { name: '驻外地点' })
      .getByRole('link', { name: /Washington Office/ })
      .click();
    const section = page.getByRole('region', { name: '安全自评' });
    await section.getByText('50 分（满分 100 分） · 一般').waitFor();
    expect(await section.textContent()).toContain('未自评');
    await checkAxe(page);
    await screenshot(page, 'console-enterprise-assessment-desktop-zh');
    await page.context().close();
  });
});
