// On a reader's screen, in every engine: the phone call bar, focus that is never hidden
// under it, the table of contents, and what iPhones need.
import { ARTICLE, asShown, COMPARISON, FAQ, POST, ROUTES, SECTIONS, SITE, TEL, TEXT } from './content.mjs';
import { expect, test } from './fixtures.mjs';

test('keyboard-only walk reaches the call link, every comparison control and every FAQ question, with a visible ring never under the call bar', async ({
  open,
  engine,
}) => {
  // Reduced motion: focus scrolling is instant, so positions can be read at once.
  const reader = await open({ width: 390, height: 800, reducedMotion: 'reduce' });
  await reader.gotoHydrated(ARTICLE);
  const reached = new Set();
  const obscured = [];
  for (let i = 0; i < 150; i++) {
    await reader.press('Tab');
    // Past the last control focus leaves the document: the walk is complete.
    if (await reader.evaluate(() => document.activeElement === document.body)) break;
    const info = await reader.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      const bar = document.querySelector('.call-bar').getBoundingClientRect();
      const inBar = el.closest('.call-bar') !== null;
      return {
        key: el.matches('summary') ? `summary:${el.parentElement.id}` : `${el.tagName}:${el.textContent.trim()}`,
        outline: parseFloat(style.outlineWidth) || 0,
        outlineStyle: style.outlineStyle,
        // Focused content must not sit under the sticky call bar.
        obscured: !inBar && rect.bottom > bar.top + 1 && rect.top < bar.bottom,
        inViewport: rect.bottom > 0 && rect.top < innerHeight,
      };
    });
    if (reached.has(info.key) && info.key === `A:${TEXT.skip_link}`) break; // wrapped around
    reached.add(info.key);
    expect(info.outlineStyle, info.key).not.toBe('none');
    expect(info.outline, info.key).toBeGreaterThanOrEqual(2);
    if (info.obscured) obscured.push(info.key);
    expect(info.inViewport, `${info.key} is off screen`).toBe(true);
  }
  const keys = [...reached];
  expect(keys, engine).toContain(`A:${TEXT.call_bar}`);
  for (const name of [...COMPARISON.programs.map((p) => p.name), TEXT.comparison.only_differences]) {
    expect(keys).toContain(`BUTTON:${name}`);
  }
  expect(keys.filter((k) => k.startsWith('summary:'))).toEqual(FAQ.map((item) => `summary:${item.id}`));
  // Firefox leaves an element already partly in view under the bar: the loader moves it.
  expect(obscured, 'focused, but partly hidden behind the call bar').toEqual([]);
});

for (const [width, shown] of [
  [390, true],
  [767, true],
  [768, false],
  [1280, false],
]) {
  test(`${shown ? 'phones get a sticky call bar, 44 px tall' : 'no call bar'} at ${width} px`, async ({ open }) => {
    const reader = await open({ width, height: 800 });
    await reader.goto(ARTICLE);
    const link = '.call-bar a';
    expect(await reader.visible(link)).toBe(shown);
    if (!shown) return;
    expect(await reader.attr(link, 'href')).toBe(TEL);
    expect(await reader.text(link)).toBe(TEXT.call_bar);
    const bar = await reader.box('.call-bar');
    expect(bar.height).toBeGreaterThanOrEqual(44);
    expect(Math.round(bar.bottom)).toBe(800);
    await reader.evaluate(() => window.scrollTo({ top: document.body.scrollHeight, behavior: 'instant' }));
    // The footer's last line is not hidden under the bar at the end of the page.
    const last = await reader.evaluate(() => [...document.querySelectorAll('.footer-line')].at(-1).getBoundingClientRect().bottom);
    expect(last).toBeLessThanOrEqual((await reader.box('.call-bar')).top);
  });
}

test('iPhones: the call bar clears the home indicator, text keeps its size on rotation, only our tel: links dial', async ({ reader }) => {
  await reader.goto(ARTICLE);
  // The page may draw under the home indicator and the notch (viewport-fit=cover), so what
  // must stay clear of them pads itself by the safe-area insets.
  const viewport = await reader.attr('meta[name="viewport"]', 'content');
  expect(viewport).toContain('viewport-fit=cover');
  const rules = await reader.evaluate(() =>
    [...document.styleSheets].flatMap((sheet) => {
      // Style rules have cssRules too (nesting): only media rules are opened.
      const flat = (list) => [...list].flatMap((r) => (r instanceof CSSMediaRule ? flat(r.cssRules) : [r.cssText]));
      return flat(sheet.cssRules);
    }),
  );
  const ruleFor = (selector) => rules.filter((r) => r.startsWith(`${selector} {`)).join('\n');
  expect(ruleFor('.call-bar')).toContain('env(safe-area-inset-bottom');
  expect(ruleFor('body')).toMatch(/env\(safe-area-inset-left.*env\(safe-area-inset-right|env\(safe-area-inset-right.*env\(safe-area-inset-left/s);
  // iPhone Safari enlarges text in landscape unless told not to. Only iOS parses the
  // prefixed property (desktop engines drop it from the CSSOM), so read the stylesheet.
  const css = await reader.evaluate(async () => (await fetch(document.querySelector('link[rel="stylesheet"]').href)).text());
  expect(css).toMatch(/html \{[^}]*-webkit-text-size-adjust: 100%;[^}]*\}/);
  // Safari would turn other digit runs into phone links of its own guessing.
  expect(await reader.attr('meta[name="format-detection"]', 'content')).toBe('telephone=no');
  const tels = await reader.evaluate(() => [...document.querySelectorAll('a[href^="tel:"]')].map((a) => a.getAttribute('href')));
  expect(tels.length).toBeGreaterThan(3);
  // The site's number and the crisis lines' numbers, as site.json writes them.
  const ours = [TEL, ...SITE.crisis.lines.flatMap((line) => [...line.matchAll(/href="(tel:[^"]+)"/g)].map((m) => m[1]))];
  for (const href of tels) expect(ours).toContain(href);
});

test('table of contents links land on their section, below nothing sticky, and move focus', async ({ reader }) => {
  await reader.gotoHydrated(ARTICLE);
  expect(await reader.texts('nav.toc a')).toEqual(SECTIONS.map((h) => h.text));
  const section = SECTIONS[Math.floor(SECTIONS.length / 2)];
  await reader.click(['nav.toc a', section.text]);
  const heading = `#${section.id}`;
  await expect.poll(() => reader.focused(heading)).toBe(true);
  await expect.poll(() => reader.path()).toBe(`${ARTICLE}${heading}`);
  // Scrolling may be smooth: wait for the heading to arrive in view, below the top edge.
  await expect.poll(() => reader.inViewport(heading)).toBe(true);
  await expect.poll(async () => (await reader.box(heading)).top).toBeGreaterThanOrEqual(0);
  expect(await reader.text('.byline')).toContain(`${TEXT.reviewed_by} ${POST.reviewer}`);
  expect(await reader.text('.byline')).toContain(`${POST.reading_minutes} ${TEXT.reading_time}`);
});

test('dark scheme and reduced motion are honoured', async ({ open }) => {
  const reader = await open({ colorScheme: 'dark', reducedMotion: 'reduce' });
  for (const route of ROUTES) {
    // Each page settled before the next: leaving while the app loads cancels its requests,
    // which Firefox reports as errors of the page left.
    await reader.gotoHydrated(route.path);
    expect(await reader.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(17, 20, 23)');
    expect(await reader.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior)).toBe('auto');
  }
});

test('crisis help in Spanish on every page: marked Spanish, its numbers links, with and without the app; another language’s three lines at most at 320 px', async ({
  open,
}) => {
  // A Spanish page's own crisis lines are Spanish (the page is); another language's page
  // adds Spanish lines, each marked with its language.
  const lines = [
    ...(SITE.lang === 'es' ? SITE.crisis.lines.map((line) => ({ line, marked: false })) : []),
    ...SITE.crisis.other_languages.filter((o) => o.lang === 'es').map((o) => ({ line: o.line, marked: true })),
  ];
  const expected = (
    await asShown(
      await open(),
      lines.map((l) => l.line),
    )
  ).map(({ text, links }, i) => ({ lang: 'es', marked: lines[i].marked, text, links: links.map((a) => a.href) }));
  expect(expected.length, 'crisis lines in Spanish').toBeGreaterThan(0);
  for (const javaScript of [true, false]) {
    const reader = await open({ width: 320, height: 640, javaScript });
    for (const { path } of ROUTES) {
      if (javaScript) await reader.gotoHydrated(path);
      else await reader.goto(path);
      // In the top notice and the footer's: the same lines, each in the language it is
      // marked with, its own or the page's.
      const shown = await reader.evaluate(() =>
        [...document.querySelectorAll('.crisis-lines > li')]
          .map((li) => ({
            lang: li.closest('[lang]')?.getAttribute('lang'),
            marked: li.hasAttribute('lang'),
            text: li.textContent,
            links: [...li.querySelectorAll('a')].map((a) => a.getAttribute('href')),
            lines: Math.round(li.getBoundingClientRect().height / Number.parseFloat(getComputedStyle(li).lineHeight)),
          }))
          .filter((line) => line.lang === 'es'),
      );
      expect(
        shown.map(({ lines, ...line }) => line),
        path,
      ).toEqual([...expected, ...expected]);
      // Lines in another language than the page's add to its notice: they stay short.
      for (const { lines, marked } of shown) if (marked) expect(lines, `${path}: lines at 320 px`).toBeLessThanOrEqual(3);
    }
  }
});
