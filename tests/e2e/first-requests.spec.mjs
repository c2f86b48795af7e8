import { test, expect, mlflowUrl } from './seed.mjs';

// Each page's first requests start with the shell, while the page's own
// code is still on its way (issue 26): the test holds the page's wasm
// module back and sees MLflow (and PrimeHub's stubbed GraphQL) asked
// meanwhile; once the module arrives, the page uses those answers: no
// request is made twice.
const config = {
  mlflow_api: '/api/mlflow',
  deployments: { route: 'deployments', source: { kind: 'primehub', graphql: '/api/graphql', group_id: 'group-first' } },
};
const DEPLOYMENTS = [
  { id: 'iris-prod-x1y2z', name: 'iris prod', modelURI: 'models:/iris-classifier/2', status: 'Deployed' },
];

/** The run ids of `name`'s versions, from MLflow itself. */
async function runIds(name, versions) {
  const ids = [];
  for (const v of versions) {
    const url = `${mlflowUrl}/api/2.0/mlflow/model-versions/get?name=${encodeURIComponent(name)}&version=${v}`;
    const body = await (await fetch(url)).json();
    if (body.model_version.run_id) ids.push(body.model_version.run_id);
  }
  return [...new Set(ids)];
}

const api = (path) => new RegExp(`/api/mlflow/2\\.0/mlflow/${path}`);
const GRAPHQL = /\/api\/graphql$/;

const pages = [
  {
    name: 'the model list',
    path: '/models?q=iris',
    module: 'model-list',
    expected: async () => [api('registered-models/search\\?'), GRAPHQL],
    shown: (page) => page.locator('table.model-table tbody th').first(),
  },
  {
    name: "a model's versions",
    path: '/models/iris-classifier',
    module: 'model-pages',
    expected: async () => [api('registered-models/get\\?name=iris-classifier$'), api('model-versions/search\\?'), GRAPHQL,
      ...(await runIds('iris-classifier', [1, 2, 3])).map((id) => api(`runs/get\\?run_id=${id}$`))],
    shown: (page) => page.locator('table.versions-table tbody tr').first(),
  },
  {
    name: 'a version',
    path: '/models/iris-classifier/versions/2',
    module: 'model-pages',
    expected: async () => [api('model-versions/get\\?name=iris-classifier&version=2$'), GRAPHQL,
      ...(await runIds('iris-classifier', [2])).map((id) => api(`runs/get\\?run_id=${id}$`))],
    shown: (page) => page.getByRole('heading', { level: 1, name: 'Version 2' }),
  },
  {
    name: 'compare',
    path: '/models/iris-classifier/compare?versions=1,2,3',
    module: 'model-pages',
    expected: async () => [1, 2, 3].map((v) => api(`model-versions/get\\?name=iris-classifier&version=${v}$`)).concat(
      GRAPHQL, (await runIds('iris-classifier', [1, 2, 3])).map((id) => api(`runs/get\\?run_id=${id}$`))),
    shown: (page) => page.locator('table.compare-table tbody th').first(),
  },
  {
    name: 'a deployment',
    path: '/deployments/iris-prod-x1y2z',
    module: 'deployments',
    expected: async () => [GRAPHQL],
    shown: (page) => page.getByRole('heading', { level: 1, name: 'Deployment iris-prod-x1y2z' }),
  },
];

for (const p of pages) {
  test(`${p.name}: the first requests start while the page's code is on its way, and are made once`, async ({ page }) => {
    const expected = await p.expected();
    await page.addInitScript((c) => { window.PRIMEHUB_MODELS_CONFIG = c; }, config);
    await page.route('**/api/graphql', (r) => r.fulfill({
      status: 200, contentType: 'application/json', body: JSON.stringify({ data: { phDeployments: DEPLOYMENTS } }),
    }));
    let release;
    const held = new Promise((r) => { release = r; });
    let moduleAsked = false;
    await page.route(new RegExp(`/split-${p.module}-[0-9a-f]+\\.wasm$`), async (route) => {
      moduleAsked = true;
      await held;
      await route.continue();
    });
    const asked = [];
    page.on('request', (r) => {
      if (/\/api\/(mlflow|graphql)/.test(r.url())) asked.push(r.url());
    });

    await page.goto(p.path, { waitUntil: 'commit' });
    // Every first request is made while the module is held back...
    for (const re of expected) {
      await expect.poll(() => asked.filter((u) => re.test(u)).length, { message: `${re} while the page's code is held` }).toBe(1);
    }
    expect(moduleAsked).toBe(true);
    await expect(p.shown(page)).toHaveCount(0);
    // ...and once the page is built, it uses their answers.
    release();
    await expect(p.shown(page)).toBeVisible();
    await page.waitForLoadState('networkidle');
    for (const re of expected) {
      expect(asked.filter((u) => re.test(u)), `${re}: asked once`).toHaveLength(1);
    }
  });
}

test('a page left before its code arrived stops its first requests, and keeps none of them', async ({ page }) => {
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route(/\/split-model-pages-[0-9a-f]+\.wasm$/, async (route) => { await held; await route.continue(); });
  // The version's answer is held too: its request is still in flight when
  // the page is left.
  const version3 = api('model-versions/get\\?name=iris-classifier&version=3$');
  let versionAsked;
  const versionSeen = new Promise((r) => { versionAsked = r; });
  await page.route(version3, (route) => versionAsked(route));
  const failed = [];
  page.on('requestfailed', (r) => failed.push(r.url()));
  await page.goto('/models');
  await expect(page.locator('table.model-table tbody th').first()).toBeVisible();
  const open = (path) => page.evaluate((p) => {
    history.pushState(null, '', p);
    dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await open('/models/iris-classifier/versions/3');
  const route = await versionSeen;
  // Back to the list before the version page's code arrives: the request
  // it started is stopped.
  await page.goBack();
  await expect(page).toHaveURL(/\/models$/);
  await expect.poll(() => failed.filter((u) => version3.test(u)).length).toBe(1);
  await route.continue().catch(() => {});
  await page.unroute(version3);
  release();
  await expect(page.locator('table.model-table tbody th').first()).toBeVisible();
  // Opened again in the same document, the version page asks again and
  // shows the version: the stopped request was not kept for it.
  const asked = [];
  page.on('request', (r) => { if (version3.test(r.url())) asked.push(r.url()); });
  await open('/models/iris-classifier/versions/3');
  await expect(page.getByRole('heading', { level: 1, name: 'Version 3' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(asked).toHaveLength(1);
});

test("the host unmounts the app while a page's code is on its way: the page is not built into the gone app", async ({ page }) => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  let release;
  const held = new Promise((r) => { release = r; });
  let moduleAsked;
  const asked = new Promise((r) => { moduleAsked = r; });
  await page.route(/\/split-model-pages-[0-9a-f]+\.wasm$/, async (route) => {
    moduleAsked();
    await held;
    await route.continue();
  });
  // The host's proxy path: /api/groups/demo/mlflow/...
  const first = page.waitForRequest(/\/2\.0\/mlflow\/model-versions\/search\?/);
  await page.goto('/console/g/demo/models/iris-classifier');
  await asked;
  await first;
  // The user switches to another console tab: the host unmounts the app.
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Jobs' }).click();
  await expect(page.getByRole('heading', { name: 'Console jobs' })).toBeVisible();
  await expect(page.locator('#models-root')).toBeEmpty();
  // The module arrives after the app has gone.
  const arrived = page.waitForResponse(/\/split-model-pages-[0-9a-f]+\.wasm$/);
  release();
  await arrived;
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Models' }).click();
  await expect(page.locator('#models-root table.model-table tbody th').first()).toBeVisible();
  expect(errors).toEqual([]);
});

// The standalone page's loader starts the first requests itself, from the
// configuration alone, before the app's wasm has arrived
// (src/loader/early.js); the app takes them by URL. The shell's wasm is held
// back here: what MLflow is asked meanwhile was asked by the loader. Names
// MLflow accepts and URLs treat specially check that the loader's URLs are
// the app's, byte for byte: a URL of its own would be asked twice.
const mlflowGet = (endpoint, params) => (u) => {
  const url = new URL(u);
  return url.pathname.endsWith(`/api/mlflow/2.0/mlflow/${endpoint}`)
    && Object.entries(params).every(([k, v]) => url.searchParams.get(k) === v);
};
const enc = encodeURIComponent;
const UNICODE = 'Modèle ünïcødé 模型 🚀';
const QUOTE = "it's a model";
const PERCENT = '100% sure_model';
const BOTH_QUOTES = 'spe(c)ial-chars_ok.+=@!~&\'"#?';
const early = [
  {
    name: 'the model list, searched and sorted',
    path: '/models?q=iris&sort=-updated&size=50',
    early: async () => [mlflowGet('registered-models/search', {
      filter: "name ILIKE '%iris%'", order_by: 'last_updated_timestamp DESC', max_results: '50',
    })],
    shown: (page) => page.locator('table.model-table tbody th').first(),
  },
  {
    name: `the versions of "${QUOTE}"`,
    path: `/models/${enc(QUOTE)}`,
    early: async () => [
      mlflowGet('registered-models/get', { name: QUOTE }),
      mlflowGet('model-versions/search', { filter: `name = "${QUOTE}"` }),
      ...(await runIds(QUOTE, [1])).map((id) => mlflowGet('runs/get', { run_id: id })),
    ],
    shown: (page) => page.locator('table.versions-table tbody tr').first(),
  },
  {
    name: `a version of "${UNICODE}"`,
    path: `/models/${enc(UNICODE)}/versions/1`,
    early: async () => [
      mlflowGet('model-versions/get', { name: UNICODE, version: '1' }),
      ...(await runIds(UNICODE, [1])).map((id) => mlflowGet('runs/get', { run_id: id })),
    ],
    shown: (page) => page.getByRole('heading', { level: 1, name: 'Version 1' }),
  },
  {
    name: `compare of "${PERCENT}"`,
    path: `/models/${enc(PERCENT)}/compare?versions=01`,
    early: async () => [
      mlflowGet('model-versions/get', { name: PERCENT, version: '1' }),
      ...(await runIds(PERCENT, [1])).map((id) => mlflowGet('runs/get', { run_id: id })),
    ],
    shown: (page) => page.locator('table.compare-table tbody th').first(),
  },
  {
    // Both quote kinds: MLflow's filter cannot hold the name exactly, so
    // the loader leaves the versions search to the app.
    name: 'the versions of a name with both quote kinds',
    path: `/models/${enc(BOTH_QUOTES)}`,
    early: async () => [mlflowGet('registered-models/get', { name: BOTH_QUOTES })],
    later: [mlflowGet('model-versions/search', {})],
    shown: (page) => page.locator('table.versions-table tbody tr').first(),
  },
];

for (const p of early) {
  test(`${p.name}: the loader asks MLflow before the app's wasm arrives, and the app asks nothing twice`, async ({ page }) => {
    const expected = await p.early();
    let release;
    const held = new Promise((r) => { release = r; });
    await page.route(/\/models-app-[0-9a-f]+_bg\.wasm$/, async (route) => { await held; await route.continue(); });
    const asked = [];
    page.on('request', (r) => { if (r.url().includes('/api/mlflow/')) asked.push(r.url()); });

    await page.goto(p.path, { waitUntil: 'commit' });
    for (const [i, matches] of expected.entries()) {
      await expect.poll(() => asked.filter(matches).length, { message: `request ${i} while the shell is held` }).toBe(1);
    }
    for (const matches of p.later ?? []) expect(asked.filter(matches)).toHaveLength(0);
    await expect(p.shown(page)).toHaveCount(0);

    release();
    await expect(p.shown(page)).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
    await page.waitForLoadState('networkidle');
    for (const [i, matches] of expected.entries()) {
      expect(asked.filter(matches), `request ${i}: asked once`).toHaveLength(1);
    }
    for (const matches of p.later ?? []) expect(asked.filter(matches), 'asked by the app, once').toHaveLength(1);
  });
}
