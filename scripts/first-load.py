#!/usr/bin/env python3
"""What a cold load fetches, per page, from a release build (dist/).

usage: first-load.py [DIST]

The build is split (scripts/trunk-post-build.py): the shell is
models-app-*_bg.wasm; each page module (split-*.wasm) also needs the shared
modules (chunk-*.wasm) that wasm-split made for the code it shares with
other page modules. The split loader (models-split-*.js) names them all;
this reads it and sums the brotli copies (.br) the build wrote, which is
what nginx sends. Prints per page module its files and bytes, then the
cold load of each page: HTML, CSS, the JS index.html loads, the shell and
the page's modules.
"""
import glob
import gzip
import os
import re
import sys

from split_modules import page_module_files

dist = sys.argv[1] if len(sys.argv) > 1 else "dist"


def one(pattern: str) -> str:
    found = glob.glob(os.path.join(dist, pattern))
    if len(found) != 1:
        sys.exit(f"first-load: expected one {pattern} in {dist}, found {len(found)}")
    return os.path.basename(found[0])


def sent(name: str) -> int:
    """Bytes on the wire: the .br copy, else gzip (as nginx would send)."""
    path = os.path.join(dist, name)
    if os.path.exists(path + ".br"):
        return os.path.getsize(path + ".br")
    with open(path, "rb") as f:
        return len(gzip.compress(f.read(), 9))


loader = one("models-split-*.js")
with open(os.path.join(dist, loader), encoding="utf-8") as f:
    js = f.read()
try:
    pages = page_module_files(js)
except ValueError as e:
    sys.exit(f"first-load: {e} ({loader})")

with open(os.path.join(dist, "index.html"), encoding="utf-8") as f:
    html = f.read()
named = re.findall(r'(?:href|src)="\.?/?([^"]+\.(?:css|js))"', html)
css = sum(sent(n) for n in set(named) if n.endswith(".css"))
scripts = sum(sent(n) for n in set(named) if n.endswith(".js"))
page = len(gzip.compress(html.encode(), 9))
shell = one("models-app-*_bg.wasm")

print(f"shell: {shell} {sent(shell):,} B")
print("page modules (with the shared modules each needs):")
cold = {}
for name, (file, *chunks) in sorted(pages.items()):
    files = [file] + sorted(chunks)
    size = sum(sent(f) for f in files)
    cold[name] = page + css + scripts + sent(shell) + size
    print(f"  {name:<12} {size:>9,} B in {len(files)} files ({', '.join(files)})")
print(f"cold load per page (HTML {page:,} + CSS {css:,} + JS {scripts:,} + shell + page modules):")
for name, total in sorted(cold.items()):
    print(f"  {name:<12} {total:>9,} B")
