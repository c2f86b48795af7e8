#!/usr/bin/env bash
# scripts/e2e-groups.sh [playwright arguments...]: the e2e tests of one MLflow
# for many groups (tests/e2e/groups/), on the release build in dist/:
# MLflow $MLFLOW_VERSION with workspaces and its basic-auth app
# (start_workspace_mlflow, lib.sh), seeded with two workspaces and two users,
# behind the shipped nginx config (render-nginx.sh) as a group's site is set
# up: workspace team-a, the limited user alice's credentials. Beside it:
#   BASE_URL          that site, with the host console (/console/) and the
#                     stand-ins of a console whose session ended
#                     (signed_out_conf, lib.sh)
#   UNKNOWN_WS_URL    the same with a workspace MLflow does not have (team-z)
#   TEAM_B_URL        the same for workspace team-b, where alice may read nothing
#   NO_WS_URL         the same with no workspace set (MLflow's default one)
#   WRONG_CREDS_URL   the same with credentials MLflow does not know
# Every server is stopped at the end, also on failure.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
[ -f dist/index.html ] || die "no release build in dist/: run trunk build --release first"
install_mlflow "$AUTH_RELEASE"
dir="$RUN_DIR/groups"
rm -rf "$dir"; mkdir -p "$dir"

WS_PORT=$(pick_port "${TEST_WS_PORT:-5261}")
start_workspace_mlflow "$WS_PORT" "$dir/mlflow"
alice_pw=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["users"]["alice"])' "$dir/mlflow/manifest.json")

cat > "$dir/config.json" <<JSON
{ "mlflow_api": "/api/mlflow", "mlflow_root": "/api/mlflow-root", "mlflow_ui": "http://127.0.0.1:$WS_PORT",
  "deployments": { "route": "deployments" } }
JSON

# site NAME PORT [VAR=value...]: a group's site as render-nginx.sh makes it,
# onto the workspace MLflow, as alice unless the variables say otherwise.
# Prints the port it listens on.
site() {
  local name="$1" port
  port=$(pick_port "$2"); shift 2
  env MLFLOW_USERNAME=alice MLFLOW_PASSWORD="$alice_pw" MLFLOW_HOST="127.0.0.1:$WS_PORT" MLFLOW_TOKEN="" \
    BASE_PATH="" MLFLOW_WORKSPACE="" "$@" \
    bash scripts/render-nginx.sh "$dir/$name.conf" "127.0.0.1:$port" "$ROOT/dist" "$dir/config.json" \
    "http://127.0.0.1:$WS_PORT" "$dir/$name" >&2
  echo "$port"
}
GROUPS_PORT=$(site team-a "${TEST_GROUPS_PORT:-8381}" MLFLOW_WORKSPACE=team-a)
host_console_conf "$dir/team-a" "http://127.0.0.1:$WS_PORT" "127.0.0.1:$WS_PORT"
signed_out_conf "$dir/team-a" "$GROUPS_PORT"
UNKNOWN_WS_PORT=$(site team-z $((GROUPS_PORT + 1)) MLFLOW_WORKSPACE=team-z)
TEAM_B_PORT=$(site team-b $((UNKNOWN_WS_PORT + 1)) MLFLOW_WORKSPACE=team-b)
NO_WS_PORT=$(site no-workspace $((TEAM_B_PORT + 1)))
WRONG_CREDS_PORT=$(site wrong-creds $((NO_WS_PORT + 1)) MLFLOW_WORKSPACE=team-a MLFLOW_PASSWORD=not-alices)
for name in team-a team-z team-b no-workspace wrong-creds; do
  start_bg "$dir/$name/stdout.log" nginx -p "$dir/$name" -c "$dir/$name.conf" >/dev/null
done
wait_http "http://127.0.0.1:$GROUPS_PORT/index.html" 20 "nginx (team-a)" "$dir/team-a/stdout.log"
wait_http "http://127.0.0.1:$WRONG_CREDS_PORT/index.html" 20 "nginx (wrong credentials)" "$dir/wrong-creds/stdout.log"

log "e2e tests of one MLflow for many groups (Playwright, headless Chromium, through nginx)"
status=0
BASE_URL="http://127.0.0.1:$GROUPS_PORT" MLFLOW_URL="http://127.0.0.1:$WS_PORT" \
  UNKNOWN_WS_URL="http://127.0.0.1:$UNKNOWN_WS_PORT" NO_WS_URL="http://127.0.0.1:$NO_WS_PORT" \
  TEAM_B_URL="http://127.0.0.1:$TEAM_B_PORT" \
  WRONG_CREDS_URL="http://127.0.0.1:$WRONG_CREDS_PORT" \
  GROUPS_MANIFEST="$dir/mlflow/manifest.json" WS_ADMIN_PASSWORD="$WS_ADMIN_PASSWORD" \
  playwright test -c tests/e2e/groups.config.mjs "$@" 2>&1 | tee "$RUN_DIR/e2e-groups.log" || status=1
stop_servers
exit "$status"
