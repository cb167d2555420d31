"""Bad input: a broken copy of the data gives one exact, readable message per problem.

Each case breaks one thing in a copy of data/ and expects the message that names the file, the
row (line of the CSV; the header is line 1) and the column. Nothing may raise a traceback.
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from components import data


def _rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def _write(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def _set(path: Path, line: int, column: str, value: str) -> None:
    rows = _rows(path)
    rows[line - 1][rows[0].index(column)] = value
    _write(path, rows)


def _messages(data_dir: Path) -> list[str]:
    pkg, errors = data.check_package(data_dir)
    assert pkg is None
    return [str(e) for e in errors]


def test_missing_column(data_copy):
    rows = _rows(data_copy / "targets.csv")
    i = rows[0].index("unit")
    _write(data_copy / "targets.csv", [r[:i] + r[i + 1:] for r in rows])
    assert "targets.csv:1:unit: missing column" in _messages(data_copy)


def test_bad_number(data_copy):
    _set(data_copy / "targets.csv", 2, "value_min", "sáu")
    assert ("targets.csv:2:value_min: not a number: 'sáu' (write plain digits with a dot for decimals)"
            in _messages(data_copy))


def test_number_formatted_by_hand_is_rejected(data_copy):
    _set(data_copy / "targets.csv", 2, "value_min", "111.100,5")
    assert any(m.startswith("targets.csv:2:value_min: not a number: '111.100,5'") for m in _messages(data_copy))


def test_duplicate_id(data_copy):
    rows = _rows(data_copy / "targets.csv")
    rows.append(list(rows[1]))
    _write(data_copy / "targets.csv", rows)
    dup = rows[1][0]
    assert f"targets.csv:{len(rows)}:id: duplicate '{dup}' (first on row 2)" in _messages(data_copy)


def test_dangling_reference(data_copy):
    _set(data_copy / "targets.csv", 2, "source_id", "qd999_2030")
    assert "targets.csv:2:source_id: 'qd999_2030' is not an id in sources.csv" in _messages(data_copy)


def test_dangling_unit_reference(data_copy):
    _set(data_copy / "planned_wards.csv", 2, "unit_id", "atlantis")
    assert "planned_wards.csv:2:unit_id: 'atlantis' is not an id in admin_units.csv" in _messages(data_copy)


def test_empty_english_text(data_copy):
    _set(data_copy / "targets.csv", 2, "indicator_en", "")
    assert "targets.csv:2:indicator_en: empty, but required" in _messages(data_copy)


def test_optional_english_text_missing_beside_vietnamese(data_copy):
    rows = _rows(data_copy / "border_crossings.csv")
    line = next(i for i, r in enumerate(rows[1:], start=2) if r[rows[0].index("partner_vi")])
    _set(data_copy / "border_crossings.csv", line, "partner_en", "")
    assert (f"border_crossings.csv:{line}:partner_en: English text is empty while the Vietnamese has text"
            in _messages(data_copy))


def test_unknown_unit(data_copy):
    _set(data_copy / "targets.csv", 2, "unit", "furlong")
    assert any(m.startswith("targets.csv:2:unit: unknown value 'furlong' (allowed: pct, ")
               for m in _messages(data_copy))


def test_bad_encoding(data_copy):
    path = data_copy / "targets.csv"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.encode("cp1258", errors="replace"))
    messages = _messages(data_copy)
    assert len([m for m in messages if m.startswith("targets.csv:")]) == 1
    assert any(m.startswith("targets.csv:2:") and "not UTF-8 text" in m for m in messages), messages


def test_quote_not_in_source(data_copy):
    _set(data_copy / "targets.csv", 2, "quote_vi", "GRDP đạt 1 triệu tỷ đồng")
    assert ("targets.csv:2:quote_vi: not found word for word in qd339_2026: 'GRDP đạt 1 triệu tỷ đồng'"
            in _messages(data_copy))


def test_min_above_max(data_copy):
    rows = _rows(data_copy / "targets.csv")
    line = next(i for i, r in enumerate(rows[1:], start=2) if r[rows[0].index("value_max")])
    _set(data_copy / "targets.csv", line, "value_min", "1000000")
    hi = float(rows[line - 1][rows[0].index("value_max")])
    assert f"targets.csv:{line}:value_max: {hi:g} is below value_min 1e+06" in _messages(data_copy)


def test_missing_required_cell(data_copy):
    _set(data_copy / "urban_areas.csv", 3, "urban_class", "")
    assert "urban_areas.csv:3:urban_class: empty, but required" in _messages(data_copy)


def test_missing_file(data_copy):
    (data_copy / "tourism.csv").unlink()
    assert "tourism.csv:0:-: file is missing" in _messages(data_copy)


def test_changed_source_text(data_copy):
    path = data_copy / "sources" / "qd339_2026.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nthêm\n", encoding="utf-8")
    assert any(m.startswith("sources.csv:2:sha256: sources/qd339_2026.txt has changed") for m in _messages(data_copy))


def test_many_problems_are_all_reported_and_raised_as_one_error(data_copy):
    _set(data_copy / "targets.csv", 2, "unit", "furlong")
    _set(data_copy / "targets.csv", 3, "value_min", "x")
    with pytest.raises(data.DataErrors) as info:
        data.read_package(data_copy)
    assert len(info.value.errors) == 2
    assert str(info.value).startswith("targets.csv:2:unit: unknown value 'furlong'")
    assert str(info.value).endswith("(and 1 more)")


def test_command_line_check_names_every_problem_and_fails(data_copy):
    _set(data_copy / "targets.csv", 2, "unit", "furlong")
    _set(data_copy / "planned_wards.csv", 2, "unit_id", "atlantis")
    out = subprocess.run([sys.executable, "-m", "components.check", str(data_copy)], cwd=data.ROOT,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 1
    lines = out.stdout.splitlines()
    assert len(lines) == 2
    assert lines[1] == "planned_wards.csv:2:unit_id: 'atlantis' is not an id in admin_units.csv"
    assert "Traceback" not in out.stderr
