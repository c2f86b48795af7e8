// Firefox ESR (Debian's firefox-esr) over WebDriver BiDi, driven by
// puppeteer-core; never a downloaded browser. PrimeHub's deployments GraphQL
// is answered by request interception, with tests/engines/deployments.json.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { run } from './runner.mjs';
import { journeys, deployments } from './journeys.mjs';

const profile = mkdtempSync(join(tmpdir(), 'engines-firefox-'));
const browser = await puppeteer.launch({
  browser: 'firefox',
  protocol: 'webDriverBiDi',
  executablePath: '/usr/bin/firefox-esr',
  headless: true,
  userDataDir: profile,
  // No update checks or telemetry on a closed network.
  extraPrefsFirefox: { 'app.update.enabled': false, 'network.captive-portal-service.enabled': false },
});
// A tab of our own: in the tab Firefox starts with, keys reach the page but
// Space does not activate a focused checkbox (not so in a new tab).
const [first] = await browser.pages();
const page = await browser.newPage();
await first?.close();
await page.setViewport({ width: 1280, height: 900 });
const errors = [];
page.on('pageerror', (e) => errors.push(e.message ?? String(e)));
page.on('dialog', (d) => { errors.push(`a dialog opened: ${d.message()}`); d.dismiss().catch(() => {}); });

await page.setRequestInterception(true);
page.on('request', async (r) => {
  try {
    if (new URL(r.url()).pathname !== '/api/graphql') return await r.continue();
    const query = JSON.parse((await r.fetchPostData()) ?? '{}').query ?? '';
    if (r.method() !== 'POST' || !query.includes('phDeployments(where: { groupId_in: ["group-7d1e-demo"] }) { id name modelURI status }')) {
      errors.push(`unexpected deployments request: ${r.method()} ${query}`);
      return await r.respond({ status: 400, contentType: 'application/json', body: '{"errors":[{"message":"unexpected"}]}' });
    }
    await r.respond({ status: 200, contentType: 'application/json', body: JSON.stringify(deployments) });
  } catch {
    // The page went away (a navigation, the browser closing) before the
    // answer: nothing to answer. A journey that needs it sees it missing.
  }
});

const version = (await browser.version()).replace(/^firefox\//i, '').replace(/esr$/, '');
await run('firefox-esr', version, {
  goto: (url) => page.goto(url, { waitUntil: 'load' }),
  url: () => page.url(),
  evaluate: (fn, ...args) => page.evaluate(fn, ...args),
  handle: async (fn, ...args) => (await page.evaluateHandle(fn, ...args)).asElement(),
  click: (el) => el.click(),
  type: (el, text) => el.type(text),
  press: (key) => page.keyboard.press(key),
  select: async (el, label) => {
    const value = await el.evaluate((s, l) => [...s.options].find((o) => o.textContent.trim() === l)?.value, label);
    if (value === undefined) throw new Error(`no option ${label}`);
    await el.select(value);
  },
  back: () => page.goBack(),
  pageErrors: async () => errors.splice(0),
}, journeys, async () => {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
});
