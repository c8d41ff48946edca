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
} from '../../server/test/support/browser.ts';
import { startTestServer, type TestServer } from '../../server/test/support/test-server.ts';

const HEADER = 'site,family_name,given_name,native_name,passport_number,birth_date,phone,email,role,locale';
const GOOD_ROW = 'Capitol Yard,ZHANG,WEI,张伟,E12345678,1988-04-30,+12025550123,zhang.wei@example.com,Engineer,zh-CN';
const BAD_ROW = 'Capitol Yard,LI,NA,李娜,E87654321,1990-02-30,+12025550124,,Surveyor,en';
const FIXED_ROW = BAD_ROW.replace('1990-02-30', '1990-02-28');

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

/** Signs the demo citizen in through the API, in the page's own cookie jar. */
async function signInDemoCitizen(page: Page): Promise<void> {
  const answer = await page.request.post(url('/api/v1/auth/sign-in'), {
    headers: { 'X-Requested-With': 'homeward' },
    data: { email: 'citizen@demo.homeward.example', password: DEMO_PASSWORD },
  });
  expect(answer.status()).toBe(200);
}

const csvFile = (rows: string[]) => ({
  name: 'staff.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from(`${[HEADER, ...rows].join('\r\n')}\r\n`),
});

describeBrowser('citizen app: my organisation', () => {
  it('registers an organisation and a site, a staff list with a bad row imports nothing, the fixed one imports', async () => {
    const page = await newPhonePage(browser, 'en');
    await signInDemoCitizen(page);
    await open(page, '/account');
    await page.getByRole('link', { name: /My organisations/ }).click();
    await heading(page, 'My organisations');
    await page.getByRole('link', { name: /Huaxia Construction/ }).waitFor();
    await checkAxe(page);
    await screenshot(page, 'citizen-organisations-phone-en');

    // Registering: an empty form lists what is needed.
    await page.getByRole('link', { name: 'Register an organisation' }).click();
    await heading(page, 'Register an organisation');
    await page.getByRole('button', { name: 'Save' }).click();
    const problems = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    expect(await problems.getByRole('link').allTextContents()).toEqual([
      'Enter the name of the organisation',
      'Enter the registration number',
      'Choose the sector',
    ]);
    await checkAxe(page);
    await page.getByLabel('Name of the organisation').fill('Potomac Bridgeworks');
    await page.getByLabel('Registration number').fill('91110000MA01PBW01X');
    await page.getByLabel('Sector').selectOption('construction');
    await page.getByRole('button', { name: 'Save' }).click();
    await heading(page, 'Potomac Bridgeworks');
    await page.getByRole('status').filter({ hasText: 'The organisation was saved.' }).waitFor();
    expect(await page.getByText('Add a site first').isVisible()).toBe(true);
    const organisationPath = new URL(page.url()).pathname;

    // A site in Washington DC, the city found by searching.
    await page.getByRole('link', { name: 'Add a site' }).click();
    await heading(page, 'Add a site');
    await page.getByLabel('Name of the site').fill('Capitol Yard');
    await page.getByLabel('Country or area').selectOption('US');
    await page.getByLabel('Town or city').fill('Washington');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('radio', { name: /^Washington, D\.C\./ }).click();
    await page.getByText('Chosen: Washington, D.C.').waitFor();
    await page.getByLabel('Number of nationals working at the site').fill('40');
    await page.getByLabel('Name', { exact: true }).fill('LIU YANG');
    await page.getByLabel('Phone number').fill('+1 202 555 0142');
    await checkAxe(page);
    await screenshot(page, 'citizen-organisation-site-phone-en');
    await page.getByRole('button', { name: 'Save the site' }).click();
    await heading(page, 'Potomac Bridgeworks');
    await page.getByRole('status').filter({ hasText: 'The site was saved.' }).waitFor();
    await page.getByText('Washington, D.C., District of Columbia, United States of America').waitFor();

    // A staff list with one impossible date: nothing is imported, the row is named, the report offered.
    await page.getByLabel('Staff list file (CSV)').setInputFiles(csvFile([GOOD_ROW, BAD_ROW]));
    await page.getByRole('button', { name: 'Upload the staff list' }).click();
    const rejected = page.getByRole('alert').filter({ hasText: 'Nothing was imported' });
    await rejected.getByText('Line 3, column birth_date:').waitFor();
    const report = rejected.getByRole('link', { name: 'Download the error report (CSV)' });
    const reportCsv = await page.request.get(url((await report.getAttribute('href')) as string), {
      headers: { 'Accept-Language': 'en' },
    });
    expect(await reportCsv.text()).toContain('3,birth_date,Write the date as YYYY-MM-DD');
    const organisationId = organisationPath.split('/').at(-1) as string;
    const staffAnswer = await page.request.get(url(`/api/v1/organisations/${organisationId}/staff`));
    expect((await staffAnswer.json()).total).toBe(0);
    expect(await page.getByText('No staff list uploaded yet.').isVisible()).toBe(true);
    await checkAxe(page);
    await screenshot(page, 'citizen-organisation-import-rejected-phone-en');

    // Fixed: both people are imported and listed.
    await page.getByLabel('Staff list file (CSV)').setInputFiles(csvFile([GOOD_ROW, FIXED_ROW]));
    await page.getByRole('button', { name: 'Upload the staff list' }).click();
    await page.getByRole('status').filter({ hasText: 'The staff list was imported: 2 people.' }).waitFor();
    await page.getByRole('cell', { name: /ZHANG WEI/ }).waitFor();
    await page.getByRole('cell', { name: /LI NA/ }).waitFor();
    await page.getByText('40 nationals work here · 2 on the staff list').waitFor();
    await checkAxe(page);
    await screenshot(page, 'citizen-organisation-imported-phone-en');
    await page.context().close();
  });

  it('in Chinese on a desktop: the demo organisation, its sites and staff, and deleting after asking', async () => {
    const page = await newDesktopPage(browser, 'zh-CN');
    await signInDemoCitizen(page);
    await open(page, '/organisations');
    await heading(page, '我的单位');
    await page.getByRole('link', { name: /华夏建设有限公司/ }).click();
    await heading(page, /华夏建设有限公司/);
    await page.getByRole('heading', { name: '驻外地点' }).waitFor();
    await page.getByText('共 5 人').waitFor();
    await checkAxe(page);
    await screenshot(page, 'citizen-organisation-desktop-zh-CN');
    await page.getByRole('link', { name: /修改\s*Tokyo Branch/ }).click();
    await heading(page, '修改驻外地点');
    await checkAxe(page);
    await screenshot(page, 'citizen-organisation-site-desktop-zh-CN');

    // Another organisation, deleted after the question.
    const created = await page.request.post(url('/api/v1/organisations'), {
      headers: { 'X-Requested-With': 'homeward' },
      data: { name: '临时单位', registrationNumber: 'TEMP-1', sector: 'other' },
    });
    const { id } = await created.json();
    await open(page, `/organisations/${id}`);
    await page.getByRole('button', { name: '删除此单位' }).click();
    await page.getByText('确定删除临时单位吗？').waitFor();
    await checkAxe(page);
    await page.getByRole('button', { name: '确定删除' }).click();
    await heading(page, '我的单位');
    await page.getByRole('status').filter({ hasText: '已删除临时单位。' }).waitFor();
    expect((await page.request.get(url(`/api/v1/organisations/${id}`))).status()).toBe(404);
    await page.context().close();
  });
});
