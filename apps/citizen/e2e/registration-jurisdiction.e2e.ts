import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  checkAxe,
  describeBrowser,
  launchBrowser,
  newPhonePage,
  screenshot,
} from '../../server/test/support/browser.ts';
import { signInToConsole } from '../../server/test/support/console.ts';
import { startSmtpServer, type TestSmtpServer } from '../../server/test/support/smtp.ts';
import { startTestServer, type TestServer } from '../../server/test/support/test-server.ts';

// Issue 4's journey across both apps, all at phone width: a national registers a trip to Atlanta (Georgia, in
// the Washington embassy's consular district); the Washington officer finds them, the Tokyo officer does not.
const PASSWORD = 'copper kettle sings at dawn 41';
const WRITE_HEADERS = { 'X-Requested-With': 'homeward', 'Accept-Language': 'en' };

let smtp: TestSmtpServer;
let server: TestServer;
let browser: Browser;

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

const url = (path: string) => new URL(path, server.url).href;

function day(days: number): string {
  const at = new Date();
  at.setDate(at.getDate() + days);
  return `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
}

async function open(page: Page, path: string): Promise<void> {
  await page.goto(url(path));
  await page.waitForLoadState('networkidle');
}

async function heading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/** A family name nobody else in the demo data has, in Latin letters as a passport writes it. */
function uniqueFamilyName(): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let name = 'QIAN';
  for (let i = 0; i < 6; i += 1) name += letters[Math.floor(Math.random() * letters.length)];
  return name;
}

/** Signs up and confirms through the API in the page's own cookie jar, then saves a profile. */
async function registeredCitizen(page: Page, familyName: string): Promise<void> {
  const email = `${familyName.toLowerCase()}@example.org`;
  const signUp = await page.request.post(url('/api/v1/accounts/sign-up'), {
    headers: WRITE_HEADERS,
    data: { email, password: PASSWORD, displayName: 'Qian', locale: 'en' },
  });
  expect(signUp.status()).toBe(202);
  const mail = await smtp.waitFor((m) => m.to.includes(email) && /verify-email\?token=/.test(m.text), 15_000);
  const token = /verify-email\?token=([\w-]+)/.exec(mail.text)?.[1];
  expect(
    (
      await page.request.post(url('/api/v1/accounts/verify-email'), { headers: WRITE_HEADERS, data: { token } })
    ).status(),
  ).toBe(200);
  const profile = await page.request.put(url('/api/v1/registry/me'), {
    headers: WRITE_HEADERS,
    data: { familyName, givenName: 'MING', nativeName: '钱明' },
  });
  expect(profile.status()).toBe(200);
}

async function staffSignIn(page: Page, email: string): Promise<void> {
  await signInToConsole(page, { baseUrl: server.url, email });
}

/** The registrants table after searching for a name; the caller reads what it holds. */
async function searchRegistrants(page: Page, familyName: string) {
  await open(page, '/console/registrants');
  await heading(page, 'Registrants');
  await page.getByLabel('Name or passport number').fill(familyName);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect.poll(() => page.url()).toContain(`q=${familyName}`);
  await page.waitForLoadState('networkidle');
}

describeBrowser('registration reaches the mission whose district holds the place', () => {
  it('a trip to Atlanta registered on a phone is seen by the Washington officer, not by the Tokyo officer', async () => {
    const familyName = uniqueFamilyName();
    const citizen = await newPhonePage(browser, 'en');
    await registeredCitizen(citizen, familyName);

    await open(citizen, '/registration');
    await heading(citizen, 'My registration');
    await citizen.getByRole('region', { name: 'Where I am now' }).getByRole('link', { name: 'Add a trip' }).click();
    await heading(citizen, 'Add a trip');
    await citizen.getByLabel('Country or region', { exact: true }).selectOption('US');
    const city = citizen.getByRole('combobox', { name: 'Town or city (optional)' });
    await city.pressSequentially('atlan', { delay: 30 });
    await citizen
      .getByRole('option', { name: /^Atlanta/ })
      .first()
      .click();
    expect(await citizen.getByLabel('Province, state or region (optional)').inputValue()).toBe('US-GA');
    await citizen.getByLabel('Arrival date').fill(day(0));
    await citizen.getByLabel('Departure date').fill(day(14));
    await citizen.getByRole('button', { name: 'Save' }).click();
    await heading(citizen, 'My registration');
    await citizen.getByRole('status').filter({ hasText: 'Your trip was saved.' }).waitFor();
    expect(await citizen.getByRole('region', { name: 'Where I am now' }).textContent()).toMatch(/Atlanta/);
    await checkAxe(citizen);
    await screenshot(citizen, 'journey-registration-atlanta-phone-en');
    await citizen.context().close();

    // The Washington embassy's officer finds the traveller and opens their page.
    const washington = await newPhonePage(browser, 'en');
    await staffSignIn(washington, 'officer.us@demo.homeward.example');
    await searchRegistrants(washington, familyName);
    const people = washington.getByRole('table', { name: 'Registrants by family name' });
    const row = people.getByRole('row').filter({ hasText: familyName });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/Atlanta/);
    expect(await row.textContent()).toMatch(/US-WAS/);
    await checkAxe(washington);
    await screenshot(washington, 'journey-registrants-washington-phone-en');
    await row.getByRole('link').first().click();
    await heading(washington, new RegExp(familyName));
    expect(await washington.getByText('Atlanta').first().isVisible()).toBe(true);
    const personUrl = washington.url();
    await checkAxe(washington);
    await washington.context().close();

    // The Tokyo embassy's officer neither finds them nor opens their page by its address.
    const tokyo = await newPhonePage(browser, 'en');
    await staffSignIn(tokyo, 'officer.jp@demo.homeward.example');
    await searchRegistrants(tokyo, familyName);
    await tokyo.getByText('No registrants match these filters.').waitFor();
    expect(await tokyo.getByText(familyName).count()).toBe(0);
    await checkAxe(tokyo);
    await open(tokyo, new URL(personUrl).pathname);
    await heading(tokyo, 'Person not found');
    expect(await tokyo.getByText(familyName).count()).toBe(0);
    await screenshot(tokyo, 'journey-registrant-tokyo-not-found-phone-en');
    await tokyo.context().close();
  });
});
