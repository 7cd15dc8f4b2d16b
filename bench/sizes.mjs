// Bytes: every file in dist/ (raw, gzip -9, brotli -q11, as tools/serve.mjs compresses),
// the app's own JS+wasm (wasm-bindgen glue and _bg.wasm), and `twiggy` on the wasm.

import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import { run, wasmOptSettings } from './util.mjs';

const PRE_BINDGEN_WASM = 'target/wasm32-unknown-unknown/release/rehab_blog.wasm';
// npm's binaryen, the wasm-opt Trunk uses (see the Makefile); never Debian's.
export const WASM_OPT = 'node_modules/.bin/wasm-opt';

export async function walk(dir, root = dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(full, root)));
    else if (entry.isFile()) out.push(relative(root, full).split('\\').join('/'));
  }
  return out.sort();
}

// The settings tools/serve.mjs compresses with, so these are the bytes on the wire.
export const gzipSize = (buf) => gzipSync(buf, { level: 9 }).length;
export const brotliSize = (buf) => brotliCompressSync(buf, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }).length;
export const fileSizes = (path, name = path) => {
  const buf = readFileSync(path);
  return { path: name, raw: buf.length, gzip: gzipSize(buf), brotli: brotliSize(buf) };
};

export async function bundleSizes(root) {
  const files = [];
  for (const path of await walk(root)) files.push(fileSizes(join(root, path), path));
  return files;
}

/**
 * The app's own JS+wasm in a bundle: the `_bg.wasm` and the wasm-bindgen glue `.js` of
 * the same name (Trunk's loader and the per-page `_data/*.json` are not counted: the
 * floor has neither).
 */
export function appBytes(files) {
  const wasm = files.find((f) => /^[^/]+_bg\.wasm$/.test(f.path));
  if (!wasm) throw new Error('no *_bg.wasm at the top of dist/');
  const glue = files.find((f) => f.path === wasm.path.replace(/_bg\.wasm$/, '.js'));
  if (!glue) throw new Error(`no glue .js beside ${wasm.path}`);
  return { wasm, glue, brotli: wasm.brotli + glue.brotli, gzip: wasm.gzip + glue.gzip, raw: wasm.raw + glue.raw };
}

// ---------------------------------------------------------------- twiggy

/** Every item twiggy sees, [{name, shallowSize}], without its summary rows. */
const twiggyItems = (wasm) =>
  JSON.parse(run('twiggy', ['top', '-n', '1000000', '-f', 'json', wasm]))
    .filter((r) => !/^Σ|^\.\.\. and \d+ more/.test(r.name))
    .map((r) => ({ name: r.name, shallowSize: r.shallow_size }));

/** The crate an item belongs to, by the first path in its demangled name (approximate). */
export function crateOf(name) {
  if (/^"[\w ]+ names" subsection$/.test(name)) return '(name section)';
  if (/^custom section /.test(name)) return '(custom sections)';
  if (/^data segment /.test(name)) return '(data segments)';
  if (/__wbindgen_describe/.test(name)) return '(wasm-bindgen descriptors)';
  if (/^(?:import |export )?"?__(?:wbg|wbindgen|externref)/.test(name)) return '(wasm-bindgen glue)';
  const path = (s) => s.match(/^(?:&mut |&|\*const |\*mut |dyn )*([A-Za-z_]\w*)(?:\[[0-9a-f]+\])?::/)?.[1];
  const n = name.replace(/^<+/, '');
  const krate = path(n);
  if (krate) return krate;
  // `<T as krate::Trait>`, `<(A,B) as krate::Trait>`, `<f64 as core::fmt::Display>`: the trait's crate.
  const as = n.match(/^(?:&mut |&)?(?:[A-Za-z_]\w*|\([^)]*\)|\[[^\]]*\]) as (.*)$/);
  const traitCrate = as && path(as[1]);
  if (traitCrate) return traitCrate;
  if (/^(?:&mut |&)?(?:char|str|bool|[ui](?:8|16|32|64|128|size)|f32|f64)\b/.test(n)) return 'core';
  const kind = name.match(/^(code|data|elem|type|global|table|memory|import|export)\b/);
  if (kind?.[1] === 'code') return '(unnamed code)';
  return kind ? `(${kind[1]})` : '(other)';
}

function byCrate(items) {
  const total = items.reduce((s, i) => s + i.shallowSize, 0);
  const sums = new Map();
  for (const i of items) sums.set(crateOf(i.name), (sums.get(crateOf(i.name)) ?? 0) + i.shallowSize);
  return [...sums].sort((a, b) => b[1] - a[1]).map(([crate, bytes]) => ({ crate, bytes, percent: (100 * bytes) / total }));
}

/**
 * 1. `twiggy top -n 20` of the wasm cargo leaves in target/ (names kept, before
 *    wasm-bindgen and wasm-opt), as it is.
 * 2. The shipped wasm has no names, so it is rebuilt with them: wasm-bindgen, then
 *    wasm-opt with Trunk's settings from index.html plus -g (keep names). Without its
 *    name section it matches the shipped size closely; its top items and per-crate
 *    sums show what the download is made of.
 */
export function twiggyReport(shippedWasm) {
  const out = { preBindgen: { input: PRE_BINDGEN_WASM } };
  if (!existsSync(PRE_BINDGEN_WASM)) {
    out.preBindgen.error = `${PRE_BINDGEN_WASM} not found (run \`make dist\` first)`;
    return out;
  }
  try {
    const items = twiggyItems(PRE_BINDGEN_WASM);
    const code = items.filter((i) => /^code\[\d+\]$/.test(i.name)).length;
    const functions = items.filter((i) => !/^(data|elem|type|global|table|memory|import|export|custom section|data segment|")/.test(i.name)).length;
    Object.assign(out.preBindgen, {
      bytes: statSync(PRE_BINDGEN_WASM).size,
      // Without a name section twiggy can only say code[N].
      namesStripped: code > functions / 2,
      text: run('twiggy', ['top', '-n', '20', PRE_BINDGEN_WASM]),
      top: items.slice(0, 20),
    });
  } catch (err) {
    out.preBindgen.error = err.message;
    return out;
  }

  const { level, params } = wasmOptSettings(readFileSync('index.html', 'utf8'));
  const dir = mkdtempSync(join(tmpdir(), 'rehab-bench-twiggy-'));
  out.shippedNamed = { how: `wasm-bindgen --target web, then wasm-opt -O${level} -g ${params.join(' ')}` };
  try {
    run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', dir, '--out-name', 'named', PRE_BINDGEN_WASM]);
    const named = join(dir, 'named.wasm');
    run(WASM_OPT, [`-O${level}`, '-g', ...params, join(dir, 'named_bg.wasm'), '-o', named]);
    const items = twiggyItems(named);
    const isName = (i) => crateOf(i.name) === '(name section)';
    const nameSection = items.filter(isName).reduce((s, i) => s + i.shallowSize, 0);
    const shipped = items.filter((i) => !isName(i));
    const bytes = shipped.reduce((s, i) => s + i.shallowSize, 0);
    Object.assign(out.shippedNamed, {
      bytesWithoutNames: bytes,
      nameSectionBytes: nameSection,
      shippedBytes: statSync(shippedWasm).size,
      sizeDifferencePercent: (100 * (bytes - statSync(shippedWasm).size)) / statSync(shippedWasm).size,
      top: shipped.slice(0, 20).map((i) => ({ ...i, percent: (100 * i.shallowSize) / bytes })),
      byCrate: byCrate(shipped),
    });
  } catch (err) {
    out.shippedNamed.error = err.message;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
