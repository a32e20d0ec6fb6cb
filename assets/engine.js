// The page's engine off the main thread (src/app/worker.rs calls it): HTML input (a paste with
// formatting, an .html file) and long texts are structured in a Web Worker (engine-worker.js), which
// imports the widget's module (widget.js, built beside the page). That module carries the core with
// its HTML path, which the page's own wasm leaves out to stay within its size budget. Everything is
// fetched from the page's own origin, only when first needed (the service worker keeps it offline).
//
// articleStructurerRun(input, options, count) takes the text as a Blob of UTF-8 bytes (passed to the
// worker by reference) and resolves to { article, ms, words, chars }: the article in the page's wire
// form (src/wire.rs; a Uint8Array, transferred from the worker without a copy), the time structure()
// took, and, when `count` is true, the words and characters of the text. Where workers fail, it runs
// the module on the page; from disk (the single file) it rejects at once, and the page reads the
// plain text itself.
const base = () => document.baseURI;
let worker = null;
let workerBroken = false;
let next = 0;
const pending = new Map();
let inPageModule = null;

function inPage(input, options) {
  inPageModule ??= import(new URL('widget.js', base()).href).catch((e) => {
    inPageModule = null;
    throw e;
  });
  return Promise.all([inPageModule, input.arrayBuffer()]).then(([m, buffer]) => {
    const t0 = performance.now();
    const article = m._structureWire(new Uint8Array(buffer), options);
    return { article, ms: performance.now() - t0, words: null, chars: null };
  });
}

function startWorker() {
  const w = new Worker(new URL('engine-worker.js', base()), { type: 'module', name: 'article-structurer' });
  w.onmessage = ({ data }) => {
    const job = pending.get(data.id);
    if (!job) return;
    pending.delete(data.id);
    if (data.error) job.reject(new Error(data.error));
    else job.resolve(data);
  };
  // The worker could not start (no module workers, a script that failed to load): run the rest on
  // the page, once and for all.
  w.onerror = (event) => {
    event.preventDefault();
    workerBroken = true;
    worker = null;
    w.terminate();
    const jobs = [...pending.values()];
    pending.clear();
    for (const job of jobs) inPage(job.input, job.options).then(job.resolve, job.reject);
  };
  return w;
}

globalThis.articleStructurerRun = (input, options, count) => {
  // The single file (data-single-file, set by scripts/post-build.mjs) carries no worker or widget.js,
  // and its Content-Security-Policy would block them: refuse at once, from disk or served.
  if (location.protocol === 'file:' || document.documentElement.hasAttribute('data-single-file')) {
    return Promise.reject(new Error('not available in a copy opened from disk'));
  }
  if (workerBroken || typeof Worker !== 'function') return inPage(input, options);
  worker ??= startWorker();
  return new Promise((resolve, reject) => {
    const id = ++next;
    pending.set(id, { resolve, reject, input, options });
    worker.postMessage({ id, input, options, count: Boolean(count) });
  });
};
