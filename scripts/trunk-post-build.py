#!/usr/bin/env python3
"""Trunk post_build hook (runs in the staging folder before dist/ is replaced).

* Splits the wasm at the app's split points (src/routes.rs): Trunk's own
  wasm-bindgen output is replaced by wasm-split's main module through
  wasm-bindgen (models-app-<hash>.js and _bg.wasm), the page modules
  (<name>-<hash>.wasm) and their loader (models-split-<hash>.js).
* Ships stylers' component CSS content-hashed (stylers-<hash>.css).
* Replaces Trunk's inline module loader by files, so the page runs under a
  Content-Security-Policy without 'unsafe-inline':
    models-<hash>.js  the loader index.html uses (cached for a year);
    models.js         the same module under a stable name, for host pages
                      (`import { mount, openDeployDialog } from '.../models.js'`).
  Both load the styles and the wasm relative to themselves, so one build
  serves at / and under any sub-path.
* Release builds: writes .gz and .br beside the compressible files (nginx
  gzip_static, brotli_static).
* Dev command (MODELS_DEV_CONFIG set): its config.json and demo deployments.
"""
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from split_modules import page_module_files

staging = os.environ["TRUNK_STAGING_DIR"]
release = os.environ.get("TRUNK_PROFILE") == "release"


def short_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def write_hashed(stem: str, ext: str, data: bytes) -> str:
    name = f"{stem}-{short_hash(data)}.{ext}"
    with open(os.path.join(staging, name), "wb") as f:
        f.write(data)
    return name


index_path = os.path.join(staging, "index.html")
with open(index_path, encoding="utf-8") as f:
    html = f.read()

# 1. stylers' CSS, hashed.
with open("target/stylers.css", "rb") as f:
    stylers = write_hashed("stylers", "css", f.read())
html = html.replace('href="stylers.css"', f'href="{stylers}"')

# 2. The loader. Trunk's inline script names the glue JS and the wasm.
match = re.search(r'<script type="module">(.*?)</script>', html, re.S)
if not match:
    sys.exit("trunk-post-build: Trunk's inline module loader was not found in index.html")
js = re.search(r"from '([^']+\.js)'", match.group(1))
wasm = re.search(r"module_or_path: '([^']+\.wasm)'", match.group(1))
if not js or not wasm:
    sys.exit("trunk-post-build: cannot read the JS and wasm names from Trunk's loader")
glue, wasm_file = (os.path.basename(js.group(1)), os.path.basename(wasm.group(1)))


def tool(name: str) -> str:
    """A build tool where scripts/setup.sh installs it (npm's bin folder,
    cargo's), else from PATH."""
    here = os.path.join(os.getcwd(), "node_modules", ".bin") + os.pathsep + os.path.expanduser("~/.cargo/bin")
    found = shutil.which(name, path=here) or shutil.which(name)
    if not found:
        sys.exit(f"trunk-post-build: {name} is not installed: run scripts/setup.sh")
    return found


def wasm_opt() -> str:
    """binaryen's wasm-opt at the version Trunk.toml pins."""
    with open("Trunk.toml", encoding="utf-8") as f:
        pinned = re.search(r'wasm_opt = "version_(\d+)"', f.read())
    path = tool("wasm-opt")
    version = subprocess.run([path, "--version"], capture_output=True, text=True).stdout
    if pinned and f"version {pinned.group(1)}" not in version:
        sys.exit(f"trunk-post-build: {path} is {version.strip()!r}, Trunk.toml pins version {pinned.group(1)}: run scripts/setup.sh")
    return path


def minify_js(text: str, what: str) -> str:
    """`text` minified by esbuild (from npm). Both files it minifies are on
    every cold load: wasm-bindgen's glue went 8,928 -> 6,975 B brotli, our
    loader (its comments and src/loader/early.js) ~3,700 -> 2,284. Export
    names and the import object's keys are kept (esbuild renames locals
    only). Errors only: the glue's import object repeats a key, which
    esbuild warns about and keeps as written (the last one wins, as
    before)."""
    done = subprocess.run([tool("esbuild"), "--minify", "--format=esm", "--loader=js", "--log-level=error"],
                          input=text, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"trunk-post-build: esbuild failed on {what}:\n{done.stderr}")
    return done.stdout


def split_wasm(glue: str, wasm_file: str) -> tuple[str, str, str, dict]:
    """Replaces Trunk's glue and wasm by the split build; returns the new
    glue, main wasm and loader names, and each page module's files."""
    profile = "release" if release else "debug"
    target_dir = os.environ.get("CARGO_TARGET_DIR", "target")
    raw = os.path.join(target_dir, "wasm32-unknown-unknown", profile, "primehub-models.wasm")
    if not os.path.isfile(raw):
        sys.exit(f"trunk-post-build: {raw} is missing (the cargo build Trunk ran)")
    with tempfile.TemporaryDirectory() as work:
        # The main module still needs wasm-bindgen; the split modules import
        # what they share from it (memory, table, functions).
        subprocess.run([tool("wasm-split-cli"), raw, work, "--out-name", "app"], check=True)
        subprocess.run(
            [tool("wasm-bindgen"), "--target", "web", "--keep-lld-exports", "--no-typescript",
             "--out-name", "app", "--out-dir", os.path.join(work, "bg"), os.path.join(work, "app.wasm")],
            check=True,
        )
        modules = sorted(f for f in os.listdir(work) if f.endswith(".wasm") and f != "app.wasm")
        wasm_paths = [os.path.join(work, "bg", "app_bg.wasm")] + [os.path.join(work, m) for m in modules]
        if release:
            opt = [wasm_opt(), "-Oz", "--enable-bulk-memory", "--enable-nontrapping-float-to-int",
                   "--enable-sign-ext", "--enable-mutable-globals", "--enable-reference-types",
                   "--enable-multivalue"]
            for path in wasm_paths:
                # wasm-opt warns about name subsections it does not know
                # (wasm-split writes them); shown only when it fails.
                done = subprocess.run(opt + [path, "-o", path], capture_output=True, text=True)
                if done.returncode != 0:
                    sys.exit(f"trunk-post-build: wasm-opt failed on {path}:\n{done.stderr}")
        with open(os.path.join(work, "__wasm_split.js"), encoding="utf-8") as f:
            loader_js = f.read()
        # The page modules, content-hashed (nginx caches hashed names a year).
        for m in modules:
            with open(os.path.join(work, m), "rb") as f:
                data = f.read()
            hashed = write_hashed(m[: -len(".wasm")].replace("_", "-"), "wasm", data)
            if f'"./{m}"' not in loader_js:
                sys.exit(f"trunk-post-build: wasm-split's loader does not name {m}")
            loader_js = loader_js.replace(f'"./{m}"', f'"./{hashed}"')
        with open(os.path.join(work, "bg", "app.js"), encoding="utf-8") as f:
            glue_js = f.read()
        with open(wasm_paths[0], "rb") as f:
            main_wasm = f.read()
        # One hash for the glue, its wasm and the split loader: each names
        # another, so none can be named by its own content alone.
        digest = short_hash(main_wasm + glue_js.encode() + loader_js.encode())
        new_glue, new_wasm, new_loader = (f"models-app-{digest}.js", f"models-app-{digest}_bg.wasm",
                                          f"models-split-{digest}.js")
        if 'from "./app.js"' not in loader_js or 'from "./__wasm_split.js"' not in glue_js:
            sys.exit("trunk-post-build: unexpected imports in wasm-split's or wasm-bindgen's output")
        try:
            page_files = page_module_files(loader_js)
        except ValueError as e:
            sys.exit(f"trunk-post-build: {e}")
        # wasm-split's loader stays as written (895 B brotli; minified 601):
        # scripts/first-load.py reads its module names (split_modules.py).
        loader_js = loader_js.replace('from "./app.js"', f'from "./{new_glue}"')
        glue_js = minify_js(glue_js.replace('from "./__wasm_split.js"', f'from "./{new_loader}"'), "wasm-bindgen's glue")
        for name, data in ((new_glue, glue_js.encode()), (new_wasm, main_wasm), (new_loader, loader_js.encode())):
            with open(os.path.join(staging, name), "wb") as f:
                f.write(data)
    for old in (glue, wasm_file):
        os.remove(os.path.join(staging, old))
    return new_glue, new_wasm, new_loader, page_files


glue, wasm_file, split_loader, page_files = split_wasm(glue, wasm_file)
# Trunk's preload hints name its own (replaced) files.
html = re.sub(r'<link rel="modulepreload"[^>]*>', "", html)
html = re.sub(r'<link rel="preload" href="[^"]*\.wasm"[^>]*>', "", html)
hints = "".join(f'<link rel="modulepreload" href="./{js}" crossorigin="anonymous">' for js in (glue, split_loader))
hints += f'<link rel="preload" href="./{wasm_file}" crossorigin="anonymous" as="fetch" type="application/wasm">'
# First after <base> (which the relative names need): with HTTP/1.1's six
# connections per host, the seventh file the page asks for at once waits a
# round trip for a free one, and that must not be the shell (README: "Where
# a cold load spends its time").
html, placed = re.subn(r'(<base [^>]*>)', lambda m: m.group(1) + "\n    " + hints, html, count=1)
if not placed:
    sys.exit("trunk-post-build: index.html has no <base>")
styles = [os.path.basename(h) for h in re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)]
with open("src/loader/early.js", encoding="utf-8") as f:
    early_js = re.sub(r"^export ", "", f.read(), flags=re.M)
loader = f"""// Loads the Models app: styles, then the wasm, relative to this file.
// Generated by scripts/trunk-post-build.py.
const here = (file) => new URL(file, import.meta.url).href;
const STYLES = {json.dumps(styles)};
// Imported, not awaited here: the standalone page first starts its page's
// requests and modules (below), without waiting for the glue's download.
const glue = import({json.dumps('./' + glue)});
let started = null;

// Each page module's wasm files (its own, then the chunks it shares).
const PAGE_FILES = {json.dumps(page_files)};

// The module of the page the address shows, read from the end of its path
// once the base path is taken off: routes::Page::for_path's guess, which
// the shell makes too, but only once it has started.
function pageModule(path, base) {{
  if (base && (path === base || path.startsWith(base + '/'))) path = path.slice(base.length);
  const s = path.split('/').filter(Boolean).reverse();
  if (s.length === 0 || s[0] === 'models') return 'model_list';
  if (s[0] === 'compare' && s[2] === 'models') return 'model_pages';
  if (s[1] === 'versions' && s[3] === 'models') return 'model_pages';
  if (s[1] === 'models') return 'model_pages';
  if ((s[0] === 'create' && s[1] === 'deployments') || (s[0] === 'edit' && s[2] === 'deployments')
      || s[1] === 'deployments') return 'deployments';
  return null;
}}

// The standalone page asks for its page's modules early, beside the shell:
// the split loader's fetch of each is then answered by this request.
function preloadPage() {{
  const base = new URL(document.baseURI).pathname.replace(/\\/+$/, '');
  for (const file of PAGE_FILES[pageModule(location.pathname, base)] ?? []) {{
    const link = document.createElement('link');
    link.rel = 'preload';
    link.as = 'fetch';
    link.type = 'application/wasm';
    link.crossOrigin = 'anonymous';
    link.href = here(file);
    document.head.append(link);
  }}
}}

// src/loader/early.js: the address's first MLflow requests.
{early_js}

function start() {{
  if (!started) {{
    const have = new Set([...document.querySelectorAll('link[rel=stylesheet]')].map((l) => l.href));
    for (const file of STYLES) {{
      if (have.has(here(file))) continue;
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = here(file);
      document.head.append(link);
    }}
    started = glue.then((app) => app.default({{ module_or_path: here('{wasm_file}') }}).then(() => app));
  }}
  return started;
}}

/** Renders the app inside `element`; resolves to a handle with `unmount()`. */
export async function mount(element, config) {{
  const app = await start();
  return app.mount(element, config);
}}

const popups = new WeakMap();

/** Shows only the Deploy Model dialog for `{{name, version}}` inside `element`
 *  (replacing one opened there before); resolves to a handle with `unmount()`. */
export async function openDeployDialog(element, model, config) {{
  const app = await start();
  const previous = popups.get(element);
  if (previous) previous.unmount();
  const handle = app.open_deploy_dialog(element, model, config);
  popups.set(element, handle);
  return handle;
}}

// The standalone page (index.html) marks its body; hosts mount explicitly.
if (document.body && document.body.hasAttribute('data-models-standalone')) {{
  // The page's modules once its MLflow requests are on their way: those
  // take MLflow a while, the modules come from the same static server.
  const take = startFirstRequests(document, location, window.PRIMEHUB_MODELS_CONFIG, preloadPage);
  start().then((app) => app.boot(take));
}}
"""
loader = minify_js(loader, "the loader").encode()
hashed_loader = write_hashed("models", "js", loader)
with open(os.path.join(staging, "models.js"), "wb") as f:
    f.write(loader)
html = html.replace(match.group(0), f'<script type="module" src="{hashed_loader}"></script>')
# The loader first of all: it starts the page's first MLflow requests and
# its modules, and as the seventh file the page asked for it waited for a
# free connection (asked at ~60 ms, sent at ~130).
html = html.replace(hints, f'<link rel="modulepreload" href="./{hashed_loader}" crossorigin="anonymous">' + hints, 1)
with open(index_path, "w", encoding="utf-8") as f:
    f.write(html)

# 3. Dev command: its configuration and the demo deployments.
dev_config = os.environ.get("MODELS_DEV_CONFIG")
if dev_config:
    shutil.copy(dev_config, os.path.join(staging, "config.json"))
    shutil.copy("scripts/demo/deployments.json", os.path.join(staging, "demo-deployments.json"))

# 4. Release: precompressed copies for nginx (gzip_static, brotli_static).
if release:
    have_brotli = shutil.which("brotli") is not None
    for name in os.listdir(staging):
        if name.endswith((".js", ".wasm", ".css", ".svg")):
            path = os.path.join(staging, name)
            with open(path, "rb") as src, open(path + ".gz", "wb") as out:
                out.write(gzip.compress(src.read(), 9, mtime=0))
            if have_brotli:
                subprocess.run(["brotli", "-q", "11", "-f", "-o", path + ".br", path], check=True)
