"""The decision paragraph by paragraph: parse the stored text, keep its English, check nothing is lost.

Pure and server-free. :func:`parse` turns ``data/sources/qd339_2026.txt`` into paragraphs in the decision's
own structure (preamble, Article 1 sections I–XI with their numbered and lettered points and (n) items,
Articles 2–4, recipients, signature). A paragraph is a non-empty line, except that a line continuing a
sentence cut by a page break is merged into the paragraph it continues. Section names follow the other
tables' ``section`` column (``Art.1 II.2.b``, ``Art.1 III.3.b (1)``); ids are stable, readable and URL-safe
(``a1-ii-2-b`` for the heading of II.2.b, ``a1-ii-2-b-p3`` for its third paragraph).

Command line (the curator's tools)::

    python -m components.paragraphs build            # (re)write data/plan_paragraphs.csv, keeping English
    python -m components.paragraphs import-en FILE   # English from a <line>\\t<English> TSV
    python -m components.paragraphs correct FILE     # then ours: <paragraph id>\\t<draft words>\\t<our words>
    python -m components.paragraphs notes FILE       # translator's notes: <paragraph id>\\t<note>
    python -m components.paragraphs sync-statements  # whole-paragraph rows of plan_statements take its English
    python -m components.paragraphs status           # how many paragraphs still lack English

Reading and validating the table is :mod:`components.data`'s job; this module only makes it.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

from components.data import DATA_DIR, normalise

SOURCE_ID = "qd339_2026"
SOURCE_FILE = DATA_DIR / "sources" / "qd339_2026.txt"
TABLE_FILE = DATA_DIR / "plan_paragraphs.csv"
COLUMNS = ["id", "order", "article", "section", "part", "parent", "kind", "label", "text_vi", "text_en", "note_en",
           "source_id", "line_start", "line_end"]

_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI")
_ARTICLE = re.compile(r"Điều (\d+)\.")
_ROMAN_HEAD = re.compile(r"(" + "|".join(sorted(_ROMAN, key=len, reverse=True)) + r")\. ")
_NUMBERED = re.compile(r"(\d+)\. ")
_LETTERED = re.compile(r"([a-hđ])\) ")
_ITEM = re.compile(r"\((\d+)\) ")
_FOOTNOTE = re.compile(r"([¹²³⁴⁵⁶⁷⁸⁹])")
_ANNEX = re.compile(r"\(Chi tiết tại Phụ lục [IVXL]+ kèm theo\)")
_SUPERSCRIPT = {c: str(i) for i, c in enumerate("⁰¹²³⁴⁵⁶⁷⁸⁹")}
# Parts of the decision outside its articles, named as in the other tables' ``section`` column.
PREAMBLE, RECIPIENTS, SIGNATURE = "Preamble", "Recipients", "Signature"


@dataclass(frozen=True)
class Paragraph:
    id: str
    order: int
    article: int | None
    section: str
    part: str        # the top-level division a reader page shows at once: preamble, I…XI, art2…art4
    parent: str      # id of the heading this paragraph sits under ("" for the top)
    kind: str        # heading, point, item, paragraph, footnote, annex_ref, recipients, signature
    label: str       # the decision's own marker: "Điều 1", "III", "1", "c", "(2)", "¹"
    text_vi: str
    lines: tuple[int, ...] = field(default=())  # the source lines it is made of (1-based)
    text_en: str = ""
    note_en: str = ""

    @property
    def line_start(self) -> int:
        return self.lines[0]

    @property
    def line_end(self) -> int:
        return self.lines[-1]


def slug(section: str) -> str:
    """``Art.1 III.1.c (iii)`` → ``a1-iii-1-c-3``; ``Art.1 III.2.đ`` → ``a1-iii-2-dd``; ``Preamble`` → ``preamble``."""
    s = section.replace("đ", "dd")
    s = re.sub(r"\((\d+)\)", r"\1", s)
    s = re.sub(r"\(([ivx]+)\)", lambda m: str(_roman_value(m.group(1).upper())), s)
    s = re.sub(r"Art\.\s?(\d+)", r"a\1", s)
    s = s.replace(", footnote ", "-fn")
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


def _roman_value(text: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50}
    total = 0
    for a, b in zip(text, text[1:] + " "):
        v = values[a]
        total += -v if b != " " and values.get(b, 0) > v else v
    return total


def _is_continuation(line: str, previous: str | None) -> bool:
    """A line that goes on with the sentence of the line before it, cut by a page break."""
    if previous is None:
        return False
    if _LETTERED.match(line):
        return False
    if line[0].islower():
        return True
    # A proper noun after a break inside a name: "… Cao tốc Lạng Sơn -" / "Quảng Ninh kết nối …"
    return previous.rstrip().endswith((" -", " –"))


def raw_paragraphs(text: str) -> list[tuple[tuple[int, ...], str]]:
    """Non-empty lines, page-break continuations merged: ((line numbers), text) in order."""
    out: list[tuple[tuple[int, ...], str]] = []
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        if out and _is_continuation(stripped, out[-1][1]):
            lines, joined = out[-1]
            out[-1] = (lines + (number,), f"{joined} {stripped}")
        else:
            out.append(((number,), stripped))
    return out


def parse(text: str) -> list[Paragraph]:
    """The decision in its own structure, every paragraph with its section, parent and stable id."""
    paragraphs: list[Paragraph] = []
    article: int | None = None
    roman = numbered = lettered = None
    part = "preamble"
    top = PREAMBLE  # the section of plain paragraphs outside any numbered heading
    heads: dict[str, str] = {}   # section -> id of its heading
    counts: dict[str, int] = {}  # section -> plain paragraphs so far
    in_article_text = False      # after "Điều N." and before the recipients

    def current() -> str:
        if article is None:
            return top
        parts = [p for p in (roman, numbered, lettered) if p]
        if article == 1 and not roman:
            return "Art.1"
        return f"Art.{article}" + (" " + ".".join(parts) if parts else "")

    def parent_of(section: str) -> str:
        """The id of the nearest heading above ``section`` (for a heading: the one it sits under)."""
        candidates = [s for s in heads if section != s and _contains(s, section)]
        return heads[max(candidates, key=len)] if candidates else ""

    for order, (lines, body) in enumerate(raw_paragraphs(text), start=1):
        kind, label, section = "paragraph", "", None
        if m := _ARTICLE.match(body):
            article, roman, numbered, lettered = int(m.group(1)), None, None, None
            part = "I" if article == 1 else f"art{article}"  # Article 1's opening line leads into its section I
            kind, label, section = "heading", f"Điều {article}", f"Art.{article}"
            in_article_text = True
        elif body.startswith("Nơi nhận"):
            article, top, part, in_article_text = None, RECIPIENTS, "art4", False
            kind, label, section = "heading", "", RECIPIENTS
        elif body.isupper() and top in (RECIPIENTS, SIGNATURE) and article is None:
            top = SIGNATURE
            kind, section = "signature", SIGNATURE
        elif article == 1 and (m := _ROMAN_HEAD.match(body)) and body[len(m.group(0)):][:1].isupper() and \
                body[len(m.group(0)):].split(" ")[0].isupper():
            roman, numbered, lettered = m.group(1), None, None
            part = roman
            kind, label, section = "heading", roman, current()
        elif in_article_text and (m := _NUMBERED.match(body)):
            numbered, lettered = m.group(1), None
            kind, label, section = "heading", numbered, current()
        elif in_article_text and numbered and (m := _LETTERED.match(body)):
            lettered = m.group(1)
            kind, label, section = "heading", lettered, current()
        elif in_article_text and (m := _ITEM.match(body)):
            kind, label, section = "item", f"({m.group(1)})", f"{current()} ({m.group(1)})"
        elif (m := _FOOTNOTE.match(body)) and article == 1:
            number = _SUPERSCRIPT[m.group(1)]
            kind, label, section = "footnote", m.group(1), f"Art.1 I, footnote {number}"
        elif _ANNEX.fullmatch(body):
            kind = "annex_ref"
        elif top == RECIPIENTS and article is None:
            kind = "recipients"
        elif top == SIGNATURE and article is None:
            kind = "signature"

        if section is None:
            section = current()
        if kind == "heading" and _is_provision(body):
            kind = "point"  # a numbered or lettered point that is itself a provision, not a title
        if kind in ("heading", "point", "item", "footnote"):
            pid = slug(section)
            heads[section] = pid
            parent = parent_of(section)
        else:
            counts[section] = counts.get(section, 0) + 1
            pid = f"{slug(section)}-p{counts[section]}"
            parent = heads.get(section, "") or parent_of(section)
        if kind == "footnote":
            parent = heads.get("Art.1 I", "")
        paragraphs.append(Paragraph(pid, order, article, section, part, parent, kind, label, body, lines))
    ids = [p.id for p in paragraphs]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise ValueError(f"paragraph ids are not unique: {dupes}")
    return paragraphs


def _is_provision(body: str) -> bool:
    """A point that says something (``a) Hoàn thiện hồ sơ … .``) rather than naming a part (``c) Y tế``)."""
    return len(body) > 160 or body.rstrip().endswith((".", ";", "./."))


def _contains(outer: str, inner: str) -> bool:
    """Whether section ``inner`` lies inside section ``outer`` (``Art.1 III`` ⊃ ``Art.1 III.1.c (2)``)."""
    if outer == inner:
        return False
    if re.fullmatch(r"Art\.\d+", outer) and inner.startswith(outer + " "):
        return True
    return inner.startswith(outer + ".") or inner.startswith(outer + " (")


def joined_text(paragraphs) -> str:
    """The paragraphs' Vietnamese joined in order, as the checker compares it with the stored text."""
    return normalise(" ".join(p.text_vi if isinstance(p, Paragraph) else p for p in paragraphs))


# --- the table -----------------------------------------------------------------------------------


def read_rows(path: Path = TABLE_FILE) -> list[dict]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def to_rows(paragraphs: list[Paragraph]) -> list[dict]:
    return [{"id": p.id, "order": p.order, "article": "" if p.article is None else p.article,
             "section": p.section, "part": p.part, "parent": p.parent, "kind": p.kind, "label": p.label,
             "text_vi": p.text_vi, "text_en": p.text_en, "note_en": p.note_en, "source_id": SOURCE_ID,
             "line_start": p.line_start, "line_end": p.line_end} for p in paragraphs]


def write_rows(rows: list[dict], path: Path = TABLE_FILE) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def build(source: Path = SOURCE_FILE, table: Path = TABLE_FILE) -> list[Paragraph]:
    """Parse the source and keep the English already in the table (by id)."""
    kept = {r["id"]: r for r in read_rows(table)}
    out = []
    for p in parse(source.read_text(encoding="utf-8")):
        old = kept.get(p.id)
        if old and old["text_vi"] == p.text_vi:
            p = replace(p, text_en=old.get("text_en", ""), note_en=old.get("note_en", ""))
        out.append(p)
    return out


def read_tsv(path: Path) -> dict[int, str]:
    """``<source line>\\t<text>`` rows; later rows for the same line win; malformed rows are skipped."""
    out: dict[int, str] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        number, sep, text = raw.partition("\t")
        if sep and number.strip().isdigit() and text.strip():
            out[int(number)] = re.sub(r"\s+", " ", text).strip()
    return out


def import_english(paragraphs: list[Paragraph], by_line: dict[int, str]) -> tuple[list[Paragraph], int, list[int]]:
    """English from a line-numbered translation: a merged paragraph takes its fragments joined by a space,
    only once every fragment is there. Returns the paragraphs, how many changed, and lines that match
    no paragraph start or fragment (to report)."""
    known = {n for p in paragraphs for n in p.lines}
    changed, out = 0, []
    for p in paragraphs:
        pieces = [by_line.get(n) for n in p.lines]
        if all(pieces):
            text = " ".join(pieces)
            if text != p.text_en:
                p = replace(p, text_en=text)
                changed += 1
        out.append(p)
    unknown = sorted(n for n in by_line if n not in known)
    return out, changed, unknown


def read_corrections(path: Path) -> dict[str, str]:
    """``<paragraph id>\\t<English>`` rows (``#`` starts a comment line)."""
    out: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        pid, sep, text = raw.partition("\t")
        if sep and not pid.startswith("#") and text.strip():
            out[pid.strip()] = re.sub(r"\s+", " ", text).strip()
    return out


def read_replacements(path: Path) -> list[tuple[str, str, str]]:
    """``<paragraph id>\\t<draft wording>\\t<our wording>`` rows (``#`` starts a comment line)."""
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        parts = raw.split("\t")
        if len(parts) == 3 and not parts[0].startswith("#") and parts[1]:
            out.append((parts[0].strip(), parts[1], parts[2]))
    return out


def apply_corrections(paragraphs: list[Paragraph], rows: list[tuple[str, str, str]]
                      ) -> tuple[list[Paragraph], list[str]]:
    """Our corrections of the draft translation: in paragraph ``id``, the draft wording becomes ours. A
    correction whose draft wording is no longer there (the translators changed it) is reported, not forced."""
    by_id = {p.id: p for p in paragraphs}
    skipped = []
    for pid, draft, ours in rows:
        p = by_id.get(pid)
        if p is None or (draft not in p.text_en and ours not in p.text_en):
            skipped.append(f"{pid}: {draft[:50]!r}")
            continue
        by_id[pid] = replace(p, text_en=p.text_en.replace(draft, ours))
    return [by_id[p.id] for p in paragraphs], skipped


def import_notes(paragraphs: list[Paragraph], by_line: dict[int, str]) -> list[Paragraph]:
    """Translator's notes onto the paragraph holding each line (several notes joined)."""
    out = []
    for p in paragraphs:
        notes = [by_line[n] for n in p.lines if n in by_line]
        out.append(replace(p, note_en=" ".join(notes)) if notes else p)
    return out


def from_rows(rows: list[dict]) -> list[Paragraph]:
    return [Paragraph(r["id"], int(r["order"]), int(r["article"]) if r["article"] else None, r["section"], r["part"],
                      r["parent"], r["kind"], r["label"], r["text_vi"],
                      tuple(range(int(r["line_start"]), int(r["line_end"]) + 1)), r["text_en"], r["note_en"])
            for r in rows]


STATEMENTS_FILE = DATA_DIR / "plan_statements.csv"
_BULLET = re.compile(r"^(- \+ |- |\+ )")


def sync_statements(paragraphs: list[Paragraph], path: Path = STATEMENTS_FILE) -> int:
    """Rows of plan_statements that quote a whole paragraph (its Vietnamese without the bullet) take that
    paragraph's English, so the two tables never disagree. Returns how many rows changed."""
    english = {_BULLET.sub("", p.text_vi): _BULLET.sub("", p.text_en) for p in paragraphs if p.text_en}
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        fields, rows = reader.fieldnames, list(reader)
    changed = 0
    for row in rows:
        new = english.get(row["text_vi"])
        if new and new != row["text_en"]:
            row["text_en"], changed = new, changed + 1
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return changed


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    command = args[0] if args else "status"
    if command == "build":
        paragraphs = build()
        write_rows(to_rows(paragraphs))
        print(f"wrote {TABLE_FILE.name}: {len(paragraphs)} paragraphs")
        return 0
    paragraphs = build()
    if command == "sync-statements":
        print(f"{sync_statements(paragraphs)} statements given their paragraph's English")
        return 0
    if command == "notes":
        notes = read_corrections(Path(args[1])) if len(args) > 1 else {}
        unknown = sorted(set(notes) - {p.id for p in paragraphs})
        if unknown or len(args) < 2:
            print(f"usage: python -m components.paragraphs notes FILE.tsv; unknown ids: {unknown}", file=sys.stderr)
            return 1
        paragraphs = [replace(p, note_en=notes.get(p.id, "")) for p in paragraphs]
        write_rows(to_rows(paragraphs))
    if command == "correct":
        if len(args) < 2:
            print("usage: python -m components.paragraphs correct FILE.tsv", file=sys.stderr)
            return 2
        paragraphs, skipped = apply_corrections(paragraphs, read_replacements(Path(args[1])))
        write_rows(to_rows(paragraphs))
        if skipped:
            print(f"corrections not applied (the draft wording has changed): {skipped}", file=sys.stderr)
    if command in ("import-en", "import-notes"):
        if len(args) < 2:
            print(f"usage: python -m components.paragraphs {command} FILE.tsv", file=sys.stderr)
            return 2
        by_line = read_tsv(Path(args[1]))
        if command == "import-notes":
            paragraphs = import_notes(paragraphs, by_line)
            print(f"notes on {sum(1 for p in paragraphs if p.note_en)} paragraphs")
        else:
            paragraphs, changed, unknown = import_english(paragraphs, by_line)
            print(f"{changed} paragraphs given English from {len(by_line)} lines")
            if unknown:
                print(f"lines matching no paragraph (blank in the source): {unknown[:20]}", file=sys.stderr)
        write_rows(to_rows(paragraphs))
    missing = [p for p in paragraphs if not p.text_en]
    print(f"{len(paragraphs) - len(missing)}/{len(paragraphs)} paragraphs have English")
    if missing and command == "status":
        spans = ", ".join(f"{p.line_start}" for p in missing[:40])
        print(f"first lines still in Vietnamese only: {spans}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
