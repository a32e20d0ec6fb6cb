// Renders the app's PNG icons from their SVG sources in web/icons/ with Debian's Chromium
// (playwright-core; no downloaded browser). The PNGs are committed; run this after editing an SVG:
//
//   node scripts/make-icons.mjs
//
// icon.svg          -> icon-192.png, icon-512.png   (rounded square, transparent corners)
// icon-maskable.svg -> icon-maskable-512.png        (full bleed, content inside the safe zone)

import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ICONS = join(dirname(fileURLToPath(import.meta.url)), '..', 'web', 'icons');
const JOBS = [
  ['icon.svg', 'icon-192.png', 192],
  ['icon.svg', 'icon-512.png', 512],
  ['icon-maskable.svg', 'icon-maskable-512.png', 512],
];

const profile = await mkdtemp(join(tmpdir(), 'icons-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await context.newPage();
  for (const [svg, png, px] of JOBS) {
    const src = `data:image/svg+xml;base64,${readFileSync(join(ICONS, svg)).toString('base64')}`;
    await page.setViewportSize({ width: px, height: px });
    await page.setContent(`<html><body style="margin:0;background:transparent"><img src="${src}" width="${px}" height="${px}" style="display:block"></body></html>`);
    await page.locator('img').evaluate((img) => img.decode());
    await page.screenshot({ path: join(ICONS, png), omitBackground: true, clip: { x: 0, y: 0, width: px, height: px } });
    console.log(`web/icons/${png} (${px} x ${px}) from ${svg}`);
  }
} finally {
  await context.close();
  await rm(profile, { recursive: true, force: true });
}
