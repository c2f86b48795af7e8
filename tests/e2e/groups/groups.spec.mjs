// One MLflow for many groups (scripts/e2e-groups.sh): MLflow with workspaces
// and its basic-auth app, behind the shipped nginx config set up for the
// group of workspace team-a with the limited user alice's credentials.
// What alice may read is the seed's (tests/fixtures/seed_workspaces.py); what
// MLflow returns to her is asked of MLflow itself.
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { test, expect } from '@playwright/test';
import { findings } from '../axe.mjs';

const manifest = JSON.parse(readFileSync(process.env.GROUPS_MANIFEST, 'utf8'));
const mlflowUrl = process.env.MLFLOW_URL;
const alice = { user: 'alice', password: manifest.users.alice };
const admin = { user: 'admin', password: process.env.WS_ADMIN_PASSWORD };
const port = (url) => Number(new URL(url).port);
const SITE_PORT = port(process.env.BASE_URL);
const modelUrl = (name, rest = '') => `/models/${encodeURIComponent(name)}${rest}`;

/** GET of MLflow's API as `who`, in `workspace` (none: MLflow's default). */
async function mlflowAs(who, workspace, path) {
  const headers = { Authorization: `Basic ${Buffer.from(`${who.user}:${who.password}`).toString('base64')}` };
  if (workspace) headers['X-MLFLOW-WORKSPACE'] = workspace;
  const r = await fetch(`${mlflowUrl}/api/2.0/mlflow/${path}`, { headers });
  return { status: r.status, body: await r.text() };
}

/** Names MLflow lists to `who` in `workspace`, sorted. */
async function namesAs(who, workspace) {
  const { body } = await mlflowAs(who, workspace, 'registered-models/search?max_results=1000');
  return (JSON.parse(body).registered_models ?? []).map((m) => m.name).sort();
}

/** One HTTP/1.1 request exactly as written (no client normalizes its path
 *  or headers), to the site on `to`: status, head and body. */
function raw(requestLine, headers = [], to = SITE_PORT, body = '') {
  return new Promise((resolve, reject) => {
    const socket = net.connect(to, '127.0.0.1', () => {
      const lines = [requestLine, `Host: 127.0.0.1:${to}`, ...headers, 'Connection: close'];
      if (body) lines.push('Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body)}`);
      // Not half-closed: nginx takes a client's FIN for a request given up.
      socket.write(`${lines.join('\r\n')}\r\n\r\n${body}`);
    });
    const chunks = [];
    socket.on('data', (d) => chunks.push(d));
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const at = text.indexOf('\r\n\r\n');
      const head = text.slice(0, at);
      const status = Number(head.split(' ')[1]);
      if (!(status >= 100)) reject(new Error(`no HTTP answer to ${requestLine}: ${JSON.stringify(text.slice(0, 200))}`));
      resolve({ status, head, body: text.slice(at + 4) });
    });
    socket.on('error', reject);
  });
}

// What only team-b's answers hold: its models, and its description of the
// name both workspaces have.
const TEAM_B = ['recommender', 'forecast v2', "Team B's fraud detector"];
const leaksTeamB = (body) => TEAM_B.filter((mark) => body.includes(mark));
/** What an answer is, in a few words, for the log the closing note quotes. */
const gist = (a) => {
  const body = a.body.replace(/^[0-9a-f]+\r\n/, '').trim();
  const what = body.includes('<title>Models</title>') ? "the app's own page (index.html, as for any unknown path)"
    : body.startsWith('<') ? 'an HTML page' : body.replace(/\s+/g, ' ').slice(0, 90);
  return `${a.status} ${what}`;
};

test.describe('permissions', () => {
  test('the list shows what MLflow returns to the signed-in user, in the workspace the proxy chose', async ({ page }) => {
    const hers = await namesAs(alice, 'team-a');
    // MLflow applies the seed's grants: her models and nothing else...
    expect(hers).toEqual([...manifest.alice_reads].sort());
    // ...while the workspaces hold more, which the test would otherwise not see.
    expect(await namesAs(admin, 'team-a')).toEqual(expect.arrayContaining(manifest.alice_denied));
    expect(await namesAs(admin, 'team-b')).toContain('recommender');

    await page.goto('/models');
    const rows = page.locator('table.model-table tbody tr th a');
    await expect(rows).toHaveCount(hers.length);
    expect((await rows.allTextContents()).map((t) => t.trim()).sort()).toEqual(hers);
    await expect(page.locator('.app-header__workspace')).toHaveText('Workspace team-a');
    // MLflow's UI opens in the same workspace.
    await expect(page.getByRole('link', { name: 'MLflow UI' })).toHaveAttribute('href', `${mlflowUrl}/#/models?workspace=team-a`);
    await page.goto(modelUrl('fraud-detector'));
    await expect(page.getByRole('link', { name: 'MLflow UI' })).toHaveAttribute('href', `${mlflowUrl}/#/models/fraud-detector?workspace=team-a`);
    // Team A's fraud-detector, not Team B's of the same name.
    await expect(page.getByText("Team A's fraud detector.")).toBeVisible();
    // Its files are read in the same workspace (mlflow_root), and its run.
    await page.goto(modelUrl('fraud-detector', '/versions/1'));
    await expect(page.locator('.model-section table.model-files tbody tr').first()).toContainText('MLmodel');
    await expect(page.locator('.model-section')).toContainText('python_function');
    await expect(page.getByRole('link', { name: 'Run train-visible' })).toHaveAttribute(
      'href', `${mlflowUrl}/#/experiments/${manifest.experiments.visible}/runs/${manifest.runs.visible}?workspace=team-a`);
  });

  const denied = [
    ['versions page', modelUrl('secret-model'), 'secret-model'],
    ['version page', modelUrl('secret-model', '/versions/1'), 'secret-model'],
    ['compare page', modelUrl('secret-model', '/compare?versions=1'), 'secret-model'],
    ['hand-off page', `/deployments/create?modelURI=${encodeURIComponent('models:/secret-model/1')}`, 'secret-model'],
    ['versions page of a hostile name', modelUrl(manifest.alice_denied[1]), manifest.alice_denied[1]],
  ];
  for (const [what, url, name] of denied) {
    test(`a model the user may not read says so, without Retry: ${what}`, async ({ page }) => {
      expect((await mlflowAs(alice, 'team-a', `registered-models/get?name=${encodeURIComponent(name)}`)).status).toBe(403);
      await page.goto(url);
      const alert = page.getByRole('alert');
      await expect(alert.getByRole('heading')).toHaveText('No permission');
      await expect(alert).toContainText(
        `You do not have permission to read \u201c${name}\u201d on this MLflow server; ask its owner for access.`,
      );
      await expect(page.getByRole('button', { name: 'Retry' })).toHaveCount(0);
    });
  }

  test('a version whose run is in an experiment the user may not read shows the version and says why the run is missing', async ({ page }) => {
    const run = manifest.runs.hidden;
    expect((await mlflowAs(alice, 'team-a', `runs/get?run_id=${run}`)).status).toBe(403);
    await page.goto(modelUrl('model-hidden-run', '/versions/1'));
    await expect(page.locator('h1')).toContainText('Version 1');
    await expect(page.locator('.run-missing')).toHaveText(
      `The source run ${run} is in an experiment you do not have permission to read, so its parameters, metrics and tags cannot be shown; ask the experiment's owner for access.`,
    );
    await expect(page.getByRole('button', { name: 'Retry' })).toHaveCount(0);
    // Beside a version whose run she may read, in compare: its run's
    // values are not known, not "not logged".
    await page.goto(modelUrl('fraud-detector', '/compare?versions=1%2C2'));
    await expect(page.getByRole('row', { name: /Source Run/ })).toContainText(`Run ${run}: in an experiment you may not read`);
    await expect(page.locator('.compare__unknown')).toHaveText('Version 2: its run is in an experiment you may not read.');
    await expect(page.locator('#compare-params-title + * tbody tr, section[aria-labelledby="compare-params-title"] tbody tr').first()).toContainText('not known');
    // And in the versions table's run columns.
    await page.goto(modelUrl('fraud-detector', '?p=alpha&m=rmse'));
    const v2 = page.locator('table.versions-table tbody tr').filter({ has: page.getByRole('link', { name: 'Version 2', exact: true }) });
    await expect(v2.locator('.param-cell')).toHaveText('not known');
    await expect(v2.locator('.metric-cell')).toHaveText('not known');
    await expect(v2.locator('.metric-cell span')).toHaveAttribute('title', 'its run is in an experiment you may not read');
  });

  test('a search finds no model the user may not read, and says such models are not listed', async ({ page }) => {
    await page.goto('/models?q=secret');
    await expect(page.getByRole('heading', { name: 'No model matches \u201csecret\u201d' })).toBeVisible();
    await expect(page.locator('.empty-state')).toContainText('Models you do not have permission to read are not listed.');
  });

  test('nothing serious for a screen reader on the permission pages', async ({ page }) => {
    test.slow();
    for (const url of [modelUrl('secret-model'), modelUrl('model-hidden-run', '/versions/1')]) {
      await page.goto(url);
      await expect(page.locator('.error-state, .run-missing').first()).toBeVisible();
      expect(await findings(page), url).toEqual([]);
    }
  });
});

test.describe('workspaces', () => {
  test('a workspace MLflow does not have gets its own message', async ({ page }) => {
    await page.goto(`${process.env.UNKNOWN_WS_URL}/models`);
    const alert = page.getByRole('alert');
    await expect(alert.getByRole('heading')).toHaveText('No such workspace');
    await expect(alert).toContainText('MLflow has no workspace \u201cteam-z\u201d. The proxy chooses the workspace (MLFLOW_WORKSPACE); ask your administrator to create it or to choose one that exists.');
    await expect(page.getByRole('button', { name: 'Retry' })).toHaveCount(0);
    await expect(page.locator('.app-header__workspace')).toHaveText('Workspace team-z');
  });

  test('a workspace where the user may read nothing says where to ask', async ({ page }) => {
    expect(await namesAs(alice, 'team-b')).toEqual([]);
    await page.goto(`${process.env.TEAM_B_URL}/models`);
    await expect(page.getByRole('heading', { name: 'No models in workspace team-b yet' })).toBeVisible();
    await expect(page.locator('.empty-state')).toContainText(
      "If your team's models should be here, ask the workspace's owner for read access.",
    );
    await expect(page.locator('.app-header__workspace')).toHaveText('Workspace team-b');
    await expect(page.locator('.empty-state__workspace')).toHaveCount(0);
  });

  test('with no workspace chosen, the empty default workspace says where the models may be', async ({ page }) => {
    expect(await namesAs(alice, '')).toEqual([]);
    await page.goto(`${process.env.NO_WS_URL}/models`);
    await expect(page.getByRole('heading', { name: 'No models registered yet' })).toBeVisible();
    await expect(page.locator('.empty-state__workspace')).toHaveText(
      "This MLflow server has workspaces, and this page shows its default one. If your models are in another, ask your administrator to set the proxy's workspace (MLFLOW_WORKSPACE).",
    );
    await expect(page.locator('.app-header__workspace')).toHaveCount(0);
  });

  test("credentials MLflow does not know are the administrator's to mend, and the browser asks the user for none", async ({ page }) => {
    await page.goto(`${process.env.WRONG_CREDS_URL}/models`);
    const alert = page.getByRole('alert');
    await expect(alert.getByRole('heading')).toHaveText('MLflow denied access');
    await expect(alert).toContainText('HTTP 401: You are not authenticated.');
    await expect(alert).toContainText('ask your administrator');
    // MLflow's Basic challenge would make the browser ask for MLflow's password.
    const answer = await raw('GET /api/mlflow/2.0/mlflow/registered-models/search HTTP/1.1', [], port(process.env.WRONG_CREDS_URL));
    expect(answer.status).toBe(401);
    expect(answer.head.toLowerCase()).not.toContain('www-authenticate');
  });
});

test.describe('signed out', () => {
  const ENDED = 'Your session has ended. Reload the page to sign in again.';
  const REDIRECTED = 'The proxy answered with a redirect, as when your session has ended. Reload the page to sign in again; if that does not help, ask your administrator.';
  const ended = [
    ['a 401 from the proxy', '/api/expired-401', ENDED],
    ['a redirect to its sign-in page', '/api/expired-redirect', REDIRECTED],
    ['a redirect to a sign-in page on another origin', '/api/expired-redirect-away', REDIRECTED],
    ['its sign-in page where JSON was expected', '/api/expired-form', ENDED],
  ];
  for (const [what, api, message] of ended) {
    test(`${what} reads as a session that ended, with Reload`, async ({ page }) => {
      await page.addInitScript((mlflow_api) => {
        window.PRIMEHUB_MODELS_CONFIG = { mlflow_api };
      }, api);
      await page.goto('/models');
      const alert = page.getByRole('alert');
      await expect(alert.getByRole('heading')).toHaveText('Signed out');
      await expect(alert).toContainText(message);
      await expect(page.getByRole('button', { name: 'Retry' })).toHaveCount(0);
      // Reload reloads the page (its proxy would then ask to sign in).
      await page.evaluate(() => { window.beforeReload = true; });
      await Promise.all([page.waitForEvent('load'), alert.getByRole('button', { name: 'Reload' }).click()]);
      expect(await page.evaluate(() => window.beforeReload ?? false)).toBe(false);
    });
  }

  const misconfigured = [
    ['an HTML page without a sign-in form', '/api/not-mlflow', "Check that `mlflow_api` points at an MLflow server."],
    ['a 404 from the proxy', '/api/no-such-prefix', 'The MLflow API was not found behind the proxy (HTTP 404).'],
  ];
  for (const [what, api, message] of misconfigured) {
    test(`${what} keeps its administrator message`, async ({ page }) => {
      await page.addInitScript((mlflow_api) => {
        window.PRIMEHUB_MODELS_CONFIG = { mlflow_api };
      }, api);
      await page.goto('/models');
      const alert = page.getByRole('alert');
      await expect(alert).toContainText(message);
      await expect(alert.getByRole('button', { name: 'Retry' })).toBeVisible();
    });
  }

  test("the host's deploy popup names a version the user may not read, and a session that ended, as problems", async ({ page }) => {
    // The popup's iris-classifier is not in team-a: MLflow answers alice 403.
    await page.goto('/console/g/demo/home');
    await page.getByRole('button', { name: 'Deploy iris v3' }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByLabel('Deployment').selectOption('create');
    await expect(dialog.locator('.preflight__check--problem')).toHaveText(
      /Version \(problem\): You do not have permission to read \u201ciris-classifier\u201d on this MLflow server; ask its owner for access\./,
    );
    await page.goto('/console/g/demo/home?host_mlflow_api=/api/expired-401');
    await page.getByRole('button', { name: 'Deploy iris v3' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('Deployment').selectOption('create');
    await expect(dialog.locator('.preflight__check--problem')).toContainText('Your session has ended. Reload the page to sign in again.');
    await dialog.getByRole('button', { name: 'Sign in again' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-session-ended', '1');
  });

  test('inside a host, the button tells the host instead of reloading its page', async ({ page }) => {
    await page.goto('/console/g/demo/models?host_mlflow_api=/api/expired-401');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Your session has ended. Reload the page to sign in again.');
    await page.evaluate(() => { window.beforeClick = true; });
    await alert.getByRole('button', { name: 'Sign in again' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-session-ended', '1');
    expect(await page.evaluate(() => window.beforeClick)).toBe(true);
    expect(await findings(page)).toEqual([]);
  });
});

test.describe('nothing leaks between groups', () => {
  const SEARCH = '/api/mlflow/2.0/mlflow/registered-models/search?max_results=100';
  const GET_SHARED = '/api/mlflow/2.0/mlflow/registered-models/get?name=fraud-detector';
  const GROUP_SEARCH = '/api/groups/demo/mlflow/2.0/mlflow/registered-models/search?max_results=100';
  const FILE_B = '/api/mlflow-root/model-versions/get-artifact?name=recommender&version=1&path=MLmodel';

  test('a forged X-MLFLOW-WORKSPACE never reaches MLflow', async () => {
    // Asked directly, with the header, MLflow does answer for team-b.
    expect(leaksTeamB((await mlflowAs(admin, 'team-b', 'registered-models/search')).body)).not.toEqual([]);
    const forged = [
      ['X-MLFLOW-WORKSPACE: team-b'],
      ['x-mlflow-workspace: team-b'],
      ['X-Mlflow-Workspace: team-b', 'X-Mlflow-Workspace: team-b'],
      ['X_MLFLOW_WORKSPACE: team-b'],
      ['X-MLFLOW-WORKSPACE: team-a', 'X-MLFLOW-WORKSPACE: team-b'],
    ];
    const seen = [];
    for (const headers of forged) {
      for (const path of [SEARCH, GET_SHARED, GROUP_SEARCH, FILE_B]) {
        const a = await raw(`GET ${path} HTTP/1.1`, headers);
        seen.push(`${headers.join(' + ')} ${path} -> ${gist(a)}`);
        expect(leaksTeamB(a.body), `${headers} ${path}`).toEqual([]);
        if (path === GET_SHARED) expect(a.body).toContain("Team A's **fraud** detector.");
        if (path === FILE_B) expect(a.status).toBe(403);
      }
      // With no workspace set, the browser's does not choose one either.
      const d = await raw(`GET ${SEARCH} HTTP/1.1`, headers, port(process.env.NO_WS_URL));
      seen.push(`${headers.join(' + ')} (no workspace set) ${SEARCH} -> ${gist(d)}`);
      expect(leaksTeamB(d.body)).toEqual([]);
    }
    console.log(seen.join('\n'));
  });

  test('path tricks reach no other group and no other route', async () => {
    const tricks = [
      '/api/mlflow/2.0/mlflow/../../../api/groups/team-b/mlflow/2.0/mlflow/registered-models/search',
      '/api/mlflow/..%2F..%2Fapi/2.0/mlflow/registered-models/search',
      '/api/mlflow/%2e%2e/%2e%2e/api/2.0/mlflow/registered-models/search',
      '/api/mlflow/2.0/mlflow/registered-models/search/..%2F..%2F..%2F3.0/mlflow/workspaces',
      '/api/groups/demo/mlflow/..%2F..%2Fteam-b%2Fmlflow/2.0/mlflow/registered-models/search',
      '/api/groups/demo%2F..%2Fteam-b/mlflow/2.0/mlflow/registered-models/search',
      '/api/groups/%2e%2e/team-b/mlflow/2.0/mlflow/registered-models/search',
      '/api/groups/team-b/mlflow/2.0/mlflow/registered-models/search',
      '/api/mlflow-root/model-versions/get-artifact/..%2F..%2Fapi/2.0/mlflow/registered-models/search',
      '/api/mlflow-root/%2e%2e/api/2.0/mlflow/registered-models/search',
      '/api/mlflow/2.0/mlflow/registered-models/search?workspace=team-b',
      '/api/mlflow/3.0/mlflow/workspaces',
    ];
    const seen = [];
    for (const path of tricks) {
      const a = await raw(`GET ${path} HTTP/1.1`);
      seen.push(`${path} -> ${gist(a)}`);
      expect(leaksTeamB(a.body), path).toEqual([]);
      expect(a.body, path).not.toContain('"team-b"');
    }
    console.log(seen.join('\n'));
  });

  test('no method but GET is forwarded, so nothing is written', async () => {
    const seen = [];
    const body = JSON.stringify({ name: 'written-through-the-proxy' });
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']) {
      for (const path of [
        '/api/mlflow/2.0/mlflow/registered-models/create',
        '/api/groups/demo/mlflow/2.0/mlflow/registered-models/create',
        '/api/mlflow-root/model-versions/get-artifact?name=fraud-detector&version=1&path=MLmodel',
      ]) {
        const a = await raw(`${method} ${path} HTTP/1.1`, ['X-MLFLOW-WORKSPACE: team-b'], SITE_PORT, method === 'HEAD' ? '' : body);
        seen.push(`${method} ${path} -> ${a.status}`);
        expect(a.status, `${method} ${path}`).toBe(405);
      }
    }
    // A GET that asks to be taken for a POST is still a read.
    const o = await raw('GET /api/mlflow/2.0/mlflow/registered-models/create HTTP/1.1', ['X-HTTP-Method-Override: POST']);
    seen.push(`GET + X-HTTP-Method-Override: POST -> ${gist(o)}`);
    for (const w of ['team-a', 'team-b', '']) {
      expect(await namesAs(admin, w), w).not.toContain('written-through-the-proxy');
    }
    console.log(seen.join('\n'));
  });
});
