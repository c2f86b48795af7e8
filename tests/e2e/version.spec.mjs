import { test, expect, manifest, features, mlflowUrl, forbidScripts, countMlflowRequests } from './seed.mjs';

const versionUrl = (name, v) => `/models/${encodeURIComponent(name)}/versions/${v}`;
const table = (page, caption) => page.locator('table.kv-table').filter({ has: page.locator('caption', { hasText: caption }) });
const rowsOf = async (page, caption) => {
  const t = table(page, caption);
  await expect(t).toBeVisible();
  const names = await t.locator('tbody th').allTextContents();
  const values = await t.locator('tbody td').allTextContents();
  return Object.fromEntries(names.map((n, i) => [n, values[i]]));
};

test('a seeded version shows what the seed logged', async ({ page }) => {
  forbidScripts(page);
  const requests = countMlflowRequests(page);
  const run = manifest.runs['train-2'];
  await page.goto(versionUrl('iris-classifier', 3));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Version 3');
  await expect(page.locator('.version-page__model')).toHaveText('of iris-classifier');
  expect(await rowsOf(page, 'Parameters')).toEqual(run.params);
  const metrics = await rowsOf(page, 'Metrics');
  expect(Object.keys(metrics)).toEqual(['accuracy', 'f1', 'loss']);
  expect(metrics.accuracy).toBe('0.9731');
  // Run tags: mlflow.* hidden, the payload stays text.
  const tags = await rowsOf(page, 'Tags');
  expect(tags).toEqual({ dataset: 'iris', html_tag: '<script>alert(1)</script>', team: 'ml-team' });
  // The source run links to the seeded experiment and run in MLflow's UI.
  const link = page.locator('a.source-run');
  await expect(link).toHaveText('Run train-2');
  await expect(link).toHaveAttribute('href', `${mlflowUrl}/#/experiments/${manifest.experiment_id}/runs/${run.run_id}`);
  await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  if (features.aliases) await expect(page.locator('.version-aliases')).toHaveText('challenger');
  else await expect(page.locator('.version-aliases')).toHaveCount(0);
  await expect(page.locator('.version-description')).toContainText('Best accuracy so far');
  await expect(page.locator('.model-uri')).toHaveText('models:/iris-classifier/3');
  await expect(page.locator('.use-snippet')).toHaveText(
    'import mlflow\n\nmodel = mlflow.pyfunc.load_model("models:/iris-classifier/3")',
  );
  // The version, then its run; histories only when scrolled to.
  await page.waitForLoadState('networkidle');
  const kinds = requests.map((u) => u.split('/2.0/mlflow/')[1].split('?')[0]);
  expect(kinds.filter((k) => k === 'model-versions/get')).toHaveLength(1);
  expect(kinds.filter((k) => k === 'runs/get')).toHaveLength(1);
  // Histories load when their chart scrolls into view, not before.
  expect(kinds.filter((k) => k === 'metrics/get-history')).toHaveLength(0);
  await page.locator('.metric-history[data-metric="loss"]').scrollIntoViewIfNeeded();
  await expect.poll(() => requests.filter((u) => u.includes('metrics/get-history')).length).toBeGreaterThan(0);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
});

test('the loss chart has a point per logged step', async ({ page }) => {
  const run = manifest.runs['train-2'];
  await page.goto(versionUrl('iris-classifier', 3));
  const loss = page.locator('.metric-history[data-metric="loss"]');
  await loss.scrollIntoViewIfNeeded();
  await expect(loss.locator('.line-chart__point')).toHaveCount(run.loss_steps);
  await expect(loss.locator('.metric-history__summary')).toHaveText(
    `loss over ${run.loss_steps} steps: min 0.085, max 0.7, last 0.085.`,
  );
  await expect(loss.locator('.line-chart__point title').first()).toHaveText('Step 0: 0.7');
  // f1 was logged once: no chart, its value in the table and "Logged once".
  const f1 = page.locator('.metric-history[data-metric="f1"]');
  await f1.scrollIntoViewIfNeeded();
  await expect(f1).toContainText('Logged once (0.9531): no history to chart.');
  await expect(f1.locator('svg')).toHaveCount(0);
});

test('copy buttons put the model URI and the snippet on the clipboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const name = "spe(c)ial-chars_ok.+=@!~&'\"#?";
  await page.goto(versionUrl(name, 1));
  // The form MLflow's loaders read: the name as it is, never percent-encoded.
  const uri = `models:/${name}/1`;
  await expect(page.locator('.model-uri')).toHaveText(uri);
  await page.getByRole('button', { name: 'Copy model URI' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied' })).toHaveCount(1);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(uri);
  // MLflow's loaders take the name as it is (they do not percent-decode).
  const mlflowUri = JSON.stringify(`models:/${name}/1`);
  await page.getByRole('button', { name: 'Copy code' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
    `import mlflow\n\nmodel = mlflow.pyfunc.load_model(${mlflowUri})`,
  );
  await page.getByRole('button', { name: 'Copy command' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
    `mlflow models serve -m 'models:/spe(c)ial-chars_ok.+=@!~&'\\''"#?/1'`,
  );
  // A space stays a space: `load_model` looks the name up as written.
  await page.goto(versionUrl('fraud detector v2', 1));
  await expect(page.locator('.model-uri')).toHaveText('models:/fraud detector v2/1');
  await page.getByRole('button', { name: 'Copy model URI' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('models:/fraud detector v2/1');
});

test('a missing version says so and links back', async ({ page }) => {
  await page.goto(versionUrl('iris-classifier', 99));
  await expect(page.getByRole('alert')).toContainText('has no version 99');
  await page.getByRole('link', { name: 'Back to the model' }).click();
  await expect(page).toHaveURL(/\/models\/iris-classifier$/);
});

test('failed and run-less versions still show their own fields', async ({ page }) => {
  await page.goto(versionUrl(manifest.failed.name, manifest.failed.version));
  await expect(page.getByRole('alert')).toHaveText(
    'Registering this version failed. MLflow says: Artifact upload failed: <b>disk full</b>',
  );
  await page.goto(versionUrl('no-run-model', 1));
  await expect(page.locator('.version-source')).toHaveText('s3://bucket/some/model');
  await expect(page.locator('.run-missing')).toContainText('registered without a source run');
});

test('the MLflow UI button opens the version in MLflow', async ({ page }) => {
  await page.goto(versionUrl('hash#and?query&amp=1', 1));
  await expect(page.getByRole('link', { name: 'MLflow UI' })).toHaveAttribute(
    'href',
    `${mlflowUrl}/#/models/hash%23and%3Fquery%26amp%3D1/versions/1`,
  );
});
