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

Errors::

    ValueError
    └── DataError          one problem: ``file:row:column: problem`` (row 1 is the header)
        └── DataErrors     all problems found in a package, the first one as the message

The app calls :func:`package` (cached once per process) and shows one friendly message for a
``DataError``; the command line ``python -m components.check`` prints every problem.
"""

from __future__ import annotations

import csv
import datetime as dt
import gc
import io
import json
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
SEEDS_DIR = ROOT.parent / "shared" / "seeds"
DESCRIPTOR = "datapackage.json"


class DataError(ValueError):
    """A curated file breaks its schema; ``str(err)`` is ``file:row:column: problem``."""

    def __init__(self, path: Path | str, row: int, column: str, problem: str) -> None:
        self.path, self.row, self.column, self.problem = Path(path), row, column, problem
        super().__init__(f"{self.path.name}:{row}:{column}: {problem}")


class DataErrors(DataError):
    """Several problems; behaves as the first one, and lists them all in ``errors``."""

    def __init__(self, errors: list[DataError]) -> None:
        self.errors = errors
        first = errors[0]
        super().__init__(first.path, first.row, first.column, first.problem)
        if len(errors) > 1:
            self.args = (f"{first} (and {len(errors) - 1} more)",)


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
            raise ValueError(f"not a whole number: {value!r}")
        return int(value)
    if kind == "number":
        if not _NUM.fullmatch(value):
            raise ValueError(f"not a number: {value!r} (write plain digits with a dot for decimals)")
        return float(value)
    if kind == "date":
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"not a date (YYYY-MM-DD): {value!r}") from None
    raise ValueError(f"unknown field type {kind!r} in the descriptor")


def _decode(path: Path, raw: bytes, header: list[str] | None = None) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line_start = raw.rfind(b"\n", 0, err.start) + 1
        row = raw.count(b"\n", 0, err.start) + 1
        first = raw.split(b"\n", 1)[0].decode("utf-8", "replace").strip().split(",")
        index = raw[line_start:err.start].count(b",")
        column = first[index] if index < len(first) else "-"
        raise DataError(path, row, column, f"not UTF-8 text (byte 0x{raw[err.start]:02x}); save the file as UTF-8") from None


def read_table(path: Path, resource: dict) -> tuple[list[dict], list[DataError]]:
    """Read one CSV and check it against its resource schema; rows keep their file line numbers."""
    fields = resource["schema"]["fields"]
    names = [f["name"] for f in fields]
    errors: list[DataError] = []
    if not path.exists():
        return [], [DataError(path, 0, "-", "file is missing")]
    text = _decode(path, path.read_bytes())
    if text.startswith("\ufeff"):
        text = text[1:]
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None:
        return [], [DataError(path, 1, "-", "file is empty (a header row is needed)")]
    missing = [n for n in names if n not in header]
    extra = [h for h in header if h not in names]
    for name in missing:
        errors.append(DataError(path, 1, name, "missing column"))
    for name in extra:
        errors.append(DataError(path, 1, name or "-", "unexpected column (not in datapackage.json)"))
    if not missing and not extra and header != names:
        errors.append(DataError(path, 1, "-", "columns are not in the order of datapackage.json"))
    if missing or extra:
        return [], errors

    rows: list[dict] = []
    seen_unique: dict[str, dict[object, int]] = {}
    line = 1
    for cells in reader:
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            errors.append(DataError(path, line, "-", f"{len(cells)} cells where the header has {len(header)}"))
            continue
        raw = dict(zip(header, cells))
        record: dict[str, object] = {"_row": line}
        for f in fields:
            name, cons = f["name"], f.get("constraints", {})
            value = raw[name]
            if value != value.strip():
                errors.append(DataError(path, line, name, "spaces at the start or end of the cell"))
                value = value.strip()
            if value == "":
                if cons.get("required"):
                    errors.append(DataError(path, line, name, "empty, but required"))
                record[name] = None
                continue
            try:
                typed = _cast(value, f["type"])
            except ValueError as err:
                errors.append(DataError(path, line, name, str(err)))
                record[name] = None
                continue
            if "enum" in cons and value not in cons["enum"]:
                allowed = ", ".join(cons["enum"])
                errors.append(DataError(path, line, name, f"unknown value {value!r} (allowed: {allowed})"))
            if "pattern" in cons and not re.fullmatch(cons["pattern"], value):
                errors.append(DataError(path, line, name, f"{value!r} does not match {cons['pattern']}"))
            if cons.get("unique"):
                seen = seen_unique.setdefault(name, {})
                if typed in seen:
                    errors.append(DataError(path, line, name, f"duplicate {value!r} (first on row {seen[typed]})"))
                else:
                    seen[typed] = line
            record[name] = typed
        rows.append(record)
    lagging = {f["name"] for f in fields if f.get("translationMayLag")}
    errors += _row_rules(path, rows, [n for n in names if n not in lagging])
    errors += _primary_key(path, rows, resource)
    return rows, errors


def _row_rules(path: Path, rows: list[dict], names: list[str]) -> Iterable[DataError]:
    pairs = [n[:-3] for n in names if n.endswith("_vi") and f"{n[:-3]}_en" in names]
    for r in rows:
        for stem in pairs:
            if r.get(f"{stem}_vi") and not r.get(f"{stem}_en"):
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


def _source_texts(data_dir: Path, sources: list[dict], seeds_dir: Path | None) -> dict[str, str]:
    texts: dict[str, str] = {}
    for s in sources:
        if s.get("text_file"):
            p = data_dir / s["text_file"]
            if p.exists():
                texts[s["id"]] = normalise(p.read_text(encoding="utf-8"))
        elif s.get("seed_file") and seeds_dir is not None and (seeds_dir / s["seed_file"]).exists():
            texts[s["id"]] = normalise((seeds_dir / s["seed_file"]).read_text(encoding="utf-8"))
    return texts


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
                if v and normalise(v) not in text:
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
    import hashlib

    for s in sources:
        if s.get("text_file") and s.get("sha256") and (data_dir / s["text_file"]).exists():
            digest = hashlib.sha256((data_dir / s["text_file"]).read_bytes()).hexdigest()
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


def check_package(data_dir: Path = DATA_DIR, seeds_dir: Path | None = SEEDS_DIR) -> tuple[Package | None, list[DataError]]:
    """Every problem in the package at ``data_dir``, and the package if there are none."""
    dp_path = data_dir / DESCRIPTOR
    try:
        descriptor = json.loads(dp_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        return None, [DataError(dp_path, 0, "-", f"cannot read the descriptor: {err}")]
    errors: list[DataError] = []
    rows: dict[str, list[dict]] = {}
    for res in descriptor["resources"]:
        try:
            rows[res["name"]], errs = read_table(data_dir / res["path"], res)
        except DataError as err:  # undecodable file
            rows[res["name"]], errs = [], [err]
        errors += errs
    sources = rows.get("sources", [])
    texts = _source_texts(data_dir, sources, seeds_dir)
    errors += _references(data_dir, descriptor, rows)
    errors += _verbatim(data_dir, descriptor, rows, texts, {s["id"]: s for s in sources})
    errors += _whole_texts(data_dir, descriptor, rows, texts)
    errors += _checksums(data_dir, sources)
    if errors:
        return None, errors
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
