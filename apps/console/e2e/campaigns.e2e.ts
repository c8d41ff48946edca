import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/src/modules/demo/demo.accounts.ts';
import {
  checkAxe,
  describeBrowser,
  launchBrowser,
  newDesktopPage,
  newPhonePage,
  screenshot,
} from '../../server/test/support/browser.ts';
import { signInToConsole } from '../../server/test/support/console.ts';
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

const WRITE = { 'content-type': 'application/json', 'x-requested-with': 'homeward' };
const pad = (n: number) => String(n).padStart(2, '0');

/** Wall-clock parts of `at` in a time zone. */
function partsIn(zone: string, at: Date): { date: string; hour: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, hour: Number(get('hour')) };
}

/** A datetime-local value in this machine's zone (the browser's), `minutes` from now. */
function localInput(minutes: number): string {
  const d = new Date(Date.now() + minutes * 60_000);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The demo citizen registers through the API, waits for the first-come seat and reads the check-in code. */
async function registerDemoCitizen(campaignId: string): Promise<string> {
  const signIn = await fetch(new URL('/api/v1/auth/sign-in', server.url), {
    method: 'POST',
    headers: WRITE,
    body: JSON.stringify({ email: 'citizen@demo.homeward.example', password: DEMO_PASSWORD }),
  });
  const cookie = signIn.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const call = (path: string, init: RequestInit = {}) =>
    fetch(new URL(path, server.url), { ...init, headers: { ...WRITE, cookie, ...init.headers } });
  const registered = await call(`/api/v1/me/campaigns/${campaignId}/registrations`, {
    method: 'POST',
    headers: { 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify({}),
  });
  expect(registered.status, await registered.clone().text()).toBe(201);
  const { id } = (await registered.json()) as { id: string };
  // First come: a job gives the seat right after registering.
  await expect
    .poll(
      async () => ((await (await call(`/api/v1/me/campaign-registrations/${id}`)).json()) as { status: string }).status,
    )
    .toBe('allocated');
  const code = (await (await call(`/api/v1/me/campaign-registrations/${id}/check-in-code`)).json()) as { code: string };
  return code.code;
}

describeBrowser('staff console: campaigns', () => {
  it('HQ sets up a campaign and follows its progress; the Washington officer checks a person in by code and records the dose', async () => {
    // A site zone where today still has an hour left, so the session's first slot is still ahead at any test hour.
    const zone =
      ['America/New_York', 'Pacific/Honolulu', 'Asia/Tokyo'].find((z) => partsIn(z, new Date()).hour < 22) ??
      'America/New_York';
    const local = partsIn(zone, new Date());

    const hq = await newDesktopPage(browser, 'en');
    await signInToConsole(hq, { baseUrl: server.url, email: 'admin@demo.homeward.example' });
    await hq.getByRole('navigation', { name: /Main/ }).getByRole('link', { name: 'Campaigns' }).click();
    await hq.getByRole('heading', { level: 1, name: 'Campaigns' }).waitFor();
    await hq.getByRole('link', { name: 'Create a campaign' }).click();

    // Nothing filled in: the summary names what is missing and nothing is created.
    await hq.getByRole('button', { name: 'Create the campaign' }).click();
    const summary = hq.getByRole('alert');
    await summary.getByText('Choose at least one country').waitFor();
    expect(await summary.getByText('Enter the title in English', { exact: false }).isVisible()).toBe(true);
    await checkAxe(hq);

    await hq.getByLabel('Campaign code').fill('e2e-vax');
    await hq.getByLabel('Title in Chinese').fill('端到端疫苗接种');
    await hq.getByLabel('Title in English').fill('E2E vaccination');
    await hq.getByLabel('Description in Chinese').fill('测试用的接种活动。');
    await hq.getByLabel('Description in English').fill('A vaccination campaign for the test.');
    await hq.getByLabel('Registration opens').fill(localInput(-60));
    await hq.getByLabel('Registration closes').fill(localInput(30 * 24 * 60));
    await hq.getByLabel('First come, first served').check();
    await hq.getByLabel('Countries of registered presence').selectOption('US');
    await hq.getByRole('button', { name: 'Add', exact: true }).click();
    await hq.getByLabel('Vaccine product', { exact: true }).fill('BBIBP-CorV (Sinopharm)');
    await hq.getByLabel('Doses in the series').fill('2');
    await hq.getByRole('button', { name: 'Create the campaign' }).click();
    await hq.getByRole('heading', { level: 1, name: /E2E vaccination/ }).waitFor();
    await hq.getByText('The campaign is created as a draft').waitFor();
    const campaignId = new URL(hq.url()).pathname.split('/').at(-1) ?? '';

    // A site run by the Washington embassy, then a session today in the site's time zone.
    await hq.getByRole('button', { name: 'Add a site' }).click();
    await hq.getByLabel('Responsible mission').selectOption('US-WAS');
    await hq.getByLabel('Name in Chinese').fill('华盛顿测试接种点');
    await hq.getByLabel('Name in English').fill('Washington test site');
    await hq.getByLabel('Address').fill('3505 International Place NW, Washington, DC 20008');
    await hq.getByLabel('Latitude').fill('38.9434');
    await hq.getByLabel('Longitude').fill('-77.0660');
    await hq.getByLabel('Country', { exact: true }).selectOption('US');
    await hq.getByLabel('Time zone').fill(zone);
    await hq.getByRole('button', { name: 'Add the site' }).click();
    await hq.getByText('Washington test site is added.').waitFor();
    await hq.getByRole('button', { name: 'Add a session at Washington test site' }).click();
    expect(await hq.getByLabel('Date', { exact: true }).inputValue()).toBe(local.date);
    await hq.getByLabel('From').fill(`${pad(local.hour + 1)}:00`);
    await hq.getByLabel('Until').fill('24:00');
    await hq.getByLabel('Minutes per slot').fill('30');
    await hq.getByLabel('People per slot').fill('2');
    await hq.getByRole('button', { name: 'Add the session' }).click();
    await hq.getByText(/The session on .* is added\./).waitFor();
    await hq.getByRole('button', { name: 'Open for registration' }).click();
    await hq.getByRole('button', { name: 'Yes, open it' }).click();
    await hq.getByText('The campaign is open for registration.').waitFor();
    await checkAxe(hq);
    await screenshot(hq, 'console-campaign-desktop-en');

    await hq.getByRole('link', { name: 'Progress' }).click();
    await hq.getByRole('heading', { level: 1, name: /Campaign progress/ }).waitFor();
    const byCountry = hq.getByRole('table', { name: /Per country/ });
    await byCountry.getByRole('rowheader', { name: 'United States of America' }).waitFor();
    await checkAxe(hq);

    // The citizen registers and is given a seat in that session.
    const code = await registerDemoCitizen(campaignId);

    // The Washington officer, on a phone at the site: Campaigns → the campaign → the site's day → check in → dose.
    const officer = await newPhonePage(browser, 'en');
    await signInToConsole(officer, { baseUrl: server.url, email: 'officer.us@demo.homeward.example' });
    await officer.goto(new URL('/console/campaigns', server.url).href);
    await officer.getByRole('link', { name: 'E2E vaccination' }).click();
    await officer.getByRole('link', { name: 'The day at Washington test site' }).click();
    await officer.getByRole('heading', { level: 1, name: 'The day at Washington test site' }).waitFor();
    await officer.getByLabel('Check-in code').fill(code);
    await officer.getByLabel('Check-in code').press('Enter');
    await officer.getByText(/ZHANG SANFENG is checked in/).waitFor();
    const row = officer.getByRole('row', { name: /ZHANG SANFENG/ });
    await row.getByText('Checked in', { exact: true }).waitFor();
    await checkAxe(officer);

    // The same code again is refused in words.
    await officer.getByLabel('Check-in code').fill(code);
    await officer.getByRole('button', { name: 'Check in', exact: true }).click();
    await officer.getByText('This code was used already', { exact: false }).waitFor();

    await row.getByRole('button', { name: 'Record the dose for ZHANG SANFENG' }).click();
    // Product and dose number come from the campaign; the lot number has the focus.
    expect(await officer.getByLabel('Product').inputValue()).toBe('BBIBP-CorV (Sinopharm)');
    await officer.keyboard.type('E2E-LOT-7');
    await officer.getByRole('button', { name: 'Record the dose', exact: true }).click();
    await officer.getByText('Dose 1 for ZHANG SANFENG is recorded: BBIBP-CorV (Sinopharm), lot E2E-LOT-7.').waitFor();
    await row.getByText('Completed', { exact: true }).waitFor();
    await checkAxe(officer);
    await screenshot(officer, 'console-campaign-day-phone-en');
    await officer.context().close();

    // Back at HQ the progress counts the person and the dose, in both languages.
    await hq.getByRole('button', { name: 'Refresh' }).click();
    const us = byCountry.getByRole('row', { name: /United States of America/ });
    // Registered, given a seat, checked in, doses (the first cell is the nationals present).
    await expect
      .poll(async () => (await us.getByRole('cell').allTextContents()).slice(1))
      .toEqual(['1', '1', '1', '1']);
    await hq.getByRole('button', { name: '中文' }).click();
    await hq.getByRole('heading', { level: 1, name: /活动进展/ }).waitFor();
    await checkAxe(hq);
    await screenshot(hq, 'console-campaign-progress-desktop-zh-CN');
    await hq.context().close();
  });
});
