// What every part of `make bench` shares: the settings, the pages measured, the script-free
// limit served beside ours, Chromium, and the few statistics and formats of the report.

import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants as zlib } from 'node:zlib';
import { chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_FLAGS } from '../tools/chromium.mjs';
import { startServer } from '../tools/serve.mjs';

export const RUNS = Math.max(1, Number.parseInt(process.env.BENCH_RUNS ?? '5', 10) || 5);
export const OUT_DIR = 'target/bench';
export const CPU_SLOWDOWN = 4;
export const ARTICLE_SLUG = 'iop-instead-of-rehab';
// Below a served bundle's root. An unknown path is answered with 404.html, as a CDN does.
export const PAGES = [
  { name: 'article', path: `blog/${ARTICLE_SLUG}/` },
  { name: 'index', path: '' },
  { name: 'not-found', path: 'no-such-page' },
];

const startedAt = Date.now();
export const log = (msg) => console.error(`[bench ${String(Math.round((Date.now() - startedAt) / 1000)).padStart(4)}s] ${msg}`);

export const median = (xs) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return null;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const ratio = (a, b) => (a == null || b == null || b === 0 ? null : a / b);
export const ms = (v) => (v == null ? '-' : `${Math.round(v)} ms`);
export const kb = (b) => (b == null ? '-' : `${(b / 1024).toFixed(1)} KB`);
export const fx = (v) => (v == null ? '-' : v.toFixed(3));

/** Bytes as tools/serve.mjs sends them: brotli at quality 11. */
export const brotliSize = (buf) => brotliCompressSync(buf, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }).length;

export const launchChromium = () => chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });

/** Every file below `dir`, as paths relative to it. */
export const filesBelow = async (dir) =>
  (await readdir(dir, { withFileTypes: true, recursive: true })).filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)));

/** The page without any script, module preload or preload: what it costs as a static page. */
export const stripToLimit = (html) =>
  html.replace(/<script\b[^>]*>[\s\S]*?<\/script\s*>/gi, '').replace(/<link\b[^>]*\brel\s*=\s*["']?(?:modulepreload|preload)\b[^>]*>/gi, '');

/**
 * A copy of `root` (measured throughout, so a `make dist` during the run cannot mix two
 * builds into one result) and the limit (the copy without its scripts), served side by
 * side by tools/serve.mjs (brotli on the fly, like a CDN). `close()` stops and removes both.
 */
export async function serveOursAndLimit(root, prefix = '/') {
  const ours = await mkdtemp(join(tmpdir(), 'rehab-bench-ours-'));
  const limit = await mkdtemp(join(tmpdir(), 'rehab-bench-limit-'));
  await cp(root, ours, { recursive: true });
  await cp(ours, limit, { recursive: true });
  for (const path of (await filesBelow(limit)).filter((p) => p.endsWith('.html'))) {
    const html = stripToLimit(await readFile(join(limit, path), 'utf8'));
    if (/<script\b|\.wasm\b/i.test(html)) throw new Error(`limit: ${path} still refers to a script or the wasm`);
    await writeFile(join(limit, path), html);
  }
  const servers = [await startServer({ root: ours, port: 0, prefix }), await startServer({ root: limit, port: 0, prefix })];
  return {
    dir: ours,
    ours: servers[0].url,
    limit: servers[1].url,
    async close() {
      for (const s of servers) await s.close();
      for (const d of [ours, limit]) await rm(d, { recursive: true, force: true });
    },
  };
}
