// What a page costs as the blog grows. Writes target/bench/scale-content (content/ with
// SCALE_POSTS copies of the article beside it, each with its own slug, title and date), builds
// it with `trunk build --release` into target/bench/scale-dist, and measures: the build's
// time; the largest page data (`_data/`, what hydration reads) and page HTML, gzip -9, against
// the one-post bundle's; the longest task of its index and of a post at 4× CPU, with the same
// pages of its script-free limit in the same rounds (long-tasks.mjs).

import { spawnSync } from 'node:child_process';
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ARTICLE_SLUG, filesBelow, log, OUT_DIR, ratio, serveOursAndLimit } from './harness.mjs';
import { measureLongTasks } from './long-tasks.mjs';

export const SCALE_POSTS = 300;
const CONTENT = join(OUT_DIR, 'scale-content');
const SCALE_DIST = join(OUT_DIR, 'scale-dist');

async function writeContent() {
  await rm(CONTENT, { recursive: true, force: true });
  await cp('content', CONTENT, { recursive: true });
  const article = await readFile(join('content/posts', `${ARTICLE_SLUG}.md`), 'utf8');
  for (let i = 1; i <= SCALE_POSTS; i++) {
    const day = new Date(Date.UTC(2025, 0, 1) - i * 86_400_000).toISOString().slice(0, 10);
    const post = article.replace(/^title = "(.*)"$/m, (_, title) => `title = "${title} (copy ${i})"\npublished = ${day}`).replace(/^draft = .*$/m, '');
    await writeFile(join(CONTENT, 'posts', `copy-${i}-of-the-article.md`), post);
  }
}

/** The largest file below `dir` whose path `pick`s, gzip -9. */
async function largest(dir, pick) {
  let best = null;
  for (const file of (await filesBelow(dir)).filter(pick)) {
    const gzip = gzipSync(await readFile(join(dir, file)), { level: 9 }).length;
    if (!best || gzip > best.gzip) best = { file, gzip };
  }
  return best;
}
const largestData = (dir) => largest(dir, (f) => f.startsWith('_data/'));
const largestHtml = (dir) => largest(dir, (f) => f.endsWith('.html'));

/** `onePost`: the one-post bundle (dist/) to compare with. */
export async function measureScale(onePost, runs) {
  log(`scale: ${SCALE_POSTS} copies of the article in ${CONTENT}, trunk build --release into ${SCALE_DIST}`);
  await writeContent();
  const started = Date.now();
  // Run by make, whose PATH puts npm's wasm-opt first.
  const build = spawnSync('trunk', ['build', '--release', '--public-url', '/', '--dist', SCALE_DIST], {
    encoding: 'utf8',
    maxBuffer: 256 << 20,
    env: { ...process.env, REHAB_CONTENT_DIR: join(process.cwd(), CONTENT), REHAB_PUBLIC_URL: '/' },
  });
  if (build.status !== 0)
    throw new Error(`trunk build of the ${SCALE_POSTS}-post blog:\n${`${build.stdout}\n${build.stderr}`.trim().split('\n').slice(-15).join('\n')}`);
  const buildSeconds = (Date.now() - started) / 1000;
  const data = { ours: await largestData(SCALE_DIST), onePost: await largestData(onePost) };
  const html = { ours: await largestHtml(SCALE_DIST), onePost: await largestHtml(onePost) };

  log(`scale: longest task at 4× CPU, its index and a post, ${runs} loads each`);
  const served = await serveOursAndLimit(SCALE_DIST);
  let longTasks;
  try {
    const pages = [
      { name: 'index', path: '' },
      { name: 'post', path: `blog/copy-${SCALE_POSTS / 2}-of-the-article/` },
    ];
    longTasks = await measureLongTasks(
      pages.flatMap((p) => [
        { name: `${SCALE_POSTS}-post ${p.name}`, url: served.ours + p.path, app: true },
        { name: `${SCALE_POSTS}-post ${p.name} (limit)`, url: served.limit + p.path, app: false },
      ]),
      runs,
    );
  } finally {
    await served.close();
  }
  return {
    buildSeconds,
    data: { ...data, ratio: ratio(data.ours.gzip, data.onePost.gzip) },
    html: { ...html, ratio: ratio(html.ours.gzip, html.onePost.gzip) },
    longTasks,
  };
}
