//! The build's pinned tool versions agree with each other.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;

fn read(file: &str) -> String {
    std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(file)).unwrap()
}

/// The version Cargo.lock has of `package`.
fn locked(package: &str) -> String {
    let lock = read("Cargo.lock");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == format!("name = \"{package}\"") {
            if let Some(v) = lines.next().and_then(|v| v.strip_prefix("version = \"")) {
                return v.trim_end_matches('"').to_string();
            }
        }
    }
    panic!("{package} is not in Cargo.lock");
}

#[test]
fn trunk_uses_the_wasm_bindgen_of_cargo_lock() {
    let locked = locked("wasm-bindgen");
    let trunk = read("Trunk.toml");
    assert!(
        trunk.contains(&format!("wasm_bindgen = \"{locked}\"")),
        "Trunk.toml [tools] wasm_bindgen must be {locked}"
    );
}

#[test]
fn wasm_split_cli_reads_the_split_points_leptos_writes() {
    // The CLI and the helpers that mark the split points share one format
    // per minor version (0.2.x): setup.sh's pin must have leptos' minor.
    let helpers = locked("wasm_split_helpers");
    let minor = |v: &str| v.split('.').take(2).collect::<Vec<_>>().join(".");
    let lib = read("scripts/lib.sh");
    let pinned = lib
        .lines()
        .find_map(|l| l.strip_prefix("WASM_SPLIT_VERSION=\""))
        .map(|v| v.trim_end_matches('"').to_string())
        .expect("WASM_SPLIT_VERSION in scripts/lib.sh");
    assert_eq!(
        minor(&pinned),
        minor(&helpers),
        "wasm-split-cli {pinned} vs wasm_split_helpers {helpers}"
    );
}
