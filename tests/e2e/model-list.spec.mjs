import { forward } from '../fixtures/forward.mjs';
import { test, expect, manifest, mlflowModelNames, mlflowUrl, countMlflowRequests } from './seed.mjs';

const rowNames = (page) => page.locator('table.model-table tbody th');
const search = (page) => page.getByRole('searchbox', { name: 'Search models' });
const position = (page) => page.locator('.pager__position');

async function waitForRows(page) {
  await expect(rowNames(page).first()).toBeVisible();
}

test('one MLflow request per page view', async ({ page }) => {
  const requests = countMlflowRequests(page);
  await page.goto('/models');
  await waitForRows(page);
  await page.waitForLoadState('networkidle');
  expect(requests).toHaveLength(1);
  expect(requests[0].slice(process.env.BASE_URL.length)).toBe('/api/mlflow/2.0/mlflow/registered-models/search?max_results=25&order_by=name%20ASC');
});

test('search narrows the list on the server and survives a reload', async ({ page }) => {
  await page.goto('/models');
  await waitForRows(page);
  await search(page).fill('iris');
  await expect(rowNames(page)).toHaveText(['iris-classifier']);
  await expect(page).toHaveURL(/\?q=iris$/);
  await expect(page.getByRole('status')).toHaveText('Showing models 1-1');
  await page.reload();
  await expect(rowNames(page)).toHaveText(['iris-classifier']);
  await expect(search(page)).toHaveValue('iris');
});

test('tag conditions joined with AND are sent as typed', async ({ page }) => {
  await page.goto('/models');
  await waitForRows(page);
  await search(page).fill("tags.kind = 'odd' AND model");
  await search(page).press('Enter');
  const expected = await mlflowModelNames('name ASC', "tags.kind = 'odd' AND name ILIKE '%model%'");
  expect(expected.length).toBeGreaterThan(1);
  await expect(rowNames(page)).toHaveText(expected);
});

test('typing a tag condition keeps the results on screen and no error shows while typing', async ({ page }) => {
  // The page's clock stands still while the test types, so every keystroke
  // comes within the search's 300 ms pause however loaded the machine: a
  // longer gap after "ta", "tag" or "tags" searches for that text (no model
  // matches) and empties the list, as it does for a user who pauses there.
  await page.clock.install();
  await page.goto('/models');
  await waitForRows(page);
  // Record whether the error or an empty list ever showed during the typing.
  await page.evaluate(() => {
    window.__seen = { error: false, noTable: false };
    new MutationObserver(() => {
      if (document.querySelector('.model-list__filter-error')) window.__seen.error = true;
      if (!document.querySelector('table')) window.__seen.noTable = true;
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  await page.clock.pauseAt(Date.now() + 1000);
  await search(page).pressSequentially("tags.team = 'ml-team'", { delay: 120 });
  await page.clock.resume();
  const expected = await mlflowModelNames('name ASC', "tags.team = 'ml-team'");
  expect(expected.length).toBeGreaterThan(0);
  await expect(rowNames(page)).toHaveText(expected);
  expect(await page.evaluate(() => window.__seen)).toEqual({ error: false, noTable: false });
  await expect(search(page)).not.toHaveAttribute('aria-invalid', 'true');
});

test('text MLflow cannot express is explained, not sent', async ({ page }) => {
  await page.goto('/models');
  await waitForRows(page);
  const requests = countMlflowRequests(page);
  await search(page).fill(`both ' and "`);
  await search(page).press('Enter');
  await expect(page.locator('.model-list__filter-error')).toContainText('not both');
  await expect(search(page)).toHaveAttribute('aria-invalid', 'true');
  expect(requests).toHaveLength(0);
  // The last good results stay on screen.
  await expect(rowNames(page)).toHaveCount(25);
});

test('no match offers to clear the search', async ({ page }) => {
  await page.goto('/models?q=' + encodeURIComponent('zzz-nothing-like-this'));
  await expect(page.getByRole('heading', { name: /No model matches/ })).toBeVisible();
  await page.getByRole('button', { name: 'Clear search' }).click();
  await waitForRows(page);
  await expect(search(page)).toHaveValue('');
  await expect(page).toHaveURL(/\/models$/);
});

test('sort flips the order on the server', async ({ page }) => {
  await page.goto('/models');
  await waitForRows(page);
  const desc = await mlflowModelNames('name DESC');
  await page.getByRole('button', { name: /^Name/ }).click();
  await expect(rowNames(page).first()).toHaveText(desc[0]);
  await expect(page.getByRole('columnheader', { name: /^Name/ })).toHaveAttribute('aria-sort', 'descending');
  expect(await rowNames(page).allTextContents()).toEqual(desc.slice(0, 25));
  const updated = await mlflowModelNames('last_updated_timestamp DESC');
  await page.getByRole('button', { name: /^Last Modified/ }).click();
  await expect(page).toHaveURL(/sort=-updated/);
  await expect(rowNames(page).first()).toHaveText(updated[0]);
});

test('paging by 25 reaches the last model and comes back', async ({ page }) => {
  const all = await mlflowModelNames();
  expect(all.length).toBe(manifest.models.length + manifest.bulk_models + (manifest.bulk_versions ? 1 : 0));
  await page.goto('/models');
  await waitForRows(page);
  const seen = [];
  const next = page.getByRole('button', { name: 'Next' });
  for (let p = 1; ; p++) {
    const start = (p - 1) * 25 + 1;
    const end = Math.min(p * 25, all.length);
    await expect(position(page)).toHaveText(`${start}-${end}`);
    seen.push(...(await rowNames(page).allTextContents()));
    if (!(await next.isEnabled())) break;
    await next.click();
  }
  expect(seen).toEqual(all);
  await expect(rowNames(page).last()).toHaveText(all[all.length - 1]);
  // A reload keeps the last page; Previous still works from there.
  await page.reload();
  await expect(rowNames(page).last()).toHaveText(all[all.length - 1]);
  const previous = page.getByRole('button', { name: 'Previous' });
  while (await previous.isEnabled()) {
    const before = await position(page).textContent();
    await previous.click();
    await expect(position(page)).not.toHaveText(before);
  }
  await expect(position(page)).toHaveText('1-25');
  expect(await rowNames(page).allTextContents()).toEqual(all.slice(0, 25));
});

test('page size and sort live in a shared link', async ({ page }) => {
  const desc = await mlflowModelNames('name DESC');
  await page.goto('/models?sort=-name&size=50');
  await waitForRows(page);
  expect(await rowNames(page).allTextContents()).toEqual(desc.slice(0, 50));
  await expect(page.getByLabel('Rows per page')).toHaveValue('50');
  await page.getByLabel('Rows per page').selectOption('100');
  await expect(page).toHaveURL(/size=100/);
  await expect(rowNames(page)).toHaveCount(100);
});

test('keyboard: / focuses search, arrows move between rows, Enter opens', async ({ page }) => {
  await page.goto('/models');
  await waitForRows(page);
  await page.locator('h1').click();
  await page.keyboard.press('/');
  await expect(search(page)).toBeFocused();
  const names = await rowNames(page).allTextContents();
  await rowNames(page).first().locator('a').focus();
  await page.keyboard.press('ArrowDown');
  await expect(rowNames(page).nth(1).locator('a')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await expect(rowNames(page).nth(1).locator('a')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('h1')).toHaveText(names[1]);
});

test('the MLflow UI button opens MLflow in a new tab', async ({ page }) => {
  await page.goto('/models');
  const button = page.getByRole('link', { name: 'MLflow UI' });
  await expect(button).toHaveAttribute('href', `${mlflowUrl}/#/models`);
  await expect(button).toHaveAttribute('target', '_blank');
  await expect(button).toHaveAttribute('rel', 'noopener noreferrer');
});

test('an unreachable MLflow is explained and recovers on Retry', async ({ page }) => {
  const flakyPort = Number(process.env.FLAKY_PORT);
  const mlflowPort = Number(new URL(mlflowUrl).port);
  await page.addInitScript(() => {
    window.PRIMEHUB_MODELS_CONFIG = { mlflow_api: '/api/mlflow-flaky' };
  });
  await page.goto('/models');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('MLflow is not reachable');
  await expect(alert).toContainText('HTTP 502');
  // Without mlflow_ui the MLflow UI button is not shown.
  await expect(page.getByRole('link', { name: 'MLflow UI' })).toHaveCount(0);
  // MLflow comes back: a forwarder to the real server on the flaky port.
  const mlflow = await forward(flakyPort, mlflowPort);
  try {
    await page.getByRole('button', { name: 'Retry' }).click();
    await waitForRows(page);
    await expect(page.getByRole('alert')).toHaveCount(0);
  } finally {
    await mlflow.close();
  }
});

test('while the next page loads, the rows shown are marked as the previous answer', async ({ page }) => {
  await page.goto('/models');
  await waitForRows(page);
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route(
    (url) => url.pathname.endsWith('/registered-models/search') && url.searchParams.has('page_token'),
    async (route) => { await held; await route.continue(); },
  );
  const region = page.locator('.refetchable');
  await expect(region).toHaveAttribute('aria-busy', 'false');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(region).toHaveAttribute('aria-busy', 'true');
  await expect(page.getByRole('status').filter({ hasText: 'Loading models' })).toHaveCount(1);
  // The old rows are still there, dimmed, not passed off as page 2.
  await expect(position(page)).toHaveText('1-25');
  release();
  await expect(position(page)).toHaveText('26-50');
  await expect(region).toHaveAttribute('aria-busy', 'false');
  // Focus stays on the pager, where the keyboard user was.
  await expect(page.getByRole('button', { name: 'Next' })).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: 'Showing models 26-50' })).toHaveCount(1);
});

test('the Description column reads as plain text, not markdown', async ({ page }) => {
  await page.goto('/models?q=fraud');
  const row = page.locator('table.model-table tbody tr', { has: page.getByRole('link', { name: 'fraud detector v2', exact: true }) });
  await expect(row.locator('.model-table__description')).toHaveText('Gradient boosting, beta.');
});
