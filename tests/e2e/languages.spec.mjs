// Two languages, in every engine, on the fixture blog (tests/fixtures/content: the article
// in English at the root and its Spanish translation below /es/; served on E2E_PORT + 3),
// in both runs: each page offers the other language's, marked with its language; following
// it, with the app or without, turns the whole page (its language, title, heading, crisis
// help, skip link, home) Spanish, and Back turns it English again (with the app the other
// language's page loads whole: docs/decisions.md, Languages); a missing page below /es/ is
// the Spanish not-found page, status 404.
import { asShown, FIXTURE_URL, fixtureCompiled } from './content.mjs';
import { fold } from './engines/reader.mjs';
import { expect, test } from './fixtures.mjs';

const SWITCH = '.language-switch a';

/** One language of the fixture blog: its site, its index and the article in it, as compiled. */
function edition(folder, slug) {
  const site = fixtureCompiled(`${folder}site.json`);
  const post = fixtureCompiled(`${folder}posts/${slug}.json`);
  return {
    site,
    home: `/${folder}`,
    index: fixtureCompiled(`${folder}index/1.json`),
    post,
    article: `/${folder}blog/${slug}/`,
    title: `${post.title} | ${site.name}`,
  };
}

const ENGLISH = edition('', 'iop-instead-of-rehab');
// The article's translation, as the English post names it.
const TRANSLATION = ENGLISH.post.translations.find((t) => t.lang === 'es');
const SPANISH = edition('es/', TRANSLATION.path.match(/^es\/blog\/([^/]+)\/$/)[1]);
const MISSING = '/es/blog/no-existe/';

/** The other language's page a page's switch names (a translation: `lang`, `name`, `path` below the base). */
const link = (translation) => ({ href: `/${translation.path}`, hreflang: translation.lang, lang: translation.lang, text: translation.name });

/** The language switch of the reader's page, as its link says it. */
async function languageSwitch(reader) {
  expect(await reader.count(SWITCH)).toBe(1);
  return {
    href: await reader.attr(SWITCH, 'href'),
    hreflang: await reader.attr(SWITCH, 'hreflang'),
    lang: await reader.attr(SWITCH, 'lang'),
    text: await reader.text(SWITCH),
  };
}

/**
 * What the reader's page is, as a reader (and a screen reader) gets it: address, language,
 * title, heading, the crisis notice's title and whether the document is the one `mark` was
 * set in. Null while the page is being replaced.
 */
async function shown(reader) {
  const page = await reader
    .evaluate(() => ({
      path: location.pathname,
      lang: document.documentElement.getAttribute('lang'),
      title: document.title,
      h1: document.querySelector('h1')?.textContent ?? null,
      crisis: document.querySelector('.crisis-top .crisis-title')?.textContent ?? null,
    }))
    .catch(() => null);
  return page && { ...page, h1: page.h1 && fold(page.h1), crisis: page.crisis && fold(page.crisis) };
}

/** The article in one language, as `shown` says it. */
const articleIn = ({ article, site, post, title }) => ({ path: article, lang: site.lang, title, h1: post.title, crisis: site.crisis.title });

test('the compiled editions: English and Spanish, the article translated', () => {
  expect([ENGLISH.site.lang, SPANISH.site.lang]).toEqual(['en', 'es']);
  expect(TRANSLATION.name).toBe('Español');
  expect(SPANISH.post.translations).toEqual([{ lang: 'en', name: 'English', path: 'blog/iop-instead-of-rehab/' }]);
  expect(SPANISH.post.title).not.toBe(ENGLISH.post.title);
  expect(SPANISH.site.crisis.title).not.toBe(ENGLISH.site.crisis.title);
});

for (const javaScript of [true, false]) {
  test(`the English article links its Spanish translation, marked Spanish (JavaScript ${javaScript ? 'on' : 'off'})`, async ({ open }) => {
    const reader = await open({ baseURL: FIXTURE_URL, javaScript });
    if (javaScript) await reader.gotoHydrated(ENGLISH.article);
    else await reader.goto(ENGLISH.article);
    expect(await shown(reader)).toEqual(articleIn(ENGLISH));
    expect(await languageSwitch(reader)).toEqual({ href: SPANISH.article, hreflang: 'es', lang: 'es', text: 'Español' });
  });
}

test('with the app: the switch turns the whole page Spanish, and Back turns it English', async ({ open }) => {
  const reader = await open({ baseURL: FIXTURE_URL });
  await reader.gotoHydrated(ENGLISH.article);
  await reader.click(SWITCH);
  await expect.poll(() => shown(reader)).toEqual(articleIn(SPANISH));
  await reader.waitForApp();
  // The whole page is the Spanish edition's: its skip link, its crisis lines, its home.
  expect(await reader.text('.skip-link')).toBe(SPANISH.site.text.skip_link);
  const crisisLines = (await asShown(reader, SPANISH.site.crisis.lines)).map((line) => fold(line.text));
  expect(await reader.texts('.crisis-top .crisis-lines > li')).toEqual(crisisLines);
  expect(await reader.attr('.site-header a.brand', 'href')).toBe(SPANISH.home);
  expect(await languageSwitch(reader)).toEqual(link(SPANISH.post.translations[0]));

  // As the page's own Back: Firefox's driver never reports a Back to a page restored from its
  // back-forward cache as done; what the reader then sees is polled.
  await reader.evaluate(() => history.back()).catch(() => {});
  await expect.poll(() => shown(reader)).toEqual(articleIn(ENGLISH));
  await reader.waitForApp();
  expect(await reader.text('.skip-link')).toBe(ENGLISH.site.text.skip_link);
  expect(await languageSwitch(reader)).toEqual(link(TRANSLATION));
  await reader.evaluate(() => history.forward()).catch(() => {});
  await expect.poll(() => shown(reader)).toEqual(articleIn(SPANISH));
});

test('without JavaScript: the switch is a plain link, both ways', async ({ open }) => {
  const reader = await open({ baseURL: FIXTURE_URL, javaScript: false });
  await reader.goto(ENGLISH.article);
  await reader.click(SWITCH);
  await expect.poll(() => shown(reader)).toEqual(articleIn(SPANISH));
  expect(await reader.app(), 'the app never starts').toBeNull();
  await reader.click(SWITCH);
  await expect.poll(() => shown(reader)).toEqual(articleIn(ENGLISH));
});

for (const javaScript of [true, false]) {
  test(`the English index links the Spanish one, and back (JavaScript ${javaScript ? 'on' : 'off'})`, async ({ open }) => {
    const reader = await open({ baseURL: FIXTURE_URL, javaScript });
    const indexIn = async ({ home, site }) => ({
      path: home,
      lang: site.lang,
      title: await reader.servedTitle(home),
      h1: site.text.index_title,
      crisis: site.crisis.title,
    });
    if (javaScript) await reader.gotoHydrated(ENGLISH.home);
    else await reader.goto(ENGLISH.home);
    expect(await shown(reader)).toEqual(await indexIn(ENGLISH));
    expect(await languageSwitch(reader)).toEqual(link(ENGLISH.index.translations[0]));
    expect(ENGLISH.index.translations[0].path).toBe('es/');

    await reader.click(SWITCH);
    await expect.poll(() => shown(reader)).toEqual(await indexIn(SPANISH));
    if (javaScript) await reader.waitForApp();
    expect(await reader.text('.index-intro')).toBe(SPANISH.site.text.index_intro);
    expect(await reader.texts('main .post-list h2')).toEqual(SPANISH.index.posts.map((p) => p.title));
    expect(await languageSwitch(reader)).toEqual(link(SPANISH.index.translations[0]));
    expect(SPANISH.index.translations[0].path).toBe('');

    await reader.click(SWITCH);
    await expect.poll(() => shown(reader)).toEqual(await indexIn(ENGLISH));
    if (javaScript) await reader.waitForApp();
    expect(await reader.text('.index-intro')).toBe(ENGLISH.site.text.index_intro);
  });

  test(`a missing page below /es/ is the Spanish not-found page, status 404 (JavaScript ${javaScript ? 'on' : 'off'})`, async ({ open }) => {
    const response = await fetch(new URL(MISSING, FIXTURE_URL));
    expect(response.status).toBe(404);
    expect(await response.text()).toContain(SPANISH.site.text.not_found_title);
    const reader = await open({ baseURL: FIXTURE_URL, javaScript });
    if (javaScript) await reader.gotoHydrated(MISSING);
    else await reader.goto(MISSING);
    expect(await shown(reader)).toEqual({
      path: MISSING,
      lang: 'es',
      title: await reader.servedTitle(MISSING),
      h1: SPANISH.site.text.not_found_title,
      crisis: SPANISH.site.crisis.title,
    });
    expect(await reader.servedTitle(MISSING)).toContain(SPANISH.site.text.not_found_title);
    expect(await reader.attr(['main a', SPANISH.site.text.not_found_home], 'href')).toBe(SPANISH.home);
  });
}
