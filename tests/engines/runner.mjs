// The tiny runner both engines share. An engine file gives a Browser (its
// driver's few primitives); the journeys (journeys.mjs) use only what is
// below. Each journey is one test: it fails on a failed expectation, on any
// uncaught error in the page, and on an MLflow request that reached nginx
// other than as the client builds it. Prints one line per journey and then
//   <engine> <version>: N passed, N failed
// and exits non-zero when one failed.
import { readFileSync, statSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';

const WAIT_MS = Number(process.env.ENGINES_WAIT_MS ?? 10_000);
const JOURNEY_MS = 90_000;

/** What an engine provides (see firefox.mjs, webkit.mjs):
 *  goto(url), url(), evaluate(fn, ...args) -> JSON value, handle(fn, ...args)
 *  -> element or null, click(el), type(el, text), press(key), select(el, label),
 *  back(), pageErrors() -> the uncaught errors since the last call.
 *  `fn` runs in the page: it must not use anything outside itself. */
export class Journey {
  constructor(browser) {
    this.browser = browser;
    this.errors = [];
  }

  async goto(path) {
    await this.browser.goto(new URL(path, process.env.BASE_URL).href);
  }

  url() {
    return this.browser.url();
  }

  /** Waits until `fn(...args)` in the page gives `expected` (a value, compared
   *  deeply, or a predicate); returns what it gave. */
  async see(what, fn, args, expected) {
    const ok = typeof expected === 'function' ? expected : (v) => isDeepStrictEqual(v, expected);
    let last, failure;
    const seen = await this.#until(async () => {
      try {
        last = await this.browser.evaluate(fn, ...args);
        failure = undefined;
        return ok(last);
      } catch (e) {
        failure = e; // the page may be between two documents
        return false;
      }
    });
    if (seen) return last;
    const want = typeof expected === 'function' ? `${expected}` : JSON.stringify(expected);
    throw new Error(`${what}: expected ${want}, got ${JSON.stringify(last)}${failure ? ` (${failure.message})` : ''}`);
  }

  /** Waits until `fn(...args)` in the page returns an element; returns it. */
  async find(what, fn, ...args) {
    let el = null;
    const found = await this.#until(async () => {
      try {
        el = await this.browser.handle(fn, ...args);
      } catch { /* between two documents */ }
      return !!el;
    });
    if (!found) throw new Error(`${what}: not found`);
    return el;
  }

  /** Asks `check()` again every 100 ms (as Playwright's assertions retry)
   *  until it is true or WAIT_MS have passed; the page's errors are
   *  collected on every round. True when `check` came true. */
  async #until(check) {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      if (await check()) return true;
      await this.#collectErrors();
      if (Date.now() > deadline) return false;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async click(what, fn, ...args) {
    await this.browser.click(await this.find(what, fn, ...args));
  }

  async type(what, text, fn, ...args) {
    await this.browser.type(await this.find(what, fn, ...args), text);
  }

  async select(what, label, fn, ...args) {
    await this.browser.select(await this.find(what, fn, ...args), label);
  }

  async press(key) {
    await this.browser.press(key);
  }

  async evaluate(fn, ...args) {
    return this.browser.evaluate(fn, ...args);
  }

  async back() {
    await this.browser.back();
  }

  async #collectErrors() {
    this.errors.push(...(await this.browser.pageErrors().catch(() => [])));
  }

  async finish() {
    await this.#collectErrors();
    if (this.errors.length) throw new Error(`uncaught errors in the page:\n      ${this.errors.join('\n      ')}`);
  }
}

/** In-page helpers (each stands alone: it runs in the page). */
export const texts = (sel) => [...document.querySelectorAll(sel)].map((e) => e.textContent.replace(/\s+/g, ' ').trim());
export const one = (sel) => document.querySelector(sel);
/** The first `sel` whose text (whitespace collapsed) is `text`, inside `within` when given. */
export const byText = (sel, text, within) =>
  [...(within ? document.querySelector(within) : document)?.querySelectorAll(sel) ?? []]
    .find((e) => e.textContent.replace(/\s+/g, ' ').trim() === text) ?? null;
/** The open <dialog> named by its heading. */
export const openDialog = (name) =>
  [...document.querySelectorAll('dialog')].find((d) => d.open
    && document.getElementById(d.getAttribute('aria-labelledby'))?.textContent.trim() === name) ?? null;

const encodeQuery = (s) => encodeURIComponent(s).replace(/'/g, '%27');
/** `uri` as the app's client builds it (the same rule as tests/e2e/seed.mjs):
 *  every query key and value encoded once, pairs joined by `&`. */
function builtUri(uri) {
  const [path, raw = ''] = uri.split(/\?(.*)/s);
  const pairs = raw.split('&').filter((p) => p !== '').map((p) => {
    const i = p.includes('=') ? p.indexOf('=') : p.length;
    return `${encodeQuery(decodeURIComponent(p.slice(0, i)))}=${encodeQuery(decodeURIComponent(p.slice(i + 1)))}`;
  });
  return `${path}${pairs.length ? '?' + pairs.join('&') : ''}`;
}
/** The MLflow requests nginx received (ACCESS_LOG) after byte `from` that
 *  are not exactly as the client builds them: the engine changed a URL. */
function rebuiltRequests(from) {
  const log = process.env.ACCESS_LOG;
  if (!log) return [];
  const text = readFileSync(log).subarray(from).toString('utf8');
  return [...text.matchAll(/"GET (\S*\/2\.0\/mlflow\/\S*) HTTP/g)].map((m) => m[1]).filter((u) => u !== builtUri(u));
}
const logSize = () => (process.env.ACCESS_LOG ? statSync(process.env.ACCESS_LOG).size : 0);

/** Runs the journeys in one browser and reports; `close` ends the browser. */
export async function run(engine, version, browser, journeys, close) {
  let passed = 0, failed = 0;
  // ENGINES_ONLY=text runs only the journeys whose name holds it.
  const only = process.env.ENGINES_ONLY ?? '';
  for (const [name, journey] of Object.entries(journeys).filter(([n]) => n.includes(only))) {
    const j = new Journey(browser);
    const started = Date.now();
    await browser.pageErrors().catch(() => []); // the last journey's, already counted
    let timer;
    try {
      await Promise.race([
        (async () => {
          const from = logSize();
          await journey(j);
          await j.finish();
          const changed = rebuiltRequests(from);
          if (changed.length) throw new Error(`MLflow requests not as the client built them:\n      ${changed.join('\n      ')}`);
        })(),
        new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`took over ${JOURNEY_MS / 1000}s`)), JOURNEY_MS); }),
      ]);
      passed += 1;
      console.log(`  ok    ${name} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
    } catch (e) {
      failed += 1;
      console.log(`  FAIL  ${name} (${((Date.now() - started) / 1000).toFixed(1)}s)\n      ${e.message}`);
    } finally {
      clearTimeout(timer);
      // The next journey starts as a new visitor: nothing remembered (columns per model).
      await browser.evaluate(() => { localStorage.clear(); sessionStorage.clear(); }).catch(() => {});
    }
  }
  await close().catch(() => {});
  console.log(`${engine} ${version}: ${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}
