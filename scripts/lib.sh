# Shared by the scripts: paths, versions, and servers that stop with the script.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${PRIMEHUB_MODELS_CACHE:-$HOME/.cache/primehub-models}"
MLFLOW_VERSION="3.17.2"
TRUNK_VERSION="0.21.14"
VENV="$CACHE/mlflow-$MLFLOW_VERSION"
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

# start_mlflow PORT DATADIR: a fresh MLflow with a sqlite store, seeded.
# Extra seed arguments follow (e.g. --bulk-models 120).
start_mlflow() {
  local port="$1" dir="$2"; shift 2
  rm -rf "$dir"; mkdir -p "$dir"
  log "starting MLflow $MLFLOW_VERSION on 127.0.0.1:$port (store: $dir)"
  start_bg "$dir/server.log" "$VENV/bin/mlflow" server \
    --backend-store-uri "sqlite:///$dir/mlflow.db" \
    --default-artifact-root "$dir/artifacts" \
    --host 127.0.0.1 --port "$port" --workers 1 >/dev/null
  wait_http "http://127.0.0.1:$port/health" 120 "MLflow" "$dir/server.log"
  log "seeding MLflow"
  "$VENV/bin/python" "$ROOT/tests/fixtures/seed_mlflow.py" \
    --tracking-uri "http://127.0.0.1:$port" --db "$dir/mlflow.db" \
    --manifest "$dir/manifest.json" "$@" 2>"$dir/seed.log" \
    || { tail -n 30 "$dir/seed.log" >&2; die "seeding MLflow failed"; }
}

# port_free PORT: true when nothing listens there.
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
