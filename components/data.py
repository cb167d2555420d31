"""Curated plan data: read, validate once, hand out typed frames.

The one definition of every table is the Table Schema inside ``data/datapackage.json``:
columns and their order, types, required cells, allowed values, patterns, unique keys and
foreign keys. Two rules the standard cannot express are marked on the fields themselves:

* ``"verbatim": true`` — the cell must appear word for word (after whitespace
  normalisation) in the text of the row's ``source_id``;
* every ``*_vi`` text with a value needs its ``*_en`` twin (unless the ``*_en`` field is marked
  ``"translationMayLag": true``: the reader's paragraphs, whose English a test requires instead),
  and ``value_min`` may not exceed ``value_max``;
* ``"wholeText": {"field": …, "order": …}`` on a resource — its rows, joined in order, must give back
  the whole stored text of their source (nothing dropped, nothing added).

The descriptor is checked before any table is read: field types, constraints (a pattern must compile),
keys, references, ``wholeText``, and every resource ``path`` a file name inside the data folder. A damaged
descriptor gives DataErrors located as ``datapackage.json:0:<resource>.<field>: problem``.

Errors::

    ValueError
    └── DataError          one problem: ``file:row:column: problem`` (row 1 is the header)
        ├── MoreProblems   "… and N more problems in this file": each file lists its first 50
        └── DataErrors     all problems found in a package, the first one as the message

Nothing is lost silently: each resource records its ``rows`` (data rows), ``bytes`` and ``hash``
(``sha256:…``, Frictionless' own properties) in the descriptor, and a file that no longer matches
them fails the check, with the command that records a deliberate edit (:data:`LOCK_COMMAND`,
:mod:`components.lock`). Whatever a file holds (any bytes, any size), reading it raises nothing but
:class:`DataError`.

The app calls :func:`package` (cached once per process) and shows one friendly message for a
``DataError``; the command line ``python -m components.check`` prints every problem.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import gc
import hashlib
import io
import json
import math
import os
import re
import unicodedata
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
SEEDS_DIR = ROOT.parent / "shared" / "seeds"
DESCRIPTOR = "datapackage.json"
LOCK_COMMAND = "make data-lock"  # same as: python -m components.lock [DATA_DIR]
MAX_CELL = 10_000  # characters in one cell; the longest curated cell has about 1,250
MAX_DIGITS = 18  # a whole number must fit a 64-bit integer column
MAX_PROBLEMS = 50  # listed per file; the rest are counted (a file pasted 200,000 times is one mistake)
SEPARATORS = {";": "';'", "\t": "a tab", "|": "'|'"}


class DataError(ValueError):
    """A curated file breaks its schema; ``str(err)`` is ``file:row:column: problem``."""

    def __init__(self, path: Path | str, row: int, column: str, problem: str) -> None:
        self.path = path if isinstance(path, Path) else Path(path)
        self.row, self.column, self.problem = row, column, problem
        super().__init__(f"{self.path.name}:{row}:{column}: {problem}")


class MoreProblems(DataError):
    """Stands for the problems of one file beyond the first :data:`MAX_PROBLEMS` (``row`` is the first
    one not listed); ``count`` says how many."""

    def __init__(self, path: Path | str, row: int, count: int) -> None:
        self.count = count
        super().__init__(path, row, "-", f"… and {count:,} more problems in this file")


def count(errors: Iterable[DataError]) -> int:
    """How many problems ``errors`` stand for, those beyond each file's first ones included."""
    return sum(e.count if isinstance(e, MoreProblems) else 1 for e in errors)


class DataErrors(DataError):
    """Several problems; behaves as the first one, and lists them all in ``errors``."""

    def __init__(self, errors: list[DataError]) -> None:
        self.errors = errors
        first = errors[0]
        super().__init__(first.path, first.row, first.column, first.problem)
        if (total := count(errors)) > 1:
            self.args = (f"{first} (and {total - 1:,} more)",)


def normalise(text: str) -> str:
    """NFC, whitespace runs folded to one space: the form quotes are compared in."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


@dataclass(frozen=True, eq=False)
class Package:
    """Validated tables by resource name, plus the descriptor they were checked against.

    Hashed by identity, so pure functions of a package can be cached per process."""

    tables: dict[str, pd.DataFrame]
    descriptor: dict
    source_texts: dict[str, str] = field(default_factory=dict, repr=False)

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    def resource(self, name: str) -> dict:
        return next(r for r in self.descriptor["resources"] if r["name"] == name)


# --- reading one table ---------------------------------------------------------------------------

_INT = re.compile(r"-?[0-9]+")
_NUM = re.compile(r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")


def _cast(value: str, kind: str) -> object:
    """The typed value of one cell, or ValueError with a reader-friendly reason."""
    if kind == "string":
        return value
    if kind == "integer":
        if not _INT.fullmatch(value):
            raise ValueError(f"not a whole number: {value[:40]!r}")
        if len(value.lstrip("-")) > MAX_DIGITS:
            raise ValueError(f"a whole number of more than {MAX_DIGITS} digits: {value[:40]!r}")
        return int(value)
    if kind == "number":
        if not _NUM.fullmatch(value):
            raise ValueError(f"not a number: {value[:40]!r} (write plain digits with a dot for decimals)")
        number = float(value)
        if not math.isfinite(number):
            raise ValueError(f"a number too large to use: {value[:40]!r}")
        return number
    if kind == "date":
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"not a date (YYYY-MM-DD): {value[:40]!r}") from None
    raise ValueError(f"unknown field type {kind!r} in the descriptor")


def _locate(head: str, names: Collection[str]) -> tuple[int, str]:
    """Line and column name at the end of ``head`` (the text of a file up to a problem); the column is
    ``-`` unless the header names one of the fields ``names`` there (never a whole header line)."""
    reader = csv.reader(io.StringIO(head.removeprefix("\ufeff"), newline=""))
    header: list[str] = []
    last: list[str] = []
    try:
        with _field_limit(len(head)):
            for cells in reader:
                header = header or cells
                last = cells
    except csv.Error:
        pass
    line = head.count("\n") + 1
    index = max(len(last) - 1, 0) if head and not head.endswith("\n") else 0
    column = header[index] if index < len(header) and line > 1 else "-"
    return line, (column if column in names else "-")


def _decode(path: Path, raw: bytes, names: Collection[str]) -> str:
    """The text of a file that must be UTF-8, or a DataError saying where it is not (and, for a file saved
    with another separator too, both problems in one sentence)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError(path, 1, "-", "UTF-16 text: save the file as CSV UTF-8 (comma-separated)")
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, column = _locate(raw[:nul].decode("utf-8", "replace"), names)
        raise DataError(path, line, column, "a NUL byte (0x00): this is not a text file; save it as CSV UTF-8")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        # Excel in a Vietnamese locale saves ';'-separated cp1258: say both, once, before any cell is read.
        first_line = raw.split(b"\n", 1)[0].decode("utf-8", "replace").removeprefix("\ufeff").rstrip("\r")
        if (shown := _other_separator(first_line, names)) is not None:
            raise DataError(path, 1, "-", f"uses {shown} as separator and is not UTF-8 text: save as "
                                          "comma-separated UTF-8 (CSV UTF-8)") from None
        line, column = _locate(raw[:err.start].decode("utf-8", "replace"), names)
        raise DataError(path, line, column,
                        f"not UTF-8 text (byte 0x{raw[err.start]:02x}); save the file as UTF-8") from None


@contextlib.contextmanager
def _field_limit(size: int) -> Iterator[None]:
    """Let the csv module read a cell of any size for a moment, so that :data:`MAX_CELL` (checked
    with the cell's row and column) decides, not the module's own limit and its traceback."""
    before = csv.field_size_limit()
    csv.field_size_limit(max(before, size + 1))
    try:
        yield
    finally:
        csv.field_size_limit(before)


def _other_separator(line: str, names: Collection[str]) -> str | None:
    """How a header line written with another separator shows it (``"';'"``, ``"a tab"``), or None."""
    for sep, shown in SEPARATORS.items():
        if sep in line and len(set(line.split(sep)) & set(names)) >= min(2, len(names)):
            return shown
    return None


def _separator(path: Path, header: list[str], names: list[str]) -> DataError | None:
    """One error for a file saved with another separator (a spreadsheet's default in many locales)."""
    shown = _other_separator(",".join(header), names)
    if shown is not None:
        return DataError(path, 1, "-", f"uses {shown} as separator: save as comma-separated UTF-8 (CSV UTF-8)")
    return None


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # Unicode's Cc, less tab and line ends


def _cell_problem(value: str) -> str | None:
    if len(value) > MAX_CELL:
        return f"{len(value):,} characters; a cell holds at most {MAX_CELL:,} (is a closing quote missing?)"
    bad = _CONTROL.search(value)
    if bad is not None:
        return f"control character U+{ord(bad.group()):04X} in the cell"
    return None


def _capped(errors: Iterable[DataError], limit: int = MAX_PROBLEMS) -> list[DataError]:
    """The first ``limit`` problems of each file, in order, then one :class:`MoreProblems` counting the rest."""
    out: list[DataError] = []
    listed: dict[str, int] = {}
    more: dict[str, tuple[int, DataError, int]] = {}  # file -> (its place in out, first unlisted, count)
    for err in errors:
        name = err.path.name
        if not isinstance(err, MoreProblems) and listed.get(name, 0) < limit:
            out.append(err)
            listed[name] = listed.get(name, 0) + 1
            continue
        at, first, counted = more.get(name, (len(out), err, 0))
        if name not in more:
            out.append(err)
        more[name] = (at, first, counted + (err.count if isinstance(err, MoreProblems) else 1))
    for at, first, counted in more.values():
        out[at] = MoreProblems(first.path, first.row, counted)
    return out


def read_table(path: Path, resource: dict) -> tuple[list[dict], list[DataError]]:
    """Read one CSV and check it against its resource schema; rows keep their file line numbers.

    Raises only :class:`DataError` (a file that cannot be read as UTF-8 text at all); every other
    problem is returned, one per row and column: the first :data:`MAX_PROBLEMS`, then how many more."""
    fields = resource["schema"]["fields"]
    names = [f["name"] for f in fields]
    errors: list[DataError] = []
    if not path.is_file():
        return [], [DataError(path, 0, "-", "file is missing")]
    try:
        raw = path.read_bytes()
    except OSError as err:
        return [], [DataError(path, 0, "-", f"cannot be read: {err.strerror or err}")]
    text = _decode(path, raw, names)
    if text.startswith("\ufeff"):
        text = text[1:]
    reader = csv.reader(io.StringIO(text, newline=""))
    with _field_limit(len(text)):
        try:
            records = [(reader.line_num, cells) for cells in reader]
        except csv.Error as err:  # pragma: no cover - with no field limit the csv module has no other error
            return [], [DataError(path, reader.line_num, "-", f"cannot be read as CSV: {err}")]
    if not records:
        return [], [DataError(path, 1, "-", "file is empty (a header row is needed)")]
    header = records[0][1]
    if (sep := _separator(path, header, names)) is not None:
        return [], [sep]
    missing = [n for n in names if n not in header]
    extra = [h for h in header if h not in names]
    for name in missing:
        errors.append(DataError(path, 1, name, "missing column"))
    for name in extra:
        errors.append(DataError(path, 1, name[:40] or "-", "unexpected column (not in datapackage.json)"))
    if not missing and not extra and header != names:
        errors.append(DataError(path, 1, "-", "columns are not in the order of datapackage.json"))
    if missing or extra:
        return [], errors

    rows: list[dict] = []
    seen_unique: dict[str, dict[object, int]] = {}
    # Decided once per file, not once per cell: a file of 200,000 rows is read in seconds.
    checks = [(f["name"], f.get("constraints", {}), f["type"]) for f in fields]
    patterns = {name: re.compile(cons["pattern"]) for name, cons, _t in checks if "pattern" in cons}
    odd_cells = _CONTROL.search(text) is not None
    for line, cells in records[1:]:
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            errors.append(DataError(path, line, "-", f"{len(cells)} cells where the header has {len(header)}"))
            continue
        raw_row = dict(zip(header, cells))
        record: dict[str, object] = {"_row": line}
        for name, cons, kind in checks:
            value = raw_row[name]
            if (odd_cells or len(value) > MAX_CELL) and (problem := _cell_problem(value)) is not None:
                errors.append(DataError(path, line, name, problem))
                record[name] = None
                record.setdefault("_bad", set()).add(name)  # reported once: no rule about it follows
                continue
            if value != value.strip():
                errors.append(DataError(path, line, name, "spaces at the start or end of the cell"))
                value = value.strip()
            if value == "":
                if cons.get("required"):
                    errors.append(DataError(path, line, name, "empty, but required"))
                record[name] = None
                continue
            try:
                typed = _cast(value, kind)
            except ValueError as err:
                errors.append(DataError(path, line, name, str(err)))
                record[name] = None
                continue
            if "minimum" in cons and typed < cons["minimum"]:
                errors.append(DataError(path, line, name, f"{value[:40]} is below the minimum {cons['minimum']}"))
            if "maximum" in cons and typed > cons["maximum"]:
                errors.append(DataError(path, line, name, f"{value[:40]} is above the maximum {cons['maximum']}"))
            if "enum" in cons and value not in cons["enum"]:
                allowed = ", ".join(cons["enum"])
                errors.append(DataError(path, line, name, f"unknown value {value[:40]!r} (allowed: {allowed})"))
            if name in patterns and not patterns[name].fullmatch(value):
                errors.append(DataError(path, line, name, f"{value[:40]!r} does not match {cons['pattern']}"))
            if cons.get("unique"):
                seen = seen_unique.setdefault(name, {})
                if typed in seen:
                    errors.append(DataError(path, line, name, f"duplicate {value[:40]!r} (first on row {seen[typed]})"))
                else:
                    seen[typed] = line
            record[name] = typed
        rows.append(record)
    lagging = {f["name"] for f in fields if f.get("translationMayLag")}
    errors += _row_rules(path, rows, [n for n in names if n not in lagging])
    errors += _primary_key(path, rows, resource)
    return rows, _capped(errors)


def _row_rules(path: Path, rows: list[dict], names: list[str]) -> Iterable[DataError]:
    pairs = [n[:-3] for n in names if n.endswith("_vi") and f"{n[:-3]}_en" in names]
    for r in rows:
        for stem in pairs:
            if r.get(f"{stem}_vi") and not r.get(f"{stem}_en") and f"{stem}_en" not in r.get("_bad", ()):
                yield DataError(path, r["_row"], f"{stem}_en", "English text is empty while the Vietnamese has text")
        lo, hi = r.get("value_min"), r.get("value_max")
        if lo is not None and hi is not None and lo > hi:
            yield DataError(path, r["_row"], "value_max", f"{hi:g} is below value_min {lo:g}")


def _primary_key(path: Path, rows: list[dict], resource: dict) -> Iterable[DataError]:
    key = resource["schema"].get("primaryKey")
    if not key or isinstance(key, str):
        return  # a single-field key is declared unique on the field itself
    seen: dict[tuple, int] = {}
    for r in rows:
        k = tuple(r.get(n) for n in key)
        if k in seen:
            yield DataError(path, r["_row"], "+".join(key), f"duplicate key {k} (first on row {seen[k]})")
        seen.setdefault(k, r["_row"])


# --- the whole package ---------------------------------------------------------------------------


def _inside(folder: Path | None, name: object) -> Path | None:
    """``folder/name`` when that is an existing file inside ``folder`` (never ``..`` or a folder)."""
    if folder is None or not isinstance(name, str) or not name:
        return None
    try:
        path = (folder / name).resolve()
        return path if path.is_file() and path.is_relative_to(folder.resolve()) else None
    except (OSError, ValueError):
        return None


def _source_texts(data_dir: Path, sources: list[dict], seeds_dir: Path | None) -> tuple[dict[str, str], list[DataError]]:
    texts: dict[str, str] = {}
    errors: list[DataError] = []
    for s in sources:
        path = _inside(data_dir, s.get("text_file")) if s.get("text_file") else _inside(seeds_dir, s.get("seed_file"))
        if path is None:
            continue
        try:
            texts[s["id"]] = normalise(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as err:
            column = "text_file" if s.get("text_file") else "seed_file"
            errors.append(DataError(data_dir / "sources.csv", s["_row"], column,
                                    f"{path.name} cannot be read as UTF-8 text ({type(err).__name__})"))
    return texts, errors


def _references(data_dir: Path, descriptor: dict, rows: dict[str, list[dict]]) -> Iterable[DataError]:
    for res in descriptor["resources"]:
        for fk in res["schema"].get("foreignKeys", []):
            col, target = fk["fields"], fk["reference"]
            known = {r.get(target["fields"]) for r in rows.get(target["resource"], [])}
            for r in rows.get(res["name"], []):
                v = r.get(col)
                if v is not None and v not in known:
                    yield DataError(data_dir / res["path"], r["_row"], col,
                                    f"{v!r} is not an id in {target['resource']}.csv")


def _verbatim(data_dir: Path, descriptor: dict, rows: dict[str, list[dict]], texts: dict[str, str],
              sources: dict[str, dict]) -> Iterable[DataError]:
    found: dict[tuple[object, str], bool] = {}  # (source, cell) -> in its text: a repeated quote is searched once
    for res in descriptor["resources"]:
        cols = [f["name"] for f in res["schema"]["fields"] if f.get("verbatim")]
        for r in rows.get(res["name"], []):
            text = texts.get(r.get("source_id"))
            if text is None:
                src = sources.get(r.get("source_id"), {})
                if src.get("text_file"):
                    yield DataError(data_dir / res["path"], r["_row"], "source_id",
                                    f"the text of {r['source_id']!r} ({src['text_file']}) is missing")
                continue  # a news article whose seed is not on this machine
            for col in cols:
                v = r.get(col)
                if v and (key := (r["source_id"], v)) not in found:
                    found[key] = normalise(v) in text
                if v and not found[key]:
                    yield DataError(data_dir / res["path"], r["_row"], col,
                                    f"not found word for word in {r['source_id']}: {v[:60]!r}")


def _whole_texts(data_dir: Path, descriptor: dict, rows: dict[str, list[dict]],
                 texts: dict[str, str]) -> Iterable[DataError]:
    for res in descriptor["resources"]:
        spec = res.get("wholeText")
        if not spec:
            continue
        path = data_dir / res["path"]
        by_source: dict[str, list[dict]] = {}
        for r in rows.get(res["name"], []):
            by_source.setdefault(r.get("source_id"), []).append(r)
        for source_id, group in by_source.items():
            text = texts.get(source_id)
            if text is None:
                continue
            group = sorted(group, key=lambda r: r.get(spec["order"]) or 0)
            joined = normalise(" ".join(r.get(spec["field"]) or "" for r in group))
            if joined == text:
                continue
            at = next((i for i, (a, b) in enumerate(zip(joined, text)) if a != b), min(len(joined), len(text)))
            row = next((r["_row"] for r in group if normalise(r.get(spec["field"]) or "")
                        and joined.find(normalise(r[spec["field"]])) + len(normalise(r[spec["field"]])) > at),
                       group[-1]["_row"] if group else 1)
            yield DataError(path, row, spec["field"],
                            f"the paragraphs joined in order differ from the text of {source_id} at character "
                            f"{at}: {joined[at:at + 40]!r} where the text has {text[at:at + 40]!r}")


def _checksums(data_dir: Path, sources: list[dict]) -> Iterable[DataError]:
    for s in sources:
        path = _inside(data_dir, s.get("text_file"))
        if path is not None and s.get("sha256"):
            try:
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError:
                continue  # reported by _source_texts
            if digest != s["sha256"]:
                yield DataError(data_dir / "sources.csv", s["_row"], "sha256",
                                f"{s['text_file']} has changed (checksum {digest[:12]}…)")


def _frame(rows: list[dict], resource: dict) -> pd.DataFrame:
    """Typed columns: nullable integers, floats (NaN when empty), text as objects (``None`` when empty)."""
    columns = {}
    for f in resource["schema"]["fields"]:
        values = [r.get(f["name"]) for r in rows]
        if f["type"] == "integer":
            columns[f["name"]] = pd.array(values, dtype="Int64")
        elif f["type"] == "number":
            columns[f["name"]] = pd.array([float("nan") if v is None else v for v in values], dtype="float64")
        else:
            columns[f["name"]] = pd.Series(values, dtype=object)
    return pd.DataFrame(columns)


def file_stats(path: Path) -> dict[str, object]:
    """Frictionless' ``bytes`` and ``hash`` (``sha256:<hex>``) of one file."""
    raw = path.read_bytes()
    return {"bytes": len(raw), "hash": "sha256:" + hashlib.sha256(raw).hexdigest()}


def _lock(data_dir: Path, descriptor: dict, rows: dict[str, list[dict]], broken: set[str]) -> Iterable[DataError]:
    """Files that differ from the row count and hash recorded for them (those without other problems:
    a file with a bad cell is reported for that cell)."""
    command = LOCK_COMMAND if data_dir.resolve() == DATA_DIR.resolve() else f"python -m components.lock {data_dir}"
    fix = f"if the change is deliberate, run `{command}` to record it"
    for res in descriptor["resources"]:
        path = data_dir / res["path"]
        if path.name in broken:
            continue
        if not all(k in res for k in ("rows", "bytes", "hash")):
            yield DataError(path, 0, "-", f"no row count and hash recorded in {DESCRIPTOR}: run `{command}`")
            continue
        damaged = next((f"{k} {res[k]!r} is not a count" for k in ("rows", "bytes")
                        if type(res[k]) is not int or res[k] < 0), None)
        if damaged is None and not (isinstance(res["hash"], str) and _HASH.fullmatch(res["hash"])):
            damaged = f"hash {str(res['hash'])[:80]!r} is not 'sha256:' and 64 hexadecimal digits"
        if damaged:
            yield DataError(data_dir / DESCRIPTOR, 0, res["name"],
                            f"{damaged}; run `{command}` to record the files as they are")
            continue
        count = len(rows.get(res["name"], []))
        if count != res["rows"]:
            last = rows[res["name"]][-1]["_row"] if rows.get(res["name"]) else 1
            change = "rows are missing (was the file cut short?)" if count < res["rows"] else "rows were added"
            yield DataError(path, last + 1, "-", f"{count} rows where {DESCRIPTOR} records {res['rows']}: {change}; "
                                                 f"{fix}")
        elif file_stats(path) != {"bytes": res["bytes"], "hash": res["hash"]}:
            yield DataError(path, 0, "-", f"the content differs from the hash recorded in {DESCRIPTOR}; {fix}")


TYPES = ("string", "integer", "number", "date")
NUMERIC = ("integer", "number")
_RESOURCE_NAME = re.compile(r"[a-z0-9_.\-]{1,80}")
_FIELD_NAME = re.compile(r"[^\x00-\x1f\x7f]{1,80}")
_HASH = re.compile(r"sha256:[0-9a-f]{64}")


def _kind(value: object) -> str:
    """How JSON would call ``value``: an object, a list, a text, a number, true/false or null."""
    return {dict: "an object", list: "a list", str: "a text", bool: "true/false", type(None): "null"}.get(
        type(value), "a number")


def _field_problems(field: dict) -> Iterator[str]:
    if field.get("type") not in TYPES:
        yield f"type {str(field.get('type'))[:40]!r} is not one of {', '.join(TYPES)}"
    cons = field.get("constraints", {})
    if not isinstance(cons, dict):
        yield f"constraints must be an object, not {_kind(cons)}"
        return
    for key in ("required", "unique"):
        if key in cons and not isinstance(cons[key], bool):
            yield f"constraints.{key} must be true or false, not {_kind(cons[key])}"
    if "enum" in cons and not (isinstance(cons["enum"], list) and cons["enum"]
                               and all(isinstance(v, str) for v in cons["enum"])):
        yield "constraints.enum must be a list of texts"
    if "pattern" in cons:
        pattern = cons["pattern"]
        if not isinstance(pattern, str):
            yield f"constraints.pattern must be a text, not {_kind(pattern)}"
        else:
            try:
                re.compile(pattern)
            except (re.error, ValueError, OverflowError, RecursionError) as err:
                yield f"constraints.pattern {pattern[:40]!r} is not a regular expression ({err})"
    for key in ("minimum", "maximum"):
        if key in cons:
            if field.get("type") not in NUMERIC:
                yield f"constraints.{key} applies to number fields only"
            elif isinstance(cons[key], bool) or not isinstance(cons[key], (int, float)):
                yield f"constraints.{key} must be a number, not {_kind(cons[key])}"
    for key in ("verbatim", "translationMayLag"):
        if key in field and not isinstance(field[key], bool):
            yield f"{key} must be true or false, not {_kind(field[key])}"
    if field.get("verbatim") and field.get("type") != "string":
        yield "verbatim applies to text fields only"


def _inside_folder(data_dir: Path, name: object) -> bool:
    """Whether ``name`` is a relative file name that stays inside ``data_dir`` (no ``..``, no absolute path)."""
    if not isinstance(name, str) or not _FIELD_NAME.fullmatch(name) or name.startswith(("/", "\\")):
        return False
    try:
        root = data_dir.resolve()
        target = (root / name).resolve()
    except (OSError, ValueError, RuntimeError):
        return False
    return target != root and target.is_relative_to(root)


def _descriptor_problems(descriptor: object, data_dir: Path) -> list[DataError]:
    """What the checks rely on in ``datapackage.json``, each problem located as
    ``datapackage.json:0:<resource>[.<field>]: problem``. The tables are read only when there is none:
    a damaged descriptor gives DataErrors, never another exception."""
    dp = data_dir / DESCRIPTOR
    out: list[DataError] = []

    def bad(where: str, problem: str) -> None:
        out.append(DataError(dp, 0, where, problem))

    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(descriptor, dict):
        bad("-", f"must be a JSON object with a list of resources, not {_kind(descriptor)}")
        return out
    if not isinstance(resources, list) or not resources:
        bad("resources", "must be a list of resources")
        return out
    fields_of: dict[str, dict[str, dict]] = {}
    for i, res in enumerate(resources):
        name = res.get("name") if isinstance(res, dict) else None
        if not isinstance(name, str) or not _RESOURCE_NAME.fullmatch(name):
            bad(f"resources[{i}]", "needs a name of lower-case letters, digits, '_', '-' or '.'"
                if isinstance(res, dict) else f"must be an object, not {_kind(res)}")
            continue
        if name in fields_of:
            bad(name, "a second resource with this name")
            continue
        fields_of[name] = {}
        if not _inside_folder(data_dir, res.get("path")):
            bad(name, f"path {str(res.get('path'))[:60]!r} is not a file name inside the data folder")
        schema = res.get("schema")
        fields = schema.get("fields") if isinstance(schema, dict) else None
        if not isinstance(fields, list) or not fields:
            bad(name, "needs schema.fields, a list of fields")
            continue
        for j, field in enumerate(fields):
            fname = field.get("name") if isinstance(field, dict) else None
            if not isinstance(fname, str) or not _FIELD_NAME.fullmatch(fname):
                bad(f"{name}.fields[{j}]", "needs a name (a text of at most 80 characters)"
                    if isinstance(field, dict) else f"must be an object, not {_kind(field)}")
                continue
            if fname in fields_of[name]:
                bad(f"{name}.{fname}", "a second field with this name")
                continue
            fields_of[name][fname] = field
            for problem in _field_problems(field):
                bad(f"{name}.{fname}", problem)
    for res in resources:
        name = res.get("name") if isinstance(res, dict) else None
        if not isinstance(name, str) or not isinstance(res.get("schema"), dict) or not fields_of.get(name):
            continue
        out += _links_problems(dp, name, res, fields_of)
    return out


def _links_problems(dp: Path, name: str, res: dict, fields_of: dict[str, dict[str, dict]]) -> Iterator[DataError]:
    """Keys, references, whole texts and number pairs: what one resource says about its fields."""
    schema, fields = res["schema"], fields_of[name]
    types = {n: f["type"] for n, f in fields.items() if f.get("type") in TYPES}
    typed = lambda name: types.get(name) if isinstance(name, str) else None  # noqa: E731
    key = schema.get("primaryKey")
    if key is not None and not (key in fields if isinstance(key, str) else
                                isinstance(key, list) and key and all(isinstance(k, str) and k in fields for k in key)):
        yield DataError(dp, 0, f"{name}.primaryKey", f"must name a field of {name}, or a list of them")
    fks = schema.get("foreignKeys", [])
    if not isinstance(fks, list):
        yield DataError(dp, 0, f"{name}.foreignKeys", f"must be a list, not {_kind(fks)}")
        fks = []
    for i, fk in enumerate(fks):
        where = f"{name}.foreignKeys[{i}]"
        ref = fk.get("reference") if isinstance(fk, dict) else None
        if not (isinstance(fk, dict) and isinstance(fk.get("fields"), str) and isinstance(ref, dict)):
            yield DataError(dp, 0, where, f"needs fields (a field of {name}) and a reference (a resource and its field)")
        elif fk["fields"] not in fields:
            yield DataError(dp, 0, where, f"fields names no field of {name}: {fk['fields'][:40]!r}")
        elif not isinstance(ref.get("resource"), str) or ref["resource"] not in fields_of:
            yield DataError(dp, 0, where, f"reference names no resource: {str(ref.get('resource'))[:40]!r}")
        elif not isinstance(ref.get("fields"), str) or ref["fields"] not in fields_of[ref["resource"]]:
            yield DataError(dp, 0, where, f"reference names no field of {ref['resource']}: "
                                          f"{str(ref.get('fields'))[:40]!r}")
    whole = res.get("wholeText")
    if whole is not None and not (isinstance(whole, dict) and typed(whole.get("field")) == "string"
                                  and typed(whole.get("order")) in NUMERIC):
        yield DataError(dp, 0, f"{name}.wholeText", "field must name a text field and order a number field")
    if "value_min" in types and "value_max" in types and not {types["value_min"], types["value_max"]} <= set(NUMERIC):
        yield DataError(dp, 0, f"{name}.value_min", "value_min and value_max must be numbers (integer or number)")
    if name == "sources" and "id" not in fields:
        yield DataError(dp, 0, name, "needs an id field (every source_id refers to it)")


def check_package(data_dir: Path = DATA_DIR, seeds_dir: Path | None = SEEDS_DIR,
                  lock: bool = True) -> tuple[Package | None, list[DataError]]:
    """Every problem in the package at ``data_dir``, and the package if there are none.

    ``lock=False`` skips the comparison with the recorded row counts and hashes (for recording them)."""
    dp_path = data_dir / DESCRIPTOR
    try:
        descriptor = json.loads(dp_path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as err:
        return None, [DataError(dp_path, 0, "-", f"cannot read the descriptor: {str(err)[:200]}")]
    if problems := _descriptor_problems(descriptor, data_dir):
        return None, problems
    errors: list[DataError] = []
    rows: dict[str, list[dict]] = {}
    for res in descriptor["resources"]:
        try:
            rows[res["name"]], errs = read_table(data_dir / res["path"], res)
        except DataError as err:  # undecodable file
            rows[res["name"]], errs = [], [err]
        errors += errs
    sources = rows.get("sources", [])
    texts, errs = _source_texts(data_dir, sources, seeds_dir)
    errors += errs
    errors += _references(data_dir, descriptor, rows)
    errors += _verbatim(data_dir, descriptor, rows, texts, {s["id"]: s for s in sources})
    errors += _whole_texts(data_dir, descriptor, rows, texts)
    errors += _checksums(data_dir, sources)
    if lock:
        errors += _lock(data_dir, descriptor, rows, {e.path.name for e in errors})
    if errors:
        return None, _capped(errors)
    tables = {res["name"]: _frame(rows[res["name"]], res) for res in descriptor["resources"]}
    return Package(tables, descriptor, texts), []


def read_package(data_dir: Path = DATA_DIR, seeds_dir: Path | None = SEEDS_DIR) -> Package:
    """The validated package, or :class:`DataErrors` listing every problem."""
    pkg, errors = check_package(data_dir, seeds_dir)
    if errors:
        raise DataErrors(errors)
    assert pkg is not None
    return pkg


DATA_DIR_ENV = "PLAN_DATA_DIR"  # another data folder (tests and previews of edited data)


def _cached_package() -> Package:
    pkg = read_package(Path(os.environ.get(DATA_DIR_ENV) or DATA_DIR))
    # Streamlit runs a full garbage collection after every script run (runner.postScriptGC). What the
    # process now holds for good (pandas, Altair, pydeck and the package) would be walked on every page
    # run, tripling its CPU: move it to the permanent generation, so a collection walks only new objects.
    gc.collect()
    gc.freeze()
    return pkg


try:  # one validated copy per process, shared by every session (read-only: derive, never mutate)
    import streamlit as st

    package = st.cache_resource(show_spinner=False)(_cached_package)
except ImportError:  # pragma: no cover - the data check runs without Streamlit too
    import functools

    package = functools.cache(_cached_package)
