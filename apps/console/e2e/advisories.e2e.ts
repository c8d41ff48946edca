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
  type UiLocale,
} from '../../server/test/support/browser.ts';
import { signInToConsole } from '../../server/test/support/console.ts';
import { startTestServer, type TestServer } from '../../server/test/support/test-server.ts';

const ALERTS = 'alerts@demo.homeward.example';

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

const CONSOLE = {
  'zh-CN': {
    title: '旅行风险等级',
    publish: '发布新等级',
    country: '国家',
    summary: (l: string) => `${l}摘要`,
    details: (l: string) => `${l}详情`,
    languages: { zh: '中文', en: '英文' },
    preview: /预览/,
    check: '检查并发布',
    yes: '确认发布',
    published: '已为肯尼亚发布2级风险等级。',
  },
  en: {
    title: 'Travel advisories',
    publish: 'Publish a new level',
    country: 'Country',
    summary: (l: string) => `Summary in ${l}`,
    details: (l: string) => `Details in ${l}`,
    languages: { zh: 'Chinese', en: 'English' },
    preview: /^Preview in English/,
    check: 'Check and publish',
    yes: 'Yes, publish',
    published: 'Published level 3 for Kenya.',
  },
} as const;

const CITIZEN = {
  'zh-CN': {
    title: '旅行风险等级',
    kenya: '肯尼亚',
    level3: '3级 · 橙色 · 谨慎前往',
    mapLink: '肯尼亚：3级，橙色 · 谨慎前往',
    summary: '内罗毕等地抢劫案件增多，请谨慎前往。',
    country: '旅行风险等级：肯尼亚',
    history: '历史记录',
    signIn: '登录后订阅',
    back: '全部旅行风险等级',
    saved: /保存在此手机上/,
    map: '按等级着色的旅行风险等级世界地图',
  },
  en: {
    title: 'Travel advisories',
    kenya: 'Kenya',
    level3: 'Level 3 · Orange · travel with great caution',
    mapLink: 'Kenya: level 3, Orange · travel with great caution',
    summary: 'Robberies are rising in Nairobi and elsewhere. Travel with great caution.',
    country: 'Travel advisory: Kenya',
    history: 'Advisory history',
    signIn: 'Sign in to subscribe',
    back: 'All travel advisories',
    saved: /^Saved on this phone/,
    map: 'World map of travel advisories by level',
  },
} as const;

async function shoot(page: Page, name: string): Promise<void> {
  await checkAxe(page);
  await screenshot(page, name);
}

/** The alert manager publishes a level for Kenya through the form, the preview and the confirmation. */
async function publishKenya(page: Page, locale: UiLocale, level: 2 | 3, expectChange: RegExp): Promise<void> {
  const l = CONSOLE[locale];
  await page.goto(new URL('/console/advisories', server.url).href);
  await page.getByRole('heading', { level: 1, name: l.title }).waitFor();
  await page.waitForLoadState('networkidle');
  await shoot(page, `advisories-console-list-desktop-${locale}`);
  await page.getByRole('link', { name: l.publish }).click();
  await page.getByLabel(l.country, { exact: true }).selectOption('KE');
  await screenshot(page, `advisories-console-form-desktop-${locale}`);
  await page.getByRole('radio', { name: new RegExp(`^(Level ${level}|${level}级)`) }).check();
  await page.getByLabel(l.summary(l.languages.zh)).fill('内罗毕等地抢劫案件增多，请谨慎前往。');
  await page.getByLabel(l.summary(l.languages.en)).fill(CITIZEN.en.summary);
  await page.getByLabel(l.details(l.languages.zh)).fill('## 治安\n\n- 夜间避免单独外出。\n- 不要在街头展示贵重物品。');
  await page
    .getByLabel(l.details(l.languages.en))
    .fill('## Crime\n\n- Do not go out alone at night.\n- Keep valuables out of sight.');
  // The Markdown is shown as citizens will see it, before anything is sent.
  await page.getByRole('region', { name: l.preview }).getByRole('listitem').first().waitFor();
  await page.getByRole('button', { name: l.check }).click();
  const confirm = page.getByRole('group', { name: expectChange });
  await confirm.waitFor();
  await shoot(page, `advisories-console-confirm-desktop-${locale}`);
  await confirm.getByRole('button', { name: l.yes }).click();
  await page.getByRole('status').filter({ hasText: l.published }).waitFor();
  await shoot(page, `advisories-console-country-desktop-${locale}`);
}

describeBrowser('travel advisories', () => {
  it('an alert manager publishes level 2 and then level 3 for Kenya; citizens see it on the map, the list and the country page', async () => {
    const zh = await newDesktopPage(browser, 'zh-CN');
    await signInToConsole(zh, { baseUrl: server.url, email: ALERTS, locale: 'zh-CN' });
    await publishKenya(zh, 'zh-CN', 2, /^为肯尼亚发布2级 · 黄色 · 注意安全？/);
    await zh.context().close();

    const en = await newDesktopPage(browser, 'en');
    await signInToConsole(en, { baseUrl: server.url, email: ALERTS, locale: 'en' });
    // Kenya is at level 2 now: the confirmation names the old and the new level.
    await publishKenya(
      en,
      'en',
      3,
      /^Change Kenya from Level 2 · Yellow · stay alert to Level 3 · Orange · travel with great caution\?/,
    );
    const history = en.getByRole('table', { name: /versions published/ });
    await expect.poll(async () => history.getByRole('row').count()).toBe(3);
    await en.context().close();

    for (const locale of ['zh-CN', 'en'] as const) {
      const c = CITIZEN[locale];
      const phone = await newPhonePage(browser, locale);
      await phone.goto(new URL('/advisories', server.url).href);
      await phone.getByRole('heading', { level: 1, name: c.title }).waitFor();
      await phone.waitForLoadState('networkidle');
      // On the map: a link named with the level; in the list: the level in words.
      await phone.getByRole('group', { name: c.map }).getByRole('link', { name: c.mapLink }).waitFor();
      const item = phone.getByRole('listitem').filter({ has: phone.getByText(c.kenya, { exact: true }) });
      expect(await item.textContent()).toContain(c.level3);
      await shoot(phone, `advisories-citizen-list-phone-${locale}`);
      await phone.getByLabel(locale === 'en' ? 'Find a country' : '查找国家').fill(locale === 'en' ? 'keny' : '肯尼');
      await expect.poll(async () => phone.locator('.advisory-list > li').count()).toBe(1);

      await item.getByRole('link').click();
      await phone.getByRole('heading', { level: 1, name: c.country }).waitFor();
      const main = phone.locator('main');
      await main.getByText(c.level3).first().waitFor();
      expect(await main.textContent()).toContain(c.summary);
      await phone.getByRole('heading', { name: c.history }).waitFor();
      expect(await phone.locator('.advisory-history > li').count()).toBe(2);
      await phone.getByRole('link', { name: c.signIn }).waitFor();
      await shoot(phone, `advisories-citizen-country-phone-${locale}`);

      // Offline, the list is the copy last loaded on this phone, with its age.
      await phone.context().setOffline(true);
      await phone.getByRole('link', { name: c.back }).click();
      await phone.getByRole('heading', { level: 1, name: c.title }).waitFor();
      await phone.locator('.saved-age').waitFor();
      expect(await phone.locator('.saved-age').textContent()).toMatch(c.saved);
      expect(await phone.locator('.advisory-list').textContent()).toContain(c.kenya);
      await phone.context().close();
    }

    // A signed-in citizen subscribes to Kenya with the registry's subscriptions, and can stop again.
    const citizen = await newPhonePage(browser, 'en');
    await citizen.goto(new URL('/sign-in', server.url).href);
    await citizen.getByLabel('Email address').fill('citizen@demo.homeward.example');
    await citizen.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await citizen.getByRole('button', { name: 'Sign in', exact: true }).click();
    await citizen.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    await citizen.goto(new URL('/advisories/KE', server.url).href);
    await citizen.getByRole('button', { name: 'Subscribe to this country' }).click();
    await citizen.getByRole('status').filter({ hasText: 'You now follow Kenya.' }).waitFor();
    await citizen.getByRole('button', { name: 'Stop following this country' }).waitFor();
    const mine = await citizen.request.get(new URL('/api/v1/registry/me/subscriptions', server.url).href);
    expect((await mine.json()).items.map((s: { countryCode: string }) => s.countryCode)).toContain('KE');
    await shoot(citizen, 'advisories-citizen-subscribed-phone-en');
    await citizen.context().close();
  });
});
