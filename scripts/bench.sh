#!/usr/bin/env bash
# Benchmark: our release build (through nginx) against MLflow's own UI (served
# by the same MLflow server), in headless Chromium, alternating the two run by
# run. MLflow is seeded in bulk: BULK_MODELS registered models (1,000) and
# `bulk-many-versions` with BULK_VERSIONS versions (5,000), plus the big run
# (issue 18): 1,000 params and a `loss` over BIG_STEPS steps, registered as
# `big-run` v1. The big-run journey times our version page of it (parameters,
# then the loss chart after scrolling to it) against MLflow's run page of the
# same run (parameters, then its "Model metrics" tab); it also runs ours
# against a second MLflow of release BIG_RUN_OLD_RELEASE seeded with the big
# run only, behind a second nginx. Journeys, budgets and figures:
# tests/bench/compare.mjs. Not part of scripts/test.sh.
#
#   BENCH_BUILD    the release build to measure, a folder like dist/ (default:
#                  the checkout's dist/, built when missing); e.g. a saved
#                  "before" build. A relative path is taken from the caller's
#                  directory.
#   RUNS           runs per journey, app and cache state (default 5)
#   SLOW_RUNS      runs per journey and app on the slow network (Lighthouse's
#                  mobile profile; default 3; 0: no slow-network column).
#                  MLflow's UI takes about 30 s per page view there.
#   BULK_MODELS    bulk models to seed (default 1000)
#   BULK_VERSIONS  versions of bulk-many-versions (default 5000)
#   BIG_STEPS      steps of the big run's loss (default 100000; 0: no big run
#                  and no big-run journey). Seeding 100,000 steps takes about
#                  a minute per server on 2 cores.
#   BIG_RUN_OLD_RELEASE
#                  the older MLflow the big run is also measured on (default
#                  2.9.2, installed on first use; empty: not measured)
#   BENCH_OUT      the Markdown report (default .run/bench/results.md); the raw
#                  figures go to the same name with .json
#
# Every server started here (both MLflows, both nginx) is stopped when the
# script ends, fails or is interrupted (lib.sh: start_bg and its trap).
#
# The release build is copied from BENCH_BUILD first (to .run/bench-dist), so
# a rebuild during the run changes nothing; without dist/ (and no
# BENCH_BUILD) it is built once.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
caller_pwd="$PWD"
cd "$ROOT"
bash scripts/setup.sh

export RUNS="${RUNS:-5}"
export SLOW_RUNS="${SLOW_RUNS:-3}"
export BULK_MODELS="${BULK_MODELS:-1000}"
export BULK_VERSIONS="${BULK_VERSIONS:-5000}"
BIG_STEPS="${BIG_STEPS:-100000}"
BIG_RUN_OLD_RELEASE="${BIG_RUN_OLD_RELEASE-2.9.2}"
export BENCH_OUT="${BENCH_OUT:-$RUN_DIR/bench/results.md}"
case "$BENCH_OUT" in /*) ;; *) BENCH_OUT="$caller_pwd/$BENCH_OUT" ;; esac
[ "$BULK_MODELS" -ge 1 ] && [ "$BULK_VERSIONS" -ge 1 ] && [ "$RUNS" -ge 1 ] \
  || die "RUNS, BULK_MODELS and BULK_VERSIONS must be at least 1"
[ "$SLOW_RUNS" -ge 0 ] 2>/dev/null || die "SLOW_RUNS must be 0 or more"
[ "$BIG_STEPS" -ge 0 ] 2>/dev/null || die "BIG_STEPS must be 0 or more"
[ "$BIG_STEPS" -gt 0 ] || BIG_RUN_OLD_RELEASE=""  # no big run to measure there
[ -z "$BIG_RUN_OLD_RELEASE" ] || install_mlflow "$BIG_RUN_OLD_RELEASE"
mkdir -p "$RUN_DIR" "$(dirname "$BENCH_OUT")"

if [ -n "${BENCH_BUILD:-}" ]; then
  case "$BENCH_BUILD" in /*) ;; *) BENCH_BUILD="$caller_pwd/$BENCH_BUILD" ;; esac
  [ -f "$BENCH_BUILD/index.html" ] || die "BENCH_BUILD=$BENCH_BUILD holds no index.html (a release build folder, like dist/)"
else
  BENCH_BUILD="$ROOT/dist"
  [ -f dist/index.html ] || { log "no dist/: building the release"; trunk build --release --quiet; }
fi

# copy_dist SRC DEST: a consistent copy of the build SRC (someone may be
# rebuilding it): the listing must not change during the copy, and every file
# index.html names must be there.
copy_dist() {
  local src="$1" dest="$2" before after ref missing attempt
  for attempt in $(seq 1 40); do
    before=$(cd "$src" && find . -path ./.stage -prune -o -type f -printf '%p %s %T@\n' | sort)
    rm -rf "$dest"; mkdir -p "$dest"
    tar -C "$src" --exclude=./.stage -cf - . | tar -C "$dest" -xf -
    after=$(cd "$src" && find . -path ./.stage -prune -o -type f -printf '%p %s %T@\n' | sort)
    missing=0
    if [ "$before" = "$after" ] && [ -f "$dest/index.html" ]; then
      for ref in $(grep -oE '(href|src)="[^"]+"' "$dest/index.html" | sed -E 's/^[a-z]+="(\.?\/)?//; s/"$//'); do
        case "$ref" in http:*|https:*|data:*|"") continue ;; esac
        [ -f "$dest/$ref" ] || missing=1
      done
      [ "$missing" = 0 ] && return 0
    fi
    log "$src is changing (a rebuild?); copying again in 15 s ($attempt/40)"
    sleep 15
  done
  die "could not take a consistent copy of $src"
}
BENCH_DIST="$RUN_DIR/bench-dist"
log "copying the release build $BENCH_BUILD to $BENCH_DIST"
copy_dist "$BENCH_BUILD" "$BENCH_DIST"

MLFLOW_PORT=$(pick_port 5454)
WEB_PORT=$(pick_port 8484)
log "bulk seeding takes a while (about 5 minutes for 1,000 models and 5,000 versions on 2 cores, about a minute more per server for the big run)"
start_mlflow "$MLFLOW_PORT" "$RUN_DIR/mlflow-bench" \
  --bulk-models "$BULK_MODELS" --bulk-versions "$BULK_VERSIONS" --big-steps "$BIG_STEPS" >"$RUN_DIR/bench-seed.log"

# serve_build NAME WEB_PORT MLFLOW_PORT: the bench's copy of the build
# through its own nginx (config, prefix and logs named NAME) on WEB_PORT, in
# front of the MLflow on MLFLOW_PORT.
serve_build() {
  local name="$1" web="$2" mlflow="$3"
  cat > "$RUN_DIR/$name-config.json" <<JSON
{ "mlflow_api": "/api/mlflow", "mlflow_ui": "http://127.0.0.1:$mlflow" }
JSON
  bash scripts/render-nginx.sh "$RUN_DIR/nginx-$name.conf" "127.0.0.1:$web" "$BENCH_DIST" \
    "$RUN_DIR/$name-config.json" "http://127.0.0.1:$mlflow" "$RUN_DIR/nginx-$name"
  start_bg "$RUN_DIR/nginx-$name/stdout.log" nginx -p "$RUN_DIR/nginx-$name" -c "$RUN_DIR/nginx-$name.conf" >/dev/null
  wait_http "http://127.0.0.1:$web/models" 20 "nginx" "$RUN_DIR/nginx-$name/stdout.log"
}
serve_build bench "$WEB_PORT" "$MLFLOW_PORT"

# The big run on an older MLflow: its own server, seeded with the big run
# only, and its own nginx in front of it (same build).
BIG_RUN_OLD_URL=""
if [ -n "$BIG_RUN_OLD_RELEASE" ]; then
  OLD_MLFLOW_PORT=$(pick_port $((MLFLOW_PORT + 1)))
  OLD_WEB_PORT=$(pick_port $((WEB_PORT + 1)))
  MLFLOW_RELEASE="$BIG_RUN_OLD_RELEASE" start_mlflow "$OLD_MLFLOW_PORT" "$RUN_DIR/mlflow-bench-old" \
    --no-demo --big-steps "$BIG_STEPS" >"$RUN_DIR/bench-seed-old.log"
  serve_build bench-old "$OLD_WEB_PORT" "$OLD_MLFLOW_PORT"
  BIG_RUN_OLD_URL="http://127.0.0.1:$OLD_WEB_PORT"
fi

log "benchmark: $RUNS runs per journey ($SLOW_RUNS on the slow network), ours (127.0.0.1:$WEB_PORT) and MLflow UI (127.0.0.1:$MLFLOW_PORT)${BIG_RUN_OLD_URL:+; big run also on MLflow $BIG_RUN_OLD_RELEASE (ours at 127.0.0.1:$OLD_WEB_PORT)}"
BASE_URL="http://127.0.0.1:$WEB_PORT" MLFLOW_URL="http://127.0.0.1:$MLFLOW_PORT" \
  MLFLOW_VERSION="$MLFLOW_VERSION" BENCH_DIST="$BENCH_DIST" BENCH_BUILD="$BENCH_BUILD" \
  SEED_MANIFEST="$RUN_DIR/mlflow-bench/manifest.json" \
  BIG_RUN_OLD_URL="$BIG_RUN_OLD_URL" BIG_RUN_OLD_RELEASE="$BIG_RUN_OLD_RELEASE" \
  BIG_RUN_OLD_MANIFEST="$RUN_DIR/mlflow-bench-old/manifest.json" \
  node tests/bench/compare.mjs
