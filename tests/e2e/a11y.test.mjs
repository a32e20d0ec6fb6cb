// Accessibility and looks (issue 5): axe-core finds no violations, empty and with the sample, in
// both themes; screenshots at 1440 x 900 and 375 x 812 with the sample loaded, in both themes, land
// in tests/e2e/screenshots/ for people to look at.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { SCREENSHOTS, start } from './harness.mjs';
import { assertClean, axeViolations, freshPage, loadSample } from './page-helpers.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

for (const theme of ['light', 'dark']) {
  test(`axe: no violations on the empty page and with the sample, ${theme} theme`, async () => {
    const { page, problems } = await freshPage(env, { colorScheme: theme });
    try {
      assert.deepEqual(await axeViolations(page), [], 'the empty page');
      await loadSample(page);
      // A block with its source badge, a restored item and a highlight are part of the page too.
      await page.getByTestId('restore').first().click();
      await page.locator('[data-testid=article] .block.caption').first().click();
      assert.deepEqual(await axeViolations(page), [], 'with the sample');
      assertClean(problems);
    } finally {
      await page.close();
    }
  });

  test(`screenshots at 1440x900 and 375x812 with the sample, ${theme} theme`, async () => {
    for (const [width, height] of [[1440, 900], [375, 812]]) {
      const { page, problems } = await freshPage(env, { width, height, colorScheme: theme });
      try {
        await loadSample(page);
        const name = `sample-${width}x${height}${theme === 'dark' ? '-dark' : ''}`;
        await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
        await page.screenshot({ path: join(SCREENSHOTS, `${name}-full.png`), fullPage: true });
        assertClean(problems);
      } finally {
        await page.close();
      }
    }
  });
}
