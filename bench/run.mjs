// `make bench`: the load performance of dist/ against the script-free limit (the same pages
// without any script) and the framework's floor (bench/floor/), and of a blog of 300 posts.
// Prints every figure with its target as pass or MISS and writes everything measured to
// target/bench/results.json. A miss never fails the command. See bench/README.md.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { buildFloor } from './floor.mjs';
import { ARTICLE_SLUG, brotliSize, filesBelow, fx, kb, log, ms, OUT_DIR, PAGES, RUNS, ratio, serveOursAndLimit } from './harness.mjs';
import { measureInteractive } from './interactive.mjs';
import { lighthouseAgainstLimit, THROTTLING_METHODS } from './lighthouse.mjs';
import { clickText, measureLongTasks } from './long-tasks.mjs';
import { measureScale, SCALE_POSTS } from './scale.mjs';

const DIST = 'dist';
// The bundle's base path (`make dist PUBLIC_URL=…` exports it).
const PREFIX = process.env.REHAB_PUBLIC_URL || '/';
const TARGETS = { lcpRatio: 1.05, cls: 0, floorRatio: 1.15, interactiveMs: 3000, longTaskMs: 50, clickMs: 50, dataRatio: 1.05 };

/** Our glue + wasm at brotli -q11: the `_bg.wasm` at the bundle's top and the `.js` of its name. */
async function ourBytes(dir) {
  const wasm = (await filesBelow(dir)).find((f) => /^[^/]+_bg\.wasm$/.test(f));
  if (!wasm) throw new Error(`no *_bg.wasm at the top of ${DIST}/`);
  const size = (f) => brotliSize(readFileSync(join(dir, f)));
  const sizes = { glue: size(wasm.replace(/_bg\.wasm$/, '.js')), wasm: size(wasm) };
  return { ...sizes, brotli: sizes.glue + sizes.wasm };
}

/** Every target with its figure, in the order printed. */
function targets({ lighthouse, bytes, interactive, longTasks, scale }) {
  const out = [];
  const add = (name, value, target, pass) => out.push({ name, value, target, status: pass ? 'pass' : 'MISS' });
  for (const [method, pages] of Object.entries(lighthouse)) {
    for (const p of pages) {
      const r = ratio(p.ours.median, p.limit.median);
      add(
        `${method} ${p.page}: LCP ours / limit`,
        `${fx(r)} (${ms(p.ours.median)} / ${ms(p.limit.median)})`,
        `<= ${TARGETS.lcpRatio}`,
        r != null && r <= TARGETS.lcpRatio,
      );
      add(`${method} ${p.page}: CLS, largest of the runs`, fx(p.clsMax), `= ${TARGETS.cls}`, p.clsMax === TARGETS.cls);
    }
  }
  add(
    'JS+wasm brotli ours / floor',
    `${fx(bytes.ratio)} (${kb(bytes.ours.brotli)} / ${kb(bytes.floor.brotli)})`,
    `<= ${TARGETS.floorRatio}`,
    bytes.ratio <= TARGETS.floorRatio,
  );
  add(
    'time to interactive, comparison',
    `${ms(interactive.median)} (runs ${interactive.runs.map((r) => (r.error ? 'FAILED' : Math.round(r.ms))).join(', ')})`,
    `<= ${TARGETS.interactiveMs / 1000} s, no failed run`,
    interactive.failed === 0 && interactive.median <= TARGETS.interactiveMs,
  );
  for (const p of [...longTasks, ...scale.longTasks].filter((x) => x.app)) {
    // The reference: the same page without its scripts, loaded in the same rounds.
    const limit = [...longTasks, ...scale.longTasks].find((x) => x.name === `${p.name} (limit)`);
    const runs = p.longest.runs.map((d, i) => (d ? `${Math.round(d)} ${p.longest.phases[i]}` : '0')).join(', ');
    add(
      `${p.name}: longest task at 4× CPU`,
      `${ms(p.longest.median)} (runs ${runs}; the limit ${ms(limit.longest.median)})`,
      `<= ${TARGETS.longTaskMs} ms`,
      p.longest.median <= TARGETS.longTaskMs,
    );
    for (const c of p.clicks ?? []) {
      const ref = limit.clicks.find((x) => x.name === c.name);
      add(
        `${p.name}: click "${c.name}" at 4× CPU`,
        `${ms(c.median)} (runs ${c.runs.map(clickText).join(', ')}; the limit ${ms(ref.median)}, runs ${ref.runs.map(clickText).join(', ')})`,
        `<= ${TARGETS.clickMs} ms`,
        c.median <= TARGETS.clickMs,
      );
    }
  }
  add(
    `${SCALE_POSTS}-post blog: largest page data / one-post blog's`,
    `${fx(scale.data.ratio)} (${kb(scale.data.ours.gzip)} / ${kb(scale.data.onePost.gzip)} gzip)`,
    `<= ${TARGETS.dataRatio}`,
    scale.data.ratio <= TARGETS.dataRatio,
  );
  return out;
}

async function main() {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('no dist/index.html: run `make dist` first');
  const git = (...args) => spawnSync('git', args, { encoding: 'utf8' }).stdout.trim();
  const commit = `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--untracked-files=no') ? ' with changes' : ''}`;
  log(`${RUNS} runs per page and side (BENCH_RUNS), ${cpus().length} CPUs, commit ${commit}`);
  // Built first, so that its compile never competes with a measurement.
  const floor = buildFloor();

  const served = await serveOursAndLimit(DIST, PREFIX);
  let results;
  try {
    const ours = await ourBytes(served.dir);
    const bytes = { ours, floor, ratio: ratio(ours.brotli, floor.brotli) };
    log(`Lighthouse, ${THROTTLING_METHODS.join(' then ')} throttling, ours at ${served.ours}, the limit at ${served.limit}`);
    const lighthouse = await lighthouseAgainstLimit(THROTTLING_METHODS, served.ours, served.limit, RUNS);
    log('time to interactive, comparison');
    const interactive = await measureInteractive(`${served.ours}blog/${ARTICLE_SLUG}/`, RUNS);
    log('long tasks and clicks at 4× CPU');
    const longTasks = await measureLongTasks(
      PAGES.flatMap((p) => [
        { name: p.name, url: served.ours + p.path, app: true, click: p.name === 'article' },
        { name: `${p.name} (limit)`, url: served.limit + p.path, app: false, click: p.name === 'article' },
      ]),
      RUNS,
    );
    const scale = await measureScale(served.dir, RUNS);
    results = { commit, runs: RUNS, lighthouse, bytes, interactive, longTasks, scale };
  } finally {
    await served.close();
  }
  results.targets = targets(results);

  await mkdir(OUT_DIR, { recursive: true });
  await writeFile(join(OUT_DIR, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const { bytes, scale } = results;
  console.log(`\nmake bench, commit ${commit}: ${RUNS} runs per page and side, ${cpus().length} CPUs`);
  console.log(`JS+wasm brotli: ours glue ${bytes.ours.glue} B + wasm ${bytes.ours.wasm} B, the floor glue ${bytes.floor.glue} B + wasm ${bytes.floor.wasm} B`);
  console.log(
    `${SCALE_POSTS}-post blog (${SCALE_POSTS} copies and the article): built in ${scale.buildSeconds.toFixed(1)} s; largest page HTML ${kb(scale.html.ours.gzip)} gzip (${fx(scale.html.ratio)} × the one-post blog's)\n`,
  );
  const width = Math.max(...results.targets.map((t) => t.name.length));
  for (const t of results.targets) console.log(`${t.status.padEnd(4)}  ${t.name.padEnd(width)}  ${t.value}  (target ${t.target})`);
  const misses = results.targets.filter((t) => t.status === 'MISS').length;
  console.log(`\n${results.targets.length - misses} pass, ${misses} MISS; everything measured in ${OUT_DIR}/results.json`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
