import { readFileSync } from 'node:fs';
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

const OFFICER = 'officer.us@demo.homeward.example';
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

async function switchLanguage(page: Page, locale: UiLocale): Promise<void> {
  const current = await page.evaluate(() => document.documentElement.lang);
  if (current === locale) return;
  await page.getByRole('button', { name: locale === 'en' ? 'English' : '中文' }).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(locale);
}

/** axe and screenshots at desktop and phone widths, in both languages; leaves the page as it found it. */
async function captureEverywhere(page: Page, name: string, locale: UiLocale): Promise<void> {
  const size = page.viewportSize() ?? { width: 1280, height: 800 };
  for (const current of [locale, locale === 'en' ? 'zh-CN' : 'en'] as const) {
    await switchLanguage(page, current);
    for (const [label, viewport] of [
      ['desktop', { width: 1280, height: 800 }],
      ['phone', { width: 390, height: 844 }],
    ] as const) {
      await page.setViewportSize(viewport);
      await checkAxe(page);
      await screenshot(page, `console-${name}-${label}-${current}`);
    }
  }
  await switchLanguage(page, locale);
  await page.setViewportSize(size);
}

/** Fills the export dialog and returns the downloaded file's text. */
async function exportWithReason(page: Page, l: { open: RegExp; reason: RegExp; confirm: RegExp }, reason: string) {
  await page.getByRole('button', { name: l.open }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  const download = page.waitForEvent('download');
  await dialog.getByLabel(l.reason).fill(reason);
  await dialog.getByRole('button', { name: l.confirm }).click();
  const file = await (await download).path();
  return readFileSync(file, 'utf8');
}

describeBrowser('staff console: registrants', () => {
  it('an officer reads the map, picks a country and a region, opens a person and exports with a reason (desktop)', async () => {
    const page = await newDesktopPage(browser, 'zh-CN');
    await signIn(page, 'zh-CN', OFFICER);
    await page
      .getByRole('navigation', { name: /主导航|Main/ })
      .getByRole('link', { name: '登记人员' })
      .click();
    await page.getByRole('heading', { level: 1, name: '登记人员' }).waitFor();
    await page.getByRole('heading', { level: 2, name: '登记人员分布' }).waitFor();
    await captureEverywhere(page, 'registrants-world', 'zh-CN');

    // The map's countries are buttons named with their count; the keyboard selects one.
    const us = page.getByRole('button', { name: /^美国：\d+人$/ });
    await us.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: '美国的登记人员' }).waitFor();
    await expect.poll(() => page.url()).toContain('country=US');
    await page.getByRole('table', { name: '各地区登记人数' }).waitFor();
    expect(await page.locator('.registrants-map__city').count()).toBeGreaterThan(0);

    // Virginia: the people table follows, and every row is answered by the Washington embassy.
    await page.getByRole('button', { name: /查看Virginia/ }).click();
    await expect.poll(() => page.url()).toContain('region=US-VA');
    const people = page.getByRole('table', { name: '登记人员，按姓氏排序' });
    await people.waitFor();
    await expect.poll(async () => (await people.getByRole('row').count()) > 1).toBe(true);
    const missions = await people.locator('tbody td:last-child').allTextContents();
    expect(new Set(missions)).toEqual(new Set(['US-WAS']));
    await captureEverywhere(page, 'registrants-country', 'zh-CN');

    // The export asks why first, refuses a short reason, then downloads a CSV with a BOM.
    const zh = { open: /导出 CSV/, reason: /您为什么需要这个文件/, confirm: /下载/ };
    await page.getByRole('button', { name: zh.open }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(zh.reason).fill('太短');
    await dialog.getByRole('button', { name: zh.confirm }).click();
    await dialog.getByRole('alert').filter({ hasText: '出现问题' }).waitFor();
    await checkAxe(page);
    await screenshot(page, 'console-registrants-export-error-desktop-zh-CN');
    await dialog.getByRole('button', { name: '取消' }).click();
    const csv = await exportWithReason(page, zh, '弗吉尼亚州洪水预警，值班组联络名单');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('person_id,dependent_id,family_name');
    const rows = csv.trimEnd().split('\r\n').slice(1);
    const shown = (await page.locator('.count').last().textContent()) ?? '';
    expect(rows.length).toBe(Number(shown.replace(/\D/g, '')));
    expect(rows.every((r) => r.includes(',US,US-VA,'))).toBe(true);
    await page.getByRole('status').filter({ hasText: '已记入审计日志' }).waitFor();

    // A person's page, opened from the table.
    const first = people.getByRole('link').first();
    const name = (await first.textContent()) ?? '';
    await first.click();
    await page.getByRole('heading', { level: 1, name: new RegExp(name) }).waitFor();
    await page.getByRole('heading', { level: 2, name: '居住地和行程' }).waitFor();
    await captureEverywhere(page, 'registrant-person', 'zh-CN');
    const personId = new URL(page.url()).pathname.split('/').pop() ?? '';

    // The audit log has the view of that person and the export with its reason and row count.
    const auditor = await newDesktopPage(browser, 'en');
    await signIn(auditor, 'en', ADMIN);
    const log = async (action: string) =>
      (await (await auditor.request.get(new URL(`/api/v1/audit?action=${action}`, server.url).href)).json()).items;
    expect(await log('registrant.view')).toEqual(
      expect.arrayContaining([expect.objectContaining({ recordId: personId, actorRole: 'consular_officer' })]),
    );
    const [exported] = await log('registrant.export');
    expect(exported.reason).toBe('弗吉尼亚州洪水预警，值班组联络名单');
    expect(exported.details).toMatchObject({ rowCount: rows.length });
    await auditor.context().close();
    await page.context().close();
  });

  it('an officer does the same at phone width in English, through the tables instead of the map', async () => {
    const page = await newPhonePage(browser, 'en');
    await signIn(page, 'en', OFFICER);
    await open(page, '/console/registrants');
    await page.getByRole('heading', { level: 1, name: 'Registrants' }).waitFor();
    await page.getByRole('button', { name: 'Show United States' }).click();
    await page.getByRole('heading', { level: 2, name: 'Registrants in United States' }).waitFor();
    const people = page.getByRole('table', { name: 'Registrants by family name' });
    await expect.poll(async () => (await people.getByRole('row').count()) > 1).toBe(true);
    await checkAxe(page);
    await screenshot(page, 'console-registrants-us-phone-en');

    await people.getByRole('link').first().click();
    await page.getByRole('heading', { level: 2, name: 'Homes and trips' }).waitFor();
    await checkAxe(page);
    await page.getByRole('link', { name: 'Back to registrants' }).click();
    await page.getByRole('heading', { level: 1, name: 'Registrants' }).waitFor();

    await page.getByRole('button', { name: /Show United States/ }).click();
    await people.waitFor();
    const csv = await exportWithReason(
      page,
      { open: /Export CSV/, reason: /Why do you need this file/, confirm: /^Download/ },
      'Storm warning on the east coast: duty team call list',
    );
    expect(csv.split('\r\n')[0]).toBe(
      '\uFEFFperson_id,dependent_id,family_name,given_name,native_name,birth_date,sex,passport_number,kind,country_code,region_code,city,arrival_on,departure_on,mission_code,email,phone',
    );
    await page.context().close();
  });
});
