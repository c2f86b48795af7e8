#!/usr/bin/env bash
# scripts/engines.sh [firefox] [webkit]: the smoke journeys of tests/engines/
# in the two other browser engines, from Debian's packages: Firefox ESR over
# WebDriver BiDi (puppeteer-core) and WebKitGTK's MiniBrowser over WebDriver
# (WebKitWebDriver under Xvfb, selenium-webdriver), through the same nginx and
# seeded MLflow set-up as e2e.sh (start_test_servers, lib.sh), on the release
# build in dist/. Both engines without arguments. Each prints
#   firefox-esr 153.8.0: N passed, N failed
# and the script fails when a journey failed in any engine.
#   bash scripts/engines.sh webkit
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
engines=("$@")
[ ${#engines[@]} -gt 0 ] || engines=(firefox webkit)
for e in "${engines[@]}"; do
  case "$e" in firefox | webkit) ;; *) die "usage: scripts/engines.sh [firefox] [webkit]" ;; esac
done
[ -f "${TEST_DIST:-dist}/index.html" ] || die "no release build in dist/: run trunk build --release first"
if ! [ -x "$VENV/bin/mlflow" ] || ! command -v firefox-esr >/dev/null || ! command -v WebKitWebDriver >/dev/null \
   || ! command -v xvfb-run >/dev/null || ! [ -d node_modules/selenium-webdriver ]; then
  bash scripts/setup.sh
fi
# Its own folder and ports, so it can run beside e2e.sh.
dir="$RUN_DIR/engines"
mkdir -p "$dir"

# What only the engines run has: PrimeHub's deployments GraphQL answered by
# nginx with tests/engines/deployments.json (WebKitWebDriver cannot stub a
# request; Firefox answers it itself, by request interception), a
# configuration that names it, and the sub-path build pointed at the flaky
# MLflow prefix (the upstream-failure journey; no init script is needed).
engines_servers() {
  local d="$1" answer
  answer=$(tr -d '\n' < tests/engines/deployments.json)
  case "$answer" in *"'"* | *'\'* | *'$'*) die "tests/engines/deployments.json: no ' \\ or \$ in nginx's return" ;; esac
  cat > "$d/e2e-config.json" <<JSON
{ "mlflow_api": "/api/mlflow", "mlflow_root": "/api/mlflow-root", "mlflow_ui": "http://127.0.0.1:$MLFLOW_PORT",
  "deployments": { "route": "deployments",
    "source": { "kind": "primehub", "graphql": "/api/graphql", "group_id": "group-7d1e-demo" } } }
JSON
  cat > "$d/nginx/locations.d/graphql.conf" <<CONF
location = /api/graphql {
    if (\$request_method != POST) {
        return 405;
    }
    default_type application/json;
    include $d/nginx/headers.conf;
    return 200 '$answer';
}
CONF
  echo '{ "mlflow_api": "/models-app/api/mlflow-flaky" }' > "$d/e2e-sub-config.json"
  cat > "$d/nginx-sub/locations.d/flaky.conf" <<CONF
location /models-app/api/mlflow-flaky/ {
    proxy_pass http://127.0.0.1:$FLAKY_PORT/api/;
    proxy_set_header Host 127.0.0.1:$MLFLOW_PORT;
    proxy_connect_timeout 2s;
}
CONF
}
# 51 models: two pages of 25 and one more.
TEST_MLFLOW_PORT="${ENGINES_MLFLOW_PORT:-5171}" TEST_WEB_PORT="${ENGINES_WEB_PORT:-8281}" \
  TEST_SERVERS_HOOK=engines_servers start_test_servers "$MLFLOW_VERSION" "$dir" --bulk-models 30

export BASE_URL="http://127.0.0.1:$WEB_PORT" MLFLOW_URL="http://127.0.0.1:$MLFLOW_PORT" FLAKY_PORT \
  SEED_MANIFEST="$dir/mlflow-test/manifest.json" SUBPATH_URL="http://127.0.0.1:$SUB_PORT/models-app" \
  ACCESS_LOG="$dir/nginx/access.log"
status=0
: > "$dir/results.log"
for e in "${engines[@]}"; do
  case "$e" in
    firefox)
      log "engine: Firefox ESR (WebDriver BiDi, puppeteer-core)"
      node tests/engines/firefox.mjs 2>&1 | tee -a "$dir/results.log" || status=1
      ;;
    webkit)
      log "engine: WebKitGTK MiniBrowser (WebDriver, selenium-webdriver, under Xvfb)"
      WEBDRIVER_PORT=$(pick_port 4471)
      start_bg "$dir/webkitwebdriver.log" xvfb-run -a -s "-screen 0 1280x1024x24" \
        WebKitWebDriver --port="$WEBDRIVER_PORT" >/dev/null
      wait_http "http://127.0.0.1:$WEBDRIVER_PORT/status" 30 "WebKitWebDriver" "$dir/webkitwebdriver.log"
      WEBDRIVER_URL="http://127.0.0.1:$WEBDRIVER_PORT" node tests/engines/webkit.mjs 2>&1 \
        | tee -a "$dir/results.log" || status=1
      ;;
  esac
done
stop_servers
exit "$status"
