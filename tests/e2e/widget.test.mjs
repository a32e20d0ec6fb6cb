// The widget and JS API (issue 6), embedded the way a host does it: host pages on a second server
// (another origin) with a strict Content-Security-Policy load the build's widget.js with the one-tag
// snippet. The widget shows the sample; the host's CSS does not change the widget and the widget's
// CSS does not change the host (computed styles); structure() gives a plain object with schema 1;
// loading the widget twice is harmless; removing an element unmounts it; pasted markup stays text.

import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { serve } from '../../scripts/static-server.mjs';
import { ROOT, SCREENSHOTS, start, watchedPage } from './harness.mjs';

const SAMPLE_TITLE = 'India and Japan Forge Transformative Strategic Alliance Across AI and Defence';
const SAMPLE_HEADING = 'Strategic Alignment for Future Security';

let env;
let host; // { server, url, dir }
let sample;
let widgetOrigin;
let widgetUrl;

const escapeAttr = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A host page: its own content, optionally its own (hostile) CSS and the widget. */
function hostPage({ css, widget }) {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' ${widgetOrigin} 'wasm-unsafe-eval'; connect-src 'self' ${widgetOrigin}; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'">
<title>A host page</title>
<link rel="icon" href="data:,">
${css ? '<link rel="stylesheet" href="host.css">' : ''}
<script src="host.js"></script>
${widget ? `<script type="module" src="${widgetUrl}"></script>\n<script type="module" src="${widgetUrl}"></script>` : ''}
</head>
<body>
<header><h1 id="host-title">The host's own page</h1></header>
<main>
<h2 id="host-heading">A host heading</h2>
<p id="host-para">A host paragraph with <a id="host-link" href="#x">a link</a>.</p>
<ul id="host-list" class="keywords"><li>one</li><li>two</li></ul>
<aside id="host-aside" class="summary"><p class="meta">An aside with the widget's class names.</p></aside>
<div id="host-widget-class" class="widget dark mount">A div with the widget's class names.</div>
<p id="host-caption" class="caption empty">A paragraph with the widget's class names.</p>
${widget ? `<article-structurer id="embedded" text="${escapeAttr(sample)}"></article-structurer>` : ''}
<p id="host-after">After the widget.</p>
</main>
</body>
</html>
`;
}

// Hostile host CSS: everything, important, including the names the widget uses inside.
const HOST_CSS = `
* { color: rgb(255, 0, 0) !important; font-family: "Courier New", monospace !important; letter-spacing: 3px !important;
    line-height: 3 !important; text-transform: uppercase !important; font-style: italic !important; text-align: right !important; }
h1, h2, h3, p, li, ul, aside, section, article, div { margin: 37px !important; padding: 11px !important; font-size: 29px !important;
    background-color: rgb(0, 255, 0) !important; border: 5px solid rgb(0, 0, 255) !important; font-weight: 100 !important; }
.widget, .summary, .keywords, .caption, .mount, .empty, .meta, .sentences { display: none !important; }
`;

// Records the `structured` events the page sees (they bubble out of the element).
const HOST_JS = `
window.structuredEvents = [];
document.addEventListener('structured', (event) => {
  window.structuredEvents.push({
    id: event.target.id || null,
    schema: event.detail && event.detail.schema,
    title: event.detail && event.detail.title ? event.detail.title.text : null,
    same: event.detail === event.target.article,
  });
});
`;

const PROPS = ['color', 'background-color', 'font-family', 'font-size', 'font-weight', 'font-style', 'letter-spacing',
  'line-height', 'text-transform', 'text-align', 'margin-top', 'margin-left', 'padding-top', 'padding-left',
  'border-top-width', 'border-top-color', 'display'];
const WIDGET_PARTS = ['.widget', '.summary', '.summary .meta', '.keywords li', 'h1', 'h2', 'article', 'p'];
const HOST_PARTS = ['body', '#host-title', '#host-heading', '#host-para', '#host-link', '#host-list', '#host-list li',
  '#host-aside', '#host-aside .meta', '#host-widget-class', '#host-caption', '#host-after'];

/** Computed styles of the first match of each selector, in the document or the widget's shadow root. */
function computed(page, selectors, inWidget) {
  return page.evaluate(({ selectors, props, inWidget }) => {
    const root = inWidget ? document.getElementById('embedded').shadowRoot : document;
    return Object.fromEntries(selectors.map((sel) => {
      const el = root.querySelector(sel);
      if (!el) return [sel, null];
      const cs = getComputedStyle(el);
      return [sel, Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)]))];
    }));
  }, { selectors, props: PROPS, inWidget });
}

function assertClean(problems) {
  assert.deepEqual(problems.console, [], 'no console errors, CSP violations or uncaught exceptions');
  assert.deepEqual(problems.foreign, [], 'no request to any host other than 127.0.0.1');
  assert.deepEqual(problems.failed, [], 'no failed request');
}

/** Opens a host page and, when it embeds the widget, waits for the sample's title inside it. */
async function openHost(name) {
  const { page, problems } = await watchedPage(env.context);
  await page.goto(`${host.url}${name}`);
  if (name !== 'nowidget.html') await page.locator('#embedded h1').waitFor({ timeout: 15_000 });
  return { page, problems };
}

before(async () => {
  env = await start();
  widgetUrl = new URL('widget.js', env.baseUrl).href;
  widgetOrigin = new URL(env.baseUrl).origin;
  sample = await readFile(join(ROOT, 'assets', 'sample.txt'), 'utf8');
  const dir = await mkdtemp(join(tmpdir(), 'e2e-host-'));
  await writeFile(join(dir, 'host.css'), HOST_CSS);
  await writeFile(join(dir, 'host.js'), HOST_JS);
  await writeFile(join(dir, 'plain.html'), hostPage({ css: false, widget: true }));
  await writeFile(join(dir, 'styled.html'), hostPage({ css: true, widget: true }));
  await writeFile(join(dir, 'nowidget.html'), hostPage({ css: false, widget: false }));
  const { server, url } = await serve(dir, 0);
  host = { server, url, dir };
  assert.notEqual(new URL(url).origin, widgetOrigin, 'the host is another origin');
});
after(async () => {
  await env?.close();
  if (host) {
    await new Promise((ok) => host.server.close(ok));
    await rm(host.dir, { recursive: true, force: true });
  }
});

test('one-tag embed on another origin with a strict CSP: the widget shows the sample and fires `structured`', async () => {
  const { page, problems } = await openHost('plain.html');
  try {
    const widget = page.locator('#embedded');
    assert.equal((await widget.locator('h1').first().textContent()).trim(), SAMPLE_TITLE);
    const headings = (await widget.locator('h2').allTextContents()).map((h) => h.trim());
    assert.ok(headings.includes(SAMPLE_HEADING), `widget headings ${JSON.stringify(headings)} include "${SAMPLE_HEADING}"`);
    assert.ok(await widget.locator('.summary .keywords li').count() > 0, 'the summary card shows keyphrases');
    assert.ok(await page.evaluate(() => document.getElementById('embedded').shadowRoot !== null), 'in a shadow root');
    await widget.screenshot({ path: join(SCREENSHOTS, 'widget.png') });

    // The widget.js tag is on the page twice: one module, one definition, one event.
    const events = await page.evaluate(() => window.structuredEvents);
    assert.deepEqual(events, [{ id: 'embedded', schema: 1, title: SAMPLE_TITLE, same: true }]);
    const article = await page.evaluate(() => {
      const a = document.getElementById('embedded').article;
      return { schema: a.schema, title: a.title.text, sections: a.sections.length };
    });
    assert.equal(article.schema, 1);
    assert.equal(article.title, SAMPLE_TITLE);
    assertClean(problems);
  } finally {
    await page.close();
  }
});

test("the host's CSS does not change the widget, and the widget's CSS does not change the host", async () => {
  const plain = await openHost('plain.html');
  const styled = await openHost('styled.html');
  const bare = await openHost('nowidget.html');
  try {
    const inPlain = await computed(plain.page, WIDGET_PARTS, true);
    const inStyled = await computed(styled.page, WIDGET_PARTS, true);
    for (const [sel, style] of Object.entries(inPlain)) assert.ok(style, `the widget has ${sel}`);
    assert.deepEqual(inStyled, inPlain, "the widget's computed styles are the same under the host's hostile CSS");
    // The hostile CSS is really there: it changes the host's own elements.
    const hostStyled = await computed(styled.page, ['#host-para'], false);
    assert.equal(hostStyled['#host-para'].color, 'rgb(255, 0, 0)');

    const hostWith = await computed(plain.page, HOST_PARTS, false);
    const hostWithout = await computed(bare.page, HOST_PARTS, false);
    for (const [sel, style] of Object.entries(hostWith)) assert.ok(style, `the host has ${sel}`);
    assert.deepEqual(hostWith, hostWithout, "the host's computed styles are the same with and without the widget");
    for (const p of [plain, styled, bare]) assertClean(p.problems);
  } finally {
    for (const p of [plain, styled, bare]) await p.page.close();
  }
});

test('JS API from the same module: structure() gives a plain object with schema 1, render() the formats, bad input a TypeError', async () => {
  const { page, problems } = await openHost('plain.html');
  try {
    const result = await page.evaluate(async ({ url, text }) => {
      const { structure, render } = await import(url);
      const article = structure(text);
      const plain = (v) => v === null || typeof v !== 'object' ||
        (Array.isArray(v) ? v.every(plain) : Object.getPrototypeOf(v) === Object.prototype && Object.values(v).every(plain));
      const error = (f) => {
        try {
          f();
          return null;
        } catch (e) {
          return `${e.constructor.name}: ${e.message}`;
        }
      };
      const markdown = render(article, 'markdown');
      const html = render(article, 'html');
      return {
        schema: article.schema,
        title: article.title.text,
        plain: plain(article),
        roundTrip: JSON.stringify(JSON.parse(JSON.stringify(article))) === JSON.stringify(article),
        markdown: markdown.split('\n')[0],
        html: html.includes('<h1>') || html.includes('<h1 '),
        text: render(article, 'text').includes(article.title.text),
        json: JSON.parse(render(article, 'json')).schema,
        keyphrases: structure(text, { keyphrases: 3 }).summary.keywords.length,
        empty: structure('').schema,
        notText: error(() => structure(42)),
        unknownOption: error(() => structure(text, { summarySentences: 3 })),
        badOption: error(() => structure(text, { keyphrases: 'many' })),
        badFormat: error(() => render(article, 'pdf')),
        notArticle: error(() => render({ schema: 1 }, 'markdown')),
        otherSchema: error(() => render({ ...article, schema: 2 }, 'markdown')),
      };
    }, { url: widgetUrl, text: sample });
    assert.equal(result.schema, 1);
    assert.equal(result.title, SAMPLE_TITLE);
    assert.ok(result.plain, 'plain objects and arrays all the way down (no Map)');
    assert.ok(result.roundTrip, 'survives JSON round trips unchanged');
    assert.equal(result.markdown, `# ${SAMPLE_TITLE}`);
    assert.ok(result.html, 'render(article, "html") is an HTML document');
    assert.ok(result.text);
    assert.equal(result.json, 1);
    assert.ok(result.keyphrases > 0 && result.keyphrases <= 3, `options apply: ${result.keyphrases} keyphrases`);
    assert.equal(result.empty, 1);
    assert.match(result.notText, /^TypeError: .*text must be a string/);
    assert.match(result.unknownOption, /^TypeError: .*unknown option "summarySentences"/);
    assert.match(result.badOption, /^TypeError: /);
    assert.match(result.badFormat, /^TypeError: .*format must be/);
    assert.match(result.notArticle, /^TypeError: .*not an Article/);
    assert.match(result.otherSchema, /^TypeError: .*schema 2 is not supported/);
    assertClean(problems);
  } finally {
    await page.close();
  }
});

test('a second copy of the widget is harmless; attributes, the article property and removal', async () => {
  const { page, problems } = await openHost('plain.html');
  try {
    const loader = await (await fetch(widgetUrl)).text();
    const glue = new URL(loader.match(/from '\.\/([^']+\.js)'/)[1], widgetUrl).href;
    const wasm = new URL(loader.match(/new URL\('\.\/([^']+\.wasm)'/)[1], widgetUrl).href;
    const copies = await page.evaluate(async ({ url, glue, wasm }) => {
      // Another module instance of the loader, and a second wasm instance from a copy of the glue.
      const again = await import(`${url}?copy=2`);
      const other = await import(`${glue}?copy=3`);
      await other.default({ module_or_path: wasm });
      return { again: again.structure('A Title\n\nSome words here.').schema, other: other.structure('x').schema };
    }, { url: widgetUrl, glue, wasm });
    assert.deepEqual(copies, { again: 1, other: 1 });

    const steps = await page.evaluate(async () => {
      const shadowText = (el, sel) => el.shadowRoot.querySelector(sel)?.textContent.trim() ?? null;
      const out = {};
      const el = document.createElement('article-structurer');
      el.id = 'made';
      el.setAttribute('text', 'A Title Made By The Host\n\nThe first paragraph of a small article, long enough to be prose.\n');
      document.body.append(el);
      out.connected = { title: shadowText(el, 'h1'), events: window.structuredEvents.filter((e) => e.id === 'made').length };
      el.setAttribute('mode', 'summary');
      await new Promise((ok) => setTimeout(ok, 50));
      out.summary = { card: !!el.shadowRoot.querySelector('.summary'), article: !!el.shadowRoot.querySelector('article') };
      el.mode = 'article';
      await new Promise((ok) => setTimeout(ok, 50));
      out.article = { card: !!el.shadowRoot.querySelector('.summary'), article: !!el.shadowRoot.querySelector('article') };
      el.setAttribute('theme', 'dark');
      await new Promise((ok) => setTimeout(ok, 50));
      const box = el.shadowRoot.querySelector('.widget');
      out.dark = { dark: box.classList.contains('dark'), background: getComputedStyle(box).backgroundColor };
      el.text = 'Another Title From The Host\n\nAnother paragraph of prose that the host sets through the property.\n';
      await new Promise((ok) => setTimeout(ok, 50));
      out.text = { title: shadowText(el, 'h1'), property: el.article.title.text, events: window.structuredEvents.filter((e) => e.id === 'made').length };
      const { structure } = await import(document.querySelector('script[type=module]').src);
      el.article = structure('A Third Title, Set As An Article\n\nA paragraph of the article the host structured itself.\n');
      await new Promise((ok) => setTimeout(ok, 50));
      out.property = { title: shadowText(el, 'h1'), article: el.article.title.text };
      try {
        el.article = { not: 'an article' };
        out.badArticle = null;
      } catch (e) {
        out.badArticle = e.constructor.name;
      }
      el.remove();
      out.removed = { children: el.shadowRoot.childNodes.length, article: el.article };
      document.body.append(el);
      out.again = { title: shadowText(el, 'h1'), events: window.structuredEvents.filter((e) => e.id === 'made').length };
      return out;
    });
    assert.deepEqual(steps.connected, { title: 'A Title Made By The Host', events: 1 });
    assert.deepEqual(steps.summary, { card: true, article: false }, 'mode="summary": the summary card only');
    assert.deepEqual(steps.article, { card: false, article: true }, 'mode="article": the article only');
    assert.deepEqual(steps.dark, { dark: true, background: 'rgb(21, 26, 34)' }, 'theme="dark"');
    assert.deepEqual(steps.text, { title: 'Another Title From The Host', property: 'Another Title From The Host', events: 2 });
    assert.deepEqual(steps.property, { title: 'A Third Title, Set As An Article', article: 'A Third Title, Set As An Article' });
    assert.equal(steps.badArticle, 'TypeError');
    assert.deepEqual(steps.removed, { children: 0, article: null }, 'removed: the view is unmounted');
    assert.deepEqual(steps.again, { title: 'Another Title From The Host', events: 3 }, 're-attached: structured again');
    assertClean(problems);
  } finally {
    await page.close();
  }
});

test('markup in the text is shown as text: no element, no script runs', async () => {
  const { page, problems } = await openHost('plain.html');
  try {
    const result = await page.evaluate(async () => {
      const el = document.createElement('article-structurer');
      el.setAttribute('text', 'Title <img src=x onerror="window.pwned=1"> Here\n\n<script>window.pwned=2</script> A paragraph <b>bold</b> of prose that goes on.\n');
      document.body.append(el);
      await new Promise((ok) => setTimeout(ok, 100));
      const root = el.shadowRoot;
      return {
        elements: root.querySelectorAll('img, script, b').length,
        text: root.textContent,
        pwned: window.pwned ?? null,
      };
    });
    assert.equal(result.elements, 0);
    assert.match(result.text, /<img src=x onerror="window.pwned=1">/);
    assert.equal(result.pwned, null);
    assertClean(problems);
  } finally {
    await page.close();
  }
});

test("in-article links scroll inside the widget and leave the host's address alone", async () => {
  const { page, problems } = await openHost('plain.html');
  try {
    const result = await page.evaluate(async () => {
      const root = document.getElementById('embedded').shadowRoot;
      // A link and its target as a table of contents draws them (the page's ArticleView may).
      const link = document.createElement('a');
      link.href = '#far-section';
      link.textContent = 'Far section';
      const target = document.createElement('h2');
      target.id = 'far-section';
      target.textContent = 'Far section';
      const box = root.querySelector('.widget');
      box.prepend(link);
      box.append(target);
      const before = window.scrollY;
      link.click();
      await new Promise((ok) => setTimeout(ok, 100));
      return { hash: location.hash, scrolled: window.scrollY > before };
    });
    assert.deepEqual(result, { hash: '', scrolled: true });
    assertClean(problems);
  } finally {
    await page.close();
  }
});
