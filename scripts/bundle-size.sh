#!/usr/bin/env bash
# Prints the release bundle's sizes (raw and gzip -9) from dist/: what a cold
# load of the standalone page fetches (models.js, the hosts' copy of the
# loader, is left out).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT/dist"
printf '%-8s %10s %10s  %s\n' kind raw gzip file
total_raw=0; total_gz=0
for f in *.wasm *.js *.css index.html; do
  [ -f "$f" ] && [ "$f" != models.js ] || continue
  raw=$(stat -c %s "$f"); gz=$(gzip -9 -c "$f" | wc -c)
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
  printf '%-8s %10d %10d  %s\n' "${f##*.}" "$raw" "$gz" "$f"
done
printf '%-8s %10d %10d\n' total "$total_raw" "$total_gz"
