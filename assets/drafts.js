// Long drafts (issue 8: a crash or a reload is not data loss). localStorage holds only about five
// million characters per site, so src/app/storage.rs keeps a draft longer than
// storage::LOCAL_DRAFT_MAX in IndexedDB through these three calls; each returns a promise, and
// failures (no IndexedDB, a full disk) reject, and the page shows them. Loaded before the page's
// wasm (index.html), so that the page finds it when it starts.
const DB = 'article-structurer';
const STORE = 'drafts';
const KEY = 'draft';

function open() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run(mode, action) {
  const db = await open();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = action(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result ?? null);
      tx.onerror = () => reject(tx.error ?? request.error);
      tx.onabort = () => reject(tx.error ?? new Error('the draft could not be saved'));
    });
  } finally {
    db.close();
  }
}

// One call at a time, in the order made: a save made after another always lands after it, even
// when the first one's database takes longer to open.
let queue = Promise.resolve();
function queued(mode, action) {
  const result = queue.then(() => run(mode, action));
  queue = result.catch(() => {});
  return result;
}

// The draft is stored as a Blob (storage.rs makes it from the text's bytes with `blob`): the browser
// writes it off the main thread, where a 10 MB string would be serialized on it (about 100 ms,
// measured, while the page is meant to answer). `blob(bytes)` takes a view of the page's wasm memory
// and copies it once; the same Blob goes to the engine worker (by reference) and into the store.
globalThis.articleStructurerDrafts = {
  blob: (bytes) => new Blob([bytes], { type: 'text/plain;charset=utf-8' }),
  save: (draft) => queued('readwrite', (store) => store.put(draft instanceof Blob ? draft : new Blob([draft], { type: 'text/plain;charset=utf-8' }), KEY)),
  load: async () => {
    const draft = await queued('readonly', (store) => store.get(KEY));
    return draft instanceof Blob ? draft.text() : draft;
  },
  clear: () => queued('readwrite', (store) => store.delete(KEY)),
};
