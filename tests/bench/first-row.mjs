// Time from navigation to a page's first data row, cold (new browser
// context) and warm (same context, again), through the real proxy. Prints
// figures; asserts nothing. BASE_URL is the served release build; BENCH_PATH
// the page; FIRST_ROW the selector of a data row.
import { chromium } from '@playwright/test';

const base = process.env.BASE_URL;
const runs = Number(process.env.RUNS ?? 7);
const path = process.env.BENCH_PATH ?? '/models';
const firstRow = process.env.FIRST_ROW ?? 'table.model-table tbody th';

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function timeToFirstRow(page) {
  const requests = [];
  const onRequest = (r) => requests.push(r.url());
  page.on('request', onRequest);
  await page.goto(base + path, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(
    (sel) => document.querySelector(sel) && performance.now(),
    firstRow,
    { polling: 'raf', timeout: 30_000 },
  );
  const ms = await handle.jsonValue();
  await page.waitForLoadState('networkidle');
  page.off('request', onRequest);
  const mlflow = requests.filter((u) => u.includes('/api/mlflow'));
  return { ms, requests: requests.length, mlflow: mlflow.length, kinds: mlflow.map((u) => u.split('/2.0/mlflow/')[1].split('?')[0]) };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs) =>
  `median ${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`;

const cold = [];
const warm = [];
let last;
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  last = await timeToFirstRow(page);
  cold.push(last.ms);
  await page.goto('about:blank');
  const w = await timeToFirstRow(page);
  warm.push(w.ms);
  await context.close();
}
await browser.close();
console.log(`first row of ${path}, ${runs} runs each:`);
console.log(`  cold: ${fmt(cold)}`);
console.log(`  warm: ${fmt(warm)}`);
console.log(`  requests per cold page view: ${last.requests} in all, ${last.mlflow} to MLflow (${last.kinds.join(', ')})`);
