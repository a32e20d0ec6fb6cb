// The installed app offline (issue 6): the service worker precaches every file of the build, the
// page and new tabs work with the network off, Chromium finds nothing that stops installation, and
// a new build replaces the old cache, downloading only the files whose contents changed.

import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { after, before, test } from 'node:test';
import { serve } from '../../scripts/static-server.mjs';
import { postBuild } from '../../scripts/post-build.mjs';
import { ROOT, start, watchedPage } from './harness.mjs';

const SAMPLE_TITLE = 'India and Japan Forge Transformative Strategic Alliance Across AI and Defence';
const SAMPLE_HEADING = 'Strategic Alignment for Future Security';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.context.setOffline(false);
  await env?.close();
});

function assertClean(problems) {
  assert.deepEqual(problems.console, [], 'no console errors or uncaught exceptions');
  assert.deepEqual(problems.foreign, [], 'no request to any host other than 127.0.0.1');
  assert.deepEqual(problems.failed, [], 'no failed request');
}

async function filesOf(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(relative(dir, join(entry.parentPath ?? entry.path, entry.name)).split(sep).join('/'));
  }
  return out.sort();
}

/** Waits until the page is controlled by an activated service worker. */
async function waitForServiceWorker(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
    }
  });
}

/** Our caches and, for each, the paths it holds. */
function cacheContents(page) {
  return page.evaluate(async () => {
    const out = {};
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      out[name] = (await cache.keys()).map((r) => new URL(r.url).pathname).sort();
    }
    return out;
  });
}

async function structureSample(page) {
  await page.getByTestId('sample').click();
  await page.getByTestId('title').waitFor({ timeout: 10_000 });
  assert.equal((await page.getByTestId('title').textContent()).trim(), SAMPLE_TITLE);
  const headings = (await page.getByTestId('section-heading').allTextContents()).map((h) => h.trim());
  assert.ok(headings.includes(SAMPLE_HEADING), `headings ${JSON.stringify(headings)} include "${SAMPLE_HEADING}"`);
}

test('offline: installable, every build file precached, reload and a new tab work with the network off', async () => {
  const { page, problems } = await watchedPage(env.context);
  let tab;
  try {
    await page.goto(env.baseUrl);
    await waitForServiceWorker(page);

    const cdp = await env.context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, [], 'Chromium reports no installability errors');
    const manifest = await cdp.send('Page.getAppManifest');
    assert.deepEqual(manifest.errors, [], 'the manifest parses without errors');

    // Every file of the build but sw.js is in the one cache (only checkable when we serve dist/).
    const cachesNow = await cacheContents(page);
    const names = Object.keys(cachesNow);
    assert.equal(names.length, 1, `one cache, found ${JSON.stringify(names)}`);
    if (!process.env.E2E_BASE_URL) {
      const expected = (await filesOf(join(ROOT, 'dist'))).filter((f) => f !== 'sw.js').map((f) => `/${f}`);
      assert.deepEqual(cachesNow[names[0]], expected, 'the cache holds exactly the files of the build');
    }

    await env.context.setOffline(true);
    await page.reload();
    await structureSample(page);
    assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'served by the service worker');

    let tabProblems;
    ({ page: tab, problems: tabProblems } = await watchedPage(env.context));
    await tab.goto(env.baseUrl);
    await structureSample(tab);
    assertClean(tabProblems);
    assertClean(problems);
  } finally {
    await env.context.setOffline(false);
    await tab?.close();
    await page.close();
  }
});

test('a new build replaces the old cache cleanly and downloads only the files that changed', async () => {
  // A copy of the build on its own server (its own origin, so its own service worker and caches).
  const dir = await mkdtemp(join(tmpdir(), 'e2e-build-'));
  await cp(join(ROOT, 'dist'), dir, { recursive: true });
  const { server, url } = await serve(dir, 0);
  const served = [];
  server.on('request', (req) => served.push(new URL(req.url, url).pathname));
  const { page, problems } = await watchedPage(env.context);
  try {
    await page.goto(url);
    await waitForServiceWorker(page);
    const first = await cacheContents(page);
    assert.equal(Object.keys(first).length, 1);
    const [firstName] = Object.keys(first);

    // "Build 2": the page's index.html changes, nothing else; post-build writes a new sw.js.
    const index = join(dir, 'index.html');
    await writeFile(index, (await readFile(index, 'utf8')).replace('<title>', '<title>(build 2) '));
    postBuild(dir, { quiet: true });

    served.length = 0;
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      const changed = new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
      await registration.update();
      await changed;
      // The controller changes before the new worker's activate event (which deletes old caches).
      const worker = registration.active;
      if (worker.state !== 'activated') {
        await new Promise((ok) => worker.addEventListener('statechange', () => worker.state === 'activated' && ok()));
      }
    });
    const second = await cacheContents(page);
    const names = Object.keys(second);
    assert.equal(names.length, 1, `only the new cache is left, found ${JSON.stringify(names)}`);
    assert.notEqual(names[0], firstName, 'the new build has a new cache');
    assert.deepEqual(second[names[0]], first[firstName], 'the same files are cached');

    // Downloaded again: sw.js and the files whose contents changed (index.html, and the single file
    // that inlines it); everything else came from the old cache.
    const fetched = [...new Set(served)].sort();
    assert.deepEqual(fetched, ['/article-structurer.html', '/index.html', '/sw.js']);

    await page.reload();
    assert.match(await page.title(), /^\(build 2\)/, 'the new build is served');
    await env.context.setOffline(true);
    await page.reload();
    assert.match(await page.title(), /^\(build 2\)/, 'and served offline');
    await structureSample(page);
    assertClean(problems);
  } finally {
    await env.context.setOffline(false);
    await page.close();
    await new Promise((ok) => server.close(ok));
    await rm(dir, { recursive: true, force: true });
  }
});
