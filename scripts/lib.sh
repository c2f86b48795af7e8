# Shared by the scripts: paths, versions, and servers that stop with the script.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${PRIMEHUB_MODELS_CACHE:-$HOME/.cache/primehub-models}"
MLFLOW_VERSION="3.17.2"
# Every MLflow release the e2e suite runs against (README: Supported MLflow): the newest
# first, then the oldest of each behaviour PrimeHub sites still run.
MLFLOW_RELEASES=("$MLFLOW_VERSION" 2.9.2 1.30.1)
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

# install_mlflow RELEASE: that release in its own virtualenv, once per machine.
# 2.x servers do not start with SQLAlchemy 2.1.
install_mlflow() {
  local release="$1" venv
  venv="$(venv_of "$1")"
  "$venv/bin/mlflow" --version >/dev/null 2>&1 && return 0
  local pins=("mlflow==$release")
  case "$release" in 2.*) pins+=("sqlalchemy<2.1") ;; esac
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
    --manifest "$dir/manifest.json" "$@" 2>"$dir/seed.log" \
    || { tail -n 30 "$dir/seed.log" >&2; die "seeding MLflow $release failed"; }
}

# port_free PORT: true when nothing listens there.
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# pick_port PORT: PORT or the next free one after it.
pick_port() { local p="$1"; while ! port_free "$p"; do p=$((p + 1)); done; echo "$p"; }
