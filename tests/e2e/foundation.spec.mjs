import { test, expect, manifest, mlflowModelNames, forbidScripts } from './seed.mjs';

const rowNames = (page) => page.locator('table.model-table tbody th');

test('the model list shows the seeded models, prompts left out', async ({ page }) => {
  forbidScripts(page);
  await page.goto('/models?size=100');
  await expect(rowNames(page).first()).toBeVisible();
  const expected = await mlflowModelNames();
  const seeded = manifest.models.map((m) => m.name);
  expect(expected.length).toBe(seeded.length + manifest.bulk_models + (manifest.bulk_versions ? 1 : 0));
  for (const name of seeded) expect(expected).toContain(name);
  expect(await rowNames(page).allTextContents()).toEqual(expected.slice(0, 100));
  for (const prompt of manifest.prompts) {
    await expect(page.getByText(prompt, { exact: true })).toHaveCount(0);
  }
  await expect(page.locator('table.model-table tbody img')).toHaveCount(0);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
});

test('the root redirects to the model list', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/models$/);
  await expect(rowNames(page).first()).toBeVisible();
});

test('a deep link to a version survives a reload', async ({ page }) => {
  const url = `/models/${encodeURIComponent('iris-classifier')}/versions/2`;
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Version 2');
  await expect(page.locator('dl.version-fields')).toContainText('Production');
  await page.reload();
  await expect(page).toHaveURL(url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Version 2');
  await expect(page.locator('dl.version-fields')).toContainText('Production');
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).toContainText('iris-classifier');
});

test('every model name opens its own page, exactly as stored', async ({ page }) => {
  // Two page views per seeded model (20-odd): under CPU load that takes
  // longer than the 30 s a single view is given.
  test.setTimeout(120_000);
  forbidScripts(page);
  await page.goto('/models?size=100');
  await expect(rowNames(page).first()).toBeVisible();
  for (const { name } of manifest.models) {
    // The seeded names are spread over two pages of 100.
    let texts = await rowNames(page).allTextContents();
    if (!texts.includes(name)) {
      const next = page.getByRole('button', { name: 'Next' });
      const previous = page.getByRole('button', { name: 'Previous' });
      await ((await next.isEnabled()) ? next : previous).click();
      await expect(rowNames(page).first()).not.toHaveText(texts[0]);
      texts = await rowNames(page).allTextContents();
    }
    const index = texts.indexOf(name);
    expect(index, `a link for ${JSON.stringify(name)}`).toBeGreaterThanOrEqual(0);
    await rowNames(page).nth(index).locator('a').click();
    await expect(page).toHaveURL(new RegExp(`/models/${escapeRegExp(encodeURIComponent(name))}$`));
    await expect(page.locator('h1')).toHaveText(name, { useInnerText: false });
    expect(await page.locator('h1').textContent()).toBe(name);
    await expect(page.locator('.field-list')).toBeVisible();
    await page.goBack();
    await expect(rowNames(page).first()).toBeVisible();
  }
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
});

test('an unknown model shows not found with a way back', async ({ page }) => {
  await page.goto(`/models/${encodeURIComponent('no such model')}`);
  await expect(page.getByRole('alert')).toContainText('No model named "no such model"');
  await page.getByRole('link', { name: 'Back to Models' }).click();
  await expect(page).toHaveURL(/\/models$/);
});

test('an unknown path shows the not-found page', async ({ page }) => {
  await page.goto('/nowhere/at/all');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await page.getByRole('link', { name: 'Go to Models' }).click();
  await expect(rowNames(page).first()).toBeVisible();
});

test('a bad host configuration names the key at fault', async ({ page }) => {
  await page.addInitScript(() => {
    window.PRIMEHUB_MODELS_CONFIG = { mlflow_api: '/api/mlflow', mlflow_ui: 'javascript:alert(1)' };
  });
  await page.goto('/models');
  await expect(page.locator('.config-error__key')).toHaveText('mlflow_ui');
  await expect(page.getByRole('alert')).toContainText('http:// or https://');
});

test('the MLflow proxy only allows reads', async ({ request }) => {
  const res = await request.post('/api/mlflow/2.0/mlflow/registered-models/create', {
    data: { name: 'should-not-exist' },
  });
  expect(res.status()).toBe(405);
  const names = await mlflowModelNames();
  expect(names).not.toContain('should-not-exist');
});

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

test('a page loads only its own code; a page whose code does not arrive says so, and Retry loads it', async ({ page }) => {
  const wasm = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(r.url().split('/').pop()); });
  let fail = true;
  await page.route(/\/split-model-pages-[0-9a-f]+\.wasm$/, (route) => (fail ? route.abort('connectionfailed') : route.continue()));
  await page.goto('/models');
  await expect(rowNames(page).first()).toBeVisible();
  // The list's cold load: the shell and the list's module, no other page's.
  expect(wasm.some((f) => f.startsWith('split-model-list-'))).toBe(true);
  expect(wasm.filter((f) => /^split-(model-pages|deployments)-/.test(f))).toEqual([]);
  const link = page.locator('table.model-table tbody th a').first();
  const name = await link.textContent();
  await link.click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('This page could not be loaded');
  await expect(alert).toContainText('Check your connection');
  await expect(page).toHaveURL(/\/models\/[^/]+$/);
  await page.evaluate(() => { window.__sameDocument = true; });
  fail = false;
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  // Loaded again in place, not by reloading the page.
  expect(await page.evaluate(() => window.__sameDocument)).toBe(true);
});

test("pointing at a link, or reaching it by keyboard, starts loading its page's code", async ({ page }) => {
  for (const reach of ['hover', 'focus']) {
    await page.goto('/models');
    const link = page.locator('table.model-table tbody th a').first();
    await expect(link).toBeVisible();
    const modules = [];
    const onRequest = (r) => { if (/\/split-[a-z-]+-[0-9a-f]+\.wasm$/.test(r.url())) modules.push(r.url().split('/').pop()); };
    page.on('request', onRequest);
    const loaded = page.waitForRequest(/\/split-model-pages-[0-9a-f]+\.wasm$/, { timeout: 5000 });
    await link[reach]();
    await loaded;
    // Only that page's module: the deployments one is not fetched.
    expect(modules.filter((m) => m.startsWith('split-deployments-')), reach).toEqual([]);
    // Only this listener: the fixture's own (seed.mjs) keeps checking URLs.
    page.off('request', onRequest);
  }
});

test("while a page's code is on its way, the page says it is loading", async ({ page }) => {
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route(/\/split-model-list-[0-9a-f]+\.wasm$/, async (route) => { await held; await route.continue(); });
  await page.goto('/models');
  const main = page.locator('main.app-main');
  const shown = () => main.evaluate((m) => {
    const before = getComputedStyle(m, '::before');
    return before.visibility === 'visible' ? before.content : null;
  });
  await expect.poll(shown).toBe('"Loading…"');
  release();
  await expect(rowNames(page).first()).toBeVisible();
  expect(await shown()).toBe('none');
});
