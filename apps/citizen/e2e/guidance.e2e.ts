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
import { startTestServer, type TestServer } from '../../server/test/support/test-server.ts';

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

const url = (path: string) => new URL(path, server.url).href;

async function open(page: Page, path: string): Promise<void> {
  await page.goto(url(path));
  await page.waitForLoadState('networkidle');
}

async function heading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

async function signInDemoCitizen(page: Page): Promise<void> {
  const answer = await page.request.post(url('/api/v1/auth/sign-in'), {
    headers: { 'X-Requested-With': 'homeward' },
    data: { email: 'citizen@demo.homeward.example', password: DEMO_PASSWORD },
  });
  expect(answer.status()).toBe(200);
}

describeBrowser('citizen app: business security guidance', () => {
  it('a business user finds and reads an article, then completes the self-assessment and sees the score', async () => {
    const page = await newPhonePage(browser, 'en');
    await signInDemoCitizen(page);
    await open(page, '/');
    await page.getByRole('link', { name: /Security guidance for businesses/ }).click();
    await heading(page, 'Security guidance for businesses');
    await page.getByRole('heading', { level: 2, name: /10 articles/ }).waitFor();
    await checkAxe(page);
    await screenshot(page, 'citizen-guidance-library-phone-en');

    // Filters live in the address: Japan and natural disasters leave one article.
    await page.getByLabel('Country or area').selectOption('JP');
    await page.getByLabel('Type of risk').selectOption('natural_disaster');
    await page.getByRole('button', { name: 'Show guidance' }).click();
    await page.getByRole('heading', { level: 2, name: '1 article' }).waitFor();
    expect(new URL(page.url()).searchParams.get('country')).toBe('JP');
    await page.getByRole('link', { name: 'Japan: earthquakes and tsunamis' }).click();
    await heading(page, 'Japan: earthquakes and tsunamis');
    // Markdown rendered: the article's own headings sit below the page's.
    await page.getByRole('heading', { level: 2, name: 'During an earthquake' }).waitFor();
    expect(await page.getByText('Drop, cover and hold on').isVisible()).toBe(true);
    await checkAxe(page);
    await screenshot(page, 'citizen-guidance-article-phone-en');

    // The assessment starts from the organisation page.
    await open(page, '/organisations');
    await page.getByRole('link', { name: /Huaxia Construction/ }).click();
    await page.getByRole('link', { name: 'Security self-assessment' }).click();
    await heading(page, 'Security self-assessment');
    await page.getByRole('heading', { level: 2, name: 'Crisis plan' }).waitFor();
    await checkAxe(page);

    // Sending with nothing answered lists every question, each linking to its answers.
    await page.getByRole('button', { name: 'See my score' }).click();
    const problems = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await problems.waitFor();
    expect(await problems.getByRole('link').count()).toBe(CHECKLIST.length);
    await checkAxe(page);

    // Yes to everything but the crisis plan (no) and two-step sign-in (partly).
    for (const question of CHECKLIST) {
      const answer = question.id === 'crisis-plan' ? 'No' : question.id === 'cyber-basics' ? 'Partly' : 'Yes';
      await page.getByRole('group', { name: question.text.en }).getByLabel(answer, { exact: true }).check();
    }
    await screenshot(page, 'citizen-guidance-assessment-phone-en');
    await page.getByRole('button', { name: 'See my score' }).click();
    await heading(page, 'Your security self-assessment');
    const total = CHECKLIST.reduce((sum, q) => sum + q.weight, 0);
    const score = Math.round(((total - 3 - 1) / total) * 100);
    expect(await page.getByText(`${score} out of 100`).isVisible()).toBe(true);
    expect(await page.getByText('Strong', { exact: true }).isVisible()).toBe(true);
    const what = page.getByRole('region', { name: 'What to do' });
    const items = what.getByRole('listitem').filter({ has: page.locator('.item__title') });
    expect(await items.count()).toBe(2);
    expect(await items.first().textContent()).toContain('Write a contingency plan');
    await what.getByRole('link', { name: 'Cyber security for an office abroad' }).waitFor();
    await checkAxe(page);
    await screenshot(page, 'citizen-guidance-result-phone-en');
  });

  it('shows the library and an article in Chinese on a desktop', async () => {
    const page = await newDesktopPage(browser, 'zh-CN');
    await open(page, '/guidance?risk=kidnapping');
    await heading(page, '企业安全指南');
    await page.getByRole('link', { name: '降低绑架风险' }).click();
    await heading(page, '降低绑架风险');
    expect(await page.getByText('变换出行路线和时间').isVisible()).toBe(true);
    await checkAxe(page);
    await screenshot(page, 'citizen-guidance-article-desktop-zh');
  });
});
