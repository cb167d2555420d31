"""Kiosk mode on screen (``?kiosk=1``): big navigation, the VI/EN switch, the QR code, the idle
countdown and reset, and the attract loop of highlight slides.

What a kiosk does is decided in :mod:`components.kiosk` (pure, tested without a server); this
module only draws it. Idle time is measured in the browser, because a visitor scrolling or panning
the map sends nothing to the server. A reset is a full page load of the highlights page: a new
session, so nothing of the previous visitor is left on either side.
"""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path

import streamlit as st

from components import data, guard, i18n, kiosk, maps, params, render, site, widgets
from components.i18n import N_

SLIDE_KEY = "_kiosk_slide"
ROOT = Path(__file__).resolve().parent.parent

# The kiosk's styles live in static/css/kiosk.css (ours, no data in them); read once per process.
KIOSK_CSS_FILE = ROOT / "static" / "css" / "kiosk.css"


@functools.cache
def kiosk_css() -> str:
    return f"<style>\n{KIOSK_CSS_FILE.read_text(encoding='utf-8')}</style>"


@functools.cache
def idle_script() -> str:
    """static/js/kiosk-idle.js, to inline. It runs in the page itself (not a frame) and watches for touches,
    keys, wheels and scrolls. In page mode, after ``idle`` seconds without any it shows the countdown, then
    loads the highlights page afresh; in attract mode any touch loads the home page afresh. Both are full page
    loads, never a rerun racing the slide timer. Installed once per page load; each run only replaces its
    settings. Texts come from our catalog and are set with textContent."""
    return (ROOT / "static" / "js" / "kiosk-idle.js").read_text(encoding="utf-8").replace("</", "<\\/")

PAGE_TITLES = {slug: title for _p, title, slug in site.PAGES}
PATHS = {slug: path for path, _t, slug in site.PAGES}
HIGHLIGHTS_PATH = "pages/highlights.py"


def resolve() -> kiosk.Settings | None:
    """Kiosk settings when this session is a kiosk (``?kiosk=1`` once is enough), else None.

    The settings are kept in the session and written back to the URL, so every page, reload and
    reset keeps them; a bad value has already fallen back to its default.
    """
    query = st.query_params.to_dict()
    settings = widgets.kiosk_settings()
    if kiosk.is_on(query.get(kiosk.FLAG)):
        settings = kiosk.settings(query)
    if settings is None:
        return None
    st.session_state[widgets.KIOSK_KEY] = settings
    wanted = settings.query()
    for key in kiosk.KIOSK_PARAMS:
        if key in wanted and query.get(key) != wanted[key]:
            st.query_params[key] = wanted[key]
        elif key not in wanted and key in query:
            st.query_params.pop(key)
    return settings


def chrome(settings: kiosk.Settings, lang: str, mode: str) -> None:
    """Kiosk styles and the idle watcher (``mode`` is "page" or "attract")."""
    st.html(kiosk_css())
    reset = {"path": kiosk.HIGHLIGHTS, "query": {**settings.query(), widgets.LANG_KEY: settings.reset_lang}}
    home = {"path": "", "query": widgets.link_query(lang)}
    config = {"idle": settings.idle, "countdown": settings.countdown, "mode": mode, "reset": reset, "home": home,
              "texts": {"title": i18n.translate(N_("Still there?"), lang),
                        "body": i18n.translate(N_("The screen will start again for the next visitor."), lang),
                        "keep": i18n.translate(N_("Keep viewing"), lang)}}
    payload = json.dumps(config, ensure_ascii=False).replace("</", "<\\/")
    st.html(f"<script>window.__lsKioskCfg = {payload};\n{idle_script()}</script>", unsafe_allow_javascript=True)


def top_bar(lang: str, slug: str) -> None:
    """The kiosk's header: the plan's name, the VI/EN switch, the QR code, then the page buttons."""
    _ = i18n.gettext_for(lang)
    # A wrapping row, so that in portrait the QR code moves under the name rather than squeezing the switch.
    with st.container(horizontal=True, key="kiosk_head", vertical_alignment="center", gap="medium"):
        _brand(lang)
        with st.container(width="content", key="kiosk_switch"):
            widgets.language_switch(lang, slug)
        with st.container(width="content", key="kiosk_qr"):
            take_it_with_you(lang, slug)
    with st.container(horizontal=True, key="kiosk_nav", gap="small"):
        for page in kiosk.PAGES:
            # Streamlit marks the current page only by a generated class: mark it with a key of ours.
            with st.container(key="kiosk_nav_current" if page == slug else f"kiosk_nav_{page or 'home'}",
                              width="content"):
                st.page_link(PATHS[page], label=_(PAGE_TITLES[page]), query_params=widgets.link_query(lang))


def _brand(lang: str) -> None:
    _ = i18n.gettext_for(lang)
    widgets.html(render.brand(_("Lạng Sơn provincial plan 2021–2030, vision to 2050"),
                              _("As adjusted by Decision 339/QĐ-UBND of 28 February 2026")))


def take_it_with_you(lang: str, slug: str) -> None:
    """A QR code of this view on the public site (address from ``PLAN_PUBLIC_URL``, else this server)."""
    _ = i18n.gettext_for(lang)
    base = os.environ.get(kiosk.PUBLIC_URL_ENV) or params.base_of(st.context.url, slug)
    code = kiosk.qr_code(base, slug, st.query_params.to_dict())
    if code is None:
        return
    address, image = code
    alt = _("QR code: {address}").format(address=address)
    widgets.html(render.qr_panel(_("Take it with you"), _("Scan to open this page on your phone."), image, alt))


def highlights(lang: str) -> None:
    """The attract loop: one highlight slide at a time, the next every ``slide`` seconds, until touched."""
    _ = i18n.gettext_for(lang)
    settings = widgets.kiosk_settings() or kiosk.Settings()
    _brand(lang)

    @st.fragment(run_every=settings.slide)
    def show() -> None:
        with guard.page(lang):  # a fragment's rerun runs without the router and its guard
            ids = settings.slides
            index = int(st.session_state.get(SLIDE_KEY, 0)) % len(ids)
            st.session_state[SLIDE_KEY] = kiosk.next_index(index, len(ids))
            draw_slide(kiosk.slide(data.package(), ids[index], lang), lang, index, len(ids))

    with st.container(key="kiosk_attract"):
        show()
    if widgets.kiosk_settings():
        # Not a button: any touch or key anywhere wakes the kiosk (the watcher loads the home page afresh).
        widgets.html(render.call_to_action(_("Touch the screen to explore the plan")))
    else:
        st.page_link(PATHS[""], label=_("Touch the screen to explore the plan"), query_params=widgets.link_query(lang))


def draw_slide(slide: kiosk.Slide, lang: str, index: int, count: int) -> None:
    _ = i18n.gettext_for(lang)
    with st.container(key=f"slide_{slide.id}"):
        widgets.html(render.slide_heading(slide.id, slide.title))
        items = list(slide.items)
        if slide.kind == "figures":
            widgets.html(f'<div class="ls-slide">{render.kpi_cards(items, lang)}</div>')
        elif slide.kind in ("statements", "items"):
            widgets.html(f'<div class="ls-slide">{render.item_list(items, lang, ordered=slide.kind == "items")}</div>')
        else:
            left, right = st.columns([3, 1])
            with left:
                st.pydeck_chart(widgets.deck(lang, kiosk.MAP_LAYERS, False, 8.1, maps.CENTRE), height=720,
                                alt=maps.summary(data.package(), lang))
            with right:
                widgets.html(render.map_legend(maps.legend(lang, kiosk.MAP_LAYERS), _("Legend")))
            st.caption(_("Positions are approximate and for orientation only; this schematic map draws no borders. "
                         "The axis is drawn through the Hữu Nghị gate, the Lạng Sơn urban area, Chi Lăng and Hữu "
                         "Lũng; lines towards neighbouring provinces stop at the edge of the map."))
        progress = _("Slide {n} of {count}").format(n=index + 1, count=count)
        widgets.html(render.slide_footer(slide.source, progress, index, count))
