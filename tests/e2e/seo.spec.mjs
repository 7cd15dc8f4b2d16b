// What crawlers and share previews get, without running JavaScript.
import { ARTICLE, POST, POSTS, SITE, SLUG } from './content.mjs';
import { expect, test } from './fixtures.mjs';

test('the article’s head carries title, description, canonical, Open Graph and JSON-LD', async ({ open }) => {
  const reader = await open({ javaScript: false });
  const { page } = reader;
  await reader.goto(ARTICLE);
  // The post's title, then the site's (the format is the app's: tests/native.rs).
  const title = await page.title();
  expect(title.startsWith(POST.title), title).toBe(true);
  expect(title.endsWith(SITE.name), title).toBe(true);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', POST.summary);
  const canonical = await page.locator('link[rel="canonical"]').getAttribute('href');
  expect(canonical).toBe(new URL(ARTICLE, SITE.url).href);
  await expect(page.locator('meta[property="og:url"]')).toHaveAttribute('content', canonical);
  await expect(page.locator('meta[property="og:type"]')).toHaveAttribute('content', 'article');
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', title);
  await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute('content', 'summary_large_image');
  const ld = JSON.parse(await page.locator('script[type="application/ld+json"]').textContent());
  expect(ld['@type']).toBe('MedicalWebPage');
  expect(ld.reviewedBy.name).toBe(POST.reviewer);
  expect(ld.mainEntity['@type']).toBe('BlogPosting');
  expect(ld.mainEntity.publisher).toMatchObject({ '@type': 'MedicalOrganization', name: SITE.organization, telephone: SITE.phone.tel });
});

test('the sharing image, icons, manifest, sitemap and robots.txt are served', async ({ request }) => {
  const expected = {
    '/og-image.png': 'image/png',
    '/favicon.ico': 'image/x-icon',
    '/icons/icon-192.png': 'image/png',
    '/icons/icon-512.png': 'image/png',
    '/manifest.webmanifest': 'application/manifest+json',
    '/sitemap.xml': 'application/xml',
    '/robots.txt': 'text/plain',
  };
  for (const [path, type] of Object.entries(expected)) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()['content-type'], path).toContain(type);
  }
  const og = await (await request.get('/og-image.png')).body();
  // PNG header: width and height of the IHDR chunk.
  expect([og.readUInt32BE(16), og.readUInt32BE(20)]).toEqual([1200, 630]);
  const sitemap = await (await request.get('/sitemap.xml')).text();
  for (const { slug } of POSTS) expect(sitemap).toContain(`<loc>${new URL(`/blog/${slug}/`, SITE.url).href}</loc>`);
  expect(POSTS.map((p) => p.slug)).toContain(SLUG);
  expect(await (await request.get('/robots.txt')).text()).toMatch(/Sitemap: https:\/\/.+\/sitemap\.xml/);
  const manifest = await (await request.get('/manifest.webmanifest')).json();
  expect(manifest.icons.map((i) => i.sizes)).toEqual(['192x192', '512x512']);
});

test('the not-found page is kept out of search results', async ({ request }) => {
  const html = await (await request.get('/no-such-page')).text();
  expect(html).toContain('<meta name="robots" content="noindex">');
  expect(html).not.toContain('rel="canonical"');
});
