// Comparing versions: select on the versions page, compare side by side,
// differences and deltas against a baseline, histories on one chart.
import { test, expect, manifest, features, countMlflowRequests } from './seed.mjs';

const modelUrl = (name, q = '') => `/models/${encodeURIComponent(name)}${q}`;
const compareUrl = (name, versions, q = '') => `${modelUrl(name)}/compare?versions=${versions.join('%2C')}${q}`;
const runs = manifest.runs;
// A key's cells, one per version (not the Metrics' "Better when").
const row = (page, section, key) =>
  page.getByRole('region', { name: section }).locator('tbody tr', { has: page.locator(`th:text-is("${key}")`) }).locator('td.compare__cell');

test('select versions, then compare them side by side', async ({ page }) => {
  await page.goto(modelUrl('iris-classifier'));
  const compare = page.getByRole('group', { name: 'Selected versions' }).locator('.button').first();
  await expect(compare).toHaveText('Compare (0)');
  await expect(compare).toHaveAttribute('aria-disabled', 'true');
  await page.getByRole('checkbox', { name: 'Select version 3' }).check();
  // Space toggles from the keyboard; the focus stays on the box.
  const v1 = page.getByRole('checkbox', { name: 'Select version 1' });
  await v1.focus();
  await page.keyboard.press('Space');
  await expect(v1).toBeChecked();
  await expect(v1).toBeFocused();
  await expect(page).toHaveURL(/select=3%2C1/);
  // The selection survives a new sort.
  await page.getByLabel('Sort').selectOption({ label: 'Oldest version first' });
  await expect(page.getByRole('checkbox', { name: 'Select version 3' })).toBeChecked();
  const link = page.getByRole('link', { name: 'Compare (2)' });
  await link.click();
  await expect(page).toHaveURL(new RegExp(`${modelUrl('iris-classifier')}/compare\\?versions=3%2C1$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Compare versions of iris-classifier');
  const heads = page.locator('table.compare-header thead th');
  await expect(heads.nth(1)).toContainText('Version 3');
  await expect(heads.nth(2)).toContainText('Version 1');
  await expect(heads.nth(1)).toContainText('Baseline');
  // Parameters: the baseline's value, and the other marked where it differs.
  const c = row(page, 'Parameters', 'C');
  await expect(c.nth(0)).toHaveText(runs['train-2'].params.C);
  await expect(c.nth(1)).toHaveText(`${runs['train-0'].params.C} \u2260 (differs from the baseline)`);
  // A key the other run lacks is an explicit mark, not a blank, and a
  // difference from the baseline like any other.
  await expect(row(page, 'Parameters', 'note').nth(1)).toHaveText('\u2014not logged \u2260 (differs from the baseline)');
  // Metrics: the value and its delta from the baseline.
  await expect(row(page, 'Metrics', 'accuracy').nth(0)).toHaveText('0.9731');
  await expect(row(page, 'Metrics', 'accuracy').nth(1)).toContainText('0.92 (-0.0531, worse)');
  // Only differences: equal rows go, and how many is said.
  await page.getByLabel('Only differences').check();
  await expect(page).toHaveURL(/diff=1/);
  await expect(page.getByRole('region', { name: 'Run tags' }).locator('.compare__hidden')).toHaveText(/^\d+ equal rows? hidden$/);
  await expect(row(page, 'Run tags', 'dataset')).toHaveCount(0);
  // Another baseline: deltas turn around.
  await page.getByRole('button', { name: 'Make baseline (version 1)' }).click();
  await expect(page).toHaveURL(/base=1/);
  await expect(row(page, 'Metrics', 'accuracy').nth(0)).toContainText('0.9731 (+0.0531, better)');
  // A reload shows the same comparison.
  await page.reload();
  await expect(row(page, 'Metrics', 'accuracy').nth(0)).toContainText('0.9731 (+0.0531, better)');
  await expect(page.getByLabel('Only differences')).toBeChecked();
});

test('histories of every compared version on one chart, one request per run', async ({ page }) => {
  const requests = countMlflowRequests(page);
  await page.goto(compareUrl('iris-classifier', [3, 2, 1]));
  await expect(row(page, 'Metrics', 'accuracy')).toHaveCount(3);
  await page.waitForLoadState('networkidle');
  const kinds = () => requests.map((u) => u.split('/2.0/mlflow/')[1].split('?')[0]);
  // Versions in parallel, each run once, no history yet.
  expect(kinds().filter((k) => k === 'model-versions/get')).toHaveLength(3);
  expect(kinds().filter((k) => k === 'runs/get')).toHaveLength(3);
  expect(kinds().filter((k) => k.startsWith('metrics/'))).toHaveLength(0);
  const history = page.getByRole('region', { name: 'History' });
  await history.getByLabel('Metric').selectOption('loss');
  await expect(history.locator('.line-chart__legend li')).toHaveText(['Version 3', 'Version 2', 'Version 1']);
  await expect(history.locator('.line-chart__series--0 .line-chart__point')).toHaveCount(runs['train-2'].loss_steps);
  expect(kinds().filter((k) => k.startsWith('metrics/get-history'))).toHaveLength(3);
  // Series differ by dash as well as colour.
  const dashes = await history.locator('g.line-chart__series > path[stroke-dasharray]').evaluateAll((ps) => ps.map((p) => p.getAttribute('stroke-dasharray')));
  expect(new Set(dashes).size).toBe(3);
  // Asked again: from the page's cache.
  await history.getByLabel('Metric').selectOption('accuracy');
  await history.getByLabel('Metric').selectOption('loss');
  await expect(history.locator('.line-chart__legend li')).toHaveCount(3);
  expect(kinds().filter((k) => k.startsWith('metrics/get-history'))).toHaveLength(6);
});

test('honest cases: unknown, run-less, failed versions; too many; too few', async ({ page }) => {
  await page.goto(compareUrl(manifest.failed.name, [1, manifest.failed.version, 99]));
  const heads = page.locator('table.compare-header thead th');
  await expect(heads).toHaveCount(4);
  await expect(page.locator('table.compare-header tbody td.compare__missing').first()).toHaveText('No version 99 in this model');
  const status = page.locator('table.compare-header tbody tr', { has: page.locator('th:text-is("Status")') }).locator('td');
  await expect(status.nth(1)).toHaveText('Failed');
  const deploy = page.locator('table.compare-header tbody tr', { has: page.locator('th:text-is("Deploy")') }).locator('td').nth(1).getByRole('button', { name: 'Deploy' });
  await expect(deploy).toHaveAttribute('aria-disabled', 'true');
  await page.goto(compareUrl('no-run-model', [1]));
  await expect(page.locator('.compare__hint')).toContainText('Only one version to compare.');
  await expect(page.locator('table.compare-header tbody')).toContainText('No run: registered without one');
  await page.goto(compareUrl('iris-classifier', Array.from({ length: 11 }, (_, i) => i + 1)));
  await expect(page.getByRole('alert')).toContainText('At most 10 versions can be compared');
  await page.getByRole('link', { name: 'Compare the first 10' }).click();
  await expect(page.locator('table.compare-header thead th')).toHaveCount(11);
});

test('a hostile name compares like any other', async ({ page }) => {
  const name = manifest.hostile.find((n) => n.includes('#'));
  await page.goto(compareUrl(name, [1, 1]));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Compare versions of ${name}`);
  // Duplicates are dropped: one column.
  await expect(page.locator('table.compare-header thead th')).toHaveCount(2);
  await expect(page.locator('table.compare-header thead a')).toHaveAttribute('href', `${modelUrl(name)}/versions/1`);
});
