"""Which wasm files each page module loads, read from wasm-split's loader
(models-split-*.js, as wasm-split-cli writes it, before any renaming of
locals). Used by scripts/trunk-post-build.py (the standalone loader's
preload list) and scripts/first-load.py (what a cold load fetches)."""
import re


def page_module_files(loader_js: str) -> dict:
    """Per page module (model_list, model_pages, deployments), the wasm files
    its load fetches: its own first, then the shared chunks it waits for, in
    the loader's order. Raises ValueError when the loader does not read as
    expected (a new wasm-split, a missing page module)."""
    chunks = dict(re.findall(r'const (__chunk_\d+) = makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\./([^"]+)"', loader_js))
    modules = {}
    for name, own, deps in re.findall(
            r'export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\./([^"]+)".*?, \[([^\]]*)\]\)\);',
            loader_js, re.S):
        deps = [d.strip() for d in deps.split(",") if d.strip()]
        if any(d not in chunks for d in deps):
            raise ValueError(f"cannot read the chunks of {name} in wasm-split's loader")
        modules[name] = [own] + [chunks[d] for d in deps]
    if not {"model_list", "model_pages", "deployments"} <= modules.keys():
        raise ValueError(f"wasm-split's loader names the modules {sorted(modules)}")
    return modules
