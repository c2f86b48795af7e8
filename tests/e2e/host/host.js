// A minimal host console: its own header and navigation (a single-page host
// using pushState), the Models app mounted under /console/g/demo/ for its
// routes and unmounted elsewhere, and a button that opens only the deploy
// dialog. Uses the app's stable loader, /models.js.
import { mount, openDeployDialog } from '/models.js';

const config = {
  mlflow_api: '/api/groups/{group}/mlflow',
  group: 'demo',
  base_path: '/console/g/demo',
  deployments: { route: 'deployments' },
};
// A test may send the app's MLflow requests elsewhere (a proxy whose session
// ended): ?host_mlflow_api=/api/expired-401 on the console's address.
const api = new URLSearchParams(location.search).get('host_mlflow_api');
if (api) config.mlflow_api = api;
const root = document.getElementById('models-root');
const home = document.getElementById('host-home');
let handle = null;
let mounts = 0;
const isApp = (path) => /^\/console\/g\/demo\/(models|deployments)(\/|$)/.test(path);

async function render() {
  if (isApp(location.pathname)) {
    home.hidden = true;
    if (!handle) {
      handle = await mount(root, config);
      mounts += 1;
    }
  } else {
    if (handle) {
      handle.unmount();
      handle = null;
    }
    home.hidden = false;
    home.querySelector('h1').textContent = `Console ${location.pathname.split('/').pop()}`;
  }
  document.documentElement.dataset.mounts = String(mounts);
  document.documentElement.dataset.mounted = handle ? 'yes' : 'no';
}

document.querySelector('.host-nav').addEventListener('click', (event) => {
  const link = event.target.closest('a');
  if (!link) return;
  event.preventDefault();
  history.pushState(null, '', link.href);
  // A mounted app follows the URL like on Back/Forward.
  if (handle) window.dispatchEvent(new PopStateEvent('popstate'));
  render();
});
window.addEventListener('popstate', render);
// The app found the user's session ended and the user asked to sign in
// again, in the mounted app or the deploy popup: a real console would renew
// the session; this one counts.
document.addEventListener('primehub-models-session-ended', () => {
  const seen = Number(document.documentElement.dataset.sessionEnded ?? 0);
  document.documentElement.dataset.sessionEnded = String(seen + 1);
});
document.getElementById('deploy-iris').addEventListener('click', () => {
  openDeployDialog(document.getElementById('deploy-root'), { name: 'iris-classifier', version: 3 }, config);
});
render();
