"""The plan reader: the decision's paragraphs shaped for one page per part, a table of contents,
and the data rows that quote each paragraph ("figures from this paragraph").

Pure functions of (package, lang): no Streamlit. The HTML is built by :mod:`components.render`
(``reader_toc``, ``reader_part``); :func:`part_html` and :func:`toc_html` put the two together and are
cached per process, so a page run sends one part (at most about 60 KB) and builds nothing twice. The
static edition calls the same functions with its own link builders.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from components import content, i18n, render, search
from components.data import Package

N_ = i18n.N_
SOURCE_ID = "qd339_2026"
PARTS = ("preamble", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "art2", "art3", "art4")
PART_NAMES = {"preamble": N_("Preamble"), "art4": N_("Article 4, recipients and signature")}
ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
PAGE = "plan"

# Where each table's rows are shown (url_path) and a human name for the kind of row: the search's map, with
# the two link tables whose rows quote the decision too.
PAGE_OF = {**{t: v for t, v in search.PAGE_OF.items() if t != "plan_paragraphs"},
           "structure_members": ("urban-system", N_("Spatial structure")),
           "planned_wards": ("urban-system", N_("Urban area"))}
TITLE_FIELDS = ("name", "indicator", "label", "summary", "title", "text", "place", "note")


@dataclass(frozen=True)
class FigureRef:
    """A data row that quotes a paragraph, and where it is shown."""

    table: str
    row_id: str
    titles: tuple[tuple[str, str], ...]  # (lang, title)
    page: str
    query: tuple[tuple[str, str], ...] = ()

    def title(self, lang: str) -> str:
        return dict(self.titles)[lang]


def default_link(pid: str, lang: str) -> str:
    """The app's permalink of a paragraph: ``plan?p=<id>&lang=<lang>``."""
    return f"{PAGE}?{urlencode({'p': pid, 'lang': lang})}"


def default_page_link(page: str, lang: str, query: dict | None = None) -> str:
    """An app link to another page, relative to the reader (``targets?lang=en``; ``./?lang=en`` for home)."""
    return f"{page or '.'}{'/' if not page else ''}?{urlencode({**(query or {}), 'lang': lang})}"


@functools.lru_cache(maxsize=4)
def paragraphs(pkg: Package) -> tuple[dict, ...]:
    """Every paragraph as a dict, in the decision's order."""
    return tuple(content.records(pkg["plan_paragraphs"].sort_values("order")))


@functools.lru_cache(maxsize=4)
def by_id(pkg: Package) -> dict[str, dict]:
    return {p["id"]: p for p in paragraphs(pkg)}


def valid_id(pkg: Package, raw: object) -> str | None:
    """``raw`` if it is the id of a paragraph, else None (anything from a URL goes through here)."""
    if isinstance(raw, str) and len(raw) <= 40 and ID_PATTERN.fullmatch(raw) and raw in by_id(pkg):
        return raw
    return None


def resolve(pkg: Package, part: object, pid: object) -> tuple[str, str | None]:
    """The part to show and the paragraph to bring into view, from ``?s=`` and ``?p=`` (a valid ``p`` wins)."""
    target = valid_id(pkg, pid)
    if target:
        return by_id(pkg)[target]["part"], target
    return (part if part in PARTS else PARTS[0]), None


def part_title(pkg: Package, part: str, lang: str) -> str:
    """``Preamble``; ``III. PHƯƠNG HƯỚNG …`` (the decision's heading, in ``lang``); ``Điều 2. …``."""
    if part in PART_NAMES:
        return i18n.translate(PART_NAMES[part], lang)
    head = next(p for p in paragraphs(pkg) if p["part"] == part and p["kind"] in ("heading", "point")
                and (p["label"] == part or p["label"] == f"Điều {part[3:]}"))
    return text_of(head, lang)


def part_short(part: str, lang: str) -> str:
    """A part's short name: ``Phần căn cứ`` / ``Preamble``, ``Mục III`` / ``Section III``, ``Điều 2`` / ``Article 2``."""
    _ = i18n.gettext_for(lang)
    if part == "preamble":
        return _("Preamble")
    if part.startswith("art"):
        return _("Article {number}").format(number=part[3:])
    return _("Section {number}").format(number=part)


def text_of(p: dict, lang: str) -> str:
    """The paragraph in ``lang``; the Vietnamese while it has no English."""
    return (p.get("text_en") or p["text_vi"]) if lang == "en" else p["text_vi"]


def _level(p: dict) -> int:
    """Depth of a heading in the table of contents: part 1, numbered point 2, lettered point 3, item 4."""
    if p["kind"] == "item":
        return 4
    section = p["section"]
    if section.startswith(("Preamble", "Recipients")) or re.fullmatch(r"Art\.\d+( [IVX]+)?", section):
        return 1
    return (1 if p.get("article") == 1 else 2) + section.split(" ", 1)[-1].count(".")


@functools.lru_cache(maxsize=4)
def toc_entries(pkg: Package) -> tuple[dict, ...]:
    """Headings, numbered/lettered points and (n) items: the table of contents by section."""
    out = []
    for p in paragraphs(pkg):
        if p["kind"] in ("heading", "point", "item") and p["id"] not in ("a1",):
            out.append({"id": p["id"], "part": p["part"], "level": _level(p), "p": p})
    return tuple(out)


# --- figures from each paragraph -----------------------------------------------------------------


def _title(row: dict, lang: str, fallback: str) -> str:
    title = next((row[f"{f}_{lang}"] for f in TITLE_FIELDS if row.get(f"{f}_{lang}")), None) or fallback
    return title if len(title) <= 110 else title[:107].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


@functools.lru_cache(maxsize=4)
def figure_refs(pkg: Package) -> dict[str, tuple[FigureRef, ...]]:
    """Paragraph id → the data rows whose ``quote_vi`` lies in it (see :func:`content.quote_paragraphs`)."""
    found: dict[str, list[FigureRef]] = {}
    for table, (page, _kind) in PAGE_OF.items():
        if table not in pkg.tables or "quote_vi" not in pkg[table]:
            continue
        for row in content.records(pkg[table]):
            pids = content.quote_paragraphs(pkg, row.get("quote_vi"), row.get("section"), row.get("source_id"))
            if not pids:
                continue
            row_id = row.get("id") or row.get("unit_id") or ""
            query = (("unit", row["code"]),) if table == "admin_units" else ()
            query += tuple(content.shown_in(table, row).items())  # the part of the page, the kind of data note
            shown_on = content.STATEMENT_PAGES[row["topic"]] if table == "plan_statements" else page
            ref = FigureRef(table, row_id, tuple((lang, _title(row, lang, row_id)) for lang in i18n.LANGS),
                            shown_on, query)
            for pid in pids:
                found.setdefault(pid, []).append(ref)
    return {k: tuple(v) for k, v in found.items()}


def figures_of(pkg: Package, pid: str) -> tuple[FigureRef, ...]:
    return figure_refs(pkg).get(pid, ())


# --- HTML, cached per process --------------------------------------------------------------------


@content._shared
def part_html(pkg: Package, part: str, lang: str, link: Callable[[str, str], str] = default_link,
              page_link: Callable = default_page_link) -> str:
    """One part of the decision, both languages, every paragraph with its permalink and figures."""
    paras = [{**p, "level": _level(p)} for p in paragraphs(pkg) if p["part"] == part]
    refs = figure_refs(pkg)
    return render.reader_part(paras, lang, {p["id"]: refs.get(p["id"], ()) for p in paras}, link, page_link,
                              {t: k for t, (_p, k) in PAGE_OF.items()})


@content._shared
def toc_html(pkg: Package, part: str | None, lang: str, link: Callable[[str, str], str] = default_link,
             expand_all: bool = False) -> str:
    """The table of contents: every part, and the sections of the part being read (of every part with
    ``expand_all``: the contents page of the static edition)."""
    entries = [{**e, "text": text_of(e["p"], lang)} for e in toc_entries(pkg)]
    parts = [(k, part_title(pkg, k, lang), _first_id(pkg, k)) for k in PARTS]
    return render.reader_toc(parts, entries, part, lang, link, expand_all)


def neighbours(part: str) -> tuple[str | None, str | None]:
    """The parts before and after ``part`` in the decision."""
    at = PARTS.index(part)
    return (PARTS[at - 1] if at > 0 else None), (PARTS[at + 1] if at < len(PARTS) - 1 else None)


def part_of(pkg: Package, pid: str) -> str:
    """The part a paragraph is in (``a1-v-5-p1`` → ``V``)."""
    return by_id(pkg)[pid]["part"]


def _first_id(pkg: Package, part: str) -> str:
    return next(p["id"] for p in paragraphs(pkg) if p["part"] == part)


def translated_share(pkg: Package) -> tuple[int, int]:
    """(paragraphs with English, all paragraphs)."""
    paras = paragraphs(pkg)
    return sum(1 for p in paras if p.get("text_en")), len(paras)
