// Images in posts, in every engine, on the fixture blog (tests/fixtures/content, built by
// `make dist-fixture` into target/dist-fixture, served on E2E_PORT + 3): the post with
// photos shows the same pictures, really decoded, on a direct load, after client-side
// navigation from the index and with JavaScript off, and nothing breaks the CSP.
import { FIXTURE_URL, PHOTO_POST as POST } from './content.mjs';
import { expect, test } from './fixtures.mjs';

const PATH = `/blog/${POST.slug}/`;
// The faults server (offline tests) serves the fixture blog too.
test.use({ faultsRoot: 'target/dist-fixture' });

/** The `<img>` attributes the build wrote into the post's prose, in order. */
function expectedImages() {
  const prose = POST.sections.flatMap((s) => s.blocks.filter((b) => b.type === 'prose').map((b) => b.html)).join('');
  const tags = prose.match(/<img [^>]*>/g) ?? [];
  const attr = (tag, name) => tag.match(new RegExp(` ${name}="([^"]*)"`))?.[1].replaceAll('&amp;', '&') ?? null;
  return tags.map((tag) => Object.fromEntries(['src', 'srcset', 'sizes', 'width', 'height', 'alt', 'loading'].map((n) => [n, attr(tag, n)])));
}

/** In the page: each image of the prose, scrolled to (lazy ones load), once all have loaded. */
function loadedImages() {
  const imgs = [...document.querySelectorAll('main .prose img')];
  for (const img of imgs) if (!img.complete) img.scrollIntoView();
  if (imgs.length === 0 || !imgs.every((img) => img.complete && img.naturalWidth > 0)) return null;
  const names = ['src', 'srcset', 'sizes', 'width', 'height', 'alt', 'loading'];
  return imgs.map((img) => ({
    attributes: Object.fromEntries(names.map((n) => [n, img.getAttribute(n)])),
    currentSrc: new URL(img.currentSrc).pathname,
    naturalWidth: img.naturalWidth,
    // The reserved box has the picture's proportions.
    ratio: img.getBoundingClientRect().width / img.getBoundingClientRect().height,
  }));
}

async function expectImages(reader) {
  const expected = expectedImages();
  expect(expected.length, 'the fixture post shows images').toBeGreaterThanOrEqual(2);
  const shown = await reader.waitFor(loadedImages, null, 'every image of the post loaded');
  expect(shown.map((img) => img.attributes)).toEqual(expected);
  for (const [i, img] of shown.entries()) {
    const candidates = expected[i].srcset.split(', ').map((c) => c.split(' ')[0]);
    expect(candidates, 'a copy named by srcset').toContain(img.currentSrc);
    expect(img.naturalWidth).toBeGreaterThan(0);
    expect(img.ratio).toBeCloseTo(Number(expected[i].width) / Number(expected[i].height), 1);
  }
}

test('a post with photos: every picture loads on a direct load', async ({ open }) => {
  const reader = await open({ baseURL: FIXTURE_URL });
  await reader.gotoHydrated(PATH);
  expect(await reader.text('h1')).toBe(POST.title);
  await expectImages(reader);
  expect(await reader.evaluate(() => window.__csp)).toEqual([]);
});

test('a post with photos: the same pictures after client-side navigation from the index', async ({ open }) => {
  const reader = await open({ baseURL: FIXTURE_URL });
  await reader.gotoHydrated('/');
  await reader.evaluate(() => {
    window.__sameDocument = true;
  });
  await reader.click(['main a', POST.title]);
  await reader.waitFor((title) => document.querySelector('h1')?.textContent.trim() === title, POST.title);
  expect(await reader.evaluate(() => window.__sameDocument), 'no full page load').toBe(true);
  await expectImages(reader);
  expect(await reader.evaluate(() => window.__csp)).toEqual([]);
});

test('a post with photos: the pictures with JavaScript off', async ({ open }) => {
  const reader = await open({ baseURL: FIXTURE_URL, javaScript: false });
  await reader.goto(PATH);
  expect(await reader.text('h1')).toBe(POST.title);
  await expectImages(reader);
});

test.describe('offline', () => {
  test.describe.configure({ timeout: 120_000 });

  test('a post with photos read once shows its pictures offline too', async ({ open, faults }) => {
    const reader = await open({ baseURL: faults.url });
    await reader.gotoHydrated(PATH);
    await reader.waitFor(() => navigator.serviceWorker?.controller != null, null, 'the worker controls the page');
    // The worker keeps the smallest copy of each picture of a page it saves.
    const pictures = expectedImages().length;
    await reader.waitFor(
      async (count) => {
        const name = (await caches.keys()).find((n) => n.includes(' pictures '));
        return name != null && (await (await caches.open(name)).keys()).length >= count;
      },
      pictures,
      'the worker kept the pictures',
    );
    faults.fail(/./, 'abort');
    await reader.goto(PATH);
    await reader.waitFor(() => document.querySelector('body > .saved-copy'));
    const shown = await reader.waitFor(loadedImages, null, 'every picture shown offline');
    expect(shown).toHaveLength(pictures);
  });
});
