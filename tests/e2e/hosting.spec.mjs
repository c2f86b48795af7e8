import { readFileSync } from 'node:fs';
import { test as plain } from '@playwright/test';
import { test, expect, mlflowUrl, collectCspViolations } from './seed.mjs';

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
