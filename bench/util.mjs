// Shared by the `make bench` modules: settings, logging, statistics, formatting.

import { spawnSync } from 'node:child_process';
import { CHROMIUM, CHROMIUM_FLAGS } from '../tools/chromium.mjs';

export const DIST = 'dist';
// The bundle's base path (`make dist PUBLIC_URL=…` exports it).
export const PREFIX = process.env.REHAB_PUBLIC_URL || '/';
export const RUNS = Math.max(1, Number.parseInt(process.env.BENCH_RUNS ?? '5', 10) || 5);
export const CHROME = CHROMIUM;
export const CHROME_FLAGS = ['--headless=new', ...CHROMIUM_FLAGS];
export const ARTICLE_SLUG = 'iop-instead-of-rehab';
export const ROUTES = [
  { name: 'article', path: `blog/${ARTICLE_SLUG}/`, status: 200 },
  { name: 'index', path: '', status: 200 },
  { name: 'not-found', path: 'no-such-page', status: 404 },
];
export const KB = 1024;

const startedAt = Date.now();
export const elapsedSeconds = () => Math.round((Date.now() - startedAt) / 1000);
export const log = (msg) => console.error(`[bench ${((Date.now() - startedAt) / 1000).toFixed(0).padStart(4)}s] ${msg}`);

export const median = (xs) => {
  const s = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const sum = (xs, k) => xs.reduce((s, x) => s + (x[k] ?? 0), 0);
export const ratio = (a, b) => (a == null || b == null || b === 0 ? null : a / b);

/** Runs a command to completion; its stdout, or throws with its stderr. */
export function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 << 20, ...options });
  if (r.error || r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.error?.message ?? (r.stderr ?? '').trim().split('\n').slice(-15).join('\n')}`);
  return r.stdout;
}

/**
 * Polls `fn` in the page with `page.evaluate` until it returns something truthy. Not
 * Playwright's `waitForFunction`: that first injects Playwright's selector engine (about
 * 330 KB of script) into the page, a task of 44–108 ms at 4× CPU of the harness's own,
 * which would land among the app's tasks while it starts.
 */
export async function pollInPage(page, fn, { timeout, interval = 250 }) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await page.evaluate(fn);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${fn}`);
    await page.waitForTimeout(interval);
  }
}

export const kb = (b) => (b == null ? '-' : `${(b / KB).toFixed(1)} KB`);
export const ms = (v) => (v == null ? '-' : `${Math.round(v)} ms`);
export const fx = (v, d = 3) => (v == null ? '-' : v.toFixed(d));

export function table(headers, rows) {
  const cells = [headers, ...rows].map((r) => r.map((c) => String(c ?? '-')));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

/** The commit measured, and any tracked file changed on top of it (taken when the run starts). */
export function gitInfo() {
  // Only the end trimmed: `git status --porcelain` lines start with a space.
  const git = (...args) => spawnSync('git', args, { encoding: 'utf8' }).stdout.trimEnd();
  const changed = git('status', '--porcelain', '--untracked-files=no').split('\n').filter(Boolean);
  return {
    commit: git('rev-parse', 'HEAD'),
    branch: git('rev-parse', '--abbrev-ref', 'HEAD'),
    dirty: changed.length > 0,
    changed: changed.map((l) => l.slice(3)),
  };
}

/** Trunk's wasm-opt settings, from index.html's `<link data-trunk rel="rust">`. */
export function wasmOptSettings(shell) {
  const level = shell.match(/data-wasm-opt="(\w+)"/)?.[1] ?? 'z';
  const params = (shell.match(/data-wasm-opt-params="([^"]*)"/)?.[1] ?? '').split(/\s+/).filter(Boolean);
  return { level, params };
}
// For Playwright, which adds its own headless flag.
export const PLAYWRIGHT_FLAGS = CHROMIUM_FLAGS;
