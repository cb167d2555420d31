"""Bad input: a broken copy of the data gives one exact, readable message per problem.

Each case breaks one thing in a copy of data/ and expects the message that names the file, the
row (line of the CSV; the header is line 1) and the column. Nothing may raise a traceback.
"""

from __future__ import annotations

import csv
import io
import json
import re
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


# --- hostile or damaged files (#18): one DataError naming file, row and column, never a traceback ---

def _only(data_dir: Path, name: str) -> list[str]:
    return [m for m in _messages(data_dir) if m.startswith(name + ":")]


def test_a_cell_of_a_megabyte_is_one_error_with_its_row_and_column(data_copy):
    _set(data_copy / "targets.csv", 3, "indicator_en", "x" * 1_048_576)
    assert _only(data_copy, "targets.csv") == [
        "targets.csv:3:indicator_en: 1,048,576 characters; a cell holds at most 10,000 (is a closing quote missing?)"]


def test_a_missing_closing_quote_is_reported_not_raised(data_copy):
    path = data_copy / "targets.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[2] = lines[2].replace(",", ',"', 1)  # opens a quote that never closes: the rest is one cell
    path.write_text("\n".join(lines) + "x" * 200_000, encoding="utf-8")
    messages = _only(data_copy, "targets.csv")
    assert messages and all(re.match(r"targets\.csv:\d+:[\w-]+: ", m) for m in messages)


def test_a_nul_byte_is_named_where_it_is(data_copy):
    _set(data_copy / "targets.csv", 4, "unit", "pc\x00t")
    assert _only(data_copy, "targets.csv") == [
        "targets.csv:4:unit: a NUL byte (0x00): this is not a text file; save it as CSV UTF-8"]


def test_utf16_is_named_once(data_copy):
    path = data_copy / "tourism.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    assert _only(data_copy, "tourism.csv") == [
        "tourism.csv:1:-: UTF-16 text: save the file as CSV UTF-8 (comma-separated)"]


@pytest.mark.parametrize(("sep", "shown"), [(";", "';'"), ("\t", "a tab")])
def test_another_separator_is_said_once_not_once_per_column(data_copy, sep, shown):
    path = data_copy / "targets.csv"
    rows = _rows(path)
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=sep, lineterminator="\n").writerows(rows)
    assert _only(data_copy, "targets.csv") == [
        f"targets.csv:1:-: uses {shown} as separator: save as comma-separated UTF-8 (CSV UTF-8)"]


@pytest.mark.parametrize("encoding", ["cp1258", "latin-1"])
def test_excel_in_a_vietnamese_locale_semicolons_and_not_utf8_are_said_once(data_copy, encoding):
    """Issue #18: a ';'-separated cp1258 file was reported as "targets.csv:2:id;domain;topic;…: not UTF-8
    text", the whole header as its column and no word about the separator."""
    path = data_copy / "targets.csv"
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(_rows(path))
    path.write_bytes(out.getvalue().encode(encoding, errors="replace"))
    assert _only(data_copy, "targets.csv") == [
        "targets.csv:1:-: uses ';' as separator and is not UTF-8 text: save as comma-separated UTF-8 (CSV UTF-8)"]


def test_a_decoding_problem_names_only_a_known_column(data_copy):
    path = data_copy / "targets.csv"
    rows = _rows(path)
    rows[0][0], rows[1][0] = "identifier", "x\udcfb"  # a header that is no field, and a byte that is not UTF-8
    path.write_bytes(_encoded(rows))
    assert _only(data_copy, "targets.csv") == ["targets.csv:2:-: not UTF-8 text (byte 0xfb); save the file as UTF-8"]
    rows[0][0] = "id"
    path.write_bytes(_encoded(rows))
    assert _only(data_copy, "targets.csv") == ["targets.csv:2:id: not UTF-8 text (byte 0xfb); save the file as UTF-8"]


def _encoded(rows: list[list[str]]) -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8", errors="surrogateescape")


def test_a_control_character_in_a_cell(data_copy):
    _set(data_copy / "goals.csv", 2, "text_en", "goal\x1b[31m")
    assert "goals.csv:2:text_en: control character U+001B in the cell" in _messages(data_copy)


@pytest.mark.parametrize(("value", "problem"), [
    ("1e999", "a number too large to use: '1e999'"),
    ("9" * 400, "a number too large to use: '" + "9" * 40 + "'"),
])
def test_a_number_too_large_for_the_page(data_copy, value, problem):
    _set(data_copy / "targets.csv", 2, "value_min", value)
    assert f"targets.csv:2:value_min: {problem}" in _messages(data_copy)


def test_a_whole_number_too_large_for_its_column(data_copy):
    _set(data_copy / "targets.csv", 2, "target_year", "2" * 19)
    assert any(m.startswith("targets.csv:2:target_year: a whole number of more than 18 digits")
               for m in _messages(data_copy))


def test_a_source_text_that_names_a_folder_is_reported_not_read(data_copy):
    _set(data_copy / "sources.csv", 2, "text_file", ".")
    messages = _messages(data_copy)
    assert "sources.csv:2:text_file: '.' does not match ^sources/[a-z0-9_]+\\.txt$" in messages


# --- nothing lost silently: row counts and hashes recorded in datapackage.json ------------------------

def test_a_file_cut_short_at_a_row_boundary_fails(data_copy):
    path = data_copy / "targets.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:-3]), encoding="utf-8")
    assert _only(data_copy, "targets.csv") == [
        f"targets.csv:{len(lines) - 2}:-: {len(lines) - 4} rows where datapackage.json records {len(lines) - 1}: "
        f"rows are missing (was the file cut short?); if the change is deliberate, run "
        f"`python -m components.lock {data_copy}` to record it"]


def test_the_shipped_data_names_make_data_lock():
    desc = json.loads((data.DATA_DIR / data.DESCRIPTOR).read_text(encoding="utf-8"))
    assert all({"rows", "bytes", "hash"} <= set(r) for r in desc["resources"])
    errors = list(data._lock(data.DATA_DIR, {"resources": [{**desc["resources"][0], "rows": 1}]},
                             {desc["resources"][0]["name"]: [{"_row": 2}] * 2}, set()))
    assert str(errors[0]).endswith("rows were added; if the change is deliberate, run `make data-lock` to record it")


def test_an_edit_that_keeps_the_rows_is_caught_by_the_hash(data_copy):
    _set(data_copy / "targets.csv", 2, "indicator_en", "A harmless-looking edit.")
    assert _only(data_copy, "targets.csv") == [
        "targets.csv:0:-: the content differs from the hash recorded in datapackage.json; if the change is "
        f"deliberate, run `python -m components.lock {data_copy}` to record it"]


def test_the_lock_command_records_a_deliberate_edit_and_a_new_table(data_copy):
    _set(data_copy / "targets.csv", 2, "indicator_en", "A deliberate edit.")
    desc_path = data_copy / data.DESCRIPTOR
    desc = json.loads(desc_path.read_text(encoding="utf-8"))
    del desc["resources"][1]["hash"]  # as if another branch had added this table
    desc_path.write_text(json.dumps(desc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert any("no row count and hash recorded" in m for m in _messages(data_copy))
    out = subprocess.run([sys.executable, "-m", "components.lock", str(data_copy)], cwd=data.ROOT,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "targets.csv: 47 rows" in out.stdout and "Recorded in datapackage.json: 2 table(s) changed." in out.stdout
    pkg, errors = data.check_package(data_copy)
    assert errors == [] and pkg is not None
    committed = (data.DATA_DIR / data.DESCRIPTOR).read_text(encoding="utf-8").splitlines()
    relocked = desc_path.read_text(encoding="utf-8").splitlines()
    assert len(committed) == len(relocked)  # the layout is kept: only the changed values differ
    assert sum(a != b for a, b in zip(committed, relocked)) == 2


def test_the_lock_command_records_nothing_while_the_data_has_problems(data_copy):
    _set(data_copy / "targets.csv", 2, "unit", "furlong")
    before = (data_copy / data.DESCRIPTOR).read_bytes()
    out = subprocess.run([sys.executable, "-m", "components.lock", str(data_copy)], cwd=data.ROOT,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 1 and out.stdout.startswith("targets.csv:2:unit: unknown value 'furlong'")
    assert "nothing recorded" in out.stderr and "Traceback" not in out.stderr
    assert (data_copy / data.DESCRIPTOR).read_bytes() == before


# --- a damaged descriptor (#18): one located DataError per problem, never another exception ----------

def _descriptor_edit(data_dir: Path, edit) -> list[str]:
    path = data_dir / data.DESCRIPTOR
    desc = json.loads(path.read_text(encoding="utf-8"))
    edit({r["name"]: r for r in desc["resources"]}, desc)
    path.write_text(json.dumps(desc, ensure_ascii=False), encoding="utf-8")
    return _messages(data_dir)


def _field(res: dict, name: str) -> dict:
    return next(f for f in res["schema"]["fields"] if f["name"] == name)


@pytest.mark.parametrize(("edit", "expected"), [
    (lambda r, d: _field(r["targets"], "id")["constraints"].update(pattern="("),
     "datapackage.json:0:targets.id: constraints.pattern '(' is not a regular expression "
     "(missing ), unterminated subpattern at position 0)"),
    (lambda r, d: _field(r["targets"], "id").update(constraints=[1]),
     "datapackage.json:0:targets.id: constraints must be an object, not a list"),
    (lambda r, d: _field(r["targets"], "unit")["constraints"].update(enum="pct"),
     "datapackage.json:0:targets.unit: constraints.enum must be a list of texts"),
    (lambda r, d: _field(r["targets"], "value_min").update(type="decimal"),
     "datapackage.json:0:targets.value_min: type 'decimal' is not one of string, integer, number, date"),
    (lambda r, d: r["targets"]["schema"]["foreignKeys"][0].pop("reference"),
     "datapackage.json:0:targets.foreignKeys[0]: needs fields (a field of targets) and a reference "
     "(a resource and its field)"),
    (lambda r, d: r["targets"]["schema"]["foreignKeys"][0]["reference"].update(resource="nowhere"),
     "datapackage.json:0:targets.foreignKeys[0]: reference names no resource: 'nowhere'"),
    (lambda r, d: r["targets"]["schema"].update(primaryKey=5),
     "datapackage.json:0:targets.primaryKey: must name a field of targets, or a list of them"),
    (lambda r, d: r["targets"].update(path="../outside.csv"),
     "datapackage.json:0:targets: path '../outside.csv' is not a file name inside the data folder"),
    (lambda r, d: r["targets"].update(path="/etc/passwd"),
     "datapackage.json:0:targets: path '/etc/passwd' is not a file name inside the data folder"),
    (lambda r, d: r["plan_paragraphs"].update(wholeText={"field": "order", "order": "text_vi"}),
     "datapackage.json:0:plan_paragraphs.wholeText: field must name a text field and order a number field"),
    (lambda r, d: _field(r["sources"], "id").update(name="key"),
     "datapackage.json:0:sources: needs an id field (every source_id refers to it)"),
    (lambda r, d: d.update(resources={"targets": 1}),
     "datapackage.json:0:resources: must be a list of resources"),
    (lambda r, d: d["resources"].append(dict(r["targets"])),
     "datapackage.json:0:targets: a second resource with this name"),
])
def test_a_damaged_descriptor_is_one_located_problem(data_copy, edit, expected):
    """Issue #18: these raised re.error, TypeError, AttributeError or KeyError out of check_package."""
    messages = _descriptor_edit(data_copy, edit)
    assert expected in messages and all(m.startswith("datapackage.json:0:") for m in messages)
    assert len(messages) == 1 or expected.startswith("datapackage.json:0:sources:")  # every link to it is named


@pytest.mark.parametrize(("value", "shown"), [("abc", "'abc'"), (-1, "-1"), (True, "True"), (2.5, "2.5")])
def test_a_damaged_record_of_rows_names_the_lock_command(data_copy, value, shown):
    messages = _descriptor_edit(data_copy, lambda r, d: r["targets"].update(rows=value))
    assert messages == [f"datapackage.json:0:targets: rows {shown} is not a count; run "
                        f"`python -m components.lock {data_copy}` to record the files as they are"]


def test_a_damaged_descriptor_is_reported_by_the_command_line_without_a_traceback(data_copy):
    _descriptor_edit(data_copy, lambda r, d: _field(r["targets"], "id")["constraints"].update(pattern="("))
    out = subprocess.run([sys.executable, "-m", "components.check", str(data_copy)], cwd=data.ROOT,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 1 and out.stdout.startswith("datapackage.json:0:targets.id: ")
    assert "Traceback" not in out.stderr


# --- a flood of problems (#18): the first ones per file, then how many more --------------------------

def test_a_file_with_200000_duplicated_rows_lists_the_first_problems_and_counts_the_rest(data_copy):
    """Issue #18: 200,000 duplicated rows gave 200,000 messages (12 s)."""
    path = data_copy / "targets.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines + [lines[1]] * 200_000), encoding="utf-8")
    pkg, errors = data.check_package(data_copy)
    messages = [str(e) for e in errors if e.path.name == "targets.csv"]
    assert pkg is None and len(messages) == data.MAX_PROBLEMS + 1
    assert messages[0] == f"targets.csv:{len(lines) + 1}:id: duplicate 'grdp_2030' (first on row 2)"
    assert messages[-1] == (f"targets.csv:{len(lines) + data.MAX_PROBLEMS + 1}:-: … and "
                            f"{200_000 - data.MAX_PROBLEMS:,} more problems in this file")
    assert data.count(errors) == 200_000
    assert str(data.DataErrors(errors)).endswith("(and 199,999 more)")


def test_problems_beyond_the_first_of_several_passes_are_counted_together():
    path = Path("data/targets.csv")
    errors = [data.DataError(path, row, "id", "bad") for row in range(2, 62)]
    errors += [data.DataError(Path("data/goals.csv"), 3, "id", "bad"), data.DataError(path, 70, "unit", "late")]
    capped = data._capped(data._capped(errors[:55]) + errors[55:])
    assert [str(e) for e in capped[data.MAX_PROBLEMS:]] == [
        "targets.csv:52:-: … and 11 more problems in this file", "goals.csv:3:id: bad"]
    assert data.count(capped) == len(errors)


def test_a_number_below_its_minimum(data_copy):
    """The descriptor's minimum (line numbers start at 1) is enforced, not only declared."""
    _set(data_copy / "plan_paragraphs.csv", 2, "line_end", "0")
    assert "plan_paragraphs.csv:2:line_end: 0 is below the minimum 1" in _messages(data_copy)


def test_a_minimum_on_a_text_field_is_a_descriptor_problem(data_copy):
    descriptor = json.loads((data_copy / "datapackage.json").read_text(encoding="utf-8"))
    field = next(f for r in descriptor["resources"] if r["name"] == "targets" for f in r["schema"]["fields"]
                 if f["name"] == "id")
    field.setdefault("constraints", {})["minimum"] = 1
    (data_copy / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    assert any(m.startswith("datapackage.json:") and "constraints.minimum applies to number fields only" in m
               for m in _messages(data_copy))
