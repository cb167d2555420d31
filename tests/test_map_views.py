"""Map areas that don't freeze phones (issue #15): the static picture first, the deck.gl map when asked.

AppTest cannot draw either map; it sees which elements a page sends. A deck.gl map arrives as an
element of type ``deck_gl_json_chart``; the picture is an ``<img>`` of the static SVG in an HTML block.
"""

from __future__ import annotations

import asyncio
import re
from concurrent.futures import ThreadPoolExecutor
from html import unescape
from urllib.parse import parse_qsl

import pytest
from starlette.requests import Request
from streamlit.testing.v1 import AppTest

from components import data, i18n, maps, static_map, widgets
from tests.conftest import chips

APP = str(data.ROOT / "app.py")
# page -> (map key, the static map's kind, extra query)
MAPS = {"pages/urban-system.py": ("urban", "urban", {}),
        "pages/border-gates.py": ("gates", "gates", {}),
        "pages/commune.py": ("unit", "unit", {"unit": "06184"})}
TITLES = {("urban", "vi"): "Bản đồ hệ thống đô thị", ("urban", "en"): "Map of the urban system",
          ("gates", "vi"): "Bản đồ cửa khẩu", ("gates", "en"): "Map of the border gates",
          ("unit", "vi"): "Vị trí của Xã Đồng Đăng", ("unit", "en"): "Where Đồng Đăng commune lies"}
EXPLORE = {"vi": "Xem bản đồ tương tác", "en": "Explore the map"}
PICTURE_BLOCK = re.compile(r'<div class="ls-mapstatic ls-mapstatic--(\w+)"([^>]*)><img src="(/maps/picture/[^"]+)" '
                           r'width="[\d.]+" height="[\d.]+" decoding="async" alt="([^"]*)"></div>')


def _open(page: str, lang: str, **query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    for key, value in {**MAPS[page][2], **query}.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


EXPLORE_LINK = re.compile(r'<div class="ls-mapbar"><a class="ls-explore" href="([^"]*)" data-ls-set="map=interactive" '
                          r'data-ls-map="(\w+)">([^<]*)</a></div>')


def explore_link(at: AppTest) -> dict:
    """The "Explore the map" link the page sends: its address (unescaped), map key and text."""
    links = [m for e in at.get("html") for m in EXPLORE_LINK.finditer(e.proto.body)]
    assert len(links) <= 1
    if not links:
        return {}
    href, key, text = links[0].groups()
    return {"href": unescape(href), "key": key, "text": unescape(text)}


def explore(at: AppTest) -> AppTest:
    """What following the link does: the same page with its address."""
    href = explore_link(at)["href"]
    assert href.startswith("?")
    for name in list(at.query_params):
        del at.query_params[name]
    for name, value in parse_qsl(href[1:]):
        at.query_params[name] = value
    return at.run()


def decks(at: AppTest) -> list:
    return at.get("deck_gl_json_chart")


def fetch(src: str):
    """What the server answers for a picture's address (its own route, as a browser would ask for it)."""
    from components import server

    path, _sep, query = src.partition("?")
    request = Request({"type": "http", "method": "GET", "scheme": "http", "server": ("127.0.0.1", 8501),
                       "path": path, "root_path": "", "query_string": query.encode(), "headers": [],
                       "path_params": {"name": path.rsplit("/", 1)[1]}})
    with ThreadPoolExecutor(1) as pool:  # the browser tests keep an event loop running in this thread
        return pool.submit(lambda: asyncio.run(server.map_picture(request))).result()


def picture(at: AppTest) -> dict:
    """The map picture the page sends: its kind, marks, address, the SVG the server answers there, alt text."""
    blocks = [m for e in at.get("html") for m in PICTURE_BLOCK.finditer(e.proto.body)]
    assert len(blocks) == 1
    kind, marks, src, alt = blocks[0].groups()
    answer = fetch(unescape(src))
    assert answer.status_code == 200 and answer.media_type.startswith("image/svg+xml")
    return {"kind": kind, "marks": marks, "src": unescape(src), "svg": answer.body.decode("utf-8"),
            "alt": unescape(alt), "cache": answer.headers["Cache-Control"]}


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("page", MAPS)
def test_a_map_page_sends_the_picture_and_no_deck_map_until_asked(page, lang):
    key, kind, _query = MAPS[page]
    at = _open(page, lang)
    assert decks(at) == []
    shown = picture(at)
    assert shown["kind"] == kind and f'data-ls-explore="{key}"' in shown["marks"]
    assert f'lang="{lang}"' in shown["svg"] and shown["alt"].startswith(TITLES[key, lang])
    assert "map" not in at.query_params
    link = explore_link(at)
    assert link["key"] == key and link["text"] == EXPLORE[lang]
    assert dict(parse_qsl(link["href"][1:])) == {**dict(at.query_params), "map": "interactive"}
    assert not [b for b in at.button if b.key and b.key.startswith("map")]  # no widget on the first view
    # and one element: the link, the picture (and on a plan map the layers, downloads, legend and the text
    # under it), no columns or containers for the browser to draw
    first = [e.proto.body for e in at.get("html") if 'class="ls-mapview"' in e.proto.body]
    assert len(first) == 1 and "ls-explore" in first[0] and "ls-mapstatic" in first[0]
    assert len([e for e in at.get("html") if 'class="ls-explore"' in e.proto.body]) == 1
    if key != "unit":
        assert all(part in first[0] for part in ('class="ls-chips"', 'class="ls-downloads"', 'class="ls-legend"',
                                                 'data-ls-set="points=table"'))
    assert not at.columns

    explore(at)
    assert not at.exception
    assert len(decks(at)) == 1
    assert at.query_params["map"] == "interactive"
    assert 'aria-hidden="true"' in picture(at)["marks"]  # the deck map carries the description now
    assert at.button(key=f"mappicture_{key}").label == i18n.gettext_for(lang)("Show the map as a picture")
    assert explore_link(at) == {}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_locators_caveat_is_said_once_by_the_picture_or_under_the_deck_map(lang):
    caveat = i18n.gettext_for(lang)(static_map.CAVEAT)
    visible = lambda text: " ".join(unescape(re.sub(r"<[^>]+>", " ", text)).split())  # noqa: E731
    at = _open("pages/commune.py", lang)
    assert caveat in visible(picture(at)["svg"])
    assert [c.value for c in at.caption if c.value == caveat] == []
    explore(at)
    assert [c.value for c in at.caption if c.value == caveat] == [caveat]  # the deck map covers the picture


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("page", MAPS)
def test_map_interactive_in_the_url_opens_the_deck_map_directly(page, lang):
    at = _open(page, lang, map="interactive")
    assert len(decks(at)) == 1
    assert at.query_params["map"] == "interactive"
    key = MAPS[page][0]
    assert [b.key for b in at.button if b.key and b.key.startswith("map")] == [f"mappicture_{key}"]


def test_the_visitors_choice_is_kept_for_the_session_and_written_to_the_url():
    at = _open("pages/urban-system.py", "en")
    explore(at)
    at.switch_page("pages/tourism.py").run()
    del at.query_params["map"]  # the app's navigation drops it
    at.switch_page("pages/urban-system.py").run()
    assert len(decks(at)) == 1
    assert at.query_params["map"] == "interactive"  # a copied link reproduces the view
    del at.query_params["map"]
    at.switch_page("pages/border-gates.py").run()  # another map: not asked for yet
    assert decks(at) == [] and "map" not in at.query_params

    at.switch_page("pages/urban-system.py").run()
    at.button(key="mappicture_urban").click().run()
    assert decks(at) == [] and "map" not in at.query_params
    assert "data-ls-explore" not in picture(at)["marks"]  # chosen: wide screens don't load it by themselves
    assert explore_link(at)["key"] == "urban"  # and the link is there to ask again


@pytest.mark.parametrize("bad", ["<script>", "static", "INTERACTIVE", ""])
def test_an_unknown_map_mode_is_dropped(bad):
    at = _open("pages/border-gates.py", "vi", map=bad)
    assert decks(at) == [] and "map" not in at.query_params


@pytest.mark.parametrize(("lang", "title", "hint"), [
    ("vi", "Cửa khẩu song phương Chi Ma", "Mở bản đồ tương tác rồi chọn điểm khác"),
    ("en", "Chi Ma bilateral border gate", "Explore the map and select another point"),
])
def test_the_item_card_and_layers_from_the_url_work_with_the_picture(lang, title, hint):
    at = _open("pages/urban-system.py", lang, item="gate_chi_ma", layers="gates,ports")
    assert decks(at) == []
    card = [e.proto.body for e in at.get("html") if '<section class="ls-card' in e.proto.body]
    assert len(card) == 1 and title in card[0] and hint in card[0]
    pkg = data.package()
    assert picture(at)["svg"] == static_map.map_svg(pkg, lang, "urban", layers=("gates", "ports"))
    assert [c["value"] for c in chips(at, "layers") if c["on"]] == ["ports", "gates"]  # what switching it off leaves
    assert dict(parse_qsl(explore_link(at)["href"][1:])) == {"lang": lang, "item": "gate_chi_ma",
                                                             "layers": "gates,ports", "map": "interactive"}
    urban = next(c for c in chips(at, "layers") if c["value"] == "urban,gates,ports")
    assert urban["query"] == {"lang": lang, "item": "gate_chi_ma", "layers": "urban,gates,ports"}
    at.query_params["layers"] = "urban"
    at.run()
    assert picture(at)["svg"] == static_map.map_svg(pkg, lang, "urban", layers=("urban",))
    assert dict(parse_qsl(explore_link(at)["href"][1:]))["layers"] == "urban"  # the link follows the layers
    # The points as a table: a link under the map, drawn when followed (no first view draws ~100 rows), which
    # keeps the view; followed again, it closes the table.
    title = i18n.gettext_for(lang)("Every point on the map, as a table")
    closed = next(e.proto.body for e in at.get("html") if f">{title}</a>" in e.proto.body)
    assert "<table" not in closed and 'aria-expanded="false"' in closed
    link = re.search(r'<a class="ls-expander-link" href="\?([^"]*)" data-ls-set="points=table"', closed)
    assert dict(parse_qsl(unescape(link.group(1)))) == {"lang": lang, "item": "gate_chi_ma", "layers": "urban",
                                                        "points": "table"}
    at.query_params["points"] = "table"
    at.run()
    table = next(e.proto.body for e in at.get("html") if f">{title}</a>" in e.proto.body)
    assert table.count("<tr>") == 1 + len(maps.layer_points(pkg, lang)["urban"])  # the header, the urban areas
    assert 'aria-expanded="true"' in table and 'data-ls-set="points="' in table
    at.query_params["points"] = "<table>"  # anything else: no table, and the address cleaned
    at.run()
    assert "points" not in at.query_params and not any("<table" in e.proto.body for e in at.get("html")
                                                        if f">{title}</a>" in e.proto.body)


def test_the_kiosk_shows_the_deck_map_at_once_without_the_button():
    """A kiosk is a fast machine on a large touch screen made for panning: no picture step there."""
    at = _open("pages/border-gates.py", "en", kiosk="1")
    assert len(decks(at)) == 1
    assert [b for b in at.button if b.key and b.key.startswith("map")] == []
    assert "map" not in at.query_params


def test_the_picture_alt_text_is_escaped_and_marks_are_ours():
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 400" width="360" height="400" role="img">'
           '<title id="t">A &lt;b&gt; &amp; &quot;c&quot;</title><desc id="d">x"y</desc></svg>')
    src = "/maps/picture/urban-vi.svg?layers=urban&v=0123"
    markup = widgets._picture_markup(svg, src, "urban", interactive=False, auto=True, key="urban")
    match = PICTURE_BLOCK.fullmatch(markup)
    assert match and unescape(match.group(4)) == 'A <b> & "c" x"y' and 'data-ls-explore="urban"' in markup
    assert unescape(match.group(3)) == src and "&amp;v=" in markup
    assert "<b>" not in markup and 'x"y' not in markup
    assert widgets._picture_markup(svg, src, "urban", False, auto=False, key="b").count("data-ls-explore") == 0
    assert 'aria-hidden="true"' in widgets._picture_markup(svg, src, "urban", True, auto=True, key="b")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_picture_comes_from_its_own_address_kept_for_good_until_the_drawing_changes(lang):
    """A run sends the picture's address, not the drawing: the browser fetches it after the page's text, and keeps
    it (the address names its version, so a new drawing has a new address)."""
    pkg = data.package()
    at = _open("pages/border-gates.py", lang)
    shown = picture(at)
    assert shown["svg"] == static_map.map_svg(pkg, lang, "gates", layers=maps.DEFAULT_LAYERS["gates"])
    assert shown["src"] == f"/maps/picture/gates-{lang}.svg?v={static_map.picture_version(shown['svg'])}"
    assert shown["cache"] == "public, max-age=31536000, immutable"
    assert "data:image" not in "".join(e.proto.body for e in at.get("html"))
    assert fetch(shown["src"]).headers["X-Content-Type-Options"] == "nosniff"
    stale = fetch(shown["src"].replace("?v=", "?v=0"))  # an old page's address: today's picture, not kept long
    assert stale.status_code == 200 and stale.body == shown["svg"].encode()
    assert "immutable" not in stale.headers["Cache-Control"]
    # the layers chosen are in the address, and the server draws them
    at.query_params["layers"] = "gates,tourism"
    at.run()
    chosen = picture(at)
    assert chosen["src"].startswith(f"/maps/picture/gates-{lang}.svg?layers=gates%2Ctourism&v=")
    assert chosen["svg"] == static_map.map_svg(pkg, lang, "gates", layers=("gates", "tourism"))
    assert chosen["cache"].endswith("immutable")
    # a commune's locator
    unit = _open("pages/commune.py", lang)
    located = picture(unit)
    assert located["src"].startswith(f"/maps/picture/unit-dong_dang-{lang}.svg?v=")
    assert located["svg"] == static_map.map_svg(pkg, lang, "unit", unit_id="dong_dang")


@pytest.mark.parametrize("name", ["urban-fr.svg", "unit-nowhere-vi.svg", "unit--vi.svg", "urban-vi.png", "../x",
                                  "gates-vi.svg.gz", "unit-dong_dang-vi.svg/x", "tourism-vi.svg", "unit-DONG-vi.svg"])
def test_an_unknown_picture_is_a_404(name):
    assert fetch("/maps/picture/" + name).status_code == 404


def test_unknown_layers_in_a_picture_address_are_dropped():
    answer = fetch("/maps/picture/urban-en.svg?layers=%3Cscript%3E,ports&v=x")
    assert answer.status_code == 200
    assert answer.body.decode() == static_map.map_svg(data.package(), "en", "urban", layers=("ports",))


def test_the_map_script_and_styles_come_with_every_page_head_and_not_with_a_run():
    """The map's script and styles are in the head of every app page (the pages change without a new load), so a
    map page's run sends neither: two elements fewer to draw."""
    from components import app_html, site

    html = app_html.page_html("tourism", "vi", {}, "http://127.0.0.1:8501")
    script = (data.ROOT / "static" / "js" / "map-explore.js").read_text(encoding="utf-8").strip()
    assert script in html and "__lsMapExplore" in script and "IntersectionObserver" in script
    assert "st-key-mapbox_" in site.app_css() and '<script>' + script in html
    at = _open("pages/urban-system.py", "en")
    sent = [e.proto.body for e in at.get("html")]
    assert not [b for b in sent if "__lsMapExplore" in b or "st-key-mapbox_" in b and b.startswith("<style>/* The map")]
