"""Check the curated data: ``python -m components.check [DATA_DIR]``.

Prints every problem as ``file:row:column: problem`` and exits 1 when there is any;
otherwise prints a one-line summary and exits 0.
"""

from __future__ import annotations

import sys
from pathlib import Path

from components import data


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    data_dir = Path(args[0]) if args else data.DATA_DIR
    pkg, errors = data.check_package(data_dir)
    for err in errors:
        print(err)
    if errors:
        print(f"{data.count(errors):,} problem(s) found.", file=sys.stderr)
        return 1
    assert pkg is not None
    rows = sum(len(t) for t in pkg.tables.values())
    cited = {s for t in pkg.tables.values() if "quote_vi" in t for s in t["source_id"]}
    unchecked = sorted(s for s in cited if s not in pkg.source_texts)
    note = f"; quotes not checked for {', '.join(unchecked)} (source text not on this machine)" if unchecked else ""
    print(f"OK: {len(pkg.tables)} tables, {rows} rows{note}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
