import { test, expect, manifest, features, forbidScripts } from './seed.mjs';

// PrimeHub's GraphQL endpoint cannot run here: it is stubbed at the browser's
// network layer with answers shaped like PrimeHub's (newest first).
const GROUP_ID = 'group-7d1e-demo';
const DEPLOYMENTS = [
  { id: 'fraud-shadow-m3n4p', name: 'fraud shadow', modelURI: 'models:/fraud detector v2/1', status: 'Stopped' },
  { id: 'iris-canary-h5j6k', name: 'iris canary', modelURI: 'models:/iris-classifier/3', status: 'Deployed' },
  { id: 'iris-stage-p0q9r', name: 'iris staging', modelURI: 'models:/iris-classifier/staging', status: 'Deployed' },
  { id: 'iris-prod-x1y2z', name: 'iris prod', modelURI: 'models:/iris%2Dclassifier@champion', status: 'Deployed' },
  { id: 'iris-latest-k7l8m', name: 'iris latest', modelURI: 'models:/iris-classifier/latest', status: 'Deploying' },
  { id: 'image-only-r2d2c', name: 'image only', modelURI: null, status: 'Failed' },
];

const config = (route = 'deployments') => ({
  mlflow_api: '/api/mlflow',
  deployments: { route, source: { kind: 'primehub', graphql: '/api/graphql', group_id: GROUP_ID } },
});

/** Sets the config and answers PrimeHub's GraphQL with `answer`; returns the queries seen. */
async function withPrimehub(page, answer = { data: { phDeployments: DEPLOYMENTS } }, route) {
  const queries = [];
  await page.addInitScript((c) => { window.PRIMEHUB_MODELS_CONFIG = c; }, config(route));
  await page.route('**/api/graphql', async (r) => {
    expect(r.request().method()).toBe('POST');
    queries.push(r.request().postDataJSON());
    await r.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(answer) });
  });
  return queries;
}

const modelUrl = (name, q = '') => `/models/${encodeURIComponent(name)}${q}`;
const versionUrl = (name, v, q = '') => `/models/${encodeURIComponent(name)}/versions/${v}${q}`;
const exactUri = (name, v) => `models:/${encodeURIComponent(name)}/${v}`;

/** The two hand-off parameters, each decoded once, as the Deployments page reads them. */
function handedOver(url) {
  const q = new URL(url).searchParams;
  return { modelURI: q.get('modelURI'), defaultValue: JSON.parse(q.get('defaultValue')).modelURI };
}

/** OK, and the confirmation the pre-flight checks ask for: the versions
 *  these tests deploy were registered without model files, which is a
 *  problem (nothing to serve). OK waits for the checks, so it always asks. */
async function okDespiteNoFiles(dialog) {
  await dialog.getByRole('button', { name: 'OK' }).click();
  await dialog.getByRole('checkbox', { name: /despite: Files: MLflow lists no files for this version/ }).check();
  await dialog.getByRole('button', { name: 'OK' }).click();
}

async function deployVia(page, row, option) {
  await row.getByRole('button', { name: 'Deploy' }).click();
  const dialog = page.getByRole('dialog', { name: 'Deploy Model' });
  await expect(dialog).toBeVisible();
  // `update:<id>` picks an existing deployment by id, anything else by its text.
  await dialog.getByLabel('Deployment').selectOption(option.startsWith('update:') ? option : { label: option });
  await okDespiteNoFiles(dialog);
}

test('Deployed By shows each deployment on the version it serves, whatever the URI form', async ({ page }) => {
  const queries = await withPrimehub(page);
  await page.goto(modelUrl('iris-classifier'));
  const rows = page.locator('table.versions-table tbody tr');
  await expect(rows).toHaveCount(3);
  // v3: a plain version and the Staging stage; v2: an alias, the name written encoded.
  await expect(rows.nth(0).locator('td.deployed-by .chip')).toHaveText(['iris canary', 'iris staging', 'iris latest']);
  if (features.aliases) {
    await expect(rows.nth(1).locator('td.deployed-by .chip')).toHaveText(['iris prod']);
    await expect(rows.nth(1).locator('td.deployed-by a')).toHaveAttribute('href', '/deployments/iris-prod-x1y2z');
  } else {
    // Before MLflow 2.3 the alias names no version.
    await expect(rows.nth(1).locator('td.deployed-by')).toHaveText('-');
  }
  await expect(rows.nth(2).locator('td.deployed-by')).toHaveText('-');
  // One query per page view, for the configured group.
  expect(queries).toHaveLength(1);
  expect(queries[0].query).toContain(`phDeployments(where: { groupId_in: ["${GROUP_ID}"] }) { id name modelURI status }`);

  // The version page names its deployments too; stage and latest URIs are
  // resolved against the whole model, not guessed from the one version.
  await page.goto(versionUrl('iris-classifier', 2));
  if (features.aliases) await expect(page.locator('dd.deployed-by .chip')).toHaveText(['iris prod']);
  else await expect(page.locator('dd.deployed-by')).toHaveText('-');
  await page.goto(versionUrl('iris-classifier', 3));
  await expect(page.locator('dd.deployed-by .chip')).toHaveText(['iris canary', 'iris staging', 'iris latest']);
  await page.goto(versionUrl('iris-classifier', 1));
  await expect(page.locator('dd.deployed-by')).toHaveText('-');
  // The model list marks deployed models with their versions.
  await page.goto('/models?q=iris-classifier');
  const iris = page.locator('tbody tr', { has: page.getByRole('link', { name: 'iris-classifier', exact: true }) });
  await expect(iris.locator('[aria-hidden=true]')).toHaveText(features.aliases ? 'deployed v2, v3' : 'deployed v3');
  await page.goto('/models?q=fraud');
  const fraud = page.locator('tbody tr', { has: page.getByRole('link', { name: 'fraud detector v2', exact: true }) });
  // Its only deployment is stopped: marked so, not as deployed.
  await expect(fraud.locator('[aria-hidden=true]')).toHaveText('stopped v1');
  await expect(fraud.locator('.visually-hidden')).toHaveText('Version 1 is deployed but stopped');
  await expect(fraud.locator('.model-table__deployed--stopped')).toHaveCount(1);
});

test('create hand-off lands on the Deployments route with the exact URI and shows what will be deployed', async ({ page }) => {
  await withPrimehub(page);
  await page.goto(modelUrl('iris-classifier'));
  const row = page.locator('table.versions-table tbody tr').first();
  await deployVia(page, row, '+ Create new deployment');
  await expect(page).toHaveURL(/\/deployments\/create\?modelURI=/);
  const got = handedOver(page.url());
  expect(got).toEqual({ modelURI: 'models:/iris-classifier/3', defaultValue: 'models:/iris-classifier/3' });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Create deployment');
  await expect(page.locator('.handoff__name')).toHaveText('iris-classifier');
  await expect(page.locator('.handoff__version')).toHaveText('Version 3');
  await expect(page.locator('.handoff__fields')).toContainText('Staging');
  await expect(page.locator('.handoff__fields .chip')).toHaveText(features.aliases ? ['challenger'] : []);
  await expect(page.locator('.handoff__fields')).toContainText('Run train-2');
  await expect(page.locator('.handoff__status')).toHaveText('Ready');
  await expect(page.locator('.model-uri')).toHaveText('models:/iris-classifier/3');
  // The URI needs no encoding: one form, nothing to tell apart.
  await expect(page.locator('.handoff__received')).toHaveCount(0);
  await expect(page.locator('.serve-command')).toHaveText('mlflow models serve -m models:/iris-classifier/3');
  // The site does not deploy: the page says so and what to do instead.
  const next = page.getByRole('region', { name: 'Next step' });
  await expect(next).toContainText('it does not run deployments, so nothing has been deployed or changed');
  await expect(next).toContainText('deployments.route');
});

test('update hand-off goes to the chosen deployment and shows the change', async ({ page }) => {
  await withPrimehub(page);
  await page.goto(versionUrl('iris-classifier', 3));
  await deployVia(page, page.locator('main'), 'update:iris-prod-x1y2z');
  await expect(page).toHaveURL(/\/deployments\/iris-prod-x1y2z\/edit\?/);
  expect(handedOver(page.url())).toEqual({
    modelURI: 'models:/iris-classifier/3', defaultValue: 'models:/iris-classifier/3',
  });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Update deployment iris-prod-x1y2z');
  await expect(page.locator('.handoff__change')).toHaveText(features.aliases
    ? 'iris-classifier v2 \u2192 iris-classifier v3'
    : 'iris-classifier @champion (this MLflow server has no aliases) \u2192 iris-classifier v3');
});

test('the dialog can be opened from the URL and drops the parameter when closed', async ({ page }) => {
  await withPrimehub(page);
  await page.goto(modelUrl('fraud detector v2', '?deploy=1'));
  const dialog = page.getByRole('dialog', { name: 'Deploy Model' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Model fraud detector v2, version 1');
  // This model's deployments first, then the others, newest first within
  // each; each with what it serves now and whether it is live.
  await expect(dialog.locator('optgroup[label="Other deployments"] option')).toHaveCount(5);
  expect(await dialog.locator('optgroup').evaluateAll((gs) => gs.map((g) => g.label))).toEqual([
    'Deployments of this model',
    'Other deployments',
  ]);
  await expect(dialog.locator('optgroup[label="Deployments of this model"] option')).toHaveText([
    'fraud shadow: serves v1, this version (stopped)',
  ]);
  await expect(dialog.locator('optgroup[label="Other deployments"] option')).toHaveText([
    'iris canary: serves another model, iris-classifier v3',
    'iris staging: serves another model, iris-classifier (staging)',
    'iris prod: serves another model, iris-classifier @champion',
    'iris latest: serves another model, iris-classifier (latest)',
    'image only: serves no model (failed)',
  ]);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(modelUrl('fraud detector v2'));
  // Only a version number opens it.
  await page.goto(modelUrl('fraud detector v2', '?deploy=Production'));
  await expect(page.locator('table.versions-table tbody th')).toHaveCount(3);
  await expect(dialog).toBeHidden();
  // After a hand-off, Back does not open the dialog again.
  await page.goto(modelUrl('fraud detector v2', '?deploy=1'));
  await dialog.getByLabel('Deployment').selectOption({ label: '+ Create new deployment' });
  await okDespiteNoFiles(dialog);
  await expect(page).toHaveURL(/\/deployments\/create\?/);
  await page.goBack();
  await expect(page).toHaveURL(modelUrl('fraud detector v2'));
  await expect(page.locator('table.versions-table tbody th')).toHaveCount(3);
  await expect(dialog).toBeHidden();
});

test('a failing deployments source is named, and create still works', async ({ page }) => {
  await withPrimehub(page, { errors: [{ message: 'Not authorised', extensions: { code: 'FORBIDDEN' } }], data: null });
  await page.goto(modelUrl('iris-classifier'));
  const rows = page.locator('table.versions-table tbody tr');
  await expect(rows.first().locator('td.deployed-by [aria-hidden=true]')).toHaveText('unknown');
  // The reason is there for screen readers too, not only in a tooltip.
  await expect(rows.first().locator('td.deployed-by .visually-hidden')).toHaveText(
    'Existing deployments could not be loaded: PrimeHub refused the query: Not authorised',
  );
  await rows.first().getByRole('button', { name: 'Deploy' }).click();
  const dialog = page.getByRole('dialog', { name: 'Deploy Model' });
  await expect(dialog.getByRole('alert')).toContainText(
    'Existing deployments could not be loaded: PrimeHub refused the query: Not authorised. You can still create a new deployment.',
  );
  await expect(dialog.locator('option')).toHaveText(['Choose a deployment', '+ Create new deployment']);
  await dialog.getByLabel('Deployment').selectOption({ label: '+ Create new deployment' });
  await okDespiteNoFiles(dialog);
  await expect(page).toHaveURL(/\/deployments\/create\?/);
});

test('a static deployments list that is not there is named (a real 404 from nginx)', async ({ page }) => {
  await page.addInitScript(() => {
    window.PRIMEHUB_MODELS_CONFIG = {
      mlflow_api: '/api/mlflow',
      deployments: { route: 'deployments', source: { kind: 'static', url: 'no-such-list.json' } },
    };
  });
  await page.goto(modelUrl('iris-classifier', '?deploy=2'));
  await expect(page.getByRole('dialog', { name: 'Deploy Model' }).getByRole('alert')).toContainText(
    'nothing answers at no-such-list.json (HTTP 404)',
  );
});

test('an absolute route is a full-page hand-off to the host', async ({ page, baseURL }) => {
  const host = `${baseURL}/console/g/demo/deployments`;
  await withPrimehub(page, undefined, host);
  let landed = null;
  await page.route(`${host}/**`, (r) => {
    landed = r.request().url();
    return r.fulfill({ status: 200, contentType: 'text/html', body: '<h1>Host deployments</h1>' });
  });
  await page.goto(modelUrl('iris-classifier'));
  const row = page.locator('table.versions-table tbody tr').nth(1);
  const chip = page.locator('table.versions-table tbody tr').nth(0).locator('td.deployed-by a', { hasText: 'iris canary' });
  await expect(chip).toHaveAttribute('href', `${host}/iris-canary-h5j6k`);
  // A chip is the host's link: a full-page navigation, not an in-app route.
  await chip.click();
  await expect(page.getByRole('heading', { name: 'Host deployments' })).toBeVisible();
  expect(landed).toBe(`${host}/iris-canary-h5j6k`);
  await page.goBack();
  await deployVia(page, row, 'update:iris-canary-h5j6k');
  await expect(page.getByRole('heading', { name: 'Host deployments' })).toBeVisible();
  expect(landed.startsWith(`${host}/iris-canary-h5j6k/edit?`)).toBe(true);
  expect(handedOver(landed)).toEqual({ modelURI: 'models:/iris-classifier/2', defaultValue: 'models:/iris-classifier/2' });
});

test('every hostile name arrives at the Deployments route byte-identical', async ({ page }) => {
  // Two page views per hostile name (a dozen): under CPU load this took up
  // to 26 s of the 30 s a single view is given.
  test.setTimeout(90_000);
  forbidScripts(page);
  await withPrimehub(page, { data: { phDeployments: [] } });
  expect(manifest.hostile.length).toBeGreaterThan(5);
  for (const name of manifest.hostile) {
    await page.goto(versionUrl(name, 1, '?deploy'));
    const dialog = page.getByRole('dialog', { name: 'Deploy Model' });
    await expect(dialog.locator('.deploy-form__name')).toHaveText(name);
    await dialog.getByLabel('Deployment').selectOption({ label: '+ Create new deployment' });
    await okDespiteNoFiles(dialog);
    await expect(page).toHaveURL(/\/deployments\/create\?/);
    expect(handedOver(page.url()), name).toEqual({ modelURI: exactUri(name, 1), defaultValue: exactUri(name, 1) });
    // The in-app route resolves it back to the same model.
    await expect(page.locator('.handoff__name')).toHaveText(name);
    // Both forms, each said for what it is: PrimeHub's (handed over) and
    // MLflow's (the Model URI to copy).
    await expect(page.locator('.model-uri')).toHaveText(`models:/${name}/1`);
    if (exactUri(name, 1) !== `models:/${name}/1`) {
      await expect(page.locator('.handoff__received')).toHaveText(exactUri(name, 1));
      await expect(page.locator('.handoff__received-note')).toContainText("PrimeHub's form, the name percent-encoded");
    }
  }
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
});

test('the Deployments route explains a missing, garbled or unknown model URI', async ({ page }) => {
  await withPrimehub(page);
  await page.goto('/deployments/create');
  await expect(page.getByRole('alert')).toContainText('No model was handed over');
  await page.goto(`/deployments/create?modelURI=${encodeURIComponent('s3://bucket/model')}`);
  await expect(page.getByRole('alert')).toContainText('This is not a model URI');
  await page.goto(`/deployments/create?modelURI=${encodeURIComponent('models:/iris-classifier/99')}`);
  await expect(page.getByRole('alert')).toContainText('The model \u201ciris-classifier\u201d has no version 99.');
  await page.goto(`/deployments/create?modelURI=${encodeURIComponent('models:/no such model/1')}`);
  await expect(page.getByRole('alert')).toContainText('MLflow has no registered model named \u201cno such model\u201d.');
  // PrimeHub's own pages read defaultValue only; so does this route when modelURI is absent.
  const dv = JSON.stringify({ modelURI: 'models:/iris-classifier@champion' });
  await page.goto(`/deployments/iris-canary-h5j6k/edit?defaultValue=${encodeURIComponent(dv)}`);
  if (features.aliases) {
    await expect(page.locator('.handoff__version')).toHaveText('Version 2');
    await expect(page.locator('.handoff__change')).toHaveText('iris-classifier v3 \u2192 iris-classifier v2');
  } else {
    await expect(page.getByRole('alert')).toContainText('This MLflow server has no aliases');
    await expect(page.getByRole('alert')).toContainText('iris-classifier @champion');
  }
  // A deployment's own page says what it serves.
  await page.goto('/deployments/iris-prod-x1y2z');
  await expect(page.locator('.deployment__serves')).toHaveText(features.aliases
    ? 'iris-classifier v2' : 'iris-classifier @champion (this MLflow server has no aliases)');
});

test('the dev command\'s demo deployments (static source) point at seeded versions', async ({ page }) => {
  const { readFileSync } = await import('node:fs');
  const list = readFileSync(new URL('../../scripts/demo/deployments.json', import.meta.url), 'utf8');
  await page.addInitScript(() => {
    window.PRIMEHUB_MODELS_CONFIG = {
      mlflow_api: '/api/mlflow',
      deployments: { route: 'deployments', source: { kind: 'static', url: 'demo-deployments.json' } },
    };
  });
  await page.route('**/demo-deployments.json', (r) => r.fulfill({ contentType: 'application/json', body: list }));
  await page.goto(modelUrl('iris-classifier'));
  const rows = page.locator('table.versions-table tbody tr');
  await expect(rows.locator('td.deployed-by')).toHaveText(['iris stagingiris canary', features.aliases ? 'iris prod' : '-', '-']);
  await page.goto(modelUrl('fraud detector v2'));
  await expect(rows.nth(2).locator('td.deployed-by .chip')).toHaveText(['fraud shadow (stopped)', 'fraud scoring']);
  await page.goto(versionUrl('Modèle ünïcødé 模型 🚀', 1));
  await expect(page.locator('dd.deployed-by .chip')).toHaveText(['unicode demo']);
});

test('a failed or pending version cannot be deployed, and says why', async ({ page }) => {
  await withPrimehub(page);
  const { name } = manifest.failed;
  await page.goto(modelUrl(name));
  const rows = page.locator('table.versions-table tbody tr');
  await expect(rows).toHaveCount(3);
  const reasons = {
    [manifest.pending.version]: 'Not deployable yet: the version is still being registered. Deploy it once its status is Ready.',
    [manifest.failed.version]: 'Not deployable: registering this version failed, so MLflow has no model to serve.',
  };
  for (const [version, why] of Object.entries(reasons)) {
    const row = rows.filter({ has: page.getByRole('link', { name: `Version ${version}`, exact: true }) });
    const button = row.getByRole('button', { name: 'Deploy' });
    await expect(button).toHaveAttribute('aria-disabled', 'true');
    await expect(button).toHaveAttribute('title', why);
    await expect(button).toHaveAccessibleDescription(why);
    await button.click({ force: true });
    await expect(page.getByRole('dialog')).toHaveCount(0);
  }
  // The ready version deploys as ever.
  await expect(rows.nth(2).getByRole('button', { name: 'Deploy' })).not.toHaveAttribute('aria-disabled');
  // `?deploy` on a failed version's page does not open the dialog either.
  await page.goto(versionUrl(name, manifest.failed.version, '?deploy'));
  await expect(page.getByRole('button', { name: 'Deploy' })).toHaveAttribute('aria-disabled', 'true');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  // A hand-off of it, written by hand, shows its status and why it cannot be served.
  await page.goto(`/deployments/create?modelURI=${encodeURIComponent(exactUri(name, manifest.pending.version))}`);
  await expect(page.locator('.handoff__status')).toHaveText('Pending');
  await expect(page.locator('.handoff__blocked')).toHaveText(reasons[manifest.pending.version]);
});

test('updating a deployment that serves another model asks to confirm first', async ({ page }) => {
  const queries = await withPrimehub(page);
  await page.goto(versionUrl('fraud detector v2', 1, '?deploy'));
  const dialog = page.getByRole('dialog', { name: 'Deploy Model' });
  await dialog.getByLabel('Deployment').selectOption('update:iris-canary-h5j6k');
  const confirm = dialog.getByRole('checkbox', {
    name: 'Replace what iris canary serves now (iris-classifier v3) with fraud detector v2 v1',
  });
  await expect(confirm).not.toBeChecked();
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(dialog.locator('#deploy-problem')).toHaveText(
    'This deployment serves another model: tick the box to confirm replacing it, or choose another deployment.',
  );
  await expect(dialog).toBeVisible();
  // This model's own deployment needs no confirmation.
  await dialog.getByLabel('Deployment').selectOption('update:fraud-shadow-m3n4p');
  await expect(confirm).toHaveCount(0);
  await dialog.getByLabel('Deployment').selectOption('update:iris-canary-h5j6k');
  await confirm.check();
  await okDespiteNoFiles(dialog);
  await expect(page).toHaveURL(/\/deployments\/iris-canary-h5j6k\/edit\?/);
  expect(handedOver(page.url())).toEqual({
    modelURI: exactUri('fraud detector v2', 1), defaultValue: exactUri('fraud detector v2', 1),
  });
  // PrimeHub was asked for each deployment's status.
  expect(queries[0].query).toContain('{ id name modelURI status }');
});

test('Deployed By marks a stopped deployment as such', async ({ page }) => {
  await withPrimehub(page);
  await page.goto(modelUrl('fraud detector v2'));
  const chip = page.locator('table.versions-table tbody td.deployed-by .chip', { hasText: 'fraud shadow' });
  await expect(chip).toHaveText('fraud shadow (stopped)');
  await expect(chip).toHaveClass(/chip--not-live/);
  const live = page.locator('table.versions-table tbody td.deployed-by .chip', { hasText: 'iris' });
  await expect(live).toHaveCount(0);
});
