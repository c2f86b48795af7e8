#!/usr/bin/env bash
# Benchmark: our release build (through nginx) against MLflow's own UI (served
# by the same MLflow server), in headless Chromium, alternating the two run by
# run. MLflow is seeded in bulk: BULK_MODELS registered models (1,000) and
# `bulk-many-versions` with BULK_VERSIONS versions (5,000). Journeys, budgets
# and figures: tests/bench/compare.mjs. Not part of scripts/test.sh.
#
#   RUNS           runs per journey, app and cache state (default 5)
#   BULK_MODELS    bulk models to seed (default 1000)
#   BULK_VERSIONS  versions of bulk-many-versions (default 5000)
#   BENCH_OUT      the Markdown report (default .run/bench/results.md); the raw
#                  figures go to the same name with .json
#
# The release build is copied from dist/ first (to .run/bench-dist), so a
# rebuild during the run changes nothing; without dist/ it is built once.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
caller_pwd="$PWD"
cd "$ROOT"
bash scripts/setup.sh

export RUNS="${RUNS:-5}"
export BULK_MODELS="${BULK_MODELS:-1000}"
export BULK_VERSIONS="${BULK_VERSIONS:-5000}"
export BENCH_OUT="${BENCH_OUT:-$RUN_DIR/bench/results.md}"
case "$BENCH_OUT" in /*) ;; *) BENCH_OUT="$caller_pwd/$BENCH_OUT" ;; esac
[ "$BULK_MODELS" -ge 1 ] && [ "$BULK_VERSIONS" -ge 1 ] && [ "$RUNS" -ge 1 ] \
  || die "RUNS, BULK_MODELS and BULK_VERSIONS must be at least 1"
mkdir -p "$RUN_DIR" "$(dirname "$BENCH_OUT")"

[ -f dist/index.html ] || { log "no dist/: building the release"; trunk build --release --quiet; }

# copy_dist DEST: a consistent copy of dist/ (someone may be rebuilding it):
# the listing must not change during the copy, and every file index.html
# names must be there.
copy_dist() {
  local dest="$1" before after ref missing attempt
  for attempt in $(seq 1 40); do
    before=$(cd dist && find . -path ./.stage -prune -o -type f -printf '%p %s %T@\n' | sort)
    rm -rf "$dest"; mkdir -p "$dest"
    tar -C dist --exclude=./.stage -cf - . | tar -C "$dest" -xf -
    after=$(cd dist && find . -path ./.stage -prune -o -type f -printf '%p %s %T@\n' | sort)
    missing=0
    if [ "$before" = "$after" ] && [ -f "$dest/index.html" ]; then
      for ref in $(grep -oE '(href|src)="[^"]+"' "$dest/index.html" | sed -E 's/^[a-z]+="(\.?\/)?//; s/"$//'); do
        case "$ref" in http:*|https:*|data:*|"") continue ;; esac
        [ -f "$dest/$ref" ] || missing=1
      done
      [ "$missing" = 0 ] && return 0
    fi
    log "dist/ is changing (a rebuild?); copying again in 15 s ($attempt/40)"
    sleep 15
  done
  die "could not take a consistent copy of dist/"
}
BENCH_DIST="$RUN_DIR/bench-dist"
log "copying the release build to $BENCH_DIST"
copy_dist "$BENCH_DIST"

MLFLOW_PORT=$(pick_port 5454)
WEB_PORT=$(pick_port 8484)
log "bulk seeding takes a while (about 5 minutes for 1,000 models and 5,000 versions on 2 cores)"
start_mlflow "$MLFLOW_PORT" "$RUN_DIR/mlflow-bench" \
  --bulk-models "$BULK_MODELS" --bulk-versions "$BULK_VERSIONS" >"$RUN_DIR/bench-seed.log"

cat > "$RUN_DIR/bench-config.json" <<JSON
{ "mlflow_api": "/api/mlflow", "mlflow_ui": "http://127.0.0.1:$MLFLOW_PORT" }
JSON
bash scripts/render-nginx.sh "$RUN_DIR/nginx-bench.conf" "127.0.0.1:$WEB_PORT" "$BENCH_DIST" \
  "$RUN_DIR/bench-config.json" "http://127.0.0.1:$MLFLOW_PORT" "$RUN_DIR/nginx-bench"
start_bg "$RUN_DIR/nginx-bench/stdout.log" nginx -p "$RUN_DIR/nginx-bench" -c "$RUN_DIR/nginx-bench.conf" >/dev/null
wait_http "http://127.0.0.1:$WEB_PORT/models" 20 "nginx" "$RUN_DIR/nginx-bench/stdout.log"

log "benchmark: $RUNS runs per journey, ours (127.0.0.1:$WEB_PORT) and MLflow UI (127.0.0.1:$MLFLOW_PORT)"
BASE_URL="http://127.0.0.1:$WEB_PORT" MLFLOW_URL="http://127.0.0.1:$MLFLOW_PORT" \
  MLFLOW_VERSION="$MLFLOW_VERSION" BENCH_DIST="$BENCH_DIST" \
  SEED_MANIFEST="$RUN_DIR/mlflow-bench/manifest.json" \
  node tests/bench/compare.mjs
