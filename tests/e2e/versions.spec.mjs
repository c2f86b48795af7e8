import { test, expect, manifest, features, forbidScripts, countMlflowRequests } from './seed.mjs';

const modelUrl = (name, query = '') => `/models/${encodeURIComponent(name)}${query}`;
const rows = (page) => page.locator('table.versions-table tbody tr');
const versionCells = (page) => page.locator('table.versions-table tbody th');
const columnByHeader = async (page, header) => {
  await expect(versionCells(page).first()).toBeVisible();
  const headers = await page.locator('table.versions-table thead th').allTextContents();
  const i = headers.indexOf(header);
  expect(i, `column ${header} in ${headers}`).toBeGreaterThanOrEqual(0);
  return page.locator(`table.versions-table tbody tr > :nth-child(${i + 1})`).allTextContents();
};

test('the seeded model shows its versions newest first with stages and aliases', async ({ page }) => {
  const requests = countMlflowRequests(page);
  await page.goto(modelUrl('iris-classifier'));
  await expect(versionCells(page)).toHaveText(['Version 3', 'Version 2', 'Version 1']);
  expect(await columnByHeader(page, 'Stage')).toEqual(['Staging', 'Production', 'Archived']);
  const headers = () => page.locator('table.versions-table thead th').allTextContents();
  if (features.aliases) {
    expect(await columnByHeader(page, 'Aliases')).toEqual(['challenger', 'champion', '-']);
  } else {
    // MLflow before 2.3 has no aliases: no column of dashes, no field.
    expect(await headers()).not.toContain('Aliases');
    await expect(page.locator('.model-aliases')).toHaveCount(0);
  }
  const registered = await columnByHeader(page, 'Registered At');
  for (const r of registered) expect(r).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  // The header: markdown description, tags without mlflow.*, aliases.
  await expect(page.locator('.model-description h2')).toHaveText('Iris classifier');
  await expect(page.locator('.model-description strong')).toHaveText('iris');
  await expect(page.locator('.model-description a')).toHaveAttribute('href', 'https://mlflow.org/docs/latest/index.html');
  await expect(page.locator('.model-tags .chip')).toHaveText(['task: classification', 'team: ml-team']);
  if (features.aliases) {
    await expect(page.locator('.model-aliases .chip')).toHaveText(['challenger \u2192 v3', 'champion \u2192 v2']);
  }
  // One get, one versions page, each of the three runs once.
  await page.waitForLoadState('networkidle');
  const kinds = requests.map((u) => u.split('/2.0/mlflow/')[1].split('?')[0]).sort();
  expect(kinds).toEqual(['model-versions/search', 'registered-models/get', 'runs/get', 'runs/get', 'runs/get']);
});

test('the Columns dialog says it is loading until the runs arrive, then offers their keys', async ({ page }) => {
  // The test holds the runs back, so the dialog opens before they arrive.
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route(/\/runs\/get\?/, async (route) => { await held; await route.continue(); });
  await page.goto(modelUrl('iris-classifier'));
  await expect(versionCells(page)).toHaveCount(3);
  await page.getByRole('button', { name: 'Columns' }).click();
  const dialog = page.getByRole('dialog', { name: 'Columns' });
  await expect(dialog.locator('.columns__loading')).toHaveText("Loading the parameters and metrics of this page's runs…");
  await expect(dialog).not.toContainText('logged no');
  release();
  await expect(dialog.getByRole('checkbox', { name: 'C', exact: true })).toBeVisible();
  await expect(dialog.getByRole('checkbox', { name: 'accuracy' })).toBeVisible();
  await expect(dialog.locator('.columns__loading')).toHaveCount(0);
});

test('chosen parameter and metric columns show the seeded values and survive a reload', async ({ page }) => {
  await page.goto(modelUrl('iris-classifier'));
  await expect(versionCells(page)).toHaveCount(3);
  const columns = page.getByRole('button', { name: 'Columns' });
  await columns.click();
  const dialog = page.getByRole('dialog', { name: 'Columns' });
  await expect(dialog).toBeVisible();
  // Escape closes and focus returns to the button.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(columns).toBeFocused();
  await columns.click();
  await dialog.getByRole('checkbox', { name: 'C', exact: true }).check();
  await dialog.getByRole('checkbox', { name: 'accuracy' }).check();
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/cols=1&p=C&m=accuracy/);
  const runs = manifest.runs;
  const expectC = [runs['train-2'].params.C, runs['train-1'].params.C, runs['train-0'].params.C];
  await expect.poll(() => columnByHeader(page, 'C')).toEqual(expectC);
  expect(await columnByHeader(page, 'accuracy')).toEqual(['0.9731', '0.95', '0.92']);
  await expect(page.locator('td.metric-cell').first()).toHaveAttribute('title', '0.9731');
  // The trend chart has a point per version that has the metric.
  await expect(page.locator('.line-chart__point')).toHaveCount(3);
  await expect(page.locator('.metric-trend figcaption')).toHaveText(
    'accuracy by version: version 1: 0.92, version 2: 0.95, version 3: 0.9731.',
  );
  await page.reload();
  await expect.poll(() => columnByHeader(page, 'C')).toEqual(expectC);
  // Remembered by the browser for this model, also without the query string.
  await page.goto(modelUrl('iris-classifier'));
  await expect.poll(() => columnByHeader(page, 'accuracy')).toEqual(['0.9731', '0.95', '0.92']);
  // And after a visit to a version, back through the breadcrumb.
  await page.getByRole('link', { name: 'Version 3', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Version 3');
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'iris-classifier' }).click();
  await expect.poll(() => columnByHeader(page, 'C')).toEqual(expectC);
  await expect.poll(() => columnByHeader(page, 'accuracy')).toEqual(['0.9731', '0.95', '0.92']);
});

test('a version without a run shows dashes, a model without versions says so', async ({ page }) => {
  await page.goto(modelUrl('no-run-model', '?cols=1&p=C&m=accuracy'));
  await expect(versionCells(page)).toHaveText(['Version 1']);
  await expect.poll(() => columnByHeader(page, 'C')).toEqual(['-']);
  expect(await columnByHeader(page, 'accuracy')).toEqual(['-']);
  await page.goto(modelUrl('empty-model'));
  await expect(page.getByRole('heading', { name: 'No versions yet' })).toBeVisible();
});

test('pending and failed versions show their status message', async ({ page }) => {
  await page.goto(modelUrl(manifest.failed.name));
  const status = await columnByHeader(page, 'Status');
  expect(status[0]).toContain('Pending');
  expect(status[0]).toContain('Copying artifacts from the run');
  expect(status[1]).toContain('Failed');
  expect(status[1]).toContain('Artifact upload failed: <b>disk full</b>');
  expect(status[2]).toBe('Ready');
  // Pending is not drawn as a failure.
  const colour = (i) => page.locator('table.versions-table tbody tr').nth(i).locator('.status').evaluate((e) => getComputedStyle(e).color);
  expect(await colour(0)).not.toBe(await colour(1));
  // A model without aliases has no Aliases column, on every release.
  expect(await page.locator('table.versions-table thead th').allTextContents()).not.toContain('Aliases');
});

test('a model with hundreds of versions pages to its last page and back', async ({ page }) => {
  const total = manifest.bulk_versions;
  const requests = countMlflowRequests(page);
  await page.goto(modelUrl('bulk-many-versions', '?size=100'));
  await expect(versionCells(page).first()).toHaveText(`Version ${total}`);
  await page.waitForLoadState('networkidle');
  // One page of versions, and their one shared run: never the whole model.
  expect(requests.filter((u) => u.includes('model-versions/search'))).toHaveLength(1);
  expect(requests.filter((u) => u.includes('runs/get'))).toHaveLength(1);
  const next = page.getByRole('button', { name: 'Next' });
  while (await next.isEnabled()) {
    const before = await page.locator('.pager__position').textContent();
    await next.click();
    await expect(page.locator('.pager__position')).not.toHaveText(before);
  }
  await expect(page.locator('.pager__position')).toHaveText(`201-${total}`);
  await expect(versionCells(page).last()).toHaveText('Version 1');
  await page.reload();
  await expect(versionCells(page).last()).toHaveText('Version 1');
  const previous = page.getByRole('button', { name: 'Previous' });
  while (await previous.isEnabled()) {
    const before = await page.locator('.pager__position').textContent();
    await previous.click();
    await expect(page.locator('.pager__position')).not.toHaveText(before);
  }
  await expect(page.locator('.pager__position')).toHaveText('1-100');
});

test('hostile names open their versions and link to each version', async ({ page }) => {
  forbidScripts(page);
  for (const name of ["spe(c)ial-chars_ok.+=@!~&'\"#?", `both ' and " quotes`, '  padded  ', 'pct%name']) {
    await page.goto(modelUrl(name));
    expect(await page.locator('h1').textContent()).toBe(name);
    await expect(versionCells(page)).toHaveText(['Version 1']);
    // Raw HTML in the description stays text.
    await expect(page.locator('.model-description')).toContainText('<script>window.__pwned = true');
    await expect(page.locator('.model-description img, .model-description script')).toHaveCount(0);
    await expect(page.locator('.model-description a')).toHaveCount(0);
    await versionCells(page).locator('a').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Version 1');
    await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).toContainText(name.trim());
  }
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
});

test('deploy explains that deployment is not enabled', async ({ page }) => {
  await page.goto(modelUrl('iris-classifier'));
  const deploy = rows(page).first().getByRole('button', { name: 'Deploy' });
  await deploy.click();
  const dialog = page.getByRole('dialog', { name: 'Feature not available' });
  await expect(dialog).toContainText(
    'Model Deployment is not enabled for this group. Please contact your administrator to enable it.',
  );
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(dialog).toBeHidden();
  await expect(deploy).toBeFocused();
});

test('the MLflow UI button opens the model in MLflow', async ({ page }) => {
  await page.goto(modelUrl('hash#and?query&amp=1'));
  await expect(page.getByRole('link', { name: 'MLflow UI' })).toHaveAttribute(
    'href',
    `${process.env.MLFLOW_URL}/#/models/hash%23and%3Fquery%26amp%3D1`,
  );
});

test('every sort order pages the same way on every MLflow release', async ({ page }) => {
  // Four sorts, three page views each: under CPU load this took up to 22 s
  // of the 30 s a single view is given.
  test.setTimeout(90_000);
  // MLflow's own data: every version of the bulk model and when it was
  // registered (1.30 sends them all whatever is asked; newer ones page).
  const filter = encodeURIComponent("name = 'bulk-many-versions'");
  const body = await (await fetch(
    `${process.env.MLFLOW_URL}/api/2.0/mlflow/model-versions/search?filter=${filter}&max_results=1000`,
  )).json();
  const all = body.model_versions.map((v) => ({ version: Number(v.version), created: Number(v.creation_timestamp) }));
  expect(all).toHaveLength(manifest.bulk_versions);
  const created = Object.fromEntries(all.map((v) => [v.version, v.created]));
  const orders = [
    ['Oldest version first', (a, b) => a.version - b.version, 'version'],
    ['Registered, newest first', (a, b) => b.created - a.created, 'created'],
    ['Registered, oldest first', (a, b) => a.created - b.created, 'created'],
    ['Newest version first', (a, b) => b.version - a.version, 'version'],
  ];
  await page.goto(modelUrl('bulk-many-versions'));
  await expect(versionCells(page)).toHaveCount(25);
  const position = page.locator('.pager__position');
  for (const [label, cmp, by] of orders) {
    await page.getByLabel('Sort').selectOption({ label });
    await expect(page.locator('.refetchable')).toHaveAttribute('aria-busy', 'false');
    await expect(position).toHaveText('1-25');
    const requests = countMlflowRequests(page);
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(position).toHaveText('26-50');
    await page.waitForLoadState('networkidle');
    const shown = (await versionCells(page).allTextContents()).map((t) => Number(t.replace('Version ', '')));
    const want = [...all].sort(cmp).slice(25, 50);
    // Registration times can tie: compare times for those orders.
    if (by === 'version') expect(shown, label).toEqual(want.map((v) => v.version));
    else expect(shown.map((v) => created[v]), label).toEqual(want.map((v) => v.created));
    // One versions request per page, and only that page's runs.
    expect(requests.filter((u) => u.includes('model-versions/search')), label).toHaveLength(1);
    await page.getByRole('button', { name: 'Previous' }).click();
    await expect(position).toHaveText('1-25');
    await expect(page.locator('.refetchable')).toHaveAttribute('aria-busy', 'false');
    const first = (await versionCells(page).allTextContents()).map((t) => Number(t.replace('Version ', '')));
    if (by === 'version') expect(first, label).toEqual([...all].sort(cmp).slice(0, 25).map((v) => v.version));
  }
});

test('while another sort loads, the versions shown are marked as the previous answer', async ({ page }) => {
  await page.goto(modelUrl('bulk-many-versions'));
  await expect(versionCells(page)).toHaveCount(25);
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route(
    (url) => url.pathname.endsWith('/model-versions/search') && url.searchParams.get('order_by') === 'version_number ASC',
    async (route) => { await held; await route.continue(); },
  );
  const region = page.locator('.refetchable');
  await page.getByLabel('Sort').selectOption({ label: 'Oldest version first' });
  await expect(region).toHaveAttribute('aria-busy', 'true');
  await expect(page.getByRole('status').filter({ hasText: 'Loading versions' })).toHaveCount(1);
  await expect(versionCells(page).first()).toHaveText(`Version ${manifest.bulk_versions}`);
  release();
  await expect(versionCells(page).first()).toHaveText('Version 1');
  await expect(region).toHaveAttribute('aria-busy', 'false');
});
