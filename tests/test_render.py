"""HTML builders escape everything that comes from data, URLs or search boxes."""

from __future__ import annotations

import pytest

from components import render

HOSTILE = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(1)>']


def _cite(text="trích dẫn"):
    return render.Citation("Quyết định 339/QĐ-UBND", "Điều 1, mục II.2.b", text)


@pytest.mark.parametrize("bad", HOSTILE)
def test_figure_table_escapes_every_cell(bad):
    html = render.figure_table([{"label": bad, "value": bad, "cite": _cite(bad), "note": bad}], "en", caption=bad)
    assert "<script" not in html and "<img" not in html and "<svg" not in html
    assert "&lt;" in html


@pytest.mark.parametrize("bad", HOSTILE)
def test_lists_and_chips_escape_every_value(bad):
    html = render.item_list([{"title": bad, "text": bad, "meta": bad, "cite": _cite(bad)}], "vi")
    html += render.chips([bad], bad) + render.kpi_cards([{"label": bad, "value": bad, "cite": _cite(bad)}], "vi")
    html += render.version_table([{"label": bad, "old": bad, "new": bad, "old_cite": _cite(bad),
                                   "new_cite": _cite(bad)}], "vi")
    html += render.info(bad) + render.map_first_view(render.caption(bad), [render.caption(bad)], render.caption(bad),
                                                     render.caption(bad))
    assert "<script" not in html and "<img" not in html and "<svg" not in html


def test_quotes_are_marked_as_vietnamese_on_english_pages():
    html = render.source_details(_cite("đạt khoảng 111.100 tỷ đồng"), "en")
    assert '<blockquote lang="vi">“đạt khoảng 111.100 tỷ đồng”</blockquote>' in html
    assert "<summary>Source: Quyết định 339/QĐ-UBND, Điều 1, mục II.2.b</summary>" in html


@pytest.mark.parametrize(("section", "lang", "shown"), [
    ("Art.1 II.2.b", "vi", "Điều 1, mục II.2.b"),
    ("Art.1 II.2.b", "en", "Art. 1, section II.2.b"),
    ("Art.1 I, footnote 1", "vi", "Điều 1, mục I, chú thích 1"),
    ("Art.3", "en", "Art. 3"),
    ("para 13", "vi", "đoạn 13"),
])
def test_sections_are_cited_in_the_page_language(section, lang, shown):
    assert render.format_section(section, lang) == shown


@pytest.mark.parametrize("bad", HOSTILE)
def test_the_search_form_escapes_its_texts(bad):
    html = render.search_form("/search", bad, bad, 200, {"lang": bad})
    assert "<script" not in html and "<img" not in html and "<svg" not in html
    assert html.startswith('<form class="ls-search" role="search" method="get" action="/search?lang=')
    assert 'name="q" maxlength="200"' in html


@pytest.mark.parametrize("bad", HOSTILE)
def test_the_page_top_escapes_its_texts(bad):
    nav = render.page_nav([(f"/?q={bad}", bad, True), ("/targets", bad, False)], bad)
    switch = render.language_switch([("vi", bad, f"/?lang={bad}"), ("en", bad, "/?lang=en")], "vi", bad)
    html = render.site_top(nav, switch, render.search_form("/search", bad, bad, 200, {"lang": bad}), bad)
    assert "<script" not in html and "<img" not in html and "<svg" not in html
    assert html.startswith('<div class="ls-top"><a class="ls-skip" href="#ls-top-end">')
    assert html.count('aria-current="page"') == 1 and html.endswith('<span id="ls-top-end"></span></div>')


@pytest.mark.parametrize("bad", HOSTILE)
def test_text_blocks_escape_their_texts(bad):
    from components import block_html, layouts

    blocks = [layouts.Heading(bad, 2), layouts.Caption(bad), layouts.Label(bad), layouts.Markdown(f"- **{bad}**"),
              layouts.Expander(bad, [layouts.Markdown(bad)])]
    html = "".join(block_html.text(b, "en") for b in blocks)
    assert "<script" not in html and "<img" not in html and "<svg" not in html


def test_a_collapsed_section_is_html_only_when_it_holds_nothing_but_text():
    from components import block_html, layouts

    text_only = layouts.Expander("Notes", [layouts.Caption("a"), layouts.Label("b")])
    assert block_html.text(text_only, "en") == ('<details class="ls-expander"><summary>Notes</summary>'
                                                '<p class="ls-caption">a</p><p class="ls-label"><strong>b</strong></p>'
                                                "</details>")
    assert block_html.text(layouts.Expander("Map", [layouts.Map("urban")]), "en") is None
    assert block_html.text(layouts.PageLinks(), "en") is None


def test_a_choice_form_escapes_everything_and_selects_the_current_value():
    html = render.choice_form('/plan?lang=vi&x="', "s", "Part <b>", [("I", "I. <i>One</i>"), ('"II"', "Two & two")],
                              '"II"', "Read <this>")
    assert html.startswith('<form class="ls-choose" method="get" action="/plan?lang=vi&amp;x=&quot;">')
    assert "<b>" not in html and "<i>" not in html and "<this>" not in html
    assert '<option value="I">I. &lt;i&gt;One&lt;/i&gt;</option>' in html
    assert '<option value="&quot;II&quot;" selected>Two &amp; two</option>' in html
    assert html.count(" selected") == 1 and '<button type="submit">Read &lt;this&gt;</button>' in html
