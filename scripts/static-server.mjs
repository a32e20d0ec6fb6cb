// A small static file server for the release build, bound to 127.0.0.1 only.
// Used by scripts/serve (command 1) and by the end-to-end tests, so both exercise the same server.
//
//   node scripts/static-server.mjs [DIR] [PORT]      (defaults: dist 8080; PORT 0 picks a free port)
//
// Serves files under DIR only (no directory listing, no path escapes), with the right MIME types
// (`application/wasm` matters: browsers refuse streaming compilation without it), and with
// `Access-Control-Allow-Origin: *`: the build is public static files, and a page on another origin
// that embeds the widget must be allowed to load widget.js, its modules and its wasm.

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};

/** Starts serving `dir` on 127.0.0.1:`port`; resolves to `{ server, url }` once listening. */
export function serve(dir, port = 0, host = '127.0.0.1') {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://localhost');
      let path = resolve(join(root, decodeURIComponent(url.pathname)));
      if (path !== root && !path.startsWith(root + sep)) throw Object.assign(new Error(), { code: 'ENOENT' });
      if ((await stat(path)).isDirectory()) path = join(path, 'index.html');
      const body = await readFile(path);
      res.writeHead(200, {
        'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
        'Access-Control-Allow-Origin': '*',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (e) {
      const missing = e.code === 'ENOENT' || e.code === 'ENOTDIR' || e instanceof URIError;
      res.writeHead(missing ? 404 : 500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(missing ? 'not found\n' : 'server error\n');
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok({ server, url: `http://${host}:${server.address().port}/` }));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir = 'dist', port = '8080'] = process.argv.slice(2);
  try {
    await stat(join(dir, 'index.html'));
  } catch {
    console.error(`static-server: ${dir}/index.html not found; build first (trunk build --release)`);
    process.exit(1);
  }
  try {
    const { url } = await serve(dir, Number(port));
    console.log(`\nServing ${resolve(dir)}\n\n    Open ${url}\n\nPress Ctrl-C to stop.`);
  } catch (e) {
    console.error(e.code === 'EADDRINUSE'
      ? `static-server: port ${port} on 127.0.0.1 is already in use; stop the other server or set PORT=...`
      : `static-server: ${e.message}`);
    process.exit(1);
  }
}
