"""Every page in both languages through AppTest: no exception, translated, numbers in the locale."""

from __future__ import annotations

import dataclasses
import re
from html import escape, unescape

import pytest
from babel.messages.pofile import read_po
from streamlit.testing.v1 import AppTest

from tests.conftest import chips, follow_chip, html_headings

from components import block_html, content, data, i18n, layouts, site, widgets

APP = str(data.ROOT / "app.py")

# page script -> {lang: strings that must be on the page}; figures checked in the locale's format.
PAGES = {
    "pages/overview.py": {"vi": ["khoảng 111.100 tỷ đồng", "10–11%/năm", "830.732 ha", "duy trì ở mức 65%"],
                          "en": ["about VND 111,100 billion", "10–11% a year", "830,732 ha", "maintain 65%"]},
    "pages/targets.py": {"vi": ["khoảng 854–856 nghìn người", "75,5 tuổi", "từ 68 năm trở lên", "khoảng 3–3,5%",
                                "0,7–0,75"],
                         "en": ["about 854–856 thousand people", "75.5 years", "about 3–3.5%", "0.7–0.75"]},
    "pages/breakthroughs.py": {"vi": ["Chuyển đổi số và cải thiện mạnh mẽ môi trường đầu tư"],
                               "en": ["Digital transformation"]},
    "pages/border-gates.py": {"vi": ["Ai Diễm", "Nà Ủ", "Bình Nhi Quan", "Yên Trạch"],
                              "en": ["Ai Diễm", "Nà Ủ", "Bình Nhi Quan", "Yên Trạch"]},
    "pages/tourism.py": {"vi": ["khoảng 6.000.000 lượt người", "từ 10.000 tỷ đồng trở lên"],
                         "en": ["about 6,000,000 visits", "at least VND 10,000 billion"]},
    "pages/urban-system.py": {"vi": ["Nông trường Thái Bình", "Lương Văn Tri", "Cai Kinh"],
                              "en": ["Nông trường Thái Bình", "Lương Văn Tri", "Cai Kinh"]},
    "pages/infrastructure.py": {"vi": ["1.435 mm", "khoảng 156 km"], "en": ["1,435 mm", "about 156 km"]},
    "pages/sources.py": {"vi": ["Quyết định 339/QĐ-UBND"], "en": ["Decision 339/QĐ-UBND"]},
    "pages/agriculture.py": {"vi": ["thạch đen, hồi, quế, cây có múi", "Tỷ lệ xã", "60%"],
                             "en": ["black grass jelly", "star anise", "disadvantaged", "60%"]},
    "pages/plan.py": {"vi": ["Căn cứ Luật Quy hoạch ngày 24 tháng 11 năm 2017", "Văn bản tiếng Việt chính thức"],
                      "en": ["Law on Planning", "the dashboard's unofficial translation"]},
}
OPEN_TAB = {"pages/infrastructure.py": 1}  # the figures above are in the Transport part
TITLES = {"pages/overview.py": "Lạng Sơn provincial plan 2021–2030, vision to 2050",
          "pages/targets.py": "Targets to 2030", "pages/breakthroughs.py": "Breakthroughs and focus tasks",
          "pages/border-gates.py": "Border gates and the border economy", "pages/tourism.py": "Tourism",
          "pages/urban-system.py": "Urban system and spatial structure",
          "pages/infrastructure.py": "Industry, infrastructure and environment",
          "pages/sources.py": "Sources and data", "pages/plan.py": "The decision, paragraph by paragraph",
          "pages/agriculture.py": "Agriculture and rural areas"}


def _parts(page: str, lang: str) -> layouts.Choice:
    """The page's parts (a choice with a default: only the chosen part is drawn)."""
    slug = next(s for p, _t, s in site.PAGES if p == page)
    return next(b for b in layouts.walk(layouts.PAGES[slug](data.package(), lang))
                if isinstance(b, layouts.Choice) and b.default)


def _open(page: str, lang: str | None, part: int | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if lang is not None:
        at.query_params["lang"] = lang
    at.run()
    if part is not None:  # the part the address opens (?sector=transport)
        choice = _parts(page, lang)
        at.query_params[choice.key] = choice.options[part][0]
    if page != "pages/overview.py":
        at.switch_page(page).run()
    return at


def page_text(at: AppTest) -> str:
    """Everything a visitor can read: markdown, headings, captions, HTML blocks (tags stripped), labels;
    passages marked as being in another language (quoted originals, the other citation) left out."""
    page_lang = at.query_params.get("lang", "vi")
    other = re.compile(r'<(\w+)[^>]*\blang="(?!' + page_lang + r'")[a-z]+"[^>]*>.*?</\1>', re.S)
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "error"):
        parts += [e.value for e in getattr(at, kind)]
    parts += [unescape(re.sub(r"<[^>]+>", " ", other.sub(" ", e.proto.body))) for e in at.get("html")
              if not e.proto.body.startswith(("<script", "<style"))]
    parts += [e.label for e in at.expander] + [t.label for t in at.tabs]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def english_only_strings() -> list[str]:
    """UI msgids whose Vietnamese differs: none of them may appear on a Vietnamese page."""
    with (i18n.LOCALES_DIR / "vi" / "LC_MESSAGES" / "messages.po").open("rb") as f:
        catalog = read_po(f)
    out = []
    for m in catalog:
        ids = (m.id,) if isinstance(m.id, str) else m.id  # a plural entry: singular and plural
        strings = (m.string,) if isinstance(m.string, str) else m.string
        for msgid in (i for i in ids if i and i not in strings):
            for piece in re.split(r"{\w+}", msgid):
                piece = piece.strip(" :;,.()—-–")
                if len(piece) >= 8 and " " in piece:
                    out.append(piece)
    return out


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_page_renders_in_language(page, lang, english_only_strings):
    at = _open(page, lang, OPEN_TAB.get(page))
    assert not at.exception, at.exception
    _ = i18n.gettext_for(lang)
    assert html_headings(at, 1)[0] == _(TITLES[page])
    text = page_text(at)
    for expected in PAGES[page][lang]:
        assert expected in text, f"{expected!r} missing on {page} ({lang})"
    assert not re.search(r"{\w+}", text), "an unformatted placeholder is on the page"
    if lang == "vi":
        leaked = [s for s in english_only_strings if s in text]
        assert leaked == [], f"English UI text on a Vietnamese page: {leaked[:5]}"
    assert at.query_params["lang"] == lang


def test_vietnamese_is_the_default_language():
    at = _open("pages/overview.py", None)
    assert html_headings(at, 1)[0] == i18n.gettext_for("vi")(TITLES["pages/overview.py"])
    assert at.query_params["lang"] == "vi"


@pytest.mark.parametrize("bad", ["<script>alert(1)</script>", "fr", "", "EN", "vi%00"])
def test_unknown_or_hostile_language_falls_back_to_vietnamese(bad):
    at = _open("pages/overview.py", bad)
    assert not at.exception
    assert at.query_params["lang"] == "vi"
    assert "<script>alert" not in page_text(at)


def _top(at) -> str:
    """The page's top (widgets.site_top): one HTML element, the first the main area shows."""
    shown = [e.proto.body for e in at.main.get("html") if not e.proto.body.startswith(("<script", "<style"))]
    assert shown and shown[0].startswith('<div class="ls-top">'), shown[:1]
    assert sum(body.startswith('<div class="ls-top">') for body in shown) == 1
    return shown[0]


def _switch(at) -> str:
    return re.search(r'<nav class="ls-lang".*?</nav>', _top(at)).group(0)


def _language_links(at) -> dict[str, str]:
    """The language switch's links, language code to address."""
    from html import unescape

    return {code: unescape(href) for href, code in re.findall(r'href="([^"]*)" hreflang="(\w+)"', _switch(at))}


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("page", ["pages/overview.py", "pages/urban-system.py", "pages/sources.py"])
def test_every_page_starts_with_the_list_of_pages_the_switch_and_the_search_box(page, lang):
    """No Streamlit sidebar: the top of the page lists every page (the one shown marked, the language kept),
    then the language switch and the search box, with a way past the list for the keyboard."""
    at = _open(page, lang)
    assert not at.exception
    assert at.sidebar.children == {}
    top = _top(at)
    _ = i18n.gettext_for(lang)
    nav = re.search(r'<nav class="ls-nav" aria-label="([^"]+)"><ul>(.*?)</ul></nav>', top)
    assert nav.group(1) == _("App pages")
    links = re.findall(r'<li><a href="([^"]+)"( aria-current="page")?>([^<]+)</a></li>', nav.group(2))
    assert [(unescape(href), text) for href, _c, text in links] == [
        (site.app_href(slug, {"lang": lang}), escape(_(title), quote=False)) for _p, title, slug in site.PAGES]
    current = next(slug for path, _t, slug in site.PAGES if path == page)
    assert [unescape(href) for href, mark, _t in links if mark] == [site.app_href(current, {"lang": lang})]
    assert set(_language_links(at)) == set(i18n.LANGS)
    assert f'<form class="ls-search" role="search" method="get" action="/search?lang={lang}">' in top
    skip = re.search(r'<a class="ls-skip" href="#([\w-]+)">([^<]+)</a>', top)
    assert skip.group(2) == _("Skip the list of pages") and f'<span id="{skip.group(1)}"></span></div>' in top
    assert top.index("ls-skip") < top.index("ls-nav") < top.index(f'id="{skip.group(1)}"')


def test_the_search_page_has_one_search_box():
    """Its own field, under its title: the top's box would be a second one saying the same."""
    at = _open("pages/search.py", "vi")
    assert "<form" not in _top(at)
    assert sum("<form" in e.proto.body for e in at.main.get("html")) == 1


def test_switching_language_keeps_the_page_and_its_parameters():
    """The switch is two links to this page, one per language, with the page's other parameters; following one
    (a run with its address) shows the page in that language."""
    at = _open("pages/border-gates.py", "vi")
    at.query_params["item"] = "gate_huu_nghi"
    at.run()
    links = _language_links(at)
    assert links == {"vi": "/border-gates?lang=vi&item=gate_huu_nghi", "en": "/border-gates?lang=en&item=gate_huu_nghi"}
    switch = _switch(at)
    assert 'hreflang="vi" lang="vi" aria-current="true">Tiếng Việt</a>' in switch and switch.count("aria-current") == 1
    at.query_params["lang"] = "en"
    at.run()
    assert html_headings(at, 1)[0] == TITLES["pages/border-gates.py"]
    assert _language_links(at)["vi"] == "/border-gates?lang=vi&item=gate_huu_nghi"
    at.query_params["lang"] = "vi"
    at.run()
    assert html_headings(at, 1)[0] == i18n.gettext_for("vi")(TITLES["pages/border-gates.py"])
    assert at.query_params["lang"] == "vi"


def test_document_language_is_set_from_the_checked_language():
    at = _open("pages/tourism.py", "en")
    scripts = [e.proto.body for e in at.get("html") if e.proto.body.startswith("<script")
               and "documentElement.lang" in e.proto.body]
    assert len(scripts) == 1 and 'document.documentElement.lang = "en";' in scripts[0]


def test_data_is_parsed_once_per_process(monkeypatch):
    calls = []
    real = data.read_package
    monkeypatch.setattr(data, "read_package", lambda *a, **k: calls.append(1) or real(*a, **k))
    data.package.clear()
    for page in ("pages/overview.py", "pages/targets.py", "pages/tourism.py"):
        _open(page, "vi")
    assert len(calls) == 1


def test_a_page_layout_is_made_once_per_data_package(monkeypatch):
    """A page run sends the page's HTML; it does not build it again (widgets.page_layout)."""
    made = []
    original = layouts.PAGES["targets"]
    monkeypatch.setitem(layouts.PAGES, "targets", lambda pkg, lang: made.append(lang) or original(pkg, lang))
    at = _open("pages/targets.py", "en")
    first = [e.proto.body for e in at.get("html")]
    at.run()
    assert made == ["en"] and [e.proto.body for e in at.get("html")] == first
    at.query_params["lang"] = "vi"
    at.run()
    assert made == ["en", "vi"]
    data.package.clear()  # new data: the layout is made again
    try:
        at.run()
        assert made == ["en", "vi", "vi"]
    finally:
        data.package.clear()


def test_a_broken_data_file_shows_one_friendly_message(monkeypatch, data_copy):
    path = data_copy / "targets.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",bn_vnd,", ",furlong,", 1), encoding="utf-8")
    monkeypatch.setenv(data.DATA_DIR_ENV, str(data_copy))
    data.package.clear()
    try:
        at = _open("pages/targets.py", "en")
        assert not at.exception
        assert len(at.error) == 1
        assert "targets.csv:2:unit: unknown value 'furlong'" in at.error[0].value
    finally:
        monkeypatch.delenv(data.DATA_DIR_ENV)
        data.package.clear()


def test_streamlit_labels_are_relabelled_on_vietnamese_pages():
    at = _open("pages/overview.py", "vi")
    script = next(e.proto.body for e in at.get("html") if e.proto.body.startswith("<script"))
    assert '"Link to heading": "Liên kết đến mục này"' in script
    assert '"Skip to main content": "Chuyển đến nội dung chính"' in script


def test_a_domain_filter_is_kept_in_the_url():
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "en"
    at.query_params["domain"] = "environment"
    at.run()
    at.switch_page("pages/targets.py").run()
    assert html_headings(at, 3) == ["Environment"]
    shown = chips(at, "domain")
    assert [(c["text"], c["on"]) for c in shown] == [("Every domain", False), ("Economy", False),
                                                     ("Infrastructure", False), ("Society", False),
                                                     ("Environment", True)]
    assert shown[3]["query"] == {"lang": "en", "domain": "society"} and shown[0]["query"] == {"lang": "en"}
    assert not at.get("button_group")  # plain links, no widget
    follow_chip(at, "domain", "Society")
    assert html_headings(at, 3) == ["Society"]
    assert at.query_params["domain"] == "society"
    follow_chip(at, "domain", "Every domain")
    assert html_headings(at, 3) == ["Economy", "Infrastructure", "Society", "Environment"]
    assert "domain" not in at.query_params and chips(at, "domain")[0]["on"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_data_notes_open_by_kind_and_all_at_once(lang):
    """The register of data notes is long: the Sources page first shows only its kinds (with their counts) as
    chips; a kind opens its notes, "all" every one, grouped by kind; a chosen chip closes them again."""
    pkg = data.package()
    kinds = content.note_kinds(pkg, lang)
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("pages/sources.py").run()
    part = [i18n.translate(content.PARTS["sources"][1][0][1], lang)]  # the part shown above: a section's own
    notes_h3 = lambda: [h for h in html_headings(at, 3) if h not in part]  # noqa: E731
    assert html_headings(at, 3) == part
    shown = chips(at, "notes")
    assert [c["text"] for c in shown[:-1]] == [f"{name} ({count})" for _k, name, count in kinds]
    assert shown[-1]["text"] == i18n.gettext_for(lang)("All {count} data notes").format(count=len(pkg["data_notes"]))
    assert not any(c["on"] for c in shown) and notes_h3() == []  # closed: no note drawn
    kind, name, count = kinds[1]
    follow_chip(at, "notes", f"{name} ({count})")
    assert at.query_params["notes"] == kind and notes_h3() == [f"{name} ({count})"]
    heading = f'<h3 id="notes-{kind}">{escape(name)} ({count})</h3>'  # where the static edition's twin leads
    body = next(e.proto.body for e in at.get("html") if heading in e.proto.body)
    notes = body.split(heading, 1)[1].split("</ul>", 1)[0]
    assert notes.startswith('<ul class="ls-items">') and notes.count("<li>") == count
    follow_chip(at, "notes", f"{name} ({count})")  # chosen: closes
    assert "notes" not in at.query_params and notes_h3() == []
    follow_chip(at, "notes", shown[-1]["text"])
    assert at.query_params["notes"] == "all"
    assert notes_h3() == [f"{n} ({c})" for _k, n, c in kinds]
    at.query_params["notes"] = "typo<script>"
    at.run()
    assert not at.exception and "notes" not in at.query_params and notes_h3() == []


@pytest.mark.parametrize("bad", ["<script>", "economy'--", ""])
def test_an_unknown_domain_shows_every_domain(bad):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "en"
    at.query_params["domain"] = bad
    at.run()
    at.switch_page("pages/targets.py").run()
    assert not at.exception
    assert html_headings(at, 3) == ["Economy", "Infrastructure", "Society", "Environment"]
    assert "domain" not in at.query_params  # dropped from the address


def test_map_layers_and_selection_are_kept_in_the_url():
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "en"
    at.query_params["layers"] = "gates,tourism,<bad>"
    at.query_params["item"] = "gate_chi_ma"
    at.run()
    at.switch_page("pages/urban-system.py").run()
    assert not at.exception
    gates, tourism = "Border gates, crossings and lanes (large: priority)", "Mẫu Sơn national tourist area"
    assert [c["text"] for c in chips(at, "layers") if c["on"]] == [gates, tourism]
    assert at.query_params["layers"] == "gates,tourism"  # the unknown name dropped from the address
    card = [e.proto.body for e in at.get("html") if '<section class="ls-card' in e.proto.body]
    assert len(card) == 1 and "Chi Ma" in card[0]
    follow_chip(at, "layers", gates)  # switched off
    assert at.query_params["layers"] == "tourism" and at.query_params["item"] == "gate_chi_ma"
    follow_chip(at, "layers", tourism)
    assert at.query_params["layers"] == "none"  # no layer at all
    assert [c["on"] for c in chips(at, "layers")] == [False] * len(chips(at, "layers"))


def _download_links(at) -> dict[str, str]:
    """Text → address of every download link in the page's HTML blocks."""
    return {unescape(text): unescape(href) for e in at.get("html")
            for href, text in re.findall(r'<a href="([^"]*)" download>([^<]*)</a>', e.proto.body)}


def _answer(handler, request):
    """An async route's answer, run in a thread of its own (the browser tests keep an event loop running in
    this one)."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(handler(request))).result()


def _map_request(path: str, query: str = ""):
    from starlette.requests import Request

    return Request({"type": "http", "method": "GET", "scheme": "http", "server": ("127.0.0.1", 8501), "path": path,
                    "root_path": "", "query_string": query.encode(), "headers": [],
                    "path_params": {"name": path.rsplit("/", 1)[1]}})


@pytest.mark.parametrize(("page", "kind"), [("pages/urban-system.py", "urban-system"),
                                            ("pages/border-gates.py", "border-gates")])
def test_maps_offer_png_and_svg_downloads_named_like_chart_exports(page, kind):
    """Issue #14: journalists download the map as shown, in the page's language; issue #15: as two plain links
    (no download widget), to files the server draws with the layers on."""
    from components import server

    at = _open(page, "en")
    assert not at.exception and not at.get("download_button")
    links = {text: href for text, href in _download_links(at).items() if text.startswith("Map as")}
    png, svg = (f"/maps/lang-son-map-{kind}-en.{fmt}" for fmt in ("png", "svg"))
    assert links == {"Map as PNG image": png, "Map as SVG image": svg}  # the defaults: no ?layers=
    answer = _answer(server.map_download, _map_request(svg))
    assert answer.status_code == 200 and answer.media_type.startswith("image/svg+xml")
    assert answer.headers["Content-Disposition"] == f'attachment; filename="lang-son-map-{kind}-en.svg"'
    text = answer.body.decode("utf-8")
    assert text.startswith("<?xml") and "Decision 339/QĐ-UBND" in text
    # Another choice of layers: the links carry it, and the file shows it (its legend names only those).
    at.query_params["layers"] = "tourism"  # what the layer chips do
    at.run()
    assert _download_links(at)["Map as SVG image"] == svg + "?layers=tourism"
    chosen = _answer(server.map_download, _map_request(svg, "layers=tourism")).body.decode("utf-8")
    assert "Mẫu Sơn national tourist area" in chosen and "Mẫu Sơn national tourist area" not in text
    answer = _answer(server.map_download, _map_request(png, "layers=%3Cb%3E,tourism"))  # unknown names dropped
    assert answer.status_code == 200 and answer.body.startswith(b"\x89PNG")
    assert _answer(server.map_download, _map_request("/maps/lang-son-map-unit-en.png")).status_code == 404


@pytest.mark.parametrize("page", ["pages/overview.py", "pages/infrastructure.py", "pages/tourism.py"])
def test_runs_of_text_are_drawn_as_one_element(page):
    """Streamlit's rendering per element is what keeps a phone busy: a page's headings, captions, text and
    text-only collapsed sections come as HTML runs (components/block_html.py), not one widget each."""
    at = _open(page, "en")
    assert not at.exception
    assert html_headings(at, 1) == [TITLES[page]] and not at.title
    assert not at.header and not at.subheader and not at.markdown  # the title too is HTML, no Markdown element
    assert not at.caption and not at.divider  # the footer too is one HTML element
    runs = [e.proto.body for e in at.get("html") if not e.proto.body.startswith(("<script", "<style"))]
    assert any(len(re.findall(r'<h[23]>|<p class="ls-(?:caption|label)">', b)) >= 2 for b in runs)  # one element
    assert not [e.label for e in at.expander if not e.children], "an empty expander"
    layout = layouts.PAGES[{"pages/overview.py": "", "pages/infrastructure.py": "infrastructure",
                            "pages/tourism.py": "tourism"}[page]](data.package(), "en")
    first_parts = [dataclasses.replace(b, sections=b.sections[:1]) if isinstance(b, layouts.Choice) and b.default
                   else b for b in layout]
    text_only = [b.title for b in layouts.walk(first_parts)
                 if isinstance(b, layouts.Expander) and block_html.is_text(b)]
    drawn = [e.label for e in at.expander]
    assert text_only and not set(text_only) & set(drawn)
    assert all(f"<summary>{escape(t)}</summary>" in "".join(runs) for t in text_only)


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("page", ["pages/infrastructure.py", "pages/sources.py"])
def test_only_the_chosen_part_is_drawn_and_every_part_opens_by_its_chip(page, lang, english_only_strings):
    """A long page's parts are chips (plain links, no tab widget to load): the first part with no choice, each
    other one at ``?sector=``/``?topic=``, under its own heading, and not another part's rows, in the page's
    language. The first part's chip drops the parameter; the chosen chip stays chosen."""
    choice = _parts(page, lang)
    first_rows = [next(block_html.text(b, lang) for b in inner if isinstance(b, layouts.Rows))
                  for _v, inner in choice.sections]
    labels = [label for _v, label in choice.options]
    at = _open(page, lang)
    shown = chips(at, choice.key)
    assert [c["text"] for c in shown] == labels and [c["on"] for c in shown] == [True] + [False] * (len(labels) - 1)
    assert [c["value"] for c in shown] == [""] + [v for v, _l in choice.options[1:]]
    for i, label in enumerate(labels):
        follow_chip(at, choice.key, label)
        assert not at.exception
        assert at.query_params.get(choice.key) == (choice.options[i][0] if i else None)
        drawn = "".join(e.proto.body for e in at.get("html"))
        assert [rows in drawn for rows in first_rows] == [j == i for j in range(len(labels))]
        level = 3 if page == "pages/sources.py" else 2  # the Sources' parts are one section's own
        assert label in html_headings(at, level) and [c["text"] for c in chips(at, choice.key) if c["on"]] == [label]
        if lang == "vi":
            assert [w for w in english_only_strings if w in page_text(at)] == []
    at.query_params[choice.key] = "<b>nowhere</b>"  # an unknown part: the first, and the address cleaned
    at.run()
    assert not at.exception and choice.key not in at.query_params and first_rows[0] in "".join(
        e.proto.body for e in at.get("html"))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_my_commune_opens_a_unit_named_as_typed_and_lists_or_refuses_the_rest(lang):
    """The commune chooser is a plain form (no select box to load): /commune?find=<text>. One unit named: it
    opens and the address says ?unit=; several: links to each; none: the search of the whole plan."""
    _ = i18n.gettext_for(lang)
    at = _open("pages/commune.py", lang)
    form = next(e.proto.body for e in at.get("html") if e.proto.body.startswith('<form class="ls-choose ls-find"'))
    assert f'action="/commune?lang={lang}"' in form and form.count("<option ") == 65 and not at.selectbox
    assert 'value="Xã Hữu Lũng" label="Xã Hữu Lũng' in form and "huu lung" in form
    at.query_params["find"] = "  HUU   lung "
    at.run()
    assert not at.exception and at.query_params["unit"] == "06385" and "find" not in at.query_params
    assert any("Hữu Lũng" in e.proto.body and "ls-card" not in e.proto.body for e in at.get("html"))
    form = next(e.proto.body for e in at.get("html") if e.proto.body.startswith('<form class="ls-choose ls-find"'))
    assert 'name="find" value="Xã Hữu Lũng"' in form
    del at.query_params["unit"]
    at.query_params["find"] = "dong"
    at.run()
    several = content.units_named(data.package(), "dong")
    assert len(several) > 1 and "unit" not in at.query_params
    listed = next(e.proto.body for e in at.get("html") if "ls-links" in e.proto.body and "“dong”" in e.proto.body)
    assert [f"/commune?lang={lang}&unit={c}" for c in several] == re.findall(r'href="([^"]+)"', unescape(listed))
    at.query_params["find"] = '<img src=x onerror="alert(1)">'
    at.run()
    assert not at.exception and not any("<img src=x" in e.proto.body for e in at.get("html"))
    refused = next(e.proto.body for e in at.get("html") if "ls-links" in e.proto.body and "/search?" in e.proto.body)
    assert _("No commune or ward matches “{text}”.").format(text='<img src=x onerror="alert(1)">') in unescape(refused)
