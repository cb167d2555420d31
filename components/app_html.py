"""The app's HTML before any script runs: Streamlit's ``index.html`` with each page's own head.

Served by our own routes ahead of Streamlit's (``st.App(routes=...)``): every app page (``/``,
``/targets``, ``/commune?unit=…``) answers with the same scripts and styles Streamlit would send,
but with ``<html lang>``, title, description, canonical, ``hreflang``, Open Graph and Twitter
tags and a ``<noscript>`` of its own (:mod:`components.head`). Paths that are not app pages are
left to Streamlit.

Streamlit's frontend looks for its server by probing ``/<page>/_stcore/health`` and
``/<page>/_stcore/host-config`` before the root ones: two 404s and two round trips on every deep
link. Answering those probes as the root ones does not help: the frontend then takes ``/<page>``
for its base path and opens its websocket there. So each page tells the frontend where the server
is (``static/js/backend-base.js``, inlined before Streamlit's bundle) and the probes never happen.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route

from components import data, head, site

PUBLIC_URL_ENV = "PLAN_PUBLIC_URL"


@functools.cache
def streamlit_index() -> str:
    """Streamlit's own ``index.html`` (its hashed script and style names change with each release)."""
    import streamlit

    return (Path(streamlit.__file__).parent / "static" / "index.html").read_text(encoding="utf-8")


def base_url(request: Request) -> str:
    """The public address: ``PLAN_PUBLIC_URL`` when set (behind a proxy), else what the request names."""
    configured = os.environ.get(PUBLIC_URL_ENV, "").strip()
    if configured.startswith(("http://", "https://")):
        return configured.rstrip("/")
    return str(request.base_url).rstrip("/")


@functools.cache
def _backend_script() -> str:
    """Our one inline script (kept in its own file): the server's address for Streamlit's frontend."""
    code = (site.ROOT / "static" / "js" / "backend-base.js").read_text(encoding="utf-8")
    return f"<script>{code.strip()}</script>"


def page_html(slug: str, lang: str | None, query: dict[str, str], base: str) -> str:
    """The raw HTML of one app page: Streamlit's index with this page's head."""
    meta = head.page_meta(data.package(), slug, lang or "", query)
    return head.render_index(streamlit_index(), meta, base, extra_head=_backend_script())


async def _page(request: Request) -> HTMLResponse:
    slug = request.url.path.strip("/").rsplit("/", 1)[-1]
    query = dict(request.query_params)
    html = page_html(slug, query.get("lang"), query, base_url(request))
    # Like Streamlit's own index: never cached, since the scripts it names change with a release.
    return HTMLResponse(html, headers={"Cache-Control": "no-cache"})


def page_routes() -> list[Route]:
    """One route per app page; any other path falls through to Streamlit."""
    routes = [Route("/", _page, methods=["GET", "HEAD"])]
    routes += [Route(f"/{slug}", _page, methods=["GET", "HEAD"])
               for _p, _t, slug in site.PAGES + site.HIDDEN_PAGES if slug]
    return routes
