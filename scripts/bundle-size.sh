#!/usr/bin/env bash
# Prints the release bundle's sizes from dist/: raw, gzip -9 and brotli -q 11
# (the .gz/.br copies nginx sends), every file (models.js, the hosts' copy of
# the loader, left out); then, as the wasm is split into the shell and page
# modules, what a cold load of each page fetches (scripts/first-load.py).
#
#   bash scripts/bundle-size.sh            sizes of dist/
#   bash scripts/bundle-size.sh --top [N]  and what the wasm is made of: the
#       release wasm of the last `trunk build --release` (target/, the whole
#       program before the split), put
#       through wasm-bindgen and `wasm-opt -Oz` like the build, but keeping
#       function names, then `twiggy top` summed by section, by crate and by
#       function family (N rows each, default 25; see scripts/wasm-size.py).
#       Installs twiggy from crates.io the first time (about 2 minutes).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
TWIGGY_VERSION="0.8.0"
top_rows=""
case "${1:-}" in
  "") ;;
  --top) top_rows="${2:-25}"
         [[ "$top_rows" =~ ^[0-9]+$ ]] || { echo "--top takes a number of rows, not '$top_rows'" >&2; exit 2; } ;;
  *) echo "usage: bundle-size.sh [--top [ROWS]]" >&2; exit 2 ;;
esac
cd "$ROOT/dist"
printf '%-6s %10s %10s %10s  %s\n' kind raw gzip brotli file
t_raw=0; t_gz=0; t_br=0
for f in *.wasm *.js *.css *.svg index.html config.json; do
  [ -f "$f" ] && [ "$f" != models.js ] || continue
  raw=$(stat -c %s "$f")
  if [ -f "$f.gz" ]; then gz=$(stat -c %s "$f.gz"); else gz=$(gzip -9 -c "$f" | wc -c); fi
  if [ -f "$f.br" ]; then br=$(stat -c %s "$f.br"); elif command -v brotli >/dev/null; then br=$(brotli -q 11 -c "$f" | wc -c); else br=$gz; fi
  t_raw=$((t_raw + raw)); t_gz=$((t_gz + gz)); t_br=$((t_br + br))
  printf '%-6s %10d %10d %10d  %s\n' "${f##*.}" "$raw" "$gz" "$br" "$f"
done
printf '%-6s %10d %10d %10d\n' total "$t_raw" "$t_gz" "$t_br"
echo
# The wasm is split: what a cold load of each page fetches of all that.
python3 "$ROOT/scripts/first-load.py" "$ROOT/dist"

[ -n "$top_rows" ] || exit 0
wasm="$ROOT/target/wasm32-unknown-unknown/release/primehub-models.wasm"
[ -f "$wasm" ] || { echo "no $wasm: run trunk build --release first" >&2; exit 1; }
if ! twiggy --version 2>/dev/null | grep -q " $TWIGGY_VERSION"; then
  echo "installing twiggy $TWIGGY_VERSION (crates.io)" >&2
  cargo install --locked --quiet twiggy --version "$TWIGGY_VERSION"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
wasm-bindgen --target web --no-typescript --out-dir "$work" "$wasm"
# -g keeps the name section; otherwise the passes the build runs (scripts/trunk-post-build.py).
wasm-opt -Oz -g --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$work/primehub-models_bg.wasm" -o "$work/named.wasm"
twiggy top -n 1000000 --format csv "$work/named.wasm" > "$work/top.csv"
echo
python3 "$ROOT/scripts/wasm-size.py" "$work/top.csv" "$top_rows"
