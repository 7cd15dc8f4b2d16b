// A static file server that behaves like a CDN in front of dist/:
//   /x/        -> x/index.html
//   /x         -> 301 to /x/ when x/ is a directory
//   anything else that is not a file -> the nearest 404.html up the tree (es/404.html for
//                 /es/…, else 404.html), with status 404, as Cloudflare Pages does
// It compresses on the fly (brotli or gzip, as the client accepts) and applies the
// headers of dist/_headers (Netlify / Cloudflare Pages format) when present.
//
// Usage: node tools/serve.mjs [--root dist] [--port 8080] [--host 127.0.0.1] [--prefix /]
// Also imported by the end-to-end tests and the benchmark (startServer). The tests make
// network faults here, in the server, so that they work in every browser engine (WebKit's
// WebDriver cannot intercept requests): `intercept(req, res, url)` sees every request
// first and returns true when it has answered it itself.

import { existsSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.svg', '.txt', '.xml', '.webmanifest']);
const MAX_PATH = 2048;

/** Parses a `_headers` file into [{ pattern: RegExp, headers: [[name, value]] }]. */
export function parseHeadersFile(text) {
  const rules = [];
  for (const raw of text.split('\n')) {
    if (!raw.trim() || raw.trim().startsWith('#')) continue;
    if (!/^\s/.test(raw)) {
      const glob = raw
        .trim()
        .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*');
      rules.push({ pattern: new RegExp(`^${glob}$`), headers: [] });
    } else if (rules.length) {
      const at = raw.indexOf(':');
      if (at > 0) rules[rules.length - 1].headers.push([raw.slice(0, at).trim(), raw.slice(at + 1).trim()]);
    }
  }
  return rules;
}

/** The not-found page nearest to `rest` (a path below the root), looking up the tree. */
function nearestNotFound(root, rest) {
  const folders = rest.split('/').slice(0, -1);
  for (let depth = folders.length; depth > 0; depth--) {
    const file = resolve(root, ...folders.slice(0, depth), '404.html');
    if (file.startsWith(root + sep) && existsSync(file)) return file;
  }
  return join(root, '404.html');
}

/** Maps a request path to a file below root: { file, status } or { redirect }. */
async function locate(root, prefix, rawPath) {
  let notFound = { file: join(root, '404.html'), status: 404 };
  if (rawPath.length > MAX_PATH || rawPath.includes('//')) return notFound;
  let path;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return notFound;
  }
  if (path.includes('\0') || path.includes('\\') || !path.startsWith(prefix)) return notFound;
  const rest = path.slice(prefix.length);
  if (rest.split('/').some((seg) => seg === '..' || seg === '.')) return notFound;
  notFound = { file: nearestNotFound(root, rest), status: 404 };
  const file = resolve(root, rest);
  if (file !== root && !file.startsWith(root + sep)) return notFound;
  try {
    const info = await stat(file);
    if (info.isFile()) return { file, status: 200 };
    if (info.isDirectory()) {
      if (!rest.endsWith('/') && rest !== '') return { redirect: `${path}/` };
      const index = join(file, 'index.html');
      if (existsSync(index)) return { file: index, status: 200 };
    }
  } catch {
    // missing: fall through
  }
  return notFound;
}

function pickEncoding(accept = '') {
  if (/\bbr\b/.test(accept)) return 'br';
  if (/\bgzip\b/.test(accept)) return 'gzip';
  return null;
}

/** Starts the server; resolves to { server, url, close() }. */
export function startServer({ root = 'dist', port = 8080, host = '127.0.0.1', prefix = '/', quiet = true, intercept } = {}) {
  const absRoot = resolve(root);
  const headersFile = join(absRoot, '_headers');
  const rules = existsSync(headersFile) ? parseHeadersFile(readFileSync(headersFile, 'utf8')) : [];
  const cache = new Map();

  // Long URLs (10 kB query values) are answered, as CDNs do, rather than refused with 431.
  const server = createServer({ maxHeaderSize: 65536 }, async (req, res) => {
    try {
      const url = new URL(req.url, 'http://localhost');
      if (intercept && (await intercept(req, res, url))) return;
      const target = await locate(absRoot, prefix, url.pathname);
      if (target.redirect) {
        res.writeHead(301, { Location: target.redirect + url.search });
        return res.end();
      }
      const ext = extname(target.file);
      let body = await readFile(target.file);
      const headers = { 'Content-Type': TYPES[ext] || 'application/octet-stream', Vary: 'Accept-Encoding' };
      // Header rules match the whole URL path: the prerenderer writes them with the
      // base path (`/rehab-blog/*` for a sub-path build), as a CDN would see them.
      for (const rule of rules) {
        if (rule.pattern.test(url.pathname)) for (const [k, v] of rule.headers) headers[k] = v;
      }
      if (!rules.length) headers['Cache-Control'] = 'no-cache';
      const encoding = COMPRESSIBLE.has(ext) ? pickEncoding(req.headers['accept-encoding']) : null;
      if (encoding) {
        // Keyed by modification time too: `make serve` rebuilds files in place.
        const key = `${encoding}:${target.file}:${(await stat(target.file)).mtimeMs}:${body.length}`;
        if (!cache.has(key)) {
          cache.set(key, encoding === 'br' ? brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }) : gzipSync(body, { level: 9 }));
        }
        body = cache.get(key);
        headers['Content-Encoding'] = encoding;
      }
      headers['Content-Length'] = body.length;
      res.writeHead(target.status, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
      if (!quiet) console.log(target.status, req.method, url.pathname);
    } catch (err) {
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end('server error');
      console.error(err);
    }
  });

  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      const actual = server.address().port;
      ok({ server, url: `http://${host}:${actual}${prefix}`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values: args } = parseArgs({
    options: {
      root: { type: 'string', default: 'dist' },
      port: { type: 'string', default: '8080' },
      host: { type: 'string', default: '127.0.0.1' },
      prefix: { type: 'string', default: '/' },
    },
  });
  const { url } = await startServer({ ...args, port: Number(args.port), quiet: false });
  console.log(`Serving ${args.root} at ${url} (Ctrl-C to stop)`);
}
