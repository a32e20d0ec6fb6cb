// End-to-end tests of the release build in headless Chromium (Debian's, driven by playwright-core).
// Run by scripts/test after `trunk build --release`; alone: `node --test tests/e2e/`.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { join } from 'node:path';
import { SCREENSHOTS, start, watchedPage } from './harness.mjs';

// Known facts about the product's demo text, assets/sample.txt.
const SAMPLE_TITLE = 'India and Japan Forge Transformative Strategic Alliance Across AI and Defence';
const SAMPLE_HEADING = 'Strategic Alignment for Future Security';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

/** Opens the page, clicks "Try the sample" and waits for the article's title. */
async function openWithSample() {
  const { page, problems } = await watchedPage(env.context);
  await page.goto(env.baseUrl);
  await page.getByTestId('sample').click();
  await page.getByTestId('title').waitFor({ timeout: 10_000 });
  return { page, problems };
}

function assertClean(problems) {
  assert.deepEqual(problems.console, [], 'no console errors or uncaught exceptions');
  assert.deepEqual(problems.foreign, [], 'no request to any host other than 127.0.0.1');
  assert.deepEqual(problems.failed, [], 'no failed request');
}

test('the sample button shows the structured sample: title and headings, no errors, no other host', async () => {
  const { page, problems } = await openWithSample();
  try {
    assert.equal((await page.getByTestId('title').textContent()).trim(), SAMPLE_TITLE);
    assert.match(await page.getByTestId('input').inputValue(), /^India and Japan Forge/);
    const headings = (await page.getByTestId('section-heading').allTextContents()).map((h) => h.trim());
    assert.ok(headings.includes(SAMPLE_HEADING), `section headings ${JSON.stringify(headings)} include "${SAMPLE_HEADING}"`);
    await page.screenshot({ path: join(SCREENSHOTS, 'sample.png'), fullPage: true });
    assertClean(problems);
  } finally {
    await page.close();
  }
});

test('typing into the input updates the article', async () => {
  const { page, problems } = await watchedPage(env.context);
  try {
    await page.goto(env.baseUrl);
    await page.getByTestId('input').fill('A Title Typed By Hand\n\nThe first paragraph, typed into the page by a person.\n');
    await page.getByTestId('title').filter({ hasText: 'A Title Typed By Hand' }).waitFor({ timeout: 10_000 });
    // textContent, not innerText: body rows have `content-visibility: auto`, and innerText leaves out
    // a row until the frame after it is laid out.
    assert.match(await page.getByTestId('article').textContent(), /The first paragraph, typed into the page/);
    assertClean(problems);
  } finally {
    await page.close();
  }
});

test('a browser without WebAssembly SIMD gets a message, not a blank page; a supported one none', async () => {
  const { page } = await watchedPage(env.context);
  try {
    await page.goto(env.baseUrl);
    await page.getByTestId('input').waitFor();
    assert.equal(await page.getByTestId('unsupported').count(), 0, 'no message where SIMD works');
    // As a browser without SIMD answers the check (the page's own wasm still loads here).
    await page.addInitScript(() => {
      const validate = WebAssembly.validate;
      WebAssembly.validate = (bytes) => (new Uint8Array(bytes).includes(0xfd) ? false : validate(bytes));
    });
    await page.reload();
    const note = page.getByTestId('unsupported');
    await note.waitFor({ timeout: 10_000 });
    assert.equal(await note.getAttribute('role'), 'alert');
    assert.match(await note.textContent(), /needs WebAssembly with SIMD \(Chrome or Edge 91, Firefox 89, Safari 16\.4 or later\)/);
  } finally {
    await page.close();
  }
});
