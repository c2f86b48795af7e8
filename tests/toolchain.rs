//! The build's pinned tool versions agree with each other.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;

fn read(file: &str) -> String {
    std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(file)).unwrap()
}

#[test]
fn trunk_uses_the_wasm_bindgen_of_cargo_lock() {
    let lock = read("Cargo.lock");
    let mut lines = lock.lines();
    let mut locked = None;
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            locked = lines
                .next()
                .and_then(|v| v.strip_prefix("version = \""))
                .map(|v| v.trim_end_matches('"').to_string());
            break;
        }
    }
    let locked = locked.expect("wasm-bindgen in Cargo.lock");
    let trunk = read("Trunk.toml");
    assert!(
        trunk.contains(&format!("wasm_bindgen = \"{locked}\"")),
        "Trunk.toml [tools] wasm_bindgen must be {locked}"
    );
}
