#!/bin/sh
# Trunk post_build hook: ship stylers' component CSS, and for the dev command
# (MODELS_DEV_CONFIG set) its configuration and the demo deployments list.
set -eu
cp target/stylers.css "$TRUNK_STAGING_DIR/stylers.css"
if [ -n "${MODELS_DEV_CONFIG:-}" ]; then
  cp "$MODELS_DEV_CONFIG" "$TRUNK_STAGING_DIR/config.json"
  cp scripts/demo/deployments.json "$TRUNK_STAGING_DIR/demo-deployments.json"
fi
