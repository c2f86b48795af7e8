// One number format everywhere, and charts a person can read: labels at
// their real size, values by pointer and keyboard, min/max/last stated.
import { test, expect, manifest } from './seed.mjs';

const versionUrl = (name, v) => `/models/${encodeURIComponent(name)}/versions/${v}`;
const cell = (page, table, key) =>
  page.locator(`table.kv-table:has(caption:text-is("${table}")) tr`, { has: page.locator(`th:text-is("${key}")`) }).locator('td');

test('metrics and numeric params read short, the exact value on hover', async ({ page }) => {
  await page.goto(versionUrl('numbers-edge', 1));
  const metrics = {
    auc: ['0.9', '0.8999999999999999'],
    diverged: ['NaN', null],
    // MLflow's store keeps an infinity as the largest double.
    overflow: [/^(\u221e|1\.798e308)$/, null],
    underflow: [/^(-\u221e|-1\.798e308)$/, null],
    tiny: ['1e-9', null],
    huge: ['1e12', null],
    epochs: ['100', null],
    delta: ['-0.5', null],
  };
  for (const [key, [shown, exact]] of Object.entries(metrics)) {
    const td = cell(page, 'Metrics', key);
    await expect(td, key).toHaveText(shown);
    if (exact) await expect(td, key).toHaveAttribute('title', exact);
  }
  await expect(cell(page, 'Parameters', 'lr')).toHaveText('0.3');
  await expect(cell(page, 'Parameters', 'lr')).toHaveAttribute('title', '0.30000000000000004');
  await expect(cell(page, 'Parameters', 'layers')).toHaveText('3');
});

test('a flat history and a one-point history are still drawn mid-chart', async ({ page }) => {
  await page.goto(versionUrl('numbers-edge', 1));
  for (const [metric, n, summary] of [
    ['flat', 4, 'flat over 4 steps: min 0.5, max 0.5, last 0.5.'],
    ['single', 1, 'single over 1 step: min 0.25, max 0.25, last 0.25.'],
  ]) {
    const chart = page.locator(`.metric-history[data-metric="${metric}"]`);
    await chart.scrollIntoViewIfNeeded();
    await expect(chart.locator('.metric-history__summary')).toHaveText(summary);
    await expect(chart.locator('.line-chart__point')).toHaveCount(n);
    const svg = await chart.locator('svg').first().boundingBox();
    const dot = await chart.locator('.line-chart__point').first().boundingBox();
    const middle = dot.y + dot.height / 2 - svg.y;
    expect(middle / svg.height, metric).toBeGreaterThan(0.3);
    expect(middle / svg.height, metric).toBeLessThan(0.7);
  }
});

for (const width of [390, 1400]) {
  test(`at ${width} px chart labels are at least 11 px tall and values can be read by keyboard and pointer`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(versionUrl('iris-classifier', 3));
    const loss = page.locator('.metric-history[data-metric="loss"]');
    await loss.scrollIntoViewIfNeeded();
    await expect(loss.locator('.line-chart__point')).toHaveCount(manifest.runs['train-2'].loss_steps);
    // Drawn at the size shown: an 11 px label is 11 px on screen.
    const heights = await loss.locator('.line-chart__axis').evaluateAll((els) =>
      els.map((e) => parseFloat(getComputedStyle(e).fontSize) * (e.ownerSVGElement.getBoundingClientRect().width / e.ownerSVGElement.viewBox.baseVal.width)));
    expect(heights.length).toBeGreaterThan(4);
    for (const h of heights) expect(h).toBeGreaterThanOrEqual(11);
    // Round-number ticks on the value axis.
    const labels = await loss.locator('text.line-chart__axis[text-anchor="end"]').allTextContents();
    expect(labels.length).toBeGreaterThan(1);
    for (const l of labels) expect(l).toMatch(/^-?\d+(\.\d{1,2})?$/);
    // Keyboard: the chart takes focus, arrows read each step.
    const plot = loss.locator('.line-chart__plot');
    await plot.focus();
    await page.keyboard.press('ArrowRight');
    await expect(loss.locator('.line-chart__readout')).toHaveText('Step 0: 0.7');
    await page.keyboard.press('End');
    await expect(loss.locator('.line-chart__readout')).toHaveText('Step 7: 0.085');
    await page.keyboard.press('ArrowLeft');
    await expect(loss.locator('.line-chart__readout')).toHaveText('Step 6: 0.09');
    // Pointer: the nearest step to the left edge of the plot.
    const box = await plot.boundingBox();
    await page.mouse.move(box.x + 1, box.y + box.height / 2);
    await expect(loss.locator('.line-chart__readout')).toHaveText('Step 0: 0.7');
  });
}

test('charts follow the colour scheme', async ({ page }) => {
  const colour = async (scheme) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(versionUrl('iris-classifier', 3));
    await page.locator('.metric-history[data-metric="loss"]').scrollIntoViewIfNeeded();
    const series = page.locator('.metric-history[data-metric="loss"] .line-chart__series--0').first();
    await expect(series).toBeAttached();
    return series.evaluate((e) => getComputedStyle(e).color);
  };
  expect(await colour('light')).toBe('rgb(11, 99, 197)');
  expect(await colour('dark')).toBe('rgb(68, 147, 248)');
});
