#!/usr/bin/env python3
"""What the release wasm is made of, from `twiggy top --format csv`.

Reads the CSV twiggy wrote for a wasm that kept its function names and
prints three tables:

* by section: code, data (string literals, tables, vtables, panic
  locations), the rest;
* by crate: the code of each crate, named after the path the function is
  defined under. Generic code instantiated for our types counts under the
  crate that defines it (a `tachys` render closure built for one of our
  views is `tachys`), so the "by family" table says how many copies exist;
* by family: functions with their hash and generic arguments removed, so
  every instance of one generic function adds up to one line, with the
  number of instances.

Usage: wasm-size.py TOP.csv [ROWS]
"""

import collections
import csv
import re
import sys


def strip_generics(name: str) -> str:
    """`a::B<x<y>>::c::h0123` -> `a::B<>::c` (the `>` of `->` is no bracket)."""
    name = re.sub(r"::h[0-9a-f]{16}$", "", name)
    out, depth, prev = [], 0, ""
    for ch in name:
        arrow = ch == ">" and prev == "-"
        prev = ch
        if ch == "<":
            if depth == 0:
                out.append("<")
            depth += 1
        elif ch == ">" and depth > 0 and not arrow:
            depth -= 1
            if depth == 0:
                out.append(">")
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def crate_of(name: str) -> str:
    """The crate a function is defined in, from its demangled path."""
    n = re.sub(r"^(<|&|\*|mut |dyn |const )+", "", name)
    # `<impl Trait for T>` paths start with the defining crate as well.
    m = re.match(r"([A-Za-z_][A-Za-z0-9_]*)", n)
    if not m:
        return "(other)"
    crate = m.group(1)
    if crate in ("T", "F", "A", "B", "I", "Fut", "Fun", "Ty", "V", "K", "Match", "Children"):
        return "(generic impl: the instantiating crate)"
    return crate


def main() -> None:
    path = sys.argv[1]
    rows_wanted = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    sections = collections.Counter()
    crates = collections.Counter()
    families = collections.Counter()
    instances = collections.Counter()
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            name, size = row["Name"], int(row["ShallowSize"])
            if name.startswith('"'):
                # The name section's subsections: wasm-opt drops them.
                sections["function and other names (not shipped)"] += size
                continue
            if name.startswith("custom section") or name.endswith("section headers") or name == "wasm magic bytes":
                sections["custom sections, headers"] += size
                continue
            if name.startswith(("data segment", "data[", "elem[")):
                sections["data (literals, tables, vtables, panic locations)"] += size
                continue
            if name.startswith(("import ", "export ", "type[", "table[", "memory[", "global[")):
                sections["imports, exports, types"] += size
                continue
            sections["code"] += size
            crates[crate_of(name)] += size
            family = strip_generics(name)
            families[family] += size
            instances[family] += 1

    shipped = sum(v for k, v in sections.items() if "not shipped" not in k)
    code = sections["code"] or 1
    print(f"wasm without names: {shipped:,} bytes (before compression)\n")
    print("## By section")
    for k, v in sections.most_common():
        print(f"{v:>10,}  {k}")
    print("\n## Code by crate (defining crate)")
    for k, v in crates.most_common(rows_wanted):
        print(f"{v:>10,}  {100 * v / code:5.1f}%  {k}")
    print("\n## Code by function family (generic arguments removed; n = instances)")
    for k, v in families.most_common(rows_wanted):
        print(f"{v:>10,}  {instances[k]:>4}  {k[:140]}")


if __name__ == "__main__":
    main()
