import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config.ts';
import { openDatabase } from '../../server/src/db/connect.ts';
import type { Database } from '../../server/src/db/schema.ts';
import { DEMO_PASSWORD } from '../../server/src/modules/demo/demo.accounts.ts';
import { enqueuePersonNotification } from '../../server/src/modules/notifications/notifications.service.ts';
import { type Platform, startPlatform } from '../../server/src/server.ts';
import { buildMissingWebApps } from '../../server/src/web/web-apps.ts';
import {
  checkAxe,
  describeBrowser,
  launchBrowser,
  newDesktopPage,
  newPhonePage,
  screenshot,
  type UiLocale,
} from '../../server/test/support/browser.ts';
import { signInToConsole } from '../../server/test/support/console.ts';

// The inbox journey (issue 6, item 3): a message published for the demo citizen reaches their inbox live, the
// header counts it, they read it and choose how messages reach them; the alert manager sees it delivered.

const file = path.join(tmpdir(), `hw_e2e_inbox_${randomBytes(6).toString('hex')}.db`);
let platform: Platform;
let base: string;
let db: Kysely<Database>;
let closeDb: () => Promise<void>;
let browser: Browser;
let personId = '';
let sent = 0;

beforeAll(async () => {
  await buildMissingWebApps(() => {});
  const config = loadConfig({
    DATABASE_URL: `sqlite:${file}`,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    HOMEWARD_WORKER_POLL_MS: '100',
    HOMEWARD_MAILBOX_DIR: path.join(tmpdir(), `hw_e2e_inbox_mail_${randomBytes(4).toString('hex')}`),
  });
  platform = await startPlatform(config, { role: 'all', demo: true });
  base = (platform.url ?? '').replace('[::1]', '127.0.0.1');
  const second = await openDatabase(config.database);
  db = second.db;
  closeDb = second.close;
  // The demo citizen as a registered national reachable by e-mail.
  const user = await db
    .selectFrom('users')
    .select(['id', 'email'])
    .where('email', '=', 'citizen@demo.homeward.example')
    .executeTakeFirstOrThrow();
  // The demo citizen is registered (demo data); make sure they can be reached by e-mail.
  const person = await db.selectFrom('persons').select('id').where('userId', '=', user.id).executeTakeFirstOrThrow();
  personId = person.id;
  const now = new Date().toISOString();
  await db
    .deleteFrom('personChannels')
    .where('personId', '=', personId)
    .where('kind', 'in', ['email', 'sms'])
    .execute();
  await db
    .insertInto('personChannels')
    .values({ id: `${personId}-mail`, personId, kind: 'email', address: user.email, verifiedAt: now, createdAt: now })
    .execute();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await closeDb?.();
  await platform?.close();
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
});

async function publish(title: { en: string; zh: string }): Promise<void> {
  sent += 1;
  await enqueuePersonNotification(db, {
    source: { kind: 'e2e', id: `inbox-${sent}` },
    personIds: [personId],
    content: {
      en: {
        title: title.en,
        body: 'Stay indoors tonight.\nThe embassy hotline is open around the clock.',
        url: '/advisories',
      },
      'zh-CN': { title: title.zh, body: '今晚请留在室内。\n使馆热线全天开放。', url: '/advisories' },
    },
  });
  platform.worker?.nudge();
}

async function open(page: Page, to: string): Promise<void> {
  await page.goto(new URL(to, base).href);
  await page.waitForLoadState('networkidle');
}

async function shoot(page: Page, name: string): Promise<void> {
  await checkAxe(page);
  await screenshot(page, name);
}

const WORDS = {
  'zh-CN': {
    inbox: '收件箱',
    unread: (n: number) => new RegExp(`^收件箱\\s*${n}\\s*条未读$`),
    markRead: /^标为已读/,
    allRead: '没有未读消息。',
    settings: '接收消息的方式',
    up: '将电子邮件上移',
    save: '保存顺序',
    saved: '顺序已保存。',
    first: { en: 'Curfew in the capital', zh: '首都实行宵禁' },
    second: { en: 'Flights resume on Monday', zh: '周一恢复航班' },
  },
  en: {
    inbox: 'Inbox',
    unread: (n: number) => new RegExp(`^Inbox\\s*${n}\\s*unread$`),
    markRead: /^Mark as read/,
    allRead: 'No unread messages.',
    settings: 'How messages reach me',
    up: 'Move E-mail up',
    save: 'Save order',
    saved: 'Order saved.',
    first: { en: 'Power cuts expected', zh: '预计停电' },
    second: { en: 'Embassy closed on Friday', zh: '使馆周五闭馆' },
  },
} as const;

async function journey(page: Page, locale: UiLocale, width: 'phone' | 'desktop'): Promise<void> {
  const w = WORDS[locale];
  // Messages come in the person's language (not the page's): the demo citizen reads this run's language.
  await db.updateTable('persons').set({ locale }).where('id', '=', personId).execute();
  const answer = await page.request.post(new URL('/api/v1/auth/sign-in', base).href, {
    headers: { 'X-Requested-With': 'homeward' },
    data: { email: 'citizen@demo.homeward.example', password: DEMO_PASSWORD },
  });
  expect(answer.status()).toBe(200);
  await open(page, '/inbox');
  await page.getByRole('heading', { level: 1, name: w.inbox }).waitFor();
  // Clear what earlier runs left unread, so the count below is this run's.
  await page.request.post(new URL('/api/v1/inbox/read-all', base).href, {
    headers: { 'X-Requested-With': 'homeward' },
  });

  // Published while the page is open: it appears, and the header counts it, without a reload.
  await publish(w.first);
  const first = locale === 'en' ? w.first.en : w.first.zh;
  await page.getByRole('heading', { level: 3, name: new RegExp(first) }).waitFor({ timeout: 20_000 });
  await page.getByRole('link', { name: w.unread(1) }).waitFor({ timeout: 10_000 });
  await publish(w.second);
  await page.getByRole('link', { name: w.unread(2) }).waitFor({ timeout: 20_000 });
  await shoot(page, `citizen-inbox-${width}-${locale}`);

  await page.getByRole('button', { name: w.markRead }).first().click();
  await page.getByRole('link', { name: w.unread(1) }).waitFor();
  await page.getByRole('button', { name: w.markRead }).first().click();
  await page.getByText(w.allRead).waitFor();
  await page.getByRole('link', { name: w.inbox, exact: true }).waitFor();

  await page.getByRole('link', { name: w.settings }).click();
  await page.getByRole('heading', { level: 1, name: w.settings }).waitFor();
  await page.getByRole('button', { name: w.up }).click();
  await page.getByRole('button', { name: w.save }).click();
  await page.getByText(w.saved).waitFor();
  await shoot(page, `citizen-inbox-settings-${width}-${locale}`);
  const saved = await page.request.get(new URL('/api/v1/notifications/preferences', base).href);
  expect(((await saved.json()) as { channelOrder: string[] }).channelOrder[0]).toBe('email');
  await page.request.put(new URL('/api/v1/notifications/preferences', base).href, {
    headers: { 'X-Requested-With': 'homeward' },
    data: { channelOrder: ['push', 'email', 'sms'] },
  });
}

describeBrowser('inbox and delivery dashboard', () => {
  it('citizen at phone width in Chinese: live inbox, read marks, channel order', async () => {
    await journey(await newPhonePage(browser, 'zh-CN'), 'zh-CN', 'phone');
  });

  it('citizen at desktop width in English', async () => {
    await journey(await newDesktopPage(browser, 'en'), 'en', 'desktop');
  });

  it('the alert manager sees each message delivered to the inbox and sent by e-mail', async () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const page = await newDesktopPage(browser, locale);
      await signInToConsole(page, { baseUrl: base, email: 'alerts@demo.homeward.example', locale });
      await open(page, '/console/deliveries');
      const title = locale === 'en' ? 'Message delivery' : '消息送达';
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await shoot(page, `console-deliveries-desktop-${locale}`);
      const name = locale === 'en' ? WORDS.en.second.en : WORDS['zh-CN'].second.zh;
      await page.getByRole('link', { name }).click();
      await page.getByRole('heading', { level: 1, name }).waitFor();
      const inapp = page.getByRole('region', { name: locale === 'en' ? 'App inbox' : '应用收件箱' });
      await expect
        .poll(async () => inapp.getByRole('listitem').allInnerTexts())
        .toEqual(
          locale === 'en'
            ? ['Queued\n1', 'Sent\n1', 'Delivered\n1', 'Failed\n0']
            : ['已排队\n1', '已发送\n1', '已送达\n1', '失败\n0'],
        );
      const email = page.getByRole('region', { name: locale === 'en' ? 'E-mail' : '电子邮件' });
      await expect.poll(async () => (await email.getByRole('listitem').allInnerTexts())[1]).toMatch(/1$/);
      await shoot(page, `console-delivery-report-desktop-${locale}`);
      const phone = await newPhonePage(browser, locale);
      await signInToConsole(phone, { baseUrl: base, email: 'alerts@demo.homeward.example', locale });
      await open(phone, page.url().replace(/^https?:\/\/[^/]+/, ''));
      await phone.getByRole('heading', { level: 1, name }).waitFor();
      await shoot(phone, `console-delivery-report-phone-${locale}`);
    }
  });
});
