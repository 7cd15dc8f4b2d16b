// A post's "Share" control, in every engine: the system's share sheet where there is one,
// otherwise the page's address copied and said so; never shown without JavaScript.
import { ARTICLE, POST, TEXT } from './content.mjs';
import { expect, test } from './fixtures.mjs';

const SHARE = '.share-page button';
const STATUS = '.share-page-status';

/** A share sheet that records what it was given and ends as `outcome` says. */
function fakeShareSheet(reader, outcome) {
  return reader.evaluate((outcome) => {
    window.__shared = [];
    navigator.share = (data) => {
      window.__shared.push({ ...data });
      return outcome === 'cancel' ? Promise.reject(new DOMException('closed', 'AbortError')) : Promise.resolve();
    };
  }, outcome);
}

test('the share sheet gets the post’s title and address, without the query the reader made', async ({ reader }) => {
  await reader.gotoHydrated(`${ARTICLE}?compare=php,iop`);
  await fakeShareSheet(reader, 'share');
  await reader.click(SHARE);
  await expect.poll(() => reader.evaluate(() => window.__shared)).toEqual([{ title: POST.title, url: reader.href(ARTICLE) }]);
  expect(await reader.text(STATUS)).toBe('');
});

test('closing the share sheet copies nothing and says nothing', async ({ reader }) => {
  await reader.gotoHydrated(ARTICLE);
  await fakeShareSheet(reader, 'cancel');
  await reader.spyOnClipboard();
  await reader.click(SHARE);
  await expect.poll(() => reader.evaluate(() => window.__shared.length)).toBe(1);
  expect(await reader.copied()).toEqual([]);
  expect(await reader.text(STATUS)).toBe('');
});

test('without a share sheet the address is copied, and the reader is told', async ({ reader }) => {
  await reader.gotoHydrated(ARTICLE);
  // Desktop browsers mostly have no Web Share API.
  await reader.evaluate(() => {
    Object.defineProperty(navigator, 'share', { value: undefined });
  });
  await reader.spyOnClipboard();
  await reader.click(SHARE);
  await expect.poll(() => reader.text(STATUS)).toBe(TEXT.share.copied);
  expect(await reader.copied()).toEqual([reader.href(ARTICLE)]);
});

test('without a share sheet or a clipboard the reader is told where the address is', async ({ reader }) => {
  await reader.gotoHydrated(ARTICLE);
  await reader.evaluate(() => {
    Object.defineProperty(navigator, 'share', { value: undefined });
    Object.defineProperty(navigator, 'clipboard', { value: undefined });
  });
  await reader.click(SHARE);
  await expect.poll(() => reader.text(STATUS)).toBe(TEXT.share.copy_failed);
});

test('JavaScript off: no share control', async ({ open }) => {
  const reader = await open({ javaScript: false });
  await reader.goto(ARTICLE);
  expect(await reader.count('.share-page')).toBe(1);
  expect(await reader.visible('.share-page')).toBe(false);
});
