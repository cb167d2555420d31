"""The site map: one place lists every page, its translated title and its stable URL."""

from __future__ import annotations

from pathlib import Path

from components.i18n import N_

ROOT = Path(__file__).resolve().parent.parent

# (script, title msgid, url_path, icon). url_path is language-neutral and never changes.
PAGES = [
    ("pages/overview.py", N_("Overview"), "", ":material/home:"),
    ("pages/targets.py", N_("Targets 2030"), "targets", ":material/flag:"),
    ("pages/breakthroughs.py", N_("Breakthroughs and focus tasks"), "breakthroughs", ":material/bolt:"),
    ("pages/border-gates.py", N_("Border gates"), "border-gates", ":material/local_shipping:"),
    ("pages/tourism.py", N_("Tourism"), "tourism", ":material/landscape:"),
    ("pages/urban-system.py", N_("Urban system and spatial structure"), "urban-system", ":material/location_city:"),
    ("pages/infrastructure.py", N_("Industry, infrastructure and environment"), "infrastructure", ":material/factory:"),
    ("pages/sources.py", N_("Sources and data"), "sources", ":material/menu_book:"),
]
SLUGS = {path: slug for path, _, slug, _ in PAGES}


def page_path(page_file: str) -> str:
    """``/…/pages/tourism.py`` → ``pages/tourism.py`` (a registered script path)."""
    p = Path(page_file).resolve()
    try:
        return p.relative_to(ROOT).as_posix()
    except ValueError:
        return f"pages/{p.name}"
