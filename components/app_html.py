"""The app's HTML before any script runs: Streamlit's ``index.html`` with each page's own head.

Served by our own routes ahead of Streamlit's (``st.App(routes=...)``): every app page (``/``,
``/targets``, ``/commune?unit=…``) answers with the same scripts and styles Streamlit would send,
but with ``<html lang>``, title, description, canonical, ``hreflang``, Open Graph and Twitter
tags and a ``<noscript>`` of its own (:mod:`components.head`). Paths that are not app pages are
left to Streamlit. When a head cannot be built (a broken data file, anything unexpected), the page still
answers 200 with Streamlit's plain index in the page's language and the site's name, and the failure goes
to the server log under a reference (:func:`components.guard.report`): the app loads, and its guard shows
the visitor one calm message instead of a bare "500 Internal Server Error".

Streamlit's frontend looks for its server by probing ``/<page>/_stcore/health`` and
``/<page>/_stcore/host-config`` before the root ones: two 404s and two round trips on every deep
link. Answering those probes as the root ones does not help: the frontend then takes ``/<page>``
for its base path and opens its websocket there. So each page tells the frontend where the server
is (``static/js/backend-base.js``, inlined before Streamlit's bundle) and the probes never happen.
"""

from __future__ import annotations

import functools
import os
import re
from html import escape
from pathlib import Path

from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route

from components import data, guard, head, i18n, params, seo, site


@functools.cache
def streamlit_index() -> str:
    """Streamlit's own ``index.html`` (its hashed script and style names change with each release)."""
    import streamlit

    return (Path(streamlit.__file__).parent / "static" / "index.html").read_text(encoding="utf-8")


def base_url(request: Request) -> str:
    """The public address: ``PLAN_PUBLIC_URL`` when set (behind a proxy), else what the request names."""
    configured = os.environ.get(seo.PUBLIC_URL_ENV, "").strip()
    if configured.startswith(("http://", "https://")):
        return configured.rstrip("/")
    return str(request.base_url).rstrip("/")


# Streamlit loads each element's code when the element first arrives, and draws a 40 px stand-in until it
# has. Each page names the chunks of the elements it draws (static/js/early-chunks.js loads them while the app
# connects), and no others: on a slow connection every file costs a round trip. tests/test_head.py checks
# these lists against what each page draws.
COMMON_CHUNKS = ("Html",)  # our blocks: the page's top (pages, language switch, search form), the text
PAGE_CHUNKS = {"highlights": ("PageLink",)}
PRELOAD = COMMON_CHUNKS + tuple(sorted({c for extra in PAGE_CHUNKS.values() for c in extra}))


def page_chunks(slug: str) -> tuple[str, ...]:
    """The element chunks the app page ``slug`` draws."""
    return COMMON_CHUNKS + PAGE_CHUNKS.get(slug, ())


def _chunk_files(names: tuple[str, ...]) -> list[str]:
    """The hashed file of each named chunk in this Streamlit release."""
    import streamlit

    js = Path(streamlit.__file__).parent / "static" / "static" / "js"
    return [hit.name for name in names for hit in sorted(js.glob(f"{name}.*.js"))[:1]]


@functools.cache
def preload_links(names: tuple[str, ...] = PRELOAD) -> str:
    """The chunks our pages draw, and what they import (less what index.html loads), for
    ``static/js/early-chunks.js``: it asks for them once Streamlit's own bundle has run, so that when the
    first elements arrive their code is ready and Streamlit draws them at once instead of behind a 40 px
    stand-in, without slowing the bundle itself down on a slow connection."""
    import json

    import streamlit

    js = Path(streamlit.__file__).parent / "static" / "static" / "js"
    index = streamlit_index()
    todo = _chunk_files(names)
    seen: list[str] = []
    while todo:
        name = todo.pop(0)
        if name in seen or not (js / name).exists():
            continue
        seen.append(name)
        todo += re.findall(r'(?:from|import)\s*"\./([\w.-]+\.js)"', (js / name).read_text(encoding="utf-8"))
    files = {"preload": [n for n in seen if f"static/js/{n}" not in index], "run": _chunk_files(names)}
    code = (site.ROOT / "static" / "js" / "early-chunks.js").read_text(encoding="utf-8")
    # Our own file names (Streamlit's hashed chunks), never anything from a request; "<" cannot occur.
    return (f'<script type="application/json" id="ls-chunks">{json.dumps(files)}</script>'
            f'<script type="module">{code.strip()}</script>')


def _own_layout(query: dict[str, str]) -> bool:
    """The kiosk (as :mod:`components.params` reads ``?kiosk=``) and the embed view (as Streamlit's frontend
    reads ``?embed=true``: name and value in any case) lay their pages out themselves."""
    embed = any(isinstance(v, str) and k.lower() == "embed" and v.lower() == "true" for k, v in query.items())
    return embed or params.kiosk_flag(query.get("kiosk")) is not None


# in static/js/, before Streamlit's bundle
HEAD_SCRIPTS = ("backend-base.js", "no-icon-font.js", "soft-links.js", "nav-strip.js", "map-explore.js", "copy.js")

# Set by server.py, whose routes answer every app page with page_html (or plain_html): the app's stylesheet
# and the share box's copy script are then in the head of every page, and the app's runs do not send them
# again (widgets.chrome, widgets.footer). Under a bare ``streamlit run app.py`` they still do.
_heads_served = False


def serve_heads() -> None:
    global _heads_served
    _heads_served = True


def heads_served() -> bool:
    return _heads_served


@functools.cache
def _head_scripts() -> str:
    """Our inline scripts (each kept in its own file): the server's address for Streamlit's frontend, no icon
    font, links between app pages that move within the running app (given the app's page paths), the page
    shown brought into view in a phone's row of pages, the map pictures that load the interactive map on wide
    screens, and the share box's copy buttons."""
    import json

    pages = escape(json.dumps([slug for _p, _t, slug in site.PAGES + site.HIDDEN_PAGES]), quote=True)
    attributes = {"soft-links.js": f' data-pages="{pages}"'}
    return "".join(f"<script{attributes.get(name, '')}>"
                   f"{(site.ROOT / 'static' / 'js' / name).read_text(encoding='utf-8').strip()}</script>"
                   for name in HEAD_SCRIPTS)


def page_html(slug: str, lang: str | None, query: dict[str, str], base: str) -> str:
    """The raw HTML of one app page: Streamlit's index with this page's head."""
    meta = head.page_meta(data.package(), slug, lang or "", query)
    # Our styles are in place before the first paint: no jump when they arrive with the first run.
    styles = site.app_css()
    if not _own_layout(query):
        styles += (site.CSS_DIR / "first-paint.css").read_text(encoding="utf-8")
    styles = f"<style>{styles}</style>"
    return head.render_index(streamlit_index(), meta, base,
                             extra_head=styles + _head_scripts() + preload_links(page_chunks(meta.slug)))


def plain_html(lang: str) -> str:
    """Streamlit's own index with only the language, the site's name, our styles and scripts: what a page
    answers when its head cannot be built (a broken data file). The app still loads, and its guard shows the
    problem."""
    lang = i18n.resolve_lang(lang)
    title = f"<title>{escape(i18n.translate(head.SITE_NAME, lang))}</title>"
    try:
        title += f"<style>{site.app_css()}</style>" + _head_scripts()
    except OSError:  # pragma: no cover - our own files; without them the frontend finds the server by probing
        pass
    out = re.sub(r'<html lang="[^"]*"', f'<html lang="{lang}"', streamlit_index(), count=1)
    return re.sub(r"<title>.*?</title>", lambda _m: title, out, count=1, flags=re.S)


async def _page(request: Request) -> HTMLResponse:
    slug = request.url.path.strip("/").rsplit("/", 1)[-1]
    query = dict(request.query_params)
    try:
        html = page_html(slug, query.get("lang"), query, base_url(request))
    except Exception as exc:  # never a bare "500 Internal Server Error": the app's shell, logged with a reference
        guard.report(exc)
        html = plain_html(params.lang(query.get("lang")) or i18n.DEFAULT_LANG)
    # Like Streamlit's own index: never cached, since the scripts it names change with a release.
    return HTMLResponse(html, headers={"Cache-Control": "no-cache"})


def page_routes() -> list[Route]:
    """One route per app page; any other path falls through to Streamlit."""
    routes = [Route("/", _page, methods=["GET", "HEAD"])]
    routes += [Route(f"/{slug}", _page, methods=["GET", "HEAD"])
               for _p, _t, slug in site.PAGES + site.HIDDEN_PAGES if slug]
    return routes
