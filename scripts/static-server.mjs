// A tiny static file server (node:http, no dependencies) for the dashboard example:
//   /                 → examples/dashboard/
//   /vendor/*         → packages/onem2m-ws/dist/ (the script-tag bundle and its source map)
//   /web-app/*        → examples/web-app/ (its build output lives in examples/web-app/dist/)
// Used by `pnpm demo` and by the end-to-end tests. Only GET/HEAD, no directory listings, no path
// escapes out of the mapped folders.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const MOUNTS = [
  ['/vendor/', path.join(root, 'packages/onem2m-ws/dist')],
  ['/web-app/', path.join(root, 'examples/web-app')],
  ['/', path.join(root, 'examples/dashboard')],
];

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Maps a URL path to a file inside one of the mounts, or undefined. */
function resolveFile(urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  for (const [prefix, dir] of MOUNTS) {
    if (!decoded.startsWith(prefix)) continue;
    let file = path.join(dir, decoded.slice(prefix.length));
    if (file !== dir && !file.startsWith(dir + path.sep)) return undefined;
    try {
      if (statSync(file).isDirectory()) file = path.join(file, 'index.html');
      if (statSync(file).isFile()) return file;
    } catch {
      return undefined;
    }
    return undefined;
  }
  return undefined;
}

/**
 * Starts the server. `port` 0 picks a free one.
 * @param {{ port?: number, host?: string }} [options]
 * @returns {Promise<{ url: string, port: number, close(): Promise<void> }>}
 */
export async function startStaticServer({ port = 0, host = '127.0.0.1' } = {}) {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    const file = resolveFile(pathname);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`Not found: ${pathname}\n`);
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file).pipe(res);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = server.address().port;
  return {
    url: `http://${host}:${actualPort}/`,
    port: actualPort,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
