import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import jsQRModule from 'jsqr';
import { PDFDict, PDFDocument, PDFName, type PDFNumber, PDFRawStream } from 'pdf-lib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/src/modules/demo/demo.accounts.ts';
import {
  checkAxe,
  describeBrowser,
  launchBrowser,
  newPhonePage,
  screenshot,
  waitForServiceWorker,
} from '../../server/test/support/browser.ts';
import { startTestServer, type TestServer } from '../../server/test/support/test-server.ts';
import { HealthIssuer } from './certificates.support.ts';

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

/** Signs the demo citizen in within the browser context and makes sure they have a registration profile. */
async function citizenPersonId(context: BrowserContext): Promise<string> {
  const headers = { 'x-requested-with': 'homeward' };
  const signIn = await context.request.post(new URL('/api/v1/auth/sign-in', server.url).href, {
    headers,
    data: { email: 'citizen@demo.homeward.example', password: DEMO_PASSWORD },
  });
  expect(signIn.status()).toBe(200);
  const profile = await context.request.put(new URL('/api/v1/registry/me', server.url).href, {
    headers,
    data: { familyName: 'ZHANG', givenName: 'SANFENG', birthDate: '1980-04-12' },
  });
  expect(profile.status(), await profile.text()).toBe(200);
  return ((await profile.json()) as { person: { id: string } }).person.id;
}

// jsqr is a UMD bundle: the default import is the function or a module object holding it (as in qr-image.ts).
type JsQr = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQR = (
  typeof jsQRModule === 'function' ? jsQRModule : (jsQRModule as unknown as { default: JsQr }).default
) as JsQr; // boundary: CJS/ESM interop

/** The texts of the QR codes in a PDF's square images (pdf-lib stores a PNG as deflated RGB samples). */
function qrTextsInPdf(pdf: PDFDocument): string[] {
  const texts: string[] = [];
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream) || object.dict.get(PDFName.of('Subtype')) !== PDFName.of('Image')) continue;
    const size = (key: string) => (object.dict.get(PDFName.of(key)) as PDFNumber).asNumber();
    const [width, height] = [size('Width'), size('Height')];
    if (width !== height || object.dict.get(PDFName.of('ColorSpace')) !== PDFName.of('DeviceRGB')) continue;
    const rgb = inflateSync(object.contents);
    const rgba = new Uint8ClampedArray(width * height * 4);
    for (let i = 0; i < width * height; i++) {
      rgba.set([rgb[i * 3] ?? 0, rgb[i * 3 + 1] ?? 0, rgb[i * 3 + 2] ?? 0, 255], i * 4);
    }
    const text = jsQR(rgba, width, height)?.data;
    if (text) texts.push(text);
  }
  return texts;
}

async function verifyPicture(page: Page, file: string): Promise<void> {
  await page.getByLabel('Picture or screenshot of the QR code').setInputFiles(file);
}

describeBrowser('citizen app: wallet to verifier', () => {
  it('an issued certificate shows in the wallet offline; a screenshot of its QR verifies, and after revocation it does not', async () => {
    const walletPage = await newPhonePage(browser, 'zh-CN');
    const personId = await citizenPersonId(walletPage.context());
    const { id } = await issuer.issueVaccination(personId);

    await walletPage.goto(new URL('/wallet', server.url).href);
    // Newest first: the one just issued, above the demo seed's certificate for the same citizen.
    const qr = walletPage.getByRole('img', { name: '张 三丰的健康证明二维码' }).first();
    await expect.poll(() => qr.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await walletPage.getByText('有效', { exact: true }).first().isVisible()).toBe(true);
    const png = walletPage.getByRole('link', { name: '将二维码保存为图片' }).first();
    expect(await png.getAttribute('href')).toMatch(/^data:image\/png;base64,/);
    expect(await png.getAttribute('download')).toMatch(/^health-certificate-v-.+\.png$/);
    await checkAxe(walletPage);
    await screenshot(walletPage, 'citizen-wallet-phone-zh-CN');

    // A PDF made on the phone: one A4 page whose QR code holds the same HC1 text as the wallet's.
    const [download] = await Promise.all([
      walletPage.waitForEvent('download'),
      walletPage.getByRole('button', { name: '下载可打印的 PDF' }).first().click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^health-certificate-v-.+\.pdf$/);
    const pdfBytes = readFileSync(await download.path());
    expect(pdfBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pdf = await PDFDocument.load(pdfBytes);
    expect(pdf.getPageCount()).toBe(1);
    const { width, height } = pdf.getPage(0).getSize();
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
    const issued = (await (
      await walletPage.context().request.get(new URL('/api/v1/certificates/mine', server.url).href)
    ).json()) as { id: string; hc1: string }[];
    const hc1 = issued.find((item) => item.id === id)?.hc1;
    expect(hc1).toMatch(/^HC1:/);
    expect(qrTextsInPdf(pdf)).toEqual([hc1]);
    expect(pdf.getTitle()).toContain('ZHANG');
    await expect
      .poll(() =>
        walletPage
          .getByText(/PDF 已生成/)
          .first()
          .isVisible(),
      )
      .toBe(true);
    expect(pdf.catalog.lookup(PDFName.of('Pages'), PDFDict)).toBeDefined();

    // Offline: leave the page and come back within the app; the certificates come from this phone. Only once the
    // service worker controls the page: its first activation may reload the page, which offline would fail.
    await waitForServiceWorker(walletPage);
    await walletPage.context().setOffline(true);
    // Each step waits for its address: under load a Back pressed before the app's own navigation lands would leave
    // the app altogether.
    await walletPage.getByRole('banner').getByRole('link').first().click();
    await walletPage.waitForURL((address) => address.pathname !== '/wallet');
    await walletPage.goBack();
    await walletPage.waitForURL((address) => address.pathname === '/wallet');
    await expect.poll(() => walletPage.getByText(/(前|现在)保存在此手机上/).isVisible()).toBe(true);
    await expect.poll(() => qr.isVisible()).toBe(true);
    const picture = path.join(tmpdir(), `hw-wallet-qr-${Date.now()}.png`);
    writeFileSync(picture, await qr.screenshot());
    await walletPage.context().setOffline(false);

    const verifier = await newPhonePage(browser, 'en');
    await verifier.goto(new URL('/verify', server.url).href);
    await expect.poll(() => verifier.getByText(/Up to date/).isVisible(), { timeout: 15_000 }).toBe(true);
    await verifyPicture(verifier, picture);
    const heading = (name: string) => verifier.getByRole('heading', { level: 2, name, exact: true });
    await expect.poll(() => heading('Valid').isVisible()).toBe(true);
    expect(await verifier.getByText('1980-04-12').isVisible()).toBe(true);

    // Counted, not assumed: a retried run finds the certificate its first try issued.
    const qrCodesBefore = await walletPage.getByRole('img', { name: '张 三丰的健康证明二维码' }).count();
    await issuer.revoke(id, 'issued in error');
    await verifier.getByRole('button', { name: 'Update the lists' }).click();
    await expect.poll(() => verifier.getByText(/Up to date/).isVisible()).toBe(true);
    await verifyPicture(verifier, path.join(picture));
    await expect.poll(() => heading('Not valid').isVisible()).toBe(true);
    expect(await verifier.getByText('The issuer has revoked this certificate.').isVisible()).toBe(true);

    await walletPage.reload();
    await expect
      .poll(() => walletPage.getByText('已撤销', { exact: true }).isVisible(), { timeout: 15_000 })
      .toBe(true);
    // The revoked certificate no longer shows its QR code; the others still do.
    await expect
      .poll(() => walletPage.getByRole('img', { name: '张 三丰的健康证明二维码' }).count())
      .toBe(qrCodesBefore - 1);
    await checkAxe(walletPage);
    await walletPage.context().close();
    await verifier.context().close();
  });

  it('in English too, the wallet makes a one-page A4 PDF whose QR code is the certificate; accessible', async () => {
    const page = await newPhonePage(browser, 'en');
    const personId = await citizenPersonId(page.context());
    const { id, hc1 } = await issuer.issueVaccination(personId);
    await page.goto(new URL('/wallet', server.url).href);
    const button = page.getByRole('button', { name: 'Download a PDF to print' }).first();
    await expect.poll(() => button.isVisible(), { timeout: 15_000 }).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toBe(`health-certificate-v-${id}.pdf`);
    const pdf = await PDFDocument.load(readFileSync(await download.path()));
    expect(pdf.getPageCount()).toBe(1);
    expect(qrTextsInPdf(pdf)).toEqual([hc1]);
    await expect
      .poll(() =>
        page
          .getByText(/The PDF is ready/)
          .first()
          .isVisible(),
      )
      .toBe(true);
    await checkAxe(page);
    await screenshot(page, 'citizen-wallet-pdf-phone-en');
    await page.context().close();
  });
});
