import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { renderHcertQrDataUrl } from '@homeward/hcert';
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
import { startTestServer, type TestServer } from '../../server/test/support/test-server.ts';
import { HealthIssuer } from './certificates.support.ts';

const WORDS = {
  'zh-CN': {
    ready: /已是最新/,
    offline: /未联网/,
    paste: '证明文本',
    check: '核验证明',
    valid: '有效',
    invalid: '无效',
    signature: /签名不符|不是可识别/,
    revoked: '签发机关已撤销此证明。',
    picture: '二维码照片或截图',
    refresh: '更新名单',
  },
  en: {
    ready: /Up to date/,
    offline: /No connection/,
    paste: 'Certificate text',
    check: 'Check the certificate',
    valid: 'Valid',
    invalid: 'Not valid',
    signature: /signature does not match|not a readable/,
    revoked: 'The issuer has revoked this certificate.',
    picture: 'Picture or screenshot of the QR code',
    refresh: 'Update the lists',
  },
} as const;

const RULE_WORDS = {
  en: {
    destination: 'Destination',
    meetsGermany: 'Meets the entry rules of Germany',
    failsThailand: 'Does not meet the entry rules of Thailand',
    fullCourse: 'Full vaccination course (all doses given)',
    acceptedTest: 'Accepted certificate types: test',
  },
  'zh-CN': {
    destination: '目的地',
    meetsGermany: '符合德国的入境规则',
    failsThailand: '不符合泰国的入境规则',
    fullCourse: '已完成全程疫苗接种（各剂次均已接种）',
    acceptedTest: '接受的证明类型：检测',
  },
} as const;

let server: TestServer;
let browser: Browser;
let issuer: HealthIssuer;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  issuer = await HealthIssuer.signIn(server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openVerifier(page: Page, locale: UiLocale): Promise<void> {
  await page.goto(new URL('/verify', server.url).href);
  await expect.poll(() => page.getByText(WORDS[locale].ready).isVisible(), { timeout: 15_000 }).toBe(true);
}

async function check(page: Page, locale: UiLocale, text: string): Promise<void> {
  await page.getByLabel(WORDS[locale].paste).fill(text);
  await page.getByRole('button', { name: WORDS[locale].check }).click();
}

const verdict = (page: Page, words: string) => page.getByRole('heading', { level: 2, name: words, exact: true });

describeBrowser('citizen app: health-certificate verifier', () => {
  for (const [locale, device] of [
    ['zh-CN', 'phone'],
    ['en', 'desktop'],
  ] as const) {
    it(`${locale} on a ${device}: a pasted certificate is valid, a tampered one is not; accessible`, async () => {
      const { hc1 } = await issuer.issueVaccination();
      const page = await (device === 'phone' ? newPhonePage : newDesktopPage)(browser, locale);
      await openVerifier(page, locale);
      await checkAxe(page);

      await check(page, locale, hc1);
      await expect.poll(() => verdict(page, WORDS[locale].valid).isVisible()).toBe(true);
      expect(await page.getByText('张 三丰').isVisible()).toBe(true);
      expect(await page.getByText('1980-04-12').isVisible()).toBe(true);
      expect(await page.getByText('Comirnaty').isVisible()).toBe(true);
      // The result takes focus, so a screen reader reads it at once.
      expect(await page.evaluate(() => document.activeElement?.classList.contains('verdict'))).toBe(true);
      await checkAxe(page);
      await screenshot(page, `citizen-verify-valid-${device}-${locale}`);

      const tampered = `${hc1.slice(0, 60)}${hc1.charAt(60) === 'A' ? 'B' : 'A'}${hc1.slice(61)}`;
      await check(page, locale, tampered);
      await expect.poll(() => verdict(page, WORDS[locale].invalid).isVisible()).toBe(true);
      expect(await page.getByText(WORDS[locale].signature).isVisible()).toBe(true);
      expect(await page.getByText('张 三丰').count()).toBe(0);
      await checkAxe(page);
      await screenshot(page, `citizen-verify-invalid-${device}-${locale}`);
      await page.context().close();
    });
  }

  it('reads the QR code from a picture, works offline with the saved lists, and shows a revoked certificate as not valid', async () => {
    const locale = 'en';
    const { id, hc1 } = await issuer.issueVaccination();
    const page = await newPhonePage(browser, locale);
    await openVerifier(page, locale);

    const dataUrl = await renderHcertQrDataUrl(hc1);
    const file = path.join(tmpdir(), `hw-hcert-${Date.now()}.png`);
    writeFileSync(file, Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64'));
    await page.getByLabel(WORDS[locale].picture).setInputFiles(file);
    await expect.poll(() => verdict(page, WORDS[locale].valid).isVisible()).toBe(true);

    await issuer.revoke(id, 'issued in error');
    // Offline, the copy on the device still says "valid": revocations arrive with the next list update.
    await page.context().setOffline(true);
    await page.getByRole('button', { name: WORDS[locale].refresh }).click();
    await expect.poll(() => page.getByText(WORDS[locale].offline).isVisible()).toBe(true);
    await check(page, locale, hc1);
    await expect.poll(() => verdict(page, WORDS[locale].valid).isVisible()).toBe(true);

    await page.context().setOffline(false);
    await page.getByRole('button', { name: WORDS[locale].refresh }).click();
    await expect.poll(() => page.getByText(WORDS[locale].ready).isVisible()).toBe(true);
    await check(page, locale, hc1);
    await expect.poll(() => verdict(page, WORDS[locale].invalid).isVisible()).toBe(true);
    expect(await page.getByText(WORDS[locale].revoked).isVisible()).toBe(true);
    await checkAxe(page);
    await page.context().close();
  });
  for (const locale of ['en', 'zh-CN'] as const) {
    it(`${locale}: the entry rules of the chosen destination, each passed or failed; accessible`, async () => {
      const { hc1 } = await issuer.issueVaccination();
      const page = await newPhonePage(browser, locale);
      await openVerifier(page, locale);
      const words = RULE_WORDS[locale];
      await page.getByLabel(words.destination).selectOption('DE');
      await check(page, locale, hc1);
      await expect.poll(() => page.getByRole('heading', { level: 3, name: words.meetsGermany }).isVisible()).toBe(true);
      expect(await page.getByText(words.fullCourse).isVisible()).toBe(true);
      await checkAxe(page);
      await screenshot(page, `citizen-verify-rules-pass-phone-${locale}`);
      // Thailand (in the shipped rules) accepts tests only: the vaccination fails that one rule.
      await page.getByLabel(words.destination).selectOption('TH');
      await expect
        .poll(() => page.getByRole('heading', { level: 3, name: words.failsThailand }).isVisible())
        .toBe(true);
      expect(await page.getByText(words.acceptedTest).isVisible()).toBe(true);
      await checkAxe(page);
      await screenshot(page, `citizen-verify-rules-fail-phone-${locale}`);
      await page.context().close();
    });
  }

  it('refuses a trust list whose CSCA signature does not check, keeping the copy it verified before', async () => {
    await issuer.issueVaccination();
    const page = await newPhonePage(browser, 'en');
    await openVerifier(page, 'en');
    // Someone between the verifier and the server empties the signer list but cannot sign it again.
    await page.route('**/api/v1/certificates/trust-list/signed', async (route) => {
      const response = await route.fetch();
      const { jws } = await response.json();
      const [header, payload, signature] = jws.split('.');
      const list = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      const forged = Buffer.from(JSON.stringify({ ...list, certificates: [] })).toString('base64url');
      await route.fulfill({
        response,
        json: { format: 'homeward-signed-trust-list/1', jws: `${header}.${forged}.${signature}` },
      });
    });
    await page.getByRole('button', { name: WORDS.en.refresh }).click();
    await expect.poll(() => page.getByText(WORDS.en.offline).isVisible()).toBe(true);
    // A device that never saw a genuine list has nothing to verify with.
    await page.evaluate(() => localStorage.clear());
    await page.getByRole('button', { name: WORDS.en.refresh }).click();
    await expect.poll(() => page.getByText(/The lists are not on this device yet/).isVisible()).toBe(true);
    await page.context().close();
  });

  it('moves to a new CSCA along its hand-over statement; without the statement it keeps refusing', async () => {
    const before = await issuer.issueVaccination();
    // Two devices that trust the CSCA in use now.
    const moving = await newPhonePage(browser, 'en');
    const stuck = await newPhonePage(browser, 'en');
    for (const page of [moving, stuck]) await openVerifier(page, 'en');
    const pinOf = (page: Page) =>
      page.evaluate(() => JSON.parse(localStorage.getItem('homeward.cache:certificates:csca-pin') ?? 'null')?.data);
    const pinnedBefore = await pinOf(moving);
    expect(pinnedBefore).toEqual(expect.any(String));

    const headquarters = await HealthIssuer.signIn(server.url, 'admin@demo.homeward.example');
    await headquarters.post('/api/v1/certificates/signers/rotate-csca', { reason: 'e2e: CSCA hand-over' });
    const after = await issuer.issueVaccination();

    // The list is now signed by the new CSCA; the statement signed by the old one leads there, so the device moves.
    await openVerifier(moving, 'en');
    expect(await pinOf(moving)).not.toBe(pinnedBefore);
    for (const hc1 of [after.hc1, before.hc1]) {
      await check(moving, 'en', hc1);
      await expect.poll(() => verdict(moving, WORDS.en.valid).isVisible()).toBe(true);
    }
    await checkAxe(moving);

    // Someone hides the statement: the other device refuses the list, keeps its copy, and cannot check new ones.
    await stuck.route('**/api/v1/certificates/csca-handovers', (route) =>
      route.fulfill({ json: { format: 'homeward-csca-handovers/1', handovers: [] } }),
    );
    await stuck.goto(new URL('/verify', server.url).href);
    await expect.poll(() => stuck.getByText(WORDS.en.offline).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await pinOf(stuck)).toBe(pinnedBefore);
    await check(stuck, 'en', after.hc1);
    await expect.poll(() => verdict(stuck, WORDS.en.invalid).isVisible()).toBe(true);
    await moving.context().close();
    await stuck.context().close();
  });

  it('after one visit, the verifier page itself loads and checks certificates with no connection at all', async () => {
    const { hc1 } = await issuer.issueVaccination();
    const page = await newPhonePage(browser, 'en');
    await openVerifier(page, 'en');
    // Wait until the service worker controls the page, or the reload below would not be served offline.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve));
      }
    });
    await page.context().setOffline(true);
    await page.reload();
    await expect.poll(() => page.getByText(WORDS.en.offline).isVisible(), { timeout: 15_000 }).toBe(true);
    await check(page, 'en', hc1);
    await expect.poll(() => verdict(page, WORDS.en.valid).isVisible()).toBe(true);
    await checkAxe(page);
    await screenshot(page, 'citizen-verify-offline-phone-en');
    await page.context().close();
  });
});
