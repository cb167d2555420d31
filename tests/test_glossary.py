"""The glossary (locales/glossary.csv) holds across the interface catalog and the content tables.

One list of planning terms, with Decision 339's own wording as the authority (issue #19):
- a glossary term's Vietnamese never sits beside a non-glossary English rendering in the same
  catalog entry or table row (and, for terms marked ``both``, the English term never sits beside
  Vietnamese that lacks the glossary's Vietnamese);
- no Vietnamese or English text uses a rendering the glossary forbids ("hậu cần" for logistics,
  "thị trấn", "bản đồ sơ đồ" …), except inside at least 40 characters quoted verbatim from the decision;
- "Quyết định" is capitalised when it names a decision;
- the wordings #19 replaced because they read as translated do not come back.
``quote_vi`` columns are verbatim extracts of the sources and are left out of every check.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "locales" / "glossary.csv"
CATALOG = ROOT / "locales" / "vi" / "LC_MESSAGES" / "messages.po"
DATA = ROOT / "data"
DECISION = DATA / "sources" / "qd339_2026.txt"
COLUMNS = ("term_vi", "term_en", "also_vi", "also_en", "forbidden_vi", "forbidden_en", "origin", "enforce",
           "where_used", "section", "note")

# Old- and new-style tone placement are the same word ("hoá"/"hóa", "khoẻ"/"khỏe", "thuỷ"/"thủy").
_OLD_TONE = {"oá": "óa", "oà": "òa", "oả": "ỏa", "oã": "õa", "oạ": "ọa", "oé": "óe", "oè": "òe", "oẻ": "ỏe",
             "oẽ": "õe", "oẹ": "ọe", "uý": "úy", "uỳ": "ùy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy"}
_OLD_TONE_RE = re.compile("(?<!q)(?:" + "|".join(_OLD_TONE) + r")(?!\w)")  # "quý" stays
_DASH = re.compile(r"\s*[-‐‑–—]\s*")


def norm_vi(text: str) -> str:
    """Case-folded NFC text with one tone style, one dash and single spaces."""
    text = unicodedata.normalize("NFC", text).casefold()
    text = _OLD_TONE_RE.sub(lambda m: _OLD_TONE[m.group(0)], text)
    text = _DASH.sub("-", text)
    return re.sub(r"\s+", " ", text).strip()


def norm_en(text: str) -> str:
    """Case-folded text where hyphens and dashes count as spaces (``class-II`` = ``class II``)."""
    text = unicodedata.normalize("NFC", text).casefold().replace("’", "'")
    text = re.sub(r"[-‐‑–—/]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _alts(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


def _word(term: str) -> re.Pattern:
    return re.compile(r"(?<!\w)" + re.escape(term) + r"(?!\w)")


def _en_word(term: str) -> re.Pattern:
    """An English term as a word, singular or plural (``park``/``parks``, ``city``/``cities``, ``highways``)."""
    stem = re.escape(term[:-1]) + "(?:y|ys|ies)" if term.endswith("y") else re.escape(term) + "(?:s|es)?"
    return re.compile(r"(?<!\w)" + stem + r"(?!\w)")


def load_glossary(path: Path = GLOSSARY) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        row["_vi"] = norm_vi(row["term_vi"])
        row["_en"] = [norm_en(t) for t in [row["term_en"], *_alts(row["also_en"])]]
        row["_also_vi"] = [norm_vi(t) for t in [row["term_vi"], *_alts(row["also_vi"])]]
    return rows


def catalog_pairs(path: Path = CATALOG) -> list[tuple[str, str, str]]:
    """(Vietnamese, English, where) for every catalog entry; a plural entry gives one pair per English form."""
    with path.open("rb") as f:
        catalog = read_po(f)
    pairs = []
    for m in catalog:
        if not m.id:
            continue
        ids = (m.id,) if isinstance(m.id, str) else tuple(m.id)
        strings = (m.string,) if isinstance(m.string, str) else tuple(m.string)
        for english in ids:
            pairs.append((strings[0] if strings else "", english, f"messages.po: {english[:60]!r}"))
    return pairs


def table_pairs(data_dir: Path = DATA) -> list[tuple[str, str, str]]:
    """(Vietnamese, English, where) for every ``*_vi``/``*_en`` pair of every table, quotes left out."""
    pairs = []
    for path in sorted(data_dir.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            for line, row in enumerate(csv.DictReader(f), start=2):
                for col in row:
                    if col.endswith("_vi") and col != "quote_vi" and f"{col[:-3]}_en" in row:
                        pairs.append((row[col] or "", row[f"{col[:-3]}_en"] or "", f"{path.name}:{line}:{col}"))
    return pairs


# Columns in one language only, on purpose: verbatim quotes, and the translator's notes on the English.
ONE_LANGUAGE_COLUMNS = {"quote_vi", "note_en"}


def unpaired_columns(data_dir: Path = DATA) -> list[str]:
    """``*_vi`` columns without their ``*_en`` (or the other way round): a renamed column would drop out
    of :func:`table_pairs` silently."""
    unpaired = []
    for path in sorted(data_dir.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            header = next(csv.reader(f))
        for col in header:
            if col in ONE_LANGUAGE_COLUMNS or not col.endswith(("_vi", "_en")):
                continue
            other = col[:-3] + ("_en" if col.endswith("_vi") else "_vi")
            if other not in header:
                unpaired.append(f"{path.name}: {col} without {other}")
    return unpaired


def _found_terms(vi: str, glossary: list[dict]) -> list[dict]:
    """The glossary terms in ``vi``, longest first; a term inside a longer one found there is not counted."""
    text, found = norm_vi(vi), []
    for row in sorted(glossary, key=lambda r: -len(r["_vi"])):
        pattern = _word(row["_vi"])
        if pattern.search(text):
            found.append(row)
            text = pattern.sub(lambda m: "\x00" * len(m.group(0)), text)
    return found


# Column names and row references (``target_year``, ``targets:domestic_revenue_growth``) are not words.
_IDENTIFIER = re.compile(r"\b\w+:\w+\b|\b[a-z0-9]+(?:_[a-z0-9]+)+\b")


def inconsistencies(pairs, glossary) -> list[str]:
    """Entries where a glossary term is rendered otherwise than the glossary says."""
    problems = []
    enforced = [g for g in glossary if g["enforce"] in ("vi", "both")]
    both = [g for g in glossary if g["enforce"] == "both"]
    for vi, en, where in pairs:
        if not vi or not en:
            continue
        vi, en = _IDENTIFIER.sub(" ", vi), _IDENTIFIER.sub(" ", en)
        english = norm_en(en)
        for g in _found_terms(vi, enforced):
            if g["_vi"] in norm_vi(en):  # the Vietnamese word quoted in the English (a search example)
                continue
            if not any(_en_word(t).search(english) for t in g["_en"]):
                problems.append(f"{where}: “{g['term_vi']}” without “{g['term_en']}” in: {en[:120]}")
        vietnamese = norm_vi(vi)
        for g in both:
            if _en_word(g["_en"][0]).search(english) and not any(_word(t).search(vietnamese) for t in g["_also_vi"]):
                problems.append(f"{where}: “{g['term_en']}” without “{g['term_vi']}” in: {vi[:120]}")
    return problems


def _decision_text() -> str:
    return norm_vi(DECISION.read_text(encoding="utf-8"))


# A forbidden word passes only inside this many characters of the decision quoted verbatim: a word or a
# short phrase the decision also contains ("Hậu cần" as a label) is a rendering, not a quotation.
QUOTATION_MIN = 40


def quoted_from(text: str, start: int, end: int, decision: str, width: int = QUOTATION_MIN) -> bool:
    """Whether ``text[start:end]`` lies in a stretch of at least ``width`` characters of ``text`` that the
    decision contains verbatim (both normalised). A text shorter than ``width`` is never a quotation."""
    width = max(width, end - start)
    first, last = max(0, end - width), min(start, len(text) - width)
    return any(text[i:i + width] in decision for i in range(first, last + 1))


def forbidden_uses(pairs, glossary, decision: str) -> list[str]:
    """Forbidden renderings in either language; Vietnamese quoted verbatim from the decision is allowed."""
    problems = []
    for g in glossary:
        for bad in _alts(g["forbidden_vi"]):
            pattern = _word(norm_vi(bad))
            for vi, _, where in pairs:
                text = norm_vi(vi)
                for m in pattern.finditer(text):
                    # the decision's own words (e.g. "hậu cần logistics", III.1.c) may be quoted as they stand
                    if not quoted_from(text, m.start(), m.end(), decision):
                        problems.append(f"{where}: “{bad}” (glossary: {g['term_vi']}) in: {vi[:120]}")
        for bad in _alts(g["forbidden_en"]):
            pattern = _en_word(norm_en(bad))
            for _, en, where in pairs:
                if pattern.search(norm_en(en)):
                    problems.append(f"{where}: “{bad}” (glossary: {g['term_en']}) in: {en[:120]}")
    return problems


# Renderings wrong for one English entry though right elsewhere, so not the glossary's to forbid:
# (English entry, case-folded; Vietnamese it must not contain; why).
WRONG_FOR_ENTRY = [
    ("sector", "ngành, lĩnh vực", "the GRDP and employment charts group by the three 'khu vực' of II.2.b; "
                                  "'ngành, lĩnh vực' is III's sectors and fields"),
]


def wrong_for_entry(pairs) -> list[str]:
    problems = []
    for vi, en, where in pairs:
        for english, bad, why in WRONG_FOR_ENTRY:
            if norm_en(en) == english and _word(norm_vi(bad)).search(norm_vi(vi)):
                problems.append(f"{where}: “{bad}” for “{en}” ({why})")
    return problems


# Wordings #19 replaced because they read as translated or spoken: (Vietnamese, what to write instead).
RETIRED_VI = [
    ("mang theo bên mình", "a phone-handover label says what it does: “Xem tiếp trên điện thoại”"),
    ("có lẽ", "a note states a possibility: “có thể”"),
    ("thông qua {", "a route is “qua {area}”; “thông qua” is “by means of”"),
    ("nói gì", "a heading states the content: “Nội dung quy hoạch về …”"),
]


def retired_wordings(pairs) -> list[str]:
    problems = []
    for vi, _, where in pairs:
        text = norm_vi(vi)
        problems += [f"{where}: “{bad}” ({instead}) in: {vi[:120]}" for bad, instead in RETIRED_VI if bad in text]
    return problems


# "quyết định" in lower case reads as the verb "decide"; naming a decision it is capitalised.


def lower_case_decisions(pairs) -> list[str]:
    """Entries whose English names a decision while the Vietnamese writes ``quyết định`` in lower case."""
    problems = []
    for vi, en, where in pairs:
        names_a_decision = re.search(r"\bdecision\b", en, re.IGNORECASE)
        for m in re.finditer(r"(?<!\w)quyết định(?!\w)", vi):
            after = vi[m.end():m.end() + 12]
            if names_a_decision or re.match(r" (?:số )?\d| này(?!\w)", after):
                problems.append(f"{where}: lower-case “quyết định” naming the decision in: {vi[:120]}")
                break
        if re.search(r"(?<!\w)quy hoạch 2024(?!\w)", vi):
            problems.append(f"{where}: “Quy hoạch 2024” is a name, capitalised, in: {vi[:120]}")
    return problems


# --- the glossary itself -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def glossary():
    return load_glossary()


@pytest.fixture(scope="module")
def pairs():
    return catalog_pairs() + table_pairs()


def test_glossary_has_its_columns_and_one_row_per_term(glossary):
    assert list(glossary[0])[:len(COLUMNS)] == list(COLUMNS)
    terms = [g["_vi"] for g in glossary]
    assert len(terms) == len(set(terms)), "a term is listed twice"
    assert len(glossary) >= 60
    for g in glossary:
        assert g["term_vi"] and g["term_en"], g
        assert g["origin"] in ("decision", "ours", "other"), g["term_vi"]
        assert g["enforce"] in ("", "vi", "both"), g["term_vi"]


def test_every_decision_term_is_found_in_the_decision_where_the_glossary_says(glossary):
    """A term marked ``decision`` is in the stored text, and cites sections of Art. 1–4 or the preamble."""
    decision = _decision_text()
    missing = [g["term_vi"] for g in glossary if g["origin"] == "decision" and g["_vi"] not in decision]
    assert missing == []
    cited = re.compile(r"^(Preamble|Art\.[1-4](?: [IVX]+)?(?:\.\d+)?(?:\.[a-zđ])?)$")
    for g in glossary:
        if g["origin"] == "decision":
            sections = [s.strip() for s in g["section"].split(";")]
            assert sections and all(cited.match(s) for s in sections), g["term_vi"]


def test_forbidden_renderings_are_not_glossary_renderings(glossary):
    for g in glossary:
        assert not set(map(norm_vi, _alts(g["forbidden_vi"]))) & set(g["_also_vi"]), g["term_vi"]
        assert not set(map(norm_en, _alts(g["forbidden_en"]))) & set(g["_en"]), g["term_vi"]


# --- the catalog and the tables follow it ----------------------------------------------------------


def test_every_catalog_entry_and_table_column_is_checked():
    """No entry or column drops out of the checks unnoticed (a plural entry, a renamed column)."""
    with CATALOG.open("rb") as f:
        entries = [m for m in read_po(f) if m.id]
    catalog = catalog_pairs()
    assert len(entries) >= 300 and len({p[1] for p in catalog}) >= len(entries)
    assert all(vi and en for vi, en, _ in catalog), "an untranslated catalog entry"
    assert unpaired_columns() == []
    checked = {(where.split(":")[0], where.split(":")[2]) for _, _, where in table_pairs()}
    for path in sorted(DATA.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            header = next(csv.reader(f))
        for col in header:
            if col.endswith("_vi") and col not in ONE_LANGUAGE_COLUMNS:
                assert (path.name, col) in checked, f"{path.name}: {col} is not checked"
    filled = {(w.split(":")[0], w.split(":")[2]) for vi, en, w in table_pairs() if vi.strip() and en.strip()}
    assert filled == checked, f"columns with no filled pair: {sorted(checked - filled)}"


def test_glossary_terms_are_rendered_the_glossary_way(pairs, glossary):
    assert inconsistencies(pairs, glossary) == []


def test_no_text_uses_a_forbidden_rendering(pairs, glossary):
    assert forbidden_uses(pairs, glossary, _decision_text()) == []


def test_quyet_dinh_is_capitalised_when_it_names_the_decision(pairs):
    decision = _decision_text()  # the decision's own paragraphs (plan_paragraphs.text_vi) stay as published
    assert lower_case_decisions([p for p in pairs if norm_vi(p[0]) not in decision]) == []


def test_no_entry_takes_a_rendering_meant_for_another(pairs):
    assert wrong_for_entry(pairs) == []


def test_the_wordings_replaced_in_19_do_not_come_back(pairs):
    assert retired_wordings(pairs) == []


# --- the checks can fail -------------------------------------------------------------------------


def test_the_checks_catch_planted_violations(glossary):
    planted = [
        ("Hậu cần, cảng cạn", "Logistics", "planted:1"),
        ("Vị trí: điểm thị trấn trong danh bạ", "position: town point in a gazetteer", "planted:2"),
        ("Bản đồ sơ đồ: vị trí gần đúng", "Schematic map: positions are approximate", "planted:3"),
        ("Mục tiêu đến năm 2030", "Targets to 2030", "planted:4"),
        ("Các khu công nghiệp", "Industrial zones", "planted:5"),
        ("công trình quyết định nêu tại đây", "sites the decision places here", "planted:6"),
        # a word the decision also contains is not thereby a quotation of it
        ("Hậu cần", "Supply services", "planted:7"),
        ("dịch vụ hậu cần", "logistics services", "planted:8"),
        ("(3 trong số đó thuộc 5 cửa khẩu ưu tiên)", "(3 of them among the 5 priority gates)", "planted:9"),
        ("Ngành, lĩnh vực", "Sector", "planted:10"),
        ("Mang theo bên mình", "Take it with you", "planted:11"),
        ("danh sách đầy đủ có lẽ nằm trong phụ lục", "the full list is presumably in an annex", "planted:12"),
        ("thông qua {area}", "through {area}", "planted:13"),
        ("Quy hoạch nói gì về vùng kinh tế", "What the plan says for its economic zone", "planted:14"),
        ("Phương hướng phát triển nông nghiệp", "Orientation for agriculture", "planted:15"),
        ("Định hướng phát triển du lịch", "Plans for tourism", "planted:16"),
    ]
    decision = _decision_text()
    found = inconsistencies(planted, glossary) + forbidden_uses(planted, glossary, decision) \
        + lower_case_decisions(planted) + wrong_for_entry(planted) + retired_wordings(planted)
    for _, _, where in planted:
        assert any(p.startswith(where + ":") for p in found), where
    # and the decision's own words stay allowed: a long enough stretch, or a whole paragraph of it
    verbatim = [("trung tâm dịch vụ cửa khẩu và hậu cần logistics quốc gia", "logistics", "verbatim:1"),
                ("Phát triển đồng bộ hệ thống các khu thương mại, kho bãi, vận tải đường bộ, đường sắt, các loại "
                 "hình dịch vụ, hậu cần, trung tâm logistics chất lượng cao,", "… logistics …", "verbatim:2")]
    assert forbidden_uses(verbatim, glossary, decision) == []
    assert wrong_for_entry([("Phương hướng phát triển ngành, lĩnh vực", "Directions for sectors and fields",
                             "right:1")]) == []


def test_a_quotation_needs_forty_characters_of_the_decision():
    decision = norm_vi("… phát triển trung tâm dịch vụ cửa khẩu và hậu cần logistics quốc gia và quốc tế …")
    text = norm_vi("trung tâm dịch vụ cửa khẩu và hậu cần logistics quốc gia")
    start = text.index("hậu cần")
    assert quoted_from(text, start, start + 7, decision)
    assert not quoted_from("hậu cần", 0, 7, decision)  # the whole entry, but no quotation
    assert not quoted_from("hậu cần cho dịch vụ cửa khẩu và kho bãi", 0, 7, decision)
