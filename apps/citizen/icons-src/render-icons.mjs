// Renders the PWA icons from the SVG sources with the system Chromium, once; the PNGs are committed.
// Run from the repo root: node apps/citizen/icons-src/render-icons.mjs
import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, '../public/icons');
const jobs = [
  ['icon.svg', 'icon-192.png', 192],
  ['icon.svg', 'icon-512.png', 512],
  // Maskable: the artwork stays inside the 80 % safe zone because launchers crop to any shape.
  ['maskable.svg', 'icon-maskable-512.png', 512],
  ['maskable.svg', 'apple-touch-icon.png', 180],
];

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
for (const [source, target, size] of jobs) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  const svg = readFileSync(path.join(here, source), 'utf8').replace('<svg ', `<svg width="${size}" height="${size}" `);
  await page.setContent(`<body style="margin:0">${svg}</body>`);
  await page.screenshot({ path: path.join(out, target), omitBackground: true });
  await page.close();
}
await browser.close();
copyFileSync(path.join(here, 'icon.svg'), path.join(out, 'icon.svg'));
