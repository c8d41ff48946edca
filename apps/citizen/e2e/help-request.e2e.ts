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
  waitForServiceWorker,
} from '../../server/test/support/browser.ts';
import { signInToConsole } from '../../server/test/support/console.ts';
import { startTestServer, type TestServer } from '../../server/test/support/test-server.ts';

// Issue 5's first Done-when, at phone width: a citizen goes offline, asks for help (with a photo), sees it saved
// on the phone, reloads, comes back online; exactly one case reaches the Washington embassy's queue (Atlanta is
// in its consular district); the officer replies from the console; the citizen sees the reply without a reload.

const WRITE_HEADERS = { 'X-Requested-With': 'homeward', 'Accept-Language': 'en' };
const CITIZEN = 'citizen@demo.homeward.example';
// A 1×1 PNG: a real picture, so the server's content sniffing accepts it.
const PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

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

async function heading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

async function signInCitizen(page: Page): Promise<void> {
  const answer = await page.request.post(url('/api/v1/auth/sign-in'), {
    headers: WRITE_HEADERS,
    data: { email: CITIZEN, password: DEMO_PASSWORD },
  });
  expect(answer.status()).toBe(200);
}

interface Registration {
  registrationId: string;
  scopeURL: string;
  isDeleted: boolean;
}

/** Fails with a clear message instead of running into the test's time limit. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms)),
  ]);
}

/** A name nobody else in the demo data has, to find exactly this request's cases. */
function uniqueName(): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let name = 'ZHAO ';
  for (let i = 0; i < 6; i += 1) name += letters[Math.floor(Math.random() * letters.length)];
  return name;
}

describeBrowser('help request from the citizen app', () => {
  it('offline on a phone: saved, reloaded, sent once when back online, routed to Washington, the reply arrives live', async () => {
    const subject = uniqueName();
    const citizen = await newPhonePage(browser, 'en');
    await signInCitizen(citizen);
    await citizen.goto(url('/'));
    await citizen.waitForLoadState('networkidle');
    await waitForServiceWorker(citizen);

    // From Home's "I need help" to the request form; the header offers it on every other page.
    await citizen
      .getByRole('main')
      .getByRole('link', { name: /I need help/ })
      .click();
    await heading(citizen, 'Emergency help');
    expect(
      await citizen.getByRole('banner').getByRole('link', { name: 'I need help' }).getAttribute('aria-current'),
    ).toBe('page');
    await checkAxe(citizen);
    await citizen.getByRole('link', { name: 'Ask for help', exact: true }).click();
    await heading(citizen, 'Ask for help');

    await citizen.getByLabel('Accident or hospitalisation').check();
    await citizen.getByLabel('Urgent, but no danger to life').check();
    await citizen.getByLabel('I do').check();
    await citizen.getByLabel('Your name').fill(subject);
    await citizen.getByLabel('Country or region', { exact: true }).selectOption('US');
    await citizen.getByRole('combobox', { name: 'Town or city (optional)' }).pressSequentially('atlan', { delay: 30 });
    await citizen
      .getByRole('option', { name: /^Atlanta/ })
      .first()
      .click();
    await citizen.getByLabel('Address or place (optional)').fill('Grady Memorial Hospital <script>alert(1)</script>');
    await citizen
      .getByLabel('Tell us what happened')
      .fill('My leg is broken after a fall; I need help with the hospital.');
    await citizen.locator('#files').setInputFiles({ name: 'x-ray.png', mimeType: 'image/png', buffer: PHOTO });
    await citizen
      .getByRole('list', { name: 'Files to send' })
      .getByRole('button', { name: 'Remove x-ray.png' })
      .waitFor();
    await citizen.getByLabel('Your phone number').fill('+1 404 555 0100');
    await checkAxe(citizen);
    await screenshot(citizen, 'citizen-help-request-form-phone-en');

    // The connection drops just as the person presses Send: the request stays on the phone.
    await citizen.context().setOffline(true);
    await citizen.getByRole('button', { name: 'Send request' }).click();
    await heading(citizen, 'Your request is saved');
    const state = citizen.getByRole('status').filter({ hasText: 'Saved on this phone — will be sent' });
    await state.waitFor();
    expect(await state.textContent()).toContain('Saved on this phone — will be sent when you are back online');
    await checkAxe(citizen);
    await screenshot(citizen, 'citizen-help-request-saved-offline-phone-en');

    // Reloading offline loses nothing and sends nothing.
    const sentUrl = citizen.url();
    await citizen.reload();
    await heading(citizen, 'Your request is saved');
    await citizen.getByRole('status').filter({ hasText: 'Saved on this phone — will be sent' }).waitFor();
    expect(citizen.url()).toBe(sentUrl);

    // Back online: the sender goes by itself. The ministry acknowledges the request as soon as it is on disk
    // (202) and the page says so; the case number follows when the mission's case is opened (decision 0012).
    await citizen.context().setOffline(false);
    await citizen
      .getByRole('status')
      .filter({ hasText: 'Received by the ministry — the case number follows' })
      .waitFor();
    await heading(citizen, 'Your request was sent');
    const sent = citizen.getByRole('status').filter({ hasText: /Sent — case HW-\d{4}-\d{6}/ });
    await sent.waitFor();
    await expect
      .poll(async () => citizen.getByText('x-ray.png (').first().textContent(), { timeout: 15_000 })
      .toMatch(/— sent/);
    const number = /HW-\d{4}-\d{6}/.exec((await sent.textContent()) ?? '')?.[0] ?? '';
    expect(number).not.toBe('');
    await checkAxe(citizen);
    await screenshot(citizen, 'citizen-help-request-sent-phone-en');

    // The citizen's case page: number, status in words, the mission, the thread with the photo.
    await citizen.getByRole('link', { name: `Open case ${number}` }).click();
    await heading(citizen, `Case ${number}`);
    await citizen
      .getByRole('region', { name: 'Mission handling your case' })
      .locator('a[href="/missions/US-WAS"]')
      .waitFor();
    await citizen.getByRole('region', { name: 'Messages and updates' }).getByText('You asked for help.').waitFor();
    await citizen.getByRole('link', { name: 'x-ray.png' }).first().waitFor();
    expect(await citizen.getByText('New', { exact: true }).first().isVisible()).toBe(true);
    await checkAxe(citizen);

    // Exactly one case, in the Washington embassy's queue (Atlanta is in its consular district).
    const officer = await newPhonePage(browser, 'en');
    await signInToConsole(officer, { baseUrl: server.url, email: 'officer.us@demo.homeward.example' });
    const listed = await officer.request.get(url('/api/v1/cases?source=citizen&pageSize=100'));
    expect(listed.status()).toBe(200);
    const page = (await listed.json()) as {
      items: { id: string; number: string; subjectName: string; missionCode: string }[];
    };
    const mine = page.items.filter((c) => c.subjectName === subject);
    expect(mine).toHaveLength(1);
    expect(mine[0]?.number).toBe(number);
    expect(mine[0]?.missionCode).toBe('US-WAS');

    // The officer opens it from the queue and replies to the person.
    await officer.goto(url('/console/cases'));
    await officer.waitForLoadState('networkidle');
    await officer.getByRole('link', { name: number }).first().click();
    await officer.getByRole('heading', { level: 1, name: new RegExp(number) }).waitFor();
    const reply = `We have called the hospital in Atlanta. ${subject}, an officer will visit you today.`;
    await officer.getByLabel('Your reply').fill(reply);
    await officer.getByRole('button', { name: 'Send reply' }).click();
    await officer.getByText('Reply sent.').waitFor();

    // The citizen's open page shows the reply without a reload, and reads it out politely.
    const thread = citizen.getByRole('region', { name: 'Messages and updates' });
    await thread.getByText(reply).waitFor({ timeout: 20_000 });
    expect(await thread.getByText('Consular officer', { exact: false }).first().isVisible()).toBe(true);
    await expect
      .poll(() => citizen.locator('[aria-live="polite"]').filter({ hasText: 'New reply from the mission' }).count())
      .toBe(1);
    await checkAxe(citizen);
    await screenshot(citizen, 'citizen-case-reply-live-phone-en');

    // And the citizen answers in the thread.
    await citizen.getByLabel('Write to the mission').fill('Thank you. I am in room 412.');
    await citizen.getByRole('button', { name: 'Send message' }).click();
    await thread.getByText('Thank you. I am in room 412.').waitFor();
    await citizen.getByRole('status').filter({ hasText: 'Your message was sent.' }).waitFor();

    // And sends the document the mission may ask for.
    const files = citizen.getByRole('region', { name: 'Send a photo or document' });
    await files.locator('#files').setInputFiles({
      name: 'police-report.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n'),
    });
    await files.getByRole('button', { name: 'Send files' }).click();
    const fileSent = files.getByRole('status').filter({ hasText: '1 file was sent.' });
    const notSent = files.getByText('police-report.pdf was not sent.', { exact: false });
    await fileSent.or(notSent).waitFor();
    // The app's own answer to a dropped connection or a busy server: the file stays and the person sends it again
    // (with the same Idempotency-Key, so it is attached once). Seen under CI load, where a retry can also meet the
    // first request still being worked on (409) for a while; logged so it shows in the run's output.
    for (let tries = 1; (await notSent.isVisible()) && tries <= 5; tries += 1) {
      console.warn(`help-request e2e: upload not sent (try ${tries}): ${await files.textContent()}`);
      await citizen.waitForTimeout(2_000 * tries);
      await files.getByRole('button', { name: 'Send files' }).click();
      await fileSent.or(notSent).waitFor();
    }
    await fileSent.waitFor();
    expect(await thread.getByRole('link', { name: 'police-report.pdf' }).count()).toBeLessThanOrEqual(1);
    await thread.getByRole('link', { name: 'police-report.pdf' }).waitFor();
    await checkAxe(citizen);

    await officer.context().close();
    await citizen.context().close();
  });

  it('with the app closed, Background Sync in the service worker sends the saved request', async () => {
    const subject = uniqueName();
    const citizen = await newPhonePage(browser, 'en');
    await signInCitizen(citizen);
    await citizen.goto(url('/help/request'));
    await citizen.waitForLoadState('networkidle');
    await waitForServiceWorker(citizen);
    await heading(citizen, 'Ask for help');
    await citizen.getByLabel('Lost or stolen passport').check();
    await citizen.getByLabel('Not urgent').check();
    await citizen.getByLabel('Someone else (for example a relative travelling abroad)').check();
    await citizen.getByLabel('How are you related to them?').selectOption('child');
    await citizen.getByLabel('Their name').fill(subject);
    await citizen.getByLabel('Country or region', { exact: true }).selectOption('JP');
    await citizen.getByLabel('Tell us what happened').fill('My mother lost her passport in Osaka.');
    await citizen.getByLabel('Your phone number').fill('+86 138 0013 8000');
    await citizen.context().setOffline(true);
    await citizen.getByRole('button', { name: 'Send request' }).click();
    await heading(citizen, 'Your request is saved');

    // The person closes the app; the network comes back while no page of it is open.
    await citizen.goto('about:blank');
    await citizen.context().setOffline(false);
    const cases = async () => {
      const answer = await citizen.request.get(url('/api/v1/cases?pageSize=100'));
      const body = (await answer.json()) as { items: { subjectName: string; missionCode: string }[] };
      return body.items.filter((c) => c.subjectName === subject);
    };
    // Only the service worker can send it now: Chromium fires its sync event when the connection returns. We
    // fire it once more through DevTools (from a page of the origin that does not run the app), so the test does
    // not depend on when Chromium does; a second sync finds nothing left to send.
    await citizen.goto(url('/api/v1/meta'));
    const cdp = await citizen.context().newCDPSession(citizen);
    const scope = url('/');
    const registration = new Promise<string>((resolve) => {
      cdp.on('ServiceWorker.workerRegistrationUpdated', (event: { registrations: Registration[] }) => {
        const ours = event.registrations.find((r) => r.scopeURL === scope && !r.isDeleted);
        if (ours) resolve(ours.registrationId);
      });
    });
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.dispatchSyncEvent', {
      origin: new URL(server.url).origin,
      registrationId: await within(registration, 15_000, 'the service worker registration'),
      tag: 'homeward-help-queue',
      lastChance: false,
    });
    await expect.poll(async () => (await cases()).length, { timeout: 15_000 }).toBe(1);
    expect((await cases())[0]?.missionCode).toBe('JP-TYO');

    // Back in the app, the request says where it went.
    await citizen.goto(url('/help'));
    await heading(citizen, 'Emergency help');
    await citizen.getByRole('link', { name: 'My help requests and replies' }).click();
    await heading(citizen, 'My help requests');
    await citizen
      .getByRole('link', { name: /HW-\d{4}-\d{6} · Lost or stolen passport/ })
      .first()
      .waitFor();
    await checkAxe(citizen);
    await screenshot(citizen, 'citizen-my-cases-phone-en');
    await citizen.context().close();
  });

  it('a request the server refuses stays on the phone with the reason, and can be changed and sent', async () => {
    const subject = uniqueName();
    const citizen = await newPhonePage(browser, 'en');
    await signInCitizen(citizen);
    await citizen.goto(url('/help'));
    await citizen.waitForLoadState('networkidle');
    // A request saved on this phone earlier whose town is not in the country it names (as an old app version
    // or a changed gazetteer could leave it): only the server can tell.
    await citizen.evaluate(async (name) => {
      const open = indexedDB.open('homeward-help', 1);
      const database = await new Promise<IDBDatabase>((resolve, reject) => {
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const tx = database.transaction('requests', 'readwrite');
      tx.objectStore('requests').put({
        id: crypto.randomUUID(),
        body: {
          category: 'crime_victim',
          urgency: 'urgent',
          forSelf: true,
          subjectName: name,
          contactPhone: '+14045550100',
          description: 'My bag was stolen at the station.',
          location: { country: 'US', cityId: 1850147, label: 'Tokyo', source: 'search' },
        },
        files: [],
        locale: 'en',
        cityName: 'Tokyo',
        createdAt: Date.now(),
        state: 'waiting',
        attempts: 0,
        nextAttemptAt: Date.now(),
        problem: null,
        case: null,
        sentAt: null,
      });
      await new Promise((resolve) => {
        tx.oncomplete = resolve;
      });
    }, subject);

    // The app sends it on start; the server says no; the request stays, with why.
    await citizen.reload();
    const queued = citizen.getByRole('region', { name: 'Requests on this phone' });
    await queued.getByText('Not accepted — change it or remove it').waitFor();
    await checkAxe(citizen);
    await queued.getByRole('link', { name: 'Victim of crime' }).click();
    await heading(citizen, 'Your request was not accepted');
    await citizen.getByRole('alert').waitFor();
    await checkAxe(citizen);
    await screenshot(citizen, 'citizen-help-request-refused-phone-en');

    await citizen.getByRole('link', { name: 'Change the request' }).click();
    await heading(citizen, 'Change your help request');
    const summary = citizen.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    expect(await summary.getByRole('link', { name: 'This city is not in the chosen country or region' }).count()).toBe(
      1,
    );
    const city = citizen.getByRole('combobox', { name: 'Town or city (optional)' });
    expect(await city.inputValue()).toBe('Tokyo');
    expect(await city.getAttribute('aria-invalid')).toBe('true');
    expect(await citizen.getByLabel('Your name').inputValue()).toBe(subject);
    await city.fill('');
    await citizen.getByRole('button', { name: 'Send request' }).click();
    await heading(citizen, 'Your request was sent');
    await citizen
      .getByRole('status')
      .filter({ hasText: /Sent — case HW-\d{4}-\d{6}/ })
      .waitFor();
    // The refused one is gone from this phone: only the corrected request is there.
    await citizen.goto(url('/help'));
    await heading(citizen, 'Emergency help');
    expect(await citizen.getByRole('region', { name: 'Requests on this phone' }).count()).toBe(0);
    await citizen.context().close();
  });

  it('in Chinese on a desktop, a request with gaps lists every problem at the top, and the list shows my cases', async () => {
    const page = await newDesktopPage(browser, 'zh-CN');
    await signInCitizen(page);
    await page.goto(url('/help/request'));
    await page.waitForLoadState('networkidle');
    await heading(page, '在线求助');
    await page.getByRole('button', { name: '提交求助' }).click();
    const summary = page.getByRole('alert').filter({ hasText: '出现问题' });
    await summary.waitFor();
    for (const message of [
      '请选择发生了什么',
      '请选择紧急程度',
      '请选择谁需要帮助',
      '请选择国家或地区',
      '请说明发生了什么',
      '请输入您的电话号码',
    ]) {
      expect(await summary.getByRole('link', { name: message }).count()).toBe(1);
    }
    expect(await page.title()).toMatch(/^错误：/);
    await checkAxe(page);
    await screenshot(page, 'citizen-help-request-errors-desktop-zh-CN');

    // The link moves focus to the field it is about.
    await summary.getByRole('link', { name: '请输入您的电话号码' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('contactPhone');

    // What was typed survives a reload of the page before Send.
    await page.getByLabel('请说明发生了什么').fill('我的钱包在地铁上被偷了。');
    await page.getByLabel('有生命危险').check();
    await page.reload();
    await heading(page, '在线求助');
    expect(await page.getByLabel('请说明发生了什么').inputValue()).toBe('我的钱包在地铁上被偷了。');
    expect(await page.getByLabel('有生命危险').isChecked()).toBe(true);

    await page.goto(url('/cases'));
    await page.waitForLoadState('networkidle');
    await heading(page, '我的求助');
    await page.getByRole('region', { name: '案件' }).waitFor();
    await checkAxe(page);
    await screenshot(page, 'citizen-my-cases-desktop-zh-CN');
    await page.context().close();
  });
});
