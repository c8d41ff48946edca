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
import { startSmtpServer, type TestSmtpServer } from '../../server/test/support/smtp.ts';
import { startTestServer, type TestServer } from '../../server/test/support/test-server.ts';

const PASSWORD = 'copper kettle sings at dawn 41';
const WRITE_HEADERS = { 'X-Requested-With': 'homeward', 'Accept-Language': 'en' };
// The ICAO 9303 specimen passport, with the passport number's check digit changed from 6 to 7.
const BAD_MRZ = 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C37UTO7408122F1204159ZE184226B<<<<<10';
// Central Osaka, where the phone says it is.
const OSAKA = { latitude: 34.6937, longitude: 135.5022 };

let smtp: TestSmtpServer;
let server: TestServer;
let browser: Browser;
let counter = 0;

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

/** A calendar date `days` from today, as the date inputs and the API write it. */
function day(days: number): string {
  const at = new Date();
  at.setDate(at.getDate() + days);
  const month = String(at.getMonth() + 1).padStart(2, '0');
  return `${at.getFullYear()}-${month}-${String(at.getDate()).padStart(2, '0')}`;
}

function url(path: string): string {
  return new URL(path, server.url).href;
}

async function open(page: Page, path: string): Promise<void> {
  await page.goto(url(path));
  await page.waitForLoadState('networkidle');
}

async function heading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/** Signs up and confirms through the API in the page's own cookie jar: the page is then signed in. */
async function signedInCitizen(page: Page, locale: UiLocale): Promise<void> {
  counter += 1;
  const email = `registrant.${Date.now().toString(36)}${counter}@example.org`;
  const signUp = await page.request.post(url('/api/v1/accounts/sign-up'), {
    headers: WRITE_HEADERS,
    data: { email, password: PASSWORD, displayName: 'Li Wei', locale },
  });
  expect(signUp.status()).toBe(202);
  const mail = await smtp.waitFor((m) => m.to.includes(email) && /verify-email\?token=/.test(m.text), 15_000);
  const token = /verify-email\?token=([\w-]+)/.exec(mail.text)?.[1];
  const verify = await page.request.post(url('/api/v1/accounts/verify-email'), {
    headers: WRITE_HEADERS,
    data: { token },
  });
  expect(verify.status()).toBe(200);
}

async function presences(page: Page): Promise<{ items: { preciseConsent: boolean; cityName: string | null }[] }> {
  const answer = await page.request.get(url('/api/v1/registry/me/presences'));
  expect(answer.status()).toBe(200);
  return answer.json();
}

describeBrowser('citizen app: my registration', () => {
  it('fills the profile, adds a trip to Osaka found by city search, and withdraws the precise location', async () => {
    const page = await newPhonePage(browser, 'en');
    await signedInCitizen(page, 'en');
    await open(page, '/account');
    await page.getByRole('link', { name: /My registration/ }).click();
    await heading(page, 'My registration');
    await checkAxe(page);
    await screenshot(page, 'citizen-registration-start-phone-en');

    // The profile: nothing filled in lists what is needed; a wrong MRZ is named next to its field.
    await page.getByRole('link', { name: 'Enter my details' }).click();
    await heading(page, 'Enter my details');
    await page.getByRole('button', { name: 'Save' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    expect(await summary.getByRole('link').allTextContents()).toEqual([
      'Enter the family name as in the passport',
      'Enter the given names as in the passport',
    ]);
    expect(await page.title()).toMatch(/^Error: Enter my details/);
    await checkAxe(page);
    await page.getByLabel('Family name').fill('li');
    await page.getByLabel('Given names').fill('wei');
    await page.locator('#birthDate-day').fill('5');
    await page.locator('#birthDate-month').fill('3');
    await page.locator('#birthDate-year').fill('1990');
    await page.getByLabel('Passport number (optional)').fill('E1234 5678');
    await page.getByLabel('Passport code lines (optional)').fill(BAD_MRZ);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => page.locator('#mrz-error').textContent())
      .toMatch(/check digit after the passport number does not match/);
    await summary.getByRole('link', { name: /check digit/ }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('mrz');
    await checkAxe(page);
    await screenshot(page, 'citizen-registration-profile-errors-phone-en');
    await page.getByLabel('Passport code lines (optional)').fill('');
    await page.getByRole('button', { name: 'Save' }).click();
    await heading(page, 'My registration');
    await page.getByRole('status').filter({ hasText: 'Your details were saved.' }).waitFor();
    const now = page.getByRole('region', { name: 'Where I am now' });
    await now.getByText('You have no residence or trip for today.').waitFor();
    expect(await page.getByText('E12345678').isVisible()).toBe(true);
    await checkAxe(page);

    // A trip: departure before arrival is refused on the page and nothing is saved.
    await now.getByRole('link', { name: 'Add a trip' }).click();
    await heading(page, 'Add a trip');
    await page.getByLabel('Country or region', { exact: true }).selectOption('JP');
    const city = page.getByRole('combobox', { name: 'Town or city (optional)' });
    await city.pressSequentially('osa', { delay: 30 });
    const osaka = page.getByRole('option', { name: /^Osaka/ }).first();
    await osaka.waitFor();
    await checkAxe(page);
    await screenshot(page, 'citizen-registration-city-search-phone-en');
    // Keyboard: down to the first suggestion (the most populous), Enter chooses it.
    await city.press('ArrowDown');
    expect(await city.getAttribute('aria-activedescendant')).toBe(await osaka.getAttribute('id'));
    await city.press('Enter');
    expect(await city.inputValue()).toBe('Osaka');
    expect(await city.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByLabel('Province, state or region (optional)').inputValue()).toBe('JP-27');
    await page.getByLabel('Arrival date').fill(day(0));
    await page.getByLabel('Departure date').fill(day(-3));
    await page.getByRole('button', { name: 'Save' }).click();
    await summary
      .getByRole('link', { name: 'The departure date must be the same as or after the arrival date' })
      .waitFor();
    expect((await presences(page)).items).toEqual([]);
    await checkAxe(page);
    await screenshot(page, 'citizen-registration-trip-errors-phone-en');

    // Precise location with consent, from the phone's position; a refusal says what still works.
    await page.getByLabel('Departure date').fill(day(10));
    await page.getByLabel('Purpose (optional)').selectOption('tourism');
    await page.getByLabel('Share my precise location for this residence or trip').check();
    await page.getByRole('button', { name: 'Use my location now' }).click();
    await page.getByRole('status').filter({ hasText: 'Your browser did not allow the location.' }).waitFor();
    await page.context().grantPermissions(['geolocation'], { origin: new URL(server.url).origin });
    await page.context().setGeolocation(OSAKA);
    await page.getByRole('button', { name: 'Use my location now' }).click();
    await page.getByRole('status').filter({ hasText: 'Location found: 34.6937, 135.5022' }).waitFor();
    await checkAxe(page);
    await screenshot(page, 'citizen-registration-trip-phone-en');
    await page.getByRole('button', { name: 'Save' }).click();
    await heading(page, 'My registration');
    await page.getByRole('status').filter({ hasText: 'Your trip was saved.' }).waitFor();
    expect(await now.textContent()).toMatch(/Osaka.*Japan/);
    expect(await now.getByText('Your precise location is shared for this one.').isVisible()).toBe(true);
    await checkAxe(page);
    await screenshot(page, 'citizen-registration-overview-phone-en');
    expect((await presences(page)).items).toMatchObject([{ cityName: 'Osaka', preciseConsent: true }]);

    // Withdrawing asks first, then keeps only the city.
    await page.getByRole('link', { name: /^Change\W+Osaka/ }).click();
    await heading(page, 'Change a trip');
    expect(await page.getByRole('combobox', { name: 'Town or city (optional)' }).inputValue()).toBe('Osaka');
    await page.getByRole('button', { name: 'Withdraw precise location' }).click();
    await page.getByText('Withdraw your precise location?').waitFor();
    await checkAxe(page);
    await page.getByRole('button', { name: 'Yes, withdraw it' }).click();
    await page.getByRole('status').filter({ hasText: 'Your precise location was withdrawn.' }).waitFor();
    expect((await presences(page)).items).toMatchObject([{ cityName: 'Osaka', preciseConsent: false }]);
    await page.context().close();
  });

  it('in Chinese: family, emergency contact, followed country and a residence, each removed after asking', async () => {
    const page = await newDesktopPage(browser, 'zh-CN');
    await signedInCitizen(page, 'zh-CN');
    const profile = await page.request.put(url('/api/v1/registry/me'), {
      headers: WRITE_HEADERS,
      data: { familyName: 'ZHANG', givenName: 'SANFENG', nativeName: '张三丰' },
    });
    expect(profile.status()).toBe(200);
    await open(page, '/registration');
    await heading(page, '我的登记');
    await checkAxe(page);

    await page.getByRole('link', { name: '添加家人' }).click();
    await heading(page, '添加家人');
    await page.getByLabel('姓（拼音）').fill('ZHANG');
    await page.getByLabel('名（拼音）').fill('XIAOMING');
    await page.getByLabel('与您的关系').selectOption('child');
    // Chinese order: year, month, day.
    await page.locator('#birthDate-year').fill('2015');
    await page.locator('#birthDate-month').fill('2');
    await page.locator('#birthDate-day').fill('30');
    await page.getByRole('button', { name: '保存' }).click();
    const summary = page.getByRole('alert').filter({ hasText: '出现问题' });
    await summary.getByRole('link', { name: /请输入真实的日期/ }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('birthDate-year');
    await checkAxe(page);
    await screenshot(page, 'citizen-registration-dependent-errors-desktop-zh-CN');
    await page.locator('#birthDate-day').fill('28');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('status').filter({ hasText: '家人信息已保存。' }).waitFor();

    await page.getByRole('link', { name: '添加紧急联系人' }).click();
    await heading(page, '添加紧急联系人');
    await page.getByLabel('姓名').fill('王芳');
    await page.getByLabel('与您的关系').fill('母亲');
    await page.getByRole('button', { name: '保存' }).click();
    await summary.getByRole('link', { name: '请输入电话号码或电子邮箱' }).waitFor();
    await checkAxe(page);
    await page.getByLabel('电话号码').fill('+86 138 0013 8000');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('status').filter({ hasText: '紧急联系人已保存。' }).waitFor();
    await page.getByText('+86 138 0013 8000').waitFor();

    // Follow France's advisories, found through the filter box.
    await page.getByLabel('搜索国家或地区列表').fill('法国');
    await page.getByLabel('要关注的国家或地区').selectOption('FR');
    await page.getByRole('button', { name: '关注', exact: true }).click();
    const follow = page.getByRole('region', { name: '我关注的安全提醒' });
    const followed = follow.getByRole('listitem').filter({ hasText: '法国' });
    await followed.waitFor();

    // A residence with the child living there too.
    await page.getByRole('link', { name: '添加居住地' }).first().click();
    await heading(page, '添加居住地');
    expect(await page.getByLabel('我在当地居住').isChecked()).toBe(true);
    await page.getByLabel('国家或地区', { exact: true }).selectOption('FR');
    await page.getByRole('combobox', { name: '城市（选填）' }).pressSequentially('Lyo', { delay: 30 });
    await page.getByRole('option', { name: /^Lyon/ }).first().click();
    await page.getByLabel('开始居住日期').fill(day(-400));
    await page.getByLabel('ZHANG XIAOMING').check();
    await checkAxe(page);
    await screenshot(page, 'citizen-registration-residence-desktop-zh-CN');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('status').filter({ hasText: '您的居住地已保存。' }).waitFor();
    const now = page.getByRole('region', { name: '我现在在哪里' });
    expect(await now.textContent()).toMatch(/Lyon.*法国/);
    await page.getByText('同住：ZHANG XIAOMING').waitFor();
    await checkAxe(page);
    await screenshot(page, 'citizen-registration-overview-desktop-zh-CN');

    // Unfollow asks first; Cancel keeps it.
    await follow.getByRole('button', { name: /^取消关注/ }).click();
    await follow.getByText('不再关注法国的安全提醒？').waitFor();
    await follow.getByRole('button', { name: '取消', exact: true }).click();
    await followed.getByRole('button', { name: /^取消关注/ }).waitFor();
    await follow.getByRole('button', { name: /^取消关注/ }).click();
    await follow.getByRole('button', { name: '确定取消' }).click();
    await follow.getByText('您还没有关注任何国家。').waitFor();

    // Removing the child also takes them off the residence.
    const family = page.getByRole('region', { name: '随行家人' });
    await family.getByRole('button', { name: /^删除/ }).click();
    await family.getByText('此人也会从您的居住地和行程中移除。').waitFor();
    await checkAxe(page);
    await family.getByRole('button', { name: '确定删除' }).click();
    await family.getByText('您还没有添加家人。').waitFor();
    await expect.poll(() => page.getByText('同住：ZHANG XIAOMING').count()).toBe(0);

    const places = page.getByRole('region', { name: '居住地和行程' });
    await places.getByRole('button', { name: /^删除/ }).click();
    await places.getByRole('button', { name: '确定删除' }).click();
    await now.getByText('您今天没有登记的居住地或行程。').waitFor();
    expect((await presences(page)).items).toEqual([]);
    await page.context().close();
  });

  it('adds an emergency contact once when Save is pressed again after the answer was lost', async () => {
    // Requests a service worker handles escape page.route, so this phone runs without one.
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'en',
      serviceWorkers: 'block',
    });
    const page = await context.newPage();
    await signedInCitizen(page, 'en');
    const profile = await page.request.put(url('/api/v1/registry/me'), {
      headers: WRITE_HEADERS,
      data: { familyName: 'LI', givenName: 'WEI' },
    });
    expect(profile.status()).toBe(200);
    await open(page, '/registration/emergency-contacts/new');
    await heading(page, 'Add an emergency contact');
    await page.getByLabel('Their name').fill('Wang Fang');
    await page.getByLabel('How are they related to you?').fill('Mother');
    await page.getByLabel('Phone number').fill('+86 138 0013 8000');

    // The first Save reaches the server, which adds the contact, but its answer never reaches the phone.
    const keys: (string | undefined)[] = [];
    await page.route('**/api/v1/registry/me/emergency-contacts', async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      keys.push(route.request().headers()['idempotency-key']);
      if (keys.length > 1) return route.fallback();
      await route.fetch();
      return route.abort('failed');
    });
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('alert').filter({ hasText: 'could not be reached' }).waitFor();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'The emergency contact was saved.' }).waitFor();

    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^"[0-9a-f-]{36}"$/);
    expect(keys[1]).toBe(keys[0]);
    const contacts = await page.request.get(url('/api/v1/registry/me/emergency-contacts'));
    expect((await contacts.json()).items).toHaveLength(1);
    await context.close();
  });

  it('sends a signed-out visitor to sign in and back', async () => {
    const page = await newPhonePage(browser, 'en');
    await open(page, '/registration/presences/new');
    await heading(page, 'Sign in');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/registration/presences/new');
    await page.context().close();
  });
});
