#!/usr/bin/env bash
# Runs the app on a real MLflow with demo data: MLflow (seeded) on
# 127.0.0.1:$MLFLOW_PORT, the app with live reload on 127.0.0.1:$DEV_PORT,
# /api/mlflow/ proxied to MLflow's /api/. Ctrl-C stops everything.
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
  "mlflow_ui": "http://127.0.0.1:$MLFLOW_PORT",
  "deployments": { "route": "deployments", "source": { "kind": "static", "url": "demo-deployments.json" } }
}
JSON

log "Models: http://127.0.0.1:$DEV_PORT/models   (MLflow UI: http://127.0.0.1:$MLFLOW_PORT)"
# In the background and waited on, so a signal reaches the trap at once.
# Absolute asset URLs: trunk serve has no nginx to set the page's <base>.
trunk serve --port "$DEV_PORT" --public-url / \
  --proxy-backend "http://127.0.0.1:$MLFLOW_PORT/api/" --proxy-rewrite "/api/mlflow/" &
SERVER_PIDS+=("$!")
wait "$!"
