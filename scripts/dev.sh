#!/usr/bin/env bash
# Runs the app on a real MLflow with demo data: MLflow (seeded) on
# 127.0.0.1:$MLFLOW_PORT, the app with live reload on 127.0.0.1:$DEV_PORT,
# its MLflow proxy (/api/mlflow/ onto MLflow's /api/, GET only;
# /api/mlflow-root/ onto MLflow's model-file routes only) by nginx from
# deploy/nginx/ on 127.0.0.1:$DEV_PROXY_PORT. Ctrl-C stops everything.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
MLFLOW_PORT="${MLFLOW_PORT:-5000}"
DEV_PORT="${DEV_PORT:-8080}"

bash scripts/setup.sh
port_free "$MLFLOW_PORT" || die "port $MLFLOW_PORT is taken: set MLFLOW_PORT"
port_free "$DEV_PORT" || die "port $DEV_PORT is taken: set DEV_PORT"
mkdir -p "$RUN_DIR"
start_mlflow "$MLFLOW_PORT" "$RUN_DIR/mlflow-dev" ${SEED_ARGS:-}

# The dev configuration: MLflow UI on the chosen port, and deployment enabled
# with a static list of demo deployments that point at seeded versions.
export MODELS_DEV_CONFIG="$RUN_DIR/dev-config.json"
cat > "$MODELS_DEV_CONFIG" <<JSON
{
  "mlflow_api": "/api/mlflow",
  "mlflow_root": "/api/mlflow-root",
  "mlflow_ui": "http://127.0.0.1:$MLFLOW_PORT",
  "deployments": { "route": "deployments", "source": { "kind": "static", "url": "demo-deployments.json" } }
}
JSON

# The MLflow proxy: the site's own nginx config, so the dev app reaches
# MLflow exactly as a deployed one does (README: Standalone static site).
# trunk serve cannot be that proxy: it takes one --proxy-backend, forwards
# every method, matches a path prefix and anything below it, and resolves
# `..` before forwarding (/api/mlflow-root/get-artifact/../../x reached
# MLflow's /x). So trunk forwards /api/ to nginx, which serves no files here
# (an empty root) and refuses whatever its rules do not allow. MLflow's
# credentials, Host and workspace: none set (the browser's X-MLFLOW-WORKSPACE is
# dropped), the upstream's.
DEV_PROXY_PORT=$(pick_port "${DEV_PROXY_PORT:-$((DEV_PORT + 1))}")
proxy_dir="$RUN_DIR/dev-proxy"
rm -rf "$proxy_dir"; mkdir -p "$proxy_dir/empty"
BASE_PATH="" MLFLOW_TOKEN="" MLFLOW_USERNAME="" MLFLOW_HOST="" MLFLOW_WORKSPACE="" bash scripts/render-nginx.sh "$proxy_dir/nginx.conf" "127.0.0.1:$DEV_PROXY_PORT" \
  "$proxy_dir/empty" "$MODELS_DEV_CONFIG" "http://127.0.0.1:$MLFLOW_PORT" "$proxy_dir"
start_bg "$proxy_dir/stdout.log" nginx -p "$proxy_dir" -c "$proxy_dir/nginx.conf" >/dev/null
wait_http "http://127.0.0.1:$DEV_PROXY_PORT/config.json" 20 "nginx (MLflow proxy)" "$proxy_dir/stdout.log"

log "Models: http://127.0.0.1:$DEV_PORT/models   (MLflow UI: http://127.0.0.1:$MLFLOW_PORT)"
# In the background and waited on, so a signal reaches the trap at once.
# Absolute asset URLs: trunk serve has no nginx to set the page's <base>.
trunk serve --port "$DEV_PORT" --public-url / \
  --proxy-backend "http://127.0.0.1:$DEV_PROXY_PORT/api/" --proxy-rewrite "/api/" &
SERVER_PIDS+=("$!")
wait "$!"
