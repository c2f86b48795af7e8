#!/usr/bin/env bash
# scripts/e2e.sh RELEASE [playwright arguments...]: the e2e suite against one
# MLflow release (e.g. 3.17.2), on the release build in dist/ (made by
# `trunk build --release`). scripts/test.sh runs it for every supported
# release; alone it is the quick way to run a few tests:
#   bash scripts/e2e.sh 2.9.2 -g "cannot be deployed"
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
[ $# -ge 1 ] || die "usage: scripts/e2e.sh RELEASE [playwright arguments...]"
[ -f dist/index.html ] || die "no release build in dist/: run trunk build --release first"
[ -x "$(venv_of "$1")/bin/mlflow" ] || bash scripts/setup.sh --all-releases
mkdir -p "$RUN_DIR"

# e2e_on RELEASE: MLflow RELEASE seeded, nginx (and the sub-path, host and
# flaky-upstream set-ups) in front of it, the Playwright suite through it;
# every server stopped again. Fails when a test failed.
e2e_on() {
  local release="$1"
  shift
  MLFLOW_PORT=$(pick_port "${TEST_MLFLOW_PORT:-5151}")
  WEB_PORT=$(pick_port "${TEST_WEB_PORT:-8181}")
  MLFLOW_RELEASE="$release" start_mlflow "$MLFLOW_PORT" "$RUN_DIR/mlflow-test" --bulk-models 120 --bulk-versions 230 --big-steps 20000

  cat > "$RUN_DIR/e2e-config.json" <<JSON
{ "mlflow_api": "/api/mlflow", "mlflow_ui": "http://127.0.0.1:$MLFLOW_PORT" }
JSON
  # The proxy sends a token to MLflow. Between them, a logging server records
  # the Authorization header it receives, so the e2e tests can check that the
  # token reaches MLflow (and, separately, never reaches the page).
  E2E_TOKEN="e2e-token-$(date +%s)-$RANDOM"
  LOG_PORT=$(pick_port $((MLFLOW_PORT + 200)))
  MLFLOW_TOKEN="$E2E_TOKEN" MLFLOW_HOST="127.0.0.1:$MLFLOW_PORT" \
    bash scripts/render-nginx.sh "$RUN_DIR/nginx.conf" "127.0.0.1:$WEB_PORT" "$ROOT/dist" \
    "$RUN_DIR/e2e-config.json" "http://127.0.0.1:$LOG_PORT" "$RUN_DIR/nginx"
  cat > "$RUN_DIR/nginx/servers.d/upstream-log.conf" <<CONF
log_format upstream_auth '\$request_method \$uri auth=\$http_authorization';
server {
    listen 127.0.0.1:$LOG_PORT;
    access_log $RUN_DIR/nginx/upstream-auth.log upstream_auth;
    location / {
        proxy_pass http://127.0.0.1:$MLFLOW_PORT;
        proxy_set_header Host \$http_host;
    }
}
CONF
  # A second MLflow prefix whose upstream the e2e tests start and stop, to see
  # the app explain an unreachable MLflow and recover on Retry.
  FLAKY_PORT=$(pick_port $((MLFLOW_PORT + 100)))
  cat > "$RUN_DIR/nginx/locations.d/flaky.conf" <<CONF
location /api/mlflow-flaky/ {
    proxy_pass http://127.0.0.1:$FLAKY_PORT/api/;
    proxy_set_header Host 127.0.0.1:$MLFLOW_PORT;
    proxy_connect_timeout 2s;
}
CONF
  # A host console (tests/e2e/host/) under /console/, mounting the app with a
  # group-scoped MLflow prefix.
  cat > "$RUN_DIR/nginx/locations.d/host.conf" <<CONF
location /console-assets/ {
    alias $ROOT/tests/e2e/host/;
    include $RUN_DIR/nginx/headers.conf;
    add_header Cache-Control "no-cache" always;
}
location /console/ {
    rewrite ^ /console-assets/console.html last;
}
location /api/groups/demo/mlflow/ {
    if (\$request_method != GET) {
        return 405;
    }
    proxy_pass http://127.0.0.1:$LOG_PORT/api/;
    proxy_set_header Host 127.0.0.1:$MLFLOW_PORT;
    proxy_set_header Cookie "";
    proxy_set_header Origin "";
    include $RUN_DIR/nginx/mlflow-auth.conf;
}
CONF
  log "starting nginx on 127.0.0.1:$WEB_PORT"
  start_bg "$RUN_DIR/nginx/stdout.log" nginx -p "$RUN_DIR/nginx" -c "$RUN_DIR/nginx.conf" >/dev/null
  wait_http "http://127.0.0.1:$WEB_PORT/index.html" 20 "nginx" "$RUN_DIR/nginx/stdout.log"
  # The same build under a sub-path, from the same template.
  SUB_PORT=$(pick_port $((WEB_PORT + 1)))
  echo '{ "mlflow_api": "/models-app/api/mlflow" }' > "$RUN_DIR/e2e-sub-config.json"
  BASE_PATH=/models-app MLFLOW_TOKEN="$E2E_TOKEN" MLFLOW_HOST="127.0.0.1:$MLFLOW_PORT" \
    bash scripts/render-nginx.sh "$RUN_DIR/nginx-sub.conf" "127.0.0.1:$SUB_PORT" "$ROOT/dist" \
    "$RUN_DIR/e2e-sub-config.json" "http://127.0.0.1:$MLFLOW_PORT" "$RUN_DIR/nginx-sub"
  start_bg "$RUN_DIR/nginx-sub/stdout.log" nginx -p "$RUN_DIR/nginx-sub" -c "$RUN_DIR/nginx-sub.conf" >/dev/null
  wait_http "http://127.0.0.1:$SUB_PORT/models-app/index.html" 20 "nginx (sub-path)" "$RUN_DIR/nginx-sub/stdout.log"

  log "e2e tests against MLflow $release (Playwright, headless Chromium, through nginx)"
  local status=0
  BASE_URL="http://127.0.0.1:$WEB_PORT" MLFLOW_URL="http://127.0.0.1:$MLFLOW_PORT" FLAKY_PORT="$FLAKY_PORT" \
    SEED_MANIFEST="$RUN_DIR/mlflow-test/manifest.json" SUBPATH_URL="http://127.0.0.1:$SUB_PORT/models-app" \
    E2E_TOKEN="$E2E_TOKEN" UPSTREAM_AUTH_LOG="$RUN_DIR/nginx/upstream-auth.log" \
    playwright test -c tests/e2e/playwright.config.mjs "$@" 2>&1 | tee "$RUN_DIR/e2e-$release.log" || status=1
  stop_servers
  return "$status"
}

e2e_on "$@"
