#!/usr/bin/env bash
# Installs what the build, the dev server and the tests need, and only what is
# missing: safe to run again (a second run does nothing).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

apt_missing=()
command -v chromium >/dev/null || apt_missing+=(chromium)
command -v chromedriver >/dev/null || apt_missing+=(chromium-driver)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || apt_missing+=(nginx)
command -v curl >/dev/null || apt_missing+=(curl)
command -v python3 >/dev/null || apt_missing+=(python3)
# Brotli: the build writes .br copies, nginx serves them (brotli_static).
command -v brotli >/dev/null || apt_missing+=(brotli)
[ -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || apt_missing+=(libnginx-mod-http-brotli-static)
# The other two engines (scripts/engines.sh): Firefox ESR, and WebKitGTK's
# WebDriver with its MiniBrowser, which runs under Xvfb (xvfb-run needs xauth).
command -v firefox-esr >/dev/null || apt_missing+=(firefox-esr)
command -v WebKitWebDriver >/dev/null || apt_missing+=(webkit2gtk-driver)
command -v xvfb-run >/dev/null || apt_missing+=(xvfb)
command -v xauth >/dev/null || apt_missing+=(xauth)
if [ "${#apt_missing[@]}" -gt 0 ]; then
  log "apt: installing ${apt_missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${apt_missing[@]}" >/dev/null
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "rustup: adding wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
for comp in clippy rustfmt; do
  rustup component list --installed | grep -q "^$comp" || rustup component add "$comp"
done

if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION"; then
  log "cargo: installing trunk $TRUNK_VERSION (takes 10-17 minutes on 2 cores)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

# wasm-bindgen's CLI must match the library version in Cargo.lock exactly.
wbg_version=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/[^0-9.]/, ""); print; exit}' Cargo.lock)
[ -n "$wbg_version" ] || die "no wasm-bindgen in Cargo.lock"
if ! wasm-bindgen --version 2>/dev/null | grep -q " $wbg_version" \
   || ! command -v wasm-bindgen-test-runner >/dev/null; then
  log "cargo: installing wasm-bindgen-cli $wbg_version"
  cargo install wasm-bindgen-cli --version "=$wbg_version"
fi

# wasm-split: cuts the release wasm into the shell and one module per page
# (scripts/trunk-post-build.py). Its format must match the wasm_split_helpers
# that leptos brings (0.2.x, see Cargo.lock).
if ! wasm-split-cli --help >/dev/null 2>&1 || [ "$(cat "$HOME/.cargo/.wasm-split-version" 2>/dev/null)" != "$WASM_SPLIT_VERSION" ]; then
  log "cargo: installing wasm-split-cli (wasm_split_cli_support $WASM_SPLIT_VERSION, about 2 minutes)"
  cargo install --locked --quiet wasm_split_cli_support --version "=$WASM_SPLIT_VERSION" --features build-binary
  echo "$WASM_SPLIT_VERSION" > "$HOME/.cargo/.wasm-split-version"
fi

# npm: wasm-opt (binaryen), esbuild (minifies the loader), Playwright,
# puppeteer-core and selenium-webdriver,
# from the lockfile, never a browser download.
stamp="node_modules/.lock-sha"
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  log "npm: installing tools from package-lock.json"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi

# MLflow: the release the dev server runs, or with --all-releases every
# release the tests run against, and the newest with its basic-auth app
# (installed side by side, in parallel).
releases=("${MLFLOW_RELEASE:-$MLFLOW_VERSION}")
[ "${1:-}" = "--all-releases" ] && releases=("${MLFLOW_RELEASES[@]}" "$AUTH_RELEASE")
pids=()
for release in "${releases[@]}"; do
  install_mlflow "$release" & pids+=("$!")
done
for pid in "${pids[@]}"; do wait "$pid" || die "installing MLflow failed"; done
log "setup complete"
