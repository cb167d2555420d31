"""The decision paragraph by paragraph: the parser, the table, the checker, the English."""

from __future__ import annotations

import csv
import re

import pytest

from components import data, paragraphs

TEXT = paragraphs.SOURCE_FILE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def parsed() -> list[paragraphs.Paragraph]:
    return paragraphs.parse(TEXT)


@pytest.fixture(scope="module")
def table(pkg):
    return pkg["plan_paragraphs"].sort_values("order")


# --- the parser ----------------------------------------------------------------------------------


def test_paragraphs_joined_in_order_give_back_the_stored_text(parsed):
    assert paragraphs.joined_text(parsed) == data.normalise(TEXT)


def test_every_non_empty_line_belongs_to_exactly_one_paragraph(parsed):
    lines = [n for p in parsed for n in p.lines]
    non_empty = [i for i, line in enumerate(TEXT.split("\n"), start=1) if line.strip()]
    assert lines == non_empty


@pytest.mark.parametrize(("first", "second"), [(35, 37), (75, 77), (135, 137), (293, 295), (709, 711), (739, 741)])
def test_page_break_continuations_are_merged(parsed, first, second):
    hit = next(p for p in parsed if first in p.lines)
    assert second in hit.lines and hit.lines[0] == first


def test_a_lettered_point_is_never_taken_for_a_continuation(parsed):
    assert all(not re.match(r"[a-hđ]\) ", p.text_vi) or p.lines == (p.lines[0],) or p.kind != "paragraph"
               for p in parsed)
    assert next(p for p in parsed if p.id == "a1-ii-2-b").text_vi == "b) Mục tiêu, chỉ tiêu cụ thể"


@pytest.mark.parametrize(("pid", "section", "kind", "start"), [
    ("preamble-p1", "Preamble", "paragraph", "Số: 339"),
    ("a1", "Art.1", "heading", "Điều 1."),
    ("a1-i", "Art.1 I", "heading", "I. PHẠM VI"),
    ("a1-i-fn1", "Art.1 I, footnote 1", "footnote", "¹ Gồm 61 xã"),
    ("a1-ii-1-2", "Art.1 II.1 (2)", "item", "(2) Phát triển nhanh"),
    ("a1-ii-2-b-p2", "Art.1 II.2.b", "paragraph", "+ Tổng sản phẩm trên địa bàn (GRDP)"),
    ("a1-iii-1-c-p4", "Art.1 III.1.c", "paragraph", "- Tiếp tục phát triển 10 cửa khẩu"),
    ("a1-iii-2-dd", "Art.1 III.2.đ", "heading", "đ) Văn hóa"),
    ("a1-iii-3-b-1", "Art.1 III.3.b (1)", "item", "(1) Hành lang kinh tế"),
    ("a1-iii-3-c-2", "Art.1 III.3.c (2)", "item", "(2) Đô thị Hữu Lũng"),
    ("a1-v-5-p1", "Art.1 V.5", "paragraph", "Sản xuất nông nghiệp hàng hóa"),
    ("a1-viii-p2", "Art.1 VIII", "annex_ref", "(Chi tiết tại Phụ lục XVII"),
    ("a1-xi", "Art.1 XI", "heading", "XI. DANH MỤC"),
    ("a2-1-dd", "Art.2 1.đ", "point", "đ) Sở Tài chính"),
    ("a3-2", "Art.3 2", "point", "2. Các nội dung khác"),
    ("recipients-p1", "Recipients", "recipients", "- Như Điều 4;"),
    ("signature-p2", "Signature", "signature", "Nguyễn Cảnh Toàn"),
])
def test_structure_follows_the_decision(parsed, pid, section, kind, start):
    p = next(p for p in parsed if p.id == pid)
    assert (p.section, p.kind) == (section, kind)
    assert p.text_vi.startswith(start)


def test_every_part_of_article_1_is_there_in_order(parsed):
    romans = [p.label for p in parsed if p.kind == "heading" and re.fullmatch(r"Art\.1 [IVX]+", p.section)]
    assert romans == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI"]
    assert [p.label for p in parsed if p.label.startswith("Điều")] == ["Điều 1", "Điều 2", "Điều 3", "Điều 4"]


def test_parents_are_headings_that_come_before(parsed):
    seen = {}
    for p in parsed:
        if p.parent:
            assert p.parent in seen, p.id
            assert seen[p.parent].kind in ("heading", "point", "item"), p.id
        seen[p.id] = p
    assert seen["a1-iii-3-c-1"].parent == "a1-iii-3-c" and seen["a2-1-a"].parent == "a2-1"
    assert seen["a2-1"].parent == "a2" and seen["a1-ii-1"].parent == "a1-ii"


def test_ids_are_url_safe_and_unique(parsed):
    ids = [p.id for p in parsed]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)


@pytest.mark.parametrize(("section", "expected"), [
    ("Art.1 II.2.b", "a1-ii-2-b"), ("Art.1 III.1.c (iii)", "a1-iii-1-c-3"), ("Art.1 IX.3.đ", "a1-ix-3-dd"),
    ("Art.1 I, footnote 1", "a1-i-fn1"), ("Preamble", "preamble"), ("Art.2 1.a", "a2-1-a")])
def test_slug(section, expected):
    assert paragraphs.slug(section) == expected


def test_parser_ids_are_stable_against_the_committed_table(parsed):
    with paragraphs.TABLE_FILE.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["id"] for r in rows] == [p.id for p in parsed]
    assert [r["text_vi"] for r in rows] == [p.text_vi for p in parsed]


# --- the checker ---------------------------------------------------------------------------------


def _copy_data(tmp_path):
    import shutil

    target = tmp_path / "data"
    shutil.copytree(data.DATA_DIR, target)
    return target


def test_checker_finds_a_dropped_paragraph(tmp_path):
    target = _copy_data(tmp_path)
    path = target / "plan_paragraphs.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    dropped = [line for line in lines if not line.startswith("a1-v-7-p1,")]
    path.write_text("".join(dropped), encoding="utf-8")
    _, errors = data.check_package(target, None)
    assert any("joined in order differ" in str(e) and e.path.name == "plan_paragraphs.csv" for e in errors)


def test_checker_finds_an_added_word(tmp_path):
    target = _copy_data(tmp_path)
    path = target / "plan_paragraphs.csv"
    text = path.read_text(encoding="utf-8").replace("Số: 339 /QĐ-UBND", "Số: 339 /QĐ-UBND mới", 1)
    path.write_text(text, encoding="utf-8")
    _, errors = data.check_package(target, None)
    assert any(e.column == "text_vi" for e in errors)


# --- the translation import ----------------------------------------------------------------------


def test_import_joins_the_fragments_of_a_merged_paragraph(parsed, tmp_path):
    tsv = tmp_path / "part.tsv"
    tsv.write_text("35\tOn the proposal of the Director, with Appraisal Report No. 30/BC-HĐTĐ of 12 February\n"
                   "37\t2026 of the Appraisal Council.\n3\tNo.: 339/QĐ-UBND\nbad row\n", encoding="utf-8")
    out, changed, unknown = paragraphs.import_english(parsed, paragraphs.read_tsv(tsv))
    by_id = {p.id: p for p in out}
    assert changed == 2 and unknown == []
    assert by_id["preamble-p17"].text_en.endswith("of 12 February 2026 of the Appraisal Council.")
    assert by_id["preamble-p1"].text_en == "No.: 339/QĐ-UBND"


def test_import_waits_for_every_fragment(parsed, tmp_path):
    tsv = tmp_path / "part.tsv"
    tsv.write_text("35\tOn the proposal of the Director\n", encoding="utf-8")
    out, changed, _ = paragraphs.import_english(parsed, paragraphs.read_tsv(tsv))
    assert changed == 0 and not next(p for p in out if p.id == "preamble-p17").text_en


# --- the reader ----------------------------------------------------------------------------------

from components import reader, render  # noqa: E402


def test_a_permalink_opens_the_part_that_holds_the_paragraph(pkg):
    assert reader.resolve(pkg, None, "a1-v-5-p1") == ("V", "a1-v-5-p1")
    assert reader.resolve(pkg, "III", "a2-1-a") == ("art2", "a2-1-a")
    assert reader.resolve(pkg, "IX", None) == ("IX", None)


@pytest.mark.parametrize("bad", ["<script>", "a1-zz-9", "A1-V", "x" * 500, None, "", "../etc"])
def test_a_bad_permalink_or_part_falls_back_calmly(pkg, bad):
    assert reader.resolve(pkg, bad, bad) == ("preamble", None)


def test_every_paragraph_is_in_exactly_one_part_page(pkg):
    seen = []
    for part in reader.PARTS:
        html = reader.part_html(pkg, part, "en")
        seen += re.findall(r'<section id="([a-z0-9-]+)"', html)
    assert seen == list(pkg["plan_paragraphs"].sort_values("order")["id"])


def test_no_part_page_is_too_heavy_for_a_phone(pkg):
    assert max(len(reader.part_html(pkg, part, "en").encode()) for part in reader.PARTS) < 160_000


def test_figures_point_to_the_paragraph_that_holds_their_quote(pkg):
    refs = reader.figure_refs(pkg)
    assert ("targets", "grdp_2030") in {(r.table, r.row_id) for r in refs["a1-ii-2-b-p2"]}
    assert any(r.table == "admin_units" and r.query for r in refs["a1-i-fn1"])
    placed = {(r.table, r.row_id) for v in refs.values() for r in v}
    quoting = pkg["targets"][pkg["targets"]["source_id"] == "qd339_2026"]
    assert {("targets", i) for i in quoting["id"]} <= placed


def _para(**kw):
    base = {"id": "a1-x-1-p1", "section": "Art.1 X.1", "kind": "paragraph", "text_vi": "Huy động <b>nguồn lực</b>",
            "text_en": "", "note_en": ""}
    return {**base, **kw}


def test_an_untranslated_paragraph_shows_the_vietnamese_with_a_label_never_an_empty_box():
    html = render.reader_part([_para()], "en", {}, reader.default_link, reader.default_page_link, {})
    assert "Not yet translated" in html and "Huy động &lt;b&gt;nguồn lực&lt;/b&gt;" in html
    assert "<b>" not in html


def test_the_english_is_labelled_unofficial_and_the_vietnamese_one_tap_away():
    html = render.reader_part([_para(text_en="Mobilise <resources>", note_en="A choice")], "en", {},
                              reader.default_link, reader.default_page_link, {})
    assert "unofficial translation" in html and "Mobilise &lt;resources&gt;" in html
    assert '<details class="ls-other"><summary>Official Vietnamese text</summary><p lang="vi">' in html
    assert "Translator&#x27;s note" in html and 'href="plan?p=a1-x-1-p1&amp;lang=en"' in html


def test_link_builders_can_be_replaced_for_the_static_edition(pkg):
    html = reader.part_html(pkg, "VIII", "vi", link=lambda pid, lang: f"/{lang}/plan/#{pid}",
                            page_link=lambda page, lang, query=None: f"/{lang}/{page}/")
    assert 'href="/vi/plan/#a1-viii-p1"' in html
    toc = reader.toc_html(pkg, "VIII", "vi", link=lambda pid, lang: f"/{lang}/plan/#{pid}")
    assert 'href="/vi/plan/#a1-ix"' in toc


def test_the_table_of_contents_lists_every_part_and_the_points_of_the_current_one(pkg):
    toc = reader.toc_html(pkg, "III", "vi")
    assert toc.count('<li') >= len(reader.PARTS)
    assert 'href="#a1-iii-1-d"' in toc and 'href="#a1-iv-1"' not in toc
    assert 'aria-current="page"' in toc


def test_the_reader_page_opens_at_a_permalink():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(data.ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "en"
    at.query_params["p"] = "a1-viii-p1"
    at.run()
    at.switch_page("pages/plan.py").run()
    assert not at.exception
    bodies = [e.proto.body for e in at.get("html")]
    # The part chooser is a plain form (no widget): the part shown is selected, and a choice opens
    # /plan?lang=en&s=IX (static/js/soft-links.js keeps the action's language and drops the paragraph).
    chooser = next(b for b in bodies if b.startswith('<form class="ls-choose"'))
    assert 'action="/plan?lang=en"' in chooser and '<select name="s">' in chooser
    assert re.findall(r'<option value="([^"]+)" selected>', chooser) == ["VIII"]
    assert chooser.count("<option ") == len(reader.PARTS) and not at.selectbox
    assert any('id="a1-viii-p1"' in b for b in bodies)
    assert any(b.startswith("<script>") and "scrollIntoView" in b for b in bodies)
    # The reader's styles are the app's (every page's head; here, served without it, the app's one style
    # element), never sent after the text: then a slow run drew the text and restyled it, and the sections moved (a
    # layout shift of 0.155 on a wide screen).
    from components import site

    reader_css = (site.CSS_DIR / "reader.css").read_text(encoding="utf-8")
    assert reader_css in site.app_css()
    assert [b for b in bodies if "<style" in b] == [f"<style>{site.app_css()}</style>"]
    del at.query_params["p"]
    at.query_params["s"] = "IX"
    at.run()
    assert any('id="a1-ix-1"' in e.proto.body for e in at.get("html"))
    chooser = next(e.proto.body for e in at.get("html") if e.proto.body.startswith('<form class="ls-choose"'))
    assert re.findall(r'<option value="([^"]+)" selected>', chooser) == ["IX"]


# --- every source line links to its paragraph ----------------------------------------------------

from components import content  # noqa: E402


def test_every_row_quoting_the_decision_finds_its_paragraph(pkg):
    missing = []
    for name, frame in pkg.tables.items():
        if "quote_vi" not in frame or name == "plan_paragraphs":
            continue
        for row in content.records(frame[frame["source_id"] == "qd339_2026"]):
            if not content.cite(pkg, row, "vi").paragraph:
                missing.append((name, row.get("id")))
    assert missing == []


def test_a_quote_found_twice_goes_where_its_section_says(pkg):
    assert content.quote_paragraphs(pkg, "Lộc Bình", "Art.1 III.3.c", "qd339_2026")[0].startswith("a1-iii-3-c")
    assert content.quote_paragraphs(pkg, "anything", "Art.1 I", "news_plan_conference_2024") == ()


def test_the_source_line_links_to_the_paragraph_in_the_reader(pkg):
    cite = content.cite(pkg, content.record(pkg["targets"], "grdp_2030"), "en")
    assert cite.paragraph == "a1-ii-2-b-p2"
    assert 'href="/plan?p=a1-ii-2-b-p2&amp;lang=en"' in render.source_details(cite, "en")
    static = render.source_details(cite, "vi", link=lambda pid, lang: f"/{lang}/plan/#{pid}")
    assert 'href="/vi/plan/#a1-ii-2-b-p2"' in static
    no_para = render.Citation("News", "para 1", "x")
    assert "<a " not in render.source_details(no_para, "en")


# --- translation quality -------------------------------------------------------------------------

MONTHS = {m: i for i, m in enumerate(["January", "February", "March", "April", "May", "June", "July", "August",
                                       "September", "October", "November", "December"], start=1)}


def _value(token: str, thousands: str, decimal: str) -> float:
    """``111.100`` (vi) / ``111,100`` (en) → 111100; ``3,5`` / ``3.5`` → 3.5; ``06`` → 6."""
    groups = token.split(thousands)
    if len(groups) > 1 and all(len(g) == 3 for g in groups[1:]) and decimal not in groups[-1]:
        token = "".join(groups)
    return float(token.replace(thousands, decimal).replace(decimal, ".", 1) if decimal in token
                 else token.replace(thousands, "."))


def numbers(text: str, lang: str) -> list[float]:
    """Every number written in digits, read in the language's format; English month names count as numbers."""
    thousands, decimal = (".", ",") if lang == "vi" else (",", ".")
    pattern = r"\d+(?:[.,]\d+)*"
    out = []
    if lang == "vi":  # "1 vạn dân" is 10,000 people: the English writes the product
        out += [float(n) * 10_000 for n in re.findall(r"(\d+) vạn\b", text)]
        text = re.sub(r"\d+ vạn\b", " vạn", text)
    for token in re.findall(pattern, text):
        token = token.rstrip(".,")
        if lang == "vi" and re.fullmatch(r"\d+(,\d+)+", token) and not re.fullmatch(r"\d+,\d{1,2}", token):
            out += [float(t) for t in token.split(",")]  # a list "1,2,3" rather than a decimal
            continue
        try:
            out.append(_value(token, thousands, decimal))
        except ValueError:
            out += [float(t) for t in re.findall(r"\d+", token)]
    if lang == "en":
        out += [float(n) for m, n in MONTHS.items() if m in text]
    return out


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("đạt khoảng 111.100 tỷ đồng; 3 - 3,5%; ngày 04 tháng 5", "vi", [111100, 3, 3.5, 4, 5]),
    ("about VND 111,100 billion; 3–3.5%; 4 May", "en", [111100, 3, 3.5, 4, 5]),
    ("khổ 1.435 mm, HDI 0,7 - 0,75, công nghiệp 4.0", "vi", [1435, 0.7, 0.75, 4.0]),
    ("37 giường bệnh trên 1 vạn dân", "vi", [37, 10000]),
])
def test_numbers_are_read_in_each_language_format(text, lang, expected):
    assert sorted(numbers(text, lang)) == sorted(expected)


def _translated(table):
    return [r for r in table.to_dict("records") if isinstance(r["text_en"], str) and r["text_en"]]


def test_every_paragraph_has_english(table):
    missing = [r["id"] for r in table.to_dict("records") if not isinstance(r["text_en"], str) or not r["text_en"]]
    assert missing == [], f"{len(missing)} paragraphs without English, e.g. {missing[:10]}"


def test_every_number_in_the_vietnamese_is_in_the_english(table):
    problems = []
    for r in _translated(table):
        english = set(numbers(r["text_en"], "en"))
        lost = sorted({n for n in numbers(r["text_vi"], "vi") if n not in english})
        if lost:
            problems.append(f"{r['id']}: {lost}")
    assert problems == [], "\n".join(problems)


def _marker(text: str, lang: str) -> str:
    m = re.match(r"(Điều \d+\.|[IVX]+\. |\d+\. |[a-hđ]\) |\(\d+\) |[¹²³]|- \+ |- |\+ )", text)
    if not m:
        return ""
    marker = m.group(1)
    return marker.replace("Điều", "Article") if lang == "vi" else marker


def test_section_labels_and_bullets_match(table):
    problems = [f"{r['id']}: {_marker(r['text_vi'], 'vi')!r} vs {r['text_en'][:20]!r}" for r in _translated(table)
                if _marker(r["text_vi"], "vi") and not r["text_en"].startswith(_marker(r["text_vi"], "vi"))]
    assert problems == [], "\n".join(problems)


GLOSSARY = data.ROOT / "locales" / "glossary.csv"


def _glossary_checks():
    """The glossary's own checks (tests/test_glossary.py), run here on the decision's paragraphs alone."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("glossary_checks", data.ROOT / "tests" / "test_glossary.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not GLOSSARY.exists(), reason="locales/glossary.csv is not on this branch yet")
def test_glossary_terms_are_translated_the_glossary_way(table):
    checks = _glossary_checks()
    glossary = checks.load_glossary()
    pairs = [(r["text_vi"], r["text_en"], f"{r['id']}") for r in _translated(table)]
    problems = checks.inconsistencies(pairs, glossary) + checks.forbidden_uses(pairs, glossary,
                                                                               checks._decision_text())
    assert problems == [], f"{len(problems)} paragraphs:\n" + "\n".join(problems[:40])


# --- statements for the sections no other table covered ------------------------------------------


@pytest.mark.parametrize("section", ["Art.1 III.1.d", "Art.1 V.5", "Art.1 IV.2", "Art.1 V.6", "Art.1 V.7",
                                     "Art.1 VIII", "Art.1 X.1", "Art.1 X.2", "Art.1 X.3", "Art.1 X.4", "Art.1 X.5",
                                     "Art.1 X.6", "Art.1 X.7", "Art.1 III.2.a", "Art.1 III.2.h", "Art.1 III.1.b"])
def test_every_section_of_substance_has_rows(pkg, section):
    st_ = pkg["plan_statements"]
    assert (st_["section"] == section).any()


def test_whole_paragraph_statements_carry_the_paragraphs_english(pkg):
    paras = {r["text_vi"].lstrip("-+ "): r for r in pkg["plan_paragraphs"].to_dict("records")}
    for r in pkg["plan_statements"].to_dict("records"):
        p = paras.get(r["text_vi"])
        if p is not None:
            assert r["text_en"] == re.sub(r"^(- \+ |- |\+ )", "", p["text_en"]), r["id"]


def test_every_commune_profile_carries_the_directions_for_every_commune(pkg):
    unit = content.records(pkg["admin_units"])[0]
    profile = content.unit_profile(pkg, unit["id"], "en")
    every = next(s for s in profile if s["title"] == "What the plan asks of every commune")
    titles = [i["title"] for i in every["items"]]
    assert "Commune military command, police and fire-rescue offices" in titles
    assert any("do not list" in (i.get("meta") or "") or "does not list" in (i.get("meta") or "")
               for i in every["items"])


def test_statements_link_to_the_page_that_shows_them(pkg):
    refs = reader.figure_refs(pkg)
    pages = {r.page for r in refs["a1-v-7-p1"] if r.table == "plan_statements"}
    assert pages == {"agriculture"}
    assert {r.page for r in refs["a1-viii-p1"] if r.table == "plan_statements"} == {"sources"}
    # … and the section of that page: Sources shows one topic at a time (?topic=land)
    assert {r.query for r in refs["a1-viii-p1"] if r.table == "plan_statements"} == {(("topic", "land"),)}
    html = reader.part_html(pkg, "VIII", "en")
    assert 'href="sources?topic=land&amp;lang=en"' in html


def test_corrections_replace_draft_wording_and_skip_what_the_translators_changed(parsed):
    ps = [paragraphs.Paragraph(**{**p.__dict__, "text_en": "Step up regional and international linkage."})
          if p.id == "a1-iii-1-b-p6" else p for p in parsed]
    rows = [("a1-iii-1-b-p6", "regional and international linkage", "regional linkage and international linkage"),
            ("a1-x-3-p1", "wording no longer in the draft", "ours")]
    out, skipped = paragraphs.apply_corrections(ps, rows)
    assert next(p for p in out if p.id == "a1-iii-1-b-p6").text_en == \
        "Step up regional linkage and international linkage."
    assert skipped == ["a1-x-3-p1: 'wording no longer in the draft'"]
    again, skipped_again = paragraphs.apply_corrections(out, rows[:1])
    assert again == out and skipped_again == []  # applying twice changes nothing
