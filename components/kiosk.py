"""Kiosk mode, the pure part: settings from the URL and the environment, the highlight slides, the
addresses that leave the kiosk (for the QR code) and the QR code itself.

Nothing here touches Streamlit; ``components/kiosk_screen.py`` draws it. A slide has no text of its
own: its items come from the same ``content`` builders as the pages, and its source line is made
from their citations.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass

import segno

from components import content, i18n, render
from components.data import Package
from components.i18n import N_

FLAG = "kiosk"
# URL parameter -> environment variable that gives its default (the URL wins).
ENV = {"idle": "PLAN_KIOSK_IDLE", "countdown": "PLAN_KIOSK_COUNTDOWN", "slide": "PLAN_KIOSK_SLIDE",
       "slides": "PLAN_KIOSK_SLIDES", "reset_lang": "PLAN_KIOSK_LANG"}
PUBLIC_URL_ENV = "PLAN_PUBLIC_URL"
# (default, lowest, highest) seconds. The low ends are there for tests and the soak benchmark.
TIMES = {"idle": (90.0, 2.0, 3600.0), "countdown": (10.0, 1.0, 60.0), "slide": (12.0, 1.0, 120.0)}

# The pages a kiosk visitor can reach: nothing with a text field, a download or a link to elsewhere.
PAGES = ("", "targets", "breakthroughs", "border-gates", "tourism", "urban-system", "infrastructure")
HIGHLIGHTS = "highlights"

SLIDES = {  # id -> title msgid
    "vision": N_("The plan in three sentences"),
    "targets": N_("Headline targets"),
    "gates": N_("The 5 priority gates and crossings"),
    "map": N_("Schematic map of the plan"),
    "tourism": N_("Tourism targets for 2030"),
}
MAP_LAYERS = ("zones", "urban", "gates", "ports", "poles", "axis")


@dataclass(frozen=True)
class Settings:
    """How a kiosk behaves; every field already checked."""

    idle: float = TIMES["idle"][0]
    countdown: float = TIMES["countdown"][0]
    slide: float = TIMES["slide"][0]
    slides: tuple[str, ...] = tuple(SLIDES)
    reset_lang: str = i18n.DEFAULT_LANG

    def query(self) -> dict[str, str]:
        """The URL parameters that keep these settings across pages (defaults are left out)."""
        out = {FLAG: "1"}
        default = Settings()
        for name in ("idle", "countdown", "slide"):
            if getattr(self, name) != getattr(default, name):
                out[name] = number_text(getattr(self, name))
        if self.slides != default.slides:
            out["slides"] = ",".join(self.slides)
        if self.reset_lang != default.reset_lang:
            out["reset_lang"] = self.reset_lang
        return out


def number_text(value: float) -> str:
    """Seconds as the URL writes them: ``30``, ``2.5``."""
    return str(int(value)) if float(value).is_integer() else str(value)


def seconds(raw: object, name: str) -> float | None:
    """The seconds of setting ``name`` from ``raw``, or None when not a number in its range."""
    default, low, high = TIMES[name]
    try:
        value = float(str(raw).strip())
    except (TypeError, ValueError):
        return None
    if value != value or not low <= value <= high:  # NaN or out of range
        return None
    return value


def slide_ids(raw: object) -> tuple[str, ...] | None:
    """Known slide ids from ``a,b,c``, in order, without repeats; None when there is none."""
    if raw is None:
        return None
    picked = tuple(dict.fromkeys(s.strip() for s in str(raw).split(",") if s.strip() in SLIDES))
    return picked or None


def is_on(raw: object) -> bool:
    return str(raw).strip().lower() in ("1", "true", "yes", "on")


def settings(query: Mapping[str, object], env: Mapping[str, str] | None = None) -> Settings:
    """Settings from ``?idle=&countdown=&slide=&slides=&reset_lang=``, else the environment, else defaults.

    A bad value (not a number, out of range, an unknown slide or language) falls back quietly.
    """
    env = os.environ if env is None else env
    values = {}
    for name in ("idle", "countdown", "slide"):
        for raw in (query.get(name), env.get(ENV[name])):
            if raw is not None and (value := seconds(raw, name)) is not None:
                values[name] = value
                break
    for raw in (query.get("slides"), env.get(ENV["slides"])):
        if (picked := slide_ids(raw)) is not None:
            values["slides"] = picked
            break
    for raw in (query.get("reset_lang"), env.get(ENV["reset_lang"])):
        if raw in i18n.LANGS:
            values["reset_lang"] = raw
            break
    return Settings(**values)


KIOSK_PARAMS = (FLAG, "idle", "countdown", "slide", "slides", "reset_lang")


def public_address(base: str | None, slug: str, query: Mapping[str, str]) -> str | None:
    """The same view on the public site: ``base`` + page + the parameters that page understands,
    checked (:func:`components.params.page_address`); kiosk settings and anything unknown left out.

    ``base`` must be an http(s) address; anything else gives None (no QR code).
    """
    from components import params

    return params.page_address(base, slug, query)


@functools.lru_cache(maxsize=64)
def qr_data_uri(address: str) -> str:
    """An SVG QR code for ``address`` as a data URI (made here: nothing is fetched)."""
    code = segno.make_qr(address, error="m")
    return code.svg_data_uri(scale=6, border=2, dark="#1b2a24", light="#ffffff")


def qr_code(base: str | None, slug: str, query: Mapping[str, str]) -> tuple[str, str] | None:
    """``(address, data URI)`` of the QR code for this view: the page's canonical address, else the
    site's home when that cannot be encoded; None without a public http(s) address. Never raises
    for anything in ``query``."""
    from components import params

    for address in (public_address(base, slug, query), params.home_address(base, query)):
        if address:
            try:
                return address, qr_data_uri(address)
            except segno.DataOverflowError:
                continue
    return None


def source_line(cites: list[render.Citation], lang: str) -> str:
    """One visible line naming every document and section the slide's items come from."""
    _ = i18n.gettext_for(lang)
    by_doc: dict[str, list[str]] = {}
    for c in cites:
        sections = by_doc.setdefault(c.document, [])
        if c.section not in sections:
            sections.append(c.section)
    docs = "; ".join(f"{doc}, {compact_sections(sections)}" for doc, sections in by_doc.items())
    return _("Source: {documents}").format(documents=docs)


def compact_sections(sections: list[str]) -> str:
    """``Art. 1, section III.1.c (i)``, ``… (ii)``, ``Art. 1, section IV.1`` →
    ``Art. 1, section III.1.c (i), (ii), IV.1``: the shared words once, every point kept."""
    if len(sections) < 2:
        return "".join(sections)
    prefix = os.path.commonprefix(sections)
    prefix = prefix[: prefix.rfind(" ") + 1]
    rests: dict[str, list[str]] = {}
    for s in sections:
        m = re.fullmatch(r"(.+?) (\(\w+\))", s[len(prefix):])
        base, sub = (m.group(1), m.group(2)) if m else (s[len(prefix):], "")
        rests.setdefault(base, []).append(sub)
    parts = [base + (" " + ", ".join(subs) if all(subs) else "") for base, subs in rests.items()]
    return prefix + ", ".join(parts)


@dataclass(frozen=True)
class Slide:
    id: str
    title: str
    kind: str  # "statements", "figures", "items" or "map"
    items: tuple[dict, ...]
    source: str


def slide(pkg: Package, slide_id: str, lang: str) -> Slide:
    """One highlight slide, built from the same data and builders as the pages."""
    title = i18n.translate(SLIDES[slide_id], lang)
    if slide_id == "vision":
        kind, items = "statements", content.headline_statements(pkg, lang)
    elif slide_id == "targets":
        kind, items = "figures", content.headline_figures(pkg, lang)
    elif slide_id == "gates":
        kind, items = "items", content.priority_gates(pkg, lang)
    elif slide_id == "tourism":
        kind, items = "figures", content.tourism_figures(pkg, lang)
    elif slide_id == "map":
        kind, items = "map", map_items(pkg, lang)
    else:
        raise KeyError(slide_id)
    return Slide(slide_id, title, kind, tuple(items), source_line([it["cite"] for it in items], lang))


def map_items(pkg: Package, lang: str) -> list[dict]:
    """What the map slide cites: the rows behind the priority gates and the urban areas it draws."""
    urban = content.records(pkg["urban_areas"])
    gates = content.records(pkg["priority_gates"])
    return [{"cite": content.cite(pkg, r, lang)} for r in gates + urban]


def next_index(current: object, count: int) -> int:
    """The slide after ``current`` (anything odd starts again at 0)."""
    try:
        return (int(current) + 1) % count
    except (TypeError, ValueError):
        return 0
