// The limit: dist/ with every script, module preload, preload and wasm reference removed.

import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { walk } from './sizes.mjs';
import { DIST } from './util.mjs';

/** The page without any script, module preload, preload or wasm reference. */
export function stripToLimit(html) {
  return html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script\s*>/gi, '')
    .replace(/<link\b[^>]*\brel\s*=\s*["']?(?:modulepreload|preload)\b[^>]*>/gi, '')
    .replace(/\n[ \t]*(?=\n)/g, '');
}

/**
 * dist/ as it is when the run starts, copied to a temp dir: everything is measured on this
 * copy, so a `make dist` while the bench runs cannot mix two builds into one result.
 */
export async function snapshotDist() {
  const dir = await mkdtemp(join(tmpdir(), 'rehab-bench-ours-'));
  await cp(DIST, dir, { recursive: true });
  return dir;
}

/** Copies the bundle (the snapshot of dist/) to a temp dir and strips every .html there; returns the dir. */
export async function buildLimit(from = DIST) {
  const dir = await mkdtemp(join(tmpdir(), 'rehab-bench-limit-'));
  await cp(from, dir, { recursive: true });
  const report = [];
  for (const path of (await walk(dir)).filter((p) => p.endsWith('.html'))) {
    const before = await readFile(join(dir, path), 'utf8');
    const after = stripToLimit(before);
    for (const left of [/<script\b/i, /\.wasm\b/i, /rel\s*=\s*["']?(?:modulepreload|preload)\b/i]) {
      if (left.test(after)) throw new Error(`limit: ${path} still matches ${left} after stripping`);
    }
    if (!/<link\b[^>]*rel\s*=\s*["']?stylesheet/i.test(after)) throw new Error(`limit: ${path} lost its stylesheet`);
    await writeFile(join(dir, path), after);
    report.push({ path, bytesBefore: Buffer.byteLength(before), bytesAfter: Buffer.byteLength(after) });
  }
  // Response headers that would preload anything (a `Link:` rule) go too.
  const headersFile = join(dir, '_headers');
  if (existsSync(headersFile)) {
    const text = await readFile(headersFile, 'utf8');
    await writeFile(
      headersFile,
      text
        .split('\n')
        .filter((l) => !/^\s+Link\s*:/i.test(l))
        .join('\n'),
    );
  }
  return { dir, pages: report };
}
