// Our app against MLflow's own UI, same MLflow server, headless Chromium.
// Run by scripts/bench.sh, which starts and seeds MLflow (bulk mode) and
// serves the release build through nginx. Prints one Markdown report and
// writes it to BENCH_OUT, with the raw figures beside it as JSON.
//
// Environment: BASE_URL (our app via nginx), MLFLOW_URL (MLflow, whose UI is
// at /), RUNS (5), BULK_MODELS (1000), BULK_VERSIONS (5000), BENCH_OUT
// (.run/bench/results.md), MLFLOW_VERSION and BENCH_DIST (for the report).
//
// Per journey, app and run: a new browser context (cold: empty cache), the
// page view, then about:blank and the same page view again in that context
// (warm). The two apps alternate: ours, MLflow, ours, MLflow, ...
// Figures per page view, all from the Chrome DevTools Protocol:
//   time      navigation start -> the first animation frame whose DOM holds
//             the journey's first data row (performance.now() in a
//             requestAnimationFrame loop installed before any page script);
//   bytes     sum of Network.loadingFinished encodedDataLength (compressed
//             body + headers) until the network is quiet (1 s without events
//             and nothing in flight, at most 20 s after the first row);
//   requests  http(s) requests sent in that window (API ones apart);
//   heap      JSHeapUsedSize (Performance.getMetrics) after a forced GC
//             (HeapProfiler.collectGarbage); a wasm module's linear memory is
//             not part of the JS heap and is reported beside it.
// MLflow's UI starts a SharedWorker (telemetry) whose traffic the page's
// DevTools session does not see: the browser-level session attaches to shared
// workers and counts their requests too.
import { chromium } from '@playwright/test';
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const OURS_URL = required('BASE_URL').replace(/\/$/, '');
const MLFLOW_URL = required('MLFLOW_URL').replace(/\/$/, '');
const RUNS = Number(process.env.RUNS ?? 5);
const BULK_MODELS = Number(process.env.BULK_MODELS ?? 1000);
const BULK_VERSIONS = Number(process.env.BULK_VERSIONS ?? 5000);
const OUT_MD = process.env.BENCH_OUT ?? '.run/bench/results.md';
const OUT_JSON = OUT_MD.endsWith('.md') ? OUT_MD.replace(/\.md$/, '.json') : `${OUT_MD}.json`;
const HEAP_VISITS = 20;
const QUIET_MS = 1000;
const SETTLE_CAP_MS = 20_000;
const READY_TIMEOUT_MS = 60_000;

// Budgets of the issue.
const BUDGET_SHELL_BYTES = 250_000; // KB = 1,000 bytes
const BUDGET_TIME_RATIO = 1 / 3;
const BUDGET_HEAP_BYTES = 15_000_000; // MB = 1,000,000 bytes
// "No growth per visit": heap after visit 20 minus heap after visit 10 (the
// same page, 10 visits apart, each after a forced GC) within this allowance.
const growthAllowance = (heap10) => Math.max(64_000, 0.01 * heap10);

function required(name) {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set (run scripts/bench.sh)`);
  return v;
}

const SEARCH = `bulk-model-${String(BULK_MODELS - 1).padStart(4, '0')}`;
const MANY = 'bulk-many-versions';
const HEX_RUN_ID = '^[0-9a-f]{32}$';

// ---------------------------------------------------------------------------
// What "the first row" is, per app.
//
// Ours renders real <table>s; every data row starts with a <th scope=row>.
//  * model list: `table.model-table tbody th` (the first model's name cell);
//  * versions:   `table.versions-table tbody th` (the first version's cell);
//  * version:    `table.kv-table tbody th`: the first name/value table of the
//                version page is Parameters, filled from the run (runs/get);
//  * search:     the model list's first row, once its text is the name.
// MLflow's UI (Du Bois design system) renders tables as div[role=table] with
// div[role=row]/div[role=cell]. The header row holds role=columnheader cells,
// not cells, and a link to a model or version can only be drawn from the API's
// answer, so a link inside a cell marks the first real data row:
//  * model list: the model-name link of the first row of
//    [data-testid="model-list-table"] (href "#/models/<name>");
//  * versions:   the "Version N" link of the first row of
//    [data-testid="model-version-table"] (href "#/models/<name>/versions/N");
//  * version:    MLflow's version page shows no run parameters. Its closest
//    equivalent is the "Source Run" field: a link into the run labelled
//    with the run's name, which comes from runs/get, the same call that
//    gives our page its parameters (a label that is still a bare run id
//    does not count);
//  * search:     the model list's first name link, once its text is the name
//    (the search is opened as #/models?searchInput=<name>, the URL MLflow's
//    own search box writes).
const SEL = {
  ours: {
    list: 'table.model-table tbody th',
    versions: 'table.versions-table tbody th',
    version: 'table.kv-table tbody th',
  },
  mlflow: {
    list: '[data-testid="model-list-table"] [role="row"] [role="cell"] a[href^="#/models/"]',
    versions: '[data-testid="model-version-table"] [role="row"] [role="cell"] a[href*="/versions/"]',
    version: '[data-testid="descriptions-item-content"] a[href*="/runs/"]',
  },
};

const enc = encodeURIComponent;
// A page of each app: where it is and when it is ready.
const page = {
  list: {
    ours: { href: '/models', ready: { sel: SEL.ours.list, path: '/models' } },
    mlflow: { href: '#/models', ready: { sel: SEL.mlflow.list, hash: '#/models' } },
  },
  search: {
    ours: { href: `/models?q=${enc(SEARCH)}`, ready: { sel: SEL.ours.list, text: SEARCH, path: '/models' } },
    mlflow: { href: `#/models?searchInput=${enc(SEARCH)}`, ready: { sel: SEL.mlflow.list, text: SEARCH, hash: '#/models' } },
  },
  model: (name) => ({
    ours: { href: `/models/${enc(name)}`, ready: { sel: SEL.ours.versions, path: `/models/${enc(name)}` } },
    mlflow: { href: `#/models/${enc(name)}`, ready: { sel: SEL.mlflow.versions, hash: `#/models/${enc(name)}` } },
  }),
  version: (name, v) => ({
    ours: { href: `/models/${enc(name)}/versions/${v}`, ready: { sel: SEL.ours.version, path: `/models/${enc(name)}/versions/${v}` } },
    mlflow: {
      href: `#/models/${enc(name)}/versions/${v}`,
      ready: { sel: SEL.mlflow.version, notText: HEX_RUN_ID, hash: `#/models/${enc(name)}/versions/${v}` },
    },
  }),
};

// The compare journey: three versions of iris-classifier side by side, ready
// when the Parameters rows are drawn. MLflow's compare page takes the runs
// as JSON `{run id: version}` in its hash (as its own Compare button writes).
const SEEDED = JSON.parse(fs.readFileSync(required('SEED_MANIFEST'), 'utf8'));
const COMPARED = [['3', 'train-2'], ['2', 'train-1'], ['1', 'train-0']];
page.compare = {
  ours: {
    href: `/models/iris-classifier/compare?versions=${enc(COMPARED.map(([v]) => v).join(','))}`,
    ready: { sel: 'table.compare-table:not(.compare-header) tbody th', anyText: 'learning_rate', path: '/models/iris-classifier/compare' },
  },
  mlflow: {
    href: `#/compare-model-versions?name=${JSON.stringify('iris-classifier')}&runs=${JSON.stringify(Object.fromEntries(COMPARED.map(([v, r]) => [SEEDED.runs[r].run_id, v])))}`,
    ready: { sel: '.mlflow-compare-run-table th', anyText: 'learning_rate', hash: '#/compare-model-versions' },
  },
};

const fmtInt = (n) => Math.round(n).toLocaleString('en-US');
const JOURNEYS = [
  { id: 'list', title: '(1) model list', ...page.list },
  { id: 'versions', title: `(2) ${fmtInt(BULK_VERSIONS)}-version model`, ...page.model(MANY) },
  { id: 'version', title: '(3) version page (iris-classifier v3)', ...page.version('iris-classifier', 3) },
  { id: 'search', title: `(4) search "${SEARCH}"`, ...page.search },
  { id: 'compare', title: '(5) compare 3 versions (iris-classifier)', ...page.compare },
  // Not a journey of the issue: the request-count budget compares (2) with it.
  { id: 'versions3', title: '(ref) 3-version model (iris-classifier)', ...page.model('iris-classifier'), reference: true },
];

// The 20-page heap journey: this cycle 4 times, in-app navigation after the
// first load. Visits 10 and 20 are the same page (iris-classifier v3).
const CYCLE = [
  { id: 'list', ...page.list },
  { id: MANY, ...page.model(MANY) },
  { id: `${MANY} v${BULK_VERSIONS}`, ...page.version(MANY, BULK_VERSIONS) },
  { id: 'iris-classifier', ...page.model('iris-classifier') },
  { id: 'iris-classifier v3', ...page.version('iris-classifier', 3) },
];

const APPS = {
  ours: {
    name: 'ours',
    url: (href) => OURS_URL + href,
    // MLflow's REST API behind our proxy prefix.
    isApi: (u) => u.pathname.includes('/api/mlflow/'),
  },
  mlflow: {
    name: 'MLflow UI',
    url: (href) => `${MLFLOW_URL}/${href}`,
    // The UI's API calls: /ajax-api/..., /api/..., and artifact downloads.
    isApi: (u) => /^\/(ajax-api|api)\//.test(u.pathname) || u.pathname.includes('get-artifact'),
  },
};

// ---------------------------------------------------------------------------
// In the page.

// True when the page shows the spec's first row (runs in the page).
function benchReady(spec) {
  if (spec.path != null && location.pathname !== spec.path) return false;
  if (spec.hash != null && location.hash.split('?')[0] !== spec.hash) return false;
  if (spec.anyText != null) {
    return [...document.querySelectorAll(spec.sel)].some((e) => (e.textContent || '').trim() === spec.anyText);
  }
  const el = document.querySelector(spec.sel);
  if (!el) return false;
  const text = (el.textContent || '').trim();
  if (!text) return false;
  if (spec.text != null && text !== spec.text) return false;
  if (spec.notText != null && new RegExp(spec.notText).test(text)) return false;
  return true;
}

// Installed before any page script of every document of a context: keeps the
// wasm memories the page instantiates (to report their size), and with a
// ready spec records performance.now() of the first frame showing the row.
function initScript(spec) {
  return `(() => {
  const memories = [];
  const keep = (result) => {
    try {
      const instance = result instanceof WebAssembly.Instance ? result : result && result.instance;
      for (const v of Object.values((instance && instance.exports) || {})) {
        if (v instanceof WebAssembly.Memory) memories.push(v);
      }
    } catch (e) {}
    return result;
  };
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const original = WebAssembly[name];
    if (typeof original === 'function') {
      WebAssembly[name] = function (...args) { return original.apply(this, args).then(keep); };
    }
  }
  window.__benchWasmBytes = () =>
    memories.length ? memories.reduce((sum, m) => sum + m.buffer.byteLength, 0) : null;
  const spec = ${JSON.stringify(spec ?? null)};
  window.__benchReadyAt = null;
  if (!spec || location.protocol === 'about:') return;
  const ready = ${benchReady.toString()};
  const tick = () => {
    if (ready(spec)) { window.__benchReadyAt = performance.now(); return; }
    if (performance.now() < ${READY_TIMEOUT_MS * 2}) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;
}

// Follows `href` inside the app: clicks the page's own link to it when there
// is one, else a same-origin link added for the click (the app's router
// handles both like any link). DOM click, so overlays (MLflow's welcome
// dialog) do not matter. Returns how.
function clickHref(href) {
  let a = [...document.querySelectorAll('a[href]')].find((x) => x.getAttribute('href') === href);
  let how = 'page link';
  if (!a) {
    a = document.createElement('a');
    a.setAttribute('href', href);
    a.textContent = 'bench';
    document.body.appendChild(a);
    how = 'added link';
  }
  a.click();
  if (how === 'added link') a.remove();
  return how;
}

// ---------------------------------------------------------------------------
// Network accounting.

class Recorder {
  constructor(app) {
    this.app = app;
    this.reset();
  }

  reset() {
    this.reqs = new Map();
    this.lastEvent = Date.now();
  }

  on(method, p) {
    const now = Date.now();
    if (method === 'Network.requestWillBeSent') {
      if (!/^https?:/.test(p.request.url)) return;
      const r = this.reqs.get(p.requestId);
      if (r) {
        r.hops += 1; // a redirect: same id, another request
        r.url = p.request.url;
      } else {
        this.reqs.set(p.requestId, {
          url: p.request.url, type: p.type ?? '', start: now, done: false, bytes: 0,
          hops: 1, cached: false, status: null, encoding: null,
        });
      }
      this.lastEvent = now;
      return;
    }
    const r = this.reqs.get(p.requestId);
    if (!r) return;
    if (method === 'Network.responseReceived') {
      r.status = p.response.status;
      if (p.type) r.type = p.type;
      if (p.response.fromDiskCache || p.response.fromServiceWorker) r.cached = true;
      const h = p.response.headers || {};
      const key = Object.keys(h).find((k) => k.toLowerCase() === 'content-encoding');
      r.encoding = key ? h[key] : null;
    } else if (method === 'Network.requestServedFromCache') {
      r.cached = true;
    } else if (method === 'Network.loadingFinished') {
      r.done = true;
      r.bytes += p.encodedDataLength || 0;
    } else if (method === 'Network.loadingFailed') {
      r.done = true;
      r.failed = p.errorText;
    } else {
      return;
    }
    this.lastEvent = now;
  }

  inFlight(now) {
    // Not waited for: a shared worker's script (the page's session never
    // sees it end when the worker loads it from cache), and any request
    // open for 10 s (none is expected).
    let n = 0;
    for (const r of this.reqs.values()) {
      if (!r.done && now - r.start < 10_000 && !sharedWorkerUrls.has(r.url)) n += 1;
    }
    return n;
  }

  category(r) {
    const u = new URL(r.url);
    if (this.app.isApi(u)) return 'api';
    if (r.type === 'Document') return 'html';
    if (/\.wasm$/.test(u.pathname)) return 'wasm';
    if (r.type === 'Script' || /\.m?js$/.test(u.pathname)) return 'js';
    if (r.type === 'Stylesheet' || /\.css$/.test(u.pathname)) return 'css';
    return 'other';
  }

  summary() {
    const bytes = { html: 0, js: 0, wasm: 0, css: 0, other: 0, api: 0 };
    let requests = 0;
    let api = 0;
    let network = 0;
    let unfinished = 0;
    let documents = 0;
    const apiCalls = [];
    const encodings = {};
    for (const r of this.reqs.values()) {
      const cat = this.category(r);
      bytes[cat] += r.bytes;
      requests += r.hops;
      if (!r.cached) network += r.hops;
      if (!r.done) unfinished += 1;
      if (r.type === 'Document') documents += 1;
      if (cat === 'api') {
        api += r.hops;
        const p = new URL(r.url).pathname;
        apiCalls.push(p.replace(/^.*\/[0-9]\.0\/mlflow\//, '').replace(/^\//, ''));
      }
      if (!r.cached && r.bytes > 0) {
        const key = `${cat}:${r.encoding || 'none'}`;
        encodings[key] = (encodings[key] || 0) + r.bytes;
      }
    }
    const total = Object.values(bytes).reduce((a, b) => a + b, 0);
    return {
      bytes: total, bytesBy: bytes, shellBytes: bytes.html + bytes.js + bytes.wasm + bytes.css,
      requests, api, network, unfinished, documents, apiCalls: apiCalls.sort(), encodings,
    };
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Waits until the network is quiet: QUIET_MS without events and nothing in
// flight, at most SETTLE_CAP_MS.
async function settle(rec) {
  const start = Date.now();
  while (Date.now() - start < SETTLE_CAP_MS) {
    const now = Date.now();
    if (rec.inFlight(now) === 0 && now - rec.lastEvent >= QUIET_MS) return;
    await sleep(50);
  }
}

// Polls fn(arg) in the page until it returns a non-null value.
async function poll(pg, fn, arg, timeout = READY_TIMEOUT_MS) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    try {
      const v = await pg.evaluate(fn, arg);
      if (v != null && v !== false) return v;
    } catch {
      // navigating: the context went away; try again
    }
    await sleep(25);
  }
  throw new Error(`not ready within ${timeout / 1000} s`);
}

async function heapNow(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? null;
}

// The browser-level session: attaches to shared workers (MLflow's telemetry
// worker) and hands their network events to the recorder in use.
let currentRecorder = null;
const sharedWorkerUrls = new Set();
async function watchSharedWorkers(browser) {
  const session = await browser.newBrowserCDPSession();
  let id = 1_000_000;
  session.on('Target.targetCreated', async ({ targetInfo }) => {
    if (targetInfo.type !== 'shared_worker') return;
    sharedWorkerUrls.add(targetInfo.url);
    try {
      await session.send('Target.attachToTarget', { targetId: targetInfo.targetId, flatten: false });
    } catch {
      // gone already
    }
  });
  session.on('Target.attachedToTarget', ({ sessionId, targetInfo }) => {
    if (targetInfo.type !== 'shared_worker') return;
    const message = JSON.stringify({ id: id++, method: 'Network.enable' });
    session.send('Target.sendMessageToTarget', { sessionId, message }).catch(() => {});
  });
  session.on('Target.receivedMessageFromTarget', ({ message }) => {
    const m = JSON.parse(message);
    if (m.method && m.method.startsWith('Network.') && currentRecorder) currentRecorder.on(m.method, m.params);
  });
  await session.send('Target.setDiscoverTargets', { discover: true });
}

const NETWORK_EVENTS = ['Network.requestWillBeSent', 'Network.responseReceived', 'Network.requestServedFromCache',
  'Network.loadingFinished', 'Network.loadingFailed'];

async function openPage(browser, app, spec) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript({ content: initScript(spec) });
  const pg = await context.newPage();
  const cdp = await context.newCDPSession(pg);
  const rec = new Recorder(app);
  for (const ev of NETWORK_EVENTS) cdp.on(ev, (p) => rec.on(ev, p));
  await cdp.send('Network.enable');
  await cdp.send('Performance.enable');
  return { context, pg, cdp, rec };
}

// One page view: navigation to the first row, then the quiet network.
async function pageView(s, url) {
  s.rec.reset();
  currentRecorder = s.rec;
  await s.pg.goto(url, { waitUntil: 'commit', timeout: READY_TIMEOUT_MS });
  const ms = await poll(s.pg, () => window.__benchReadyAt);
  await settle(s.rec);
  const heap = await heapNow(s.cdp);
  const wasm = await s.pg.evaluate(() => (window.__benchWasmBytes ? window.__benchWasmBytes() : null));
  return { ms, heap, wasm, ...s.rec.summary() };
}

let failures = 0;
async function coldAndWarm(browser, appKey, journey, run) {
  const app = APPS[appKey];
  const target = journey[appKey];
  const s = await openPage(browser, app, target.ready);
  const out = { cold: null, warm: null };
  try {
    out.cold = await pageView(s, app.url(target.href));
    await s.pg.goto('about:blank');
    out.warm = await pageView(s, app.url(target.href));
  } catch (e) {
    failures += 1;
    out.error = String(e.message || e);
    const shot = path.join(path.dirname(OUT_MD), `failed-${journey.id}-${appKey}-${run + 1}.png`);
    await s.pg.screenshot({ path: shot }).catch(() => {});
    console.error(`  ! ${journey.id} ${app.name} run ${run + 1}: ${out.error} (screenshot ${shot})`);
  } finally {
    currentRecorder = null;
    await s.context.close();
  }
  return out;
}

async function heapJourney(browser, appKey) {
  const app = APPS[appKey];
  const s = await openPage(browser, app, null);
  currentRecorder = s.rec;
  const visits = [];
  try {
    for (let v = 0; v < HEAP_VISITS; v++) {
      const step = CYCLE[v % CYCLE.length];
      const target = step[appKey];
      const t0 = Date.now();
      let how;
      if (v === 0) {
        await s.pg.goto(app.url(target.href), { waitUntil: 'commit' });
        how = 'load';
      } else {
        how = await s.pg.evaluate(clickHref, target.href);
      }
      await poll(s.pg, benchReady, target.ready);
      const ms = Date.now() - t0;
      if (v === 0) await s.pg.evaluate(() => { window.__benchFirstDocument = true; });
      await settle(s.rec);
      const heap = await heapNow(s.cdp);
      const wasm = await s.pg.evaluate(() => (window.__benchWasmBytes ? window.__benchWasmBytes() : null));
      visits.push({ visit: v + 1, page: step.id, how, ms, heap, wasm });
    }
    const sameDocument = await s.pg.evaluate(() => window.__benchFirstDocument === true);
    const { documents, requests, api } = s.rec.summary();
    return { visits, sameDocument, documents, requests, api };
  } catch (e) {
    failures += 1;
    console.error(`  ! heap journey ${app.name}: ${e.message}`);
    await s.pg.screenshot({ path: path.join(path.dirname(OUT_MD), `failed-heap-${appKey}.png`) }).catch(() => {});
    return { visits, error: String(e.message || e) };
  } finally {
    currentRecorder = null;
    await s.context.close();
  }
}

// ---------------------------------------------------------------------------
// Statistics and formatting.

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return null;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const stat = (xs) => {
  const v = xs.filter((x) => x != null && Number.isFinite(x));
  return v.length ? { median: median(v), min: Math.min(...v), max: Math.max(...v), n: v.length } : null;
};
const kb = (b) => (b == null ? 'n/a' : `${(b / 1000).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} KB`);
const mb = (b) => (b == null ? 'n/a' : `${(b / 1e6).toFixed(2)} MB`);
const msSpread = (st) => (st ? `${fmtInt(st.median)} (${fmtInt(st.min)}-${fmtInt(st.max)})` : 'n/a');
const ratio = (a, b) => (a == null || b == null || b === 0 ? null : a / b);
const fmtRatio = (r) => (r == null ? 'n/a' : r.toFixed(2));
const verdict = (ok) => (ok == null ? 'n/a' : ok ? 'PASS' : 'MISS');

function cpuModel() {
  try {
    const m = fs.readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m);
    return m ? m[1].trim() : 'unknown';
  } catch {
    return 'unknown';
  }
}

function nproc() {
  try {
    return execSync('nproc', { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

// ---------------------------------------------------------------------------
// The run.

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const chromiumVersion = browser.version();
await watchSharedWorkers(browser);

const results = Object.fromEntries(JOURNEYS.map((j) => [j.id, { ours: [], mlflow: [] }]));
const started = new Date();
for (let run = 0; run < RUNS; run++) {
  for (const j of JOURNEYS) {
    const line = [];
    for (const appKey of ['ours', 'mlflow']) {
      const r = await coldAndWarm(browser, appKey, j, run);
      results[j.id][appKey].push(r);
      line.push(`${APPS[appKey].name} ${r.cold ? fmtInt(r.cold.ms) : '-'}/${r.warm ? fmtInt(r.warm.ms) : '-'} ms`);
    }
    console.error(`run ${run + 1}/${RUNS} ${j.title}: ${line.join(', ')} (cold/warm)`);
  }
}
const heap = {};
for (const appKey of ['ours', 'mlflow']) {
  heap[appKey] = await heapJourney(browser, appKey);
  const v = heap[appKey].visits;
  console.error(`heap journey ${APPS[appKey].name}: ${v.length} visits, heap ${v.map((x) => mb(x.heap)).filter((_, i) => [0, 9, 19].includes(i)).join(' / ')}`);
}
await browser.close();

// Aggregates per journey and app.
const agg = {};
for (const j of JOURNEYS) {
  agg[j.id] = {};
  for (const appKey of ['ours', 'mlflow']) {
    const rs = results[j.id][appKey];
    const cold = rs.map((r) => r.cold).filter(Boolean);
    const warm = rs.map((r) => r.warm).filter(Boolean);
    agg[j.id][appKey] = {
      coldMs: stat(cold.map((r) => r.ms)),
      warmMs: stat(warm.map((r) => r.ms)),
      coldBytes: stat(cold.map((r) => r.bytes)),
      warmBytes: stat(warm.map((r) => r.bytes)),
      coldShellBytes: stat(cold.map((r) => r.shellBytes)),
      coldRequests: stat(cold.map((r) => r.requests)),
      coldApi: stat(cold.map((r) => r.api)),
      warmRequests: stat(warm.map((r) => r.requests)),
      warmNetwork: stat(warm.map((r) => r.network)),
      heap: stat(cold.map((r) => r.heap)),
      wasm: stat(cold.map((r) => r.wasm)),
      apiCalls: cold.length ? cold[cold.length - 1].apiCalls : [],
      bytesBy: cold.length ? cold[cold.length - 1].bytesBy : null,
      encodings: cold.length ? cold[cold.length - 1].encodings : {},
      failed: rs.filter((r) => r.error).length,
    };
  }
}

// The table.
const L = [];
const out = (s = '') => L.push(s);
out('# Models vs MLflow UI: benchmark');
out();
out(`MLflow ${process.env.MLFLOW_VERSION ?? ''} seeded with the demo models, ${fmtInt(BULK_MODELS)} bulk models and `
  + `\`${MANY}\` (${fmtInt(BULK_VERSIONS)} versions). ${RUNS} run${RUNS === 1 ? '' : 's'} per journey, app and cache state; `
  + 'the apps alternate run by run. Ours: release build through nginx; MLflow UI: served by the same MLflow server.');
out();
out('Time: navigation start to the first frame showing the first data row, ms, median (min-max). '
  + 'Cold: new browser context (empty cache); warm: same context, via about:blank. '
  + 'Bytes: over the wire (compressed, headers included) until the network is quiet. '
  + 'Heap: JS heap after the cold page view and a forced GC (plus the wasm linear memory, which is outside the JS heap).');
out();
out('| journey | app | cold ms, median (min-max) | warm ms, median (min-max) | bytes cold | requests cold (api) | heap after | ours/MLflow time cold / warm | ours/MLflow bytes cold |');
out('|---|---|---|---|---|---|---|---|---|');
for (const j of JOURNEYS) {
  const o = agg[j.id].ours;
  const m = agg[j.id].mlflow;
  for (const appKey of ['ours', 'mlflow']) {
    const a = agg[j.id][appKey];
    const heapCell = a.heap ? `${mb(a.heap.median)}${a.wasm ? ` + wasm ${mb(a.wasm.median)}` : ''}` : 'n/a';
    const req = a.coldRequests ? `${fmtInt(a.coldRequests.median)} (${fmtInt(a.coldApi.median)})` : 'n/a';
    const failed = a.failed ? ` [${a.failed} failed]` : '';
    const ratios = appKey === 'ours'
      ? [`${fmtRatio(ratio(o.coldMs?.median, m.coldMs?.median))} / ${fmtRatio(ratio(o.warmMs?.median, m.warmMs?.median))}`,
        fmtRatio(ratio(o.coldBytes?.median, m.coldBytes?.median))]
      : ['', ''];
    out(`| ${appKey === 'ours' ? j.title : ''} | ${APPS[appKey].name}${failed} | ${msSpread(a.coldMs)} | ${msSpread(a.warmMs)} | `
      + `${kb(a.coldBytes?.median)} | ${req} | ${heapCell} | ${ratios[0]} | ${ratios[1]} |`);
  }
}

// Budgets.
const budgets = [];
out();
out('## Budgets');
out();
{
  const o = agg.list.ours;
  const m = agg.list.mlflow;
  const ok = o.coldShellBytes ? o.coldShellBytes.median <= BUDGET_SHELL_BYTES : null;
  const parts = (by, keys) => (by ? keys.map((k) => `${k} ${kb(by[k])}`).join(', ') : 'n/a');
  budgets.push({ id: 'cold-transfer', ok, ours: o.coldShellBytes?.median, mlflow: m.coldShellBytes?.median, limit: BUDGET_SHELL_BYTES });
  out(`* **${verdict(ok)}** cold-load transfer of our app (HTML + JS + wasm + CSS, compressed) <= ${kb(BUDGET_SHELL_BYTES)}: `
    + `**${kb(o.coldShellBytes?.median)}** (${parts(o.bytesBy, ['html', 'js', 'wasm', 'css'])}; `
    + `besides: other ${kb(o.bytesBy?.other)}, API ${kb(o.bytesBy?.api)}). `
    + `MLflow UI: **${kb(m.coldShellBytes?.median)}** (${parts(m.bytesBy, ['html', 'js', 'css'])}; `
    + `besides: other ${kb(m.bytesBy?.other)}, API ${kb(m.bytesBy?.api)}); ours/MLflow ${fmtRatio(ratio(o.coldShellBytes?.median, m.coldShellBytes?.median))}.`);
}
out(`* Time to first row <= 1/3 of MLflow UI's (medians):`);
for (const j of JOURNEYS.filter((x) => !x.reference)) {
  for (const mode of ['cold', 'warm']) {
    const o = agg[j.id].ours[`${mode}Ms`]?.median;
    const m = agg[j.id].mlflow[`${mode}Ms`]?.median;
    const r = ratio(o, m);
    const ok = r == null ? null : r <= BUDGET_TIME_RATIO;
    budgets.push({ id: `time-${j.id}-${mode}`, ok, ours: o, mlflow: m, ratio: r });
    out(`  * **${verdict(ok)}** ${j.title}, ${mode}: ${o == null ? 'n/a' : fmtInt(o)} ms vs ${m == null ? 'n/a' : fmtInt(m)} ms (${fmtRatio(r)})`);
  }
}
{
  const many = agg.versions.ours;
  const three = agg.versions3.ours;
  const a = many.coldApi?.median;
  const b = three.coldApi?.median;
  const ok = a == null || b == null ? null : a <= b;
  const calls = (xs) => Object.entries(xs.reduce((acc, c) => ({ ...acc, [c]: (acc[c] || 0) + 1 }), {}))
    .map(([k, n]) => (n > 1 ? `${k} x${n}` : k)).join(', ');
  budgets.push({ id: 'requests-many-versions', ok, ours: a, reference: b });
  out(`* **${verdict(ok)}** the ${fmtInt(BULK_VERSIONS)}-version model costs no more MLflow requests than the 3-version one `
    + `(cold page view): ours ${a ?? 'n/a'} (${calls(many.apiCalls)}) vs ${b ?? 'n/a'} (${calls(three.apiCalls)}). `
    + `MLflow UI: ${agg.versions.mlflow.coldApi?.median ?? 'n/a'} (${calls(agg.versions.mlflow.apiCalls)}) vs `
    + `${agg.versions3.mlflow.coldApi?.median ?? 'n/a'} (${calls(agg.versions3.mlflow.apiCalls)}).`);
}
{
  const at = (h, n) => h.visits?.[n - 1];
  const line = (appKey) => {
    const h = heap[appKey];
    if (h.error) return { text: `failed: ${h.error}`, ok: null };
    const v1 = at(h, 1);
    const v10 = at(h, 10);
    const v20 = at(h, 20);
    const growth = v20.heap - v10.heap;
    const allowance = growthAllowance(v10.heap);
    const ok = v20.heap < BUDGET_HEAP_BYTES && growth <= allowance;
    const wasm = v1.wasm != null
      ? `; wasm memory ${mb(v1.wasm)} / ${mb(v10.wasm)} / ${mb(v20.wasm)}` : '';
    const clicks = h.visits.filter((x) => x.how === 'page link').length;
    const added = h.visits.filter((x) => x.how === 'added link').length;
    return {
      ok,
      growth,
      text: `heap after visit 1 / 10 / 20: ${mb(v1.heap)} / ${mb(v10.heap)} / ${mb(v20.heap)} `
        + `(10 -> 20: ${growth >= 0 ? '+' : ''}${kb(growth)}, allowance ${kb(allowance)})${wasm}; `
        + `${h.documents} document load(s) for ${h.visits.length} visits (${clicks} page links, ${added} added links)`,
    };
  };
  const o = line('ours');
  const m = line('mlflow');
  budgets.push({ id: 'heap-20-visits', ok: o.ok, ours: heap.ours.visits?.map((v) => v.heap), mlflow: heap.mlflow.visits?.map((v) => v.heap) });
  out(`* **${verdict(o.ok)}** JS heap over ${HEAP_VISITS} pages in a row < ${mb(BUDGET_HEAP_BYTES)}, no growth per visit: ours ${o.text}.`);
  out(`  MLflow UI (for comparison, ${m.ok == null ? 'n/a' : m.ok ? 'within' : 'outside'} the same budget): ${m.text}.`);
  out(`  Pages, in-app after the first load: ${CYCLE.map((c) => c.id).join(' -> ')}, 4 times.`);
}

// Notes.
const enc1 = (a) => Object.entries(a.encodings).sort().map(([k, b]) => `${k} ${kb(b)}`).join(', ');
const uncompressed = (a, cat) => Object.keys(a.encodings).some((k) => k.startsWith(`${cat}:`))
  && Object.keys(a.encodings).filter((k) => k.startsWith(`${cat}:`)).every((k) => k.endsWith(':none'));
out();
out('## Notes');
out();
out(`* Content-Encoding (category:encoding bytes) of the cold model-list page view: ours ${enc1(agg.list.ours)}; `
  + `MLflow UI ${enc1(agg.list.mlflow)}.`
  + (uncompressed(agg.list.mlflow, 'js') ? ' MLflow\'s server sends its UI\'s JavaScript uncompressed (no Content-Encoding)' : '')
  + (uncompressed(agg.list.mlflow, 'api') ? ', and its API responses too.' : '.'));
out('* First row, ours: `table.model-table tbody th`, `table.versions-table tbody th`, `table.kv-table tbody th` '
  + '(first table of the version page = Parameters), search: first model row whose text is the name.');
out('* First row, MLflow UI: the first name link in `[data-testid="model-list-table"]` rows, the first "Version N" link in '
  + '`[data-testid="model-version-table"]` rows, search: that name link once its text is the name '
  + `(opened as \`#/models?searchInput=${SEARCH}\`). Version page: MLflow shows no run parameters there; the closest `
  + 'equivalent is used, the Source Run link once it carries the run\'s name (both come from runs/get).');
out('* API requests: ours = `/api/mlflow/...` through nginx; MLflow UI = `/ajax-api/...`, `/api/...` and artifact downloads '
  + '(its SharedWorker\'s calls included).');
out('* Heap: the page\'s JSHeapUsedSize after a forced GC (MLflow\'s SharedWorker has its own heap, not counted). A wasm '
  + 'module\'s linear memory (our app\'s Rust heap) is not part of the JS heap; it is shown beside it and never shrinks.');
if (failures) out(`* ${failures} page view(s) or journeys failed; see the stderr log and screenshots in ${path.dirname(OUT_MD)}.`);
out();
out('## Machine');
out();
out(`* date: ${started.toISOString()}`);
out(`* nproc: ${nproc()}; CPU: ${cpuModel()}`);
out(`* Chromium ${chromiumVersion} (headless, Playwright); Node ${process.version}`);
const wasmFile = (() => {
  try {
    return fs.readdirSync(process.env.BENCH_DIST ?? 'dist').filter((f) => f.endsWith('.wasm')).join(', ');
  } catch {
    return 'n/a';
  }
})();
out(`* our build: ${wasmFile}`);

const md = `${L.join('\n')}\n`;
fs.mkdirSync(path.dirname(OUT_MD), { recursive: true });
fs.writeFileSync(OUT_MD, md);
fs.writeFileSync(OUT_JSON, `${JSON.stringify({
  date: started.toISOString(),
  machine: { nproc: nproc(), cpu: cpuModel(), chromium: chromiumVersion, node: process.version },
  mlflowVersion: process.env.MLFLOW_VERSION ?? null,
  settings: { runs: RUNS, bulkModels: BULK_MODELS, bulkVersions: BULK_VERSIONS, search: SEARCH, heapVisits: HEAP_VISITS, quietMs: QUIET_MS },
  urls: { ours: OURS_URL, mlflow: MLFLOW_URL },
  journeys: JOURNEYS.map((j) => ({ id: j.id, title: j.title, ours: j.ours, mlflow: j.mlflow, runs: results[j.id], aggregate: agg[j.id] })),
  heap,
  budgets,
  failures,
}, null, 2)}\n`);
process.stdout.write(md);
console.error(`written: ${OUT_MD} and ${OUT_JSON}`);
// Budgets are reported, not asserted; a page view that failed makes the
// report incomplete.
if (failures) process.exitCode = 1;
