// What the seed script wrote, and MLflow's own answers, for the tests to compare against.
import { readFileSync } from 'node:fs';
import { test as base, expect } from '@playwright/test';

export const manifest = JSON.parse(readFileSync(process.env.SEED_MANIFEST, 'utf8'));
export const mlflowUrl = process.env.MLFLOW_URL;

/** Names of every registered model MLflow lists in `order`, prompts left out. */
export async function mlflowModelNames(order = 'name ASC', filter = '') {
  let url = `${mlflowUrl}/api/2.0/mlflow/registered-models/search?max_results=1000&order_by=${encodeURIComponent(order)}`;
  if (filter) url += `&filter=${encodeURIComponent(filter)}`;
  const body = await (await fetch(url)).json();
  return (body.registered_models ?? [])
    .filter((m) => !(m.tags ?? []).some((t) => t.key === 'mlflow.prompt.is_prompt' && t.value === 'true'))
    .map((m) => m.name);
}

/** Fails the test when a page opens a dialog or runs an injected script. */
export function forbidScripts(page) {
  page.on('dialog', (d) => {
    throw new Error(`a dialog opened: ${d.message()}`);
  });
}

/** Counts the MLflow requests a page makes through the proxy. */
export function countMlflowRequests(page) {
  const seen = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/mlflow')) seen.push(r.url());
  });
  return seen;
}

/** Collects the page's Content-Security-Policy violations (the console
 *  reports each one; the DOM event catches the rest). */
export async function collectCspViolations(page) {
  const seen = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.push(m.text());
  });
  await page.exposeFunction('__reportCsp', (v) => seen.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__reportCsp(`${e.violatedDirective} blocked ${e.blockedURI}`));
  });
  return seen;
}

/** What the MLflow release the suite runs against has (written by the seed). */
if (!manifest.features) throw new Error(`${process.env.SEED_MANIFEST} has no "features": re-seed MLflow`);
export const { features } = manifest;

const encodeQuery = (s) => encodeURIComponent(s).replace(/'/g, '%27');

/** `url` as the app's client builds it: every query key and value encoded
 *  once (encodeURIComponent, and `'`), pairs joined by `&`, no `?` or `&`
 *  without a pair. MLflow 2.9 and older answer 500 to anything else. */
export function builtUrl(url) {
  const u = new URL(url);
  const raw = u.search.slice(1);
  const pairs = raw.split('&').filter((p) => p !== '').map((p) => {
    const i = p.includes('=') ? p.indexOf('=') : p.length;
    return `${encodeQuery(decodeURIComponent(p.slice(0, i)))}=${encodeQuery(decodeURIComponent(p.slice(i + 1)))}`;
  });
  return `${u.origin}${u.pathname}${pairs.length ? '?' + pairs.join('&') : ''}`;
}

/** Every e2e test runs under the nginx config's strict CSP: a violation
 *  fails it. So does an MLflow request whose URL is not exactly the one the
 *  client builds (a stray `&`, a re-encoded value). */
export const test = base.extend({
  page: async ({ page }, use) => {
    const violations = await collectCspViolations(page);
    const mlflowUrls = [];
    page.on('request', (r) => {
      if (r.url().includes('/2.0/mlflow/')) mlflowUrls.push(r.url());
    });
    await use(page);
    expect(violations, 'Content-Security-Policy violations').toEqual([]);
    expect(mlflowUrls, 'MLflow request URLs as the client built them').toEqual(mlflowUrls.map(builtUrl));
  },
});
export { expect };
