#!/usr/bin/env bash
# Every test, from a fresh machine: format, lint (native and wasm32), native
# tests, browser component tests, release build, e2e through nginx against a
# real seeded MLflow (Chromium, every supported release), one MLflow for many
# groups (workspaces and basic-auth, scripts/e2e-groups.sh), and the smoke
# journeys in Firefox ESR and WebKitGTK. Ends with the bundle sizes.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
started=$(date +%s)

bash scripts/setup.sh --all-releases

log "cargo fmt --check"
cargo fmt --all -- --check

log "clippy (native)"
cargo clippy --all-targets --quiet -- -D warnings
log "clippy (wasm32)"
cargo clippy --all-targets --target wasm32-unknown-unknown --quiet -- -D warnings

mkdir -p "$RUN_DIR"
# count_passed / count_failed LOG: sums over cargo's result lines.
count_passed() { awk '/test result: (ok|FAILED)\./ {for (i = 1; i < NF; i++) if ($(i + 1) ~ /^passed/) s += $i} END {print s + 0}' "$1"; }
count_failed() { awk '/test result: (ok|FAILED)\./ {for (i = 1; i < NF; i++) if ($(i + 1) ~ /^failed/) s += $i} END {print s + 0}' "$1"; }

log "native tests"
cargo test --quiet 2>&1 | tee "$RUN_DIR/native.log"
native=$(count_passed "$RUN_DIR/native.log")

log "browser component tests (wasm-bindgen-test, headless Chromium)"
CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test browser \
  2>&1 | tee "$RUN_DIR/browser.log"
browser=$(count_passed "$RUN_DIR/browser.log")

log "release build"
trunk build --release --quiet

results=()
failed=0
e2e=0
e2e_failed=0
for release in "${MLFLOW_RELEASES[@]}"; do
  bash scripts/e2e.sh "$release" || failed=1
  passed=$(awk '/^ *[0-9]+ passed/ {s += $1} END {print s + 0}' "$RUN_DIR/e2e-$release.log" 2>/dev/null || echo 0)
  broken=$(awk '/^ *[0-9]+ failed/ {s += $1} END {print s + 0}' "$RUN_DIR/e2e-$release.log" 2>/dev/null || echo 0)
  e2e=$((e2e + passed))
  e2e_failed=$((e2e_failed + broken))
  results+=("MLflow $release: $passed passed, $broken failed")
done
bash scripts/e2e-groups.sh || failed=1
passed=$(awk '/^ *[0-9]+ passed/ {s += $1} END {print s + 0}' "$RUN_DIR/e2e-groups.log" 2>/dev/null || echo 0)
broken=$(awk '/^ *[0-9]+ failed/ {s += $1} END {print s + 0}' "$RUN_DIR/e2e-groups.log" 2>/dev/null || echo 0)
e2e=$((e2e + passed))
e2e_failed=$((e2e_failed + broken))
results+=("MLflow $MLFLOW_VERSION, workspaces and basic-auth: $passed passed, $broken failed")
# The smoke journeys in the two other engines (Firefox ESR, WebKitGTK), on
# the newest MLflow; each prints "<engine> <version>: N passed, N failed".
engines_failed=0
rm -f "$RUN_DIR/engines/results.log"
bash scripts/engines.sh || engines_failed=1
engine_lines=$(grep -E '^[a-z-]+ [0-9.]+: [0-9]+ passed, [0-9]+ failed$' "$RUN_DIR/engines/results.log" 2>/dev/null || true)
engines=$(awk '{s += $(NF - 3)} END {print s + 0}' <<<"$engine_lines")
engines_broken=$(awk '{s += $(NF - 1)} END {print s + 0}' <<<"$engine_lines")
# An engine that ended before its line (no browser) counts as a failure.
[ "$engines_failed" = 0 ] || [ "$engines_broken" -gt 0 ] || engines_broken=1
log "e2e per MLflow release:"
printf '    %s\n' "${results[@]}" >&2
log "engines:"
sed 's/^/    /' <<<"${engine_lines:-none ran}" >&2
[ "$failed" = 0 ] || die "e2e tests failed (logs: $RUN_DIR/e2e-*.log)"
[ "$engines_failed" = 0 ] || die "engine journeys failed (log: $RUN_DIR/engines/results.log)"

log "release bundle"
bash scripts/bundle-size.sh
log "native: $native, browser: $browser, e2e: $e2e tests, engines: $engines journeys, in $(( $(date +%s) - started ))s"
failures=$(( $(count_failed "$RUN_DIR/native.log") + $(count_failed "$RUN_DIR/browser.log") + e2e_failed + engines_broken ))
echo "tests: $((native + browser + e2e + engines)) passed, $failures failed"
