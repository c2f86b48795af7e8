#!/usr/bin/env bash
# render-nginx.sh OUT LISTEN DIST CONFIG_JSON MLFLOW_UPSTREAM PREFIX
# Writes a ready nginx config from deploy/nginx/models.conf.template.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
out="$1" listen="$2" dist="$3" config_json="$4" upstream="$5" prefix="$6"
host="${upstream#*://}"; host="${host%%/*}"
mkdir -p "$prefix/tmp" "$prefix/locations.d"
mime=/etc/nginx/mime.types
sed -e "s|@LISTEN@|$listen|g" -e "s|@DIST@|$dist|g" -e "s|@CONFIG_JSON@|$config_json|g" \
    -e "s|@MLFLOW_UPSTREAM@|${upstream%/}|g" -e "s|@MLFLOW_HOST@|$host|g" \
    -e "s|@PREFIX@|$prefix|g" -e "s|@MIME_TYPES@|$mime|g" \
    "$ROOT/deploy/nginx/models.conf.template" > "$out"
