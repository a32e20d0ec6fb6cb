// Helpers for the page's end-to-end tests (tests/e2e/*.test.mjs): a fresh page with empty storage,
// waiting for the page to structure, axe-core, and the "no problems" assertion.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, watchedPage } from './harness.mjs';

/** Opens the page with empty localStorage and returns `{ page, problems }`. */
export async function freshPage(env, { width = 1280, height = 900, colorScheme = 'light' } = {}) {
  const { page, problems } = await watchedPage(env.context);
  await page.setViewportSize({ width, height });
  await page.emulateMedia({ colorScheme });
  await page.goto(env.baseUrl);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.locator('main[data-generation]').waitFor();
  return { page, problems };
}

/** How many times the page has structured its text so far. */
export async function generation(page) {
  return Number(await page.locator('main').getAttribute('data-generation'));
}

/** Waits until the page has structured its text again after generation `before`. */
export async function structuredAfter(page, before, timeout = 10_000) {
  await page.waitForFunction(
    (b) => Number(document.querySelector('main').dataset.generation) > b && !document.querySelector('main').dataset.pending,
    before,
    { timeout },
  );
}

/** Clicks "Try the sample" and waits for the title. */
export async function loadSample(page) {
  await page.getByTestId('sample').click();
  await page.getByTestId('title').waitFor({ timeout: 10_000 });
}

/** Trimmed text of every element matching `testid`. */
export async function texts(page, testid) {
  return (await page.getByTestId(testid).allTextContents()).map((t) => t.trim());
}

/** Fails on console errors, uncaught exceptions, failed requests and requests to other hosts. */
export function assertClean(problems) {
  assert.deepEqual(problems.console, [], 'no console errors or uncaught exceptions');
  assert.deepEqual(problems.foreign, [], 'no request to any host other than 127.0.0.1');
  assert.deepEqual(problems.failed, [], 'no failed request');
}

let axeSource;
/** Runs axe-core (npm) on the page; returns its violations as `id: targets` lines. */
export async function axeViolations(page) {
  axeSource ??= await readFile(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  // Evaluated, not added as a <script>, so that a strict Content-Security-Policy cannot block it.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} @ ${v.targets.slice(0, 5).join(', ')}`);
}
