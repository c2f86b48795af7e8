#!/usr/bin/env bash
# Time to the model list's first row with 1,000 bulk-seeded models (or
# BULK_MODELS), through nginx, release build. Prints figures; no pass/fail.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
bash scripts/setup.sh
[ -f dist/index.html ] && [ "${REBUILD:-0}" = 0 ] || trunk build --release --quiet
mkdir -p "$RUN_DIR"
pick_port() { local p="$1"; while ! port_free "$p"; do p=$((p + 1)); done; echo "$p"; }
MLFLOW_PORT=$(pick_port 5252)
WEB_PORT=$(pick_port 8282)
start_mlflow "$MLFLOW_PORT" "$RUN_DIR/mlflow-measure" --no-demo --bulk-models "${BULK_MODELS:-1000}"
echo '{ "mlflow_api": "/api/mlflow" }' > "$RUN_DIR/measure-config.json"
bash scripts/render-nginx.sh "$RUN_DIR/nginx-measure.conf" "127.0.0.1:$WEB_PORT" "$ROOT/dist" \
  "$RUN_DIR/measure-config.json" "http://127.0.0.1:$MLFLOW_PORT" "$RUN_DIR/nginx-measure"
start_bg "$RUN_DIR/nginx-measure/stdout.log" nginx -p "$RUN_DIR/nginx-measure" -c "$RUN_DIR/nginx-measure.conf" >/dev/null
wait_http "http://127.0.0.1:$WEB_PORT/index.html" 20 "nginx" "$RUN_DIR/nginx-measure/stdout.log"
BASE_URL="http://127.0.0.1:$WEB_PORT" node tests/bench/list-first-row.mjs
BASE_URL="http://127.0.0.1:$WEB_PORT" BENCH_PATH="/models?q=bulk-model-09" node tests/bench/list-first-row.mjs
