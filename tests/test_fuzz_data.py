"""Mutation tests of every CSV (#18), with Hypothesis: cells replaced (with anything: control
characters, quotes, separators, huge or non-finite numbers, a megabyte), cells emptied, rows
duplicated, files truncated at any byte, bytes replaced.

Every result is a pass or DataErrors whose every entry reads ``file:row:column: problem``; nothing
else is ever raised. With the recorded row counts and hashes (as the app and ``make check`` run),
every change fails, and a truncated file always fails. Bounded and derandomized for CI.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from components import data

# PLAN_FUZZ_EXAMPLES=200 explores further (locally); CI keeps the bounded default.
FUZZ = settings(max_examples=int(os.environ.get("PLAN_FUZZ_EXAMPLES", "12")), deadline=None, derandomize=True, database=None, phases=[Phase.explicit, Phase.generate],  # no shrinking: bounded time
               
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
RESOURCES = [r["path"] for r in json.loads((data.DATA_DIR / data.DESCRIPTOR).read_text(encoding="utf-8"))["resources"]]

TRICKY = ["", " ", " padded ", "1e999", "-1e999", "NaN", "inf", "-0", "0x1A", "1,5", "1.000.000", "9" * 25,
          "-" + "9" * 19, "2026-02-30", "0000-00-00", '"', 'a"b', "a,b", "a\nb", "a\r\nb", "\x00", "\x1b[31m",
          "\u202e", "\ufeff", "x" * 200_000, "<script>alert(1)</script>", "=HYPERLINK(\"http://x\")",
          ".", "sources/", "sources/../../x.txt", "qd339_2026", "vi", "approx", "at_least", "pct", "Điều 1", "  ", "\t"]
cell_values = st.one_of(st.sampled_from(TRICKY), st.text(max_size=40),
                        st.from_regex(r"-?[0-9]{1,22}(\.[0-9]{0,3})?", fullmatch=True))


@pytest.fixture(scope="module")
def copy_dir(tmp_path_factory):
    target = tmp_path_factory.mktemp("fuzz") / "data"
    shutil.copytree(data.DATA_DIR, target)
    return target


def _records(raw: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))


def _encode(rows: list[list[str]]) -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


@st.composite
def mutations(draw, original: bytes) -> tuple[str, bytes]:
    rows = _records(original)
    kind = draw(st.sampled_from(["replace", "empty", "duplicate", "truncate", "bytes"]))
    if kind == "truncate":
        return kind, original[:draw(st.integers(0, len(original) - 1))]
    if kind == "bytes":
        at = draw(st.integers(0, len(original) - 1))
        junk = draw(st.binary(min_size=1, max_size=4))
        return kind, original[:at] + junk + original[at + len(junk):]
    line = draw(st.integers(1, len(rows) - 1))
    if kind == "duplicate":
        where = draw(st.integers(1, len(rows)))
        return kind, _encode(rows[:where] + [list(rows[line])] + rows[where:])
    column = draw(st.integers(0, len(rows[0]) - 1))
    rows = [list(r) for r in rows]
    rows[line][column] = "" if kind == "empty" else draw(cell_values)
    return kind, _encode(rows)


def _well_formed(errors: list[data.DataError]) -> None:
    for err in errors:
        assert isinstance(err, data.DataError)
        assert isinstance(err.row, int) and err.row >= 0 and err.column
        assert str(err).startswith(f"{err.path.name}:{err.row}:{err.column}: "), str(err)


@pytest.mark.parametrize("name", RESOURCES)
@FUZZ
@given(case=st.data())
def test_any_change_to_a_csv_is_a_pass_or_a_located_data_error(copy_dir, name, case):
    path = copy_dir / name
    original = (data.DATA_DIR / name).read_bytes()
    kind, mutated = case.draw(mutations(original), label="mutation")
    path.write_bytes(mutated)
    try:
        pkg, errors = data.check_package(copy_dir, lock=False)  # the schema alone: a harmless edit passes
        _well_formed(errors)
        assert (pkg is None) == bool(errors)
        pkg, locked = data.check_package(copy_dir)  # as the app and `make check` run
        _well_formed(locked)
        if mutated != original:
            assert locked, f"{kind} of {name} passed unnoticed"
        if kind == "truncate":
            assert any(e.path.name == name for e in locked), f"a truncated {name} passed"
    finally:
        path.write_bytes(original)


@pytest.mark.parametrize("name", RESOURCES)
def test_a_file_cut_at_a_row_boundary_always_fails(copy_dir, name):
    path = copy_dir / name
    original = path.read_bytes()
    lines = original.splitlines(keepends=True)
    try:
        for keep in sorted({1, len(lines) // 2, len(lines) - 1}):
            path.write_bytes(b"".join(lines[:keep]))
            pkg, errors = data.check_package(copy_dir)
            assert pkg is None and any(e.path.name == name for e in errors), (name, keep)
            _well_formed(errors)
    finally:
        path.write_bytes(original)


# --- the descriptor itself (#18) --------------------------------------------------------------------

ODD_VALUES = [None, True, 0, -1, 2.5, 10**20, "", "(", "[", "*", "abc", "../outside.csv", "/etc/passwd", "sources",
              "id", "\x00", [], [1], ["id"], {}, {"resource": "sources"}, {"fields": "id"}]


def _places(node, at=()):
    """Every place in a JSON value, as the path of keys and indexes that leads to it."""
    yield at
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _places(value, at + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _places(value, at + (i,))


@st.composite
def descriptor_mutations(draw, original: dict) -> dict:
    """A copy of ``original`` with 1 to 3 keys or list items deleted, or their values of another type."""
    desc = json.loads(json.dumps(original))
    for _ in range(draw(st.integers(1, 3))):
        places = [p for p in _places(desc) if p]
        # Most places are field descriptions: pick among the kinds of key first, so every kind is tried.
        kinds = sorted({str(p[-1]) for p in places})
        kind = draw(st.sampled_from(kinds))
        at = draw(st.sampled_from([p for p in places if str(p[-1]) == kind]))
        parent = desc
        for step in at[:-1]:
            parent = parent[step]
        if draw(st.booleans()):
            del parent[at[-1]]
        else:
            parent[at[-1]] = draw(st.one_of(st.sampled_from(ODD_VALUES), st.text(max_size=8)))
    return desc


@FUZZ
@given(case=st.data())
def test_any_change_to_the_descriptor_is_a_pass_or_a_located_data_error(copy_dir, case):
    """Issue #18: a damaged datapackage.json raised re.error, TypeError, AttributeError or KeyError."""
    path = copy_dir / data.DESCRIPTOR
    original = (data.DATA_DIR / data.DESCRIPTOR).read_bytes()
    mutated = case.draw(descriptor_mutations(json.loads(original)), label="descriptor")
    path.write_text(json.dumps(mutated, ensure_ascii=False), encoding="utf-8")
    try:
        for lock in (False, True):
            pkg, errors = data.check_package(copy_dir, lock=lock)
            _well_formed(errors)
            assert (pkg is None) == bool(errors)
    finally:
        path.write_bytes(original)
