// WebKitGTK's MiniBrowser (Debian's webkit2gtk-driver) over WebDriver,
// driven by selenium-webdriver through the WebKitWebDriver that
// scripts/engines.sh starts under Xvfb (WEBDRIVER_URL). Classic WebDriver
// cannot stub a request or run a script before the page's own: PrimeHub's
// deployments GraphQL is answered by the engines run's nginx, and uncaught
// errors are collected by listeners put into each document at its first
// script call (right after every navigation the journeys make).
import { Builder, Key } from 'selenium-webdriver';
import { run } from './runner.mjs';
import { journeys } from './journeys.mjs';

const driver = await new Builder()
  .usingServer(process.env.WEBDRIVER_URL)
  .withCapabilities({
    browserName: 'MiniBrowser',
    'webkitgtk:browserOptions': {
      binary: '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
      args: ['--automation'],
    },
  })
  .build();
await driver.manage().window().setRect({ width: 1280, height: 900 });

const errors = [];
// Runs `fn` in the page after making sure this document collects its errors;
// hands back what the document collected since the last call.
const COLLECT = `
  if (!window.__engineErrors) {
    window.__engineErrors = [];
    window.addEventListener('error', (e) => window.__engineErrors.push(e.message || String(e.error)));
    window.addEventListener('unhandledrejection', (e) => window.__engineErrors.push('unhandled rejection: ' + String(e.reason)));
  }`;
async function evaluate(fn, ...args) {
  const [value, seen] = await driver.executeScript(
    `${COLLECT}\nconst value = (${fn}).apply(null, arguments);\nreturn [value === undefined ? null : value, window.__engineErrors.splice(0)];`,
    ...args,
  );
  errors.push(...seen);
  return value;
}

const version = (await driver.getCapabilities()).get('browserVersion');
await run('webkitgtk', version, {
  goto: async (url) => { await driver.get(url); await evaluate(() => null); },
  url: () => driver.getCurrentUrl(),
  evaluate,
  handle: evaluate,
  click: (el) => el.click(),
  type: (el, text) => el.sendKeys(text),
  press: (key) => driver.actions().sendKeys(Key[key.toUpperCase()] ?? key).perform(),
  select: async (el, label) => {
    const option = await evaluate((s, l) => [...s.options].find((o) => o.textContent.trim() === l) ?? null, el, label);
    if (!option) throw new Error(`no option ${label}`);
    await option.click();
  },
  back: async () => { await driver.navigate().back(); await evaluate(() => null).catch(() => {}); },
  pageErrors: async () => errors.splice(0),
}, journeys, () => driver.quit());
