// The standalone page's first MLflow requests, started by its loader as soon
// as the configuration is in, before the app's wasm has even arrived
// (issue 26: on a cold load the wasm takes ~150 ms to arrive, compile and
// start, and MLflow 100-350 ms to answer; started here, the two overlap).
//
// The app takes these answers by URL (src/mlflow/early.rs): each request of
// the same URL that the app makes is handed the answer started here, once.
// So the URLs here must be the app's, byte for byte after URL parsing: they
// follow src/pages/first_requests.rs and the pure functions it calls
// (ModelListState/VersionListState::from_query, model_search_filter,
// api_url, CompareState::shown). Only the plain cases are read here; for
// anything else (a search with conditions, a local page token,
// a host's {group} prefix) nothing is started and the app asks as usual
// when its shell starts. A URL that differs from the app's costs one
// request and never a wrong answer. tests/loader_urls.rs runs this file in
// Node against the app's URL functions (every URL started here must be the
// app's; the plain cases all started); tests/e2e/first-requests.spec.mjs
// checks in the browser that each first request is made once, hostile
// names included.
//
// scripts/trunk-post-build.py puts this file into the loader
// (models-<hash>.js) with its `export`s removed.

const PAGE_SIZES = [25, 50, 100];
const MODEL_ORDERS = {
  name: 'name ASC',
  '-name': 'name DESC',
  '-updated': 'last_updated_timestamp DESC',
  updated: 'last_updated_timestamp ASC',
};
const VERSION_ORDERS = {
  '-version': 'version_number DESC',
  version: 'version_number ASC',
  '-registered': 'creation_timestamp DESC',
  registered: 'creation_timestamp ASC',
};
const MAX_COMPARED = 10;

/** `table[key]` for the table's own keys only. */
const own = (table, key) => (key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined);

/** A filter string value as `filter::quote` writes it: in the quote it does
 *  not contain; `undefined` when it holds both. */
function quote(value) {
  if (!value.includes("'")) return `'${value}'`;
  if (!value.includes('"')) return `"${value}"`;
  return undefined;
}

/** A query value as src/mlflow/url.rs encodes it (encodeURIComponent, and '). */
const encodeQuery = (s) => encodeURIComponent(s).replace(/'/g, '%27');

/** `{api}/2.0/mlflow/{endpoint}?k=v&...`, as `api_url`. */
function apiUrl(api, endpoint, pairs) {
  const query = pairs.map(([k, v]) => `${encodeQuery(k)}=${encodeQuery(v)}`).join('&');
  return `${api.replace(/\/+$/, '')}/2.0/mlflow/${endpoint}${query ? `?${query}` : ''}`;
}

/** The query string as QueryState reads it: pairs, `+` as a space, first value wins. */
function readQuery(search) {
  const pairs = search.replace(/^\?/, '').split('&').filter(Boolean).map((pair) => {
    const at = pair.indexOf('=');
    const decode = (s) => decodeURIComponent(s.replace(/\+/g, ' '));
    return at < 0 ? [decode(pair), ''] : [decode(pair.slice(0, at)), decode(pair.slice(at + 1))];
  });
  return (key) => pairs.find(([k]) => k === key)?.[1];
}

/** Page size and token as `paging_from` reads them. */
function paging(get) {
  const size = Number(get('size'));
  return { size: PAGE_SIZES.includes(size) && /^\d+$/.test(get('size')) ? size : PAGE_SIZES[0], token: get('token') || null };
}

/** The search box's plain text as `model_search_filter` writes it; `undefined`
 *  for what only the app reads (conditions, AND, both quote kinds). */
function plainFilter(q) {
  const text = (q ?? '').trim();
  if (!text) return '';
  if (/and/i.test(text) || /^(tags\.|name\s*(=|!=|like |ilike ))/i.test(text)) return undefined;
  const quoted = quote(`%${text}%`);
  return quoted === undefined ? undefined : `name ILIKE ${quoted}`;
}

/** `runs/get` of a version's run, when it has one. */
const runOf = (api, version) => (version?.run_id ? [apiUrl(api, 'runs/get', [['run_id', version.run_id]])] : []);

/**
 * The first requests of the address `path` + `search` under the base path
 * `base` (no trailing slash), for an MLflow API prefix `api`: a list of
 * `{url, follow}`, where `follow(body)` gives the URLs that follow from a
 * successful JSON answer (a version's run). Empty for other pages.
 */
export function firstRequests(path, search, base, api) {
  if (base && (path === base || path.startsWith(`${base}/`))) path = path.slice(base.length);
  let segments;
  try {
    segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return []; // not UTF-8: the app shows "not found"
  }
  let get;
  try {
    get = readQuery(search);
  } catch {
    return [];
  }
  const [first, name, third, version, ...rest] = segments;
  if (rest.length || (first !== undefined && first !== 'models')) return [];
  if (name === undefined) {
    const filter = plainFilter(get('q'));
    if (filter === undefined) return [];
    const { size, token } = paging(get);
    const pairs = [['max_results', String(size)], ['order_by', own(MODEL_ORDERS, get('sort')) ?? MODEL_ORDERS.name]];
    if (filter) pairs.push(['filter', filter]);
    if (token) pairs.push(['page_token', token]);
    return [{ url: apiUrl(api, 'registered-models/search', pairs) }];
  }
  if (third === undefined) {
    const model = { url: apiUrl(api, 'registered-models/get', [['name', name]]) };
    const { size, token } = paging(get);
    const exact = quote(name);
    // A local page token (MLflow 1.x) or a name MLflow's filter cannot
    // hold exactly: the versions are left to the app.
    if (token || exact === undefined) return [model];
    const search = apiUrl(api, 'model-versions/search', [
      ['filter', `name = ${exact}`], ['max_results', String(size)],
      ['order_by', own(VERSION_ORDERS, get('sort')) ?? VERSION_ORDERS['-version']]]);
    return [
      model,
      {
        url: search,
        // A server that does not page (MLflow 1.x) sends every version; the
        // app then picks its rows itself and no runs are guessed.
        follow: (body) => {
          const versions = Array.isArray(body?.model_versions) ? body.model_versions : [];
          return versions.length <= size ? [...new Set(versions.flatMap((v) => runOf(api, v)))] : [];
        },
      },
    ];
  }
  const versionRequest = (v) => ({
    url: apiUrl(api, 'model-versions/get', [['name', name], ['version', v]]),
    follow: (body) => runOf(api, body?.model_version),
  });
  if (third === 'versions' && version !== undefined) return [versionRequest(version)];
  if (third === 'compare' && version === undefined) {
    const shown = [];
    for (const part of (get('versions') ?? '').split(',')) {
      const v = part.trim().replace(/^0+(?=.)/, '');
      if (/^\d+$/.test(v) && !shown.includes(v)) shown.push(v);
    }
    return shown.slice(0, MAX_COMPARED).map(versionRequest);
  }
  return [];
}

/**
 * Starts the standalone page's configuration request and, once it is in,
 * the address's first requests (and those that follow from their answers),
 * made as the app makes them (src/mlflow/request.rs: GET, Accept:
 * application/json, redirects not followed), then calls `then` (whether or
 * not it could start any). Returns `take(url, signal)`,
 * which the app calls for each of its GETs: the promise of the fetch
 * Response (body unread) started for `url`, once, or `undefined`; aborting
 * `signal` aborts that fetch. `take()` aborts and forgets the rest.
 */
export function startFirstRequests(doc, location, hostConfig, then) {
  const started = new Map();
  const absolute = (url) => new URL(url, doc.baseURI).href;
  const start = (url) => {
    const key = absolute(url);
    if (started.has(key)) return null;
    const stop = new AbortController();
    const answer = fetch(key, { headers: { Accept: 'application/json' }, redirect: 'manual', signal: stop.signal });
    // An answer nobody takes must not show as an unhandled rejection.
    answer.catch(() => {});
    started.set(key, { answer, stop });
    return answer;
  };
  const follow = (answer, next) => {
    if (!next || !answer) return;
    answer
      .then((r) => (r.ok ? r.clone().json() : null))
      .then((body) => { for (const url of next(body)) start(url); })
      .catch(() => {});
  };
  const startPage = (config) => {
    const api = config?.mlflow_api;
    // A host's {group} prefix and anything unusual are left to the app.
    if (typeof api !== 'string' || !/^(\/(?!\/)|https?:\/\/)/.test(api) || api.includes('{')) return;
    const basePath = typeof config.base_path === 'string'
      ? config.base_path : new URL(doc.baseURI).pathname;
    if (!basePath.startsWith('/')) return;
    for (const request of firstRequests(location.pathname, location.search, basePath.replace(/\/+$/, ''), api)) {
      follow(start(request.url), request.follow);
    }
  };
  if (hostConfig !== undefined && hostConfig !== null) {
    startPage(hostConfig);
    then();
  } else {
    start('config.json')
      .then((r) => (r.ok ? r.clone().json() : null))
      .then(startPage)
      .catch(() => {})
      .finally(then);
  }
  return (url, signal) => {
    if (url === undefined) {
      for (const { stop } of started.values()) stop.abort();
      started.clear();
      return undefined;
    }
    const key = absolute(url);
    const request = started.get(key);
    if (!request) return undefined;
    started.delete(key);
    if (signal) {
      if (signal.aborted) request.stop.abort();
      else signal.addEventListener('abort', () => request.stop.abort(), { once: true });
    }
    return request.answer;
  };
}
