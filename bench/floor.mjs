// The framework's floor: bench/floor/, a bare Leptos app with the crates our browser build
// uses, built the way Trunk builds ours (our release profile, wasm-bindgen --target web,
// wasm-opt with index.html's level and flags). Its glue .js + _bg.wasm at brotli -q11 is
// what our own glue + wasm is compared with.
//
//   node bench/floor.mjs     (`make bench-floor`: build it and print its sizes)

import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileSizes, WASM_OPT } from './sizes.mjs';
import { kb, log, run, table, wasmOptSettings } from './util.mjs';

const FLOOR_DIR = 'bench/floor';
const TARGET_DIR = resolve('target/floor');
const WASM_NAME = 'leptos_floor';
const OUT_DIR = join(TARGET_DIR, 'pkg');

// ---------------------------------------------------------------- keeping it in sync

/** The `[name]` table of a Cargo.toml as text, up to the next table header. */
const section = (toml, name) => toml.match(new RegExp(`^\\[${name.replace(/[.[\]]/g, '\\$&')}\\]\\s*$([\\s\\S]*?)(?=^\\[|(?![\\s\\S]))`, 'm'))?.[1] ?? null;
const lines = (text) =>
  (text ?? '')
    .split('\n')
    .map((l) => l.replace(/#.*$/, '').trim())
    .filter(Boolean);

/** `name = …` in [dependencies], as { features: [...], defaultFeatures, version }. */
function dependency(toml, name) {
  const deps = section(toml, 'dependencies') ?? '';
  const m = deps.match(new RegExp(`^${name.replace(/-/g, '[-_]')}\\s*=\\s*(.*?)$(?:[\\s\\S]*?\\]\\s*\\})?`, 'm'));
  if (!m) return null;
  // Multi-line `{ …, features = [ … ] }` entries: take the text up to the closing brace.
  const start = deps.indexOf(m[0]);
  let text = m[1];
  if (text.startsWith('{') && !/\}\s*$/.test(text)) text = deps.slice(start).slice(0, deps.slice(start).indexOf('}') + 1);
  const version = text.match(/^"([^"]+)"/)?.[1] ?? text.match(/version\s*=\s*"([^"]+)"/)?.[1] ?? null;
  const features = [...(text.match(/features\s*=\s*\[([^\]]*)\]/)?.[1] ?? '').matchAll(/"([^"]+)"/g)].map((x) => x[1]).sort();
  return { version, features, defaultFeatures: !/default-features\s*=\s*false/.test(text) };
}

/**
 * What differs between our Cargo.toml's browser build (its dependencies, the `hydrate`
 * feature, [profile.release]) and bench/floor/Cargo.toml; [] when in sync.
 */
export function floorDrift(ours = readFileSync('Cargo.toml', 'utf8'), floor = readFileSync(join(FLOOR_DIR, 'Cargo.toml'), 'utf8')) {
  const drift = [];
  const hydrate = [...(ours.match(/^hydrate\s*=\s*\[([^\]]*)\]/m)?.[1] ?? '').matchAll(/"([^"]+)"/g)].map((m) => m[1]);
  if (!hydrate.length) drift.push('our Cargo.toml has no `hydrate` feature');
  // Always-on crates the browser build uses, then the optional ones the feature turns on.
  const crates = new Map(['leptos', 'leptos_router', 'leptos_server', 'serde', 'wasm-bindgen', 'js-sys'].map((c) => [c, []]));
  for (const f of hydrate) {
    const [, dep, crateFeature] = f.match(/^(?:dep:)?([\w-]+)(?:\/([\w-]+))?$/) ?? [];
    if (!dep) continue;
    if (!crates.has(dep)) crates.set(dep, []);
    if (crateFeature) crates.get(dep).push(crateFeature);
  }
  for (const [name, featureFeatures] of crates) {
    const a = dependency(ours, name);
    const b = dependency(floor, name);
    if (!a) continue;
    if (!b) {
      drift.push(`${name}: in our browser build, not in the floor`);
      continue;
    }
    const want = [...new Set([...a.features, ...featureFeatures])].sort().join(',');
    if (want !== b.features.join(',')) drift.push(`${name}: features [${want}] in ours, [${b.features.join(',')}] in the floor`);
    if (a.defaultFeatures !== b.defaultFeatures) drift.push(`${name}: default-features ${a.defaultFeatures} in ours, ${b.defaultFeatures} in the floor`);
    if (a.version !== b.version) drift.push(`${name}: version "${a.version}" in ours, "${b.version}" in the floor`);
  }
  const norm = (n) => n.replace(/_/g, '-');
  const known = new Set([...crates.keys()].map(norm));
  for (const [, name] of (section(floor, 'dependencies') ?? '').matchAll(/^([\w-]+)\s*=/gm)) {
    if (!known.has(norm(name))) drift.push(`${name}: in the floor, not in our browser build`);
  }
  const profile = (t) => lines(section(t, 'profile.release')).sort().join('; ');
  if (profile(ours) !== profile(floor)) drift.push(`[profile.release]: "${profile(ours)}" in ours, "${profile(floor)}" in the floor`);
  return drift;
}

// ---------------------------------------------------------------- build

/** Builds the floor into target/floor/pkg and measures its glue + wasm. */
export function buildFloor() {
  const drift = floorDrift();
  for (const d of drift) log(`floor out of sync with Cargo.toml: ${d}`);
  // Our lock file, so every crate resolves to the version our build uses.
  copyFileSync('Cargo.lock', join(FLOOR_DIR, 'Cargo.lock'));
  const env = { ...process.env, CARGO_TARGET_DIR: TARGET_DIR };
  log('floor: cargo build --release --target wasm32-unknown-unknown (bench/floor, target/floor)');
  run('cargo', ['build', '--release', '--target', 'wasm32-unknown-unknown', '--manifest-path', join(FLOOR_DIR, 'Cargo.toml')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const input = join(TARGET_DIR, 'wasm32-unknown-unknown/release', `${WASM_NAME}.wasm`);
  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });
  run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', OUT_DIR, input]);
  const { level, params } = wasmOptSettings(readFileSync('index.html', 'utf8'));
  const bindgenWasm = join(OUT_DIR, `${WASM_NAME}_bg.wasm`);
  const optimised = join(OUT_DIR, `${WASM_NAME}_opt.wasm`);
  run(WASM_OPT, [`-O${level}`, ...params, bindgenWasm, '-o', optimised]);
  copyFileSync(optimised, bindgenWasm);
  rmSync(optimised);
  const wasm = fileSizes(bindgenWasm, `target/floor/pkg/${WASM_NAME}_bg.wasm`);
  const glue = fileSizes(join(OUT_DIR, `${WASM_NAME}.js`), `target/floor/pkg/${WASM_NAME}.js`);
  return {
    how: `cargo build --release (bench/floor/Cargo.toml: our [profile.release], our Cargo.lock), wasm-bindgen --target web --no-typescript, ${WASM_OPT} -O${level} ${params.join(' ')}`,
    drift,
    wasm,
    glue,
    raw: wasm.raw + glue.raw,
    gzip: wasm.gzip + glue.gzip,
    brotli: wasm.brotli + glue.brotli,
  };
}

export function floorTable(floor) {
  const row = (f) => [f.path, f.raw, f.gzip, f.brotli, kb(f.brotli)];
  return table(
    ['floor file', 'raw', 'gzip -9', 'brotli -q11', ''],
    [row(floor.wasm), row(floor.glue), ['total', floor.raw, floor.gzip, floor.brotli, kb(floor.brotli)]],
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!existsSync('Cargo.lock')) throw new Error('run from the repository root');
  const floor = buildFloor();
  console.log(floorTable(floor));
  console.log(
    floor.drift.length
      ? `out of sync with Cargo.toml:\n  ${floor.drift.join('\n  ')}`
      : 'in sync with Cargo.toml (hydrate dependencies, features, release profile)',
  );
}
