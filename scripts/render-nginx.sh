#!/usr/bin/env bash
# render-nginx.sh OUT LISTEN DIST CONFIG_JSON MLFLOW_UPSTREAM PREFIX
# Writes a ready nginx config from deploy/nginx/models.conf.template, then
# run it with `nginx -p PREFIX -c OUT`. It serves the app under BASE_PATH and
# proxies MLflow under it: BASE_PATH/api/mlflow/ (MLflow's /api/, GET only;
# the app's mlflow_api) and BASE_PATH/api/mlflow-root/ (MLflow's three model
# file routes, GET only; the app's mlflow_root).
#
#   OUT              the config file to write
#   LISTEN           address:port, e.g. 127.0.0.1:8080 or 80
#   DIST             the release build folder (absolute)
#   CONFIG_JSON      the app's config.json (absolute)
#   MLFLOW_UPSTREAM  MLflow's base URL, e.g. http://mlflow.internal:5000
#   PREFIX           folder for pid, logs, temp files and the snippets
#
# Optional, from the environment:
#   BASE_PATH        serve the app under a sub-path, e.g. /models-app (default: /)
#   MLFLOW_TOKEN     sent to MLflow as "Authorization: Bearer <token>"
#   MLFLOW_USERNAME, MLFLOW_PASSWORD
#                    sent as HTTP basic auth instead
#   MLFLOW_HOST      the Host header MLflow expects (default: the upstream's)
#   MLFLOW_WORKSPACE the MLflow workspace (3.x, --enable-workspaces) this site
#                    browses: sent as X-MLFLOW-WORKSPACE on every request to
#                    MLflow, and named to the app in config.json's answer
#                    (its X-MLFLOW-WORKSPACE header). Without it none is sent
#                    (MLflow's default workspace). Either way the browser's
#                    own X-MLFLOW-WORKSPACE never reaches MLflow.
#   CONNECT_SRC      extra origins the page may call (CSP connect-src),
#                    e.g. "https://console.example.com"
#   FRAME_ANCESTORS  who may frame the page (CSP), default 'self'
# The credentials and the workspace go into PREFIX/mlflow-auth.conf (mode
# 600), included wherever MLflow is proxied; the browser never sees the
# credentials.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
[ $# -eq 6 ] || { sed -n '2,33p' "$0" >&2; exit 2; }
out="$1" listen="$2" dist="$3" config_json="$4" upstream="${5%/}" prefix="$6"
host="${MLFLOW_HOST:-${upstream#*://}}"; host="${host%%/*}"
base="${BASE_PATH:-}"; base="${base%/}"
case "$base" in ""|/*) ;; *) echo "BASE_PATH must start with /" >&2; exit 2 ;; esac
case "$base" in *[!A-Za-z0-9/_.~-]*) echo "BASE_PATH may hold only letters, digits and / _ . ~ -" >&2; exit 2 ;; esac
# Written as nginx normalizes paths: the MLflow file routes are matched on the
# path as sent, and must also fall under the location nginx picks.
case "$base/" in *//* | */./* | */../*) echo "BASE_PATH must not hold //, /./ or /../" >&2; exit 2 ;; esac
mkdir -p "$prefix/tmp" "$prefix/locations.d" "$prefix/servers.d"

# Credentials for MLflow.
auth="$prefix/mlflow-auth.conf"
( umask 077; : > "$auth" )
if [ -n "${MLFLOW_TOKEN:-}" ]; then
  case "$MLFLOW_TOKEN" in *[!A-Za-z0-9._~+/=-]*) echo "MLFLOW_TOKEN holds characters a bearer token cannot" >&2; exit 2 ;; esac
  echo "proxy_set_header Authorization \"Bearer $MLFLOW_TOKEN\";" > "$auth"
elif [ -n "${MLFLOW_USERNAME:-}" ]; then
  basic=$(printf '%s:%s' "$MLFLOW_USERNAME" "${MLFLOW_PASSWORD:-}" | base64 -w0)
  echo "proxy_set_header Authorization \"Basic $basic\";" > "$auth"
else
  echo 'proxy_set_header Authorization "";' > "$auth"
fi
# The workspace is the proxy's to choose, never the page's: set, or emptied
# (nginx then sends none), so the browser's header is always replaced; nginx
# drops X_MLFLOW_WORKSPACE (underscores) by itself. MLflow's name rule.
workspace="${MLFLOW_WORKSPACE:-}"
if [ -n "$workspace" ]; then
  [[ "$workspace" =~ ^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])$ ]] \
    || { echo "MLFLOW_WORKSPACE must be 2-63 lowercase letters, digits and inner hyphens (MLflow's workspace names)" >&2; exit 2; }
fi
{
  echo "proxy_set_header X-MLFLOW-WORKSPACE \"$workspace\";"
  # MLflow's basic-auth app asks for credentials with a Basic challenge when
  # it refuses the proxy's: the browser would then ask the user for MLflow
  # credentials, which the proxy replaces anyway.
  echo "proxy_hide_header WWW-Authenticate;"
} >> "$auth"
# The app learns the workspace it browses from config.json's answer.
if [ -n "$workspace" ]; then
  echo "add_header X-MLFLOW-WORKSPACE \"$workspace\" always;" > "$prefix/workspace.conf"
else
  : > "$prefix/workspace.conf"
fi

# Security headers: headers.conf for documents (the page, a host page),
# asset-headers.conf for the files a page loads.
connect="'self'${CONNECT_SRC:+ $CONNECT_SRC}"
frames="${FRAME_ANCESTORS:-'self'}"
case "$connect$frames" in *[\"\;]*) echo "CONNECT_SRC/FRAME_ANCESTORS must not hold \" or ;" >&2; exit 2 ;; esac
cat > "$prefix/headers.conf" <<CONF
add_header Content-Security-Policy "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src $connect; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors $frames" always;
add_header X-Content-Type-Options "nosniff" always;
add_header Referrer-Policy "no-referrer" always;
add_header Cross-Origin-Opener-Policy "same-origin" always;
add_header Permissions-Policy "camera=(), microphone=(), geolocation=()" always;
CONF
# Files that are not documents (scripts, wasm, styles, JSON): what applies to
# them. The page's policies (CSP, COOP, Permissions-Policy) act on documents
# only; repeated on each of a cold load's dozen files they were ~5 KB of its
# transfer (issue 26).
cat > "$prefix/asset-headers.conf" <<CONF
add_header X-Content-Type-Options "nosniff" always;
add_header Referrer-Policy "no-referrer" always;
CONF

mime=/etc/nginx/mime.types
brotli_so=/usr/lib/nginx/modules/ngx_http_brotli_static_module.so
load_brotli="" brotli_static=""
if [ -f "$brotli_so" ]; then
  load_brotli="load_module $brotli_so;"
  brotli_static="brotli_static on;"
fi
sed -e "s|@LISTEN@|$listen|g" -e "s|@DIST@|$dist|g" -e "s|@CONFIG_JSON@|$config_json|g" \
    -e "s|@MLFLOW_UPSTREAM@|$upstream|g" -e "s|@MLFLOW_HOST@|$host|g" \
    -e "s|@BASE_PATH@|$base|g" \
    -e "s|@PREFIX@|$prefix|g" -e "s|@MIME_TYPES@|$mime|g" \
    -e "s|@LOAD_BROTLI@|$load_brotli|g" -e "s|@BROTLI_STATIC@|$brotli_static|g" \
    "$ROOT/deploy/nginx/models.conf.template" > "$out"
