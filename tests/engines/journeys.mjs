// The smoke journeys every engine runs, through the engines run's nginx
// (scripts/engines.sh): what a user sees, waited for, never slept for.
// Data comes from the seed's manifest and from MLflow itself.
import { readFileSync } from 'node:fs';
import { forward } from '../fixtures/forward.mjs';
import { texts, one, byText, openDialog } from './runner.mjs';

const manifest = JSON.parse(readFileSync(process.env.SEED_MANIFEST, 'utf8'));
const mlflowUrl = process.env.MLFLOW_URL;
export const deployments = JSON.parse(readFileSync(new URL('./deployments.json', import.meta.url), 'utf8'));

/** Names of every registered model, as MLflow lists them (prompts left out). */
async function modelNames() {
  const body = await (await fetch(`${mlflowUrl}/api/2.0/mlflow/registered-models/search?max_results=1000&order_by=name%20ASC`)).json();
  return body.registered_models
    .filter((m) => !(m.tags ?? []).some((t) => t.key === 'mlflow.prompt.is_prompt' && t.value === 'true'))
    .map((m) => m.name);
}
/** A name as a page's text shows it (whitespace collapsed, as `texts` reads it). */
const shown = (name) => name.replace(/\s+/g, ' ').trim();

const modelUrl = (name, q = '') => `/models/${encodeURIComponent(name)}${q}`;
const versionUrl = (name, v, q = '') => `${modelUrl(name)}/versions/${v}${q}`;
const exactUri = (name, v) => `models:/${encodeURIComponent(name)}/${v}`;
const location = () => window.location.pathname + window.location.search;
const MODEL_ROWS = 'table.model-table tbody th a';
/** A versions-table column by its header's text. */
const column = (header) => {
  const heads = [...document.querySelectorAll('table.versions-table thead th')].map((h) => h.textContent.trim());
  const i = heads.indexOf(header);
  if (i < 0) return null;
  return [...document.querySelectorAll(`table.versions-table tbody tr > :nth-child(${i + 1})`)].map((c) => c.textContent.trim());
};
/** The cells of one key's row in a compare section. */
const compareRow = (section, key) => {
  const s = [...document.querySelectorAll('section.compare__section')].find((e) => e.querySelector('h2')?.textContent.trim() === section);
  const row = [...(s?.querySelectorAll('tbody tr') ?? [])].find((r) => r.querySelector('th').textContent.trim() === key);
  return row ? [...row.querySelectorAll('td')].map((c) => c.textContent.replace(/\s+/g, ' ').trim()) : null;
};
const checkbox = (label, within) => {
  const l = [...document.querySelector(within).querySelectorAll('label')].find((e) => e.textContent.trim() === label);
  return l?.querySelector('input[type=checkbox]') ?? null;
};

export const journeys = {
  async 'model list: search narrows the list, Next and Previous page through it'(j) {
    const all = (await modelNames()).map(shown);
    if (all.length <= 50) throw new Error(`the seed has ${all.length} models, paging needs more than 50`);
    await j.goto('/models');
    await j.see('the first page', texts, [MODEL_ROWS], all.slice(0, 25));
    await j.type('the search box', 'iris', one, '#model-search');
    await j.see('the rows after searching "iris"', texts, [MODEL_ROWS], ['iris-classifier']);
    await j.see('the search in the URL', location, [], '/models?q=iris');
    await j.goto('/models');
    await j.see('the pager', texts, ['.pager__position'], ['1-25']);
    await j.click('Next', byText, 'button', 'Next');
    await j.see('the second page', texts, [MODEL_ROWS], all.slice(25, 50));
    await j.see('the pager', texts, ['.pager__position'], ['26-50']);
    await j.click('Next', byText, 'button', 'Next');
    await j.see('the last page', texts, [MODEL_ROWS], all.slice(50));
    await j.click('Previous', byText, 'button', 'Previous');
    await j.see('the second page again', texts, [MODEL_ROWS], all.slice(25, 50));
    await j.click('Previous', byText, 'button', 'Previous');
    await j.see('the first page again', texts, [MODEL_ROWS], all.slice(0, 25));
  },

  async 'versions: the column chooser adds a parameter and a metric column'(j) {
    const runs = manifest.runs;
    await j.goto(modelUrl('iris-classifier'));
    await j.see('the versions', texts, ['table.versions-table tbody th'], ['Version 3', 'Version 2', 'Version 1']);
    await j.click('the Columns button', byText, 'button', 'Columns');
    await j.find('the Columns dialog', openDialog, 'Columns');
    await j.click('the C checkbox', checkbox, 'C', 'dialog[open]');
    await j.click('the accuracy checkbox', checkbox, 'accuracy', 'dialog[open]');
    await j.click('Apply', byText, 'button', 'Apply', 'dialog[open]');
    await j.see('the dialog closed', (n) => !!document.querySelector('dialog[open]'), ['Columns'], false);
    await j.see('the columns in the URL', location, [], (u) => u.includes('cols=1&p=C&m=accuracy'));
    await j.see('the C column', column, ['C'], [runs['train-2'].params.C, runs['train-1'].params.C, runs['train-0'].params.C]);
    await j.see('the accuracy column', column, ['accuracy'], ['0.9731', '0.95', '0.92']);
    // The first chosen metric is charted across the versions.
    await j.see('the trend chart', texts, ['.metric-trend figcaption'],
      ['accuracy by version: version 1: 0.92, version 2: 0.95, version 3: 0.9731.']);
  },

  async 'version: the loss history is drawn as a line with a point per step'(j) {
    const run = manifest.runs['train-2'];
    await j.goto(versionUrl('iris-classifier', 3));
    await j.see('the heading', texts, ['h1'], ['Version 3']);
    const chart = await j.find('the loss chart', one, '.metric-history[data-metric="loss"]');
    await j.evaluate((el) => el.scrollIntoView({ block: 'center' }), chart);
    await j.see('the points', (s) => document.querySelectorAll(s).length,
      ['.metric-history[data-metric="loss"] .line-chart__point'], run.loss_steps);
    await j.see('the summary', texts, ['.metric-history[data-metric="loss"] .metric-history__summary'],
      [`loss over ${run.loss_steps} steps: min 0.085, max 0.7, last 0.085.`]);
    // The line itself: a path through every step, as wide as the points.
    await j.see('the line', () => {
      const line = document.querySelector('.metric-history[data-metric="loss"] .line-chart__series > path[stroke]');
      const points = [...document.querySelectorAll('.metric-history[data-metric="loss"] .line-chart__point')].map((p) => p.getBBox());
      if (!line || !points.length) return null;
      const box = line.getBBox();
      const xs = points.map((p) => p.x + p.width / 2);
      return {
        segments: (line.getAttribute('d').match(/[LM]/g) ?? []).length,
        spans: box.width > 100 && Math.abs(box.x - Math.min(...xs)) < 2 && Math.abs(box.x + box.width - Math.max(...xs)) < 2,
      };
    }, [], { segments: run.loss_steps, spans: true });
  },

  async 'compare: three versions picked on the versions page, side by side, differences marked'(j) {
    const runs = manifest.runs;
    await j.goto(modelUrl('iris-classifier'));
    await j.click('the box of version 3', one, 'input[aria-label="Select version 3"]');
    await j.click('the box of version 2', one, 'input[aria-label="Select version 2"]');
    // Space toggles from the keyboard too.
    const v1 = await j.find('the box of version 1', one, 'input[aria-label="Select version 1"]');
    await j.evaluate((b) => b.focus(), v1);
    await j.press(' ');
    await j.see('the selection in the URL', () => new URLSearchParams(window.location.search).get('select'), [], '3,2,1');
    await j.click('Compare (3)', byText, 'a', 'Compare (3)');
    await j.see('the compare URL', location, [], `${modelUrl('iris-classifier')}/compare?versions=3%2C2%2C1`);
    await j.see('the heading', texts, ['h1'], ['Compare versions of iris-classifier']);
    await j.see('the version columns', texts, ['table.compare-header thead th'],
      (h) => h.length === 4 && h[1].includes('Version 3') && h[1].includes('Baseline') && h[2].includes('Version 2') && h[3].includes('Version 1'));
    const cs = [runs['train-2'].params.C, runs['train-1'].params.C, runs['train-0'].params.C];
    const mark = ' \u2260 (differs from the baseline)';
    await j.see('the C row', compareRow, ['Parameters', 'C'], cs.map((c, i) => (i && c !== cs[0] ? c + mark : c)));
    await j.see('the accuracy row', compareRow, ['Metrics', 'accuracy'],
      (r) => r?.[0] === '0.9731' && r[1].startsWith('0.95 (-0.0231, worse)') && r[2].startsWith('0.92 (-0.0531, worse)'));
    // A difference is marked for the eye too: bold, with the sign shown.
    await j.see('the marked cell', () => {
      const cell = document.querySelector('td.compare__cell--differs');
      const sign = cell?.querySelector('.compare__differs');
      return cell && { bold: Number(getComputedStyle(cell).fontWeight) >= 600, sign: sign.getBoundingClientRect().width > 0 };
    }, [], { bold: true, sign: true });
  },

  async 'model: what a logged model takes and needs, its files; compare marks the retyped column'(j) {
    const lm = manifest.logged_models;
    const [v1, v2] = ['columns', 'columns_changed'].map((k) => lm.versions.find((v) => v.kind === k));
    /** The first cells of the Model section's table captioned `caption`. */
    const schema = (caption) => {
      const t = [...document.querySelectorAll('.model-section table.signature-table')]
        .find((e) => e.querySelector('caption')?.textContent.trim() === caption);
      return t ? [...t.querySelectorAll('tbody tr')].map((r) => [...r.children].map((c) => c.textContent.trim())) : null;
    };
    await j.goto(versionUrl(lm.name, v1.version));
    await j.see('the inputs', schema, ['Inputs'], v1.signature.inputs.map((c) => [c.name, c.type, c.required ? 'required' : 'optional']));
    await j.see('the requirements', texts, ['.model-section .model-requirements li'], v1.requirements);
    await j.see('the example\'s columns', texts, ['.model-section table.example-table thead th'], v1.input_example_file.columns);
    await j.see('the MLmodel download', (name) => [...document.querySelectorAll('.model-section table.model-files a')]
      .find((a) => a.textContent.trim() === name)?.getAttribute('href'), ['MLmodel'],
    `/api/mlflow-root/model-versions/get-artifact?name=${encodeURIComponent(lm.name)}&version=${v1.version}&path=MLmodel`);
    await j.goto(`${modelUrl(lm.name)}/compare?versions=${v1.version}%2C${v2.version}`);
    await j.see('the retyped column', compareRow, ['Signature', 'input age'], ['long', 'double \u2260 (differs from the baseline)']);
  },
  async 'confidence: better or worse by direction, flipped by keyboard; the pre-flight checks'(j) {
    // iris v1 -> v2: loss 0.2 -> 0.15 went down, which is better.
    await j.goto(`${modelUrl('iris-classifier')}/compare?versions=1%2C2`);
    await j.see('the loss row', compareRow, ['Metrics', 'loss'], (r) => r?.[1]?.startsWith('0.15 (-0.05, better)'));
    const flip = await j.find('the loss direction', one, 'button.compare__direction[data-metric="loss"]');
    await j.evaluate((b) => b.focus(), flip);
    await j.press('Enter');
    await j.see('the flipped verdict', compareRow, ['Metrics', 'loss'], (r) => r?.[1]?.startsWith('0.15 (-0.05, worse)'));
    await j.see('the choice in the URL', () => new URLSearchParams(window.location.search).get('higher'), [], 'loss');
    await j.see('the focus kept on the button', () => document.activeElement?.dataset?.metric ?? null, [], 'loss');
    // Flipped back for the next journeys (the browser remembers it).
    await j.press('Enter');
    await j.see('the name\'s own direction', compareRow, ['Metrics', 'loss'], (r) => r?.[1]?.startsWith('0.15 (-0.05, better)'));
    // The Deploy dialog lists its checks once a target is chosen.
    await j.goto(versionUrl('iris-classifier', 3, '?deploy'));
    await j.find('the Deploy Model dialog', openDialog, 'Deploy Model');
    await j.select('the Deployment choice', '+ Create new deployment', one, 'dialog[open] select');
    await j.see('the pre-flight checks', texts, ['dialog[open] .preflight__check'],
      (t) => t.length === 7 && t[0].includes('Status (pass)') && t[2].includes('Files (problem)') && !t.some((x) => x.includes('(checking)')));
  },
  async 'deploy: the dialog hands every hostile name over byte-identical'(j) {
    if (manifest.hostile.length < 5) throw new Error('the seed has no hostile names');
    for (const name of manifest.hostile) {
      await j.goto(versionUrl(name, 1, '?deploy'));
      await j.find(`the Deploy Model dialog of ${name}`, openDialog, 'Deploy Model');
      await j.see('the model named', texts, ['dialog[open] .deploy-form__name'], [shown(name)]);
      // PrimeHub's answer arrived: its deployments are offered.
      await j.see('the other deployments', texts, ['dialog[open] optgroup[label="Other deployments"] option'],
        (o) => o.length === deployments.data.phDeployments.length);
      await j.select('the Deployment choice', '+ Create new deployment', one, 'dialog[open] select');
      await j.click('OK', byText, 'button', 'OK', 'dialog[open]');
      // The seeded version has no model files: the pre-flight checks ask
      // for a confirmation naming that problem (OK waits for the checks).
      await j.see('the confirmation naming the problem', texts, ['dialog[open] .deploy-form__accept label'],
        (t) => t.length === 1 && t[0].includes('despite: Files: MLflow lists no files'));
      await j.click('the confirmation box', one, 'dialog[open] .deploy-form__accept input');
      await j.click('OK', byText, 'button', 'OK', 'dialog[open]');
      const url = await j.see('the hand-off URL', () => window.location.href, [], (u) => u.includes('/deployments/create?'));
      const q = new URL(url).searchParams;
      const got = { modelURI: q.get('modelURI'), defaultValue: JSON.parse(q.get('defaultValue')).modelURI };
      const want = { modelURI: exactUri(name, 1), defaultValue: exactUri(name, 1) };
      if (JSON.stringify(got) !== JSON.stringify(want)) throw new Error(`${name}: handed over ${JSON.stringify(got)}, not ${JSON.stringify(want)} (${url})`);
      await j.see('the resolved model', texts, ['.handoff__name'], [shown(name)]);
    }
    await j.see('no injected script ran', () => window.__pwned === undefined, [], true);
  },

  async 'host: the console mounts the app and its own navigation unmounts it'(j) {
    await j.goto('/console/g/demo/home');
    await j.see('the host page', texts, ['h1'], ['Console home']);
    await j.click('the Models link', byText, '.host-nav a', 'Models');
    await j.see('the models in the host', (s) => document.querySelectorAll(s).length, ['#models-root table.model-table tbody th'], 25);
    await j.see('mounted', () => document.documentElement.dataset.mounted, [], 'yes');
    await j.type('the search box', 'iris-classifier', one, '#models-root input[type=search]');
    await j.click('iris-classifier', byText, '#models-root a', 'iris-classifier');
    await j.see('its versions', (s) => document.querySelectorAll(s).length, ['#models-root table.versions-table tbody th'], 3);
    await j.see('the URL', location, [], '/console/g/demo/models/iris-classifier');
    await j.click('the Jobs link', byText, '.host-nav a', 'Jobs');
    await j.see("the host's page", texts, ['#host-home h1'], ['Console jobs']);
    await j.see('unmounted', () => [document.documentElement.dataset.mounted, document.getElementById('models-root').innerHTML], [], ['no', '']);
    await j.back();
    await j.see('the app again', (s) => document.querySelectorAll(s).length, ['#models-root table.versions-table tbody th'], 3);
    await j.see('mounted twice', () => document.documentElement.dataset.mounts, [], '2');
    await j.see('the host header untouched', texts, ['.host-header strong'], ['PrimeHub (test host)']);
  },

  async 'signed out: a redirect to a sign-in page elsewhere ends the session, and the host hears it'(j) {
    // The console's MLflow prefix answers as a proxy whose session ended:
    // a redirect to its sign-in page on another origin (signed_out_conf).
    await j.goto('/console/g/demo/models?host_mlflow_api=/api/expired-redirect-away');
    await j.see('the alert', texts, ['#models-root [role=alert] h2'], ['Signed out']);
    await j.see('no Retry', (s) => document.querySelectorAll(s).length, ['#models-root [role=alert] button'], 1);
    await j.click('Sign in again', byText, '#models-root [role=alert] button', 'Sign in again');
    await j.see('the host heard it', () => document.documentElement.dataset.sessionEnded, [], '1');
    await j.see('still mounted', () => document.documentElement.dataset.mounted, [], 'yes');
  },

  async 'upstream failure: MLflow unreachable is explained, Retry recovers'(j) {
    // The sub-path build's MLflow prefix goes to FLAKY_PORT, where nothing listens yet.
    await j.goto(`${process.env.SUBPATH_URL}/models`);
    await j.see('the alert', texts, ['[role=alert]'], (a) => a.some((t) => t.includes('MLflow is not reachable') && t.includes('HTTP 502')));
    const mlflowPort = Number(new URL(mlflowUrl).port);
    const mlflow = await forward(Number(process.env.FLAKY_PORT), mlflowPort);
    try {
      await j.click('Retry', byText, 'button', 'Retry');
      await j.see('the models', texts, [MODEL_ROWS], (await modelNames()).slice(0, 25).map(shown));
      await j.see('no alert', (s) => document.querySelectorAll(s).length, ['[role=alert]'], 0);
    } finally {
      await mlflow.close();
    }
  },
};
