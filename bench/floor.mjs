// The framework's floor: bench/floor/, a bare Leptos app with the crates our browser build
// uses, a member of the workspace (our Cargo.lock, our [profile.release]), built the way Trunk
// builds ours: wasm-bindgen --target web, wasm-opt with index.html's level and flags, the
// glue minified as tools/minify-glue.mjs minifies ours. Its glue + wasm at brotli -q11 is
// what ours is compared with.
//
//   make bench-floor    (build it and print its sizes; `make bench` builds it first)

import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';
import { brotliSize, kb, log, OUT_DIR } from './harness.mjs';

const NAME = 'leptos_floor';
const PKG = join(OUT_DIR, 'floor');

function run(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 << 20 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}:\n${(r.error?.message ?? r.stderr).trim().split('\n').slice(-15).join('\n')}`);
}

/** Builds the floor into target/bench/floor; its glue's and wasm's brotli bytes. */
export function buildFloor() {
  log('floor: cargo build --release --target wasm32-unknown-unknown -p leptos-floor');
  run('cargo', ['build', '--release', '--target', 'wasm32-unknown-unknown', '-p', 'leptos-floor']);
  rmSync(PKG, { recursive: true, force: true });
  mkdirSync(PKG, { recursive: true });
  run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', PKG, `target/wasm32-unknown-unknown/release/${NAME}.wasm`]);
  const shell = readFileSync('index.html', 'utf8');
  const level = shell.match(/data-wasm-opt="(\w+)"/)?.[1] ?? 'z';
  const params =
    shell
      .match(/data-wasm-opt-params="([^"]*)"/)?.[1]
      .split(/\s+/)
      .filter(Boolean) ?? [];
  const wasm = join(PKG, `${NAME}_bg.wasm`);
  // npm's binaryen, as Trunk's build of ours (the Makefile puts it first on PATH).
  run('wasm-opt', [`-O${level}`, ...params, wasm, '-o', wasm]);
  const glue = join(PKG, `${NAME}.js`);
  const { code } = transformSync(readFileSync(glue, 'utf8'), { loader: 'js', format: 'esm', minify: true, legalComments: 'none', logLevel: 'warning' });
  writeFileSync(glue, code);
  const sizes = { glue: brotliSize(readFileSync(glue)), wasm: brotliSize(readFileSync(wasm)) };
  return { ...sizes, brotli: sizes.glue + sizes.wasm };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const floor = buildFloor();
  console.log(`floor, brotli -q11: glue ${floor.glue} B + wasm ${floor.wasm} B = ${floor.brotli} B (${kb(floor.brotli)}), in ${PKG}`);
}
