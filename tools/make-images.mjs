// Regenerates the raster images in public/ from public/favicon.svg and the site's
// name and newest post title (from the built dist/content/): app icons, favicon.ico and
// the 1200×630 sharing image.
// Run with `make images` after changing the brand; the outputs are committed.
import { readFileSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_FLAGS } from './chromium.mjs';

const svg = readFileSync('public/favicon.svg', 'utf8');
const site = JSON.parse(readFileSync('dist/content/site.json', 'utf8'));
const [post] = JSON.parse(readFileSync('dist/content/index/1.json', 'utf8')).posts;
const escapeHtml = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: CHROMIUM_FLAGS,
});

async function render(html, width, height) {
  const page = await browser.newPage({ viewport: { width, height } });
  await page.setContent(`<!doctype html><html><body style="margin:0">${html}</body></html>`);
  const png = await page.screenshot({ omitBackground: true });
  await page.close();
  return png;
}

const icon = (size) =>
  render(`<div style="width:${size}px;height:${size}px">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</div>`, size, size);

writeFileSync('public/icons/icon-192.png', await icon(192));
writeFileSync('public/icons/icon-512.png', await icon(512));
writeFileSync('public/icons/apple-touch-icon.png', await icon(180));

// favicon.ico: an ICO container holding 16, 32 and 48 px PNGs.
const sizes = [16, 32, 48];
const pngs = [];
for (const size of sizes) pngs.push(await icon(size));
const header = Buffer.alloc(6 + 16 * sizes.length);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2);
header.writeUInt16LE(sizes.length, 4);
let offset = header.length;
sizes.forEach((size, i) => {
  const at = 6 + 16 * i;
  header.writeUInt8(size, at);
  header.writeUInt8(size, at + 1);
  header.writeUInt16LE(1, at + 4); // colour planes
  header.writeUInt16LE(32, at + 6); // bits per pixel
  header.writeUInt32LE(pngs[i].length, at + 8);
  header.writeUInt32LE(offset, at + 12);
  offset += pngs[i].length;
});
writeFileSync('public/favicon.ico', Buffer.concat([header, ...pngs]));

const og = await render(
  `<div style="box-sizing:border-box;width:1200px;height:630px;padding:72px 80px;display:flex;flex-direction:column;justify-content:space-between;background:#0b5d57;color:#fff;font-family:Georgia,serif">
    <div style="display:flex;align-items:center;gap:24px;font:700 40px system-ui,sans-serif">
      <div style="width:72px;height:72px">${svg.replace('<svg ', '<svg width="72" height="72" ')}</div>${escapeHtml(site.name)}
    </div>
    <div style="font-size:60px;line-height:1.15;font-weight:700">${escapeHtml(post.title)}</div>
    <div style="font:32px system-ui,sans-serif;opacity:.92">${escapeHtml(site.text.reviewed_by)} ${escapeHtml(post.reviewer)} · ${escapeHtml(site.organization)}</div>
  </div>`,
  1200,
  630,
);
writeFileSync('public/og-image.png', og);
await browser.close();
console.log('wrote public/icons/*.png, public/favicon.ico, public/og-image.png');
