#!/usr/bin/env bash
# Prints the release bundle's sizes from dist/: raw, gzip -9 and brotli -q 11
# (the .gz/.br copies nginx sends). What a cold load of the standalone page
# fetches; models.js, the hosts' copy of the loader, is left out.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
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
