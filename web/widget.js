// <article-structurer> and the JS API: the one file a host page loads.
//
//   <script type="module" src="https://YOUR-HOST/widget.js"></script>
//   <article-structurer text="..."></article-structurer>
//
//   import { structure, render } from 'https://YOUR-HOST/widget.js';
//
// scripts/post-build.mjs writes this file into the build with the content-hashed names of the
// widget's wasm and its wasm-bindgen glue; starting the wasm defines the element (once per page).
// Types: widget.d.ts beside this file.
import init, { structure, render, structureWire } from './__WIDGET_GLUE__';

await init({ module_or_path: new URL('./__WIDGET_WASM__', import.meta.url) });

export { structure, render };
// For the page's own engine worker (assets/engine-worker.js), not part of the API: UTF-8 bytes in, the
// article in the page's wire form (src/wire.rs) out.
export { structureWire as _structureWire };
