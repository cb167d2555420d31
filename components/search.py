"""One search over every table and every paragraph of the decision, both languages at once; case-,
diacritic- and đ/d-insensitive, forgiving one slip per word (rapidfuzz: a word of 3 letters or more
matches an indexed word at Levenshtein distance 1; exact matches rank first).

Pure: the index is built once per process from the validated package; a query is folded the same way
as the text and every word of it must occur. Results carry the text to show, the matched spans (for
highlighting as text, never HTML built from input) and where the row lives in the dashboard.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from components import content, i18n, render
from components.folding import fold, fold_char  # noqa: F401 (search.fold is used by pages and tests)
from components.data import Package

MAX_QUERY = 200  # characters; longer queries are cut, calmly

# Where each table's rows are shown (url_path), and a human name for the kind of row.
PAGE_OF = {
    "targets": ("targets", i18n.N_("Target")), "plan_versions": ("sources", i18n.N_("Change from the 2024 plan")),
    "actuals": ("targets", i18n.N_("Result")), "goals": ("", i18n.N_("Goal or vision")),
    "viewpoints": ("breakthroughs", i18n.N_("Viewpoint")), "focus_tasks": ("breakthroughs", i18n.N_("Focus task")),
    "breakthroughs": ("breakthroughs", i18n.N_("Breakthrough")),
    "digital_pillars": ("breakthroughs", i18n.N_("Pillar of digital transformation")),
    "priority_gates": ("border-gates", i18n.N_("Priority gate or crossing")),
    "border_crossings": ("border-gates", i18n.N_("Border gate or crossing")),
    "logistics": ("border-gates", i18n.N_("Dry ports and logistics")),
    "tourism": ("tourism", i18n.N_("Tourism")), "spatial_structures": ("urban-system", i18n.N_("Spatial structure")),
    "urban_areas": ("urban-system", i18n.N_("Urban area")), "industry": ("infrastructure", i18n.N_("Industry")),
    "infrastructure": ("infrastructure", i18n.N_("Infrastructure")),
    "environment": ("infrastructure", i18n.N_("Environment")), "facts": ("infrastructure", i18n.N_("Fact")),
    "neighbours": ("", i18n.N_("Neighbour")), "data_notes": ("sources", i18n.N_("Data note")),
    "sources": ("sources", i18n.N_("Source document")), "admin_units": ("commune", i18n.N_("Commune or ward")),
    "plan_statements": ("agriculture", i18n.N_("Plan statement")),  # page by topic: content.STATEMENT_PAGES
    "plan_paragraphs": ("plan", i18n.N_("Paragraph of the decision")),
}
TITLE_FIELDS = ("name", "indicator", "label", "summary", "title", "text", "note")
# Tables a visitor most likely means come first among equally good matches; notes and documents last.
TABLE_RANK = {t: i for i, t in enumerate([
    "admin_units", "border_crossings", "priority_gates", "urban_areas", "tourism", "targets", "spatial_structures",
    "logistics", "industry", "infrastructure", "environment", "breakthroughs", "focus_tasks", "viewpoints",
    "digital_pillars", "goals", "plan_statements", "facts", "neighbours", "actuals", "plan_paragraphs",
    "plan_versions", "sources", "data_notes"])}
FUZZY_MIN = 3  # words this long or longer may carry one slip (an insertion, a deletion or a substitution)
TEXT_FIELDS = ("name", "indicator", "label", "summary", "title", "text", "role", "description", "focus", "route",
               "note", "handling", "partner")


def clean_query(raw: object) -> str:
    """At most :data:`MAX_QUERY` characters, no control characters, whitespace folded."""
    text = raw if isinstance(raw, str) else ""
    text = "".join(c if unicodedata.category(c)[0] != "C" else " " for c in text[:MAX_QUERY])
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class Entry:
    table: str
    row_id: str
    title: dict  # lang -> title text
    texts: dict  # lang -> list of texts (quote_vi goes to both)
    folded: str  # every text of the row, folded, for matching
    folded_titles: str  # both titles, folded, for ranking
    unit_code: str | None = None
    prepared: dict = None  # lang -> ((text, folded text, original index of each folded char), ...)
    page: str | None = None  # where the row is shown, when it is not the table's page
    query: tuple = ()  # the parameters that open the section of the page where it is shown ((key, value), …)


@dataclass(frozen=True)
class Result:
    table: str
    row_id: str
    kind: str
    title: str
    snippet: str
    spans: tuple[tuple[int, int], ...]  # matched spans in the snippet
    page: str
    unit_code: str | None
    query: tuple = ()  # as Entry.query


def _row_texts(row: dict, lang: str) -> list[str]:
    out = []
    for stem in TEXT_FIELDS:
        value = row.get(f"{stem}_{lang}")
        if isinstance(value, str) and value:
            out.append(value)
    if isinstance(row.get("quote_vi"), str):
        out.append(row["quote_vi"])
    if isinstance(row.get("variant"), str):
        out.append(row["variant"])
    if isinstance(row.get("registry_name"), str):
        out.append(row["registry_name"])
    return out


@functools.lru_cache(maxsize=4)
def build_index(pkg: Package) -> tuple[Entry, ...]:
    """Every row of every table that a visitor may look for, once per process."""
    entries = []
    for table in PAGE_OF:
        if table not in pkg.tables:
            continue
        for row in content.records(pkg[table]):
            row_id = row.get("id") or row.get("unit_id")
            titles = {}
            for lang in i18n.LANGS:
                title = next((row[f"{f}_{lang}"] for f in TITLE_FIELDS if row.get(f"{f}_{lang}")), None)
                if table == "plan_paragraphs":  # "Art. 1, section V.5: Sản xuất nông nghiệp …"
                    title = f"{render.format_section(row['section'], lang)}: {title or row['text_vi']}"
                titles[lang] = title or row_id
            texts = {lang: _row_texts(row, lang) for lang in i18n.LANGS}
            titles = {k: (v if len(v) <= 120 else v[:117].rsplit(" ", 1)[0].rstrip(" ,;:") + "…")
                      for k, v in titles.items()}
            folded = fold(" ¦ ".join(texts["vi"] + texts["en"] + [titles["vi"], titles["en"]]))
            prepared = {lang: tuple(_prepare(t) for t in texts[lang]) for lang in i18n.LANGS}
            page = content.STATEMENT_PAGES[row["topic"]] if table == "plan_statements" else None
            entries.append(Entry(table, row_id, titles, texts, folded, fold(titles["vi"] + " ¦ " + titles["en"]),
                                 row.get("code") if table == "admin_units" else None, prepared, page,
                                 tuple(content.shown_in(table, row).items())))
    return tuple(entries)


@functools.lru_cache(maxsize=4)
def vocabulary(pkg: Package) -> tuple[tuple[str, ...], dict[str, frozenset[int]]]:
    """Every folded word of the index, and the entries (by position) each one occurs in."""
    where: dict[str, set[int]] = {}
    for i, e in enumerate(build_index(pkg)):
        for token in set(re.findall(r"[a-z0-9]+", e.folded)):
            where.setdefault(token, set()).add(i)
    return tuple(where), {k: frozenset(v) for k, v in where.items()}


@functools.lru_cache(maxsize=2048)
def _close_entries(pkg: Package, word: str) -> frozenset[int]:
    """Entries holding a word one slip away from ``word`` (bounded cache: typed words repeat)."""
    _tokens, where = vocabulary(pkg)
    near = near_words(pkg, word)
    return frozenset().union(*(where[t] for t in near)) if near else frozenset()


@functools.lru_cache(maxsize=2048)
def near_words(pkg: Package, word: str) -> tuple[str, ...]:
    """Words of the index one slip away from ``word`` (rapidfuzz's Levenshtein distance ≤ 1), itself excluded."""
    if len(word) < FUZZY_MIN or not word.isalnum():
        return ()
    tokens, _where = vocabulary(pkg)
    found = process.extract(word, tokens, scorer=Levenshtein.distance, score_cutoff=1, limit=None)
    return tuple(t for t, _distance, _i in found if t != word)


def _prepare(text: str) -> tuple[str, str, tuple[int, ...]]:
    folded, index = [], []
    for i, ch in enumerate(text):
        piece = fold_char(ch)
        folded.append(piece)
        index.extend([i] * len(piece))
    return text, "".join(folded), tuple(index)


def _spans(prepared: tuple[str, str, tuple[int, ...]], words: list[str]) -> tuple[tuple[int, int], ...]:
    """Where the folded words occur (positions in the original, unfolded text)."""
    _text, folded, index = prepared
    spans = []
    for word in words:
        start = folded.find(word)
        while start != -1 and word:
            spans.append((index[start], index[start + len(word) - 1] + 1))
            start = folded.find(word, start + len(word))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return tuple(merged)


def _snippet(prepared, words: list[str], width: int = 220) -> tuple[str, tuple[tuple[int, int], ...]]:
    text = prepared[0]
    spans = _spans(prepared, words)
    if len(text) <= width or not spans:
        return (text if len(text) <= width else text[:width] + "…"), tuple(s for s in spans if s[1] <= width)
    start = max(0, spans[0][0] - 60)
    cut = ("…" if start else "") + text[start:start + width] + ("…" if start + width < len(text) else "")
    shift = start - (1 if start else 0)
    return cut, tuple((a - shift, b - shift) for a, b in spans if a >= start and b <= start + width)


def search(pkg: Package, query: object, lang: str, limit: int = 60) -> list[Result]:
    """Rows where every word of the query occurs, best first; shown in ``lang``."""
    words = fold(clean_query(query)).split()
    words = [w for w in words if any(ch.isalnum() for ch in w)]
    if not words:
        return []
    index = build_index(pkg)
    near = {w: near_words(pkg, w) for w in words}
    exact = {w: {i for i, e in enumerate(index) if w in e.folded} for w in words}
    candidates = set.intersection(*(exact[w] | _close_entries(pkg, w) for w in words))
    scored = []
    phrase = " ".join(words)
    for i in candidates:
        e = index[i]
        slips = sum(i not in exact[w] for w in words)
        title_hits = sum(w in e.folded_titles for w in words) + (phrase in e.folded_titles)
        scored.append((slips, -title_hits, TABLE_RANK[e.table], len(e.title[lang]), i, e))
    scored.sort(key=lambda s: s[:5])
    results = []
    for slips, *_, e in scored[:limit]:
        marks = words + [t for w in words for t in near[w]
                         if slips and len(t) >= max(FUZZY_MIN, len(w) - 1) and t in e.folded]
        prepared = e.prepared[lang] or e.prepared["vi"] or (_prepare(e.title[lang]),)
        best = next((p for p in prepared if any(w in p[1] for w in marks)), prepared[0])
        snippet, spans = _snippet(best, marks)
        page, kind = PAGE_OF[e.table]
        results.append(Result(e.table, e.row_id, i18n.translate(kind, lang), e.title[lang], snippet, spans,
                              e.page or page, e.unit_code, e.query))
    return results
