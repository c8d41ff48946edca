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

const ADMIN = 'admin@demo.homeward.example';
const HEAD = 'head.us@demo.homeward.example';
const OFFICER = 'officer.us@demo.homeward.example';

const LABELS = {
  en: {
    nav: 'Dashboard',
    title: 'Case dashboard',
    open: 'Open cases',
    showNumbers: 'Show the numbers',
    byMission: 'Open cases by mission',
  },
  'zh-CN': {
    nav: '案件概览',
    title: '案件概览',
    open: '未结案件',
    showNumbers: '显示数字',
    byMission: '各使领馆未结案件',
  },
} as const;

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

/** The server's dashboard, asked directly with the page's session. */
async function apiDashboard(page: Page): Promise<{ openTotal: number; openByMission: { missionCode: string }[] }> {
  return page.evaluate(async () => (await fetch('/api/v1/dashboard/cases')).json());
}

async function openDashboard(page: Page, locale: UiLocale, email: string, device: 'phone' | 'desktop') {
  const l = LABELS[locale];
  await signInToConsole(page, { baseUrl: server.url, email, locale });
  await page.getByRole('navigation').getByRole('link', { name: l.nav, exact: true }).click();
  await page.waitForURL(/\/console\/dashboard$/);
  await page.getByRole('heading', { level: 1, name: l.title }).waitFor();
  await page.getByRole('heading', { level: 2, name: l.byMission }).waitFor();
  const api = await apiDashboard(page);
  const figure = page
    .getByRole('definition')
    .filter({ has: page.getByRole('link') })
    .first();
  expect(Number((await figure.textContent())?.replace(/\D/g, ''))).toBe(api.openTotal);
  // Each mission the server counts is a row of the table (the bars are only decoration).
  const missionRows = page.getByRole('region', { name: l.byMission }).getByRole('table').locator('tbody tr');
  expect(await missionRows.count()).toBe(api.openByMission.length);
  await checkAxe(page);
  await page.getByText(l.showNumbers).first().click();
  expect(await page.getByRole('table').filter({ hasText: /UTC/ }).count()).toBeGreaterThan(0);
  await checkAxe(page);
  await screenshot(page, `console-dashboard-${device}-${locale}`);
  return api;
}

describeBrowser('staff console: case dashboard and saved views', () => {
  it('HQ sees every mission’s open cases, figures that match the server, charts with their numbers', async () => {
    const page = await newDesktopPage(browser, 'en');
    const api = await openDashboard(page, 'en', ADMIN, 'desktop');
    expect(new Set(api.openByMission.map((m) => m.missionCode)).size).toBeGreaterThan(1);
    await page.context().close();
  });

  it('a head of mission sees only their mission, in Chinese on a phone', async () => {
    const page = await newPhonePage(browser, 'zh-CN');
    const api = await openDashboard(page, 'zh-CN', HEAD, 'phone');
    expect(api.openByMission.map((m) => m.missionCode)).toEqual(['US-WAS']);
    expect(await page.getByText('US-WAS').count()).toBeGreaterThan(0);
    expect(await page.getByText('JP-TYO').count()).toBe(0);
    await page.context().close();
  });

  it('an officer has no dashboard in the menu', async () => {
    const page = await newDesktopPage(browser, 'en');
    await signInToConsole(page, { baseUrl: server.url, email: OFFICER, locale: 'en' });
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Dashboard', exact: true }).count()).toBe(0);
    await page.context().close();
  });

  it('an officer saves the filters of the case list as a view, opens it again and deletes it after confirming', async () => {
    const page = await newDesktopPage(browser, 'en');
    await signInToConsole(page, { baseUrl: server.url, email: OFFICER, locale: 'en' });
    await page.goto(new URL('/console/cases', server.url).href);
    await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
    await page.getByText('No saved views yet.').waitFor();

    await page.getByRole('button', { name: 'Save view' }).click();
    await page.getByRole('alert').filter({ hasText: 'Enter a name for the view' }).waitFor();
    expect(await page.getByLabel('Save these filters as').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Search cases').fill('护照');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/q=/);
    await page.getByLabel('Save these filters as').fill('Passports 护照');
    await page.getByRole('button', { name: 'Save view' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved the view “Passports 护照”.' }).waitFor();
    const view = page.getByRole('link', { name: 'Passports 护照' });
    expect(await view.getAttribute('aria-current')).toBe('page');
    await checkAxe(page);
    await screenshot(page, 'console-saved-views-desktop-en');

    await page.getByLabel('Save these filters as').fill('Passports 护照');
    await page.getByRole('button', { name: 'Save view' }).click();
    await page.getByRole('alert').filter({ hasText: 'You already have a saved view with this name' }).waitFor();

    await page.goto(new URL('/console/cases', server.url).href);
    await view.click();
    await page.waitForURL(/q=%E6%8A%A4%E7%85%A7/);
    await expect.poll(() => page.getByLabel('Search cases').inputValue()).toBe('护照');

    await page.getByRole('button', { name: 'Delete Passports 护照' }).click();
    const confirm = page.getByRole('group', { name: 'Delete the view “Passports 护照”?' });
    await confirm.waitFor();
    await checkAxe(page);
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('status').filter({ hasText: 'Deleted the view “Passports 护照”.' }).waitFor();
    // The list of views reloads after the message: wait for it rather than read it at once.
    await expect.poll(() => page.getByRole('link', { name: 'Passports 护照' }).count()).toBe(0);
    await page.context().close();
  });
});
