// The benchmark command's second half (scripts/bench runs it after `cargo bench --bench speed`,
// which wrote the inputs and the native timings into target/bench/inputs/).
//
//   node scripts/bench.mjs
//
// In one run, on the same inputs:
//   - times the JS API's structure() (the widget's wasm: structure and summary) in headless
//     Chromium on the sample, the generated articles (10 KB to 10 MB) and, when ../shared is
//     there, the eval pages (source.html through the HTML path, pasted.txt through the text path);
//   - runs the peers: Readability.js with jsdom (here, in Node) and trafilatura (Python) on the
//     eval pages' source.html, sumy's LexRank and TextRank (Python) on the sample and the articles;
//   - measures the build's sizes (dist/), the page's first structured render from a warm cache and
//     the latency of typing into a 5,000-word article, in Chromium;
//   - writes BENCHMARKS.md and benchmarks.svg (time against input size, log-log).
// Every ratio is a peer's time divided by ours, both measured in this run.

import { createServer } from 'node:http';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdtempSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { start } from '../tests/e2e/harness.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BENCH = join(ROOT, 'target', 'bench');
const INPUTS = join(BENCH, 'inputs');
const DIST = join(ROOT, 'dist');
const PYTHON = join(BENCH, 'venv', 'bin', 'python');

const ARTICLES = [
  ['sample.txt', 'sample'],
  ['article-10KB.txt', '10 KB'],
  ['article-100KB.txt', '100 KB'],
  ['article-1MB.txt', '1 MB'],
  ['article-10MB.txt', '10 MB'],
];

const log = (...a) => console.log(...a);

/** SHARED_DIR, else the nearest `shared/` beside the repo or one of its parents (as eval/run.py). */
function findShared() {
  if (process.env.SHARED_DIR) return process.env.SHARED_DIR;
  let d = ROOT;
  while (dirname(d) !== d) {
    d = dirname(d);
    if (existsSync(join(d, 'shared', 'eval'))) return join(d, 'shared');
  }
  return join(dirname(ROOT), 'shared');
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.floor(s.length / 2)];
};
const sum = (xs) => xs.reduce((a, b) => a + b, 0);
const kb = (n) => (n / 1024).toFixed(1);
const ms = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const mbps = (bytes, t) => (bytes / 1e6 / (t / 1e3)).toFixed(1);
const ratio = (peer, ours) => (Number.isFinite(peer) && Number.isFinite(ours) && ours > 0 ? peer / ours : NaN);
const fmtRatio = (r) => (Number.isFinite(r) ? `${r >= 100 ? r.toFixed(0) : r.toFixed(1)}×` : '–');

// ---------------------------------------------------------------------------------------------
// A server for the API benchmark: the build and the inputs on one origin, cross-origin isolated
// (COOP/COEP), so that performance.now() has its fine resolution.
// ---------------------------------------------------------------------------------------------

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.txt': 'text/plain' };

const BENCH_PAGE = `<!doctype html><meta charset="utf-8"><title>bench</title><script type="module">
import { structure } from '/dist/widget.js';
// Times structure(text, options): one warm-up, then runs until both minRuns and minMs are reached.
window.timeStructure = async (url, options, minRuns, minMs, maxRuns) => {
  const text = await (await fetch(url)).text();
  const out = structure(text, options);
  // Warm-up, not timed: V8 first runs wasm from its baseline compiler and tiers hot functions up in
  // the background; the first input timed would otherwise pay for that (as criterion warms up too).
  for (const w0 = performance.now(); performance.now() - w0 < minMs / 3; ) structure(text, options);
  const times = [];
  const t0 = performance.now();
  while (times.length < minRuns || (performance.now() - t0 < minMs && times.length < maxRuns)) {
    const a = performance.now();
    structure(text, options);
    times.push(performance.now() - a);
  }
  return { times, sections: out.sections.length, bytes: new TextEncoder().encode(text).length };
};
window.ready = true;
</script>`;

function benchServer(pagesDir) {
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    let file = null;
    if (url.pathname === '/') {
      res.writeHead(200, isolated('text/html'));
      return res.end(BENCH_PAGE);
    }
    if (url.pathname.startsWith('/dist/')) file = join(DIST, decodeURIComponent(url.pathname.slice(6)));
    else if (url.pathname.startsWith('/inputs/')) file = join(INPUTS, decodeURIComponent(url.pathname.slice(8)));
    else if (pagesDir && url.pathname.startsWith('/pages/')) file = join(pagesDir, decodeURIComponent(url.pathname.slice(7)));
    const roots = [DIST, INPUTS, pagesDir].filter(Boolean).map((r) => resolve(r));
    if (!file || !roots.some((r) => resolve(file).startsWith(r + '/')) || !existsSync(file)) {
      res.writeHead(404);
      return res.end();
    }
    res.writeHead(200, isolated(TYPES[extname(file)] ?? 'application/octet-stream'));
    res.end(readFileSync(file));
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ server, url: `http://127.0.0.1:${server.address().port}/` })));
}

function isolated(type) {
  return {
    'Content-Type': type,
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  };
}

// ---------------------------------------------------------------------------------------------
// Measurements in Chromium
// ---------------------------------------------------------------------------------------------

async function wasmTimings(context, url, pages) {
  const page = await context.newPage();
  page.on('pageerror', (e) => log(`  page error: ${e.message}`));
  await page.goto(url);
  await page.waitForFunction(() => window.ready === true, null, { timeout: 60000 });
  const isolatedPage = await page.evaluate(() => window.crossOriginIsolated);
  const run = async (path, options, bytes) => {
    const big = bytes > 2e6;
    const r = await page.evaluate(
      ([p, o, minRuns, minMs, maxRuns]) => window.timeStructure(p, o, minRuns, minMs, maxRuns),
      [path, options, big ? 3 : 5, big ? 0 : 1500, 500],
    );
    return { median_ms: median(r.times), min_ms: Math.min(...r.times), runs: r.times.length, bytes: r.bytes };
  };
  const articles = {};
  for (const [name, label] of ARTICLES) {
    const r = await run(`/inputs/${name}`, {}, statSync(join(INPUTS, name)).size);
    articles[name] = r;
    log(`  wasm ${label.padEnd(8)} ${String(r.bytes).padStart(10)} bytes ${ms(r.median_ms).padStart(9)} ms  ${mbps(r.bytes, r.median_ms)} MB/s (${r.runs} runs)`);
  }
  const pageTimes = { html: {}, pasted: {} };
  for (const name of pages) {
    for (const [file, kind, options] of [['source.html', 'html', { input: 'html' }], ['pasted.txt', 'pasted', {}]]) {
      const local = join(PAGES_DIR, name, file);
      if (!existsSync(local)) continue;
      pageTimes[kind][name] = await run(`/pages/${name}/${file}`, options, statSync(local).size);
    }
  }
  if (pages.length) log(`  wasm: ${Object.keys(pageTimes.html).length} pages through the HTML path, ${Object.keys(pageTimes.pasted).length} through the text path`);
  await page.close();
  return { articles, pages: pageTimes, isolated: isolatedPage };
}

/** Navigation start to the first structured article on a warm load (the sample, clicked as soon as
 * the button exists unless the page shows an article by itself). */
async function firstRender(context, baseUrl) {
  const page = await context.newPage();
  await page.addInitScript(() => {
    const t0 = performance.now();
    const check = () => {
      if (window.__firstRender) return;
      const title = document.querySelector('[data-testid="title"]');
      if (title && title.textContent.trim()) {
        window.__firstRender = performance.now();
        return;
      }
      const sample = document.querySelector('[data-testid="sample"]');
      if (sample && !window.__clicked) {
        window.__clicked = performance.now();
        sample.click();
      }
    };
    new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true });
    window.__t0 = t0;
  });
  await page.goto(baseUrl); // cold: fills the HTTP cache and installs the service worker
  await page.waitForFunction(() => window.__firstRender, null, { timeout: 60000 });
  const sw = await page.evaluate(async () => {
    if (!('serviceWorker' in navigator)) return false;
    await Promise.race([navigator.serviceWorker.ready, new Promise((r) => setTimeout(r, 10000))]);
    return !!navigator.serviceWorker.controller || !!(await navigator.serviceWorker.getRegistration());
  });
  const warm = [];
  const clicks = [];
  for (let k = 0; k < 7; k++) {
    await page.reload();
    await page.waitForFunction(() => window.__firstRender, null, { timeout: 60000 });
    const r = await page.evaluate(() => ({ render: window.__firstRender, click: window.__clicked ?? null }));
    warm.push(r.render);
    if (r.click !== null) clicks.push(r.click);
  }
  await page.close();
  return { warm_ms: median(warm), all: warm, click_ms: clicks.length ? median(clicks) : null, serviceWorker: sw };
}

/** Input event to updated view (the DOM changed and the next frame is about to paint), for single
 * keystrokes typed at the end of a 5,000-word article. */
async function typing(context, baseUrl) {
  const text = readFileSync(join(INPUTS, 'typing-5000-words.txt'), 'utf8');
  const page = await context.newPage();
  await page.goto(baseUrl);
  const input = page.locator('[data-testid="input"]');
  await input.waitFor();
  await input.fill(text);
  await page.waitForFunction(() => document.querySelector('[data-testid="title"]'), null, { timeout: 60000 });
  await page.waitForTimeout(1000);
  await page.evaluate(() => {
    window.__lat = [];
    const area = document.querySelector('[data-testid="input"]');
    const view = document.querySelector('[data-testid="article"]')?.parentElement ?? document.body;
    let pending = null;
    area.addEventListener('input', (e) => { pending = e.timeStamp; }, true);
    new MutationObserver(() => {
      if (pending === null) return;
      const started = pending;
      pending = null;
      requestAnimationFrame(() => window.__lat.push(performance.now() - started));
    }).observe(view, { childList: true, subtree: true, characterData: true, attributes: true });
  });
  await input.focus();
  await page.keyboard.press('Control+End');
  const keys = ' the river rose again';
  for (const ch of keys) {
    await page.keyboard.type(ch);
    await page.waitForTimeout(400);
  }
  const lat = await page.evaluate(() => window.__lat);
  await page.close();
  const words = text.split(/\s+/).filter(Boolean).length;
  return { median_ms: median(lat), max_ms: Math.max(...lat), n: lat.length, typed: keys.length, words, bytes: Buffer.byteLength(text) };
}

// ---------------------------------------------------------------------------------------------
// Peers
// ---------------------------------------------------------------------------------------------

async function readabilityPeer(pages) {
  let Readability, JSDOM, VirtualConsole;
  try {
    ({ Readability } = await import('@mozilla/readability'));
    ({ JSDOM, VirtualConsole } = await import('jsdom'));
  } catch (e) {
    return { error: `not installed (${e.message.split('\n')[0]}): run npm ci` };
  }
  const out = {};
  for (const name of pages) {
    const file = join(PAGES_DIR, name, 'source.html');
    if (!existsSync(file)) continue;
    const html = readFileSync(file, 'utf8');
    const times = [];
    for (let k = 0; k < 3; k++) {
      const t = performance.now();
      // No scripts run and nothing is fetched (jsdom's defaults); the page's CSS errors are muted.
      const dom = new JSDOM(html, { url: 'https://example.org/', virtualConsole: new VirtualConsole() });
      new Readability(dom.window.document).parse();
      times.push(performance.now() - t);
      dom.window.close();
    }
    out[name] = { median_ms: median(times), runs: 3 };
  }
  return { pages: out };
}

function pythonPeers(texts, pages) {
  if (!existsSync(PYTHON)) return { error: `no Python venv at ${relative(ROOT, PYTHON)}: scripts/bench creates it` };
  const job = join(mkdtempSync(join(tmpdir(), 'bench-')), 'job.json');
  writeFileSync(job, JSON.stringify({ texts, pages, budget_s: Number(process.env.BENCH_PEER_BUDGET_S ?? 120), sentences: 5 }));
  const r = spawnSync(PYTHON, [join(ROOT, 'scripts', 'bench_peers.py'), job], { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) return { error: `bench_peers.py failed (status ${r.status})` };
  return JSON.parse(r.stdout);
}

// ---------------------------------------------------------------------------------------------
// Sizes
// ---------------------------------------------------------------------------------------------

function sizes() {
  const files = readdirSync(DIST);
  const size = (names) => {
    const bufs = names.map((n) => readFileSync(join(DIST, n)));
    return { raw: sum(bufs.map((b) => b.length)), gzip: sum(bufs.map((b) => gzipSync(b, { level: 9 }).length)), files: names };
  };
  const app = files.filter((f) => /^app-.*_bg\.wasm$/.test(f));
  const widget = files.filter((f) => f === 'widget.js' || f.startsWith('widget-core-'));
  const single = files.filter((f) => f === 'article-structurer.html');
  return { app: size(app), widget: size(widget), widgetWasm: size(widget.filter((f) => f.endsWith('.wasm'))), single: size(single) };
}

// ---------------------------------------------------------------------------------------------
// The plot
// ---------------------------------------------------------------------------------------------

function svgPlot(series) {
  const W = 720, H = 440, L = 70, R = 170, T = 30, B = 50;
  const pts = series.flatMap((s) => s.points).filter(([x, y]) => x > 0 && y > 0);
  const lx = (v) => Math.log10(v);
  const xmin = Math.floor(lx(Math.min(...pts.map((p) => p[0]))));
  const xmax = Math.ceil(lx(Math.max(...pts.map((p) => p[0]))) - 1e-3);
  const ymin = Math.floor(lx(Math.min(...pts.map((p) => p[1]))));
  const ymax = Math.ceil(lx(Math.max(...pts.map((p) => p[1]))) - 1e-3);
  const X = (v) => L + ((lx(v) - xmin) / (xmax - xmin)) * (W - L - R);
  const Y = (v) => H - B - ((lx(v) - ymin) / (ymax - ymin)) * (H - T - B);
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${L}" y="18" font-size="14">Time to structure and summarize, against input size (log-log)</text>`];
  const byteLabel = (e) => ['1 B', '10 B', '100 B', '1 KB', '10 KB', '100 KB', '1 MB', '10 MB', '100 MB'][e] ?? `1e${e} B`;
  const msLabel = (e) => (e < 0 ? `${10 ** e} ms` : e < 3 ? `${10 ** e} ms` : `${10 ** (e - 3)} s`);
  for (let e = xmin; e <= xmax; e++) {
    out.push(`<line x1="${X(10 ** e)}" y1="${T}" x2="${X(10 ** e)}" y2="${H - B}" stroke="#ddd"/>`);
    out.push(`<text x="${X(10 ** e)}" y="${H - B + 18}" text-anchor="middle">${byteLabel(e)}</text>`);
  }
  for (let e = ymin; e <= ymax; e++) {
    out.push(`<line x1="${L}" y1="${Y(10 ** e)}" x2="${W - R}" y2="${Y(10 ** e)}" stroke="#ddd"/>`);
    out.push(`<text x="${L - 6}" y="${Y(10 ** e) + 4}" text-anchor="end">${msLabel(e)}</text>`);
  }
  out.push(`<text x="${(L + W - R) / 2}" y="${H - 12}" text-anchor="middle">input size (bytes of UTF-8)</text>`);
  series.forEach((s, k) => {
    const p = s.points.filter(([x, y]) => x > 0 && y > 0).sort((a, b) => a[0] - b[0]);
    if (p.length === 0) return;
    out.push(`<polyline fill="none" stroke="${s.color}" stroke-width="2"${s.dash ? ' stroke-dasharray="5,4"' : ''} points="${p.map(([x, y]) => `${X(x).toFixed(1)},${Y(y).toFixed(1)}`).join(' ')}"/>`);
    for (const [x, y] of p) out.push(`<circle cx="${X(x).toFixed(1)}" cy="${Y(y).toFixed(1)}" r="3" fill="${s.color}"/>`);
    out.push(`<line x1="${W - R + 12}" y1="${T + 10 + k * 20}" x2="${W - R + 32}" y2="${T + 10 + k * 20}" stroke="${s.color}" stroke-width="2"${s.dash ? ' stroke-dasharray="5,4"' : ''}/>`);
    out.push(`<text x="${W - R + 38}" y="${T + 14 + k * 20}">${s.name}</text>`);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------

let PAGES_DIR = null;

async function main() {
  const nativeFile = join(INPUTS, 'native.json');
  if (!existsSync(nativeFile)) throw new Error('target/bench/inputs/native.json is missing: run scripts/bench (it runs cargo bench --bench speed first)');
  if (!existsSync(join(DIST, 'widget.js'))) throw new Error('dist/widget.js is missing: run trunk build --release (scripts/bench does)');
  const native = JSON.parse(readFileSync(nativeFile, 'utf8'));
  const nativeBy = (kind, name) => native.find((r) => r.kind === kind && r.name === name);
  const SHARED = findShared();
  PAGES_DIR = join(SHARED, 'eval', 'structure', 'pages');
  const pages = existsSync(PAGES_DIR) ? readdirSync(PAGES_DIR).filter((n) => existsSync(join(PAGES_DIR, n, 'source.html'))).sort() : [];
  if (!pages.length) {
    log(`EVAL PAGES ABSENT: ${PAGES_DIR} does not exist, so Readability.js, trafilatura and our HTML path were not timed on them.`);
    PAGES_DIR = null;
  }

  log('== sizes (dist/)');
  const sz = sizes();
  log(`  app wasm ${kb(sz.app.raw)} KB raw, ${kb(sz.app.gzip)} KB gzip; widget ${kb(sz.widget.raw)} KB / ${kb(sz.widget.gzip)} KB`);

  log('== WebAssembly in Chromium (the JS API, structure(text, options))');
  const { server, url } = await benchServer(PAGES_DIR);
  const browser = await start();
  let wasm, render, typed, version;
  try {
    version = browser.context.browser()?.version() ?? execFileSync('/usr/bin/chromium', ['--version']).toString().trim();
    // BENCH_QUICK=1: only the articles in WebAssembly (for trying a change; no report is written).
    if (process.env.BENCH_QUICK) {
      await wasmTimings(browser.context, url, []);
      return;
    }
    wasm = await wasmTimings(browser.context, url, pages);
    log('== the page: first structured render from a warm cache');
    render = await firstRender(browser.context, browser.baseUrl);
    log(`  ${ms(render.warm_ms)} ms (median of ${render.all.length} warm loads)`);
    log('== the page: typing into a 5,000-word article');
    typed = await typing(browser.context, browser.baseUrl);
    log(`  input to updated view: median ${ms(typed.median_ms)} ms, worst ${ms(typed.max_ms)} ms (${typed.n} of ${typed.typed} keystrokes updated the view)`);
  } finally {
    await browser.close();
    server.close();
  }

  log('== peers: Readability.js + jsdom (Node) on the eval pages');
  const readability = pages.length ? await readabilityPeer(pages) : { skipped: true };
  if (readability.error) log(`  ${readability.error}`);
  if (readability.pages) log(`  ${Object.keys(readability.pages).length} pages, ${ms(sum(Object.values(readability.pages).map((p) => p.median_ms)))} ms in all`);
  log('== peers: sumy LexRank and TextRank, trafilatura (Python)');
  const texts = ARTICLES.map(([n]) => join(INPUTS, n));
  const py = pythonPeers(texts, pages.map((n) => join(PAGES_DIR, n, 'source.html')));
  if (py.error) log(`  ${py.error}`);

  writeReport({ native, nativeBy, wasm, render, typed, readability, py, sz, pages, version, texts });
}

function exponent(a, b) {
  return Math.log(b.median_ms / a.median_ms) / Math.log(b.bytes / a.bytes);
}

function writeReport({ nativeBy, wasm, render, typed, readability, py, sz, pages, version, texts }) {
  const L = [];
  const date = new Date().toISOString().slice(0, 10);
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  L.push('# Benchmarks', '');
  L.push(`Written by \`scripts/bench\` on ${date} (do not edit by hand: run the command again). Machine: ${cpus().length} × ${cpu},`,
    `shared with other builds, so wall-clock times are noisy; every ratio below compares two timings of the same run.`,
    `Chromium ${version}, Node ${process.version}. Medians of repeated runs; ours is \`structure()\` with default options`,
    '(normalize, blocks, classify, dedup, sections, then summary, keyphrases and stats), natively (release build, `cargo bench --bench speed`)',
    'and as WebAssembly through the widget\'s JS API `structure(text, options)` (text in, Article JSON out as JS objects),',
    'timed after an untimed warm-up on the same input (a third of its time budget: V8 tiers hot wasm up in the background;',
    'sumy\'s first run on each text is not counted either; Readability.js takes the median of three parses per page).', '');

  // Core speed.
  const rows = ARTICLES.map(([name, label]) => ({ name, label, n: nativeBy('input', name), w: wasm.articles[name] }));
  const w = (name) => wasm.articles[name];
  const n = (name) => nativeBy('input', name);
  const expW = exponent(w('article-100KB.txt'), w('article-10MB.txt'));
  const expN = exponent(n('article-100KB.txt'), n('article-10MB.txt'));
  const lex = (name) => py.texts?.[`lexrank:${join(INPUTS, name)}`];
  const tex = (name) => py.texts?.[`textrank:${join(INPUTS, name)}`];
  const lexRatios = ARTICLES.map(([name]) => ratio((lex(name)?.median_s ?? NaN) * 1e3, w(name).median_ms)).filter(Number.isFinite);
  const pagesHtml = Object.keys(wasm.pages.html);
  const ourHtmlTotal = sum(pagesHtml.map((p) => wasm.pages.html[p].median_ms));
  const readTotal = readability.pages ? sum(pagesHtml.map((p) => readability.pages[p]?.median_ms ?? NaN)) : NaN;
  const readRatio = ratio(readTotal, ourHtmlTotal);
  const trafTotal = py.pages ? sum(pagesHtml.map((p) => (py.pages[join(PAGES_DIR, p, 'source.html')]?.median_s ?? NaN) * 1e3)) : NaN;
  const trafRatio = ratio(trafTotal, ourHtmlTotal);

  L.push('## Issue 9 targets', '');
  L.push('| target | measured | holds |', '|---|---|---|');
  const yes = (b) => (b ? 'yes' : '**no**');
  L.push(`| sample structured and summarized in WebAssembly, median < 2 ms | ${ms(w('sample.txt').median_ms)} ms | ${yes(w('sample.txt').median_ms < 2)} |`);
  L.push(`| 1 MB in WebAssembly < 100 ms | ${ms(w('article-1MB.txt').median_ms)} ms | ${yes(w('article-1MB.txt').median_ms < 100)} |`);
  L.push(`| scaling exponent 100 KB → 10 MB (WebAssembly) ≤ 1.15 | ${expW.toFixed(2)} | ${yes(expW <= 1.15)} |`);
  const minLex = lexRatios.length ? Math.min(...lexRatios) : NaN;
  L.push(`| ≥ 50× faster than sumy LexRank on the same texts (smallest ratio, WebAssembly) | ${fmtRatio(minLex)} | ${Number.isFinite(minLex) ? yes(minLex >= 50) : 'not measured'} |`);
  L.push(`| ≥ 10× faster than Readability.js + jsdom on the same HTML pages (total time, WebAssembly) | ${pages.length ? fmtRatio(readRatio) : 'eval pages absent'} | ${Number.isFinite(readRatio) ? yes(readRatio >= 10) : 'not measured'} |`);
  L.push(`| app wasm ≤ 350 KB gzip | ${kb(sz.app.gzip)} KB | ${yes(sz.app.gzip <= 350 * 1024)} |`);
  L.push(`| typing into a 5,000-word article: input to updated view < 50 ms | ${typed.n ? `${ms(typed.median_ms)} ms median, ${ms(typed.max_ms)} ms worst` : 'no update seen'} | ${typed.n ? yes(typed.median_ms < 50) : '**no**'} |`);
  L.push('');

  L.push('## The core: time and throughput', '');
  L.push('Generated articles (`benches/common/mod.rs`: a pasted news page with one long article: menu, title, byline, key points, headed sections of paragraphs, lists, captions, pull quotes, ads, related links, comments) and the sample (`assets/sample.txt`).', '');
  L.push('| input | bytes | native | native MB/s | WebAssembly | wasm MB/s | wasm / native |', '|---|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    L.push(`| ${r.label} | ${r.n.bytes} | ${ms(r.n.median_ms)} ms | ${mbps(r.n.bytes, r.n.median_ms)} | ${ms(r.w.median_ms)} ms | ${mbps(r.w.bytes, r.w.median_ms)} | ${(r.w.median_ms / r.n.median_ms).toFixed(2)} |`);
  }
  L.push('');
  const steps = ['article-10KB.txt', 'article-100KB.txt', 'article-1MB.txt', 'article-10MB.txt'];
  L.push('Scaling exponent k in time ∝ size^k (1 is linear), from the medians above:', '');
  L.push('| between | native | WebAssembly |', '|---|---:|---:|');
  for (let k = 0; k + 1 < steps.length; k++) {
    L.push(`| ${rows[k + 1].label} → ${rows[k + 2].label} | ${exponent(n(steps[k]), n(steps[k + 1])).toFixed(2)} | ${exponent(w(steps[k]), w(steps[k + 1])).toFixed(2)} |`);
  }
  L.push(`| **100 KB → 10 MB** | **${expN.toFixed(2)}** | **${expW.toFixed(2)}** |`, '');
  L.push('![Time against input size, log-log](benchmarks.svg)', '');

  L.push('## Summaries: sumy on the same texts', '');
  L.push('sumy 0.13 (PyPI) summarizing each text to 5 sentences (its parse included; pySBD splits the sentences, since sumy\'s own tokenizer needs a download of NLTK data); ours structures and summarizes the same file. Ratio = sumy\'s time / ours (WebAssembly; native in brackets).', '');
  L.push('| input | ours (wasm) | sumy LexRank | ratio | sumy TextRank | ratio |', '|---|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    const cell = (p) => (p?.median_s !== undefined ? `${ms(p.median_s * 1e3)} ms` : p?.skipped ? `not run: ${p.skipped}` : p?.failed ? `failed: ${p.failed}` : '–');
    const rr = (p) => (p?.median_s !== undefined ? `${fmtRatio(ratio(p.median_s * 1e3, r.w.median_ms))} (${fmtRatio(ratio(p.median_s * 1e3, r.n.median_ms))})` : '–');
    L.push(`| ${r.label} | ${ms(r.w.median_ms)} ms | ${cell(lex(r.name))} | ${rr(lex(r.name))} | ${cell(tex(r.name))} | ${rr(tex(r.name))} |`);
  }
  if (py.error) L.push('', `The Python peers did not run: ${py.error}.`);
  L.push('');

  L.push('## HTML pages: Readability.js and trafilatura on the same pages', '');
  if (!pages.length) {
    L.push('`../shared/eval/structure` was absent when this was written, so the peers were not run on its pages.', '');
  } else {
    const bytes = sum(pagesHtml.map((p) => wasm.pages.html[p].bytes));
    const nativeHtml = sum(pagesHtml.map((p) => nativeBy('html', `${p}/source.html`)?.median_ms ?? NaN));
    const pasted = Object.keys(wasm.pages.pasted);
    const pastedBytes = sum(pasted.map((p) => wasm.pages.pasted[p].bytes));
    const pastedWasm = sum(pasted.map((p) => wasm.pages.pasted[p].median_ms));
    const pastedNative = sum(pasted.map((p) => nativeBy('pasted', `${p}/pasted.txt`)?.median_ms ?? NaN));
    const perPage = (peer) => median(pagesHtml.map((p) => ratio(peer(p), wasm.pages.html[p].median_ms)).filter(Number.isFinite));
    L.push(`The ${pagesHtml.length} pages of \`../shared/eval/structure/pages\` (${kb(bytes)} KB of HTML): each page's \`source.html\`. Ours is \`structure(html, { input: "html" })\` (the HTML path, then dedup, sections and summary); Readability.js 0.6 parses with jsdom 29 in Node (\`new JSDOM(html)\` then \`parse()\`, no scripts, no fetches); trafilatura 2.3 runs \`extract(html)\`. Total of the per-page medians.`, '');
    L.push('| system | total time | MB/s | ratio to ours (wasm) | median per-page ratio |', '|---|---:|---:|---:|---:|');
    L.push(`| ours, WebAssembly | ${ms(ourHtmlTotal)} ms | ${mbps(bytes, ourHtmlTotal)} | 1 | 1 |`);
    L.push(`| ours, native | ${ms(nativeHtml)} ms | ${mbps(bytes, nativeHtml)} | ${fmtRatio(ratio(nativeHtml, ourHtmlTotal))} | |`);
    if (readability.pages) L.push(`| Readability.js + jsdom | ${ms(readTotal)} ms | ${mbps(bytes, readTotal)} | **${fmtRatio(readRatio)}** | ${fmtRatio(perPage((p) => readability.pages[p]?.median_ms))} |`);
    else L.push(`| Readability.js + jsdom | ${readability.error ?? 'not run'} | | | |`);
    if (py.pages) L.push(`| trafilatura | ${ms(trafTotal)} ms | ${mbps(bytes, trafTotal)} | **${fmtRatio(trafRatio)}** | ${fmtRatio(perPage((p) => (py.pages[join(PAGES_DIR, p, 'source.html')]?.median_s ?? NaN) * 1e3))} |`);
    L.push('', `The plain-text path on the same pages' \`pasted.txt\` (${kb(pastedBytes)} KB): ${ms(pastedWasm)} ms in WebAssembly, ${ms(pastedNative)} ms natively (total of ${pasted.length} per-page medians; no peer structures pasted text).`, '');
  }

  L.push('## Sizes and the page', '');
  L.push('| what | raw | gzip -9 |', '|---|---:|---:|');
  L.push(`| the page's wasm (\`${sz.app.files.join(', ')}\`) | ${kb(sz.app.raw)} KB | ${kb(sz.app.gzip)} KB |`);
  L.push(`| the widget: \`widget.js\`, its glue, snippet and wasm | ${kb(sz.widget.raw)} KB | ${kb(sz.widget.gzip)} KB |`);
  L.push(`| of which the widget's wasm | ${kb(sz.widgetWasm.raw)} KB | ${kb(sz.widgetWasm.gzip)} KB |`);
  L.push(`| the single file \`article-structurer.html\` | ${kb(sz.single.raw)} KB | ${kb(sz.single.gzip)} KB |`, '');
  L.push(`- **First structured render, warm cache:** ${ms(render.warm_ms)} ms from navigation start to the sample's title in the article view (median of ${render.all.length} reloads after a first visit${render.serviceWorker ? ' that installed the service worker' : ''}; the sample button is clicked as soon as it exists${render.click_ms !== null ? `, at ${ms(render.click_ms)} ms` : ''}).`);
  L.push(`- **Typing latency:** ${typed.words} words (${kb(typed.bytes)} KB) in the input; ${typed.typed} keystrokes typed at its end, 400 ms apart; from each \`input\` event to the frame after the article view changed: median ${ms(typed.median_ms)} ms, worst ${ms(typed.max_ms)} ms (${typed.n} of ${typed.typed} keystrokes changed the view).`, '');
  if (!wasm.isolated) L.push('(The API page was not cross-origin isolated, so the browser\'s timer was coarse.)', '');

  L.push('## How to run', '');
  L.push('`scripts/bench` (about 10 to 20 minutes here: most of it the peers). It installs what it needs (the Rust and npm tools as `scripts/test` does, Chromium, a Python venv in `target/bench/venv` with sumy, pySBD and trafilatura), runs `cargo bench --bench speed` (native; writes the inputs to `target/bench/inputs/`), builds the release app (`trunk build --release`), then `node scripts/bench.mjs` (Chromium, the peers, this file and `benchmarks.svg`). `BENCH_PEER_BUDGET_S` (default 120) stops a summarizer before the next size once one run took longer.');
  L.push('');
  writeFileSync(join(ROOT, 'BENCHMARKS.md'), L.join('\n'));

  const series = [
    { name: 'ours, native', color: '#1f4e79', points: rows.map((r) => [r.n.bytes, r.n.median_ms]) },
    { name: 'ours, WebAssembly', color: '#2e86c1', points: rows.map((r) => [r.w.bytes, r.w.median_ms]) },
    { name: 'sumy LexRank', color: '#c0392b', dash: true, points: rows.filter((r) => lex(r.name)?.median_s).map((r) => [r.n.bytes, lex(r.name).median_s * 1e3]) },
    { name: 'sumy TextRank', color: '#e67e22', dash: true, points: rows.filter((r) => tex(r.name)?.median_s).map((r) => [r.n.bytes, tex(r.name).median_s * 1e3]) },
  ];
  writeFileSync(join(ROOT, 'benchmarks.svg'), svgPlot(series));
  log('\nwrote BENCHMARKS.md and benchmarks.svg');
  log(L.slice(L.indexOf('## Issue 9 targets'), L.indexOf('## The core: time and throughput')).join('\n'));
}

main().catch((e) => {
  console.error(`bench: ${e.stack ?? e.message}`);
  process.exit(1);
});
