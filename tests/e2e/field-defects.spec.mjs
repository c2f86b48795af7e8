// Data from public bug reports against MLflow's registry, seeded on each
// release that can hold it (tests/fixtures/seed_mlflow.py, `field_defects`
// in the manifest), and what a user sees of it.
import { test, expect, manifest, features } from './seed.mjs';

const fd = manifest.field_defects ?? {};
const versionUrl = (name, v, query = '') => `/models/${encodeURIComponent(name)}/versions/${v}${query}`;
const modelUrl = (name, query = '') => `/models/${encodeURIComponent(name)}${query}`;
const compareUrl = (name, query) => `/models/${encodeURIComponent(name)}/compare${query}`;

/** Every field of every field list on the page: one label and one value,
 *  the value beside its label (same line, to its right) or, on a narrow
 *  screen, under it. */
async function expectLabelsBesideValues(page, { stacked = false } = {}) {
  const lists = page.locator('dl.field-list');
  await expect(lists.first()).toBeVisible();
  const fields = await lists.evaluateAll((dls) => dls.flatMap((dl) => [...dl.children].map((field) => {
    const dt = [...field.children].filter((c) => c.tagName === 'DT');
    const dd = [...field.children].filter((c) => c.tagName === 'DD');
    const box = (e) => e && e.getBoundingClientRect();
    return {
      tag: field.tagName, cls: field.className, dts: dt.length, dds: dd.length,
      label: dt[0]?.textContent, dt: box(dt[0]), dd: box(dd[0]),
    };
  })));
  expect(fields.length).toBeGreaterThan(2);
  for (const f of fields) {
    expect(`${f.tag}.${f.cls}: ${f.dts} dt, ${f.dds} dd`, f.label).toBe('DIV.field: 1 dt, 1 dd');
    if (stacked) {
      expect(f.dd.top, `${f.label}: value under its label`).toBeGreaterThanOrEqual(f.dt.bottom - 1);
    } else {
      expect(f.dd.top < f.dt.bottom && f.dd.bottom > f.dt.top, `${f.label}: value on its label's line`).toBe(true);
      expect(f.dd.left, `${f.label}: value right of its label`).toBeGreaterThan(f.dt.right);
    }
  }
  // One column of labels and one of values: each starts at one x per list.
  if (!stacked) {
    const lists_ = await lists.count();
    expect(new Set(fields.map((f) => Math.round(f.dt.left))).size, 'labels in one column').toBeLessThanOrEqual(lists_);
    expect(new Set(fields.map((f) => Math.round(f.dd.left))).size, 'values in one column').toBeLessThanOrEqual(lists_);
  }
}

test.describe('every field list keeps each label beside its value', () => {
  const pages = [
    ['a version with a run', () => versionUrl('iris-classifier', 3)],
    ['a version without a run', () => versionUrl('no-run-model', 1)],
    ['a pending version', () => versionUrl(manifest.pending.name, manifest.pending.version)],
    ['the versions page header', () => modelUrl('iris-classifier'), '.model-description'],
    ['the hand-off page', () => `/deployments/create?modelURI=${encodeURIComponent('models:/iris-classifier/2')}`],
  ];
  if (fd.copied) pages.push(['a copied version', () => versionUrl(fd.copied.name, fd.copied.version)]);
  if (fd.long?.tag_length) pages.push(['a version with a long tag', () => versionUrl(fd.long.name, fd.long.version)]);
  for (const lm of fd.logged_model?.versions ?? []) {
    pages.push([`an MLflow 3 logged-model version (${lm.run_id ? 'with' : 'without'} a run)`, () => versionUrl(fd.logged_model.name, lm.version)]);
  }
  for (const [what, url, ready = '.serve-command'] of pages) {
    test(what, async ({ page }) => {
      await page.goto(url());
      await expect(page.locator(ready)).toBeVisible();
      await expectLabelsBesideValues(page);
      await page.setViewportSize({ width: 390, height: 800 });
      await expectLabelsBesideValues(page, { stacked: true });
    });
  }
});

test('an MLflow 3 logged-model version names its logged model in its own field', async ({ page }) => {
  test.skip(!fd.logged_model, `MLflow ${features.mlflow_version} has no logged models`);
  for (const lm of fd.logged_model.versions) {
    await page.goto(versionUrl(fd.logged_model.name, lm.version));
    const field = page.locator('.field').filter({ has: page.locator('dt', { hasText: 'Logged Model' }) });
    await expect(field.locator('dd')).toContainText(lm.model_id);
    await expect(field.locator('dd')).toContainText(lm.logged_model_name);
    await expect(page.locator('.version-source')).toHaveText(`models:/${lm.model_id}`);
    // The field is there from the first drawing, whatever the logged model's answer.
    if (!lm.run_id) await expect(page.locator('.run-missing')).toContainText('registered without a source run');
  }
});

test('a copied version says where it came from, with a link to that version', async ({ page, baseURL }) => {
  const copies = [fd.copied, fd.copied_odd_name].filter(Boolean);
  test.skip(copies.length === 0, 'this release holds no copied version');
  for (const { name, version, from_name: fromName, from_version: fromVersion } of copies) {
    await page.goto(versionUrl(name, version));
    await expect(page.locator('.version-source')).toHaveText(`models:/${fromName}/${fromVersion}`);
    const link = page.getByRole('link', { name: `Copied from ${fromName} version ${fromVersion}` });
    const href = await link.getAttribute('href');
    expect(new URL(href, baseURL).pathname).toBe(`/models/${encodeURIComponent(fromName)}/versions/${fromVersion}`);
    await link.click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Version ${fromVersion}`);
    await expect(page.locator('.version-page__model')).toHaveText(`of ${fromName}`);
  }
});

test('a metric logged without steps is charted in the order logged', async ({ page }) => {
  const ns = fd.no_step;
  await page.goto(versionUrl(ns.name, ns.version));
  const chart = page.locator(`.metric-history[data-metric="${ns.metric}"]`);
  await chart.scrollIntoViewIfNeeded();
  await expect(chart.locator('.metric-history__summary')).toContainText(
    `${ns.metric} over ${ns.count.toLocaleString('en-US')} values logged at step 0, in the order logged`,
  );
  await expect(chart.locator('.line-chart__x-name')).toContainText('in the order logged, all at step 0');
  // A line across the chart, not one vertical stroke at x = 0.
  const xs = await chart.locator('.line-chart__series--0 path').first().evaluate((p) =>
    [...p.getAttribute('d').matchAll(/[ML]([\d.]+) /g)].map((m) => parseFloat(m[1])));
  expect(xs.length).toBeGreaterThan(100);
  expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(200);
  // Reading it by keyboard names the value's place in the log.
  await chart.locator('.line-chart__plot').focus();
  await page.keyboard.press('Home');
  await expect(chart.locator('.line-chart__readout')).toContainText('Value no. (in the order logged, all at step 0) 1: ');
  // A metric logged once stays a number.
  const once = page.locator(`.metric-history[data-metric="${ns.once}"]`);
  await once.scrollIntoViewIfNeeded();
  await expect(once).toContainText('Logged once');
  await expect(once.locator('svg')).toHaveCount(0);
});

test('compare charts histories without steps in the order logged', async ({ page }) => {
  const ns = fd.no_step;
  test.skip(!ns.compare, 'one version only');
  await page.goto(compareUrl(ns.name, `?versions=${ns.compare.join(',')}&history=${encodeURIComponent(ns.metric)}`));
  const history = page.getByRole('region', { name: 'History' });
  await expect(history.locator('.line-chart__x-name')).toContainText('in the order logged');
  await expect(history.locator('.line-chart__legend li')).toHaveCount(ns.compare.length);
});

/** The y of each marker of the chart's first series. */
const markerYs = (chart) => chart.locator('.line-chart__series--0 .line-chart__point').evaluateAll((ps) =>
  ps.map((p) => p.getBoundingClientRect()).map((r) => r.top + r.height / 2));

test('tiny values are told apart on a log scale, kept in the URL', async ({ page }) => {
  const tv = fd.tiny;
  await page.goto(modelUrl(tv.name, `?cols=1&m=${tv.metric}`));
  const trend = page.locator('.versions-trend');
  await expect(trend.locator('.line-chart__point')).toHaveCount(3);
  // Linear: 1.1e-13 and 2.5e-13 sit on one line beside 1.2e-4.
  let [y1, y2, y3] = await markerYs(trend);
  expect(Math.abs(y1 - y2)).toBeLessThan(1);
  expect(y1 - y3).toBeGreaterThan(50);
  await trend.getByRole('checkbox', { name: 'Log scale' }).check();
  await expect(page).toHaveURL(new RegExp(`[?&]log=${tv.metric}(&|$)`));
  await expect.poll(async () => { const [a, b] = await markerYs(trend); return a - b; }).toBeGreaterThan(4);
  [y1, y2, y3] = await markerYs(trend);
  expect(y2 - y3, 'the largest highest').toBeGreaterThan(20);
  // Round ticks per decade.
  const ticks = await trend.locator('text.line-chart__axis[text-anchor="end"]').allTextContents();
  expect(ticks.length).toBeGreaterThan(2);
  for (const t of ticks) expect(t).toMatch(/^1e-\d+$|^0\.0*1$/);
  // A reload keeps the scale.
  await page.reload();
  await expect(trend.getByRole('checkbox', { name: 'Log scale' })).toBeChecked();

  // The compare history too, and a series with values below 0 says why it cannot.
  await page.goto(compareUrl(tv.name, `?versions=1,2,3&history=${tv.metric}&log=${tv.metric}`));
  const history = page.getByRole('region', { name: 'History' });
  await expect(history.getByRole('checkbox', { name: 'Log scale' })).toBeChecked();
  await expect(history.locator('text.line-chart__axis[text-anchor="end"]').first()).toHaveText(/^1e-\d+$/);
  await history.getByRole('combobox', { name: 'Metric' }).selectOption(tv.negative_metric);
  await expect(history).toContainText('No log scale: this chart has values of 0 or below.');
  await expect(history.getByRole('checkbox', { name: 'Log scale' })).toHaveCount(0);
  await expect(page).toHaveURL(new RegExp(`history=${tv.negative_metric}`));
});

test('an empty value reads (empty), unlike a value never logged, and differences are marked alike', async ({ page }) => {
  const ev = fd.empty;
  test.skip(!ev.param && !ev.version_tag, 'this release refuses empty values');
  await page.goto(versionUrl(ev.name, 1));
  if (ev.param) {
    const row = page.locator('table.kv-table tr').filter({ has: page.locator('th', { hasText: ev.param }) });
    await expect(row.locator('td')).toHaveText('(empty)');
  }
  if (ev.version_tag) await expect(page.locator('.version-tags .chip').filter({ hasText: ev.version_tag })).toHaveText(`${ev.version_tag}: (empty)`);
  // Compare: version 2 lacks the key; either way round the difference is marked.
  for (const base of ['1', '2']) {
    await page.goto(compareUrl(ev.name, `?versions=1,2&base=${base}`));
    const section = page.getByRole('region', { name: 'Parameters' });
    const row = section.locator('tr').filter({ has: page.locator('th', { hasText: ev.param }) });
    const [one, two] = [row.locator('td').nth(0), row.locator('td').nth(1)];
    await expect(one).toContainText('(empty)');
    await expect(two).toContainText('not logged');
    const other = base === '1' ? two : one;
    await expect(other).toHaveClass(/compare__cell--differs/);
    await expect(other).toContainText('differs from the baseline');
    await expect(base === '1' ? one : two).not.toHaveClass(/compare__cell--differs/);
  }
});

test('a 100,000-character tag can be read whole and copied by keyboard, and no page gets wider than the screen', async ({ page, context }) => {
  const lv = fd.long;
  test.skip(!lv.tag_length, 'this release refuses long tag values');
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(versionUrl(lv.name, lv.version));
  const chip = page.locator('.version-tags .chip').filter({ hasText: lv.tag });
  await expect(chip).toContainText(`${lv.tag}: ${lv.tag_start}`);
  const more = chip.getByRole('button', { name: `Show all ${lv.tag_length.toLocaleString('en-US')} characters of ${lv.tag}` });
  await more.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: `${lv.tag} (${lv.tag_length.toLocaleString('en-US')} characters)` });
  await expect(dialog).toBeVisible();
  const whole = await dialog.locator('pre').textContent();
  expect(whole.length).toBe(lv.tag_length);
  expect(whole.endsWith(lv.tag_end)).toBe(true);
  await dialog.getByRole('button', { name: 'Copy the whole value' }).click();
  await expect(dialog).toContainText('Copied');
  expect((await page.evaluate(() => navigator.clipboard.readText())).length).toBe(lv.tag_length);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(more).toBeFocused();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);

  // On compare, the cell is cut and wraps: the table stays within reach.
  await page.goto(compareUrl(lv.name, `?versions=${lv.compare.join(',')}`));
  const section = page.getByRole('region', { name: 'Version tags' });
  const row = section.locator('tr').filter({ has: page.locator('th', { hasText: lv.tag }) });
  await expect(row.getByRole('button', { name: /^Show all/ })).toBeVisible();
  const width = await section.locator('table').evaluate((t) => t.getBoundingClientRect().width);
  expect(width).toBeLessThan(2600);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
  if (lv.param_length) {
    const params = page.getByRole('region', { name: 'Parameters' });
    await expect(params.locator('tr').filter({ has: page.locator('th', { hasText: lv.param }) }).getByRole('button', { name: /^Show all/ })).toBeVisible();
  }
});

test('the Aliases column is there when the first row is drawn', async ({ page }) => {
  test.skip(!features.aliases, `MLflow ${features.mlflow_version} has no aliases`);
  let release;
  const held = new Promise((r) => { release = r; });
  let asked = false;
  await page.route(/\/registered-models\/get\?/, async (route) => { asked = true; await held; await route.continue(); });
  const searched = page.waitForResponse(/\/model-versions\/search\?/);
  await page.goto(modelUrl('iris-classifier'));
  await searched;
  expect(asked).toBe(true);
  // The versions have answered; the model has not: no row yet.
  await expect(page.locator('table.versions-table tbody th')).toHaveCount(0);
  release();
  const first = page.locator('table.versions-table tbody th').first();
  await expect(first).toHaveText('Version 3');
  const headers = await page.locator('table.versions-table thead th').allTextContents();
  expect(headers).toContain('Aliases');
});

test('a version that does not exist offers no Make baseline', async ({ page }) => {
  await page.goto(compareUrl('iris-classifier', '?versions=1,99,2'));
  await expect(page.locator('.compare__missing').first()).toContainText('No version 99 in this model');
  await expect(page.getByRole('button', { name: /Make baseline/ })).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Make baseline (version 2)' })).toBeVisible();
});

test('a search whose text has a space before a character of several bytes finds the model, typed or linked', async ({ page }) => {
  // "模型 🚀": the filter was split on AND by slicing bytes, inside the
  // emoji; the app stopped ("unreachable") and the page stayed empty.
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const name = 'Modèle ünïcødé 模型 🚀';
  await page.goto(`/models?q=${encodeURIComponent('模型 🚀')}`);
  const rows = page.locator('table.model-table tbody th');
  await expect(rows).toHaveText([name]);
  await page.getByRole('searchbox').fill('ünïcødé 模型');
  await expect(page).toHaveURL(/q=%C3%BCn/);
  await expect(rows).toHaveText([name]);
  expect(errors).toEqual([]);
});
