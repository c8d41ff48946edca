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
import { startTestServer, type TestServer } from '../../server/test/support/test-server.ts';

const WORDS = {
  'zh-CN': { needHelp: '我需要帮助', findMission: '查找使领馆', switchTo: 'English', offline: '您已离线' },
  en: {
    needHelp: 'I need help',
    findMission: 'Find your embassy or consulate',
    switchTo: '中文',
    offline: 'You are offline',
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

async function open(page: Page, path: string): Promise<void> {
  await page.goto(new URL(path, server.url).href);
  await page.waitForLoadState('networkidle');
}

describeBrowser('citizen app: landing, help, missions, offline', () => {
  for (const locale of ['zh-CN', 'en'] as const satisfies UiLocale[]) {
    for (const device of ['phone', 'desktop'] as const) {
      it(`landing in ${locale} on a ${device}: help first, tap-to-call hotline, accessible`, async () => {
        const page = await (device === 'phone' ? newPhonePage : newDesktopPage)(browser, locale);
        await open(page, '/');
        expect(await page.locator('html').getAttribute('lang')).toBe(locale);
        const help = page.getByRole('link', { name: WORDS[locale].needHelp });
        await expect.poll(() => help.isVisible()).toBe(true);
        const hotline = page.getByRole('main').getByRole('link', { name: /12308/ });
        expect(await hotline.getAttribute('href')).toBe('tel:+861012308');
        // The footer repeats the hotline on every page (consistent help).
        expect(await page.getByRole('contentinfo').getByRole('link', { name: /12308/ }).getAttribute('href')).toBe(
          'tel:+861012308',
        );
        expect(await page.getByRole('link', { name: new RegExp(WORDS[locale].findMission) }).isVisible()).toBe(true);
        await checkAxe(page);
        await screenshot(page, `citizen-landing-${device}-${locale}`);
        await page.context().close();
      });
    }
  }

  it('"I need help" is visible without scrolling on a 320 px wide phone', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 568 }, isMobile: true, locale: 'en' });
    const page = await context.newPage();
    await open(page, '/');
    const box = await page.getByRole('link', { name: 'I need help' }).boundingBox();
    expect(box).not.toBeNull();
    expect((box?.y ?? 999) + (box?.height ?? 0)).toBeLessThanOrEqual(568);
    // Reflow: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await screenshot(page, 'citizen-landing-320-en');
    await context.close();
  });

  it('the language switch changes the page and <html lang>, and is remembered', async () => {
    const page = await newPhonePage(browser, 'zh-CN');
    await open(page, '/');
    await page.getByRole('banner').getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('link', { name: 'I need help' }).isVisible()).toBe(true);
    await page.reload();
    await page.waitForLoadState('networkidle');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('link', { name: 'I need help' }).isVisible()).toBe(true);
    await page.context().close();
  });

  it('help: choosing the country you are in shows its mission with a tap-to-call duty phone', async () => {
    const page = await newPhonePage(browser, 'en');
    await open(page, '/');
    await page.getByRole('link', { name: 'I need help' }).click();
    await page.getByRole('heading', { level: 1, name: 'Emergency help' }).waitFor();
    expect(await page.getByRole('main').getByRole('link', { name: /12308/ }).getAttribute('href')).toBe(
      'tel:+861012308',
    );
    await page.getByLabel('Search the list of countries and regions').fill('United States');
    await page.getByLabel('Country or region you are in').selectOption('US');
    const mission = page.getByRole('article').filter({ hasText: 'Washington' });
    await mission.first().waitFor();
    const duty = mission.first().getByRole('link', { name: /Duty phone/ });
    expect(await duty.getAttribute('href')).toMatch(/^tel:\+1\d+$/);
    expect(await mission.first().textContent()).toMatch(/UTC[+-]\d{2}:\d{2}/);
    await checkAxe(page);
    await screenshot(page, 'citizen-help-phone-en');
    await page.context().close();
  });

  it('missions: search by city and page through the directory', async () => {
    const page = await newDesktopPage(browser, 'zh-CN');
    await open(page, '/missions');
    await page.getByRole('heading', { level: 1, name: '查找使领馆' }).waitFor();
    await page.getByRole('navigation', { name: '分页' }).waitFor();
    const firstPage = await page.getByRole('article').first().textContent();
    await page.getByRole('link', { name: '下一页' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('page')).toBe('2');
    await expect.poll(() => page.getByRole('article').first().textContent()).not.toBe(firstPage);
    expect(await page.getByRole('navigation', { name: '分页' }).locator('[aria-current="page"]').textContent()).toBe(
      '2',
    );
    await checkAxe(page);

    await page.getByLabel('名称或城市').fill('东京');
    await page.getByRole('button', { name: '搜索' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('东京');
    await page.getByRole('link', { name: /驻日本国大使馆/ }).waitFor();
    await screenshot(page, 'citizen-missions-desktop-zh-CN');
    await page.getByRole('link', { name: /驻日本国大使馆/ }).click();
    await page.getByRole('heading', { level: 1, name: /驻日本国大使馆/ }).waitFor();
    await checkAxe(page);
    await page.context().close();
  });

  it('unknown addresses get the app’s own not-found page, with the hotline', async () => {
    const page = await newPhonePage(browser, 'en');
    await open(page, '/no-such-page');
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    expect(await page.getByRole('contentinfo').getByRole('link', { name: /12308/ }).isVisible()).toBe(true);
    await checkAxe(page);
    await page.context().close();
  });

  it('offline after a first visit: the shell loads with an offline banner and the hotline', async () => {
    const page = await newPhonePage(browser, 'en');
    await open(page, '/');
    // Wait until the service worker controls the page, or the reload below would not be served offline.
    await waitForServiceWorker(page);
    await page.context().setOffline(true);
    await page.reload();
    const banner = page.getByRole('status').filter({ hasText: WORDS.en.offline });
    await banner.waitFor();
    expect(await banner.textContent()).toContain('call the emergency hotline');
    expect(await page.getByRole('main').getByRole('link', { name: /12308/ }).getAttribute('href')).toBe(
      'tel:+861012308',
    );
    expect(
      await page
        .getByText(/Saved on this phone/)
        .first()
        .isVisible(),
    ).toBe(true);
    await checkAxe(page);
    await screenshot(page, 'citizen-offline-phone-en');
    await page.context().close();
  });
});
