"""What each app page says about itself before any script runs (issue #15): components/head.py,
components/app_html.py and components/previews.py, without a server."""

from __future__ import annotations

import io
import json
import re
import threading

import html5lib
from pathlib import Path

import pytest
import streamlit
from PIL import Image

from components import app_html, data, head, i18n, params, previews, reader, site

SLUGS = [slug for _p, _t, slug in site.PAGES + site.HIDDEN_PAGES]
BASE = "https://plan.example.vn"


@pytest.fixture(scope="module")
def pkg():
    return data.package()


def _tags(html: str) -> dict[str, list[str]]:
    """``name``/``property`` → contents of the head's meta tags, and links by rel/hreflang."""
    out: dict[str, list[str]] = {}
    for m in re.finditer(r'<meta (?:name|property)="([^"]+)" content="([^"]*)">', html):
        out.setdefault(m.group(1), []).append(m.group(2))
    for m in re.finditer(r'<link rel="(canonical|alternate)"(?: hreflang="([^"]+)")? href="([^"]+)">', html):
        out.setdefault(m.group(1) + (":" + m.group(2) if m.group(2) else ""), []).append(m.group(3))
    return out


@pytest.mark.parametrize("lang", i18n.LANGS)
@pytest.mark.parametrize("slug", SLUGS)
def test_every_page_has_its_own_head_in_its_language(pkg, slug, lang):
    html = app_html.page_html(slug, lang, {"lang": lang}, BASE)
    meta = head.page_meta(pkg, slug, lang, {})
    _ = i18n.gettext_for(lang)
    page_title = _(next(t for _p, t, s in site.PAGES + site.HIDDEN_PAGES if s == slug))
    assert f'<html lang="{lang}"' in html
    assert html.count("<title>") == 1 and "<title>Streamlit</title>" not in html
    title = re.search(r"<title>(.*?)</title>", html).group(1)
    expected = i18n.translate(head.SITE_NAME, lang) if slug == "" else page_title
    assert expected in title.replace("&amp;", "&")
    tags = _tags(html)
    assert tags["description"][0] and tags["description"] == tags["og:description"]
    assert tags["canonical"] == [f"{BASE}/{slug}?lang={lang}".replace("/?", "/?")]
    assert tags["alternate:vi"] == [f"{BASE}/{slug}?lang=vi"] and tags["alternate:en"] == [f"{BASE}/{slug}?lang=en"]
    assert tags["alternate:x-default"] == [f"{BASE}/{slug}?lang=vi"]
    assert tags["og:image"] == [BASE + meta.image_path] == tags["twitter:image"]
    assert tags["og:locale"] == [{"vi": "vi_VN", "en": "en_GB"}[lang]]
    assert tags["twitter:card"] == ["summary_large_image"]
    # Streamlit's own scripts are kept, and our noscript names the static twin
    assert re.search(r'<script type="module" crossorigin src="\./static/js/index\.[\w-]+\.js"></script>', html)
    assert f'href="{meta.static_path}"' in html
    html5lib.HTMLParser(strict=False).parse(html)


def test_descriptions_are_translated_and_of_search_length(pkg):
    for slug in SLUGS:
        vi, en = (head.page_meta(pkg, slug, lang).description for lang in ("vi", "en"))
        assert vi != en, f"untranslated description for {slug!r}"
        assert 50 <= len(en) <= 220 and 50 <= len(vi) <= 240


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_a_commune_link_names_the_commune(pkg, lang):
    unit = pkg["admin_units"].iloc[0]
    meta = head.page_meta(pkg, "commune", lang, {"unit": unit["code"]})
    assert unit[f"name_{lang}"] in meta.title and unit[f"name_{lang}"] in meta.description
    assert meta.path == f"/commune?lang={lang}&unit={unit['code']}"
    assert meta.static_path == f"/{lang}/commune/{unit['code']}/"
    assert re.fullmatch(rf"/assets/og/commune-{unit['code']}-{lang}\.[0-9a-f]{{8}}\.png", meta.image_path)
    # a code written without its leading zero names the same unit
    assert head.page_meta(pkg, "commune", lang, {"unit": unit["code"].lstrip("0")}).path == meta.path


def test_a_selection_names_what_it_selects_with_a_card_of_its_own(pkg):
    """Issue #15: every query that selects something (a point of the maps, a domain, a kind of data note, a part
    of a long page, a part or paragraph of the decision) has its own title, description and preview card, and
    the card is one the build writes; the static twin of a section the app opens is that section's heading."""
    cards = {m.image_path for m in previews.all_metas(pkg)}
    item_id, tooltip = next(iter(head._map_points(pkg, "en").items()))
    meta = head.page_meta(pkg, "urban-system", "en", {"item": item_id, "layers": "urban,gates"})
    assert tooltip.split("\n")[0] in meta.title and "item=" in meta.path and "layers=urban%2Cgates" in meta.path
    assert meta.description == " · ".join(tooltip.split("\n")[1:]) and meta.image_path in cards
    assert meta.image_path == head.page_meta(pkg, "border-gates", "en", {"item": item_id}).image_path
    domain, name = head.content.DOMAINS[0]
    meta = head.page_meta(pkg, "targets", "vi", {"domain": domain})
    assert i18n.translate(name, "vi") in meta.title and f"domain={domain}" in meta.path and meta.image_path in cards
    assert meta.static_path == f"/vi/targets/#domain-{domain}"
    kind, name, _count = head.content.note_kinds(pkg, "vi")[0]
    meta = head.page_meta(pkg, "sources", "vi", {"notes": kind})
    assert meta.title.startswith(f"Ghi chú dữ liệu: {name} · ") and f"notes={kind}" in meta.path
    assert meta.image_path in cards and meta.static_path == f"/vi/sources/#notes-{kind}"
    every = head.page_meta(pkg, "sources", "en", {"notes": "all"})
    assert every.title.startswith(f"All {len(pkg['data_notes'])} data notes · ") and every.image_path in cards
    assert every.static_path == "/en/sources/"
    assert head.page_meta(pkg, "sources", "en", {"notes": "<b>"}).title == head.page_meta(pkg, "sources", "en").title
    for slug, (key, named) in head.content.PARTS.items():
        for value, title in named:
            meta = head.page_meta(pkg, slug, "vi", {key: value})
            page_title = head.page_meta(pkg, slug, "vi").title
            assert meta.title == f"{i18n.translate(title, 'vi')} · {page_title}" and f"{key}={value}" in meta.path
            assert meta.image_path in cards and meta.static_path == f"/vi/{slug}/#{key}-{value}"
        assert head.page_meta(pkg, slug, "en", {key: "nowhere"}).title == head.page_meta(pkg, slug, "en").title
    # A part of the targets other than the domains', with a domain left in the address: the part, throughout.
    both = head.page_meta(pkg, "targets", "en", {"section": "changes", "domain": domain})
    part = head.page_meta(pkg, "targets", "en", {"section": "changes"})
    assert both.title == part.title and both.title.startswith("What the 2026 adjustment changed · ")
    assert both.image_path == part.image_path and both.static_path == "/en/targets/#section-changes"
    meta = head.page_meta(pkg, "plan", "vi", {"s": "V"})
    assert meta.title.startswith("Mục V · ") and meta.static_path == "/vi/plan/v/" and meta.image_path in cards
    assert meta.description.startswith("V. ")
    paragraph = next(p for p in reader.paragraphs(pkg) if p["part"] == "III" and len(p["text_en"]) > 300)
    meta = head.page_meta(pkg, "plan", "en", {"p": paragraph["id"]})
    assert meta.static_path == f"/en/plan/iii/#{paragraph['id']}" and meta.image_path in cards
    assert meta.description.endswith("…") and paragraph["text_en"].startswith(meta.description[:-1])
    assert f"p={paragraph['id']}" in meta.path and "s=III" in meta.path
    assert meta.image_path == head.page_meta(pkg, "plan", "en", {"s": "III"}).image_path


@pytest.mark.parametrize("query", [
    {"unit": "<script>alert(1)</script>"}, {"item": '"><img src=x onerror=alert(1)>'},
    {"domain": "x" * 10_000}, {"layers": "urban,<b>"}, {"lang": "fr", "unit": "99999"}, {"utm_source": "chat"},
])
def test_untrusted_queries_are_dropped_never_written(pkg, query):
    for slug in ("commune", "urban-system", "targets", ""):
        html = app_html.page_html(slug, query.get("lang"), query, BASE)
        assert "<script>alert" not in html and "onerror=" not in html and "<b>" not in html
        meta = head.page_meta(pkg, slug, query.get("lang", ""), query)
        assert meta.lang == "vi" if query.get("lang") == "fr" else True
        assert "utm_source" not in meta.path and "x" * 100 not in meta.path


def test_hostile_base_address_is_escaped(pkg):
    html = app_html.page_html("", "en", {}, 'https://x.example/"><script>')
    assert '"><script>' not in html


def test_the_head_carries_the_styles_the_backend_address_and_the_preloads():
    html = app_html.page_html("targets", "en", {}, BASE)
    assert "BACKEND_BASE_URL" in html and ".ls-table" in html and "window.__lsCopy" in html
    assert re.search(r'<script type="application/json" id="ls-chunks">\{"preload": \["Html\.[\w-]+\.js"', html)
    # the wide layout is in place before the first run, except where the view lays out its page itself
    assert WIDE_FIRST in html
    for query in ({"kiosk": "1"}, {"embed": "true"}):
        assert WIDE_FIRST not in app_html.page_html("targets", "en", query, BASE)


WIDE_FIRST = "padding-left: 80px !important"


# Element types (as AppTest names them) whose code Streamlit loads only when the first one arrives, and the
# chunk it loads; the other types our pages draw are in Streamlit's main bundle.
ELEMENT_CHUNKS = {"html": "Html", "button_group": "ButtonGroup", "text_input": "TextInput", "page_link": "PageLink",
                  "download_button": "DownloadButton", "selectbox": "Selectbox", "button": "Button"}
IN_THE_BUNDLE = {"root", "main", "sidebar", "event", "vertical", "horizontal", "column", "flex_container", "caption",
                 "divider", "expander", "header", "subheader", "markdown", "title", "tab_container", "tab", "info",
                 "warning", "error", "success", "empty", "block"}


def _types(node, found: set) -> set:
    if getattr(node, "type", None):
        found.add(node.type)
    children = getattr(node, "children", None)
    for child in (children.values() if isinstance(children, dict) else []):
        _types(child, found)
    return found


@pytest.mark.parametrize("slug", SLUGS)
def test_each_page_asks_early_for_the_code_of_what_it_draws_and_no_more(slug):
    """Issue #15: every chunk a page's elements need is asked for while the app connects (no stand-in left
    behind), and none it does not draw (on a slow connection each file costs a round trip)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(data.ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "vi"
    at.run()
    if slug:
        at.switch_page(next(path for path, _t, s in site.PAGES + site.HIDDEN_PAGES if s == slug)).run()
    assert not at.exception
    drawn = _types(at._tree, set())
    assert drawn - IN_THE_BUNDLE <= set(ELEMENT_CHUNKS), drawn - IN_THE_BUNDLE - set(ELEMENT_CHUNKS)
    assert set(app_html.page_chunks(slug)) == {ELEMENT_CHUNKS[t] for t in drawn if t in ELEMENT_CHUNKS}
    html = app_html.page_html(slug, "vi", {"lang": "vi"}, BASE)
    files = json.loads(re.search(r'<script type="application/json" id="ls-chunks">(.*?)</script>', html).group(1))
    assert sorted(name.split(".")[0] for name in files["run"]) == sorted(app_html.page_chunks(slug))
    js = Path(streamlit.__file__).parent / "static" / "static" / "js"
    assert all((js / name).is_file() for name in files["preload"] + files["run"])


@pytest.mark.parametrize("served", [False, True])
def test_the_runs_send_the_styles_and_the_copy_script_only_when_no_head_of_ours_has_them(monkeypatch, served):
    """Under server.py every page's first HTML carries them (a second stylesheet restyles the whole page
    once drawn); under a bare ``streamlit run app.py`` the runs send them."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setattr(app_html, "_heads_served", served)
    at = AppTest.from_file(str(data.ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "vi"
    at.run()
    assert not at.exception
    bodies = [e.proto.body for e in at.get("html")]
    assert any(".ls-table" in b for b in bodies) is not served
    assert any("window.__lsCopy" in b for b in bodies) is not served
    assert any("Chia sẻ trang này" in b for b in bodies)  # the share box itself is drawn either way


def test_routes_cover_every_page_and_nothing_reserved():
    paths = {r.path for r in app_html.page_routes()}
    assert paths == {"/"} | {f"/{slug}" for slug in SLUGS if slug}
    assert not any(p.startswith(("/_stcore", "/static", "/media", "/component")) for p in paths)


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_preview_cards_are_1200_by_630_pngs(pkg, lang):
    png = previews.page_card(pkg, "urban-system", lang)
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.size == (1200, 630)
    assert len(png) < 150_000


def test_every_preview_a_head_names_is_written(pkg, tmp_path):
    written = {p.relative_to(tmp_path).as_posix() for p in previews.write_all(pkg, tmp_path)}
    wanted = {m.image_path.lstrip("/") for m in previews.all_metas(pkg)}
    assert written == wanted and len(wanted) == len({m.image_path for m in previews.all_metas(pkg)})
    points = len(head._map_points(pkg, "en"))
    notes = len(head.content.note_kinds(pkg, "en")) + 1  # each kind of data note, and all of them
    parts = sum(len(named) for _key, named in head.content.PARTS.values())  # each part of a long page
    assert len(wanted) == 2 * (len(SLUGS) + len(pkg["admin_units"]) + len(head.content.DOMAINS) + points
                               + len(reader.PARTS) + notes + parts)


def test_a_preview_is_renamed_when_what_it_shows_changes():
    a = head.preview_name("targets", "en", "Targets to 2030", "Every target")
    assert a != head.preview_name("targets", "en", "Targets to 2030", "Every 2030 target")
    assert a != head.preview_name("targets", "vi", "Targets to 2030", "Every target")
    assert a == head.preview_name("targets", "en", "Targets to 2030", "Every target")


# --- the first HTML survives anything (#18) ---------------------------------------------------------

def _get(app, path: str, query: str = "") -> tuple[int, str]:
    """One GET through an ASGI app, as a server would send it: (status, body). A failure that escapes
    the app after its error page has gone out counts as that page."""
    import asyncio

    sent: list[dict] = []
    asked: list[bool] = []

    async def receive() -> dict:  # the request, then (as a browser that has its answer) a disconnect
        if not asked:
            asked.append(True)
            return {"type": "http.request", "body": b"", "more_body": False}
        while not any(m["type"] == "http.response.body" and not m.get("more_body") for m in sent):
            await asyncio.sleep(0.01)
        return {"type": "http.disconnect"}

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": query.encode(), "root_path": "",
             "headers": [(b"host", b"plan.example.vn")], "client": ("127.0.0.1", 9), "server": ("plan.example.vn", 80)}
    def run() -> None:  # in a thread of its own: the browser tests' event loop may run in this one
        try:
            asyncio.run(app(scope, receive, send))
        except Exception:  # Starlette's error middleware re-raises after answering 500
            pass

    worker = threading.Thread(target=run)
    worker.start()
    worker.join(60)
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    return status, b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body").decode()


@pytest.mark.parametrize(("path", "served_by"), [
    ("/no-such-page", "404"), ("/my-commune", "404"), ("/wp-login.php", "404"), ("/targets/extra", "404"),
    ("/targets/_stcore/health", "404"),
    ("/", "page"), ("/targets", "page"), ("/highlights", "page"), ("/targets/", "streamlit"),  # it redirects to /targets
    ("/_stcore/health", "streamlit"), ("/_stcore/host-config", "streamlit"), ("/static/js/main.js", "streamlit"),
    ("/favicon.png", "streamlit"), ("/manifest.json", "streamlit"), ("/media/x.png", "streamlit"),
    ("/component/x/index.html", "streamlit"), ("/auth/login", "streamlit"), ("/app/static/map-style.json", "streamlit"), ("/vi/no-such-page/", "404"),
])
def test_an_address_nothing_serves_answers_404_and_streamlits_own_are_left_to_it(tmp_path, path, served_by):
    from streamlit.web.server.starlette import starlette_routes

    from components import server

    # every prefix of Streamlit's own routes in this release is left to it
    ours = {p.strip("/") for p in server.STREAMLIT_PREFIXES}
    assert {starlette_routes.BASE_ROUTE_CORE, starlette_routes.BASE_ROUTE_MEDIA, starlette_routes.BASE_ROUTE_STATIC,
            starlette_routes.BASE_ROUTE_COMPONENT, starlette_routes.BASE_ROUTE_APP_STATIC} <= ours
    from starlette.applications import Starlette
    from starlette.responses import PlainTextResponse
    from starlette.routing import Mount

    (tmp_path / "404.html").write_text("<title>Không có trang này · This page does not exist</title>")
    streamlit_stand_in = Mount("/", app=PlainTextResponse("streamlit"))  # what st.App puts after our routes
    app = Starlette(routes=[*server.routes(tmp_path), streamlit_stand_in])
    status, body = _get(app, path, "lang=vi")
    if served_by == "404":
        assert status == 404 and "This page does not exist" in body
    elif served_by == "page":
        assert status == 200 and '<html lang="vi"' in body
    else:
        assert (status, body) == (200, "streamlit")


@pytest.fixture
def broken_data(monkeypatch, data_copy):
    path = data_copy / "targets.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    cells = lines[1].split(",")
    cells[0] = cells[0] + "!"  # an id that breaks its pattern
    lines[1] = ",".join(cells)
    path.write_text("\n".join(lines), encoding="utf-8")
    monkeypatch.setenv(data.DATA_DIR_ENV, str(data_copy))
    data.package.clear()
    yield data_copy
    monkeypatch.delenv(data.DATA_DIR_ENV)
    data.package.clear()


@pytest.fixture
def server_log():
    import logging

    from components import guard

    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append
    guard._logger().addHandler(handler)
    yield records
    guard.LOG.removeHandler(handler)


@pytest.mark.parametrize(("path", "lang"), [("/", "vi"), ("/targets", "en"), ("/commune", "vi")])
def test_a_broken_data_file_still_serves_the_app_shell(broken_data, server_log, path, lang):
    """Issue #18: every app page's own route answered a plain English "500 Internal Server Error"."""
    from starlette.applications import Starlette

    status, html = _get(Starlette(routes=app_html.page_routes()), path, f"lang={lang}")
    assert status == 200, html[:200]
    assert f'<html lang="{lang}"' in html and "Internal Server Error" not in html
    title = re.search(r"<title>(.*?)</title>", html).group(1)
    assert title == i18n.translate(head.SITE_NAME, lang)
    assert ".ls-table" in html and "window.__lsCopy" in html  # the runs count on the head for these
    assert re.search(r'<script type="module" crossorigin src="\./static/js/index\.[\w-]+\.js"></script>', html)
    ref = [r for r in server_log if re.search(r"E-[0-9A-F]{6}", r.getMessage())]
    assert ref and "targets.csv:2:id" in ref[0].getMessage()


def test_an_unexpected_failure_in_a_head_is_logged_with_its_traceback(monkeypatch, server_log):
    from starlette.applications import Starlette

    monkeypatch.setattr(head, "page_meta", lambda *a, **k: 1 / 0)
    status, html = _get(Starlette(routes=app_html.page_routes()), "/tourism", "lang=en&kiosk=1")
    assert status == 200 and '<html lang="en"' in html
    assert server_log and server_log[0].exc_info[0] is ZeroDivisionError


ODD_LANGS = [" en ", "EN", "en\x00", "fr", "x" * 10_000, "\ten\n", "en,vi", "vi "]


@pytest.mark.parametrize("raw", ODD_LANGS, ids=repr)
def test_the_first_html_and_the_app_agree_on_an_odd_language(raw):
    """Issue #18: ``/?lang=%20en%20`` served ``<html lang="vi">`` and a Vietnamese title, then the app ran in
    English. One module (components/params.py) decides for both."""
    from urllib.parse import urlencode

    from starlette.applications import Starlette
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(data.ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = raw
    at.run()
    assert not at.exception
    script = next(e.proto.body for e in at.get("html") if "document.documentElement.lang" in e.proto.body)
    app_lang = re.search(r'document\.documentElement\.lang = "(\w+)";', script).group(1)

    for slug in ("", "targets"):
        status, html = _get(Starlette(routes=app_html.page_routes()), f"/{slug}", urlencode({"lang": raw}))
        assert status == 200 and f'<html lang="{app_lang}"' in html, (slug, app_lang)
        title = re.search(r"<title>(.*?)</title>", html).group(1)
        assert (i18n.translate(head.SITE_NAME, app_lang) in title.replace("&amp;", "&")), title
    assert app_lang == (params.lang(raw) or "vi")


@pytest.mark.parametrize(("query", "ours"), [
    ({"kiosk": "banana"}, True), ({"kiosk": "0"}, True), ({"kiosk": " TRUE "}, False), ({"kiosk": "on"}, False),
    ({"Embed": "TRUE"}, False), ({"embed": "false"}, True),
])
def test_the_first_layout_follows_the_apps_own_reading_of_kiosk_and_embed(query, ours):
    assert (WIDE_FIRST in app_html.page_html("targets", "en", query, BASE)) is ours
