"""The app's own routes, served ahead of Streamlit's by ``st.App`` (see ``server.py`` at the root).

Under ``make run`` the one process serves both editions: the static pages (``/vi/…``, ``/en/…``), their
hashed assets (``/assets/…``), ``/sitemap.xml``, ``/robots.txt`` and the data download from
``build/site``; the map downloads with the layers a visitor chose (``/maps/…``, drawn on demand) and the
pictures the app's map pages show first (``/maps/picture/…``); and
everything else (the app) from Streamlit. In production nginx serves the same files
itself (``deploy/nginx.conf.in``) with the same headers and caching.

The app's pages (``/``, ``/targets``, …) answer with Streamlit's ``index.html`` carrying each page's own head
(``components/app_html.py``). To add a route, append to :func:`routes`;
paths under Streamlit's reserved prefixes (``/_stcore/``, ``/static/``, ``/media/``, ``/component/``) are
refused by ``st.App``. Any other address answers 404 with the bilingual page (:class:`Unknown`), not
Streamlit's index: no "Streamlit" page a search engine keeps, no English dialog over the Overview.
"""

from __future__ import annotations

import functools
import mimetypes
import re
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Match, Route

from components import site

SITE_DIR = site.ROOT / "build" / "site"
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "public, max-age=300"
# The static edition runs no script and loads only its own files (connect-src 'self': crawlers' audit tools
# fetch /robots.txt from within the page).
STATIC_CSP = ("default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
              "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'")
HEADERS = {"Content-Security-Policy": STATIC_CSP, "X-Content-Type-Options": "nosniff",
           "Referrer-Policy": "strict-origin-when-cross-origin",
           "Permissions-Policy": "camera=(), microphone=(), geolocation=()"}
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))
ROOT_FILES = ("/sitemap.xml", "/robots.txt", "/lang-son-plan-data.zip")


def resolve(site_dir: Path, url_path: str) -> Path | None:
    """The file a URL path names inside ``site_dir`` (a folder means its ``index.html``), or None.

    Never a file outside ``site_dir``: ``..``, absolute parts and symlinks out are refused."""
    root = site_dir.resolve()
    try:
        target = (root / url_path.lstrip("/")).resolve()
    except (OSError, ValueError):
        return None
    if target != root and root not in target.parents:
        return None
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def file_response(request: Request, path: Path, status: int = 200, cache: str = REVALIDATE) -> Response:
    """The file, pre-compressed when the browser accepts it and a compressed copy exists."""
    media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if media_type.startswith("text/") or media_type in ("image/svg+xml", "application/xml"):
        media_type += "; charset=utf-8"
    headers = {**HEADERS, "Cache-Control": cache, "Vary": "Accept-Encoding"}
    accepted = request.headers.get("accept-encoding", "")
    for encoding, suffix in ENCODINGS:
        packed = path.with_name(path.name + suffix)
        if encoding in accepted and packed.is_file():
            headers["Content-Encoding"] = encoding
            return FileResponse(packed, status_code=status, media_type=media_type, headers=headers)
    return FileResponse(path, status_code=status, media_type=media_type, headers=headers)


def not_found(request: Request, site_dir: Path) -> Response:
    page = site_dir / "404.html"
    if page.is_file():
        return file_response(request, page, status=404, cache="no-store")
    return Response("Not found. Không có trang này.", status_code=404, media_type="text/plain; charset=utf-8",
                    headers={**HEADERS, "Cache-Control": "no-store"})


def static_handler(site_dir: Path):
    async def handler(request: Request) -> Response:
        path = request.url.path
        if path in ("/vi", "/en"):
            return RedirectResponse(path + "/", status_code=301)
        if path.endswith("/index.html"):
            return RedirectResponse(path[: -len("index.html")], status_code=301)
        target = resolve(site_dir, path)
        if target is None or target.suffix in (".br", ".gz") or target.name.startswith("."):
            return not_found(request, site_dir)
        if path.startswith(site.static_path("vi", "")) or path.startswith(site.static_path("en", "")):
            if not path.endswith("/") and target.name == "index.html":
                return RedirectResponse(path + "/", status_code=301)
        return file_response(request, target, cache=IMMUTABLE if path.startswith("/assets/") else REVALIDATE)

    return handler


MAP_TYPES = {"png": "image/png", "svg": "image/svg+xml; charset=utf-8"}


@functools.cache
def _map_names() -> dict[str, tuple[str, str, str]]:
    """``lang-son-map-urban-system-vi.png`` → (kind, lang, format), for every map that has downloads."""
    from components import maps, static_map

    return {static_map.download_name(kind, lang, fmt): (kind, lang, fmt)
            for kind in maps.DEFAULT_LAYERS for lang in site.STATIC_LANGS for fmt in MAP_TYPES}


@functools.lru_cache(maxsize=64)
def map_file(kind: str, lang: str, layers: tuple[str, ...], fmt: str) -> bytes:
    """One map download, drawn by the static edition's renderer; cached, so a second visitor costs nothing."""
    from components import data, static_map

    if fmt == "png":
        return static_map.map_png(data.package(), lang, kind, layers=layers)
    return static_map.map_svg(data.package(), lang, kind, layers=layers, for_download=True).encode("utf-8")


async def map_download(request: Request) -> Response:
    """``/maps/<file name>?layers=…``: the map with the layers the visitor had on (``?layers=`` as in the page's
    address; unknown names dropped, none given: the map's defaults), as an attachment."""
    from components import maps

    name = request.path_params["name"]
    if name not in _map_names():
        return not_found(request, SITE_DIR)
    kind, lang, fmt = _map_names()[name]
    layers = maps.read_layers(request.query_params.get("layers"), maps.DEFAULT_LAYERS[kind])
    body = await run_in_threadpool(map_file, kind, lang, layers, fmt)
    return Response(body, media_type=MAP_TYPES[fmt],
                    headers={**HEADERS, "Cache-Control": REVALIDATE,
                             "Content-Disposition": f'attachment; filename="{name}"'})


_PICTURE = re.compile(r"(?P<kind>urban|gates)-(?P<lang>vi|en)\.svg"
                      r"|unit-(?P<unit>[a-z0-9_]{1,40})-(?P<ulang>vi|en)\.svg")


@functools.lru_cache(maxsize=256)
def map_picture_file(pkg, kind: str, lang: str, unit_id: str | None, layers: tuple[str, ...]) -> tuple[bytes, str]:
    """A map picture of an app page (:func:`components.static_map.map_svg`, as the page sizes it): its bytes and
    its version (``?v=``). Cached by data package: a second visitor costs nothing (Streamlit's middleware
    compresses it on the way out)."""
    from components import static_map

    options = {"unit_id": unit_id} if kind == "unit" else {"layers": layers}
    svg = static_map.map_svg(pkg, lang, kind, **options)
    return svg.encode("utf-8"), static_map.picture_version(svg)


async def map_picture(request: Request) -> Response:
    """``/maps/picture/<kind>-<lang>.svg?layers=…&v=…`` (a commune's locator: ``unit-<id>-<lang>.svg``): the
    picture an app page shows before its interactive map (``widgets._map_picture`` links it, so that a run
    sends its address, not the drawing, and the browser draws it after the page's text). Kept for good when
    ``?v=`` is the current version; anything unknown is a 404."""
    from components import data, maps

    match = _PICTURE.fullmatch(request.path_params["name"])
    if not match:
        return not_found(request, SITE_DIR)
    pkg = data.package()
    unit_id = match["unit"]
    if unit_id is not None and unit_id not in set(pkg["admin_units"]["id"]):
        return not_found(request, SITE_DIR)
    kind = "unit" if unit_id is not None else match["kind"]
    lang = match["ulang"] or match["lang"]
    layers = () if unit_id is not None else maps.read_layers(request.query_params.get("layers"),
                                                             maps.DEFAULT_LAYERS[kind])
    body, version = await run_in_threadpool(map_picture_file, pkg, kind, lang, unit_id, layers)
    cache = IMMUTABLE if request.query_params.get("v") == version else REVALIDATE
    return Response(body, media_type=MAP_TYPES["svg"], headers={**HEADERS, "Cache-Control": cache})


# What Streamlit serves itself, left to it: its reserved prefixes (which st.App refuses to routes), the app's
# own static files (the map style), the files at the root of its frontend, and its sign-in routes.
STREAMLIT_PREFIXES = ("/_stcore/", "/static/", "/media/", "/component/", "/app/static/", "/auth/")
STREAMLIT_PATHS = ("/_stcore", "/favicon.png", "/manifest.json", "/index.html", "/oauth2callback")
_PAGE_SLUGS = frozenset(site.SLUGS.values())


def unknown_path(path: str) -> bool:
    """Whether no page, file or Streamlit route has this address (our routes ahead are matched first). Asked
    of every request that reaches Streamlit's own routes: nothing is built here."""
    if path.strip("/") in _PAGE_SLUGS:  # a page, or a page with a trailing slash (Starlette redirects it)
        return False
    return not (path.startswith(STREAMLIT_PREFIXES) or path in STREAMLIT_PATHS)


class Unknown(Route):
    """The last of our routes: a GET or HEAD of an address nothing serves answers 404 with the bilingual page.
    Without it Streamlit's index answers (200, "Streamlit", English), and its frontend opens the Overview
    under an English "Page not found" dialog."""

    def __init__(self, site_dir: Path) -> None:
        super().__init__("/{path:path}", lambda request: not_found(request, site_dir), methods=["GET", "HEAD"])

    def matches(self, scope) -> tuple[Match, dict]:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD") or not unknown_path(scope["path"]):
            return Match.NONE, {}
        return super().matches(scope)


def routes(site_dir: Path = SITE_DIR) -> list[BaseRoute]:
    """The static edition's routes and the app pages' own first view, for ``st.App(…, routes=routes())``."""
    from components import app_html

    handler = static_handler(site_dir)
    out: list[BaseRoute] = [Route(p, handler, methods=["GET", "HEAD"]) for p in ROOT_FILES]
    for prefix in [f"/{lang}" for lang in site.STATIC_LANGS] + ["/assets"]:
        out.append(Route(prefix, handler, methods=["GET", "HEAD"]))
        out.append(Route(prefix + "/{rest:path}", handler, methods=["GET", "HEAD"]))
    out.append(Route(site.MAP_FILES + "{name}", map_download, methods=["GET", "HEAD"]))
    out.append(Route(site.MAP_PICTURES + "{name}", map_picture, methods=["GET", "HEAD"]))
    return out + app_html.page_routes() + [Unknown(site_dir)]
