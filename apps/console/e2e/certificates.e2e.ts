import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/src/modules/demo/demo.accounts.ts';
import {
  checkAxe,
  describeBrowser,
  launchBrowser,
  newDesktopPage,
  screenshot,
} from '../../server/test/support/browser.ts';
import { signInToConsole } from '../../server/test/support/console.ts';
import { startTestServer, type TestServer } from '../../server/test/support/test-server.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  await registerCitizenPassport('E12345678');
});

/** The demo citizen saves a registration profile with a passport number, through the citizen API. */
async function registerCitizenPassport(passportNumber: string): Promise<void> {
  const headers = { 'content-type': 'application/json', 'x-requested-with': 'homeward' };
  const signIn = await fetch(new URL('/api/v1/auth/sign-in', server.url), {
    method: 'POST',
    headers,
    body: JSON.stringify({ email: 'citizen@demo.homeward.example', password: DEMO_PASSWORD }),
  });
  const cookie = signIn.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const saved = await fetch(new URL('/api/v1/registry/me', server.url), {
    method: 'PUT',
    headers: { ...headers, cookie },
    body: JSON.stringify({ familyName: 'ZHANG', givenName: 'SANFENG', birthDate: '1980-04-12', passportNumber }),
  });
  if (!saved.ok) throw new Error(`registry: ${saved.status} ${await saved.text()}`);
}

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signInHealthIssuer(page: Page): Promise<void> {
  await signInToConsole(page, { baseUrl: server.url, email: 'health@demo.homeward.example' });
}

async function shootBothLanguages(page: Page, name: string): Promise<void> {
  await checkAxe(page);
  await screenshot(page, `console-${name}-desktop-en`);
  await page.getByRole('button', { name: '中文' }).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
  await checkAxe(page);
  await screenshot(page, `console-${name}-desktop-zh-CN`);
  await page.getByRole('button', { name: 'English' }).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
}

describeBrowser('staff console: health certificates', () => {
  it('a health issuer issues a vaccination certificate, finds it, and revokes it after confirming', async () => {
    const page = await newDesktopPage(browser, 'en');
    await signInHealthIssuer(page);
    await page.getByRole('navigation', { name: /Main/ }).getByRole('link', { name: 'Health certificates' }).click();
    await page.getByRole('link', { name: 'Issue a certificate' }).click();
    await page.getByRole('heading', { level: 1, name: 'Issue a health certificate' }).waitFor();

    // Nothing filled in: the error summary names what is missing, and nothing is issued.
    await page.getByRole('button', { name: 'Sign and issue the certificate' }).click();
    await expect.poll(() => page.getByRole('alert').getByText('Enter the family name').isVisible()).toBe(true);
    await shootBothLanguages(page, 'certificate-issue-errors');

    // The registered person is found by passport number and fills the holder's details.
    await page.getByLabel('Passport number of a registered person (optional)').fill('e1234 5678');
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    await page.getByRole('button', { name: 'Use ZHANG SANFENG' }).click();
    expect(await page.getByLabel('Family name', { exact: true }).inputValue()).toBe('ZHANG');
    expect(await page.getByLabel('Date of birth').inputValue()).toBe('1980-04-12');
    await checkAxe(page);
    await page.getByRole('button', { name: 'Choose someone else' }).click();

    await page.getByLabel('Family name', { exact: true }).fill('李');
    await page.getByLabel('Given names', { exact: true }).fill('小龙');
    await page.getByLabel('Family name in Latin letters').fill('Li');
    await page.getByLabel('Given names in Latin letters').fill('Xiaolong');
    await page.getByLabel('Date of birth').fill('1990-01-31');
    await page.getByLabel('Vaccine type').selectOption('1119349007');
    await page.getByLabel('Vaccine product').selectOption('EU/1/20/1528');
    await page.getByLabel('Manufacturer').selectOption('ORG-100030215');
    await page.getByLabel('Date of vaccination').fill('2026-10-01');
    await page.getByRole('button', { name: 'Sign and issue the certificate' }).click();

    await page.getByRole('heading', { level: 1, name: /Vaccination: 李 小龙/ }).waitFor();
    expect(await page.getByText('Comirnaty (EU/1/20/1528)').isVisible()).toBe(true);
    expect(await page.getByRole('img', { name: /QR code of the health certificate/ }).isVisible()).toBe(true);
    await shootBothLanguages(page, 'certificate-issued');

    await page.getByRole('link', { name: 'Back to health certificates' }).click();
    await page.getByLabel('Name or certificate number').fill('li');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: /李 小龙/ }).click();

    await page.getByRole('button', { name: 'Revoke the certificate' }).click();
    await expect
      .poll(() => page.getByText('Enter the reason for revoking the certificate').first().isVisible())
      .toBe(true);
    await page.getByLabel('Reason').fill('issued to the wrong person');
    await page.getByRole('button', { name: 'Revoke the certificate' }).click();
    await page.getByRole('button', { name: 'Yes, revoke it' }).click();
    await expect.poll(() => page.getByText('The certificate is revoked.', { exact: false }).isVisible()).toBe(true);
    expect(await page.getByText('Revoked', { exact: true }).first().isVisible()).toBe(true);
    await checkAxe(page);
    await page.context().close();
  });

  it('headquarters sees the signing keys and replaces the document signer after confirming', async () => {
    const page = await newDesktopPage(browser, 'en');
    await signInToConsole(page, { baseUrl: server.url, email: 'admin@demo.homeward.example' });
    await page.getByRole('navigation', { name: /Main/ }).getByRole('link', { name: 'Health certificates' }).click();
    await page.getByRole('link', { name: 'Signing keys' }).click();
    await page.getByRole('heading', { level: 1, name: 'Signing keys' }).waitFor();
    const rows = page.getByRole('table').getByRole('row');
    await expect.poll(() => rows.count()).toBe(3); // header, the CSCA, one document signer
    await shootBothLanguages(page, 'certificate-signers');

    // No reason: nothing is replaced.
    const dscForm = page.getByRole('region', { name: 'Replace the document signer' });
    await dscForm.getByRole('button', { name: 'Replace the document signer' }).click();
    await expect
      .poll(() => page.getByText('Enter the reason for replacing the document signer').first().isVisible())
      .toBe(true);
    expect(await rows.count()).toBe(3);

    await dscForm.getByLabel('Reason').fill('yearly rotation drill');
    await dscForm.getByRole('button', { name: 'Replace the document signer' }).click();
    await dscForm.getByRole('button', { name: 'Yes, replace it' }).click();
    await expect.poll(() => page.getByText('A new document signer is in use', { exact: false }).isVisible()).toBe(true);
    await expect.poll(() => rows.count()).toBe(4);
    expect(await page.getByRole('cell', { name: 'In use' }).count()).toBe(2); // the CSCA and the new signer
    expect(await page.getByRole('cell', { name: /^Replaced on/ }).count()).toBe(1);

    // The country signing CA: a reason, a confirmation, then a new CSCA and a new document signer under it.
    const cscaForm = page.getByRole('region', { name: 'Replace the country signing CA' });
    await cscaForm.getByRole('button', { name: 'Replace the country signing CA' }).click();
    await expect
      .poll(() => page.getByText('Enter the reason for replacing the country signing CA').first().isVisible())
      .toBe(true);
    await cscaForm.getByLabel('Reason').fill('CSCA key ceremony drill');
    await cscaForm.getByRole('button', { name: 'Replace the country signing CA' }).click();
    await cscaForm.getByRole('button', { name: 'Yes, replace both' }).click();
    await expect
      .poll(() => page.getByText('A new country signing CA is in use', { exact: false }).isVisible())
      .toBe(true);
    await expect.poll(() => rows.count()).toBe(6); // two CSCAs, three document signers
    expect(await page.getByRole('cell', { name: 'In use' }).count()).toBe(2);
    expect(await page.getByRole('cell', { name: /^Replaced on/ }).count()).toBe(3);
    const handovers = await (await fetch(new URL('/api/v1/certificates/csca-handovers', server.url))).json();
    expect(handovers.handovers).toHaveLength(1);
    await shootBothLanguages(page, 'certificate-signers-csca-replaced');
    await checkAxe(page);
    await page.context().close();
  });
});
