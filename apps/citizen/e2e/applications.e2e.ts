import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/src/modules/demo/demo.accounts.ts';
import { solidPng } from '../../server/src/modules/services/services.seed.ts';
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
  // A public address as a deployment has one (links in mails and the calendar file; the listening port is random).
  server = await startTestServer({ HOMEWARD_PUBLIC_URL: 'https://consular.example' });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const url = (path: string) => new URL(path, server.url).href;
const png = (width: number, height: number, name = 'photo.png') => ({
  name,
  mimeType: 'image/png',
  buffer: Buffer.from(solidPng(width, height)),
});

/** Tomorrow or later, Monday to Friday and not a demo holiday, as the Washington mission's calendar has it. */
function nextWorkingDayInWashington(now = new Date()): string {
  const holidays = ['2026-12-25', '2027-01-01', '2027-01-18'];
  const local = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(now);
  const day = new Date(`${local}T12:00:00Z`);
  do day.setUTCDate(day.getUTCDate() + 1);
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6 || holidays.includes(day.toISOString().slice(0, 10)));
  return day.toISOString().slice(0, 10);
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

/** The officer opens the application from the queue and takes the next step. */
async function decide(officer: Page, reference: string, action: string, message?: string): Promise<void> {
  await open(officer, `/console/applications?q=${encodeURIComponent(reference)}`);
  await officer.getByRole('link', { name: reference }).click();
  await heading(officer, `Application ${reference}`);
  await officer.getByRole('radio', { name: action }).check();
  if (message)
    await officer.getByRole('textbox', { name: /What must the applicant add|Reason for the refusal/ }).fill(message);
  await officer.getByRole('button', { name: 'Save' }).click();
}

describeBrowser('citizen app: applying for a consular service', () => {
  it('passport renewal at phone width: photo, submit, more information, answer, approval, decision, collection booked with its .ics', async () => {
    const page = await newPhonePage(browser, 'en');
    await signInDemoCitizen(page);

    // The catalogue and the start page: fee, time, what you need.
    await open(page, '/services');
    await heading(page, 'Consular services online');
    await checkAxe(page);
    await screenshot(page, 'citizen-services-phone-en');
    await page.getByRole('link', { name: 'Passport renewal or replacement' }).click();
    await heading(page, 'Passport renewal or replacement');
    await page.getByText('US$25.00').waitFor();
    await page.getByText('10 to 20 working days').first().waitFor();
    await checkAxe(page);
    await screenshot(page, 'citizen-service-start-phone-en');
    await page.getByRole('button', { name: 'Start now' }).click();
    await page.getByRole('button', { name: 'Submit application' }).waitFor();
    const applicationPath = new URL(page.url()).pathname;

    // Submitting straight away: the server names every missing answer and document, nothing is sent.
    await page.getByRole('button', { name: 'Submit application' }).click();
    const problems = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await problems.getByRole('link', { name: 'Add Passport photo' }).waitFor();
    const listed = await problems.getByRole('link').allTextContents();
    expect(listed).toEqual(
      expect.arrayContaining(['Choose the mission', 'Enter Family name (as on the passport)', 'Add Passport photo']),
    );
    await checkAxe(page);

    await page.getByLabel('Which mission should handle your application?').selectOption('US-WAS');
    await page.getByLabel('Why do you need a new passport?').selectOption('expiring');
    await page.getByLabel('Family name (as on the passport)').fill('ZHANG');
    await page.getByLabel('Given names (as on the passport)').fill('SANFENG');
    const birth = page.getByRole('group', { name: 'Date of birth' });
    await birth.getByLabel('Day').fill('9');
    await birth.getByLabel('Month').fill('4');
    await birth.getByLabel('Year').fill('1985');
    await page.getByLabel('Phone number').fill('+1 202 555 0143');

    // A photo too small is refused with its pixel size; a good one is kept.
    await page.getByLabel('Passport photo').setInputFiles(png(200, 200, 'small.png'));
    await page.getByText('It is 200 × 200').first().waitFor();
    await page.getByLabel('Passport photo').setInputFiles(png(413, 531));
    await page.getByText('On file: photo.png (413 × 531)').waitFor();
    await page.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor();
    await checkAxe(page);
    await screenshot(page, 'citizen-application-form-phone-en');

    // The draft is on the server: another phone signed in to the same account finds the answers.
    const other = await newPhonePage(browser, 'en');
    await signInDemoCitizen(other);
    await open(other, applicationPath);
    await expect.poll(() => other.getByLabel('Family name (as on the passport)').inputValue()).toBe('ZHANG');
    await other.getByText('On file: photo.png (413 × 531)').waitFor();
    await other.context().close();

    await page.getByRole('button', { name: 'Submit application' }).click();
    await page.getByRole('heading', { name: 'Application sent' }).waitFor();
    const sent = (await page.getByText(/Your reference is HW-A-/).textContent()) ?? '';
    const reference = /HW-A-\d{4}-\d{6}/.exec(sent)?.[0] as string;
    expect(reference).toBeTruthy();
    await checkAxe(page);
    await screenshot(page, 'citizen-application-sent-phone-en');

    // The officer of the Washington mission asks for more information.
    const officer = await newDesktopPage(browser, 'en');
    await signInToConsole(officer, { baseUrl: server.url, email: 'officer.us@demo.homeward.example' });
    await decide(officer, reference, 'Ask the applicant for more information', 'Send a photo on a white background.');
    await officer.getByText('Waiting for the applicant').first().waitFor();
    await checkAxe(officer);
    await screenshot(officer, 'console-application-desktop-en');

    // The citizen reads the question, adds a new photo and answers in the same application.
    await open(page, applicationPath);
    await page.getByText('Send a photo on a white background.').waitFor();
    await page.getByText('More information needed').first().waitFor();
    await page.getByLabel('Passport photo').setInputFiles(png(500, 640, 'white.png'));
    await page.getByText('On file: white.png (500 × 640)').waitFor();
    await page.getByLabel('Your answer').fill('New photo on a white background added.');
    await checkAxe(page);
    await page.getByRole('button', { name: 'Send your answer' }).click();
    await page.getByRole('heading', { name: 'Application sent' }).waitFor();
    await page.getByText('You sent your answer').waitFor();

    // The officer approves; the citizen sees the decision, the letter and where to book the collection.
    await decide(officer, reference, 'Approve');
    await officer.getByText('Approved').first().waitFor();
    await open(page, applicationPath);
    await page.getByText('Your application is approved.').waitFor();
    const book = page.getByRole('link', { name: 'Book an appointment to collect your document' });
    const applicationId = applicationPath.split('/').at(-1) as string;
    expect(await book.getAttribute('href')).toBe(
      `/appointments/new?service=passport_renewal&application=${applicationId}&mission=US-WAS`,
    );
    const letterHref = await page
      .getByRole('link', { name: 'Download the decision letter (PDF)' })
      .getAttribute('href');
    const letter = await page.request.get(url(letterHref as string));
    expect(letter.headers()['content-type']).toBe('application/pdf');
    expect((await letter.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await checkAxe(page);
    await screenshot(page, 'citizen-application-approved-phone-en');

    // The collection visit: the booking page of the appointments module, then the calendar file.
    await book.click();
    await heading(page, 'Book an appointment');
    await page.getByText(`This booking is for application ${applicationId}.`).waitFor();
    await page.getByLabel('Date', { exact: true }).fill(nextWorkingDayInWashington());
    await page.getByRole('heading', { name: 'Free times' }).waitFor();
    await page.locator('input[name="slot"]:not([disabled])').first().check();
    await page.getByRole('button', { name: 'Book this time' }).click();
    await heading(page, 'My appointments');
    await page.getByText(`For application ${applicationId}`).waitFor();
    const icsHref = await page.getByRole('link', { name: 'Add to calendar (.ics)' }).first().getAttribute('href');
    const ics = await page.request.get(url(icsHref as string), { headers: { 'Accept-Language': 'en' } });
    expect(ics.status(), await ics.text()).toBe(200);
    expect(ics.headers()['content-type']).toContain('text/calendar');
    expect(await ics.text()).toContain('BEGIN:VEVENT');
    await checkAxe(page);
  }, 120_000);

  it('shows the catalogue and my applications in Chinese', async () => {
    const page = await newPhonePage(browser, 'zh-CN');
    await signInDemoCitizen(page);
    await open(page, '/applications');
    await heading(page, '我的申请');
    await page.getByText('需补充材料').first().waitFor();
    await checkAxe(page);
    await screenshot(page, 'citizen-applications-phone-zh');
    await page.getByRole('link', { name: /公证与认证/ }).click();
    await heading(page, '公证与认证');
    await page.getByText('请补充受托人的身份证复印件。', { exact: false }).waitFor();
    await checkAxe(page);
    await screenshot(page, 'citizen-application-more-info-phone-zh');

    const desktop = await newDesktopPage(browser, 'zh-CN');
    await open(desktop, '/services');
    await heading(desktop, '在线领事服务');
    await checkAxe(desktop);
    await screenshot(desktop, 'citizen-services-desktop-zh');
  }, 60_000);

  it('lets HQ edit a service definition in the console: errors by field, then a new version', async () => {
    const admin = await newDesktopPage(browser, 'zh-CN');
    await signInToConsole(admin, { baseUrl: server.url, email: 'admin@demo.homeward.example', locale: 'zh-CN' });
    await open(admin, '/console/applications');
    await heading(admin, '在线申请');
    await admin.getByRole('link', { name: /HW-A-/ }).first().waitFor();
    await checkAxe(admin);
    await screenshot(admin, 'console-applications-queue-desktop-zh');

    await open(admin, '/console/service-definitions/visa');
    await heading(admin, '来华签证');
    const editor = admin.getByLabel('定义（JSON）');
    await expect.poll(() => editor.inputValue()).toContain('"visa_type"');
    const definition = JSON.parse(await editor.inputValue());
    definition.fee.amountMinor = -1;
    await editor.fill(JSON.stringify(definition, null, 2));
    await admin.getByLabel('修改原因（记入审计日志）').fill('2027 年起调整签证费');
    await admin.getByRole('button', { name: '保存为新版本' }).click();
    await admin.getByRole('alert').getByText('/fee/amountMinor must be >= 0').waitFor();
    await checkAxe(admin);
    await screenshot(admin, 'console-service-definition-error-desktop-zh');
    definition.fee.amountMinor = 16000;
    await editor.fill(JSON.stringify(definition, null, 2));
    await admin.getByRole('button', { name: '保存为新版本' }).click();
    await admin.getByText('已保存，第 2 版现已生效。').waitFor();
    await admin.getByText(/第 2 版——在控制台编辑/).waitFor();
    const visa = await admin.request.get(url('/api/v1/services/visa'));
    expect((await visa.json()).fee.amountMinor).toBe(16000);
  }, 90_000);
});
