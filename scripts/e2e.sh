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
# flaky-upstream set-ups) in front of it (start_test_servers, lib.sh), and
# churn-pyfunc v2 and v3 served by RELEASE's `mlflow models serve`
# (SERVE_MODELS=1; MODEL_SERVE_URLS, {"2": url, "3": url}, tells the tests
# where, for the scoring-protocol requests), the Playwright suite through it;
# every server stopped again. Fails when a test failed.
e2e_on() {
  local release="$1"
  shift
  SERVE_MODELS=1 start_test_servers "$release" "$RUN_DIR" --bulk-models 120 --bulk-versions 230 --big-steps 20000
  log "e2e tests against MLflow $release (Playwright, headless Chromium, through nginx)"
  local status=0
  BASE_URL="http://127.0.0.1:$WEB_PORT" MLFLOW_URL="http://127.0.0.1:$MLFLOW_PORT" FLAKY_PORT="$FLAKY_PORT" \
    SEED_MANIFEST="$RUN_DIR/mlflow-test/manifest.json" SUBPATH_URL="http://127.0.0.1:$SUB_PORT/models-app" \
    E2E_TOKEN="$E2E_TOKEN" UPSTREAM_AUTH_LOG="$RUN_DIR/nginx/upstream-auth.log" MODEL_SERVE_URLS="$MODEL_SERVE_URLS" MODEL_SERVE_PYTHON="$(venv_of "$release")/bin/python" \
    playwright test -c tests/e2e/playwright.config.mjs "$@" 2>&1 | tee "$RUN_DIR/e2e-$release.log" || status=1
  stop_servers
  return "$status"
}

e2e_on "$@"
