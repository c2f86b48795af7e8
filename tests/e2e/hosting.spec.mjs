import { readFileSync } from 'node:fs';
import http from 'node:http';
import { test as plain } from '@playwright/test';
import { test, expect, mlflowUrl, manifest, features, collectCspViolations } from './seed.mjs';

const token = process.env.E2E_TOKEN;
const subpath = process.env.SUBPATH_URL;

test('a deep link to a version page works on a cold load, under the strict CSP', async ({ browser, baseURL }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const violations = await collectCspViolations(page);
  const response = await page.goto('/models/iris-classifier/versions/3');
  const csp = response.headers()['content-security-policy'];
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain("'unsafe-eval'");
  expect(csp).toContain("frame-ancestors 'self'");
  expect(response.headers()['cache-control']).toBe('no-cache');
  expect(response.headers()['x-content-type-options']).toBe('nosniff');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Version 3');
  await expect(page.locator('table.kv-table').first()).toBeVisible();
  // Hashed assets are cached for a year and sent compressed.
  const wasm = await page.request.get(`${baseURL}/${readFileSync('dist/index.html', 'utf8').match(/models-app-[0-9a-f]+_bg\.wasm/)[0]}`, {
    headers: { 'Accept-Encoding': 'gzip' },
  });
  expect(wasm.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(wasm.headers()['content-encoding']).toBe('gzip');
  // What applies to a file that is not a document, and not the page's
  // policies (they act on documents only, and weigh ~0.4 KB a response).
  expect(wasm.headers()['x-content-type-options']).toBe('nosniff');
  expect(wasm.headers()['content-security-policy']).toBeUndefined();
  const wasmBr = await page.request.get(wasm.url(), { headers: { 'Accept-Encoding': 'br, gzip' } });
  expect(wasmBr.headers()['content-encoding']).toBe('br');
  expect(violations).toEqual([]);
  await context.close();
});

test('the proxy refuses anything but GET and never forwards it', async ({ request }) => {
  const name = `created-through-proxy-${Date.now()}`;
  const create = await request.post('/api/mlflow/2.0/mlflow/registered-models/create', { data: { name } });
  expect(create.status()).toBe(405);
  const del = await request.delete(`/api/mlflow/2.0/mlflow/registered-models/delete?name=iris-classifier`);
  expect(del.status()).toBe(405);
  const patch = await request.patch('/api/mlflow/2.0/mlflow/registered-models/update', { data: { name: 'iris-classifier', description: 'x' } });
  expect(patch.status()).toBe(405);
  // MLflow never saw them: the model was not created, iris-classifier is intact.
  const got = await fetch(`${mlflowUrl}/api/2.0/mlflow/registered-models/get?name=${encodeURIComponent(name)}`);
  expect(got.status).toBe(404);
  const iris = await fetch(`${mlflowUrl}/api/2.0/mlflow/registered-models/get?name=iris-classifier`);
  expect(iris.status).toBe(200);
  const log = readFileSync(process.env.UPSTREAM_AUTH_LOG, 'utf8');
  expect(log).not.toMatch(/^(POST|DELETE|PATCH) /m);
});

/** One request sent exactly as written: Playwright's and fetch's URL
 *  parsing would resolve `..` and `.` before sending, and these tests are
 *  about what nginx does with them. */
function raw(base, method, path) {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, method, path }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
const upstreamLog = () => readFileSync(process.env.UPSTREAM_AUTH_LOG, 'utf8');
// nginx's own error page, which no MLflow release sends.
const NGINX_PAGE = '<center>nginx</center>';

test.describe('mlflow_root: the proxy for model files', () => {
  const root = '/api/mlflow-root';
  const run = Object.values(manifest.runs)[0].run_id;
  // A version with real model files where the seed logged them (churn-pyfunc),
  // else one without: MLflow's own "no such file" answer shows the route works.
  const churn = manifest.models.some((m) => m.name === 'churn-pyfunc');
  const [model, version] = churn ? ['churn-pyfunc', '1'] : ['iris-classifier', '1'];
  const churnModelId = churn && features.logged_models
    ? manifest.logged_models?.versions?.find((v) => v.model_id)?.model_id : undefined;
  const loggedModel = churnModelId
    ?? (features.logged_models ? manifest.field_defects.logged_model.versions[0].model_id
      : 'm-0123456789abcdef0123456789abcdef'); // MLflow 2.x and 1.x: no such route, their 404
  const allowed = [
    `/get-artifact?run_uuid=${run}&path=MLmodel`,
    `/model-versions/get-artifact?name=${encodeURIComponent(model)}&version=${version}&path=MLmodel`,
    `/ajax-api/2.0/mlflow/logged-models/${loggedModel}/artifacts/files?artifact_file_path=MLmodel`,
  ];

  test('the three model-file routes answer from MLflow, as MLflow answers them, with the token and the file headers', async ({ baseURL }) => {
    const before = upstreamLog().length;
    const answers = [];
    for (const path of allowed) {
      const proxied = await raw(baseURL, 'GET', `${root}${path}`);
      answers.push(proxied);
      const direct = await raw(mlflowUrl, 'GET', path);
      expect(proxied.body, path).not.toContain(NGINX_PAGE);
      expect(proxied.status, path).toBe(direct.status);
      expect(proxied.body, path).toBe(direct.body);
      expect(proxied.headers['content-type'], path).toBe(direct.headers['content-type']);
      // A file keeps the name MLflow gives it for a download.
      expect(proxied.headers['content-disposition'], path).toBe(direct.headers['content-disposition']);
      // One nosniff (MLflow 3 sends its own), the referrer policy, and a
      // policy under which a file opened as a page runs nothing.
      expect(proxied.headers['x-content-type-options'], path).toBe('nosniff');
      expect(proxied.headers['referrer-policy'], path).toBe('no-referrer');
      expect(proxied.headers['content-security-policy'], path).toBe("sandbox; default-src 'none'");
      expect(proxied.headers['set-cookie'], path).toBeUndefined();
    }
    // Real files where the seed has them: the version's MLmodel, and the
    // logged model's.
    if (churn) expect([answers[1].status, answers[1].body]).toEqual([200, expect.stringContaining('flavors:')]);
    if (churnModelId) expect([answers[2].status, answers[2].body]).toEqual([200, expect.stringContaining('flavors:')]);
    // Each reached MLflow once, as the route itself, with the proxy's token.
    await expect.poll(() => upstreamLog().slice(before).split('\n').filter(Boolean).length).toBe(allowed.length);
    expect(upstreamLog().slice(before).split('\n').filter(Boolean)).toEqual(
      allowed.map((p) => `GET ${p.split('?')[0]} auth=Bearer ${token}`));
  });

  test('everything else under the prefix is refused by nginx and never reaches MLflow', async ({ baseURL }) => {
    const get = `/model-versions/get-artifact?name=iris-classifier&version=1&path=MLmodel`;
    const file = `?run_uuid=${run}&path=MLmodel`;
    const lm = `/ajax-api/2.0/mlflow/logged-models/${loggedModel}`;
    const refused = [
      // MLflow's other routes: its API (writes and reads), UI, files, GraphQL.
      ['GET', '/ajax-api/2.0/mlflow/registered-models/delete?name=iris-classifier', 404],
      ['DELETE', '/ajax-api/2.0/mlflow/registered-models/delete?name=iris-classifier', 404],
      ['POST', '/ajax-api/2.0/mlflow/registered-models/create?name=made-through-root', 404],
      ['GET', '/ajax-api/2.0/mlflow/runs/search', 404],
      ['POST', '/ajax-api/2.0/mlflow/runs/search', 404],
      ['GET', '/api/2.0/mlflow/registered-models/search', 404],
      ['GET', '/', 404],
      ['GET', '/static-files/index.html', 404],
      ['GET', '/graphql', 404],
      ['POST', '/graphql', 404],
      ['GET', '/health', 404],
      ['GET', `/ajax-api/2.0/mlflow/model-versions/get-download-uri?name=iris-classifier&version=1`, 404],
      // Logged models: only their files.
      ['GET', lm, 404],
      ['DELETE', lm, 404],
      ['POST', '/ajax-api/2.0/mlflow/logged-models/search', 404],
      ['GET', `${lm}/artifacts/directories`, 404],
      ['GET', `${lm}/artifacts/files/x?artifact_file_path=MLmodel`, 404],
      ['GET', `/ajax-api/2.0/mlflow/logged-models/${loggedModel.toUpperCase()}/artifacts/files?artifact_file_path=MLmodel`, 404],
      ['GET', `/ajax-api/2.0/mlflow/logged-models/m-/artifacts/files?artifact_file_path=MLmodel`, 404],
      ['GET', `/ajax-api/2.0/mlflow/logged-models/x/../${loggedModel}/artifacts/files?artifact_file_path=MLmodel`, 404],
      // Path tricks: what would normalize to an allowed route is refused too.
      ['GET', '/get-artifact/../x', 404],
      ['GET', `/x/../get-artifact${file}`, 404],
      ['GET', `/./get-artifact${file}`, 404],
      ['GET', `//get-artifact${file}`, 404],
      ['GET', `/model-versions//get-artifact?name=iris-classifier&version=1&path=MLmodel`, 404],
      ['GET', '/get-artifact%2F..%2Fx', 404],
      ['GET', '/x%2F..%2Fget-artifact%3Frun_uuid=1', 404],
      ['GET', `/model-versions%2Fget-artifact?name=iris-classifier&version=1&path=MLmodel`, 404],
      ['GET', `/get%2Dartifact${file}`, 404],
      ['GET', `/get-artifact%3F${file.slice(1)}`, 404],
      ['GET', `/get-artifactX${file}`, 404],
      ['GET', `/get-artifact/${file}`, 404],
      ['GET', `/get-artifact/x${file}`, 404],
      ['GET', `/get-artifact.json${file}`, 404],
      ['GET', `/get-artifact;x${file}`, 404],
      ['GET', `/GET-ARTIFACT${file}`, 404],
      ['GET', `/model-versions/get-artifactX?name=iris-classifier&version=1&path=MLmodel`, 404],
      // An allowed route with any method but GET.
      ['POST', get, 405],
      ['PUT', get, 405],
      ['PATCH', get, 405],
      ['DELETE', get, 405],
      ['OPTIONS', get, 405],
      ['HEAD', get, 405],
      ['POST', `/get-artifact${file}`, 405],
      ['POST', `${lm}/artifacts/files?artifact_file_path=MLmodel`, 405],
    ];
    const before = upstreamLog().length;
    // Every answer is nginx's own (HEAD has no body to tell).
    const got = [];
    for (const [method, path] of refused) {
      const r = await raw(baseURL, method, `${root}${path}`);
      got.push([method, path, r.status, method === 'HEAD' || r.body.includes(NGINX_PAGE)]);
    }
    expect(got).toEqual(refused.map(([method, path, status]) => [method, path, status, true]));
    // nginx resolves `..` (encoded or not) before choosing a location: a path
    // that climbs out of the prefix is simply another path of the site (here
    // the app's config.json), never MLflow's root.
    for (const path of ['/get-artifact/../../../config.json', '/get-artifact%2f..%2f..%2f..%2fconfig.json']) {
      const r = await raw(baseURL, 'GET', `${root}${path}`);
      expect(r.status, path).toBe(200);
      expect(JSON.parse(r.body).mlflow_root, path).toBe(root);
    }
    // A request that does reach MLflow, after them: once its line is in the
    // log, theirs would be too; it is the only one.
    const fence = await raw(baseURL, 'GET', `${root}${allowed[1]}`);
    expect(fence.body).not.toContain(NGINX_PAGE);
    await expect.poll(() => upstreamLog().slice(before)).toContain('GET /model-versions/get-artifact ');
    expect(upstreamLog().slice(before).split('\n').filter(Boolean)).toEqual(
      [`GET /model-versions/get-artifact auth=Bearer ${token}`]);
    // MLflow is as it was: nothing created, nothing deleted.
    expect((await fetch(`${mlflowUrl}/api/2.0/mlflow/registered-models/get?name=iris-classifier`)).status).toBe(200);
    expect((await fetch(`${mlflowUrl}/api/2.0/mlflow/registered-models/get?name=made-through-root`)).status).toBe(404);
  });

  test('under a sub-path, the same routes only, under the base', async () => {
    const base = new URL(subpath);
    const origin = base.origin;
    const ok = await raw(origin, 'GET', `${base.pathname}${root}${allowed[1]}`);
    const direct = await raw(mlflowUrl, 'GET', allowed[1]);
    expect(ok.body).not.toContain(NGINX_PAGE);
    expect([ok.status, ok.body]).toEqual([direct.status, direct.body]);
    expect(ok.headers['content-security-policy']).toBe("sandbox; default-src 'none'");
    for (const [method, path, status] of [
      ['GET', '/ajax-api/2.0/mlflow/runs/search', 404],
      ['GET', `/x/..${allowed[1]}`, 404],
      ['POST', allowed[1], 405],
    ]) {
      const r = await raw(origin, method, `${base.pathname}${root}${path}`);
      expect(r.status, `${method} ${path}`).toBe(status);
      expect(r.body, `${method} ${path}`).toContain(NGINX_PAGE);
    }
  });

  test('its upstream headers and credentials are those of the /api proxy', () => {
    // Host (MLflow 3 refuses an unknown one), Origin, Cookie and Referer
    // dropped, the token from mlflow-auth.conf, Set-Cookie hidden, timeouts.
    const template = readFileSync('deploy/nginx/models.conf.template', 'utf8');
    const upstreamLines = (prefix) => {
      const block = template.split(`location ${prefix} {`)[1].split('\n        }\n')[0];
      return block.split('\n').map((l) => l.trim())
        .filter((l) => /^(proxy_set_header|proxy_hide_header Set-Cookie|proxy_(connect|send|read)_timeout|include @PREFIX@\/mlflow-auth\.conf)/.test(l));
    };
    const api = upstreamLines('@BASE_PATH@/api/mlflow/');
    expect(api.length).toBeGreaterThan(6);
    expect(upstreamLines('^~ @BASE_PATH@/api/mlflow-root/')).toEqual(api);
  });
});

test('the MLflow token reaches MLflow but never the page', async ({ page }) => {
  const seen = [];
  page.on('request', async (r) => seen.push(JSON.stringify(await r.allHeaders())));
  page.on('response', async (r) => {
    seen.push(JSON.stringify(await r.allHeaders()));
    if (r.request().resourceType() !== 'image') seen.push(await r.text().catch(() => ''));
  });
  await page.goto('/models/iris-classifier');
  await expect(page.locator('table.versions-table tbody th')).toHaveCount(3);
  await page.waitForLoadState('networkidle');
  expect(seen.length).toBeGreaterThan(5);
  for (const s of seen) expect(s).not.toContain(token);
  expect(await page.content()).not.toContain(token);
  const log = readFileSync(process.env.UPSTREAM_AUTH_LOG, 'utf8');
  expect(log).toMatch(new RegExp(`^GET /api/2\\.0/mlflow/model-versions/search auth=Bearer ${token}$`, 'm'));
  expect(log).not.toMatch(/auth=-$/m);
});

plain('a CSP violation is caught by the listener every test uses', async ({ page }) => {
  const violations = await collectCspViolations(page);
  await page.goto('/models');
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inline = 1';
    document.body.append(s);
  });
  await expect.poll(() => violations.length).toBeGreaterThan(0);
  expect(await page.evaluate(() => window.__inline)).toBeUndefined();
});

test('one build serves under a sub-path: deep links, links and the API stay under it', async ({ page }) => {
  await page.goto(`${subpath}/`);
  await expect(page).toHaveURL(`${subpath}/models`);
  await expect(page.locator('table.model-table tbody th').first()).toBeVisible();
  await page.goto(`${subpath}/models/iris-classifier`);
  await expect(page.locator('table.versions-table tbody th')).toHaveText(['Version 3', 'Version 2', 'Version 1']);
  const hrefs = await page.locator('main a[href^="/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  expect(hrefs.length).toBeGreaterThan(3);
  for (const h of hrefs) expect(h.startsWith('/models-app/')).toBe(true);
  await page.getByRole('link', { name: 'Version 2' }).click();
  await expect(page).toHaveURL(`${subpath}/models/iris-classifier/versions/2`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Version 2');
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Models' }).click();
  await expect(page).toHaveURL(`${subpath}/models`);
  await expect(page.locator('table.model-table tbody th').first()).toBeVisible();
});

test.describe('inside a host console', () => {
  const hostLinkColor = (page) => page.locator('.host-nav a').first().evaluate((a) => getComputedStyle(a).color);
  const bodyLook = (page) => page.evaluate(() => {
    const s = getComputedStyle(document.body);
    return `${s.margin} ${s.fontFamily} ${s.color}`;
  });

  test('the host navigates between its pages and the app; back and forward work; the host is untouched', async ({ page }) => {
    const api = [];
    page.on('request', (r) => { if (r.url().includes('/mlflow/2.0/')) api.push(new URL(r.url()).pathname); });
    await page.goto('/console/g/demo/home');
    await expect(page.getByRole('heading', { name: 'Console home' })).toBeVisible();
    const before = { link: await hostLinkColor(page), body: await bodyLook(page) };
    await page.evaluate(() => { window.__hostHeader = document.querySelector('.host-header'); });

    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Models' }).click();
    await expect(page.locator('#models-root table.model-table tbody th').first()).toBeVisible();
    expect(api.length).toBeGreaterThan(0);
    for (const p of api) expect(p.startsWith('/api/groups/demo/mlflow/2.0/mlflow/')).toBe(true);
    // The app's styles stay inside its root.
    expect(await hostLinkColor(page)).toBe(before.link);
    expect(await bodyLook(page)).toBe(before.body);
    expect(await page.evaluate(() => window.__hostHeader === document.querySelector('.host-header'))).toBe(true);
    await expect(page.locator('.host-header')).toContainText('PrimeHub (test host)');
    // The app is a named region of the host's page, not a second <main>.
    await expect(page.locator('main')).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Models' })).toBeVisible();

    await page.locator('#models-root').getByRole('searchbox').fill('iris-classifier');
    await page.locator('#models-root').getByRole('link', { name: 'iris-classifier', exact: true }).click();
    await expect(page).toHaveURL('/console/g/demo/models/iris-classifier');
    await expect(page.locator('#models-root table.versions-table tbody th')).toHaveCount(3);
    // A host link away from the app unmounts it.
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Jobs' }).click();
    await expect(page.getByRole('heading', { name: 'Console jobs' })).toBeVisible();
    await expect(page.locator('#models-root')).toBeEmpty();
    await expect(page.locator('html')).toHaveAttribute('data-mounted', 'no');
    // Back: the app again (mounted a second time), on the model it showed.
    await page.goBack();
    await expect(page).toHaveURL('/console/g/demo/models/iris-classifier');
    await expect(page.locator('#models-root table.versions-table tbody th')).toHaveCount(3);
    await expect(page.locator('html')).toHaveAttribute('data-mounts', '2');
    await page.goBack();
    await expect(page).toHaveURL(/\/console\/g\/demo\/models(\?.*)?$/);
    await expect(page.locator('#models-root table.model-table tbody th').first()).toBeVisible();
    await page.goForward();
    await expect(page.locator('#models-root table.versions-table tbody th')).toHaveCount(3);
    await page.goForward();
    await expect(page.getByRole('heading', { name: 'Console jobs' })).toBeVisible();
    await expect(page.locator('#models-root')).toBeEmpty();
    expect(await hostLinkColor(page)).toBe(before.link);
    expect(await bodyLook(page)).toBe(before.body);
  });

  test('a host page opens only the deploy dialog and hands off like the app', async ({ page }) => {
    await page.goto('/console/g/demo/home');
    const button = page.getByRole('button', { name: 'Deploy iris v3' });
    await button.click();
    const dialog = page.getByRole('dialog', { name: 'Deploy Model' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('Model iris-classifier, version 3');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(button).toBeFocused();
    // Opening again starts fresh.
    await button.click();
    await expect(dialog.getByLabel('Deployment')).toHaveValue('');
    await dialog.getByLabel('Deployment').selectOption({ label: '+ Create new deployment' });
    await dialog.getByRole('button', { name: 'OK' }).click();
    // iris-classifier v3 has no model files: the pre-flight asks to confirm.
    await dialog.getByRole('checkbox', { name: /despite: Files: MLflow lists no files/ }).check();
    await dialog.getByRole('button', { name: 'OK' }).click();
    await expect(page).toHaveURL(/\/console\/g\/demo\/deployments\/create\?/);
    const q = new URL(page.url()).searchParams;
    expect(q.get('modelURI')).toBe('models:/iris-classifier/3');
    expect(JSON.parse(q.get('defaultValue'))).toEqual({ modelURI: 'models:/iris-classifier/3' });
    // The host's Deployments route here is the app's own: it resolves the URI.
    await expect(page.locator('#models-root .handoff__version')).toHaveText('Version 3');
  });

  test("the host's deploy dialog says when its code does not arrive; Retry opens it in place", async ({ page }) => {
    let fail = true;
    await page.route(/\/split-deployments-[0-9a-f]+\.wasm$/, (route) => (fail ? route.abort('connectionfailed') : route.continue()));
    await page.goto('/console/g/demo/home');
    await page.evaluate(() => { window.__sameDocument = true; });
    await page.getByRole('button', { name: 'Deploy iris v3' }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('This page could not be loaded');
    fail = false;
    await alert.getByRole('button', { name: 'Retry' }).click();
    const dialog = page.getByRole('dialog', { name: 'Deploy Model' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('Model iris-classifier, version 3');
    // The host's page was not reloaded.
    expect(await page.evaluate(() => window.__sameDocument)).toBe(true);
  });
});

test('every asset index.html names is served as itself, whatever the length of its hash', async ({ page, baseURL }) => {
  // Trunk writes a content hash without leading zeros, so a name's hash may
  // be shorter than 16 digits; the proxy must not mistake it for a route.
  const html = readFileSync('dist/index.html', 'utf8');
  const names = [...new Set([...html.matchAll(/(?:href|src)="\.?\/?([^"?#]+\.(?:css|js|wasm|svg))"/g)].map((m) => m[1]))];
  expect(names.length).toBeGreaterThan(3);
  // The pages' own modules, which the split loader names.
  const loader = names.find((n) => /^models-split-[0-9a-f]+\.js$/.test(n));
  expect(loader).toBeTruthy();
  const modules = [...readFileSync(`dist/${loader}`, 'utf8').matchAll(/"\.\/([^"]+\.wasm)"/g)].map((m) => m[1]);
  expect(modules.filter((m) => m.startsWith('split-model-list-')).length).toBe(1);
  names.push(...modules);
  const types = { css: 'text/css', js: 'javascript', wasm: 'application/wasm', svg: 'image/svg+xml' };
  for (const name of names) {
    const r = await page.request.get(`${baseURL}/${name}`);
    expect(r.status(), name).toBe(200);
    expect(r.headers()['content-type'], name).toContain(types[name.split('.').pop()]);
    expect(r.headers()['cache-control'], name).toBe('public, max-age=31536000, immutable');
  }
  // The rule itself, for every hash length Trunk can write.
  const template = readFileSync('deploy/nginx/models.conf.template', 'utf8');
  const rule = template.match(/location ~\* "\^@BASE_PATH@\/(.+)\$" \{/)[1];
  const asset = new RegExp(`^/${rule.replace('(?<asset>', '(')}$`);
  for (const hash of ['df75c4f7defb8ef', 'bfb1f8bd8902a2cb', '1a2b3c4d5e6f7']) {
    expect(`/main-${hash}.css`, hash).toMatch(asset);
  }
});
