"""The site map: one place lists every page, its translated title and its stable URL."""

from __future__ import annotations

import functools
from pathlib import Path
from urllib.parse import urlencode

from components.i18n import N_

ROOT = Path(__file__).resolve().parent.parent

# (script, title msgid, url_path). url_path is language-neutral and never changes. No icons: Material
# icon names are English words in the page text.
PAGES = [
    ("pages/overview.py", N_("Overview"), ""),
    ("pages/targets.py", N_("Targets 2030"), "targets"),
    ("pages/breakthroughs.py", N_("Breakthroughs and tasks"), "breakthroughs"),
    ("pages/border-gates.py", N_("Border gates"), "border-gates"),
    ("pages/tourism.py", N_("Tourism"), "tourism"),
    ("pages/urban-system.py", N_("Urban system and space"), "urban-system"),
    ("pages/infrastructure.py", N_("Industry and infrastructure"), "infrastructure"),
    ("pages/agriculture.py", N_("Agriculture and rural areas"), "agriculture"),
    ("pages/commune.py", N_("My commune"), "commune"),
    ("pages/plan.py", N_("The decision, paragraph by paragraph"), "plan"),
    ("pages/search.py", N_("Search"), "search"),
    ("pages/sources.py", N_("Sources and data"), "sources"),
]
# The line under every page of both editions.
SOURCE_LINE = N_("Source of every figure: Decision 339/QĐ-UBND of the Lạng Sơn People's Committee, 28 February 2026, "
                 "approving the adjusted provincial plan 2021–2030, vision to 2050. English translation by the "
                 "dashboard team; the official Vietnamese wording is one click away beside each figure.")
# Registered but listed nowhere: the kiosk's attract loop of highlight slides.
HIDDEN_PAGES = [("pages/highlights.py", N_("Highlights"), "highlights")]
SLUGS = {path: slug for path, _, slug in PAGES + HIDDEN_PAGES}


def page_path(page_file: str) -> str:
    """``/…/pages/tourism.py`` → ``pages/tourism.py`` (a registered script path)."""
    p = Path(page_file).resolve()
    try:
        return p.relative_to(ROOT).as_posix()
    except ValueError:
        return f"pages/{p.name}"


# --- the static edition's addresses (see the README, "Static edition") -------------------------------
# /vi/ and /en/ (home), /<lang>/<slug>/, /<lang>/commune/<national code>/, PDFs beside their page.
STATIC_LANGS = ("vi", "en")


def static_path(lang: str, slug: str) -> str:
    """``/vi/`` for the overview, ``/en/tourism/``, ``/vi/commune/20101/``: the static twin of a page."""
    return f"/{lang}/" + (f"{slug}/" if slug else "")


def app_href(slug: str, query: dict[str, str] | None = None) -> str:
    """An app page's address with its query: ``/commune?lang=vi&unit=06184``."""
    return f"/{slug}" + (f"?{urlencode(query)}" if query else "")


def app_path(lang: str, slug: str, query: dict[str, str] | None = None) -> str:
    """The app page a static page mirrors: ``/tourism?lang=en``; a commune opens with ``?unit=``."""
    return app_href(slug, {"lang": lang, **(query or {})})


DATA_ZIP = "/lang-son-plan-data.zip"  # every table, descriptor, dictionary and citation (components.exports)
MAP_FILES = "/maps/"  # the app's map downloads with the layers shown (components/server.py: map_download)


def map_href(name: str, layers: str | None) -> str:
    """The address of a map download: its file name, and the ``?layers=`` value unless the defaults."""
    return MAP_FILES + name + (f"?{urlencode({'layers': layers})}" if layers else "")


MAP_PICTURES = "/maps/picture/"  # the app pages' map pictures (components/server.py: map_picture)


def map_picture_href(kind: str, lang: str, version: str, unit_id: str | None = None,
                     layers: str | None = None) -> str:
    """The address of a map picture shown on an app page: ``/maps/picture/urban-vi.svg`` (a commune's locator:
    ``unit-<id>-vi.svg``), the ``?layers=`` value unless the defaults, and ``?v=`` its content's version, so
    that a browser may keep it for good and a new drawing has a new address."""
    name = f"{kind}-{unit_id}-{lang}.svg" if unit_id else f"{kind}-{lang}.svg"
    return MAP_PICTURES + name + "?" + urlencode({**({"layers": layers} if layers else {}), "v": version})


def pdf_name(slug: str, lang: str) -> str:
    """``lang-son-tourism-vi.pdf``, named like the chart exports (the overview is ``overview``)."""
    return f"lang-son-{slug or 'overview'}-{lang}.pdf"


def pdf_path(lang: str, slug: str) -> str:
    return static_path(lang, slug) + pdf_name(slug, lang)


# Styles are ours (no data in them), in static/css/: common.css (shared with the static edition) and
# app.css (Streamlit's chrome). The app puts them in the page's head before the first paint
# (components/app_html.py) and again with each run (widgets.chrome), for pages served without it.
CSS_DIR = ROOT / "static" / "css"
APP_CSS = ("common.css", "app.css", "map.css", "reader.css")


@functools.cache
def app_css() -> str:
    """The app's stylesheet, as one string."""
    return "".join((CSS_DIR / name).read_text(encoding="utf-8") for name in APP_CSS)
