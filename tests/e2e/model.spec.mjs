// What the model takes and needs (issue 27): the version page's Model section
// and compare's Signature and Environment, against the real models the seed
// logged with this MLflow release's own client (manifest.logged_models).
import { test, expect, manifest, mlflowUrl, forbidScripts } from './seed.mjs';

const logged = manifest.logged_models;
const NAME = logged.name;
const byKind = (kind) => logged.versions.find((v) => v.kind === kind);
const versionUrl = (v) => `/models/${encodeURIComponent(NAME)}/versions/${v}`;
const section = (page) => page.locator('section.model-section');
const captioned = (page, caption) =>
  section(page).locator('table.signature-table').filter({ has: page.locator('caption', { hasText: new RegExp(`^${caption}`) }) });

/** The rows of a table as arrays of cell texts (header cell first). */
async function rows(table) {
  await expect(table).toBeVisible();
  return table.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent.trim())));
}

/** The model-file requests a page makes: listings and reads, in order. */
function fileRequests(page) {
  const seen = [];
  page.on('request', (r) => {
    const u = r.url();
    if (/get-artifact|artifacts\/(list|directories)/.test(u)) seen.push(u);
  });
  return seen;
}

/** A column spec as the page shows it. */
const columnRow = (c) => [c.name, c.type, c.required ? 'required' : 'optional'];

test('a version logged with a signature and an example shows what it takes and needs', async ({ page }) => {
  forbidScripts(page);
  const v = byKind('columns');
  const requests = fileRequests(page);
  await page.goto(versionUrl(v.version));
  await expect(section(page).getByRole('heading', { level: 2, name: 'Model' })).toBeVisible();
  // Signature: exactly the columns MLflow wrote.
  expect(await rows(captioned(page, 'Inputs'))).toEqual(v.signature.inputs.map(columnRow));
  expect(await rows(captioned(page, 'Outputs'))).toEqual(v.signature.outputs.map(columnRow));
  // Input example: the file's columns and rows.
  const example = section(page).locator('table.example-table');
  const file = v.input_example_file;
  await expect(example.locator('thead th')).toHaveText(file.columns);
  const shown = await rows(example);
  expect(shown).toHaveLength(file.data.length);
  shown.forEach((cells, r) => cells.forEach((cell, c) => {
    const want = file.data[r][c];
    if (typeof want === 'number') expect(Number(cell), `row ${r} ${file.columns[c]}`).toBe(want);
    else expect(cell, `row ${r} ${file.columns[c]}`).toBe(String(want));
  }));
  await section(page).getByText('Raw JSON').click();
  await expect(section(page).locator('.example-json pre')).toContainText('"columns"');
  // Flavors and serving.
  await expect(section(page).locator('.flavor-list li').first()).toHaveText('python_function (loader mlflow.pyfunc.model)');
  await expect(section(page).locator('.model-servable')).toContainText('It can be served by mlflow models serve');
  // Environment: Python, MLflow and the requirements, line for line.
  await expect(section(page).locator('.model-python')).toHaveText(v.python_version);
  await expect(section(page).locator('.model-mlflow-version')).toHaveText(v.mlflow_version);
  await expect(section(page).locator('.model-requirements li')).toHaveText(v.requirements);
  // The folder is listed once, first; then each file is read once.
  await page.waitForLoadState('networkidle');
  expect(requests[0], 'the listing comes first').toMatch(/artifacts\/(list|directories)/);
  expect(requests.filter((u) => /artifacts\/(list|directories)/.test(u))).toHaveLength(1);
  const reads = requests.filter((u) => u.includes('get-artifact'));
  expect(reads.map((u) => new URL(u).searchParams.get('path')).sort()).toEqual(
    ['MLmodel', 'input_example.json', 'requirements.txt'].sort());
  // Files: each with its exact size, each a download through mlflow_root;
  // folders (code/, the helper module MLflow copied) open in place.
  const files = section(page).locator('table.model-files');
  const listedNow = () => files.locator('tbody tr').evaluateAll((trs) =>
    Object.fromEntries(trs.map((tr) => [
      tr.querySelector('th').textContent.trim().replace(/^[\u25b8\u25be]\s*/, ''),
      tr.querySelector('td').getAttribute('title'),
    ])));
  const top = Object.entries(v.files).filter(([f]) => !f.includes('/'));
  const folders = [...new Set(Object.keys(v.files).filter((f) => f.includes('/')).map((f) => f.split('/')[0]))];
  expect(folders).toEqual(['code']);
  await expect(files.locator('tbody tr')).toHaveCount(top.length + folders.length);
  expect(await listedNow()).toEqual(Object.fromEntries([
    ...folders.map((d) => [`${d}/`, null]),
    ...top.map(([f, n]) => [f, `${n} bytes`]),
  ]));
  const folder = files.getByRole('button', { name: 'code/' });
  await expect(folder).toHaveAttribute('aria-expanded', 'false');
  await folder.click();
  await expect(folder).toHaveAttribute('aria-expanded', 'true');
  const inner = Object.entries(v.files).filter(([f]) => f.startsWith('code/'));
  for (const [f, n] of inner) {
    const link = files.getByRole('link', { name: f, exact: true });
    await expect(link).toHaveAttribute('href', `/api/mlflow-root/model-versions/get-artifact?name=${encodeURIComponent(NAME)}&version=${v.version}&path=${encodeURIComponent(f)}`);
    expect((await listedNow())[f]).toBe(`${n} bytes`);
    expect((await page.request.get(await link.getAttribute('href'))).status()).toBe(200);
  }
  await expect(section(page).locator('.model-size')).toContainText('in the files at the top; open a folder to see its files.');
  const mlmodel = files.getByRole('link', { name: 'MLmodel', exact: true });
  const href = await mlmodel.getAttribute('href');
  expect(href).toBe(`/api/mlflow-root/model-versions/get-artifact?name=${encodeURIComponent(NAME)}&version=${v.version}&path=MLmodel`);
  const served = await page.request.get(href);
  expect(served.status()).toBe(200);
  const direct = await (await fetch(`${mlflowUrl}/model-versions/get-artifact?name=${encodeURIComponent(NAME)}&version=${v.version}&path=MLmodel`)).text();
  expect(await served.text()).toBe(direct);
  await expect(section(page).locator('.model-missing')).toHaveCount(0);
});

test('a retyped and an added column, params and optional columns where the release has them', async ({ page }) => {
  const v = byKind('columns_changed');
  await page.goto(versionUrl(v.version));
  expect(await rows(captioned(page, 'Inputs'))).toEqual(v.signature.inputs.map(columnRow));
  const params = captioned(page, 'Parameters');
  if (v.signature.params) {
    const shown = await rows(params);
    expect(shown.map((r) => r[0])).toEqual(v.signature.params.map((p) => p.name));
    expect(shown.map((r) => r[1])).toEqual(v.signature.params.map((p) => p.type));
    expect(shown.find((r) => r[0] === 'labels')?.[3]).toBe('(-1,)');
  } else {
    await expect(captioned(page, 'Inputs')).toBeVisible();
    await expect(params).toHaveCount(0);
  }
  await expect(section(page).locator('.model-requirements li')).toHaveText(v.requirements);
});

test('tensors, no signature and deleted files are each told as they are', async ({ page }) => {
  const tensor = byKind('tensor');
  await page.goto(versionUrl(tensor.version));
  const spec = tensor.signature.inputs[0];
  expect(await rows(captioned(page, 'Inputs'))).toEqual([[`(tensor 0)`, `tensor of ${spec.dtype}`, `(${spec.shape.join(', ')})`]]);
  // Its example is a matrix: a table of its rows.
  await expect(section(page).locator('table.example-table tbody tr')).toHaveCount(tensor.input_example.rows.length);

  const bare = byKind('no_signature');
  await page.goto(versionUrl(bare.version));
  await expect(section(page).locator('.model-no-signature')).toContainText('Logged without a signature.');
  await expect(section(page)).toContainText('No input example was logged with this model.');
  await expect(section(page).locator('table.signature-table')).toHaveCount(0);

  const gone = byKind('files_deleted');
  test.skip(!gone.files_deleted, 'the seed could not delete the files');
  const requests = fileRequests(page);
  await page.goto(versionUrl(gone.version));
  await expect(section(page).locator('.model-missing').last()).toHaveText(
    'MLflow lists no files for this version: they may have been deleted, or they are in an artifact store this MLflow server cannot read.',
  );
  // The page itself stands: fields, run and the rest are there.
  await expect(page.locator('.version-status')).toHaveText('Ready');
  await expect(page.getByRole('heading', { name: 'Parameters' })).toBeVisible();
  // Nothing is read from a folder MLflow lists as empty (1.x and 2.x would
  // answer each read with an HTTP 500).
  await page.waitForLoadState('networkidle');
  expect(requests.filter((u) => u.includes('get-artifact'))).toEqual([]);
});

test('compare marks the added and retyped columns and the re-pinned requirement', async ({ page }) => {
  const [a, b] = [byKind('columns'), byKind('columns_changed')];
  await page.goto(`/models/${encodeURIComponent(NAME)}/compare?versions=${a.version}%2C${b.version}`);
  const table = (id) => page.locator(`section[aria-labelledby="${id}-title"] table`);
  const row = (id, key) => table(id).locator('tbody tr').filter({ has: page.locator('th', { hasText: new RegExp(`^${key}$`) }) });
  await expect(row('compare-signature', 'input age').locator('td').nth(1)).toContainText('double');
  await expect(row('compare-signature', 'input age').locator('td').nth(1)).toContainText('differs from the baseline');
  await expect(row('compare-signature', 'input tenure_months').locator('td').first()).toContainText('not in this version');
  await expect(row('compare-signature', 'input tenure_months').locator('td').nth(1)).toContainText('differs from the baseline');
  await expect(row('compare-signature', 'input plan').locator('td').nth(1)).not.toContainText('differs');
  await expect(row('compare-environment', 'requirement scikit-learn').locator('td').nth(1)).toContainText('==1.6.1');
  await expect(row('compare-environment', 'requirement scikit-learn').locator('td').nth(1)).toContainText('differs from the baseline');
  await expect(row('compare-environment', 'Python').locator('td').nth(1)).not.toContainText('differs');
  // Only differences hides the equal rows, these sections too.
  await page.getByLabel('Only differences').check();
  await expect(row('compare-signature', 'input plan')).toHaveCount(0);
  await expect(row('compare-signature', 'input age')).toHaveCount(1);
  await expect(row('compare-environment', 'requirement mlflow')).toHaveCount(0);
});

test('without mlflow_root the section shows what /api gives and says what needs it', async ({ page }) => {
  // The console host's configuration has no mlflow_root.
  const reads = [];
  page.on('request', (r) => {
    if (r.url().includes('get-artifact') || r.url().includes('artifacts/files')) reads.push(r.url());
  });
  const v = byKind('columns');
  await page.goto(`/console/g/demo/models/${encodeURIComponent(NAME)}/versions/${v.version}`);
  await expect(section(page).locator('.model-root-note')).toContainText('It is not set here');
  // The listing is under /api: files and sizes, no download links.
  const files = section(page).locator('table.model-files');
  const names = Object.keys(v.files);
  await expect(files.locator('tbody th')).toHaveText([
    ...new Set(names.filter((f) => f.includes('/')).map((f) => `\u25b8 ${f.split('/')[0]}/`)),
    ...names.filter((f) => !f.includes('/')),
  ]);
  await expect(files.getByRole('link')).toHaveCount(0);
  if (v.history_tag) {
    // MLflow 1.x/2.x: the signature from the run's mlflow.log-model.history tag.
    expect(await rows(captioned(page, 'Inputs'))).toEqual(v.signature.inputs.map(columnRow));
    await expect(section(page).locator('.model-root-note')).toContainText('mlflow.log-model.history');
  } else {
    await expect(section(page).locator('.model-missing').first()).toContainText('only in its MLmodel file');
  }
  await expect(section(page).locator('.model-requirements')).toContainText('which need mlflow_root');
  expect(reads, 'no file read without mlflow_root').toEqual([]);
});
