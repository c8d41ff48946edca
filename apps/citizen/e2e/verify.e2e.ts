import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { renderHcertQrDataUrl } from '@homeward/hcert';
import { generate } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../../server/src/modules/demo/demo.accounts.ts';
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

let server: TestServer;
let browser: Browser;
let issuer: string;

/** Signs the demo health issuer in over HTTP (password, then the authenticator code) and returns the cookie. */
async function signInHealthIssuer(): Promise<string> {
  const post = (url: string, body: unknown) =>
    fetch(new URL(url, server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-requested-with': 'homeward' },
      body: JSON.stringify(body),
    });
  const first = await post('/api/v1/auth/sign-in', { email: 'health@demo.homeward.example', password: DEMO_PASSWORD });
  const { challenge } = (await first.json()) as { challenge: string };
  const second = await post('/api/v1/auth/totp', { challenge, code: await generate({ secret: DEMO_TOTP_SECRET }) });
  if (second.status !== 200) throw new Error(`sign-in failed: ${second.status} ${await second.text()}`);
  return second.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}

async function api<T>(method: 'POST', url: string, body: unknown): Promise<T> {
  const response = await fetch(new URL(url, server.url), {
    method,
    headers: { 'content-type': 'application/json', 'x-requested-with': 'homeward', cookie: issuer },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

const issue = () =>
  api<{ id: string; hc1: string }>('POST', '/api/v1/certificates', {
    type: 'v',
    holder: {
      familyName: '张',
      givenName: '三丰',
      familyNameLatin: 'Zhang',
      givenNameLatin: 'Sanfeng',
      birthDate: '1980-04-12',
    },
    vaccination: { vp: 'J07BX03', mp: 'EU/1/20/1528', ma: 'ORG-100030215', dn: 2, sd: 2, dt: '2026-10-01', co: 'CN' },
  });

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  issuer = await signInHealthIssuer();
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
      const { hc1 } = await issue();
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
    const { id, hc1 } = await issue();
    const page = await newPhonePage(browser, locale);
    await openVerifier(page, locale);

    const dataUrl = await renderHcertQrDataUrl(hc1);
    const file = path.join(tmpdir(), `hw-hcert-${Date.now()}.png`);
    writeFileSync(file, Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64'));
    await page.getByLabel(WORDS[locale].picture).setInputFiles(file);
    await expect.poll(() => verdict(page, WORDS[locale].valid).isVisible()).toBe(true);

    await api('POST', `/api/v1/certificates/${id}/revoke`, { reason: 'issued in error' });
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
});
