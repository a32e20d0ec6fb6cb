// A crash is not data loss (issue 8): when the page's wasm panics, the page shows an error with a
// "Reload" action, and after the reload the draft is still there, in the box, not structured again
// at once (so one bad text cannot crash the page in a loop).
//
// The panic is forced through a hook that only a test build has: `scripts/test build` also builds
// the page with the `panic-test` feature into target/dist-panic-test (src/app/crash.rs); the shipped
// build (dist/) is checked not to carry it.

import assert from 'node:assert/strict';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { serve } from '../../scripts/static-server.mjs';
import { ROOT, SCREENSHOTS, start, watchedPage } from './harness.mjs';

const PANIC_DIST = join(ROOT, 'target', 'dist-panic-test');
const MARKER = '\u0001panic-test\u0001';

let env;
let panicServer;
before(async () => {
  await stat(join(PANIC_DIST, 'index.html')).catch(() => {
    throw new Error(`${PANIC_DIST} is missing: \`scripts/test build\` makes it (trunk build --features panic-test --dist target/dist-panic-test)`);
  });
  env = await start();
  panicServer = await serve(PANIC_DIST, 0);
});
after(async () => {
  if (panicServer) await new Promise((ok) => panicServer.server.close(ok));
  await env?.close();
});

test('the shipped build cannot be made to panic on purpose: the test hook is not in it', async () => {
  const dist = join(ROOT, 'dist');
  const wasm = (await readdir(dist)).filter((f) => f.endsWith('.wasm'));
  assert.ok(wasm.length >= 2, 'the page’s and the widget’s wasm');
  for (const f of wasm) {
    const bytes = await readFile(join(dist, f));
    assert.equal(bytes.indexOf('panic-test'), -1, `${f} has no panic-test hook`);
  }
  const testWasm = (await readdir(PANIC_DIST)).filter((f) => /^app-.*\.wasm$/.test(f));
  assert.ok((await readFile(join(PANIC_DIST, testWasm[0]))).indexOf('panic-test') !== -1, 'the test build has it');
});

test('a panic shows an error with Reload; after the reload the draft is back in the box, not structured again', async () => {
  const { page, problems } = await watchedPage(env.context);
  try {
    await page.goto(panicServer.url);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.locator('main[data-generation]').waitFor();

    const draft = `Harbour Ferries Return\n\nThe ferries run again after three winters, the council said.\n\n${MARKER}\n`;
    await page.getByTestId('input').fill(draft);
    const crash = page.getByTestId('crash');
    await crash.waitFor({ timeout: 10_000 });
    assert.match(await crash.innerText(), /Something went wrong[\s\S]*Your text is saved in this browser/);
    assert.equal(await crash.getAttribute('role'), 'alertdialog');
    await page.screenshot({ path: join(SCREENSHOTS, 'crash.png') });
    assert.ok(problems.console.some((m) => /panic-test: a panic forced by the text/.test(m)), 'the panic is logged');

    const reload = page.getByTestId('reload');
    assert.equal(await reload.innerText(), 'Reload');
    await Promise.all([page.waitForEvent('load'), reload.click()]);
    await page.locator('main[data-generation]').waitFor();
    assert.equal(await page.getByTestId('crash').count(), 0, 'a fresh page');
    assert.equal(await page.getByTestId('input').inputValue(), draft, 'the draft is back in the box');
    await page.getByTestId('notice').filter({ hasText: 'The page stopped while structuring this text last time' }).waitFor();
    assert.equal(await page.getByTestId('title').count(), 0, 'not structured again at once');

    // Edited (the marker gone), it is structured as usual, and the page is whole again.
    await page.getByTestId('input').fill(draft.replace(MARKER, 'Fares stay the same.'));
    await page.getByTestId('title').waitFor();
    assert.equal((await page.getByTestId('title').innerText()).trim(), 'Harbour Ferries Return');

    // Only the panic's own messages were errors; nothing left the machine.
    const unexpected = problems.console.filter((m) => !/panic-test|unreachable|RuntimeError/.test(m));
    assert.deepEqual(unexpected, []);
    assert.deepEqual(problems.foreign, []);
  } finally {
    await page.close();
  }
});
