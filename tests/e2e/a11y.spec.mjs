// Accessible to everyone: axe (WCAG 2.2 AA) in every state and the page's language, in
// Chromium and Firefox (Firefox, slower at it, in one colour scheme and width); skip link,
// crisis numbers, landmarks, reflow, text spacing, target and text sizes, print, in
// Chromium. The keyboard walk, the call bar, the table of contents and dark mode are checked
// in every engine (layout.spec.mjs). Axe runs through Playwright's own page, which WebKit's
// readers have not (tests/e2e/engines/).
import AxeBuilder from '@axe-core/playwright';
import { ARTICLE, asShown, FIXTURE_URL, HOME, LANGUAGE, MISSING, PHOTO_POST, ROUTES, SITE, TEXT } from './content.mjs';
import { fold } from './engines/reader.mjs';
import { expect, test } from './fixtures.mjs';

test.skip(({ engine }) => engine === 'webkit', 'axe and these checks need Playwright’s page: Chromium and Firefox');

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

async function expectNoAxeViolations(page, label) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  const summary = violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, label).toEqual([]);
}

const STATES = [
  { name: 'index', path: HOME },
  { name: 'not-found', path: MISSING },
  { name: 'article', path: ARTICLE },
  { name: 'article, FAQ expanded, three programs', path: `${ARTICLE}?compare=inpatient,php,iop`, expand: true },
  { name: 'article, only differences', path: `${ARTICLE}?compare=php,iop&diff=1` },
];

/**
 * Whether axe checks a colour scheme and width in this engine: every one in Chromium; in
 * Firefox (four times slower at it) the one, its own reading of the same markup, which is
 * what another engine adds (contrast and reflow being the same page's, Chromium's to check).
 */
const AXE_FIREFOX = 'Firefox: axe in light at 1280 px only (Chromium checks every scheme and width)';
const axeChecks = (engine, colorScheme, width) => engine !== 'firefox' || (colorScheme === 'light' && width === 1280);

for (const colorScheme of ['light', 'dark']) {
  for (const width of [390, 1280]) {
    test(`axe: no violations, ${colorScheme}, ${width}px`, async ({ open, engine }) => {
      test.skip(!axeChecks(engine, colorScheme, width), AXE_FIREFOX);
      test.setTimeout(engine === 'firefox' ? 150_000 : 90_000);
      const reader = await open({ colorScheme, width, height: 900 });
      for (const state of STATES) {
        await reader.gotoHydrated(state.path);
        // Screen readers pick their voice by it (WCAG 3.1.1); axe checks only that it is valid.
        expect(await reader.attr('html', 'lang'), state.name).toBe(LANGUAGE);
        if (state.expand) await reader.click('.faq-controls button');
        await expectNoAxeViolations(reader.page, `${state.name} (${colorScheme}, ${width}px)`);
      }
    });
  }
}

test('axe: a post with photos (the fixture blog), light and dark, 390 and 1280 px', async ({ open, engine }) => {
  test.skip(LANGUAGE === 'es', 'the post with photos is English: the English run checks it');
  test.setTimeout(engine === 'firefox' ? 150_000 : 90_000);
  for (const colorScheme of ['light', 'dark']) {
    for (const width of [390, 1280]) {
      if (!axeChecks(engine, colorScheme, width)) continue;
      const reader = await open({ baseURL: FIXTURE_URL, colorScheme, width, height: 900 });
      await reader.gotoHydrated(`/blog/${PHOTO_POST.slug}/`);
      expect(await reader.count('main .prose img')).toBeGreaterThan(0);
      await expectNoAxeViolations(reader.page, `a post with photos (${colorScheme}, ${width}px)`);
    }
  }
});

test('axe: the FAQ and comparison after interaction', async ({ reader, page }) => {
  await reader.gotoHydrated(ARTICLE);
  await page.locator('.toggle-group button').nth(2).click(); // try to go below two: warning shown
  await page.getByRole('button', { name: TEXT.comparison.only_differences }).click();
  await page.locator('details summary').first().click();
  await expectNoAxeViolations(page, 'after interaction');
});

const TEXT_SPACING = `* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }`;

test.describe('in Chromium', () => {
  test.skip(({ engine }) => engine !== 'chromium', 'Chromium’s: Playwright’s own page, print emulation');

  test('skip link is the first Tab stop and moves focus to the main content', async ({ reader, page }) => {
    await reader.gotoHydrated(ARTICLE);
    await page.keyboard.press('Tab');
    const skip = page.locator('.skip-link');
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await expect(skip).toHaveText(TEXT.skip_link);
    await page.keyboard.press('Enter');
    await expect(page.locator('main')).toBeFocused();
    await page.keyboard.press('Tab');
    const inMain = await page.evaluate(() => document.querySelector('main').contains(document.activeElement));
    expect(inMain).toBe(true);
  });

  /** The crisis lines of site.json as compiled: each one's text and links. */
  const crisisLines = async (reader) => (await asShown(reader, SITE.crisis.lines)).map(({ text, links }) => ({ text: fold(text), links }));

  test('crisis numbers near the top and in the footer, all call or text links, 988 both, distinct from the sales CTA', async ({ reader, page }) => {
    for (const { path } of ROUTES) {
      await reader.goto(path);
      const lines = await crisisLines(reader);
      const links = lines.flatMap((line) => line.links);
      // A call and a text message work where mobile data does not: 988 is offered as both.
      expect(links.map((link) => link.href)).toEqual(expect.arrayContaining(['tel:988', 'sms:988']));
      const top = page.getByRole('complementary', { name: SITE.crisis.label });
      await expect(top).toBeVisible();
      for (const scope of [top, page.locator('footer .crisis')]) {
        for (const { href, text } of links) {
          expect(href).toMatch(/^(tel|sms):\+?\d+$/);
          // The lines in the page's language; those in other languages repeat some numbers.
          await expect(scope.locator(`li:not([lang]) a[href="${href}"]`)).toHaveText(text);
        }
        for (const line of lines) await expect(scope).toContainText(line.text);
      }
      // Above the fold on a phone.
      const box = await top.boundingBox();
      expect(box.y).toBeLessThan(400);
    }
    await reader.goto(ARTICLE);
    const crisisBg = await page.locator('.crisis-top').evaluate((el) => getComputedStyle(el).backgroundColor);
    const ctaBg = await page.locator('.call-to-action').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(crisisBg).not.toBe(ctaBg);
  });

  test('landmarks and headings', async ({ reader, page }) => {
    for (const { path } of ROUTES) {
      await reader.goto(path);
      await expect(page.getByRole('banner')).toHaveCount(1);
      await expect(page.getByRole('main')).toHaveCount(1);
      await expect(page.getByRole('contentinfo')).toHaveCount(1);
      expect(await page.getByRole('navigation').count()).toBeGreaterThanOrEqual(1);
      await expect(page.locator('h1')).toHaveCount(1);
      const levels = await page.locator('h1, h2, h3, h4').evaluateAll((hs) => hs.map((h) => Number(h.tagName[1])));
      for (let i = 1; i < levels.length; i++) expect(levels[i] - levels[i - 1]).toBeLessThanOrEqual(1);
    }
  });

  test('reflow at 320 px and WCAG text spacing: nothing scrolls sideways or clips', async ({ open }) => {
    const reader = await open({ width: 320, height: 640 });
    for (const path of [HOME, `${ARTICLE}?compare=inpatient,php,iop`, MISSING]) {
      await reader.gotoHydrated(path);
      // The reader's own style sheet, last in the cascade (adopted: our CSP rightly refuses
      // an inline one).
      await reader.evaluate((css) => {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
      }, TEXT_SPACING);
      if (await reader.count('.faq-controls button')) await reader.click('.faq-controls button');
      const problems = await reader.evaluate(() => {
        const out = [];
        if (document.documentElement.scrollWidth > innerWidth) out.push(`page is ${document.documentElement.scrollWidth}px wide`);
        for (const el of document.querySelectorAll('body *')) {
          const style = getComputedStyle(el);
          if (style.display === 'none' || style.visibility === 'hidden' || el.closest('thead')) continue;
          const clipsX = ['hidden', 'clip'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1;
          const clipsY = ['hidden', 'clip'].includes(style.overflowY) && el.scrollHeight > el.clientHeight + 1;
          const rect = el.getBoundingClientRect();
          if (clipsX || clipsY) out.push(`${el.tagName}.${el.className} clips its text`);
          if (rect.width > 0 && rect.right > innerWidth + 1 && !el.closest('.skip-link')) out.push(`${el.tagName}.${el.className} overflows to ${rect.right}`);
        }
        return out;
      });
      expect(problems, path).toEqual([]);
    }
  });

  test('targets are at least 24×24 px (inline text links excepted)', async ({ reader }) => {
    await reader.gotoHydrated(ARTICLE);
    await reader.click('.faq-controls button');
    const small = await reader.evaluate(() =>
      [...document.querySelectorAll('button, summary, a.button, .call-bar a, .brand')]
        .filter((el) => el.getClientRects().length)
        .map((el) => ({ el: `${el.tagName}.${el.className}:${el.textContent.trim().slice(0, 30)}`, r: el.getBoundingClientRect() }))
        .filter(({ r }) => r.width < 24 || r.height < 24)
        .map(({ el }) => el),
    );
    expect(small).toEqual([]);
  });

  test('text is at least 16 px and lines about 65 characters', async ({ open }) => {
    const reader = await open({ width: 1280, height: 900 });
    const { page } = reader;
    await reader.goto(ARTICLE);
    const sizes = await page.locator('main p').evaluateAll((ps) => ps.map((p) => parseFloat(getComputedStyle(p).fontSize)));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(16);
    const chars = await page
      .locator('.post-intro p')
      .nth(1)
      .evaluate((p) => {
        const probe = document.createElement('span');
        probe.textContent = 'abcdefghijklmnopqrstuvwxyz'.repeat(4);
        probe.style.whiteSpace = 'nowrap'; // one line, so its width is the text's width
        p.append(probe);
        const perChar = probe.getBoundingClientRect().width / probe.textContent.length;
        probe.remove();
        return p.getBoundingClientRect().width / perChar;
      });
    console.log(`characters per line: ${chars.toFixed(1)}`);
    expect(chars).toBeGreaterThan(58);
    expect(chars).toBeLessThan(72);
  });

  test('print: no navigation or call bar, answers expanded, phone printed, link targets shown', async ({ open }) => {
    const reader = await open({ width: 390, height: 900 });
    const { page } = reader;
    await reader.gotoHydrated(ARTICLE);
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.site-nav')).toBeHidden();
    await expect(page.locator('.call-bar')).toBeHidden();
    await expect(page.locator('.toc')).toBeHidden();
    await expect(page.locator('.faq-answer').last()).toBeVisible();
    await expect(page.locator('.header-call')).toContainText(SITE.phone.display);
    const after = await page
      .locator('main a[href^="https://"]')
      .first()
      .evaluate((a) => [a.getAttribute('href'), getComputedStyle(a, '::after').content]);
    expect(after[1]).toContain(after[0]);
  });
});
