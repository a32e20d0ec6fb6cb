// Where the page's WebAssembly cannot run, says so instead of leaving a blank page. Its wasm uses
// WebAssembly SIMD (.cargo/config.toml): Chrome and Edge 91, Firefox 89, Safari 16.4 and later.
// The bytes are the smallest module with a SIMD instruction (v128.const, i8x16.popcnt).
const SIMD = Uint8Array.of(0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11);

function supported() {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(SIMD);
  } catch {
    return false;
  }
}

if (!supported()) {
  const note = document.createElement('p');
  note.className = 'unsupported';
  note.setAttribute('role', 'alert');
  note.dataset.testid = 'unsupported';
  note.textContent = 'This browser cannot run Article Structurer: it needs WebAssembly with SIMD ' +
    '(Chrome or Edge 91, Firefox 89, Safari 16.4 or later). Please update the browser or open the page in another one.';
  document.body.prepend(note);
}
