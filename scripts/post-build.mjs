// Trunk post_build hook (Trunk.toml): finishes the build in trunk's staging directory, where the
// files are final (after wasm-bindgen and wasm-opt), before trunk moves them to dist/.
//
//   1. widget   names the widget's wasm, its wasm-bindgen glue and the glue's snippets by their
//               contents, and writes the fixed-name loader widget.js (from web/widget.js) and its
//               types widget.d.ts (from web/widget.d.ts);
//   2. csp      completes index.html's Content-Security-Policy: the hash of each inline script
//               (trunk's bootstrap) joins script-src; fails on inline event handlers or styles;
//      single   writes article-structurer.html: index.html with its CSS, icon, scripts and wasm
//               inlined, for opening from disk (file://) with no server and no network, under its
//               own policy (hashes of its inline scripts and styles, nothing from anywhere else);
//   3. sw       writes sw.js (web/sw.js behind the list of every file of the build with its SHA-256;
//               for a debug build, a worker that only removes itself and its caches);
//   4. sizes    reports the sizes (raw and gzip) of the app's wasm, the widget and the single file.
//
// By hand: node scripts/post-build.mjs [DIR] (default dist). Running it again on a finished
// directory redoes steps 2 to 4 (the widget's files are already named), so it is idempotent.

import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import {
  existsSync, readdirSync, readFileSync, renameSync, rmdirSync, statSync, unlinkSync, writeFileSync,
} from 'node:fs';
import { dirname, extname, join, posix, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WEB = join(ROOT, 'web');

export const SINGLE_FILE = 'article-structurer.html';
export const WIDGET = 'widget.js';
const WIDGET_BASE = 'widget-core';
const SW = 'sw.js';

const sha256 = (data) => createHash('sha256').update(data).digest('hex');
const short = (data) => sha256(data).slice(0, 16);

function fail(message) {
  console.error(`post-build: ${message}`);
  process.exit(1);
}

/** Every file under `dir`, as paths relative to it with forward slashes, sorted. */
function listFiles(dir, base = dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listFiles(path, base));
    else out.push(relative(base, path).split(sep).join('/'));
  }
  return out.sort();
}

function removeEmptyDirs(dir) {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return;
  for (const name of readdirSync(dir)) removeEmptyDirs(join(dir, name));
  if (readdirSync(dir).length === 0) rmdirSync(dir);
}

// 1. The widget ---------------------------------------------------------------------------------

/**
 * Trunk builds the widget as a `data-type="worker"` asset, so its files keep fixed names
 * (widget-core.js, widget-core_bg.wasm) and snippets/<crate>-<id>/inlineN.js. Name each by its
 * contents, so that no cache anywhere can pair a new loader with an old wasm.
 */
function widget(dir) {
  const gluePath = join(dir, `${WIDGET_BASE}.js`);
  const wasmPath = join(dir, `${WIDGET_BASE}_bg.wasm`);
  if (!existsSync(gluePath)) {
    if (existsSync(join(dir, WIDGET))) return; // already done (a second run on a finished dir)
    fail(`${gluePath} is missing: index.html must build the widget (data-bin="${WIDGET_BASE}")`);
  }
  if (!existsSync(wasmPath)) fail(`${wasmPath} is missing`);

  const wasm = readFileSync(wasmPath);
  const wasmName = `${WIDGET_BASE}-${short(wasm)}_bg.wasm`;
  renameSync(wasmPath, join(dir, wasmName));

  let glue = readFileSync(gluePath, 'utf8');
  const defaultWasm = `'${WIDGET_BASE}_bg.wasm'`;
  if (glue.split(defaultWasm).length !== 2) fail(`expected one ${defaultWasm} in ${gluePath}`);
  glue = glue.replace(defaultWasm, `'${wasmName}'`);

  // Snippets (the element's inline_js): flat, content-named files beside the glue.
  const moved = [];
  glue = glue.replace(/(from\s*)(['"])\.\/(snippets\/[^'"]+)\2/g, (_, from, quote, spec) => {
    const source = join(dir, ...spec.split('/'));
    const text = readFileSync(source, 'utf8');
    if (/^\s*import\s/m.test(text)) fail(`snippet ${spec} imports other modules; post-build cannot rename it`);
    const name = `${WIDGET_BASE}-snippet-${short(text)}.js`;
    writeFileSync(join(dir, name), text);
    moved.push(source);
    return `${from}${quote}./${name}${quote}`;
  });
  // The page's glue could import the same snippets (it does not today): then they stay.
  const others = listFiles(dir).filter((f) => f.endsWith('.js') && f !== `${WIDGET_BASE}.js`)
    .map((f) => readFileSync(join(dir, f), 'utf8'));
  for (const source of moved) {
    const spec = relative(dir, source).split(sep).join('/');
    if (existsSync(source) && !others.some((text) => text.includes(spec))) unlinkSync(source);
  }
  removeEmptyDirs(join(dir, 'snippets'));
  // Trunk preloads every Rust asset's snippets in index.html, the widget's too: the page does not
  // need them, and they have moved.
  const indexPath = join(dir, 'index.html');
  let index = readFileSync(indexPath, 'utf8');
  for (const source of moved) {
    const spec = relative(dir, source).split(sep).join('/');
    index = index.replace(/<link\b[^>]*>/gi, (tag) => (attr(tag, 'href') ?? '').replace(/^\//, '') === spec ? '' : tag);
  }
  writeFileSync(indexPath, index);
  if (index.includes('snippets/')) {
    const stale = [...index.matchAll(/"\/?(snippets\/[^"]+)"/g)].map((m) => m[1]).filter((f) => !existsSync(join(dir, f)));
    if (stale.length) fail(`index.html refers to missing ${stale.join(', ')}`);
  }
  if (/['"]\.\/snippets\//.test(glue)) fail('the widget glue still refers to snippets/');

  const glueName = `${WIDGET_BASE}-${short(glue)}.js`;
  writeFileSync(join(dir, glueName), glue);
  unlinkSync(gluePath);
  if (existsSync(join(dir, `${WIDGET_BASE}.d.ts`))) unlinkSync(join(dir, `${WIDGET_BASE}.d.ts`));

  const loader = readFileSync(join(WEB, 'widget.js'), 'utf8')
    .replace('__WIDGET_GLUE__', glueName)
    .replace('__WIDGET_WASM__', wasmName);
  if (loader.includes('__WIDGET_')) fail('web/widget.js has a placeholder post-build does not know');
  writeFileSync(join(dir, WIDGET), loader);
  writeFileSync(join(dir, 'widget.d.ts'), readFileSync(join(WEB, 'widget.d.ts')));
}

/** The files widget.js loads: itself, the glue, the snippets the glue imports, the wasm. */
function widgetFiles(dir) {
  const files = [WIDGET];
  const loader = readFileSync(join(dir, WIDGET), 'utf8');
  const glueName = loader.match(/from '\.\/([^']+\.js)'/)?.[1];
  const wasmName = loader.match(/new URL\('\.\/([^']+\.wasm)'/)?.[1];
  if (!glueName || !wasmName) fail('widget.js does not name its glue and wasm');
  files.push(glueName);
  const glue = readFileSync(join(dir, glueName), 'utf8');
  for (const m of glue.matchAll(/from\s*['"]\.\/([^'"]+\.js)['"]/g)) files.push(m[1]);
  files.push(wasmName);
  return files;
}

// 2. The single file ----------------------------------------------------------------------------

const MIME = {
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp', '.woff2': 'font/woff2',
  '.woff': 'font/woff', '.ttf': 'font/ttf', '.otf': 'font/otf', '.css': 'text/css',
};

const attr = (tag, name) => tag.match(new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`, 'i'))?.[1] ?? null;

/** The build file a page URL (absolute "/x" under the public URL, or relative) refers to. */
function buildPath(dir, url, from = '') {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) {
    fail(`single file: ${url} is not a file of the build (nothing from the network may be inlined)`);
  }
  const clean = url.split(/[?#]/)[0];
  const rel = clean.startsWith('/') ? clean.slice(1) : posix.join(posix.dirname(from), clean);
  const path = resolve(dir, ...rel.split('/'));
  if (!path.startsWith(resolve(dir) + sep) || !existsSync(path)) fail(`single file: ${url} is not in the build`);
  return path;
}

function dataUrl(path) {
  const type = MIME[extname(path).toLowerCase()];
  if (!type) fail(`single file: no MIME type known for ${path}`);
  return `data:${type};base64,${readFileSync(path).toString('base64')}`;
}

/** CSS with every url(...) of a build file turned into a data: URL. */
function inlineCss(dir, css, from) {
  return css.replace(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g, (all, _q, url) => {
    if (url.startsWith('data:') || url.startsWith('#')) return all;
    return `url("${dataUrl(buildPath(dir, url, from))}")`;
  });
}

/** Closes `</script` and `</style` inside inlined text (a no-op for wasm-bindgen's output). */
const guard = (text, tag) => text.replace(new RegExp(`</${tag}`, 'gi'), `<\\/${tag}`);

function singleFile(dir) {
  let html = readFileSync(join(dir, 'index.html'), 'utf8');

  // Trunk's bootstrap: import the glue, initialize it with the wasm's URL. Replaced by the glue
  // itself and the wasm as base64 in a data block (never executed, so a CSP hash covers only the
  // small module script).
  const boot = html.match(
    /<script type="module"[^>]*>\s*import init, \* as bindings from '([^']+)';\s*const wasm = await init\(\{ module_or_path: '([^']+)' \}\);[\s\S]*?<\/script>/,
  );
  if (!boot) fail('single file: index.html has no trunk bootstrap script of the expected form');
  const [bootTag, glueUrl, wasmUrl] = boot;
  let glue = readFileSync(buildPath(dir, glueUrl), 'utf8');
  if (/^\s*import\s/m.test(glue)) fail('single file: the app glue imports other modules (snippets); inline them first');
  const initName = glue.match(/export\s*\{[^}]*?\b(\w+) as default\b/)?.[1] ?? glue.match(/export default (\w+);/)?.[1];
  if (!initName) fail('single file: the app glue has no default export (the init function)');
  const wasm = readFileSync(buildPath(dir, wasmUrl)).toString('base64');
  const inlineBoot = [
    `<script type="application/octet-stream" id="article-structurer-wasm">${wasm}</script>`,
    '<script type="module">',
    guard(glue, 'script'),
    '{', // a block, so that these names cannot clash with the glue's
    '  const b64 = document.getElementById("article-structurer-wasm").textContent.trim();',
    '  const bytes = typeof Uint8Array.fromBase64 === "function" ? Uint8Array.fromBase64(b64) : Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));',
    `  const instance = await ${initName}({ module_or_path: bytes });`,
    '  dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm: instance } }));',
    '}',
    '</script>',
  ].join('\n');
  html = html.replace(bootTag, () => inlineBoot);

  html = html.replace(/<link\b[^>]*>/gi, (tag) => {
    const rel = (attr(tag, 'rel') ?? '').toLowerCase();
    const href = attr(tag, 'href');
    if (rel === 'modulepreload' || rel === 'preload' || rel === 'manifest') return ''; // nothing to fetch
    if (rel === 'stylesheet') {
      const path = buildPath(dir, href);
      const css = inlineCss(dir, readFileSync(path, 'utf8'), relative(dir, path).split(sep).join('/'));
      return `<style>${guard(css, 'style')}</style>`;
    }
    if (rel.split(/\s+/).some((r) => r === 'icon' || r === 'apple-touch-icon')) {
      return `<link rel="${rel}" href="${dataUrl(buildPath(dir, href))}">`;
    }
    fail(`single file: do not know how to inline ${tag}`);
  });

  // Other scripts of the page. The service-worker registration is left out: one file has nothing to
  // precache, and served over HTTP its policy would refuse the worker.
  html = html.replace(/<script\b[^>]*\bsrc="([^"]+)"[^>]*><\/script>/gi, (tag, src) => {
    if (/(^|\/)register-sw(-[0-9a-f]+)?\.js$/.test(src)) return '';
    const text = readFileSync(buildPath(dir, src), 'utf8');
    if (/^\s*import\s/m.test(text)) fail(`single file: ${src} imports other modules`);
    const type = attr(tag, 'type');
    return `<script${type ? ` type="${type}"` : ''}>${guard(text, 'script')}</script>`;
  });

  // Nothing may be left that loads a file: from file:// it would fail, and it would be network.
  const left = [...html.matchAll(/\s(?:src|href)\s*=\s*"(?!data:|#)([^"]*)"/gi)].map((m) => m[1]);
  if (left.length) fail(`single file: still refers to ${left.join(', ')}`);

  // Its own policy: only its own inline scripts and styles (by hash) and data: images; no request
  // of any kind. `data-single-file` tells assets/engine.js not to look for a worker or widget.js.
  html = html.replace(/<html\b/i, '<html data-single-file');
  const { scripts, styles } = inlineBlocks(html);
  const policy = new Map([
    ['default-src', ["'none'"]],
    ['script-src', [...new Set(scripts.map(cspHash)), "'wasm-unsafe-eval'"]],
    ['style-src', [...new Set(styles.map(cspHash))]],
    ['img-src', ['data:']],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
  ]);
  html = setPolicy(html, policy, 'single file');
  writeFileSync(join(dir, SINGLE_FILE), html);
}

// 2b. The Content-Security-Policy -----------------------------------------------------------------

const CSP_META = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*\/?>/i;

/** A policy as an ordered map of directive -> sources. */
function parsePolicy(text) {
  return new Map(text.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...sources]) => [name.toLowerCase(), sources]));
}

const formatPolicy = (policy) => [...policy].map(([name, sources]) => [name, ...sources].join(' ')).join('; ');

/** The CSP hash source of an inline element's text, as browsers compute it (UTF-8, SHA-256). */
const cspHash = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The text of every inline script that runs (not data blocks such as the wasm) and every style. */
export function inlineBlocks(html) {
  const scripts = [];
  for (const [, attrs, text] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\ssrc\s*=/i.test(attrs)) continue;
    const type = (attrs.match(/\stype\s*=\s*"([^"]*)"/i)?.[1] ?? '').trim().toLowerCase();
    if (type && !['module', 'text/javascript', 'application/javascript'].includes(type)) continue;
    scripts.push(text);
  }
  const styles = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => m[1]);
  return { scripts, styles };
}

/**
 * Writes `policy` into the document's CSP meta, which must come before anything it governs; fails
 * on inline event handlers and `style` attributes in the markup (scripts and styles left out).
 */
function setPolicy(html, policy, what) {
  const meta = html.match(CSP_META);
  if (!meta) fail(`${what}: no <meta http-equiv="Content-Security-Policy"> (index.html must carry one)`);
  const first = html.search(/<(script|style|link)\b/i);
  if (first !== -1 && first < meta.index) fail(`${what}: the CSP meta must come before the first script, style or link`);
  const markup = html.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/gi, '');
  const handler = markup.match(/<[a-z][^>]*?\s(on[a-z]+|style)\s*=[^>]*>/i);
  if (handler) fail(`${what}: ${handler[1]}="..." in ${handler[0].slice(0, 80)} (the CSP forbids inline handlers and styles)`);
  return html.replace(meta[0], () => `<meta http-equiv="Content-Security-Policy" content="${formatPolicy(policy)}">`);
}

/**
 * index.html's policy is the one it carries, completed: trunk's inline bootstrap is allowed by its
 * hash (release), or, for a debug build (`trunk serve`, whose live-reload script and socket are
 * added when serving), by 'unsafe-inline' and ws:.
 */
function pageCsp(dir) {
  const path = join(dir, 'index.html');
  let html = readFileSync(path, 'utf8');
  const meta = html.match(CSP_META);
  if (!meta) fail('index.html has no <meta http-equiv="Content-Security-Policy">');
  const policy = parsePolicy(meta[1]);
  const { scripts, styles } = inlineBlocks(html);
  if (styles.length) fail('index.html has an inline <style>: use a stylesheet (style-src is \'self\')');
  const scriptSrc = (policy.get('script-src') ?? ["'self'"]).filter((s) => !/^'(sha256-|unsafe-inline)/.test(s));
  if (process.env.TRUNK_PROFILE === 'debug') {
    policy.set('script-src', [...scriptSrc, "'unsafe-inline'"]);
    policy.set('connect-src', [...new Set([...(policy.get('connect-src') ?? ["'self'"]), 'ws:', 'wss:'])]);
  } else {
    policy.set('script-src', [...scriptSrc, ...new Set(scripts.map(cspHash))]);
  }
  html = setPolicy(html, policy, 'index.html');
  writeFileSync(path, html);
}

// 3. The service worker ---------------------------------------------------------------------------

// Debug builds (`trunk serve`, `trunk build`) get a worker that removes itself and its caches, so
// that a developer's reload always shows the latest build instead of a cached one.
const SW_DEBUG = `// Generated by scripts/post-build.mjs for a debug build: no offline cache; removes any earlier one.
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name.startsWith('article-structurer-')) await caches.delete(name);
    await self.registration.unregister();
  })());
});
`;

function serviceWorker(dir) {
  const entries = listFiles(dir)
    .filter((file) => file !== SW)
    .map((file) => {
      const data = readFileSync(join(dir, file));
      return { url: file, sha256: sha256(data), bytes: data.length };
    });
  if (!entries.some((e) => e.url === 'index.html')) fail('no index.html to precache');
  if (process.env.TRUNK_PROFILE === 'debug') {
    writeFileSync(join(dir, SW), SW_DEBUG);
    return { version: 'none (debug build)', count: 0, bytes: 0 };
  }
  const version = short(JSON.stringify(entries));
  const head = [
    `// Generated by scripts/post-build.mjs from web/sw.js for this build; do not edit.`,
    `const VERSION = ${JSON.stringify(version)};`,
    `const PRECACHE = ${JSON.stringify(entries, null, 1)};`,
    '',
  ].join('\n');
  writeFileSync(join(dir, SW), head + readFileSync(join(WEB, 'sw.js'), 'utf8'));
  return { version, count: entries.length, bytes: entries.reduce((n, e) => n + e.bytes, 0) };
}

// 4. Sizes -------------------------------------------------------------------------------------------

function size(label, dir, files) {
  const data = Buffer.concat(files.map((f) => readFileSync(join(dir, f))));
  const raw = data.length;
  const gz = gzipSync(data, { level: 9 }).length;
  const profile = process.env.TRUNK_PROFILE ? ` (${process.env.TRUNK_PROFILE})` : '';
  console.log(`${label}${profile}: ${files.join(' + ')}  raw ${raw} bytes (${(raw / 1024).toFixed(1)} KB), ` +
    `gzip ${gz} bytes (${(gz / 1024).toFixed(1)} KB)`);
}

/** Runs the steps on `dir`; `quiet` leaves out the report (the tests run it on a copy). */
export function postBuild(dir, { quiet = false } = {}) {
  if (!existsSync(join(dir, 'index.html'))) fail(`${dir}/index.html not found: build first (trunk build --release)`);
  widget(dir);
  pageCsp(dir);
  singleFile(dir);
  const sw = serviceWorker(dir);
  if (quiet) return;
  console.log(sw.count
    ? `service worker: sw.js precaches ${sw.count} files (${(sw.bytes / 1024).toFixed(1)} KB), cache version ${sw.version}`
    : 'service worker: debug build, no offline cache (sw.js removes any earlier one)');
  // The wasm sizes, one line per .wasm, in the form scripts/test's summary reads.
  execFileSync('bash', [join(ROOT, 'scripts', 'wasm-size'), dir], { stdio: 'inherit', env: { ...process.env, TRUNK_STAGING_DIR: dir } });
  size('widget size', dir, widgetFiles(dir));
  size('single-file size', dir, [SINGLE_FILE]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  postBuild(resolve(process.env.TRUNK_STAGING_DIR ?? process.argv[2] ?? 'dist'));
}
