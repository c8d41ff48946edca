import { type APIRequestContext, type Browser, type Page, request } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/src/modules/demo/demo.accounts.ts';
import {
  checkAxe,
  describeBrowser,
  launchBrowser,
  newPhonePage,
  screenshot,
} from '../../server/test/support/browser.ts';
import { freshTotpCode } from '../../server/test/support/console.ts';
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

const url = (path: string) => new URL(path, server.url).href;
const WRITE = { 'X-Requested-With': 'homeward' };

async function open(page: Page, path: string): Promise<void> {
  await page.goto(url(path));
  await page.waitForLoadState('networkidle');
}

/** HQ, over the API (password and authenticator code), as the console would: the allocation run it starts. */
async function runAllocationAsHq(campaignId: string): Promise<void> {
  const hq: APIRequestContext = await request.newContext({ baseURL: server.url });
  try {
    const email = 'admin@demo.homeward.example';
    const first = await hq.post('/api/v1/auth/sign-in', { headers: WRITE, data: { email, password: DEMO_PASSWORD } });
    const { challenge } = (await first.json()) as { challenge: string };
    const second = await hq.post('/api/v1/auth/totp', {
      headers: WRITE,
      data: { challenge, code: await freshTotpCode(email) },
    });
    expect(second.status()).toBe(200);
    const started = await hq.post(`/api/v1/campaigns/${campaignId}/allocate`, { headers: WRITE });
    expect(started.status()).toBe(202);
    // The worker of the test server runs the job; its run reports done with the counts.
    await expect
      .poll(async () => (await (await hq.get(`/api/v1/campaigns/${campaignId}/allocation`)).json()).run?.status, {
        timeout: 15_000,
      })
      .toBe('done');
  } finally {
    await hq.dispose();
  }
}

describeBrowser('campaigns: a citizen registers for vaccination, gets a place and shows the QR (phone)', () => {
  it('registers (a refused form fixed, sent once back online), sees the place, the QR and the calendar file, and the dose records', async () => {
    const page = await newPhonePage(browser, 'en');
    const signIn = await page.request.post(url('/api/v1/auth/sign-in'), {
      headers: WRITE,
      data: { email: 'citizen@demo.homeward.example', password: DEMO_PASSWORD },
    });
    expect(signIn.status()).toBe(200);

    // Home → campaigns: the demo campaign, where the demo citizen's first dose is done.
    await open(page, '/');
    await page.getByRole('link', { name: /Vaccination and other campaigns/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Campaigns' }).waitFor();
    await page.getByRole('link', { name: 'Vaccination abroad 2026/27' }).click();
    await page.getByRole('heading', { level: 1, name: 'Vaccination abroad 2026/27' }).waitFor();
    await page.getByText('Done', { exact: true }).waitFor();
    const campaignId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    await checkAxe(page);

    // Register for the second dose: a form sent without answers names what is missing.
    await page.getByRole('link', { name: 'Register', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Register for this campaign' }).waitFor();
    await page.getByRole('button', { name: 'Register' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await page.getByRole('link', { name: 'Choose where you would like to go' }).waitFor();
    await checkAxe(page);
    await screenshot(page, 'citizen-campaign-register-error-phone-en');
    await page.getByLabel('None of these').check();
    await page.getByLabel(/^Embassy in Washington/).check();
    // No network when sending: the registration waits on the phone, then goes out (same key) when back online.
    await page.context().setOffline(true);
    await page.getByRole('button', { name: 'Register' }).click();
    await page.getByText('Saved on this phone. It will be sent when you are online.').first().waitFor();
    await page.context().setOffline(false);
    await page.getByText('You are registered. We will tell you when you have a place.').waitFor();
    await page.getByText('Waiting for a place', { exact: true }).waitFor();

    // HQ runs the allocation (priority rank, then registration time); the citizen's page shows the place.
    await runAllocationAsHq(campaignId);
    await page.reload();
    await page.getByText('Place given', { exact: true }).waitFor();
    await page.getByText('Embassy in Washington').first().waitFor();
    await page.getByText(/\(local time\)/).waitFor();
    await page.getByRole('button', { name: 'Show my QR code' }).click();
    const qr = page.getByRole('img', { name: /^Check-in QR code for / });
    await qr.waitFor();
    expect(await page.locator('.camp-code').textContent()).toMatch(/^HWC1\./);
    const calendar = page.getByRole('link', { name: 'Add to my calendar' });
    // A download sends the browser's languages, as the phone set to English would.
    const ics = await page.request.get(url((await calendar.getAttribute('href')) as string), {
      headers: { 'accept-language': 'en' },
    });
    expect(ics.status()).toBe(200);
    expect(await ics.text()).toContain('Vaccination abroad 2026/27');
    await checkAxe(page);
    await screenshot(page, 'citizen-campaign-place-phone-en');

    // Cancelling asks first; keeping it leaves the place.
    await page.getByRole('button', { name: 'Cancel my registration' }).click();
    await page.getByText(/^Cancel your place on /).waitFor();
    await page.getByRole('button', { name: 'No, keep it' }).click();
    await page.getByText('Place given', { exact: true }).waitFor();

    // The first dose, as the embassy recorded it.
    await open(page, '/campaigns/doses');
    await page.getByRole('heading', { level: 1, name: 'My dose records' }).waitFor();
    await page.getByText('1 of 2').waitFor();
    await page.getByText('BBIBP-CorV (Sinopharm)').waitFor();
    await checkAxe(page);
    await page.context().close();
  }, 60_000);
});
