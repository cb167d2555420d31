"""Kiosk mode (#9) without a browser: settings, slides, addresses, the QR code, and every kiosk page
through AppTest (no downloads, no search box, links that stay in the kiosk, the attract loop)."""

from __future__ import annotations

import base64
import re
from html import unescape
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import segno
from streamlit.testing.v1 import AppTest

from components import content, data, i18n, kiosk, render
from tests.conftest import html_headings

APP = str(data.ROOT / "app.py")


# --- settings -------------------------------------------------------------------------------------

def test_defaults_are_those_the_issue_asks_for():
    s = kiosk.settings({}, env={})
    assert (s.idle, s.countdown, s.reset_lang) == (90.0, 10.0, "vi")
    assert s.slides == ("vision", "targets", "gates", "map", "tourism")
    assert s.query() == {"kiosk": "1"}


def test_the_url_wins_over_the_environment_which_wins_over_defaults():
    env = {"PLAN_KIOSK_IDLE": "120", "PLAN_KIOSK_SLIDES": "map,gates", "PLAN_KIOSK_LANG": "en"}
    assert kiosk.settings({}, env=env) == kiosk.Settings(idle=120.0, slides=("map", "gates"), reset_lang="en")
    s = kiosk.settings({"idle": "30", "slides": "tourism", "reset_lang": "vi"}, env=env)
    assert (s.idle, s.slides, s.reset_lang) == (30.0, ("tourism",), "vi")


@pytest.mark.parametrize("bad", ["abc", "", "nan", "-5", "0", "1e9", "inf", "90;drop", "<script>", None])
def test_a_bad_time_falls_back_to_the_next_source(bad):
    assert kiosk.settings({"idle": bad, "countdown": bad, "slide": bad}, env={"PLAN_KIOSK_IDLE": "45"}) \
        == kiosk.Settings(idle=45.0)


@pytest.mark.parametrize(("raw", "slides"), [
    ("map,map,gates", ("map", "gates")), ("nothing", kiosk.Settings().slides), (",,", kiosk.Settings().slides),
    (" tourism , vision ", ("tourism", "vision")), ("map,<b>", ("map",)),
])
def test_slides_are_known_ids_in_the_given_order_without_repeats(raw, slides):
    assert kiosk.settings({"slides": raw}, env={}).slides == slides


@pytest.mark.parametrize("bad", ["fr", "EN", "", "vi'"])
def test_an_unknown_reset_language_falls_back(bad):
    assert kiosk.settings({"reset_lang": bad}, env={}).reset_lang == "vi"


def test_settings_survive_a_round_trip_through_the_url():
    s = kiosk.Settings(idle=4.0, countdown=2.5, slide=3.0, slides=("gates", "map"), reset_lang="en")
    assert s.query() == {"kiosk": "1", "idle": "4", "countdown": "2.5", "slide": "3", "slides": "gates,map",
                         "reset_lang": "en"}
    assert kiosk.settings(s.query(), env={}) == s


@pytest.mark.parametrize(("raw", "on"), [("1", True), ("true", True), ("0", False), ("", False), (None, False)])
def test_the_kiosk_flag(raw, on):
    assert kiosk.is_on(raw) is on


# --- the QR code's address ------------------------------------------------------------------------

def test_the_public_address_keeps_the_view_and_drops_the_kiosk():
    query = {"lang": "en", "kiosk": "1", "idle": "4", "slides": "map", "reset_lang": "en", "item": "gate_huu_nghi",
             "layers": "gates", "embed": "true", "embed_options": "hide_loading_screen"}
    assert kiosk.public_address("https://plan.example.vn/ls/", "border-gates", query) == \
        "https://plan.example.vn/ls/border-gates?lang=en&item=gate_huu_nghi&layers=gates"
    assert kiosk.public_address("https://plan.example.vn", "", {"lang": "vi"}) == "https://plan.example.vn/?lang=vi"


@pytest.mark.parametrize("base", [None, "", "javascript:alert(1)", "ftp://x.vn", "plan.example.vn", "https://"])
def test_no_public_address_without_a_web_address(base):
    assert kiosk.public_address(base, "tourism", {"lang": "vi"}) is None


def test_the_qr_code_encodes_the_address_and_is_made_here():
    address = "https://plan.example.vn/tourism?lang=en"
    uri = kiosk.qr_data_uri(address)
    assert uri.startswith("data:image/svg+xml")
    svg = unquote(uri.split(",", 1)[1]) if ";base64" not in uri else base64.b64decode(uri.split(",", 1)[1]).decode()
    assert "<svg" in svg and "http" not in svg.replace("http://www.w3.org/2000/svg", "")
    # The same symbol as segno draws for that address (segno's own encoder is tested upstream).
    assert uri == segno.make_qr(address, error="m").svg_data_uri(scale=6, border=2, dark="#1b2a24", light="#ffffff")
    assert kiosk.qr_data_uri("https://plan.example.vn/?lang=vi") != uri


def test_the_qr_panel_takes_only_an_image_made_here():
    html = render.qr_panel("Take it <with> you", "Scan", "data:image/svg+xml,x", 'QR "code"')
    assert "&lt;with&gt;" in html and "&quot;code&quot;" in html
    with pytest.raises(ValueError):
        render.qr_panel("a", "b", "https://evil.example/qr.png", "c")


# --- slides ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", i18n.LANGS)
@pytest.mark.parametrize("slide_id", kiosk.SLIDES)
def test_every_slide_is_built_from_cited_data_with_a_source_line(pkg, slide_id, lang):
    slide = kiosk.slide(pkg, slide_id, lang)
    assert slide.items and all(isinstance(it["cite"], render.Citation) for it in slide.items)
    word = "Nguồn" if lang == "vi" else "Source"
    assert slide.source.startswith(f"{word}: ")
    for it in slide.items:  # every item's document and section point is named on the visible line
        assert it["cite"].document in slide.source
        assert re.search(r"[IVX]+\.\d(?:\.[a-z])?", it["cite"].section).group(0) in slide.source


def test_slides_show_what_the_pages_show(pkg):
    assert list(kiosk.slide(pkg, "targets", "en").items) == content.headline_figures(pkg, "en")
    assert list(kiosk.slide(pkg, "gates", "vi").items) == content.priority_gates(pkg, "vi")
    assert list(kiosk.slide(pkg, "tourism", "en").items) == content.tourism_figures(pkg, "en")
    assert len(kiosk.slide(pkg, "gates", "en").items) == 5


def test_sections_are_compacted_without_losing_a_point():
    assert kiosk.compact_sections(["Art. 1, section III.1.c (i)", "Art. 1, section III.1.c (ii)",
                                   "Art. 1, section IV.1"]) == "Art. 1, section III.1.c (i), (ii), IV.1"
    assert kiosk.compact_sections(["Điều 1, mục II.2.a", "Điều 1, mục II.3"]) == "Điều 1, mục II.2.a, II.3"
    assert kiosk.compact_sections(["para 3"]) == "para 3"


@pytest.mark.parametrize(("current", "count", "after"), [(0, 5, 1), (4, 5, 0), ("x", 5, 0), (None, 3, 0)])
def test_the_loop_goes_round(current, count, after):
    assert kiosk.next_index(current, count) == after


# --- the app in kiosk mode (AppTest) --------------------------------------------------------------

def _kiosk(page: str | None = None, **query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in {"kiosk": "1", "lang": "vi", **query}.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page).run()
    return at


@pytest.mark.parametrize("lang", i18n.LANGS)
@pytest.mark.parametrize("page", [f"pages/{s or 'overview'}.py" for s in kiosk.PAGES])
def test_kiosk_pages_have_no_downloads_search_box_or_basemap(page, lang):
    at = _kiosk(page, lang=lang)
    assert not at.exception
    assert at.get("download_button") == []
    assert not any(" download>" in e.proto.body for e in at.get("html"))  # nor a chart's download links
    assert at.text_input == [] and at.text_area == []
    assert not any("<form" in e.proto.body for e in at.get("html"))  # nor the page top's search form
    assert [t for t in at.toggle if "basemap" in (t.key or "")] == []
    assert at.query_params["kiosk"] == "1" and at.query_params["lang"] == lang
    links = at.get("page_link")
    assert len(links) >= len(kiosk.PAGES)
    for link in links:  # every link stays in the kiosk, in this language, on a kiosk page
        query = parse_qs(link.proto.query_string)
        assert query["kiosk"] == ["1"] and query["lang"] == [lang], link.proto
        assert link.proto.page.strip("/") in kiosk.PAGES and not link.proto.external
    lists = [e.proto.body for e in at.get("html") if e.proto.body.startswith('<ul class="ls-links"')]
    assert len(lists) == (page == "pages/overview.py")  # the home page's list of pages: plain links
    for body in lists:
        hrefs = [unescape(h) for h in re.findall(r'href="([^"]*)"', body)]
        assert len(hrefs) == len(kiosk.PAGES) - 1
        for href in hrefs:  # every link stays in the kiosk, in this language, on a kiosk page
            url = urlsplit(href)
            assert parse_qs(url.query)["kiosk"] == ["1"] and parse_qs(url.query)["lang"] == [lang], href
            assert url.path.strip("/") in kiosk.PAGES, href


def test_pages_a_kiosk_does_not_show_send_it_home():
    at = _kiosk("pages/search.py")
    assert not at.exception
    assert html_headings(at, 1)[0] == i18n.translate("Lạng Sơn provincial plan 2021–2030, vision to 2050", "vi")
    assert at.text_input == []


def test_bad_kiosk_settings_in_the_url_are_dropped():
    at = _kiosk(idle="soon", slides="<script>", reset_lang="xx", countdown="5")
    assert not at.exception
    assert "idle" not in at.query_params and "slides" not in at.query_params and "reset_lang" not in at.query_params
    assert at.query_params["countdown"] == "5"


def test_the_idle_watcher_gets_checked_settings_and_catalog_texts():
    at = _kiosk("pages/tourism.py", lang="en", idle="30")
    script = next(e.proto.body for e in at.get("html") if "__lsKioskCfg" in e.proto.body)
    config = script.split("window.__lsKioskCfg = ", 1)[1].split(";\n", 1)[0]
    assert '"idle": 30.0' in config and '"mode": "page"' in config
    assert '"keep": "Keep viewing"' in config
    assert '"path": "highlights"' in config and '"lang": "vi"' in config  # the reset goes to the default language


def test_the_attract_loop_shows_one_slide_then_the_next():
    at = _kiosk("pages/highlights.py", slides="targets,gates")
    assert not at.exception
    first = next(e.proto.body for e in at.get("html") if "data-slide=" in e.proto.body)
    assert 'data-slide="targets"' in first
    assert any('class="ls-cta"' in e.proto.body for e in at.get("html"))
    assert at.button == []  # nothing to aim at: a touch anywhere wakes it
    at.run()
    second = next(e.proto.body for e in at.get("html") if "data-slide=" in e.proto.body)
    assert 'data-slide="gates"' in second
    # The touch itself (a page load by the watcher script) is tested in the browser.


def test_without_the_flag_nothing_changes():
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    assert not any("__lsKioskCfg" in e.proto.body for e in at.get("html"))
    assert any('<form class="ls-search"' in e.proto.body for e in at.main.get("html"))  # the search box is there
