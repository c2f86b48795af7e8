# Shared by the scripts: paths, versions, and servers that stop with the script.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${PRIMEHUB_MODELS_CACHE:-$HOME/.cache/primehub-models}"
MLFLOW_VERSION="3.17.2"
# Every MLflow release the e2e suite runs against (README: Supported MLflow): the newest
# first, then the oldest of each behaviour PrimeHub sites still run.
MLFLOW_RELEASES=("$MLFLOW_VERSION" 2.9.2 1.30.1)
# The newest release with MLflow's basic-auth app (`mlflow[auth]`), in its
# own venv: the workspaces-and-permissions server of scripts/e2e-groups.sh.
AUTH_RELEASE="$MLFLOW_VERSION-auth"
TRUNK_VERSION="0.21.14"
WASM_SPLIT_VERSION="0.2.4"
VENV="$CACHE/mlflow-$MLFLOW_VERSION"
# venv_of RELEASE: where that release of MLflow is installed.
venv_of() { echo "$CACHE/mlflow-$1"; }
RUN_DIR="$ROOT/.run"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Processes started here; all are stopped on exit, failure or Ctrl-C.
SERVER_PIDS=()
stop_servers() {
  local pid
  for pid in "${SERVER_PIDS[@]:-}"; do
    [ -n "$pid" ] || continue
    kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
  done
  for pid in "${SERVER_PIDS[@]:-}"; do
    [ -n "$pid" ] || continue
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 -- "-$pid" 2>/dev/null || kill -9 "$pid" 2>/dev/null || true
  done
  SERVER_PIDS=()
}
trap stop_servers EXIT
trap 'exit 130' INT TERM

# start_bg LOGFILE CMD...: runs CMD in its own process group, remembers it.
start_bg() {
  local logfile="$1"; shift
  setsid "$@" >"$logfile" 2>&1 &
  local pid=$!
  disown "$pid"  # stopped by stop_servers; no job notices from bash
  SERVER_PIDS+=("$pid")
  echo "$pid"
}

# wait_http URL SECONDS NAME LOGFILE
wait_http() {
  local url="$1" secs="$2" name="$3" logfile="$4" i
  for i in $(seq 1 "$secs"); do
    if curl -sf -o /dev/null "$url"; then return 0; fi
    sleep 1
  done
  tail -n 30 "$logfile" >&2 || true
  die "$name did not answer at $url within ${secs}s"
}

# install_mlflow RELEASE: that release in its own virtualenv, once per machine;
# RELEASE-auth with MLflow's basic-auth app (mlflow[auth]). 2.x servers do
# not start with SQLAlchemy 2.1.
install_mlflow() {
  local release="$1" venv
  venv="$(venv_of "$1")"
  "$venv/bin/mlflow" --version >/dev/null 2>&1 && return 0
  local pins=("mlflow==$release")
  case "$release" in
    2.*) pins+=("sqlalchemy<2.1") ;;
    *-auth) pins=("mlflow[auth]==${release%-auth}") ;;
  esac
  log "pip: installing ${pins[*]} into $venv (about 1 minute)"
  rm -rf "$venv"
  mkdir -p "$CACHE"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check "${pins[@]}"
}

# start_mlflow PORT DATADIR: a fresh MLflow with a sqlite store, seeded by
# the same release's client. MLFLOW_RELEASE picks the release (default: the
# newest). Extra seed arguments follow (e.g. --bulk-models 120).
start_mlflow() {
  local port="$1" dir="$2"; shift 2
  local release="${MLFLOW_RELEASE:-$MLFLOW_VERSION}" venv
  venv="$(venv_of "$release")"
  rm -rf "$dir"; mkdir -p "$dir"
  log "starting MLflow $release on 127.0.0.1:$port (store: $dir)"
  # Old releases start gunicorn by name: their venv's bin comes first.
  PATH="$venv/bin:$PATH" start_bg "$dir/server.log" "$venv/bin/mlflow" server \
    --backend-store-uri "sqlite:///$dir/mlflow.db" \
    --default-artifact-root "$dir/artifacts" \
    --host 127.0.0.1 --port "$port" --workers 1 >/dev/null
  wait_http "http://127.0.0.1:$port/health" 120 "MLflow" "$dir/server.log"
  log "seeding MLflow $release"
  "$venv/bin/python" "$ROOT/tests/fixtures/seed_mlflow.py" \
    --tracking-uri "http://127.0.0.1:$port" --db "$dir/mlflow.db" \
    --manifest "$dir/manifest.json" --artifact-root "$dir/artifacts" "$@" 2>"$dir/seed.log" \
    || { tail -n 30 "$dir/seed.log" >&2; die "seeding MLflow $release failed"; }
}

# start_workspace_mlflow PORT DIR: a fresh MLflow $MLFLOW_VERSION with
# workspaces and its basic-auth app (--enable-workspaces --app-name
# basic-auth; venv AUTH_RELEASE), sqlite stores in DIR (the users' too:
# DIR/basic_auth.ini), seeded by tests/fixtures/seed_workspaces.py as its
# admin (two workspaces, two users; DIR/manifest.json says who may read
# what). Sets WS_ADMIN_PASSWORD.
start_workspace_mlflow() {
  local port="$1" dir="$2" venv
  venv="$(venv_of "$AUTH_RELEASE")"
  rm -rf "$dir"; mkdir -p "$dir"
  WS_ADMIN_PASSWORD="admin-$(date +%s)-$RANDOM"
  cat > "$dir/basic_auth.ini" <<INI
[mlflow]
default_permission = READ
database_uri = sqlite:///$dir/basic_auth.db
admin_username = admin
authorization_function = mlflow.server.auth:authenticate_request_basic_auth
grant_default_workspace_access = false
INI
  log "starting MLflow $MLFLOW_VERSION with workspaces and basic-auth on 127.0.0.1:$port (store: $dir)"
  MLFLOW_AUTH_CONFIG_PATH="$dir/basic_auth.ini" MLFLOW_AUTH_ADMIN_PASSWORD="$WS_ADMIN_PASSWORD" \
    MLFLOW_FLASK_SERVER_SECRET_KEY="secret-$RANDOM-$RANDOM-$(date +%s%N)" PATH="$venv/bin:$PATH" \
    start_bg "$dir/server.log" "$venv/bin/mlflow" server --enable-workspaces --app-name basic-auth \
    --backend-store-uri "sqlite:///$dir/mlflow.db" --default-artifact-root "$dir/artifacts" \
    --host 127.0.0.1 --port "$port" --workers 1 >/dev/null
  wait_http "http://127.0.0.1:$port/health" 120 "MLflow (workspaces)" "$dir/server.log"
  log "seeding MLflow's workspaces and users"
  MLFLOW_TRACKING_USERNAME=admin MLFLOW_TRACKING_PASSWORD="$WS_ADMIN_PASSWORD" \
    "$venv/bin/python" "$ROOT/tests/fixtures/seed_workspaces.py" \
    --tracking-uri "http://127.0.0.1:$port" --manifest "$dir/manifest.json" 2>"$dir/seed.log" \
    || { tail -n 30 "$dir/seed.log" >&2; die "seeding MLflow's workspaces failed"; }
}

# port_free PORT: true when nothing listens there.
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# pick_port PORT: PORT or the next free one after it.
pick_port() { local p="$1"; while ! port_free "$p"; do p=$((p + 1)); done; echo "$p"; }

# start_test_servers RELEASE DIR [seed arguments...]: the servers the browser
# tests run through, all stopped by stop_servers: MLflow RELEASE seeded
# (DIR/mlflow-test, its manifest.json), a logging server between the proxy
# and MLflow (the token check), nginx on WEB_PORT (DIR/nginx.conf; the app,
# /api/mlflow/, /api/mlflow-root/ (model files), /api/mlflow-flaky/ onto
# FLAKY_PORT where nothing listens until a test starts it, and the host
# console under /console/) and the same build under /models-app on SUB_PORT
# (DIR/nginx-sub.conf). Ports start at
# TEST_MLFLOW_PORT (5151) and TEST_WEB_PORT (8181); pick_port takes the next
# free ones. Sets MLFLOW_PORT, WEB_PORT, SUB_PORT, FLAKY_PORT, LOG_PORT and
# E2E_TOKEN. TEST_DIST serves another build than dist/. TEST_SERVERS_HOOK names a function called with DIR once every
# config is written and before nginx starts, to add to them. SERVE_MODELS=1
# (e2e.sh) also serves churn-pyfunc v2 and v3 (start_model_servers) and waits
# for them; MODEL_SERVE_URLS says where ("" without it: engines.sh).
start_test_servers() {
  local release="$1" dir="$2" dist="${TEST_DIST:-$ROOT/dist}"
  shift 2
  mkdir -p "$dir"
  MLFLOW_PORT=$(pick_port "${TEST_MLFLOW_PORT:-5151}")
  WEB_PORT=$(pick_port "${TEST_WEB_PORT:-8181}")
  MLFLOW_RELEASE="$release" start_mlflow "$MLFLOW_PORT" "$dir/mlflow-test" "$@"
  # The model servers load while nginx is set up; waited for at the end.
  MODEL_SERVE_URLS=""
  [ "${SERVE_MODELS:-}" != 1 ] || start_model_servers "$release" "$dir"

  cat > "$dir/e2e-config.json" <<JSON
{ "mlflow_api": "/api/mlflow", "mlflow_root": "/api/mlflow-root", "mlflow_ui": "http://127.0.0.1:$MLFLOW_PORT" }
JSON
  # The proxy sends a token to MLflow. Between them, a logging server records
  # the Authorization header it receives, so the e2e tests can check that the
  # token reaches MLflow (and, separately, never reaches the page).
  E2E_TOKEN="e2e-token-$(date +%s)-$RANDOM"
  LOG_PORT=$(pick_port $((MLFLOW_PORT + 200)))
  MLFLOW_TOKEN="$E2E_TOKEN" MLFLOW_HOST="127.0.0.1:$MLFLOW_PORT" \
    bash "$ROOT/scripts/render-nginx.sh" "$dir/nginx.conf" "127.0.0.1:$WEB_PORT" "$dist" \
    "$dir/e2e-config.json" "http://127.0.0.1:$LOG_PORT" "$dir/nginx"
  cat > "$dir/nginx/servers.d/upstream-log.conf" <<CONF
log_format upstream_auth '\$request_method \$uri auth=\$http_authorization';
server {
    listen 127.0.0.1:$LOG_PORT;
    access_log $dir/nginx/upstream-auth.log upstream_auth;
    location / {
        proxy_pass http://127.0.0.1:$MLFLOW_PORT;
        proxy_set_header Host \$http_host;
    }
}
CONF
  # A second MLflow prefix whose upstream the e2e tests start and stop, to see
  # the app explain an unreachable MLflow and recover on Retry.
  FLAKY_PORT=$(pick_port $((MLFLOW_PORT + 100)))
  cat > "$dir/nginx/locations.d/flaky.conf" <<CONF
location /api/mlflow-flaky/ {
    proxy_pass http://127.0.0.1:$FLAKY_PORT/api/;
    proxy_set_header Host 127.0.0.1:$MLFLOW_PORT;
    proxy_connect_timeout 2s;
}
CONF
  host_console_conf "$dir/nginx" "http://127.0.0.1:$LOG_PORT" "127.0.0.1:$MLFLOW_PORT"
  signed_out_conf "$dir/nginx" "$WEB_PORT"
  # The same build under a sub-path, from the same template.
  SUB_PORT=$(pick_port $((WEB_PORT + 1)))
  echo '{ "mlflow_api": "/models-app/api/mlflow", "mlflow_root": "/models-app/api/mlflow-root" }' > "$dir/e2e-sub-config.json"
  BASE_PATH=/models-app MLFLOW_TOKEN="$E2E_TOKEN" MLFLOW_HOST="127.0.0.1:$MLFLOW_PORT" \
    bash "$ROOT/scripts/render-nginx.sh" "$dir/nginx-sub.conf" "127.0.0.1:$SUB_PORT" "$dist" \
    "$dir/e2e-sub-config.json" "http://127.0.0.1:$MLFLOW_PORT" "$dir/nginx-sub"
  # The caller's own additions (locations, configs), before nginx reads them.
  [ -z "${TEST_SERVERS_HOOK:-}" ] || "$TEST_SERVERS_HOOK" "$dir"
  log "starting nginx on 127.0.0.1:$WEB_PORT"
  start_bg "$dir/nginx/stdout.log" nginx -p "$dir/nginx" -c "$dir/nginx.conf" >/dev/null
  wait_http "http://127.0.0.1:$WEB_PORT/index.html" 20 "nginx" "$dir/nginx/stdout.log"
  start_bg "$dir/nginx-sub/stdout.log" nginx -p "$dir/nginx-sub" -c "$dir/nginx-sub.conf" >/dev/null
  wait_http "http://127.0.0.1:$SUB_PORT/models-app/index.html" 20 "nginx (sub-path)" "$dir/nginx-sub/stdout.log"
  [ "${SERVE_MODELS:-}" != 1 ] || wait_model_servers
}

# host_console_conf PREFIX UPSTREAM HOST: a host console (tests/e2e/host/)
# under /console/ of the nginx rendered into PREFIX (render-nginx.sh),
# mounting the app with the group-scoped MLflow prefix /api/groups/demo/mlflow/,
# proxied (GET only) onto UPSTREAM's /api/ with Host HOST and PREFIX's
# credentials and workspace.
host_console_conf() {
  local prefix="$1" upstream="$2" host="$3"
  cat > "$prefix/locations.d/host.conf" <<CONF
location /console-assets/ {
    alias $ROOT/tests/e2e/host/;
    include $prefix/headers.conf;
    add_header Cache-Control "no-cache" always;
}
location /console/ {
    rewrite ^ /console-assets/console.html last;
}
location /api/groups/demo/mlflow/ {
    if (\$request_method != GET) {
        return 405;
    }
    proxy_pass $upstream/api/;
    proxy_set_header Host $host;
    proxy_set_header Cookie "";
    proxy_set_header Origin "";
    include $prefix/mlflow-auth.conf;
}
CONF
}

# signed_out_conf PREFIX PORT: stand-ins of a console whose session ended,
# as its proxy answers the app's requests, for the nginx rendered into PREFIX
# listening on 127.0.0.1:PORT: /api/expired-401/ (401),
# /api/expired-redirect/ (302 to its sign-in page), /api/expired-redirect-away/
# (the same on another origin: localhost for 127.0.0.1), /api/expired-form/
# (the sign-in page itself, 200); and two proxies set up wrong:
# /api/not-mlflow/ (an HTML page that is not a sign-in), /api/no-such-prefix/
# (404). Pages in tests/fixtures/proxy/.
signed_out_conf() {
  local prefix="$1" port="$2"
  cat > "$prefix/locations.d/signed-out.conf" <<CONF
location /api/expired-401/ { return 401; }
location /api/expired-redirect/ { return 302 /sign-in; }
location /api/expired-redirect-away/ { return 302 http://localhost:$port/sign-in; }
location /api/expired-form/ { rewrite ^ /sign-in last; }
location = /sign-in {
    alias $ROOT/tests/fixtures/proxy/sign-in.html;
    default_type text/html;
}
location /api/not-mlflow/ { rewrite ^ /not-mlflow last; }
location = /not-mlflow {
    alias $ROOT/tests/fixtures/proxy/not-mlflow.html;
    default_type text/html;
}
location /api/no-such-prefix/ { return 404; }
CONF
}

# The versions of the seeded churn-pyfunc (seed_logged_models) served for the
# scoring-protocol test: 2 has a column signature (an optional column and
# params where the release has them), 3 a float32 (-1, 4) tensor one.
SERVED_VERSIONS=(2 3)
# Each served version's URL, log file and process, in that order.
MODEL_SERVE_URL_LIST=()
MODEL_SERVE_LOGS=()
MODEL_SERVE_PIDS=()

# start_model_servers RELEASE DIR: `mlflow models serve` of each of
# SERVED_VERSIONS of churn-pyfunc from the seeded MLflow on MLFLOW_PORT, by
# RELEASE's own MLflow (its scoring protocol is the one to test) in its venv
# (--env-manager local: no environment is built), one worker each (1.x starts
# 4 by default), on ports from MLFLOW_PORT + 400 (clear of bench.sh's 5454),
# logs in DIR/model-serve-v<N>.log. Returns at once (each loads in 3-12 s):
# wait_model_servers waits for them, stop_servers stops them (each in its own
# process group: the CLI, the gunicorn/uvicorn it starts and its workers).
# Sets MODEL_SERVE_URLS, a JSON object {"<version>": "http://127.0.0.1:<port>",
# ...} for the e2e tests.
start_model_servers() {
  local release="$1" dir="$2" venv v port pid json=""
  venv="$(venv_of "$release")"
  port=$((MLFLOW_PORT + 400))
  MODEL_SERVE_URL_LIST=(); MODEL_SERVE_LOGS=(); MODEL_SERVE_PIDS=()
  for v in "${SERVED_VERSIONS[@]}"; do
    # The previous server does not listen yet: start after its port.
    port=$(pick_port "$port")
    log "serving churn-pyfunc v$v with MLflow $release on 127.0.0.1:$port (mlflow models serve)"
    # The CLI starts gunicorn (1.x, 2.x) or uvicorn (3.x) by name: the venv's
    # bin comes first.
    MLFLOW_TRACKING_URI="http://127.0.0.1:$MLFLOW_PORT" PATH="$venv/bin:$PATH" \
      start_bg "$dir/model-serve-v$v.log" "$venv/bin/mlflow" models serve \
      -m "models:/churn-pyfunc/$v" --env-manager local -h 127.0.0.1 -p "$port" -w 1 >/dev/null
    pid="${SERVER_PIDS[-1]}"
    MODEL_SERVE_URL_LIST+=("http://127.0.0.1:$port")
    MODEL_SERVE_LOGS+=("$dir/model-serve-v$v.log")
    MODEL_SERVE_PIDS+=("$pid")
    json+="${json:+,}\"$v\":\"http://127.0.0.1:$port\""
    port=$((port + 1))
  done
  MODEL_SERVE_URLS="{$json}"
  MODEL_SERVE_STARTED=$SECONDS
}

# wait_model_servers [SECONDS]: until every model server of
# start_model_servers answers GET /ping with 200 (the model is loaded);
# fails at once when one has exited, or after SECONDS (default 180).
wait_model_servers() {
  local secs="${1:-180}" i n url
  for i in "${!MODEL_SERVE_URL_LIST[@]}"; do
    url="${MODEL_SERVE_URL_LIST[$i]}/ping"
    for n in $(seq 0 "$secs"); do
      curl -sf -o /dev/null --max-time 5 "$url" && break
      if ! kill -0 "${MODEL_SERVE_PIDS[$i]}" 2>/dev/null; then
        tail -n 30 "${MODEL_SERVE_LOGS[$i]}" >&2 || true
        die "mlflow models serve of churn-pyfunc v${SERVED_VERSIONS[$i]} exited (log: ${MODEL_SERVE_LOGS[$i]})"
      fi
      if [ "$n" = "$secs" ]; then
        tail -n 30 "${MODEL_SERVE_LOGS[$i]}" >&2 || true
        die "mlflow models serve of churn-pyfunc v${SERVED_VERSIONS[$i]} did not answer at $url within ${secs}s (log: ${MODEL_SERVE_LOGS[$i]})"
      fi
      sleep 1
    done
  done
  log "model servers ready $((SECONDS - MODEL_SERVE_STARTED))s after they started: $MODEL_SERVE_URLS"
}
