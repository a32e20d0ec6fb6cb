// The page's engine worker (assets/engine.js starts it): structures texts off the page's main thread
// with the widget's module (widget.js), and counts words (Intl.Segmenter: Unicode word boundaries,
// as the page counts them) and characters, so that a long text costs the page no frozen seconds.
//
// widget.js defines <article-structurer> as it loads; a worker has no custom elements, so it gets a
// stand-in that reports the element as already defined, and the module skips the definition.
globalThis.customElements ??= { get: () => true };
const ready = import('./widget.js');
ready.catch(() => {}); // reported to the page with the first job, not as an unhandled rejection
const words = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(undefined, { granularity: 'word' }) : null;

function counts(text) {
  let w = 0;
  if (words) for (const s of words.segment(text)) if (s.isWordLike) w += 1;
  let c = 0;
  for (const _ of text) c += 1;
  return [w, c];
}

// Set at once (not after the import), so that no message is lost while the module loads.
self.onmessage = async ({ data }) => {
  const { id, text, options, count } = data;
  try {
    const { structure } = await ready;
    const t0 = performance.now();
    const article = structure(text, options);
    const ms = performance.now() - t0;
    const [w, c] = count ? counts(text) : [null, null];
    self.postMessage({ id, article, ms, words: w, chars: c });
  } catch (e) {
    self.postMessage({ id, error: String(e?.message ?? e) });
  }
};
