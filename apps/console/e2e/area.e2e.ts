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

const ALERTS = 'alerts@demo.homeward.example';
const WASHINGTON = { lat: '38.8951', lon: '-77.0364', radiusKm: '30' };
// Noon today in the browser's time zone, so the page and the direct API call ask about the same moment.
const NOON = `${new Date().toISOString().slice(0, 10)}T12:00`;
const BOWTIE = JSON.stringify({
  type: 'Polygon',
  coordinates: [
    [
      [-77.2, 38.8],
      [-76.9, 39.0],
      [-76.9, 38.8],
      [-77.2, 39.0],
      [-77.2, 38.8],
    ],
  ],
});

const LABELS = {
  en: {
    nav: 'Who is in this area?',
    title: 'Who is in this area?',
    addCircle: 'Add a circle',
    lat: 'Latitude',
    lon: 'Longitude',
    radius: /^Radius in km/,
    at: /^Date and time/,
    polygon: /^GeoJSON polygon/,
    count: 'Count people',
    result: 'People in this area',
    crosses: 'The polygon crosses itself',
  },
  'zh-CN': {
    nav: '区域内人员',
    title: '该区域内有多少人？',
    addCircle: '添加圆形范围',
    lat: '纬度',
    lon: '经度',
    radius: /^半径（公里）/,
    at: /^日期和时间/,
    polygon: /^GeoJSON 多边形/,
    count: '统计人数',
    result: '该区域内的人员',
    crosses: '多边形的边相互交叉',
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

/** The server's count for a circle around Washington at noon today, asked directly with the page's session. */
async function apiTotal(page: Page): Promise<number> {
  return page.evaluate(
    async ({ circle, at }) => {
      const response = await fetch('/api/v1/targeting/count', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-requested-with': 'homeward' },
        body: JSON.stringify({
          area: { circles: [{ lat: Number(circle.lat), lon: Number(circle.lon), radiusKm: Number(circle.radiusKm) }] },
          at: new Date(at).toISOString(),
        }),
      });
      return ((await response.json()) as { total: number }).total;
    },
    { circle: WASHINGTON, at: NOON },
  );
}

async function countAndRefuse(page: Page, locale: UiLocale, device: 'phone' | 'desktop'): Promise<void> {
  const l = LABELS[locale];
  await signInToConsole(page, { baseUrl: server.url, email: ALERTS, locale });
  await page.getByRole('link', { name: l.nav }).first().click();
  await page.waitForURL(/\/console\/area$/);
  await page.getByRole('heading', { level: 1, name: l.title }).waitFor();
  await checkAxe(page);

  await page.getByRole('button', { name: l.addCircle }).click();
  await page.getByLabel(l.lat).fill(WASHINGTON.lat);
  await page.getByLabel(l.lon).fill(WASHINGTON.lon);
  await page.getByLabel(l.radius).fill(WASHINGTON.radiusKm);
  await page.getByLabel(l.at).fill(NOON);
  await page.getByRole('button', { name: l.count }).click();
  const result = page.getByRole('status').filter({ has: page.getByRole('heading', { name: l.result }) });
  await result.waitFor();
  const shown = Number((await page.getByTestId('area-total').textContent())?.replace(/\D/g, ''));
  expect(shown).toBeGreaterThan(0);
  expect(shown).toBe(await apiTotal(page));
  await checkAxe(page);
  await screenshot(page, `console-area-count-${device}-${locale}`);

  await page.getByLabel(l.polygon).fill(BOWTIE);
  await page.getByRole('button', { name: l.count }).click();
  const polygonError = page.locator('#polygon-error');
  await polygonError.waitFor();
  expect(await polygonError.textContent()).toContain(l.crosses);
  expect(await page.getByLabel(l.polygon).getAttribute('aria-invalid')).toBe('true');
  expect(await page.locator('.error-summary').textContent()).toContain(l.crosses);
  expect(await result.count()).toBe(0);
  await checkAxe(page);
  await screenshot(page, `console-area-polygon-error-${device}-${locale}`);
}

describeBrowser('staff console: who is in this area', () => {
  it('an alert manager counts a circle around Washington DC, then is told the bowtie polygon crosses itself', async () => {
    const page = await newDesktopPage(browser, 'en');
    await countAndRefuse(page, 'en', 'desktop');
    // Centre a circle on a city: the gazetteer's Washington, D.C. becomes circle 2.
    await page.getByLabel('Country of the city').selectOption('US');
    await page.getByLabel('City name').fill('Washington');
    await page.getByRole('button', { name: 'Find cities' }).click();
    await page
      .getByRole('button', { name: 'Add a 25 km circle around Washington, D.C., District of Columbia' })
      .click();
    const second = page.getByRole('group', { name: 'Circle 2' });
    expect(await second.getByLabel('Latitude').inputValue()).toBe('38.89511');
    expect(await second.getByLabel('Longitude').inputValue()).toBe('-77.03637');
    expect(await second.getByLabel(/^Radius in km/).inputValue()).toBe('25');
    await page.context().close();
  });

  it('the same in Chinese on a phone', async () => {
    const page = await newPhonePage(browser, 'zh-CN');
    await countAndRefuse(page, 'zh-CN', 'phone');
    await page.context().close();
  });
});
