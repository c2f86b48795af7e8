// Leaving a page at any moment: the host unmounting the app (a user switching
// console tabs) or the user leaving by the app's own links, while the page's
// MLflow requests are in flight. Each point is placed precisely: a request
// kind is held back and the page is left once it is asked for, or the page
// is left from the browser's own observers the instant a part is drawn or
// scrolled into view. Every time: no page error, every request that was in
// flight aborted, none started for the page that is gone, and the app still
// works afterwards.
import { test, expect } from './seed.mjs';

const API = '/2.0/mlflow/';
const kindOf = (url) => {
  const path = new URL(url).pathname;
  const at = path.indexOf(API);
  return at < 0 ? null : path.slice(at + API.length);
};
const model = (name, rest = '') => `/console/g/demo/models/${encodeURIComponent(name)}${rest}`;
const LIST_ROW = '#models-root table.model-table tbody th';

// In the page, before any script: every MLflow fetch recorded (running,
// answered, failed or aborted; whether it was running when the page went,
// whether it started after), `__leave()` to leave `how`, and, for the
// point `at`, the observer that calls it: as soon as `at.drawn` matches, or
// in the microtask after the app's own IntersectionObserver saw a chart come
// into view (its other charts' entries still to be delivered).
function instrument({ how, at }) {
  window.__mlflow = [];
  Error.stackTraceLimit = 200;
  const send = window.fetch;
  window.fetch = function fetch(input, init) {
    const url = String(input?.url ?? input);
    const sent = send.apply(this, arguments);
    if (url.includes('/2.0/mlflow/')) {
      const rec = { kind: url.split('/2.0/mlflow/')[1].split('?')[0], state: 'running', afterGone: !!window.__gone };
      // Who asked, for a request that should not have been made.
      if (rec.afterGone) rec.stack = new Error().stack.split('\n').slice(2).filter((l) => !l.includes('.wasm')).join(' < ');
      window.__mlflow.push(rec);
      const signal = init?.signal ?? (typeof input === 'object' ? input.signal : undefined);
      signal?.addEventListener('abort', () => { rec.aborted = true; });
      sent.then(
        () => { if (rec.state === 'running') rec.state = 'answered'; },
        () => { if (rec.state === 'running') rec.state = 'failed'; },
      );
    }
    return sent;
  };
  // The page is gone: unmounted at once by the host; left by the router,
  // once its view is taken out of the document.
  const gone = () => {
    window.__gone = true;
    // In flight: still running, or aborted as the page began to go.
    for (const rec of window.__mlflow) rec.inFlight = rec.state === 'running' || !!rec.aborted;
  };
  window.__leave = () => {
    if (window.__left) return;
    window.__left = true;
    if (how === 'router') {
      // The breadcrumb, as soon as it is drawn (a user cannot click sooner).
      const crumb = '#models-root nav[aria-label="Breadcrumb"] a[href$="/console/g/demo/models"]';
      let link = null;
      const watch = () => {
        if (!link && (link = document.querySelector(crumb))) link.click();
        if (link && !link.isConnected) {
          seen.disconnect();
          gone();
        }
      };
      const seen = new MutationObserver(watch);
      seen.observe(document, { childList: true, subtree: true });
      watch();
    } else {
      gone();
      document.querySelector('.host-nav a[href$="/jobs"]').click();
    }
  };
  if (at.drawn) {
    const seen = new MutationObserver(() => {
      if (document.querySelector(at.drawn)) {
        seen.disconnect();
        window.__leave();
      }
    });
    seen.observe(document, { childList: true, subtree: true });
  }
  const Observer = window.IntersectionObserver;
  window.IntersectionObserver = class extends Observer {
    constructor(callback, options) {
      super((entries, observer) => {
        callback(entries, observer);
        if (at.visible && entries.some((e) => e.isIntersecting)) queueMicrotask(window.__leave);
      }, options);
    }
  };
}

/**
 * Opens `path` in the test host, in a page of its own, and leaves it `how`
 * ('host': the host's Jobs link unmounts the app; 'router': the app's
 * breadcrumb to the model list) at the point `at` names:
 * `{ requested: kind }` (that request held back until the page is gone),
 * `{ drawn: selector }` or `{ visible: true }`. `hold` holds more request
 * kinds. With `act`, the point is reached by a click: `act.ready(page)`
 * waits for the page, then only requests that `act.holds(url)` accepts are
 * held, and `act.click(page)` clicks. Returns how many requests were in
 * flight when the page was left.
 */
async function leaveAt(context, { path, how, at, hold = [], tall = false, act = null }) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(instrument, { how, at });
  await page.setViewportSize({ width: 1280, height: tall ? 4000 : 800 });
  let acted = !act;
  let release;
  const released = new Promise((r) => { release = r; });
  const handlers = [];
  const held = [...hold, ...(at.requested ? [at.requested] : [])];
  const holds = (url) => {
    const kind = kindOf(url);
    return acted && !!kind && held.some((h) => kind.startsWith(h)) && (!act || act.holds(url));
  };
  await page.route((url) => holds(url.href), (route) => {
    const done = (async () => {
      if (at.requested && kindOf(route.request().url()).startsWith(at.requested)) {
        await page.evaluate(() => window.__leave());
      }
      await released;
      // The page gave the request up (aborted): nothing to send on.
      await route.continue().catch(() => {});
    })();
    handlers.push(done);
    return done;
  });
  await page.goto(path);
  if (act) {
    await act.ready(page);
    acted = true;
    await act.click(page);
  }

  const label = `${path} left by ${how} at ${JSON.stringify(at)}`;
  await expect.poll(() => page.evaluate(() => !!window.__gone), { message: `${label}: the page went` }).toBe(true);
  if (how === 'router') {
    await expect(page.locator(LIST_ROW).first()).toBeVisible();
  } else {
    await expect(page.getByRole('heading', { name: 'Console jobs' })).toBeVisible();
    await expect(page.locator('#models-root')).toBeEmpty();
  }
  release();
  await Promise.all(handlers);
  const requests = await page.evaluate(() => window.__mlflow);
  // The app still works: back to the list (mounted again by the host).
  if (how === 'host') {
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Models' }).click();
  }
  await expect(page.locator(LIST_ROW).first()).toBeVisible();
  await page.close();

  expect(errors, `${label}: page errors`).toEqual([]);
  // Everything in flight when the page went is aborted; nothing is started
  // for it after (the model list's own search aside).
  const inFlight = requests.filter((r) => r.inFlight && !(how === 'router' && r.kind === 'registered-models/search'));
  expect(inFlight.filter((r) => !r.aborted).map((r) => r.kind), `${label}: requests in flight and not aborted`).toEqual([]);
  const after = requests.filter((r) => r.afterGone && !(how === 'router' && r.kind === 'registered-models/search'));
  expect(after.map((r) => `${r.kind} ${r.aborted ? '(aborted)' : ''} from ${r.stack}`), `${label}: requests started for a page that is gone`).toEqual([]);
  return { inFlight: inFlight.length };
}

test.describe('leaving a page while it loads', () => {
  test('the host unmounts the versions page at each step of its loading', async ({ context }) => {
    const points = [
      { drawn: '#models-root table.data-table--loading' },
      { requested: 'model-versions/search' },
      { requested: 'registered-models/get' },
      { requested: 'runs/get' },
      { drawn: '#models-root table.versions-table tbody th' },
    ];
    for (const at of points) {
      const { inFlight } = await leaveAt(context, { path: model('iris-classifier'), how: 'host', at, hold: at.drawn ? [] : ['runs/get'] });
      if (at.requested) expect(inFlight, `${JSON.stringify(at)}: held requests were in flight`).toBeGreaterThan(0);
    }
  });

  test('the host unmounts the version page while its run and charts load', async ({ context }) => {
    for (const at of [{ requested: 'model-versions/get' }, { requested: 'runs/get' }, { requested: 'metrics/get-history' }, { visible: true }]) {
      const { inFlight } = await leaveAt(context, { path: model('iris-classifier', '/versions/3'), how: 'host', at, tall: true });
      if (at.requested) expect(inFlight).toBeGreaterThan(0);
    }
  });

  test('the host unmounts compare while its runs and histories load', async ({ context }) => {
    const path = model('iris-classifier', '/compare?versions=3%2C2%2C1&history=loss');
    for (const at of [{ requested: 'runs/get' }, { requested: 'metrics/get-history' }, { drawn: '#models-root .compare__history' }]) {
      await leaveAt(context, { path, how: 'host', at });
    }
  });

  test('leaving a page by its breadcrumb while its requests are held shows the next page at once and stops them', async ({ context }) => {
    const points = [
      { path: model('iris-classifier'), at: { requested: 'runs/get' } },
      { path: model('iris-classifier'), at: { requested: 'registered-models/get' }, hold: ['runs/get'] },
      { path: model('iris-classifier', '/versions/3'), at: { requested: 'metrics/get-history' }, tall: true },
      { path: model('iris-classifier', '/versions/3'), at: { visible: true }, tall: true },
      { path: model('iris-classifier', '/compare?versions=3%2C2%2C1&history=loss'), at: { requested: 'metrics/get-history' } },
    ];
    for (const point of points) {
      const { inFlight } = await leaveAt(context, { ...point, how: 'router' });
      if (point.at.requested) expect(inFlight).toBeGreaterThan(0);
    }
  });

  test('Previous on a deep-linked page walks from the first page; leaving mid-walk stops the walk', async ({ context, page }) => {
    // Page 3 reached by Next, Next; opened again by its address, the app
    // knows no page tokens, and Previous asks MLflow from page 1 again.
    await page.goto(model('bulk-many-versions'));
    const position = page.locator('.pager__position');
    await expect(position).toHaveText('1-25');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(position).toHaveText('26-50');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(position).toHaveText('51-75');
    const third = new URL(page.url()).pathname + new URL(page.url()).search;
    const act = {
      ready: (p) => expect(p.locator('.pager__position')).toHaveText('51-75'),
      // Only the walk's requests: from page 1, without a page token.
      holds: (url) => !new URL(url).searchParams.has('page_token'),
      click: (p) => p.locator('#models-root').getByRole('button', { name: 'Previous' }).click(),
    };
    for (const how of ['host', 'router']) {
      const { inFlight } = await leaveAt(context, { path: third, how, at: { requested: 'model-versions/search' }, act });
      expect(inFlight, `${how}: the walk's request was in flight`).toBeGreaterThan(0);
    }
  });
});
