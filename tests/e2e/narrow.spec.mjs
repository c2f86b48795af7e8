// Narrow screens and long names: no page may be wider than the viewport.
// Long names and chips truncate (the full text is still there), code
// scrolls in its own box, wide tables scroll inside their frame. Each page is
// also written as a screenshot under .run/screenshots/ for people to look at.
import { fileURLToPath } from 'node:url';
import { test, expect, manifest } from './seed.mjs';

const shots = fileURLToPath(new URL('../../.run/screenshots/', import.meta.url));
const modelUrl = (name, q = '') => `/models/${encodeURIComponent(name)}${q}`;
const versionUrl = (name, v) => `/models/${encodeURIComponent(name)}/versions/${v}`;
const handoffUrl = (name, v) => `/deployments/create?modelURI=${encodeURIComponent(`models:/${encodeURIComponent(name)}/${v}`)}`;

const pages = [
  { shot: 'model-list', url: '/models', ready: 'table.model-table tbody tr' },
  // Its cells show "…" until the runs answer: measured with their values.
  { shot: 'versions', url: modelUrl('iris-classifier', '?cols=1&p=C&p=solver&m=accuracy&m=f1'), ready: 'td.metric-cell', text: /\d/ },
  { shot: 'version', url: versionUrl('iris-classifier', 3), ready: '.serve-command' },
  { shot: 'version-long-name', url: versionUrl(manifest.long_name, 1), ready: '.serve-command' },
  { shot: 'versions-long-name', url: modelUrl(manifest.long_name), ready: 'table.versions-table tbody tr' },
  { shot: 'compare', url: `${modelUrl('iris-classifier')}/compare?versions=3%2C2%2C1`, ready: 'table.compare-header tbody tr' },
  { shot: 'create-deployment', url: handoffUrl(manifest.long_name, 1), ready: '.serve-command' },
];

for (const width of [390, 1400]) {
  for (const scheme of ['light', 'dark']) {
    test(`at ${width} px (${scheme}) no page is wider than the screen`, async ({ page }) => {
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme: scheme });
      for (const p of pages) {
        await page.goto(p.url);
        await expect(page.locator(p.ready).first()).toBeVisible();
        if (p.text) await expect(page.locator(p.ready).first()).toHaveText(p.text);
        const wide = await page.evaluate(() => document.documentElement.scrollWidth);
        const culprits = wide <= width ? [] : await page.evaluate((w) => [...document.querySelectorAll('body *')]
          .filter((e) => e.getBoundingClientRect().right > w + 1 && ![...e.querySelectorAll('*')].some((c) => c.getBoundingClientRect().right > w + 1))
          .slice(0, 5).map((e) => `${e.tagName}.${e.className}`), width);
        expect(wide, `${p.shot} is ${wide} px wide: ${culprits.join(', ')}`).toBeLessThanOrEqual(width);
        // Every Copy button can be reached on screen.
        for (const b of await page.getByRole('button', { name: /^Copy/ }).all()) {
          const box = await b.boundingBox();
          expect(box.x + box.width, `${p.shot}: ${await b.textContent()}`).toBeLessThanOrEqual(width);
        }
        await page.screenshot({ path: `${shots}${p.shot}-${width}-${scheme}.png`, fullPage: true });
      }
    });
  }
}

test('a long name is truncated on screen and whole for reading and copying', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 900 });
  await page.goto(versionUrl(manifest.long_name, 1));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Version 1');
  // The model's name is all there for screen readers and on hover.
  const of = page.locator('.version-page__model a');
  await expect(of).toHaveText(manifest.long_name);
  await expect(page.locator('.model-uri')).toHaveText(`models:/${manifest.long_name}/1`);
});

/** Words of the versions table's cells that the layout split over two lines. */
async function splitWords(page) {
  return page.evaluate(() => {
    const bad = [];
    for (const el of document.querySelectorAll('table.versions-table th, table.versions-table td')) {
      for (const word of el.textContent.split(/\s+/).filter((w) => w.length > 1)) {
        const range = document.createRange();
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        let node;
        while ((node = walker.nextNode())) {
          const at = node.textContent.indexOf(word);
          if (at < 0) continue;
          range.setStart(node, at);
          range.setEnd(node, at + word.length);
          if (range.getClientRects().length > 1) bad.push(word);
          break;
        }
      }
    }
    return bad;
  });
}

for (const width of [1400, 900, 600]) {
  test(`at ${width} px, chosen columns wrap between words, never inside one`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(modelUrl('iris-classifier', '?cols=1&p=C&p=learning_rate&p=solver&p=note&m=accuracy&m=f1&m=loss&m=auc'));
    // The cells show "…" until the runs answer: wait for the values, the
    // words this test is about.
    await expect(page.locator('td.metric-cell').first()).toHaveText(/\d/);
    expect(await splitWords(page)).toEqual([]);
    // The check sees a split word: with the version links squeezed and
    // allowed to break anywhere, it does.
    await page.evaluate(() => {
      for (const el of document.querySelectorAll('table.versions-table tbody th a')) {
        Object.assign(el.style, { display: 'inline-block', width: '2.5rem', whiteSpace: 'normal', overflowWrap: 'anywhere' });
      }
    });
    expect(await splitWords(page)).not.toEqual([]);
  });
}
