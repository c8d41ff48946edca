import { createServer } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../server/src/modules/demo/demo.accounts.ts';
import {
  checkAxe,
  describeBrowser,
  launchBrowser,
  newDesktopPage,
  newPhonePage,
  screenshot,
  type UiLocale,
} from '../../server/test/support/browser.ts';
import { freshTotpCode, signInToConsole } from '../../server/test/support/console.ts';
import { startTestServer, type TestServer } from '../../server/test/support/test-server.ts';

function demo(prefix: string) {
  const account = DEMO_ACCOUNTS.find((a) => a.email.startsWith(prefix));
  if (!account) throw new Error(`demo accounts have no ${prefix}`);
  return account;
}
const officer = demo('officer.us@');
const admin = demo('admin@');
const auditor = demo('auditor@');

// A password zxcvbn scores 4 and that holds no part of the new colleague's address.
const NEW_PASSWORD = 'amber lantern over quiet river 58';

let server: TestServer;
let browser: Browser;

/** A port nobody listens on, so the public URL in setup links is known before the server starts. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  const port = await freePort();
  server = await startTestServer({ PORT: String(port), HOMEWARD_PUBLIC_URL: `http://127.0.0.1:${port}` });
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

async function heading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/** Password, then the authenticator code, as a member of staff does it: a session of its own each time. */
async function signIn(page: Page, locale: UiLocale, email: string, shoot?: string): Promise<void> {
  await signInToConsole(page, { baseUrl: server.url, email, locale, newSession: true, ...(shoot ? { shoot } : {}) });
}

const other = (locale: UiLocale): UiLocale => (locale === 'en' ? 'zh-CN' : 'en');

/**
 * axe and screenshots of the page as it is, at desktop and phone widths and in both languages (the language
 * switch re-renders in place, so the same state is shown both ways); leaves the page as it found it.
 */
async function captureEverywhere(page: Page, name: string, locale: UiLocale): Promise<void> {
  const size = page.viewportSize() ?? { width: 1280, height: 800 };
  for (const current of [locale, other(locale)]) {
    if (current !== locale) await switchLanguage(page, current);
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

async function switchLanguage(page: Page, locale: UiLocale): Promise<void> {
  const current = await page.evaluate(() => document.documentElement.lang);
  if (current === locale) return;
  await page.getByRole('button', { name: locale === 'en' ? 'English' : '中文' }).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(locale);
}

async function navLinks(page: Page): Promise<string[]> {
  const links = page.getByRole('navigation', { name: /Main|主导航/ }).getByRole('link');
  await links.first().waitFor();
  return links.allTextContents();
}

describeBrowser('staff console: access', () => {
  it('a consular officer signs in with password and authenticator code, sees only their pages, and manages sessions', async () => {
    const page = await newDesktopPage(browser, 'zh-CN');
    await open(page, '/console/');
    await page.getByLabel('电子邮箱').fill(officer.email);
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await heading(page, '请输入安全验证码');
    const code = page.getByLabel('安全验证码');
    expect(await code.getAttribute('inputmode')).toBe('numeric');
    expect(await code.getAttribute('autocomplete')).toBe('one-time-code');
    await captureEverywhere(page, 'totp', 'zh-CN');

    // A wrong code: the error summary names it, focused, with the error in the title.
    await code.fill('000000');
    await page.getByRole('button', { name: '继续' }).click();
    const summary = page.getByRole('alert').filter({ hasText: '出现问题' });
    await summary.waitFor();
    expect(await summary.textContent()).toContain('验证码不正确');
    expect(await page.title()).toMatch(/^错误：/);
    await checkAxe(page);
    await screenshot(page, 'console-totp-error-desktop-zh-CN');

    // The way out for a lost phone is one link away.
    await page.getByRole('button', { name: /使用恢复码/ }).click();
    await heading(page, '使用恢复码');
    await captureEverywhere(page, 'recovery-code', 'zh-CN');
    await page.getByRole('button', { name: '改用身份验证器应用' }).click();

    await page.getByLabel('安全验证码').fill(await freshTotpCode(officer.email));
    await page.getByRole('button', { name: '继续' }).click();
    await page.waitForURL(/\/console\/home/);
    await heading(page, '使领馆');
    expect(await navLinks(page)).toEqual([
      '使领馆',
      '案件',
      '重大突发事件',
      '来电记录',
      '知识库',
      '登记人员',
      '驻外企业',
      '区域内人员',
      '安全提醒',
      '在线申请',
      '预约',
      '专项活动',
      '我的账户安全',
    ]);

    // Pages of other roles say so instead of showing empty tables.
    await open(page, '/console/staff');
    await heading(page, '您无法使用此页面');
    await captureEverywhere(page, 'no-access', 'zh-CN');

    await page.getByRole('link', { name: '我的账户安全' }).click();
    await heading(page, '我的账户安全');
    const sessions = page.getByRole('table');
    await sessions.getByText('本设备').waitFor();
    await captureEverywhere(page, 'security', 'zh-CN');

    // A second session of the same person appears in the list and can be ended, after a confirmation.
    const phone = await newPhonePage(browser, 'en');
    await signIn(phone, 'en', officer.email);
    await page.reload();
    await page.waitForLoadState('networkidle');
    await expect.poll(() => sessions.getByRole('row').count()).toBe(3);
    await sessions.getByRole('button', { name: /结束会话/ }).click();
    await page.getByRole('group', { name: /确定结束此会话吗/ }).waitFor();
    await checkAxe(page);
    await screenshot(page, 'console-security-end-confirm-desktop-zh-CN');
    await page
      .getByRole('group', { name: /确定结束此会话吗/ })
      .getByRole('button', { name: '结束会话' })
      .click();
    await page.getByRole('status').filter({ hasText: '会话已结束。' }).waitFor();
    await expect.poll(() => sessions.getByRole('row').count()).toBe(2);
    // The ended session learns it at its next call and returns to sign-in.
    await phone.getByRole('link', { name: 'My security' }).click();
    await heading(phone, 'Sign in');
    await phone.context().close();

    // New recovery codes need the password; they are shown once with copy, print and download.
    await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '获取新的恢复码' }).click();
    await page.getByRole('heading', { name: '保存您的恢复码' }).waitFor();
    expect(await page.locator('.codes li').count()).toBe(10);
    const recoveryCode = await page.locator('.codes li code').first().textContent();
    if (!recoveryCode) throw new Error('no recovery code on the page');
    await page.getByRole('link', { name: '下载恢复码' }).waitFor();
    await captureEverywhere(page, 'security-recovery-codes', 'zh-CN');
    await page.getByRole('button', { name: '继续' }).click();
    await page.getByRole('alert').filter({ hasText: '请确认您已保存恢复码' }).waitFor();
    await page.getByLabel('我已保存恢复码').check();
    await page.getByRole('button', { name: '继续' }).click();
    await page.getByRole('heading', { level: 2, name: '恢复码' }).waitFor();

    // Sign out everywhere asks first, then ends this session too.
    await page.getByRole('button', { name: '在所有设备上退出登录' }).click();
    await page
      .getByRole('group', { name: /确定在所有设备/ })
      .getByRole('button', { name: '在所有设备上退出登录' })
      .click();
    await heading(page, '登录');

    // With the phone lost, a saved recovery code signs the officer in, once.
    await page.getByLabel('电子邮箱').fill(officer.email);
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('button', { name: /使用恢复码/ }).click();
    await page.getByLabel('恢复码').fill(recoveryCode);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(/\/console\/home/);
    await heading(page, '使领馆');
    await page.context().close();
  });

  it('an admin creates a staff account; the new colleague completes the setup link in a second browser', async () => {
    const page = await newDesktopPage(browser, 'en');
    await signIn(page, 'en', admin.email);
    expect(await navLinks(page)).toEqual([
      'Missions',
      'Cases',
      'Dashboard',
      'Incidents',
      'Log a call',
      'Calls',
      'Knowledge base',
      'Registrants',
      'Enterprises',
      'Who is in this area?',
      'Travel advisories',
      'Message delivery',
      'Safety alerts',
      'Security guidance',
      'Applications',
      'Appointments',
      'Service definitions',
      'Health certificates',
      'Campaigns',
      'Staff accounts',
      'API tokens',
      'Audit log',
      'My security',
    ]);

    await page.getByRole('link', { name: 'Staff accounts' }).click();
    await heading(page, 'Staff accounts');
    await page.getByRole('table').getByText(officer.email).waitFor();
    await captureEverywhere(page, 'staff-list', 'en');

    // Filters live in the URL.
    await page.getByLabel('Role').selectOption('consular_officer');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('role')).toBe('consular_officer');
    await expect.poll(() => page.getByRole('table').textContent()).not.toContain(auditor.email);
    expect(await page.getByRole('table').textContent()).toContain(officer.email);

    await page.getByRole('link', { name: 'Add a staff account' }).click();
    await heading(page, 'Add a staff account');
    await page.getByRole('button', { name: 'Create account' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Enter their email address');
    expect(await summary.textContent()).toContain('Choose a role');
    await captureEverywhere(page, 'staff-create-errors', 'en');

    const email = `li.ming.${Date.now().toString(36)}@mission.example`;
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Name', { exact: true }).fill('李明 LI Ming');
    await page.getByLabel('Role').selectOption('consular_officer');
    await page
      .getByRole('group', { name: /Missions/ })
      .getByLabel(/Tokyo|Japan/)
      .first()
      .check();
    await captureEverywhere(page, 'staff-create', 'en');
    await page.getByRole('button', { name: 'Create account' }).click();
    await heading(page, 'Account created');
    const setupUrl = await page.getByLabel('Setup link').inputValue();
    expect(setupUrl.startsWith(`${server.url}/console/setup?token=`)).toBe(true);
    await captureEverywhere(page, 'staff-created', 'en');

    // The new colleague, on their own phone, in Chinese.
    const newcomer = await newPhonePage(browser, 'zh-CN');
    await newcomer.goto(setupUrl);
    await newcomer.waitForLoadState('networkidle');
    await heading(newcomer, '设置您的工作账户');
    await captureEverywhere(newcomer, 'setup-password', 'zh-CN');
    await newcomer.getByLabel('设置密码').fill(NEW_PASSWORD);
    await newcomer.getByLabel('再次输入密码').fill(`${NEW_PASSWORD}x`);
    await newcomer.getByRole('button', { name: '继续' }).click();
    await newcomer.getByRole('alert').filter({ hasText: '两次输入的密码不一致' }).waitFor();
    await newcomer.getByLabel('再次输入密码').fill(NEW_PASSWORD);
    await newcomer.getByRole('button', { name: '继续' }).click();

    await heading(newcomer, '设置身份验证器应用');
    await newcomer.getByRole('img', { name: /二维码/ }).waitFor();
    const secret = await newcomer.locator('[data-secret]').getAttribute('data-secret');
    if (!secret) throw new Error('no TOTP secret on the setup page');
    expect((await newcomer.locator('.secret').textContent())?.replace(/\s/g, '')).toBe(secret);
    await captureEverywhere(newcomer, 'totp-setup', 'zh-CN');
    await newcomer.getByLabel('请输入应用现在显示的6位验证码').fill(await freshTotpCode('newcomer', secret));
    await newcomer.getByRole('button', { name: '核对验证码' }).click();

    await heading(newcomer, '保存您的恢复码');
    expect(await newcomer.locator('.codes li').count()).toBe(10);
    await captureEverywhere(newcomer, 'recovery-codes', 'zh-CN');
    await newcomer.getByLabel('我已保存恢复码').check();
    await newcomer.getByRole('button', { name: '继续' }).click();
    await newcomer.waitForURL(/\/console\/home/);
    await newcomer.getByRole('banner').getByText('李明 LI Ming').waitFor();
    await newcomer.context().close();

    // Back at HQ: the account now has its authenticator.
    await open(page, `/console/staff?q=${encodeURIComponent(email)}`);
    const row = page.getByRole('row', { name: /李明 LI Ming/ });
    await row.getByText('Set up', { exact: true }).waitFor();
    await row.getByRole('link', { name: /Change/ }).click();
    await heading(page, /Change 李明 LI Ming/);
    // The chosen mission stays in sight above the long, scrolling list.
    await page.getByText(/^Chosen: .*Japan/).waitFor();
    // Reset the authenticator: a reason, a confirmation, a new one-time link.
    await page.getByLabel('Reason for the change').last().fill('Phone lost, confirmed by call to the mission');
    await page.getByRole('button', { name: 'Reset authenticator' }).click();
    await page.getByRole('group', { name: /Reset the authenticator of/ }).waitFor();
    await checkAxe(page);
    await page.getByRole('button', { name: 'Yes, reset it' }).click();
    expect(await page.getByLabel('Setup link').inputValue()).toMatch(/\/console\/setup\?token=/);
    await screenshot(page, 'console-staff-reset-desktop-en');

    // Disabling the account needs a reason and shows what changes before it is confirmed.
    await page.getByLabel('Disabled').check();
    await page.getByRole('button', { name: 'Check the change' }).click();
    await page.getByRole('alert').filter({ hasText: 'Enter the reason for the change' }).waitFor();
    await page.getByLabel('Reason for the change').first().fill('Left the mission on 27 November (ticket HR-2291)');
    await captureEverywhere(page, 'staff-edit', 'en');
    await page.getByRole('button', { name: 'Check the change' }).click();
    await heading(page, 'Check the change before you confirm');
    const diff = page.getByRole('table', { name: 'What changes' });
    expect(await diff.getByRole('row', { name: /Status/ }).textContent()).toMatch(/Active.*Disabled/);
    await captureEverywhere(page, 'staff-edit-review', 'en');
    await page.getByRole('button', { name: 'Confirm the change' }).click();
    await page.getByRole('status').filter({ hasText: 'Change saved' }).waitFor();

    // API tokens: created, shown once, revoked after a confirmation.
    await page.getByRole('link', { name: 'API tokens' }).click();
    await heading(page, 'API tokens');
    await page.getByText('There are no API tokens yet.').waitFor();
    await captureEverywhere(page, 'tokens-empty', 'en');
    await page.getByLabel('Name').fill('Hotline dashboard – IT unit');
    await page.getByLabel('Read staff accounts').check();
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByRole('heading', { name: /Token “Hotline dashboard – IT unit” created/ }).waitFor();
    const value = await page.getByLabel('Token', { exact: true }).inputValue();
    expect(value).toMatch(/^hw_/);
    const api = await fetch(new URL('/api/v1/staff?pageSize=1', server.url), {
      headers: { Authorization: `Bearer ${value}` },
    });
    expect(api.status).toBe(200);
    await captureEverywhere(page, 'tokens-created', 'en');
    await page.getByRole('button', { name: 'I have copied the token' }).click();
    await page.getByRole('button', { name: /Revoke/ }).click();
    await page
      .getByRole('group', { name: /Revoke “Hotline dashboard – IT unit”/ })
      .getByRole('button', { name: 'Revoke' })
      .click();
    await page.getByRole('status').filter({ hasText: 'revoked' }).waitFor();
    await page
      .getByRole('row', { name: /Hotline dashboard/ })
      .getByText('Revoked')
      .waitFor();
    await captureEverywhere(page, 'tokens', 'en');
    const refused = await fetch(new URL('/api/v1/staff?pageSize=1', server.url), {
      headers: { Authorization: `Bearer ${value}` },
    });
    expect(refused.status).toBe(401);
    await page.context().close();
  });

  it('an auditor searches the audit log for sign-ins and opens an entry; the URL holds the filters', async () => {
    const page = await newDesktopPage(browser, 'en');
    await signIn(page, 'en', auditor.email);
    await page.waitForURL(/\/console\/audit/);
    await heading(page, 'Audit log');
    expect(await navLinks(page)).toEqual(['Audit log', 'My security']);
    await captureEverywhere(page, 'audit', 'en');

    await page.getByLabel('Action').fill('auth.sign_in');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('action')).toBe('auth.sign_in');
    const table = page.getByRole('table');
    await expect
      .poll(async () => (await table.locator('tbody tr').allTextContents()).every((t) => t.includes('Signed in')))
      .toBe(true);
    // The officer's and the admin's sign-ins from the journeys above are there, newest first.
    const roles = await table.locator('tbody tr th').allTextContents();
    expect(roles.length).toBeGreaterThanOrEqual(3);
    const text = (await table.textContent()) ?? '';
    expect(text).toContain('Consular officer');
    expect(text).toContain('HQ administrator');
    expect(text).toContain('Auditor');

    await page
      .getByRole('button', { name: /^Details/ })
      .first()
      .click();
    await page.getByText('Chain hash').waitFor();
    await captureEverywhere(page, 'audit-filtered', 'en');

    // Filter by who did it: a link on the actor id; the URL alone restores the view.
    await table.locator('tbody tr').first().locator('a.id').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('actorId')).toBeTruthy();
    await page.reload();
    await page.waitForLoadState('networkidle');
    expect(await page.getByLabel('Action').inputValue()).toBe('auth.sign_in');
    expect(await page.getByLabel('Staff or user ID').inputValue()).not.toBe('');
    await page
      .getByRole('status')
      .filter({ hasText: /entr(y|ies)/ })
      .waitFor();

    // Auditors cannot open staff administration.
    await open(page, '/console/tokens');
    await heading(page, 'You cannot use this page');
    await page.context().close();
  });

  it('a consular officer sees only the cases of their mission; another mission’s case is not found', async () => {
    // Headquarters sees every mission's cases: find the Tokyo case's address as HQ would.
    const hq = await newDesktopPage(browser, 'en');
    await signIn(hq, 'en', admin.email);
    await open(hq, '/console/cases?missionCode=JP-TYO');
    await heading(hq, 'Cases');
    await hq.getByRole('table').getByRole('link').first().click();
    await hq.waitForURL(/\/console\/cases\/[0-9a-f-]{36}$/);
    const tokyoCase = new URL(hq.url()).pathname;
    await hq.getByText('CHEN JING').first().waitFor();
    await captureEverywhere(hq, 'case', 'en');
    await hq.context().close();

    const page = await newDesktopPage(browser, 'en');
    await signIn(page, 'en', officer.email);
    await page
      .getByRole('navigation', { name: /Main|主导航/ })
      .getByRole('link', { name: 'Cases' })
      .click();
    await heading(page, 'Cases');
    await page.getByText('You see the cases of US-WAS only.').waitFor();
    const table = page.getByRole('table');
    await expect.poll(() => table.getByRole('row').count()).toBe(3);
    expect(await table.textContent()).not.toContain('JP-TYO');
    expect(await table.textContent()).not.toContain('CHEN JING');
    await captureEverywhere(page, 'cases', 'en');

    // Typing the address of the Tokyo case shows the same page as a case that does not exist.
    await open(page, tokyoCase);
    await heading(page, 'Case not found');
    expect(await page.textContent('main')).not.toContain('CHEN JING');
    await checkAxe(page);
    await screenshot(page, 'console-case-not-found-desktop-en');
    await page.context().close();
  });

  it('an HQ administrator changes the Washington embassy’s duty phone, with a reason, and sees it in the table', async () => {
    const page = await newDesktopPage(browser, 'en');
    await signIn(page, 'en', admin.email);
    await open(page, '/console/home?q=US-WAS');
    await heading(page, 'Missions');
    await page.getByRole('link', { name: /^Edit Embassy .* United States of America$/ }).click();
    await heading(page, /^Change Embassy/);
    const phone = page.getByLabel('Duty phone (optional)');
    expect(await phone.inputValue()).toBe('+1 202 495 2216');
    expect(await page.getByLabel('Regions in the consular district').inputValue()).toContain('US-DC');
    await phone.fill('(202) 555-0142');

    // Without a reason the error summary says what to do, and nothing is saved.
    await page.getByRole('button', { name: 'Save the mission' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Enter the reason for the change');
    expect(await page.title()).toMatch(/^Error:/);
    await captureEverywhere(page, 'mission-edit-error', 'en');

    await page.getByLabel('Reason for the change').fill('Duty line moved, embassy notice of 27 November');
    await page.getByRole('button', { name: 'Save the mission' }).click();
    await page.getByRole('status').filter({ hasText: 'Mission saved' }).waitFor();
    expect(await page.getByLabel('Duty phone (optional)').inputValue()).toBe('+1 202 555 0142');
    await captureEverywhere(page, 'mission-edit-saved', 'en');

    await page.getByRole('link', { name: 'See it in the missions list' }).click();
    await heading(page, 'Missions');
    const row = page.getByRole('row', { name: /US-WAS/ });
    await expect.poll(() => row.textContent()).toContain('+1 202 555 0142');
    await page.context().close();
  });
});
