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

const url = (path: string) => new URL(path, server.url).href;

async function open(page: Page, path: string): Promise<void> {
  await page.goto(url(path));
  await page.waitForLoadState('networkidle');
}

async function signInDemoCitizen(page: Page): Promise<void> {
  const answer = await page.request.post(url('/api/v1/auth/sign-in'), {
    headers: { 'X-Requested-With': 'homeward' },
    data: { email: 'citizen@demo.homeward.example', password: DEMO_PASSWORD },
  });
  expect(answer.status()).toBe(200);
}

interface Site {
  mission: string;
  timeZone: string;
  /** Who may set the opening hours: the mission's head, or HQ. */
  editor: string;
  officer: string;
  service: string;
  serviceName: string;
  /** A demo application of the citizen's at this mission. */
  application: string;
}

const WASHINGTON: Site = {
  mission: 'US-WAS',
  timeZone: 'America/New_York',
  editor: 'head.us@demo.homeward.example',
  officer: 'officer.us@demo.homeward.example',
  service: 'visa',
  serviceName: 'Visa',
  application: 'HW-A-2026-000001',
};

const TOKYO: Site = {
  mission: 'JP-TYO',
  timeZone: 'Asia/Tokyo',
  editor: 'admin@demo.homeward.example',
  officer: 'officer.jp@demo.homeward.example',
  service: 'birth_registration',
  serviceName: 'Birth registration',
  application: 'HW-A-2026-000003',
};

function hourIn(timeZone: string, now = new Date()): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(now));
}

/**
 * The booking is for today where the mission is, and the counter checks people in only on their day. Around
 * Washington's midnight no time is left today (or the day changes between booking and check-in), so then the
 * test books at Tokyo, fourteen hours ahead.
 */
const site = hourIn(WASHINGTON.timeZone) >= 22 || hourIn(WASHINGTON.timeZone) < 1 ? TOKYO : WASHINGTON;

describeBrowser('appointments: book at phone width, calendar file, QR, check-in at the counter', () => {
  it('the head opens a service all day, a citizen books today, downloads the .ics and shows the QR; the officer checks in', async () => {
    // The mission's opening hours for the service become every day, all day (so the test runs at any hour).
    const head = await newDesktopPage(browser, 'en');
    await signInToConsole(head, { baseUrl: server.url, email: site.editor });
    await open(head, `/console/appointments/schedules?mission=${site.mission}&service=${site.service}`);
    await head.getByRole('heading', { level: 1, name: 'Appointment opening hours' }).waitFor();
    await head.getByLabel('Minutes per appointment').fill('15');
    await head.getByLabel('Counters', { exact: true }).fill('2');
    for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'])
      await head.getByLabel(day, { exact: true }).fill('00:00-24:00');
    await head.getByLabel('Closed days (holidays)').fill('2020-13-01');
    await head.getByRole('button', { name: 'Save opening hours' }).click();
    await head.getByText('Write each date as 2026-12-25, one per line').first().waitFor();
    await head.getByLabel('Closed days (holidays)').fill('');
    await head.getByRole('button', { name: 'Save opening hours' }).click();
    await head.getByText('Opening hours saved.').waitFor();
    await checkAxe(head);
    await screenshot(head, 'console-appointment-settings-desktop-en');
    await head.context().close();

    // The citizen books the first free time today from the phone.
    const page = await newPhonePage(browser, 'en');
    await signInDemoCitizen(page);
    await open(
      page,
      `/appointments/new?mission=${site.mission}&service=${site.service}&application=${site.application}`,
    );
    await page.getByRole('heading', { level: 1, name: 'Book an appointment' }).waitFor();
    await page.getByText(`This booking is for application ${site.application}.`).waitFor();
    await page.getByRole('heading', { name: 'Free times' }).waitFor();
    // Today where the mission is (in the evening in Washington, UTC's date is already tomorrow).
    const missionToday = new Intl.DateTimeFormat('en-CA', {
      timeZone: site.timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(new Date());
    expect(await page.locator('input[name="date"]').inputValue()).toBe(missionToday);
    const firstFree = page.locator('input[name="slot"]:not([disabled])').first();
    await firstFree.waitFor();
    await checkAxe(page);
    await screenshot(page, 'citizen-appointment-book-phone-en');
    await firstFree.check();
    await page.getByRole('button', { name: 'Book this time' }).click();
    await page.getByRole('heading', { level: 1, name: 'My appointments' }).waitFor();
    await page.getByText('Booked. See it under My appointments.').waitFor();
    await page.getByText(`${site.serviceName} · `).first().waitFor();
    await page.getByText(`For application ${site.application}`).waitFor();

    // The calendar file: a download link to the booking's .ics (fetched with the page's own session).
    const calendar = page.getByRole('link', { name: 'Add to calendar (.ics)' });
    expect(await calendar.getAttribute('download')).not.toBeNull();
    const answer = await page.request.get(url((await calendar.getAttribute('href')) as string), {
      headers: { 'Accept-Language': 'en' },
    });
    expect(answer.status(), await answer.text()).toBe(200);
    expect(answer.headers()['content-type']).toContain('text/calendar');
    expect(answer.headers()['content-disposition']).toContain('attachment; filename="appointment-');
    const ics = await answer.text();
    expect(ics).toContain('BEGIN:VEVENT');
    expect(ics).toContain(`${site.serviceName} appointment`);

    // The QR for the counter, and the code under it.
    await page.getByRole('button', { name: 'Show check-in QR code' }).click();
    const qr = page.getByRole('img', { name: /Check-in QR code for your appointment/ });
    await qr.waitFor();
    expect(await qr.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(100);
    const code = ((await page.locator('code.appt-code').textContent()) ?? '').trim();
    expect(code).toMatch(/^HWA1\./);
    await checkAxe(page);
    await screenshot(page, 'citizen-appointments-qr-phone-en');

    // Cancelling asks first; keeping it changes nothing.
    await page.getByRole('button', { name: 'Cancel appointment' }).click();
    await page.getByText(/Cancel your appointment on/).waitFor();
    await page.getByRole('button', { name: 'No, keep it' }).click();
    await page.getByText('Booked', { exact: true }).waitFor();

    // The mission's officer checks the person in with the code, as a handheld scanner types it.
    const officer = await newDesktopPage(browser, 'en');
    await signInToConsole(officer, { baseUrl: server.url, email: site.officer });
    await open(officer, '/console/appointments');
    await officer.getByRole('heading', { level: 1, name: "Today's appointments" }).waitFor();
    await officer
      .getByRole('button', { name: /^Check in .+/ })
      .first()
      .waitFor();
    await checkAxe(officer);
    await officer.getByLabel('Check-in code').fill(code);
    await officer.keyboard.press('Enter');
    await officer.getByText(/is checked in/).waitFor();
    await officer.getByRole('cell', { name: 'Checked in' }).first().waitFor();
    await checkAxe(officer);
    await screenshot(officer, 'console-appointments-day-desktop-en');
    // The same code again is refused in words.
    await officer.getByLabel('Check-in code').fill(code);
    await officer.keyboard.press('Enter');
    await officer.getByText('This appointment can no longer be changed').waitFor();
    await officer.context().close();

    // The citizen sees the check-in.
    await open(page, '/appointments');
    await page.getByText('Checked in', { exact: true }).waitFor();
    await page.context().close();
  }, 180_000);

  it('books in Chinese at phone width', async () => {
    const page = await newPhonePage(browser, 'zh-CN');
    await signInDemoCitizen(page);
    await open(page, '/appointments/new?mission=US-WAS&service=passport_renewal');
    await page.getByRole('heading', { level: 1, name: '预约办理' }).waitFor();
    await page.getByLabel('使领馆').waitFor();
    await checkAxe(page);
    await screenshot(page, 'citizen-appointment-book-phone-zh-CN');
    await open(page, '/appointments');
    await page.getByRole('heading', { level: 1, name: '我的预约' }).waitFor();
    await checkAxe(page);
    await screenshot(page, 'citizen-appointments-phone-zh-CN');
    await page.context().close();
  }, 60_000);
});
