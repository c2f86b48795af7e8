#!/usr/bin/env bash
# Time to the first data row of the model list (1,000 bulk models, or
# BULK_MODELS) and of a model with 5,000 versions (BULK_VERSIONS) next to the
# 3-version demo model, through nginx, release build. Prints figures only.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
bash scripts/setup.sh
[ -f dist/index.html ] && [ "${REBUILD:-0}" = 0 ] || trunk build --release --quiet
mkdir -p "$RUN_DIR"
MLFLOW_PORT=$(pick_port 5252)
WEB_PORT=$(pick_port 8282)
start_mlflow "$MLFLOW_PORT" "$RUN_DIR/mlflow-measure" \
  --bulk-models "${BULK_MODELS:-1000}" --bulk-versions "${BULK_VERSIONS:-5000}"
echo '{ "mlflow_api": "/api/mlflow" }' > "$RUN_DIR/measure-config.json"
bash scripts/render-nginx.sh "$RUN_DIR/nginx-measure.conf" "127.0.0.1:$WEB_PORT" "$ROOT/dist" \
  "$RUN_DIR/measure-config.json" "http://127.0.0.1:$MLFLOW_PORT" "$RUN_DIR/nginx-measure"
start_bg "$RUN_DIR/nginx-measure/stdout.log" nginx -p "$RUN_DIR/nginx-measure" -c "$RUN_DIR/nginx-measure.conf" >/dev/null
wait_http "http://127.0.0.1:$WEB_PORT/index.html" 20 "nginx" "$RUN_DIR/nginx-measure/stdout.log"
export BASE_URL="http://127.0.0.1:$WEB_PORT"
node tests/bench/first-row.mjs
BENCH_PATH="/models?q=bulk-model-09" node tests/bench/first-row.mjs
export FIRST_ROW='table.versions-table tbody th'
BENCH_PATH="/models/bulk-many-versions" node tests/bench/first-row.mjs
BENCH_PATH="/models/iris-classifier" node tests/bench/first-row.mjs
BENCH_PATH="/models/bulk-many-versions?size=100&cols=1&m=accuracy" node tests/bench/first-row.mjs
FIRST_ROW='table.kv-table tbody th' BENCH_PATH="/models/iris-classifier/versions/3" node tests/bench/first-row.mjs
