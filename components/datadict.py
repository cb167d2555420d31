"""The human data dictionary, written from the one schema: ``python -m components.datadict``.

``data/README.md`` is generated from ``data/datapackage.json``; a test fails when the committed
file differs from a fresh render, so the two cannot drift apart.
"""

from __future__ import annotations

import json
import sys

from components.data import DATA_DIR, DESCRIPTOR

INTRO = """\
# Data dictionary

Curated, bilingual extracts of the **Lạng Sơn provincial plan 2021–2030, vision 2050**, as adjusted by
Decision 339/QĐ-UBND of 28 February 2026 (the primary source, stored in `sources/qd339_2026.txt`), with the
2024 figures that news articles report where the adjustment changed them.

*This file is generated from `datapackage.json` (`python -m components.datadict`); edit the descriptor, not
this file.* The descriptor is a [Frictionless Data Package](https://specs.frictionlessdata.io/data-package/):
other tools can read the CSVs with their types, keys and references without our code.

## Rules every table follows
- UTF-8 CSV, one row per item, a header row, stable snake_case ids.
- Numbers are raw numbers (dot decimals, no thousands separators). A range is `value_min`–`value_max`;
  an open-ended figure ("at least", "above") leaves `value_max` empty; `qualifier` keeps the plan's wording
  (`exact`, `about`, `at_least`, `above`, `maintain`, `reduce_by`).
- Text comes in pairs: `*_vi` is the plan's Vietnamese, `*_en` our faithful English translation. Columns named
  `summary_*` are our own short headings, not the plan's words.
- Provenance on every row: `source_id` (a row of `sources.csv`), `section` (where in the document) and
  `quote_vi`, a short verbatim extract. Fields marked *verbatim* below are checked word for word against the
  source text.
- Ambiguities and slips in the sources are not silently fixed: they are listed in `data_notes.csv`.

Check everything with `python -m components.check` (prints `file:row:column: problem`, exits non-zero).

## Tables
"""


def render(descriptor: dict) -> str:
    out = [INTRO]
    for res in descriptor["resources"]:
        out.append(f"- [`{res['path']}`](#{res['path'].replace('_', '').replace('.', '')}) — {res['description']}\n")
    for res in descriptor["resources"]:
        schema = res["schema"]
        out.append(f"\n### `{res['path']}`\n\n{res['description']}\n\n")
        key = schema.get("primaryKey")
        if key:
            out.append(f"Key: `{'`, `'.join([key] if isinstance(key, str) else key)}`.\n\n")
        out.append("| column | type | rules | meaning |\n|---|---|---|---|\n")
        refs = {fk["fields"]: fk["reference"] for fk in schema.get("foreignKeys", [])}
        for f in schema["fields"]:
            c = f.get("constraints", {})
            rules = []
            if c.get("required"):
                rules.append("required")
            if c.get("unique"):
                rules.append("unique")
            if "enum" in c:
                rules.append("one of " + ", ".join(f"`{v}`" for v in c["enum"]))
            if "pattern" in c:
                rules.append(f"pattern `{c['pattern']}`".replace("|", "\\|"))
            if f["name"] in refs:
                r = refs[f["name"]]
                rules.append(f"→ `{r['resource']}.{r['fields']}`")
            if f.get("verbatim"):
                rules.append("verbatim")
            out.append(f"| `{f['name']}` | {f['type']} | {'; '.join(rules)} | {f.get('description', '')} |\n")
    return "".join(out)


def main() -> int:
    descriptor = json.loads((DATA_DIR / DESCRIPTOR).read_text(encoding="utf-8"))
    (DATA_DIR / "README.md").write_text(render(descriptor), encoding="utf-8")
    print("wrote data/README.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
