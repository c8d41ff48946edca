import type { Browser, Locator, Page } from 'playwright-core';
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

const AGENT = 'agent@demo.homeward.example';
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

const LABELS = {
  en: {
    title: 'Log a call',
    phone: /^Caller’s phone number/,
    find: /^Find a person or case/,
    category: 'What is the call about?',
    summary: /^Summary/,
    caseOpened: 'Case opened',
    advice: 'Advice given',
    logged: /Call logged/,
    calls: 'Calls',
    knowledge: 'Knowledge base',
    stats: 'Call statistics',
    kbSearch: /^Search the standard answers/,
  },
  'zh-CN': {
    title: '登记来电',
    phone: /^来电号码/,
    find: /^查找人员或案件/,
    category: '来电事由',
    summary: /^来电摘要/,
    caseOpened: '已立案',
    advice: '已提供咨询',
    logged: /来电已登记/,
    calls: '来电记录',
    knowledge: '知识库',
    stats: '来电统计',
    kbSearch: /^搜索标准答复/,
  },
} as const;

/**
 * Counts what the agent does: each fill, selection, key press or click is one interaction, so the test states
 * the promise (a call logged and a case opened in under ten) in numbers.
 */
function counter() {
  let count = 0;
  const act = async <T>(action: Promise<T>): Promise<T> => {
    count += 1;
    return action;
  };
  return {
    act,
    get count() {
      return count;
    },
  };
}

async function shoot(page: Page, name: string): Promise<void> {
  await checkAxe(page);
  await screenshot(page, name);
}

async function heading(page: Page, name: string | RegExp): Promise<Locator> {
  const h = page.getByRole('heading', { level: 1, name });
  await h.waitFor();
  return h;
}

describeBrowser('hotline console', () => {
  it('an agent logs a call and opens a case in under ten interactions; the case is in the queue', async () => {
    const page = await newDesktopPage(browser, 'en');
    await signInToConsole(page, { baseUrl: server.url, email: AGENT, locale: 'en' });
    await page.goto(new URL('/console/hotline/log', server.url).href);
    await heading(page, LABELS.en.title);
    await page.waitForLoadState('networkidle');
    // The caller's number has the focus: the agent types straight away.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('id'))).toBe('call-phone');
    await shoot(page, 'hotline-call-desktop-en');

    const { act, ...interactions } = counter();
    await act(page.getByLabel(LABELS.en.phone).fill('+1 202 555 0188'));
    const find = page.getByRole('combobox', { name: LABELS.en.find });
    await act(find.fill('E98765432'));
    const option = page.getByRole('option', { name: /ZHANG SANFENG/ });
    await option.waitFor();
    expect(await option.textContent()).toContain('Travelling in Tokyo');
    // The first match is already active: Enter alone picks it.
    expect(await find.getAttribute('aria-activedescendant')).toBe(await option.getAttribute('id'));
    await shoot(page, 'hotline-call-lookup-desktop-en');
    await act(find.press('Enter'));
    await page.getByText('Person on record').waitFor();
    await act(page.getByLabel(LABELS.en.category).selectOption('lost_passport'));
    const summary = page.getByLabel(LABELS.en.summary);
    await act(summary.fill('Passport stolen in Shinjuku; needs a travel document to fly home on Friday.'));
    await act(page.getByRole('group', { name: 'Outcome' }).getByText(LABELS.en.caseOpened).click());
    await act(summary.press('Control+Enter'));
    const done = page.getByRole('status').filter({ hasText: LABELS.en.logged });
    await done.waitFor();
    const text = (await done.textContent()) ?? '';
    const number = text.match(/HW-\d{4}-\d{6}/)?.[0];
    expect(number, text).toBeDefined();
    expect(text).toContain('China in Japan');
    await shoot(page, 'hotline-call-saved-desktop-en');

    await act(page.getByRole('navigation', { name: /Main/ }).getByRole('link', { name: 'Cases', exact: true }).click());
    await heading(page, 'Cases');
    await page
      .getByRole('table')
      .getByRole('link', { name: number as string, exact: true })
      .waitFor();
    expect(interactions.count).toBeLessThan(10);

    // The call is in the call list, linked to the case.
    await page.getByRole('navigation', { name: /Main/ }).getByRole('link', { name: LABELS.en.calls }).click();
    await heading(page, LABELS.en.calls);
    await page
      .getByRole('table')
      .getByRole('link', { name: number as string })
      .waitFor();
    await shoot(page, 'hotline-calls-desktop-en');
    await page.getByRole('link', { name: LABELS.en.stats }).click();
    await heading(page, LABELS.en.stats);
    await page.getByRole('img', { name: /Calls per day/ }).waitFor();
    await shoot(page, 'hotline-stats-desktop-en');
    await page.context().close();
  });

  it('an agent gives advice in Chinese on a phone, reading the standard answer in the call’s language', async () => {
    const page = await newPhonePage(browser, 'zh-CN');
    await signInToConsole(page, { baseUrl: server.url, email: AGENT, locale: 'zh-CN' });
    await page.goto(new URL('/console/hotline/log', server.url).href);
    await heading(page, LABELS['zh-CN'].title);
    await page.waitForLoadState('networkidle');
    await shoot(page, 'hotline-call-phone-zh-CN');

    // Saving without a category or summary says what is missing, in the error summary and at the fields.
    await page.getByRole('button', { name: '保存来电' }).click();
    const problems = page.getByRole('alert').filter({ hasText: '出现问题' });
    await problems.waitFor();
    expect(await problems.textContent()).toContain('请选择来电事由');
    expect(await page.title()).toMatch(/^错误：/);
    await shoot(page, 'hotline-call-errors-phone-zh-CN');

    await page.getByLabel(LABELS['zh-CN'].phone).fill('+81 90 1111 2222');
    await page.getByLabel(LABELS['zh-CN'].category).selectOption('fraud');
    await page.getByLabel(LABELS['zh-CN'].kbSearch).fill('安全账户');
    await page.getByRole('button', { name: '电信诈骗：冒充使领馆或警方的电话' }).click();
    const article = page.locator('.kb-article');
    await article.getByRole('heading', { name: '电信诈骗：冒充使领馆或警方的电话' }).waitFor();
    expect(await article.textContent()).toContain('没有所谓“安全账户”');
    await shoot(page, 'hotline-call-knowledge-phone-zh-CN');
    // The call is in English: the same answer switches to English.
    await page.getByLabel('英文', { exact: true }).first().check();
    await article.getByRole('heading', { name: /Phone scams/ }).waitFor();

    await page.getByLabel(LABELS['zh-CN'].summary).fill('接到冒充使馆的电话要求转账，已提醒挂断并核实，未转账。');
    await page.getByRole('button', { name: '保存来电' }).click();
    await page.getByRole('status').filter({ hasText: LABELS['zh-CN'].logged }).waitFor();
    await shoot(page, 'hotline-call-saved-phone-zh-CN');
    await page.getByRole('button', { name: '登记下一个来电' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('id'))).toBe('call-phone');
    await page.context().close();
  });

  for (const locale of ['zh-CN', 'en'] as const satisfies readonly UiLocale[]) {
    it(`HQ reads and edits a standard answer; lists and statistics on a phone (${locale})`, async () => {
      const l = LABELS[locale];
      const desktop = await newDesktopPage(browser, locale);
      await signInToConsole(desktop, { baseUrl: server.url, email: ADMIN, locale });
      await desktop.goto(new URL('/console/hotline/knowledge', server.url).href);
      await heading(desktop, l.knowledge);
      await desktop.getByLabel(l.kbSearch).fill(locale === 'en' ? 'visa' : '签证');
      const link = desktop.getByRole('link', { name: locale === 'en' ? 'Visa overstay' : '签证逾期滞留' });
      await link.click();
      await desktop.locator('.kb-article h3').waitFor();
      await shoot(desktop, `hotline-knowledge-desktop-${locale}`);
      await desktop.getByRole('button', { name: locale === 'en' ? 'Edit this answer' : '修改此答复' }).click();
      const keywords = desktop.getByLabel(locale === 'en' ? /^Search words/ : /^搜索关键词/);
      await keywords.fill(`${await keywords.inputValue()} ${locale === 'en' ? 'residence-permit' : '居留许可'}`);
      await shoot(desktop, `hotline-knowledge-edit-desktop-${locale}`);
      await desktop.getByRole('button', { name: locale === 'en' ? 'Save the answer' : '保存答复' }).click();
      await desktop
        .getByRole('status')
        .filter({ hasText: locale === 'en' ? /Saved as version \d+/ : /已保存为第 \d+ 版/ })
        .waitFor();
      if (locale === 'zh-CN') {
        for (const [path, title, name] of [
          ['/console/hotline/log', l.title, 'call'],
          ['/console/hotline/calls', l.calls, 'calls'],
          ['/console/hotline/stats', l.stats, 'stats'],
        ] as const) {
          await desktop.goto(new URL(path, server.url).href);
          await heading(desktop, title);
          await desktop.waitForLoadState('networkidle');
          await shoot(desktop, `hotline-${name}-desktop-${locale}`);
        }
      }
      await desktop.context().close();

      const phone = await newPhonePage(browser, locale);
      await signInToConsole(phone, { baseUrl: server.url, email: ADMIN, locale });
      for (const [path, title, name] of [
        ['/console/hotline/knowledge/visa-overstay', l.knowledge, 'knowledge'],
        ['/console/hotline/calls', l.calls, 'calls'],
        ['/console/hotline/stats', l.stats, 'stats'],
        ['/console/hotline/log', l.title, 'call'],
      ] as const) {
        await phone.goto(new URL(path, server.url).href);
        await heading(phone, title);
        await phone.waitForLoadState('networkidle');
        await shoot(phone, `hotline-${name}-phone-${locale}`);
      }
      await phone.context().close();
    });
  }
});
