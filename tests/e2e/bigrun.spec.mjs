// A deep-learning-sized run: 1,000 parameters and a loss over many steps.
// The chart asks for a sampled history (one request) where MLflow has
// get-history-bulk-interval, and falls back to the whole history, thinned
// in the page, where it does not (MLflow 2.9 and older).
import { test, expect, manifest, features, countMlflowRequests } from './seed.mjs';

const big = manifest.big_run;
const versionUrl = (name, v) => `/models/${encodeURIComponent(name)}/versions/${v}`;
const sampled = !/^(1\.|2\.[0-9]\.)/.test(features.mlflow_version);

test('the big run\'s history is charted with few requests, its 1,000 parameters filter at once', async ({ page }) => {
  // Releases without sampled histories (2.9 and older) send the whole
  // 20,000-step history: under CPU load this took up to 28 s of the 30 s a
  // single view is given.
  test.setTimeout(90_000);
  const requests = countMlflowRequests(page);
  await page.goto(versionUrl(big.name, big.version));
  const params = page.locator('table.kv-table:has(caption:text-is("Parameters")) tbody tr');
  await expect(params).toHaveCount(big.params);
  await page.getByLabel('Filter parameters').fill('layer_0999');
  await expect(params).toHaveCount(1);
  const loss = page.locator('.metric-history[data-metric="loss"]');
  await loss.scrollIntoViewIfNeeded();
  await expect(loss.locator('.metric-history__summary')).toContainText('loss over');
  await expect(loss.locator('g.line-chart__series path').first()).toHaveAttribute('d', /^M/);
  const history = requests.filter((u) => u.includes('/metrics/get-history'));
  const bulk = history.filter((u) => u.includes('get-history-bulk-interval'));
  if (sampled) {
    // One sampled answer, never the whole history.
    expect(bulk).toHaveLength(1);
    expect(history).toHaveLength(1);
    expect(new URL(bulk[0]).searchParams.get('run_ids')).toBe(big.run_id);
    await expect(loss.locator('.metric-history__summary')).toContainText(`to ${big.steps - 1}`);
    await expect(loss.locator('.metric-history__summary')).toContainText('sampled points');
  } else {
    // The endpoint is missing: asked once, then the whole history (this
    // release answers it unpaged), drawn thinned.
    expect(bulk).toHaveLength(1);
    expect(history.length).toBeLessThanOrEqual(1 + Math.ceil(big.steps / 1000));
    await expect(loss.locator('.metric-history__summary')).toContainText(`over ${big.steps} steps`);
  }
  // Zoom into a step range: asked again for that range.
  await loss.getByLabel('Steps from').fill('1000');
  await loss.getByLabel('to', { exact: true }).fill('2000');
  await loss.getByRole('button', { name: 'Zoom' }).click();
  await expect(loss.locator('.metric-history__summary')).toContainText(sampled ? 'steps 1000 to 2000' : 'over 1001 steps');
  if (sampled) {
    const zoomed = requests.filter((u) => u.includes('get-history-bulk-interval')).at(-1);
    expect(new URL(zoomed).searchParams.get('start_step')).toBe('1000');
    expect(new URL(zoomed).searchParams.get('end_step')).toBe('2000');
  }
  await loss.getByRole('button', { name: 'All steps' }).click();
  await expect(loss.locator('.metric-history__summary')).toContainText(sampled ? `to ${big.steps - 1}` : `over ${big.steps} steps`);
  // However long the history, the chart draws a bounded number of points.
  const d = await loss.locator('g.line-chart__series path').first().getAttribute('d');
  expect(d.split('L').length).toBeLessThan(2 * 1400 + 3);
});
