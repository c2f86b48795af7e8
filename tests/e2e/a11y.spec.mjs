// Accessibility checked inside the test run: axe-core (npm) in the page, on
// every page type and dialog, in light and dark. No serious or critical
// finding passes, nor a heading that skips a level.
import { test, expect, manifest } from './seed.mjs';
import { findings } from './axe.mjs';

const modelUrl = (name, q = '') => `/models/${encodeURIComponent(name)}${q}`;
const versionUrl = (name, v, q = '') => `/models/${encodeURIComponent(name)}/versions/${v}${q}`;
const DEPLOYMENTS = [
  { id: 'iris-canary-h5j6k', name: 'iris canary', modelURI: 'models:/iris-classifier/3', status: 'Deployed' },
  { id: 'fraud-shadow-m3n4p', name: 'fraud shadow', modelURI: 'models:/fraud detector v2/1', status: 'Stopped' },
];

// axe adds its own inline styles while it runs; the app's CSP is checked by
// every other test.
test.use({ bypassCSP: true });

const views = [
  { name: 'model list', url: '/models', ready: 'table.model-table tbody tr' },
  { name: 'versions page', url: modelUrl('iris-classifier', '?cols=1&p=C&m=accuracy'), ready: '.metric-trend .line-chart__point' },
  { name: 'version page', url: versionUrl('iris-classifier', 3), ready: '.serve-command', scroll: '.metric-history[data-metric="loss"] .line-chart__point' },
  { name: 'failed version', url: versionUrl(manifest.failed.name, manifest.failed.version), ready: '.version-alert' },
  { name: 'numbers', url: versionUrl('numbers-edge', 1), ready: 'table.kv-table' },
  { name: 'hand-off page', url: `/deployments/create?modelURI=${encodeURIComponent('models:/fraud%20detector%20v2/1')}`, ready: '.handoff__received' },
  { name: 'deployment page', url: '/deployments/iris-canary-h5j6k', ready: '.deployment__serves a' },
  { name: 'compare page', url: `${modelUrl('iris-classifier')}/compare?versions=3%2C1&diff=1`, ready: 'table.compare-header tbody tr' },
  { name: 'compare history', url: `${modelUrl('iris-classifier')}/compare?versions=3%2C2%2C1`, ready: 'table.compare-header tbody tr', select: ['Metric', 'loss'], selectReady: '.line-chart__legend li' },
  { name: 'model section', url: versionUrl('churn-pyfunc', 2), ready: '.model-section table.model-files tbody tr' },
  { name: 'compare signature', url: `${modelUrl('churn-pyfunc')}/compare?versions=1%2C2%2C3%2C4`, ready: '#compare-environment-title' },
  { name: 'versions selected', url: modelUrl('iris-classifier', '?select=3%2C1'), ready: 'table.versions-table tbody tr' },
  { name: 'not found', url: '/no/such/page', ready: 'h1' },
  { name: 'Deploy dialog', url: versionUrl('iris-classifier', 3, '?deploy'), ready: 'dialog[open] option[value^="update:"]' },
  { name: 'pre-flight checks', url: versionUrl('churn-pyfunc', 1, '?deploy'), ready: 'dialog[open] option[value="create"]', select: ['Deployment', 'create'], selectReady: 'dialog[open] .preflight__check--pass' },
  { name: 'Columns dialog', url: modelUrl('iris-classifier'), ready: 'table.versions-table tbody tr', open: 'Columns', openReady: 'dialog[open] input[type=checkbox]' },
];

for (const scheme of ['light', 'dark']) {
  test(`axe finds nothing serious on any page or dialog (${scheme})`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: scheme });
    await page.addInitScript((list) => {
      window.PRIMEHUB_MODELS_CONFIG = {
        mlflow_api: '/api/mlflow',
        mlflow_root: '/api/mlflow-root',
        deployments: { route: 'deployments', source: { kind: 'static', url: '/a11y-deployments.json' } },
      };
    }, DEPLOYMENTS);
    await page.route('**/a11y-deployments.json', (r) => r.fulfill({ contentType: 'application/json', body: JSON.stringify(DEPLOYMENTS) }));
    const found = {};
    for (const v of views) {
      await page.goto(v.url);
      await expect(page.locator(v.ready).first()).toBeAttached();
      if (v.scroll) {
        await page.locator(v.scroll.split(' .line-chart__point')[0]).scrollIntoViewIfNeeded();
        await expect(page.locator(v.scroll).first()).toBeAttached();
      }
      if (v.select) {
        await page.getByRole('combobox', { name: v.select[0] }).selectOption(v.select[1]);
        await expect(page.locator(v.selectReady).first()).toBeAttached();
      }
      if (v.open) {
        await page.getByRole('button', { name: v.open }).click();
        await expect(page.locator(v.openReady).first()).toBeAttached();
      }
      const f = await findings(page);
      if (f.length) found[v.name] = f;
    }
    expect(found).toEqual({});
  });
}
