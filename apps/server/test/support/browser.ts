import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { describe } from 'vitest';

/**
 * Browser end-to-end support: Debian's Chromium driven by playwright-core (no downloaded browsers),
 * phone and desktop pages, an axe-core WCAG check and screenshots for people to look at.
 */

export const CHROMIUM_PATH = process.env.HOMEWARD_CHROMIUM ?? '/usr/bin/chromium';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const screenshotDir = path.join(repoRoot, 'test-artifacts', 'screenshots');
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export function browserAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/**
 * `describe` that skips with a one-line reason when Chromium is missing, or fails the run instead when
 * HOMEWARD_REQUIRE_BROWSER=1 (CI must not pass by skipping its browser tests).
 */
export function describeBrowser(name: string, body: () => void): void {
  if (browserAvailable()) {
    describe(name, body);
    return;
  }
  const reason = `Chromium not found at ${CHROMIUM_PATH}`;
  if (process.env.HOMEWARD_REQUIRE_BROWSER === '1') {
    throw new Error(`${reason} and HOMEWARD_REQUIRE_BROWSER=1`);
  }
  describe.skip(`${name} (skipped: ${reason})`, body);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export type UiLocale = 'zh-CN' | 'en';

async function newPage(browser: Browser, options: Parameters<Browser['newContext']>[0]): Promise<Page> {
  const context: BrowserContext = await browser.newContext(options);
  const page = await context.newPage();
  return page;
}

/** A phone (390 × 844, touch) whose browser prefers `locale`. */
export function newPhonePage(browser: Browser, locale: UiLocale): Promise<Page> {
  return newPage(browser, {
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
    locale,
  });
}

/** A desktop browser (1280 × 800) whose browser prefers `locale`. */
export function newDesktopPage(browser: Browser, locale: UiLocale): Promise<Page> {
  return newPage(browser, { viewport: { width: 1280, height: 800 }, locale });
}

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** Runs axe-core on the page (WCAG 2.0/2.1/2.2 A and AA) and fails on serious or critical violations. */
export async function checkAxe(page: Page): Promise<void> {
  const loaded = await page.evaluate(() => 'axe' in globalThis);
  if (!loaded) {
    try {
      await page.addScriptTag({ path: axePath });
    } catch {
      // The server's Content-Security-Policy (script-src 'self') rightly refuses an injected inline script.
      // We keep the CSP on in tests (it guards the apps too) and evaluate axe over the DevTools protocol,
      // which the page's CSP does not govern.
      await page.evaluate(readFileSync(axePath, 'utf8'));
    }
  }
  const violations = await page.evaluate(async (tags) => {
    // Boundary: runs in the page, where axe is the global the script above defines (this file has no DOM types).
    const page = globalThis as unknown as {
      axe: { run: (context: unknown, options: object) => Promise<{ violations: unknown[] }> };
      document: unknown;
    };
    const result = await page.axe.run(page.document, { runOnly: { type: 'tag', values: tags } });
    return result.violations;
  }, AXE_TAGS);
  const serious = (violations as AxeViolation[]).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (serious.length > 0) {
    const lines = serious.map(
      (v) => `${v.impact} ${v.id}: ${v.help}\n    ${v.nodes.map((n) => JSON.stringify(n.target)).join('\n    ')}`,
    );
    throw new Error(`axe found ${serious.length} serious/critical violation(s) on ${page.url()}:\n${lines.join('\n')}`);
  }
}

/**
 * With HOMEWARD_SCREENSHOTS=1, saves a full-page PNG to test-artifacts/screenshots/<name>.png for a person to look
 * at. Off by default: nobody looks at them in a plain `npm test`, and encoding some 300 full pages costs minutes of
 * CPU on a two-core CI machine.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.HOMEWARD_SCREENSHOTS !== '1') return;
  mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path: file, fullPage: true });
}

/**
 * Waits until the app's service worker controls the page: from then on it serves the app shell, so the page
 * works offline (a reload, a lazily loaded page). Going offline before that tests a half-installed app.
 */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    // Boundary: runs in the page; this file is type-checked without the DOM library.
    const { serviceWorker } = (globalThis as unknown as { navigator: { serviceWorker: ServiceWorkerLike } }).navigator;
    await serviceWorker.ready;
    if (!serviceWorker.controller) {
      await new Promise((resolve) => serviceWorker.addEventListener('controllerchange', resolve));
    }
  });
}

/** The part of the page's `navigator.serviceWorker` that `waitForServiceWorker` uses. */
interface ServiceWorkerLike {
  ready: Promise<unknown>;
  controller: unknown;
  addEventListener(type: 'controllerchange', listener: (value: unknown) => void): void;
}
