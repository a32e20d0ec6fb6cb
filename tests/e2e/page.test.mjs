// The reader page, feature by feature (issue 5), on the release build in headless Chromium: the
// sample's structure, summary, source lines, removed items and restore, export, the draft, files,
// clear and undo, paste, themes, layout and keyboard. Every test also fails on console errors and on
// requests to any other host.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { start } from './harness.mjs';
import { assertClean, freshPage, generation, loadSample, structuredAfter, texts } from './page-helpers.mjs';

// Facts about the product's demo text, assets/sample.txt (its expected structure is the core's golden test).
const SAMPLE_TITLE = 'India and Japan Forge Transformative Strategic Alliance Across AI and Defence';
const SAMPLE_HEADINGS = [
  'Strategic Alignment for Future Security',
  'Navigating Complex Technological Landscapes',
  'Institutionalizing the Bilateral Growth Roadmap',
  'Global Implications of Strategic Cooperation',
];
const SAMPLE_CAPTIONS = [/^The new bilateral roadmap outlines an eight-pillar/, /^A primary focus of the agreement involves/];

let env;
before(async () => {
  env = await start();
  await env.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(env.baseUrl).origin });
});
after(async () => {
  await env?.close();
});

/** Runs `body` on a fresh page, then checks that nothing went wrong on it. */
async function withPage(options, body) {
  const { page, problems } = await freshPage(env, options);
  try {
    await body(page);
    assertClean(problems);
  } finally {
    await page.close();
  }
}

test('the sample: title, key points, four sections with a table of contents, captions, takeaways, the removed heading copies', async () => {
  await withPage({}, async (page) => {
    await loadSample(page);
    assert.equal((await texts(page, 'title'))[0], SAMPLE_TITLE);
    assert.deepEqual(await texts(page, 'section-heading'), SAMPLE_HEADINGS);
    const levels = await page.getByTestId('section-heading').evaluateAll((hs) => hs.map((h) => h.tagName));
    assert.deepEqual(levels, ['H3', 'H3', 'H3', 'H3'], 'level-2 sections under the page-level h2 title');
    assert.equal(await page.getByTestId('key-points').locator('li').count(), 5);
    assert.equal(await page.getByTestId('takeaways').locator('li').count(), 2);

    const toc = page.locator('nav.toc li');
    assert.deepEqual((await page.locator('nav.toc a').allTextContents()).map((t) => t.trim()), SAMPLE_HEADINGS);
    for (let i = 0; i < 4; i++) assert.ok((await toc.nth(i).locator('.gist').textContent()).length > 40, 'each entry has a gist');
    await page.locator('nav.toc a').nth(2).click();
    await page.waitForFunction(() => location.hash === '#section-3');

    const captions = (await page.locator('[data-testid=article] figure figcaption').allTextContents()).map((t) => t.trim());
    assert.equal(captions.length, 2, `two captions: ${JSON.stringify(captions)}`);
    captions.forEach((c, i) => assert.match(c, SAMPLE_CAPTIONS[i]));

    const removed = page.getByTestId('removed-item');
    assert.equal(await removed.count(), 4);
    const removedTexts = (await removed.locator('.removed-text').allTextContents()).map((t) => t.trim());
    assert.deepEqual([...removedTexts].sort(), [...SAMPLE_HEADINGS].sort(), 'the removed items are the heading copies');
    const groups = await page.getByTestId('removed-group').evaluateAll((gs) => gs.map((g) => [g.dataset.reason, g.querySelectorAll('li').length]));
    assert.deepEqual(groups, [['duplicate', 1], ['misplaced-heading', 3]]);
    assert.match(await page.getByTestId('removed-group').first().locator('h3').innerText(), /Duplicates\s*1/);
    assert.equal(await page.getByTestId('kept-copy').count(), 4, 'each copy links to the kept one');
    assert.match(await removed.first().innerText(), /line 9/);
  });
});

test('the summary card: sentences and a control for how many, keyphrases, reading time, language, timing', async () => {
  await withPage({}, async (page) => {
    await loadSample(page);
    const sentences = page.getByTestId('summary-sentences').locator('li');
    assert.ok((await sentences.count()) >= 1);
    assert.ok((await page.getByTestId('keyphrases').locator('li').count()) >= 5, 'keyphrase chips');
    assert.match(await page.getByTestId('reading-time').innerText(), /^\d+ min$/);
    assert.equal(await page.getByTestId('language').innerText(), 'English');
    assert.match(await page.getByTestId('summary').innerText(), /Structured in\s+(under 1|\d+) ms/i);

    const g = await generation(page);
    await page.getByTestId('summary-count').selectOption('2');
    await structuredAfter(page, g);
    assert.equal(await sentences.count(), 2);
    await page.getByTestId('summary-count').selectOption('6');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=summary-sentences] li').length === 6);

    // Each sentence leads to its place in the article.
    const first = (await sentences.first().innerText()).trim();
    await sentences.first().getByRole('button').click();
    const focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
    assert.ok(focused.includes(first), 'the sentence’s block is focused');

    await page.reload();
    await page.getByTestId('title').waitFor();
    assert.equal(await page.getByTestId('summary-count').inputValue(), '6', 'the setting survives a reload');
    assert.equal(await sentences.count(), 6);
  });
});

test('a block shows its source lines on focus and highlights them in the input when clicked', async () => {
  await withPage({}, async (page) => {
    await loadSample(page);
    const caption = page.locator('[data-testid=article] .block.caption').first();
    const lines = await caption.getAttribute('data-lines');
    assert.match(lines, /^\d+-\d+$/);
    const badge = () => caption.evaluate((el) => {
      const s = getComputedStyle(el, '::after');
      return { content: s.content, opacity: s.opacity };
    });
    assert.equal((await badge()).opacity, '0', 'no badge at rest');
    await caption.focus();
    assert.equal((await badge()).content, `"line ${lines.split('-')[0]}"`);
    await page.waitForFunction((el) => getComputedStyle(el, '::after').opacity === '1', await caption.elementHandle(), { timeout: 2000 });

    await caption.click();
    const [first] = lines.split('-').map(Number);
    const inputLine = (await page.getByTestId('input').inputValue()).split('\n')[first - 1];
    assert.equal((await page.locator('.backdrop mark').textContent()), inputLine, 'the clicked block’s lines are marked in the input');
    assert.equal(await page.getByTestId('input-status').innerText(), `Showing line ${first}`);
    assert.ok(await caption.evaluate((el) => el.classList.contains('active')));

    await caption.press('Escape');
    await page.getByTestId('input').press('End');
    await page.getByTestId('input').type('!');
    await page.locator('.backdrop mark').waitFor({ state: 'detached' });
  });
});

test('restore puts a removed heading copy back into the article, remembered across reloads', async () => {
  await withPage({}, async (page) => {
    await loadSample(page);
    const item = page.locator('[data-testid=removed-group][data-reason=misplaced-heading] [data-testid=removed-item]').first();
    const text = (await item.locator('.removed-text').innerText()).trim();
    const lines = await item.getAttribute('data-lines');
    await item.getByTestId('restore').click();

    const back = page.locator(`[data-testid=article] .block.restored[data-lines="${lines}"]`);
    await back.waitFor();
    assert.match(await back.innerText(), new RegExp(text));
    assert.match(await item.innerText(), /Restored/);
    // It stands in the body after what preceded it in the input.
    const order = await page.locator('[data-testid=article] .body [data-lines]').evaluateAll((els) => els.map((e) => Number(e.dataset.lines.split('-')[0])));
    const at = order.indexOf(Number(lines.split('-')[0]));
    assert.ok(at > 0 && order[at - 1] < order[at], `restored in input order: ${order}`);

    await page.reload();
    await page.getByTestId('title').waitFor();
    assert.equal(await back.count(), 1, 'still restored after a reload');

    await page.getByTestId('removed-item').filter({ hasText: 'Restored' }).getByTestId('unrestore').click();
    await back.waitFor({ state: 'detached' });
  });
});

test('the link to a kept copy goes to it', async () => {
  await withPage({}, async (page) => {
    await loadSample(page);
    await page.getByTestId('kept-copy').first().click();
    const focused = await page.evaluate(() => [document.activeElement?.dataset.lines, document.activeElement?.textContent.trim()]);
    assert.deepEqual(focused, ['10-10', SAMPLE_HEADINGS[0]]);
  });
});

test('export: copy Markdown and text, download .md, .json (schema 1) and .html, print stylesheet', async () => {
  await withPage({}, async (page) => {
    await loadSample(page);
    // A restored item is part of every export.
    const restoredText = (await page.getByTestId('removed-item').first().locator('.removed-text').innerText()).trim();
    await page.getByTestId('restore').first().click();
    await page.locator('.block.restored').waitFor();

    await page.getByTestId('copy-markdown').click();
    await page.getByTestId('notice').filter({ hasText: 'Copied the article as Markdown' }).waitFor();
    const md = await page.evaluate(() => navigator.clipboard.readText());
    assert.ok(md.startsWith(`# ${SAMPLE_TITLE}\n`), md.slice(0, 100));
    for (const h of SAMPLE_HEADINGS) assert.ok(md.includes(`\n## ${h}\n`), `markdown has ## ${h}`);
    assert.ok(md.includes('\n- Prime Minister Narendra Modi'), 'key points as a list');

    await page.getByTestId('copy-text').click();
    await page.getByTestId('notice').filter({ hasText: 'plain text' }).waitFor();
    const txt = await page.evaluate(() => navigator.clipboard.readText());
    assert.ok(txt.startsWith(`${SAMPLE_TITLE}\n`));
    assert.ok(!txt.includes('## '), 'plain text carries no Markdown');

    const download = async (testid) => {
      const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
      return { name: dl.suggestedFilename(), body: await readFile(await dl.path(), 'utf8') };
    };
    const mdFile = await download('download-md');
    assert.equal(mdFile.name, 'india-and-japan-forge-transformative-strategic-alliance.md');
    assert.equal(mdFile.body, md, 'the .md file is what Copy Markdown copied');
    assert.ok(mdFile.body.includes(restoredText));

    const json = await download('download-json');
    assert.match(json.name, /\.json$/);
    const article = JSON.parse(json.body);
    assert.equal(article.schema, 1);
    assert.equal(article.title.text, SAMPLE_TITLE);
    assert.equal(article.sections.filter((s) => s.heading).length, 4);
    assert.equal(article.removed.length, 3, 'the restored item left the removed list');

    const html = await download('download-html');
    assert.match(html.name, /\.html$/);
    assert.match(html.body, /^<!DOCTYPE html>/);
    assert.ok(html.body.includes(`<h1>${SAMPLE_TITLE}</h1>`));
    assert.equal((html.body.match(/<h2>/g) ?? []).length, 6, 'four headings and the two boxes');
    assert.ok(!/<script/i.test(html.body), 'no script in the standalone page');

    // Print shows the article alone.
    await page.emulateMedia({ media: 'print' });
    const shown = await page.evaluate(() => ['.input-pane', '.summary-card', '.export-panel', '.removed-panel', '.topbar', '[data-testid=article]']
      .map((s) => getComputedStyle(document.querySelector(s)).display !== 'none'));
    assert.deepEqual(shown, [false, false, false, false, false, true]);
    await page.emulateMedia({ media: 'screen' });
  });
});

test('typing into a short text updates the article at once, and the draft survives a reload', async () => {
  await withPage({}, async (page) => {
    const input = page.getByTestId('input');
    const text = 'Notes From A Quiet Harbour\n\nThe boats came in early this morning, before the fog had lifted from the water.';
    const g = await generation(page);
    await input.pressSequentially(text.slice(0, 40));
    await structuredAfter(page, g);
    // A text structured quickly is structured again on each keystroke, in the next task, with no
    // pause (the page's 0 ms timer, set first, fires before one set after the keystroke).
    const g2 = await generation(page);
    const during = await input.evaluate(async (el, rest) => {
      el.value += rest;
      el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: rest }));
      await new Promise((ok) => setTimeout(ok, 0));
      return [document.querySelector('main').dataset.pending ?? null, Number(document.querySelector('main').dataset.generation)];
    }, text.slice(40));
    assert.deepEqual(during, [null, g2 + 1], 'structured at once, not after a pause');
    assert.equal((await texts(page, 'title'))[0], 'Notes From A Quiet Harbour');
    assert.equal(await page.getByTestId('counts').innerText(), `20 words · ${text.length} characters`);

    await page.reload();
    await page.getByTestId('title').waitFor();
    assert.match(await input.inputValue(), /^Notes From A Quiet Harbour\n\nThe boats came in early/);
    assert.equal((await texts(page, 'title'))[0], 'Notes From A Quiet Harbour');
  });
});

test('a dropped .md file and an opened .txt file are read; other files are refused with a message', async () => {
  await withPage({}, async (page) => {
    const drop = (name, type, content) => page.getByTestId('input').evaluate((el, [name, type, content]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([content], name, { type }));
      el.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      el.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, [name, type, content]);

    await drop('harbour.md', 'text/markdown', '# Harbour Notes\n\nThe tide was out when the first boats returned to the quay.\n\n## Morning\n\nFog hung over the water.\n');
    await page.getByTestId('title').filter({ hasText: 'Harbour Notes' }).waitFor();
    assert.match(await page.getByTestId('input').inputValue(), /^# Harbour Notes/);
    assert.deepEqual(await texts(page, 'section-heading'), ['Morning']);
    await page.getByTestId('notice').filter({ hasText: 'Opened “harbour.md”' }).waitFor();

    await page.getByTestId('file').setInputFiles({ name: 'field-report.txt', mimeType: 'text/plain', buffer: Buffer.from('Field Report From The Hills\n\nWe walked for three days along the ridge before the weather turned.\n') });
    await page.getByTestId('title').filter({ hasText: 'Field Report From The Hills' }).waitFor();

    await drop('photo.png', 'image/png', 'not text');
    await page.getByTestId('notice').filter({ hasText: '“photo.png” is not a text file' }).waitFor();
    assert.equal((await texts(page, 'title'))[0], 'Field Report From The Hills', 'a refused file changes nothing');
  });
});

test('a storage failure is shown, and the page keeps working', async () => {
  const { page, problems } = await freshPage(env);
  try {
    // Every write fails as a full disk would.
    await page.evaluate(() => {
      Storage.prototype.setItem = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
    });
    await loadSample(page);
    const alert = page.getByTestId('storage-error');
    await alert.waitFor();
    assert.match(await alert.innerText(), /cannot be saved in this browser \(QuotaExceededError: The quota has been exceeded\.\)/);
    assert.equal(await alert.getAttribute('role'), 'alert');
    assert.deepEqual(await texts(page, 'section-heading'), SAMPLE_HEADINGS, 'the article is there all the same');
    await page.getByTestId('restore').first().click();
    await page.locator('.block.restored').waitFor();
    assertClean(problems);
  } finally {
    await page.close();
  }
});

test('clear empties the page and undo brings the text back', async () => {
  await withPage({}, async (page) => {
    await loadSample(page);
    await page.getByTestId('restore').first().click();
    await page.getByTestId('clear').click();
    assert.equal(await page.getByTestId('input').inputValue(), '');
    assert.ok(await page.getByTestId('article').isHidden(), 'the empty state');
    assert.match(await page.locator('.empty').innerText(), /Your article will appear here/);
    await page.getByTestId('undo').click();
    await page.getByTestId('title').waitFor();
    assert.match(await page.getByTestId('input').inputValue(), /^India and Japan Forge/);
    assert.equal(await page.locator('.block.restored').count(), 1, 'undo brings back the restored item too');
  });
});

test('a paste with formatting is read as HTML (the HTML reader loads on first use); plain pastes and the setting off use the text', async () => {
  await withPage({}, async (page) => {
    const input = page.getByTestId('input');
    const plain = 'Rivers Return To The City\n\nThe old canals were opened again this spring, and the water is back in the streets.\n';
    const html = '<article><h1>Rivers Return To The City</h1><p>The old canals were opened again this spring, and the water is back in the streets of the old town.</p><h2>Boats</h2><p>Small boats now carry people to work along the canals every morning, and the ferries run late.</p></article>';
    const clip = ([plain, html]) => navigator.clipboard.write([new ClipboardItem({
      'text/plain': new Blob([plain], { type: 'text/plain' }),
      ...(html ? { 'text/html': new Blob([html], { type: 'text/html' }) } : {}),
    })]);

    await page.evaluate(clip, [plain, html]);
    const g = await generation(page);
    await input.focus();
    await page.keyboard.press('Control+V');
    await structuredAfter(page, g);
    assert.equal(await input.inputValue(), plain, 'the box holds the plain text');
    await page.getByTestId('mode-note').waitFor();
    assert.equal((await texts(page, 'title'))[0], 'Rivers Return To The City');
    assert.deepEqual(await texts(page, 'section-heading'), ['Boats'], 'the heading comes from the HTML');
    assert.equal(await page.locator('[data-testid=article] a, [data-testid=article] img').count(), 0);

    // Its lines are lines of the HTML, which the box does not hold: the status says so.
    await page.locator('[data-testid=article] .block.paragraph').first().click();
    assert.match(await page.getByTestId('input-status').innerText(), /^From line \d+ of the pasted page's HTML$/);
    assert.equal(await page.locator('.backdrop mark').count(), 0);

    // Reload: the draft remembers that it came with formatting.
    await page.reload();
    await page.getByTestId('mode-note').waitFor();
    await structuredAfter(page, 0);
    assert.deepEqual(await texts(page, 'section-heading'), ['Boats']);

    // "Use the plain text" reads the box's text instead; so does any edit.
    await page.getByTestId('mode-note').getByRole('button').click();
    await page.getByTestId('mode-note').waitFor({ state: 'detached' });
    assert.deepEqual(await texts(page, 'section-heading'), []);

    // A plain paste is structured at once, by the paste, not after the typing pause.
    await page.evaluate(clip, ['Harbour Lights Go Out\n\nThe last lamp on the quay was switched off at midnight, after ninety years.\n', null]);
    await input.fill('');
    const g2 = await generation(page);
    await input.focus();
    await page.keyboard.press('Control+V');
    await page.waitForFunction((g) => Number(document.querySelector('main').dataset.generation) > g, g2);
    assert.equal(await page.locator('main').getAttribute('data-pending'), null);
    assert.equal((await texts(page, 'title'))[0], 'Harbour Lights Go Out');

    // With the setting off, a paste with formatting uses its plain text.
    await page.getByTestId('use-formatting').uncheck();
    await page.evaluate(clip, [plain, html]);
    await input.fill('');
    await input.focus();
    await page.keyboard.press('Control+V');
    await page.getByTestId('title').filter({ hasText: 'Rivers Return' }).waitFor();
    assert.equal(await page.getByTestId('mode-note').count(), 0);
    assert.deepEqual(await texts(page, 'section-heading'), []);
  });
});

test('an .html file is read as HTML; when the HTML reader cannot load, the plain text is used and the page says so', async () => {
  await withPage({}, async (page) => {
    const doc = '<!DOCTYPE html>\n<html><head><title>Night Ferries</title></head>\n<body>\n<nav><a href="/">Home</a> <a href="/news">News</a></nav>\n<article>\n<h1>Night Ferries Return</h1>\n<p>The night ferries are running again after a winter of repairs to the old piers.</p>\n<h2>Timetable</h2>\n<p>Boats leave every hour from nine in the evening until two in the morning.</p>\n</article>\n</body></html>\n';
    await page.getByTestId('file').setInputFiles({ name: 'ferries.html', mimeType: 'text/html', buffer: Buffer.from(doc) });
    await page.getByTestId('mode-note').filter({ hasText: 'Read as an HTML document' }).waitFor();
    await page.getByTestId('title').filter({ hasText: 'Night Ferries Return' }).waitFor();
    assert.deepEqual(await texts(page, 'section-heading'), ['Timetable']);
    assert.match(await page.getByTestId('input').inputValue(), /^<!DOCTYPE html>/, 'the box holds the file as it is');
    // Lines refer to the HTML source in the box: the heading's lines hold the heading.
    const lines = await page.locator('.heading-wrap').first().getAttribute('data-lines');
    const line = (await page.getByTestId('input').inputValue()).split('\n')[Number(lines.split('-')[0]) - 1];
    assert.match(line, /Timetable/);

    // A copy without the reader (the single file opened from disk): the text is used, with a notice.
    await page.evaluate(() => { globalThis.articleStructurerRun = () => Promise.reject(new Error('not in this copy')); });
    await page.getByTestId('file').setInputFiles({ name: 'ferries-2.html', mimeType: 'text/html', buffer: Buffer.from(doc.replace('Night Ferries Return', 'Night Ferries Return Again')) });
    await page.getByTestId('notice').filter({ hasText: 'The formatting could not be read (Error: not in this copy)' }).waitFor();
    assert.equal(await page.getByTestId('mode-note').count(), 0);
    // Read as plain text: the markup shows as literal text.
    assert.match(await page.getByTestId('article').textContent(), /<h2>Timetable<\/h2>/);
  });
});

test('a long text is structured in the worker: the page answers while it works', async () => {
  await withPage({}, async (page) => {
    // About 600 KB of generated prose under headings (the page sends 100 KB and more to the worker).
    const g = await generation(page);
    const pendingWhenClicked = await page.evaluate(async () => {
      const words = 'river council market harbour morning bridge summer school ferry quay tide lamp boats city canal'.split(' ');
      const heads = 'Winter Ferries Harbour Lights Market Days Bridge Repairs School Boats Summer Festival Canal Walks Night Crossings'.split(' ');
      let seed = 7;
      const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
      const sentence = () => {
        const w = Array.from({ length: 10 + Math.floor(rnd() * 12) }, () => words[Math.floor(rnd() * words.length)]);
        return w.join(' ').replace(/^./, (c) => c.toUpperCase()) + '.';
      };
      let text = 'The Long Story Of The Harbour Town\n\n';
      while (text.length < 600_000) {
        text += `${heads[Math.floor(rnd() * heads.length)]} ${heads[Math.floor(rnd() * heads.length)]} ${heads[Math.floor(rnd() * heads.length)]}\n\n`;
        for (let p = 0; p < 8; p++) text += `${sentence()} ${sentence()} ${sentence()}\n\n`;
      }
      const ta = document.querySelector('[data-testid=input]');
      ta.value = text;
      ta.dispatchEvent(new ClipboardEvent('paste', { bubbles: true }));
      ta.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
      // A click that arrives while the text is being structured is handled before the answer.
      await new Promise((ok) => setTimeout(ok, 30));
      document.querySelector('input[name=theme]:not(:checked)').click();
      return document.querySelector('main').dataset.pending;
    });
    assert.equal(pendingWhenClicked, 'true', 'the click was handled while the text was still being structured');
    await structuredAfter(page, g, 60_000);
    assert.equal((await texts(page, 'title'))[0], 'The Long Story Of The Harbour Town');
    assert.ok((await page.getByTestId('section-heading').count()) > 100);
    assert.match(await page.getByTestId('counts').innerText(), /^\d{2},\d{3} words · 6\d\d,\d{3} characters$/);
    assert.ok(page.workers().some((w) => w.url().endsWith('/engine-worker.js')), 'the engine worker did the work');
  });
});

test('pasted markup and links stay text: nothing runs, nothing links out', async () => {
  await withPage({}, async (page) => {
    await page.evaluate(() => { window.__pwned = 0; });
    const hostile = 'A Title With <img src=x onerror="window.__pwned=1"> Markup\n\n<script>window.__pwned=1</script> Read more at https://example.com/story and <a href="https://example.com">here</a>, said the report.\n';
    const g = await generation(page);
    await page.getByTestId('input').fill(hostile);
    await structuredAfter(page, g);
    const article = page.getByTestId('article');
    assert.equal(await article.locator('img, script, a[href^="http"], iframe').count(), 0);
    assert.match(await article.textContent(), /<script>window.__pwned=1<\/script>/);
    assert.equal(await page.evaluate(() => window.__pwned), 0);
  });
});

test('themes: follows the system, and the toggle switches and is remembered', async () => {
  await withPage({ colorScheme: 'dark' }, async (page) => {
    const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const luminance = (rgb) => rgb.match(/\d+/g).slice(0, 3).map(Number).reduce((a, b) => a + b, 0) / 3;
    assert.ok(luminance(await bg()) < 60, `dark by the system: ${await bg()}`);
    await page.getByLabel('Light', { exact: true }).check();
    assert.equal(await page.locator('html').getAttribute('data-theme'), 'light');
    assert.ok(luminance(await bg()) > 200, `light by choice: ${await bg()}`);
    await page.reload();
    await page.locator('main[data-generation]').waitFor();
    assert.equal(await page.locator('html').getAttribute('data-theme'), 'light', 'remembered');
    assert.ok(await page.getByLabel('Light', { exact: true }).isChecked());
    await page.getByLabel('Dark', { exact: true }).check();
    assert.ok(luminance(await bg()) < 60);
    await page.getByLabel('Auto', { exact: true }).check();
    assert.equal(await page.locator('html').getAttribute('data-theme'), null);
  });
});

test('layout: panes stacked at 375 px with no sideways scrolling; three columns at 1440 px', async () => {
  await withPage({ width: 375, height: 812 }, async (page) => {
    await loadSample(page);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 375), 'nothing wider than the screen');
    const boxes = await page.evaluate(() => ['.input-pane', '.reader', '.summary-card', '.export-panel', '.removed-panel']
      .map((s) => document.querySelector(s).getBoundingClientRect()).map((r) => [Math.round(r.top), Math.round(r.bottom), Math.round(r.left)]));
    for (let i = 1; i < boxes.length; i++) assert.ok(boxes[i][0] >= boxes[i - 1][1], `stacked: ${JSON.stringify(boxes)}`);
  });
  await withPage({ width: 1440, height: 900 }, async (page) => {
    await loadSample(page);
    const [input, reader, summary] = await page.evaluate(() => ['.input-pane', '.reader', '.summary-card']
      .map((s) => document.querySelector(s).getBoundingClientRect().toJSON()));
    assert.ok(input.right <= reader.left && reader.right <= summary.left, 'input | article | summary');
    assert.ok(input.height > 700, 'the text box uses the height of the screen');
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 1440));
  });
});

test('keyboard: every control is reachable with Tab, focus is visible, Enter on a block highlights its lines', async () => {
  await withPage({}, async (page) => {
    await loadSample(page);
    await page.locator('body').focus();
    const seen = new Set();
    let outlined = true;
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      const [id, outline] = await page.evaluate(() => {
        const el = document.activeElement;
        const s = getComputedStyle(el);
        return [el.dataset.testid ?? el.className ?? el.tagName, s.outlineStyle !== 'none' && s.outlineWidth !== '0px'];
      });
      seen.add(id);
      if (['sample', 'clear', 'copy-markdown', 'restore'].includes(id)) outlined &&= outline;
    }
    for (const id of ['skip-link', 'clear', 'open', 'sample', 'input', 'use-formatting', 'summary-count', 'copy-markdown', 'download-json', 'restore']) {
      assert.ok(seen.has(id), `${id} is reachable by Tab (seen: ${[...seen].join(', ')})`);
    }
    assert.ok([...seen].some((c) => String(c).startsWith('block')), 'blocks take focus');
    assert.ok(outlined, 'focused controls show an outline');

    const block = page.locator('[data-testid=article] .block.paragraph').first();
    await block.focus();
    await page.keyboard.press('Enter');
    await page.locator('.backdrop mark').waitFor();
  });
});
