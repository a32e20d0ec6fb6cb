// Shared set-up for the end-to-end tests: serves the release build (dist/) on 127.0.0.1, starts
// Debian's Chromium through playwright-core (never a downloaded browser) with a fresh profile, and
// watches every page for console errors, uncaught exceptions and requests to any other host.
//
// Content-Security-Policy violations fail the whole suite: every page of the browser context
// reports them (a `securitypolicyviolation` listener installed before any script, and Chromium's
// own "Refused to ..." messages), each test that checks its page's console sees them, and
// `close()` throws when any page of the run had one, whichever test it was.
//
// E2E_BASE_URL=http://127.0.0.1:8080/ runs the tests against a server that is already running
// (e.g. the one `scripts/serve` started) instead of starting one.

import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/static-server.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SCREENSHOTS = join(ROOT, 'tests', 'e2e', 'screenshots');

// The flags ../shared/TOOLCHAIN.md lists: without the background-networking ones Chromium keeps
// trying to reach Google's hosts through this machine's closed network.
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Starts the server (unless E2E_BASE_URL is set) and the browser. Call `close()` when done. */
export async function start() {
  let server = null;
  let baseUrl = process.env.E2E_BASE_URL;
  if (!baseUrl) {
    const dist = join(ROOT, 'dist');
    await stat(join(dist, 'index.html')).catch(() => {
      throw new Error('dist/index.html is missing: run `trunk build --release` first (scripts/test does)');
    });
    ({ server, url: baseUrl } = await serve(dist, 0));
  }
  await mkdir(SCREENSHOTS, { recursive: true });
  const profile = await mkdtemp(join(tmpdir(), 'e2e-chromium-'));
  let context = null;
  const csp = [];
  async function close() {
    await context?.close();
    await rm(profile, { recursive: true, force: true });
    if (server) await new Promise((ok) => server.close(ok));
    if (csp.length) throw new Error(`Content-Security-Policy violations in this run:\n  ${csp.join('\n  ')}`);
  }
  /** The CSP violations recorded so far, removed from the run's record (for a test that provokes one). */
  const takeCspViolations = () => csp.splice(0);
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 900 },
    });
    await context.addInitScript(() => {
      addEventListener('securitypolicyviolation', (e) => {
        console.error(`CSP violation: ${e.effectiveDirective} blocked ${e.blockedURI || 'an inline script or style'} ` +
          `(${e.sourceFile || location.href}:${e.lineNumber})`);
      }, true);
    });
    context.on('console', (msg) => {
      if (msg.type() === 'error' && isCspViolation(msg.text())) csp.push(`${msg.text()} (${msg.location().url})`);
    });
  } catch (e) {
    await close(); // a server left listening would keep the test process alive
    throw e;
  }
  return { baseUrl, context, close, takeCspViolations };
}

/** Whether a console message reports a Content-Security-Policy violation. */
export const isCspViolation = (text) => /^CSP violation:|Content Security Policy/i.test(text);

/**
 * Opens a new page that records problems: `problems.console` (console errors and uncaught
 * exceptions), `problems.foreign` (requests to a host other than 127.0.0.1) and
 * `problems.failed` (requests that failed).
 */
export async function watchedPage(context) {
  const page = await context.newPage();
  const problems = { console: [], foreign: [], failed: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.console.push(`console.error: ${msg.text()} (${msg.location().url})`);
  });
  page.on('pageerror', (err) => problems.console.push(`uncaught: ${err.message}`));
  page.on('request', (req) => {
    const url = new URL(req.url());
    const local = url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:';
    if (!local) problems.foreign.push(req.url());
  });
  page.on('requestfailed', (req) => problems.failed.push(`${req.url()}: ${req.failure()?.errorText}`));
  return { page, problems };
}
