"""Record each table's row count, size and hash in the descriptor: ``python -m components.lock [DATA_DIR]``
(or ``make data-lock``).

Run it after a deliberate edit of a CSV, or after adding one to ``datapackage.json``. The data is
checked first (without the old record) and nothing is written while any problem remains; then every
resource gets Frictionless' ``rows``, ``bytes`` and ``hash`` (``sha256:<hex>``), placed after its
``encoding``, and the descriptor is rewritten in its own layout. The app and ``make check`` compare
every file with this record on load, so a row lost by a spreadsheet or a file cut short never passes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from components import data

KEYS = ("rows", "bytes", "hash")


def _placed(resource: dict, record: dict) -> dict:
    """``resource`` with ``record`` after its ``encoding`` (or its ``path``), other keys in their order."""
    anchor = "encoding" if "encoding" in resource else "path"
    out: dict = {}
    for key, value in resource.items():
        if key in KEYS:
            continue
        out[key] = value
        if key == anchor:
            out.update(record)
    return out


def lock(data_dir: Path = data.DATA_DIR) -> tuple[list[str], list[data.DataError]]:
    """Record the current files; returns the lines describing what changed, or the problems found."""
    pkg, errors = data.check_package(data_dir, lock=False)
    if errors:
        return [], errors
    assert pkg is not None
    dp_path = data_dir / data.DESCRIPTOR
    descriptor = json.loads(dp_path.read_text(encoding="utf-8"))
    changes = []
    resources = []
    for res in descriptor["resources"]:
        record = {"rows": len(pkg[res["name"]]), **data.file_stats(data_dir / res["path"])}
        old = {k: res.get(k) for k in KEYS}
        if old != record:
            was = "new" if old["rows"] is None else f"was {old['rows']} rows"
            changes.append(f"{res['path']}: {record['rows']} rows, {record['bytes']} bytes ({was})")
        resources.append(_placed(res, record))
    descriptor["resources"] = resources
    text = json.dumps(descriptor, indent=1, ensure_ascii=False) + "\n"
    if text != dp_path.read_text(encoding="utf-8"):
        dp_path.write_text(text, encoding="utf-8")
    return changes, []


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    data_dir = Path(args[0]) if args else data.DATA_DIR
    changes, errors = lock(data_dir)
    for err in errors:
        print(err)
    if errors:
        print(f"{data.count(errors):,} problem(s) found; nothing recorded. Fix them, then run this again.", file=sys.stderr)
        return 1
    for line in changes:
        print(line)
    print(f"Recorded in {data.DESCRIPTOR}: " + (f"{len(changes)} table(s) changed." if changes else "nothing changed."))
    return 0


if __name__ == "__main__":
    sys.exit(main())
