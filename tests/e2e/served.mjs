// What a server of dist/ must answer, read from the bundle itself: its files, the headers
// dist/_headers gives each path, and raw requests that keep the path and the encoding
// exactly as written. Shared by the specs of real servers (nginx, Cloudflare Pages).
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { join, relative, sep } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { parseHeadersFile } from '../../tools/serve.mjs';
import { expect } from './fixtures.mjs';

export const DIST = 'dist';
const RULES = parseHeadersFile(readFileSync(join(DIST, '_headers'), 'utf8'));
/** The rule for every path (`/*`): the security headers. */
export const SECURITY = Object.fromEntries(RULES.find((r) => r.pattern.test('/') && r.pattern.test('/any/path')).headers);

export const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
};

/** Paths of every file below dir, with `/` separators. */
export function files(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) =>
      relative(dir, join(e.parentPath ?? e.path, e.name))
        .split(sep)
        .join('/'),
    );
}

/** What dist/_headers says a URL path gets, every matching rule applied in order. */
export function expectedHeaders(path) {
  const headers = {};
  for (const rule of RULES) if (rule.pattern.test(path)) for (const [k, v] of rule.headers) headers[k.toLowerCase()] = v;
  return headers;
}

/** A raw GET on a loopback port; the body comes back decoded (gzip or brotli). */
export function get(port, path, headers = { 'accept-encoding': 'gzip' }) {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, headers }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          let body = Buffer.concat(chunks);
          if (res.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
          if (res.headers['content-encoding'] === 'br') body = brotliDecompressSync(body);
          resolve({ status: res.statusCode, headers: res.headers, body });
        });
      })
      .on('error', reject);
  });
}

export function expectSecurityHeaders(headers, path) {
  for (const [name, value] of Object.entries(SECURITY)) expect(headers[name.toLowerCase()], `${name} of ${path}`).toBe(value);
}
