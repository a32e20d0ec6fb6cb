// The page's HTML reader, loaded on first use (src/app/html_reader.rs calls it): HTML input (a paste
// with formatting, an opened .html file) is structured by the core's HTML path, which lives in the
// widget's module (widget.js, built beside the page) rather than in the page's own wasm, so that the
// page stays within its size budget. The module is fetched from the page's own origin only when
// needed (the service worker keeps it for offline use); where it cannot load (the single-file copy
// opened from disk), the promise rejects and the page reads the plain text instead.
let reader;
globalThis.articleStructurerReadHtml = (html, options) => {
  // From disk the module cannot be imported (and trying would log a CORS error): say so at once.
  if (location.protocol === 'file:') return Promise.reject(new Error('not available in a copy opened from disk'));
  reader ??= import(new URL('widget.js', document.baseURI).href);
  return reader.then((m) => m.structure(html, options), (e) => {
    reader = undefined;
    throw e;
  });
};
