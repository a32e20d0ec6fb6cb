// The page's engine worker (assets/engine.js starts it): structures texts off the page's main thread
// with the widget's module (widget.js), and counts words (Intl.Segmenter: Unicode word boundaries,
// as the page counts them) and characters, so that a long text costs the page no frozen seconds.
//
// The text comes as a Blob of UTF-8 bytes (handed over by reference: the page makes it once, and the
// same Blob is the draft it saves), and the article goes back in the page's wire form (src/wire.rs),
// one byte buffer transferred to the page without a copy: as the Article JSON's plain objects (some
// 36,000 of them for a 10 MB paste) it took the page's main thread some 300 ms to receive and read.
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
  const { id, input, options, count } = data;
  try {
    const { _structureWire } = await ready;
    const bytes = new Uint8Array(await input.arrayBuffer());
    const t0 = performance.now();
    const article = _structureWire(bytes, options);
    const ms = performance.now() - t0;
    const [w, c] = count ? counts(new TextDecoder().decode(bytes)) : [null, null];
    self.postMessage({ id, article, ms, words: w, chars: c }, [article.buffer]);
  } catch (e) {
    self.postMessage({ id, error: String(e?.message ?? e) });
  }
};
