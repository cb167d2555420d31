"""Search and "my commune": diacritic-free, variant spellings, hostile input, every unit."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import app_links, html_headings

from components import content, data, render, search

APP = str(data.ROOT / "app.py")


@pytest.mark.parametrize(("text", "folded"), [("Hữu Lũng", "huu lung"), ("Đồng Đăng", "dong dang"),
                                             ("CỬA KHẨU", "cua khau"), ("Lộc Bình", "loc binh")])
def test_folding_drops_case_diacritics_and_d_stroke(text, folded):
    assert search.fold(text) == folded


@pytest.mark.parametrize(("query", "lang", "table", "row_id"), [
    ("huu lung", "vi", "admin_units", "huu_lung"), ("loc binh", "en", "admin_units", "loc_binh"),
    ("Lợi Bắc", "vi", "admin_units", "loi_bac"), ("Trảng Định", "en", "admin_units", "trang_dinh"),
    ("Tuần Sơn", "vi", "admin_units", "tuan_son"), ("Văn Nham", "en", "admin_units", "van_nham"),
    ("mau son", "en", "admin_units", "mau_son"), ("hữu nghị", "vi", "border_crossings", "gate_huu_nghi"),
    ("huu nghi", "en", "border_crossings", "gate_huu_nghi"), ("geopark", "en", "tourism", "unesco_global_geopark_lang_son"),
    ("cửa khẩu", "vi", "border_crossings", None), ("cua khau", "en", "border_crossings", None),
])
def test_queries_find_the_expected_items(pkg, query, lang, table, row_id):
    results = search.search(pkg, query, lang)
    top = [(r.table, r.row_id) for r in results[:5]]
    assert any(t == table and (row_id is None or i == row_id) for t, i in top), top


def test_geopark_is_found_in_both_languages(pkg):
    assert search.search(pkg, "công viên địa chất", "vi")[0].row_id == "unesco_global_geopark_lang_son"
    assert search.search(pkg, "geopark", "vi")[0].row_id == "unesco_global_geopark_lang_son"


@pytest.mark.parametrize("bad", ["", "   ", "<script>alert(1)</script>", "'; DROP TABLE targets; --", "x" * 10_000,
                                 "🏔️🇻🇳", "\x00\x1b[31m\u202e", None, 42, ["huu lung"]])
def test_hostile_or_odd_queries_answer_calmly(pkg, bad):
    results = search.search(pkg, bad, "en")
    assert isinstance(results, list)
    assert len(search.clean_query(bad)) <= search.MAX_QUERY


def test_highlights_are_escaped_text(pkg):
    html = render.search_result("<b>", "<img src=x onerror=alert(1)>", "a <script> b", ((2, 10),))
    assert "<script" not in html and "<img" not in html and "<mark>&lt;script&gt;</mark>" in html


def test_highlight_spans_map_back_to_the_original_text(pkg):
    result = search.search(pkg, "huu nghi", "vi")[0]
    marked = [result.snippet[a:b] for a, b in result.spans]
    assert "Hữu" in marked and "Nghị" in marked


def test_every_variant_spelling_resolves_to_its_unit(pkg):
    for note in content.records(pkg["data_notes"].dropna(subset=["unit_id", "variant"])):
        results = search.search(pkg, note["variant"], "vi")
        assert note["unit_id"] in [r.row_id for r in results if r.table == "admin_units"], note["variant"]


def test_unit_picker_labels_carry_unaccented_names_and_variants(pkg):
    labels = dict(content.unit_choices(pkg))
    assert "huu lung" in labels["06385"] and "Lợi Bắc" in labels["06601"]


def _commune(lang: str, code: str | None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    if code is not None:
        at.query_params["unit"] = code
    at.run()
    at.switch_page("pages/commune.py").run()
    return at


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_unit_opens_and_shows_its_zone_with_a_citation(pkg, lang):
    zone_heading = {"vi": "Vùng kinh tế", "en": "Economic zone"}[lang]
    for unit in content.records(pkg["admin_units"]):
        at = _commune(lang, unit["code"])
        assert not at.exception, unit["id"]
        assert html_headings(at, 2)[0] == unit["registry_name"]
        assert html_headings(at, 3)[0] == zone_heading
        first_block = next(e.proto.body for e in at.get("html") if "ls-items" in e.proto.body)
        assert "ls-src" in first_block, unit["id"]  # the zone comes with its source
        assert at.query_params["unit"] == unit["code"]


@pytest.mark.parametrize("bad", ["99999", "<script>", "06601' OR 1=1", ""])
def test_a_bad_unit_in_the_url_falls_back_to_the_picker(bad):
    at = _commune("en", bad)
    assert not at.exception
    assert not html_headings(at, 2)
    assert "unit" not in at.query_params


def test_search_page_keeps_the_query_in_the_url_and_links_to_the_commune():
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "vi"
    at.query_params["q"] = "huu lung"
    at.run()
    at.switch_page("pages/search.py").run()
    assert not at.exception
    assert at.text_input == []  # the page's field is a plain form, like the page top's: no widget to load
    head = next(e.proto.body for e in at.get("html") if 'class="ls-found"' in e.proto.body)
    assert re.search(r'<form class="ls-search" role="search" aria-label="[^"]+" method="get" action="/search\?lang=vi">'
                     r'<label>[^<]+<input type="search" name="q" value="huu lung"', head)
    assert re.search(r'<p class="ls-found">Tìm thấy \d+ kết quả cho “huu lung”</p>', head)
    assert "Hữu Lũng" in next(e.proto.body for e in at.get("html") if "ls-result" in e.proto.body)
    assert ("commune", {"lang": "vi", "unit": "06385"}) in app_links(at)


@pytest.mark.parametrize(("query", "table", "page", "opens"), [
    ("loi danh may", "data_notes", "sources", "notes"),  # a data note: its kind, which the page opens
    ("duong sat", "infrastructure", "infrastructure", "sector"),  # a railway: the transport part
    ("benh vien", "infrastructure", "infrastructure", "sector"),  # a hospital: social infrastructure
])
def test_a_result_shown_in_one_section_of_its_page_links_to_that_section(query, table, page, opens):
    """The Sources page opens one kind of data note at a time, and long pages one part: a result links to the
    section that shows it, not to a page where it is hidden."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"lang": "en", "q": query})
    at.run()
    at.switch_page("pages/search.py").run()
    assert not at.exception
    hit = next(r for r in search.search(data.package(), query, "en") if r.table == table)
    assert dict(hit.query).keys() == {opens}
    assert (page, {"lang": "en", **dict(hit.query)}) in app_links(at)


def test_every_row_a_section_shows_is_found_in_that_section(pkg):
    """Where a row is shown (content.shown_in) agrees with the pages: the section its search result (and the
    reader) opens shows it: its title, or for a place where industrial parks are focused, the commune's name."""
    from html import unescape

    from components import block_html, layouts

    names = content.unit_names(pkg)
    linked = [e for e in search.build_index(pkg) if e.query]
    assert {k for e in linked for k, _v in e.query} == {"notes", "section", "sector", "topic"}
    for lang in ("vi", "en"):
        for e in linked:
            (key, value), = e.query
            slug = e.page or search.PAGE_OF[e.table][0]
            choice = next(b for b in layouts.walk(layouts.PAGES[slug](pkg, lang))
                          if isinstance(b, layouts.Choice) and b.key == key)
            shown = "".join(block_html.text(b, lang) or "" for b in layouts.walk(choice.shown(value)))
            shown = " ".join(unescape(re.sub(r"<[^>]+>", " ", shown)).split())
            row = content.records(pkg[e.table].loc[pkg[e.table]["id"] == e.row_id])[0]
            wanted = names[row["unit_id"]] if e.row_id.startswith("ip_location_") else e.title[lang].rstrip("…")
            assert " ".join(wanted.split()) in shown, (e.table, e.row_id, key, value, lang)


def test_search_page_draws_twenty_results_at_a_time(pkg):
    """The first 20 results, each with a link to where it is shown, come as one element; a button shows the next
    ones."""
    from components import widgets

    query = "cua khau"
    total = len(search.search(pkg, query, "vi"))
    assert total > 2 * widgets.SEARCH_PAGE  # the query needs more than two pages of results
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "vi"
    at.query_params["q"] = query
    at.run()
    at.switch_page("pages/search.py").run()
    blocks = lambda: [e.proto.body for e in at.get("html") if e.proto.body.startswith('<div class="ls-result"')]  # noqa: E731
    results = lambda: [r for b in blocks() for r in b.split('<div class="ls-result">')[1:]]  # noqa: E731
    assert len(blocks()) == 1 and len(results()) == widgets.SEARCH_PAGE
    assert all(r.count('class="ls-open" href="/') == 1 for r in results())
    assert not at.get("page_link")
    assert at.button[-1].label == "Xem thêm 20 kết quả"
    at.button[-1].click().run()
    assert not at.exception and len(results()) == 2 * widgets.SEARCH_PAGE
    at.button[-1].click().run()
    assert len(results()) == min(total, 3 * widgets.SEARCH_PAGE)
    assert at.query_params["q"] == query
    assert not [b for b in at.button if b.key == "search_more"] or total > 3 * widgets.SEARCH_PAGE


# --- one slip per word, the decision's paragraphs, and the import direction ----------------------


@pytest.mark.parametrize(("query", "table", "row_id"), [
    ("mau sonn", "admin_units", "mau_son"), ("mẫu sơnn", "admin_units", "mau_son"),
    ("huu nghii", "border_crossings", "gate_huu_nghi"), ("dong dangg", "admin_units", "dong_dang"),
    ("geopak", "tourism", "unesco_global_geopark_lang_son")])
def test_one_slip_per_word_still_finds_the_place(pkg, query, table, row_id):
    top = [(r.table, r.row_id) for r in search.search(pkg, query, "vi")[:5]]
    assert any(t == table and (row_id is None or i == row_id) for t, i in top), top


def test_exact_matches_rank_before_matches_with_a_slip(pkg):
    results = search.search(pkg, "son", "vi")
    assert all("son" in search.fold(r.title + " " + r.snippet) for r in results[:10])


def test_two_slips_in_one_word_are_not_forgiven(pkg):
    assert search.near_words(pkg, "geoparkxx") == ()
    assert search.search(pkg, "zzqqxw", "en") == []


def test_the_decisions_paragraphs_are_found_in_both_languages_and_link_to_the_reader(pkg):
    vi = [r for r in search.search(pkg, "thach den", "vi", limit=200) if r.table == "plan_paragraphs"]
    en = [r for r in search.search(pkg, "black grass jelly", "en", limit=200) if r.table == "plan_paragraphs"]
    assert "a1-iii-3-c-p13" in [r.row_id for r in vi] and "a1-iii-3-c-p13" in [r.row_id for r in en]
    assert all(r.page == "plan" for r in vi)
    statement = next(r for r in search.search(pkg, "vung kho khan", "en", limit=200) if r.table == "plan_statements")
    assert statement.page == "agriculture"


def _imports(module: str) -> set[str]:
    import ast

    tree = ast.parse((data.ROOT / "components" / f"{module}.py").read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "components":
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("components."):
            out.add(node.module.split(".", 1)[1])
    return out


def test_search_content_and_exports_import_in_one_direction():
    assert "content" in _imports("search")
    assert not {"search", "content"} & _imports("exports")
    assert "search" not in _imports("content")
