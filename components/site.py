"""The site map: one place lists every page, its translated title and its stable URL."""

from __future__ import annotations

from pathlib import Path

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
    ("pages/plan.py", N_("The plan, paragraph by paragraph"), "plan"),
    ("pages/search.py", N_("Search"), "search"),
    ("pages/sources.py", N_("Sources and data"), "sources"),
]
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
