// Deploy with confidence (issue 28): compare with what serves now, better or
// worse by each metric's direction, the Deploy dialog's pre-flight checks,
// a scoring request a real `mlflow models serve` accepts, and deployments
// that point at nothing. PrimeHub's GraphQL is stubbed with answers shaped
// like PrimeHub's; everything else is the seeded MLflow release.
import { execFileSync } from 'node:child_process';
import { test, expect, manifest, features } from './seed.mjs';

const logged = manifest.logged_models;
const NAME = logged.name;
const byKind = (kind) => logged.versions.find((v) => v.kind === kind);
const GROUP_ID = 'group-7d1e-demo';
const DEPLOYMENTS = [
  { id: 'churn-prod-a1b2c', name: 'churn prod', modelURI: `models:/${NAME}/1`, status: 'Deployed' },
  { id: 'churn-canary-m4n5o', name: 'churn canary', modelURI: `models:/${NAME}/2`, status: 'Deployed' },
  { id: 'churn-tensor-d3e4f', name: 'churn tensor', modelURI: `models:/${NAME}/3`, status: 'Deployed' },
  { id: 'churn-gone-g5h6i', name: 'churn gone', modelURI: `models:/${NAME}/99`, status: 'Deployed' },
  { id: 'churn-old-j7k8l', name: 'churn old', modelURI: `models:/${NAME}/4`, status: 'Stopped' },
];

async function withPrimehub(page) {
  await page.addInitScript((c) => { window.PRIMEHUB_MODELS_CONFIG = c; }, {
    mlflow_api: '/api/mlflow',
    mlflow_root: '/api/mlflow-root',
    deployments: { route: 'deployments', source: { kind: 'primehub', graphql: '/api/graphql', group_id: GROUP_ID } },
  });
  await page.route('**/api/graphql', (r) => r.fulfill({
    status: 200, contentType: 'application/json', body: JSON.stringify({ data: { phDeployments: DEPLOYMENTS } }),
  }));
}

const modelUrl = (name, q = '') => `/models/${encodeURIComponent(name)}${q}`;
const versionUrl = (name, v, q = '') => `/models/${encodeURIComponent(name)}/versions/${v}${q}`;
const compareUrl = (name, versions, q = '') => `${modelUrl(name)}/compare?versions=${versions.join('%2C')}${q}`;
const metricCell = (page, key, col) => page.getByRole('region', { name: 'Metrics' })
  .locator('tbody tr', { has: page.locator(`th:text-is("${key}")`) }).locator('td').nth(col);

test('compare with what serves now: one action per served version, with it as the baseline', async ({ page }) => {
  await withPrimehub(page);
  await page.goto(versionUrl(NAME, 2));
  const offered = page.locator('ul.compare-with a');
  // v2 itself and the stopped v4 are no baseline; v99 does not exist.
  await expect(offered).toHaveText(['Compare with v1, serving in churn prod', 'Compare with v3, serving in churn tensor']);
  await offered.first().click();
  await expect(page).toHaveURL(`${compareUrl(NAME, [1, 2])}&base=1`);
  const heads = page.locator('table.compare-header thead th');
  await expect(heads.nth(1)).toContainText('Version 1');
  await expect(heads.nth(1)).toContainText('Baseline');
  await expect(heads.nth(2)).toContainText('Version 2');

  // The versions table: a short link per row, the deployments for screen readers.
  await page.goto(modelUrl(NAME));
  const row = (v) => page.locator('table.versions-table tbody tr')
    .filter({ has: page.getByRole('link', { name: `Version ${v}`, exact: true }) });
  await expect(row(1).getByRole('link', { name: /^Compare with/ })).toHaveText(['Compare with v2', 'Compare with v3']);
  await expect(row(1).getByRole('link', { name: 'Compare with v2, serving in churn canary' })).toHaveAttribute(
    'href', `${compareUrl(NAME, [2, 1])}&base=2`);
  await expect(row(4).getByRole('link', { name: /^Compare with/ })).toHaveText(['Compare with v1', 'Compare with v2', 'Compare with v3']);

  // A model nothing serves offers no such action at all.
  await page.goto(versionUrl('iris-classifier', 1));
  await expect(page.locator('dd.deployed-by')).toHaveText('-');
  await expect(page.locator('ul.compare-with')).toHaveCount(0);
});

test('a loss that went down reads better; a flipped direction is kept in the URL and the browser', async ({ page }) => {
  await page.goto(compareUrl('iris-classifier', [1, 2]));
  // iris v1 (train-0) against v2 (train-1): loss 0.2 -> 0.15, accuracy 0.92 -> 0.95.
  await expect(metricCell(page, 'loss', 1)).toContainText('0.15 (-0.05, better)');
  await expect(metricCell(page, 'accuracy', 1)).toContainText('0.95 (+0.03, better)');
  const tally = page.locator('table.compare-header tbody tr', { has: page.locator('th:text-is("Metrics")') }).locator('td');
  await expect(tally).toHaveText(['Baseline', 'Better on 3 of 3 metrics than the baseline']);
  // The direction is said at the end of the row, and flipped there.
  const flip = page.getByRole('button', { name: 'lower is better for loss: press to flip' });
  await flip.click();
  await expect(page).toHaveURL(/[?&]higher=loss(&|$)/);
  await expect(metricCell(page, 'loss', 1)).toContainText('0.15 (-0.05, worse)');
  await expect(tally.nth(1)).toHaveText('Better on 2 of 3 metrics, worse on 1 than the baseline');
  await expect(page.getByRole('button', { name: 'higher is better for loss: press to flip' })).toBeFocused();
  await page.reload();
  await expect(metricCell(page, 'loss', 1)).toContainText('0.15 (-0.05, worse)');
  // Remembered for the metric's name: another comparison, no word of it in
  // its URL (loss up from v3's 0.085 to v1's 0.2 is "better" while flipped).
  await page.goto(compareUrl('iris-classifier', [3, 1]));
  await expect(metricCell(page, 'loss', 1)).toContainText('0.2 (+0.115, better)');
  // Flipped back, the name's own direction holds, and nothing of it is in the URL.
  await page.getByRole('button', { name: 'higher is better for loss: press to flip' }).click();
  await expect(metricCell(page, 'loss', 1)).toContainText('0.2 (+0.115, worse)');
  expect(page.url()).not.toMatch(/[?&](lower|higher)=/);
  await page.goto(compareUrl('iris-classifier', [2, 1]));
  await expect(metricCell(page, 'loss', 1)).toContainText('0.2 (+0.05, worse)');
});

/** The pre-flight list as `[what, level, why]`, once no check is still on its way. */
async function checks(dialog) {
  const list = dialog.locator('.preflight__check');
  await expect(list.first()).toBeVisible();
  await expect(dialog.locator('.preflight__check--loading')).toHaveCount(0, { timeout: 20_000 });
  return list.evaluateAll((items) => items.map((li) => [
    li.dataset.check,
    li.className.match(/preflight__check--(\w+)/)[1],
    li.querySelector('span:not(.preflight__icon)').textContent.replace(/\s+/g, ' ').trim(),
  ]));
}

test('pre-flight: replacing a version whose signature differs names the removed columns and asks to confirm', async ({ page }) => {
  await withPrimehub(page);
  const v1 = byKind('columns');
  const v2 = byKind('columns_changed');
  await page.goto(versionUrl(NAME, v1.version));
  await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Deploy Model' });
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('.preflight')).toHaveCount(0);
  const started = Date.now();
  await dialog.getByLabel('Deployment').selectOption('update:churn-canary-m4n5o');
  const list = await checks(dialog);
  test.info().annotations.push({ type: 'pre-flight filled in (ms)', description: String(Date.now() - started) });
  console.log(`pre-flight (MLflow ${features.mlflow_version}), filled in ${Date.now() - started} ms:\n${list.map((c) => `  ${c[1]}: ${c[2]}`).join('\n')}`);
  const of = (what) => list.find((c) => c[0] === what);
  expect(of('Status')[1]).toBe('pass');
  expect(of('Flavor')[1]).toBe('pass');
  // v1 over v2: the columns v2 added are gone, age is a long again.
  const sig = of('Signature');
  expect(sig[1]).toBe('problem');
  expect(sig[2]).toContain(`Against v${v2.version}:`);
  expect(sig[2]).toContain('input tenure_months removed');
  expect(sig[2]).toContain('input age retyped double \u2192 long');
  expect(sig[2]).toContain(`input ${v2.signature.inputs[4].name} removed`);
  if (v2.signature.params) expect(sig[2]).toContain('param temperature removed');
  expect(of('Environment')[1]).toBe('warning');
  expect(of('Environment')[2]).toContain('scikit-learn ==1.6.1 \u2192 ==1.5.2');
  expect(of('Size')[1]).toBe('pass');
  expect(of('Size')[2]).toMatch(new RegExp(`from v${v2.version}'s`));
  expect(of('Other deployments')).toEqual(['Other deployments', 'warning', 'Other deployments (warning): Already served by churn prod.']);
  // The served version, a link away.
  await expect(dialog.getByRole('link', { name: 'Compare with v2, serving in churn canary' })).toBeVisible();
  // OK asks for one confirmation naming the problem, then hands off.
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(dialog.locator('#deploy-problem')).toHaveText(/found a problem: tick the box/);
  const accept = dialog.getByRole('checkbox', { name: /despite: Signature: Against v2/ });
  await accept.check();
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(page).toHaveURL(/\/deployments\/churn-canary-m4n5o\/edit\?/);
  expect(new URL(page.url()).searchParams.get('modelURI')).toBe(`models:/${NAME}/${v1.version}`);
});

test('pre-flight: what cannot be read is not checked, never a pass', async ({ page }) => {
  await withPrimehub(page);
  // A deleted model's flavor and signature are still known from its run's
  // mlflow.log-model.history tag where MLflow wrote one (1.x, 2.x); its
  // files are a problem (nothing to serve), its environment and size are
  // not known.
  const gone = byKind('files_deleted');
  const fromTag = gone.history_tag ? 'pass' : 'unknown';
  for (const [kind, expected] of [
    ['no_signature', { Flavor: 'pass', Signature: 'warning' }],
    ['files_deleted', { Flavor: fromTag, Files: 'problem', Signature: fromTag, Environment: 'unknown', Size: 'unknown' }],
  ]) {
    const v = byKind(kind);
    if (kind === 'files_deleted' && !v.files_deleted) continue;
    await page.goto(versionUrl(NAME, v.version));
    await page.getByRole('button', { name: 'Deploy', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Deploy Model' });
    await dialog.getByLabel('Deployment').selectOption('create');
    const list = await checks(dialog);
    for (const [what, level] of Object.entries(expected)) {
      expect(list.find((c) => c[0] === what)?.[1], `${kind} ${what}`).toBe(level);
    }
    if (kind === 'no_signature') {
      expect(list.find((c) => c[0] === 'Signature')[2]).toContain('Logged without a signature');
    } else {
      expect(list.find((c) => c[0] === 'Size')[2]).toMatch(/^Size \(not checked\): Not checked: /);
    }
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  }
});

// The request the page shows, posted as shown to the release's own model
// server (scripts/e2e.sh serves v2 and v3: MODEL_SERVE_URLS).
const served = JSON.parse(process.env.MODEL_SERVE_URLS || '{}');
for (const kind of ['columns_changed', 'tensor']) {
  test(`the ready-to-send request of the ${kind} version is accepted by mlflow models serve`, async ({ page }) => {
    const v = byKind(kind);
    const url = served[v.version];
    test.skip(!url, 'no model server (run through scripts/e2e.sh)');
    await page.goto(versionUrl(NAME, v.version));
    const curl = await page.locator('code.request-curl').textContent();
    const python = await page.locator('code.request-python').textContent();
    expect(curl).toContain('http://127.0.0.1:5000/invocations');
    // The curl command, run by a shell as a user would paste it.
    const out = execFileSync('bash', ['-c', `${curl.replace('http://127.0.0.1:5000', url)} -sS -w '\\nHTTP %{http_code}'`], { encoding: 'utf8' });
    const lines = out.trimEnd().split('\n');
    expect(lines.at(-1), out).toBe('HTTP 200');
    const answer = JSON.parse(lines.slice(0, -1).join('\n'));
    const predictions = Array.isArray(answer) ? answer : answer.predictions;
    expect(predictions).toHaveLength(v.input_example.rows.length);
    // The Python, run with the release's own interpreter (it has requests).
    const py = execFileSync(process.env.MODEL_SERVE_PYTHON, ['-c', python.replace('http://127.0.0.1:5000', url)], { encoding: 'utf8' });
    expect(py).toMatch(/predictions|\[/);
  });
}

test('a deployment of a version MLflow does not have is marked wherever deployments show', async ({ page }) => {
  await withPrimehub(page);
  const why = `churn gone serves ${NAME} v99: ${NAME} has no version 99`;
  // The model list: the marker says it in short and in full.
  await page.goto(`/models?q=${encodeURIComponent(NAME)}`);
  const row = page.locator('table tbody tr', { has: page.getByRole('link', { name: NAME, exact: true }) });
  const marker = row.locator('th span[title^="Versions 1"]');
  await expect(marker.locator('[aria-hidden="true"]')).toHaveText('deployed v1, v2, v3, v99 (missing)');
  await expect(marker.locator('.visually-hidden')).toHaveText(`Versions 1, 2, 3, 99 are deployed; ${why}`);
  // The versions page says which deployment points where, and why.
  await page.goto(modelUrl(NAME));
  await expect(page.locator('.dangling-note')).toContainText(`${why}.`);
  await expect(page.locator('.dangling-note').getByRole('link', { name: 'churn gone' })).toHaveAttribute('href', '/deployments/churn-gone-g5h6i');
  // The Deploy dialog's list.
  await page.locator('table.versions-table tbody tr').first().getByRole('button', { name: 'Deploy' }).click();
  const dialog = page.getByRole('dialog', { name: 'Deploy Model' });
  await expect(dialog.locator('option[value="update:churn-gone-g5h6i"]')).toHaveText(
    `churn gone: serves v99 \u2014 points at nothing: ${NAME} has no version 99`);
  // The in-app deployment page.
  await page.goto('/deployments/churn-gone-g5h6i');
  await expect(page.locator('.deployment__serves')).toContainText('not found in MLflow');
});

test('the trend across versions marks the versions deployments serve', async ({ page }) => {
  await withPrimehub(page);
  await page.goto(modelUrl(NAME, '?cols=1&m=accuracy&trend=accuracy'));
  await expect(page.locator('.metric-trend__served')).toHaveText(
    'Served now: v1 by churn prod; v2 by churn canary; v3 by churn tensor.');
  await expect(page.locator('.line-chart__mark')).toHaveCount(3);
});
