"""Values from the URL: the one place that says which parameters exist and what they may hold.

Every query parameter is checked here before any page reads it (type, allowed set, length, and for an
id whether it names something in the data); an unknown parameter or a bad value is dropped, never shown,
never passed on in a link, a share or the kiosk's QR code.
The router calls :func:`sanitise` first on every run; link and share builders use :func:`for_page`
and :func:`page_address`. Pure apart from :func:`sanitise`, which rewrites ``st.query_params``.

==============  ==========================================================================
``lang``        ``vi`` or ``en``
``kiosk``       ``1`` (also ``true``, ``yes``, ``on``), with ``idle``, ``countdown``, ``slide``
                (seconds, in range), ``slides`` (known slide ids) and ``reset_lang``
``domain``      a target domain id (``/targets``)
``notes``       a kind of data note, or ``all`` (``/sources``)
``sector``      a part of ``/infrastructure`` (``transport``); ``topic`` one of ``/sources`` (``land``)
``layers``      known map layer keys, comma-separated, or ``none`` (maps)
``item``        a map point id: lower-case letters, digits and ``_``, at most 64, naming a point (maps)
``map``         ``interactive`` (a page's map drawn interactive rather than as a picture)
``points``      ``table`` (the map's points as a table, under the map)
``unit``        a national unit code, 5 digits; ``6184`` is read as ``06184``; a unit's (``/commune``)
``find``        a commune's or ward's name as typed, cleaned like ``q`` (``/commune``, which opens the unit)
``s``, ``p``    a part of the decision, and a paragraph id naming a paragraph (``/plan``)
``q``           search text, cleaned and cut at 200 characters (``/search``)
==============  ==========================================================================

Streamlit's own ``embed`` and ``embed_options`` are handled by its frontend and never reach here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from urllib.parse import urlencode, urlsplit

from components import i18n
from components.data import Package

LANG = "lang"
MAX_VALUE = 2_000  # characters read from any one value before checking it
ITEM = re.compile(r"[a-z0-9_]{1,64}")
UNIT = re.compile(r"[0-9]{1,5}")
UNIT_DIGITS = 5
MAX_ADDRESS = 1_000  # characters of an address worth drawing as a QR code or offering to copy

# What each page understands besides the language (url_path -> parameters).
PAGE_PARAMS: dict[str, tuple[str, ...]] = {
    "": (), "targets": ("section", "domain"), "breakthroughs": (),
    "border-gates": ("item", "layers", "map", "points"), "tourism": (), "urban-system": ("item", "layers", "map", "points"), "infrastructure": ("sector",),
    "commune": ("unit", "find", "map"),
    "search": ("q",),
    "sources": ("notes", "topic"), "highlights": (), "agriculture": (), "plan": ("s", "p"),
}


def _text(raw: object) -> str | None:
    return raw[:MAX_VALUE].strip() if isinstance(raw, str) else None


def lang(raw: object) -> str | None:
    value = _text(raw)
    return value if value in i18n.LANGS else None


def domain(raw: object) -> str | None:
    from components import content

    value = _text(raw)
    return value if value in dict(content.DOMAINS) else None


def notes(raw: object) -> str | None:
    """A kind of data note, or ``all``."""
    from components import content, layouts

    value = _text(raw)
    return value if value in content.NOTE_KINDS or value == layouts.EVERY_SECTION else None


def _part(slug: str) -> Callable[[object], str | None]:
    """A part of page ``slug`` (``components.content.PARTS``)."""
    def check(raw: object) -> str | None:
        from components import content

        value = _text(raw)
        return value if value in dict(content.PARTS[slug][1]) else None

    return check


def layers(raw: object) -> str | None:
    """Known layer keys in the map's order, or ``none``; anything else is dropped."""
    from components import maps

    value = _text(raw)
    if value is None:
        return None
    if value == "none":
        return value
    picked = [k for k in maps.LAYERS if k in value.split(",")]
    return ",".join(picked) or None


def item(raw: object) -> str | None:
    value = _text(raw)
    return value if value and ITEM.fullmatch(value) else None


def map_mode(raw: object) -> str | None:
    return "interactive" if _text(raw) == "interactive" else None


def points(raw: object) -> str | None:
    return "table" if _text(raw) == "table" else None


def unit(raw: object) -> str | None:
    """A national unit code of 5 digits; a code written without its leading zeros gets them back."""
    value = _text(raw)
    return value.zfill(UNIT_DIGITS) if value and UNIT.fullmatch(value) and int(value) > 0 else None


def query(raw: object) -> str | None:
    from components import search

    return search.clean_query(raw if isinstance(raw, str) else None) or None


def kiosk_flag(raw: object) -> str | None:
    from components import kiosk

    return "1" if isinstance(raw, str) and kiosk.is_on(raw[:16]) else None


def _kiosk_seconds(name: str) -> Callable[[object], str | None]:
    def check(raw: object) -> str | None:
        from components import kiosk

        value = _text(raw)
        seconds = kiosk.seconds(value[:32], name) if value else None
        return None if seconds is None else kiosk.number_text(seconds)

    return check


def slides(raw: object) -> str | None:
    from components import kiosk

    picked = kiosk.slide_ids(_text(raw))
    return ",".join(picked) if picked else None


def reader_part(raw: object) -> str | None:
    """A part of the decision the reader shows (``?s=III``)."""
    from components import reader

    value = _text(raw)
    return value if value in reader.PARTS else None


def paragraph(raw: object) -> str | None:
    """A paragraph id of the reader's form (``?p=a1-v-5-p1``); the reader checks it names a paragraph."""
    from components import reader

    value = _text(raw)
    return value if value and len(value) <= 60 and reader.ID_PATTERN.fullmatch(value) else None


CHECKS: dict[str, Callable[[object], str | None]] = {
    LANG: lang, "kiosk": kiosk_flag, "idle": _kiosk_seconds("idle"), "countdown": _kiosk_seconds("countdown"),
    "slide": _kiosk_seconds("slide"), "slides": slides, "reset_lang": lang,
    "domain": domain, "notes": notes, "section": _part("targets"), "sector": _part("infrastructure"),
    "topic": _part("sources"), "layers": layers, "item": item, "map": map_mode, "points": points, "unit": unit, "q": query,
    "find": query,
    "s": reader_part, "p": paragraph,
}
KIOSK = ("kiosk", "idle", "countdown", "slide", "slides", "reset_lang")


def _names_something(pkg: Package) -> dict[str, Callable[[str], bool]]:
    """For the ids of the form checks above: whether one names something in the data."""
    from components import content, maps, reader

    return {"p": lambda v: reader.valid_id(pkg, v) is not None, "item": lambda v: v in maps.point_ids(pkg),
            "unit": lambda v: content.unit_by_code(pkg, v) is not None}


def clean(raw: Mapping[str, object], pkg: Package | None = None) -> dict[str, str]:
    """The known parameters of ``raw`` whose values pass their check, normalised; nothing else. With the
    package, an id (``p``, ``item``, ``unit``) must also name a paragraph, a map point or a unit."""
    real = _names_something(pkg) if pkg is not None else {}
    out = {}
    for key, check in CHECKS.items():
        value = raw.get(key)
        if value is not None and (good := check(value)) is not None and (key not in real or real[key](good)):
            out[key] = good
    return out


def for_page(slug: str, raw: Mapping[str, object], kiosk: bool = False) -> dict[str, str]:
    """What a link to page ``slug`` may carry from ``raw``: the language, that page's own parameters,
    and (``kiosk=True``) the kiosk's settings. Checked, in a stable order."""
    checked = clean(raw)
    keep = (LANG,) + PAGE_PARAMS.get(slug, ()) + (KIOSK if kiosk else ())
    return {k: checked[k] for k in keep if k in checked}


def site_root(base: object) -> str | None:
    """``https://host/path/`` from an http(s) address, or None for anything else."""
    if not isinstance(base, str) or len(base) > MAX_ADDRESS:
        return None
    try:
        parts = urlsplit(base.strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c in parts.netloc for c in " <>\"'\\"):
        return None
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}/"


def base_of(url: object, slug: str) -> str:
    """The site's address from the address of page ``slug`` (``…/ls/border-gates?x`` → ``…/ls/``)."""
    here = url.split("?", 1)[0].split("#", 1)[0] if isinstance(url, str) else ""
    if slug and here.rstrip("/").endswith("/" + slug):
        here = here.rstrip("/")[: -len(slug)]
    return here


def page_address(base: object, slug: str, raw: Mapping[str, object]) -> str | None:
    """The canonical public address of page ``slug`` with the parameters it understands (no kiosk);
    the site's home (with the language) when that would be longer than :data:`MAX_ADDRESS`;
    None when ``base`` is not an http(s) address."""
    root = site_root(base)
    if root is None or slug not in PAGE_PARAMS:
        return None
    kept = for_page(slug, raw)
    address = root + slug + (f"?{urlencode(kept)}" if kept else "")
    if len(address) <= MAX_ADDRESS:
        return address
    return home_address(root, raw)


def home_address(base: object, raw: Mapping[str, object] | None = None) -> str | None:
    """The site's home page, in the language of ``raw`` when it names one."""
    root = site_root(base)
    if root is None:
        return None
    checked = lang((raw or {}).get(LANG))
    return root + (f"?{urlencode({LANG: checked})}" if checked else "")


def sanitise() -> dict[str, str]:
    """Rewrite this run's URL to its checked parameters (unknown ones and bad values removed) and
    return them. Streamlit's ``embed`` parameters are invisible here and stay as they are."""
    import streamlit as st

    raw = st.query_params.to_dict()
    good = clean(raw, _package())
    for key in raw:
        if key not in good:
            del st.query_params[key]
    for key, value in good.items():
        if raw.get(key) != value:
            st.query_params[key] = value
    return good


def _package() -> Package | None:
    """The data, to check ids against; None while it has a problem (the page shows that problem, and the
    URL is checked by form alone)."""
    from components import data

    try:
        return data.package()
    except data.DataError:
        return None
