// Registers the service worker (sw.js, written into the build by scripts/post-build.mjs), which
// precaches every file of the build so that the app works offline. Nothing to do from file://
// (the single-file build) or where the browser has no service workers.
if ('serviceWorker' in navigator && (location.protocol === 'https:' || location.protocol === 'http:')) {
  navigator.serviceWorker.register('./sw.js', { scope: './' }).catch((error) => {
    console.warn('Article Structurer: offline support is not available here:', error);
  });
}
