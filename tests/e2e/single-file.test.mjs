// The single-file build (issue 6): dist/article-structurer.html opened from disk (file://), with the
// network off, structures the sample; it loads nothing but itself (everything else is inlined).

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { ROOT, SCREENSHOTS, start } from './harness.mjs';

const SAMPLE_TITLE = 'India and Japan Forge Transformative Strategic Alliance Across AI and Defence';
const SAMPLE_HEADING = 'Strategic Alignment for Future Security';
const FILE = join(ROOT, 'dist', 'article-structurer.html');

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.context.setOffline(false);
  await env?.close();
});

test('the single file, opened as file:// with no network, structures the sample and loads nothing else', async () => {
  const html = await readFile(FILE, 'utf8');
  assert.doesNotMatch(html, /\s(?:src|href)="(?!data:|#)/, 'no reference to another file');
  assert.doesNotMatch(html, /<link rel="manifest"/, 'no manifest (nothing to install from disk)');

  await env.context.setOffline(true);
  const page = await env.context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    const url = pathToFileURL(FILE).href;
    await page.goto(url);
    await page.getByTestId('sample').click();
    await page.getByTestId('title').waitFor({ timeout: 10_000 });
    assert.equal((await page.getByTestId('title').textContent()).trim(), SAMPLE_TITLE);
    const headings = (await page.getByTestId('section-heading').allTextContents()).map((h) => h.trim());
    assert.ok(headings.includes(SAMPLE_HEADING), `headings ${JSON.stringify(headings)} include "${SAMPLE_HEADING}"`);
    await page.screenshot({ path: join(SCREENSHOTS, 'single-file.png') });

    const others = requests.filter((r) => r !== url && !r.startsWith('data:'));
    assert.deepEqual(others, [], 'no request but the file itself (and data: URLs)');
    assert.deepEqual(errors, [], 'no console errors or uncaught exceptions');
    assert.equal(await page.evaluate(() => navigator.serviceWorker?.controller ?? null), null, 'no service worker');
  } finally {
    await env.context.setOffline(false);
    await page.close();
  }
});
