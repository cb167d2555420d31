"""Small Streamlit pieces shared by the router and the pages."""

from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Callable
from html import escape
from urllib.parse import urlencode
from xml.sax.saxutils import unescape as xml_unescape

import streamlit as st

from components import content, data, exports, figures, guard, i18n, maps, params, render, site, static_map
from components.i18n import N_

LANG_KEY = "lang"
ROUTED_KEY = "_routed"
HANDOVER_KEY = "_handover"
KIOSK_KEY = "_kiosk"  # the session's kiosk.Settings while it is a kiosk

def resolve_page_lang() -> str:
    """The language of this run: a valid ``?lang=`` wins, then the session's, then Vietnamese.

    The result is written back to the URL (navigation clicks drop query parameters, and a bad
    value is replaced by a good one) and to the session.
    """
    lang = params.lang(st.query_params.get(LANG_KEY)) or i18n.resolve_lang(st.session_state.get(LANG_KEY))
    st.session_state[LANG_KEY] = lang
    if st.query_params.get(LANG_KEY) != lang:
        st.query_params[LANG_KEY] = lang
    return lang


def _switch_html(lang: str, slug: str) -> str:
    """The VI/EN switch: this page in each language, as two plain links (the page's other parameters kept).
    A click stays in the running app and takes the parameters from the address as it is at that moment
    (static/js/soft-links.js); the next run reads the language from the address (:func:`resolve_page_lang`)."""
    query = st.query_params.to_dict()
    links = [(code, i18n.LANG_NAMES[code], site.app_href(slug, {**query, LANG_KEY: code})) for code in i18n.LANGS]
    return render.language_switch(links, lang, i18n.translate(N_("Language"), lang))


def language_switch(lang: str, slug: str) -> None:
    """The switch on its own (the kiosk's top bar); every other page has it in :func:`site_top`."""
    html(_switch_html(lang, slug))


# Streamlit's own labels that screen readers announce (and the skip link) are English only; on
# Vietnamese pages we relabel them. Keys are Streamlit's texts, values our msgids.
CHROME_LABELS = {
    "Skip to main content": N_("Skip to main content"),
    "App pages": N_("App pages"),
    "Link to heading": N_("Link to heading"),
    "Copy to clipboard": N_("Copy to clipboard"),
    "Map": N_("Map"),
    "Toggle attribution": N_("Toggle attribution"),
    "Zoom in": N_("Zoom in"),
    "Zoom out": N_("Zoom out"),
    "Open": N_("Open"),
    "Close": N_("Close"),
    "Clear all": N_("Clear all"),
}

def set_document_lang(lang: str) -> None:
    """``<html lang>`` = the page language (Streamlit hard-codes ``en``), and Streamlit's own
    screen-reader labels in that language. Only checked codes and our catalog strings go in."""
    lang = i18n.resolve_lang(lang)
    labels = {orig: i18n.translate(msgid, lang) for orig, msgid in CHROME_LABELS.items()}
    payload = json.dumps(labels, ensure_ascii=False).replace("</", "<\\/")
    st.html(f"<script>window.__lsLabels = {payload};\ndocument.documentElement.lang = {json.dumps(lang)};\n"
            f"{_script('localise.js')}</script>", unsafe_allow_javascript=True)


@functools.cache
def _script(name: str) -> str:
    """One of our scripts (``static/js/``), to inline; the files are ours, never data."""
    return (site.ROOT / "static" / "js" / name).read_text(encoding="utf-8").replace("</", "<\\/")


def tab_title(lang: str, slug: str) -> None:
    """The browser tab's title in the page's language, as the page's raw HTML has it (``head.page_meta``: the
    page, and what its address selects, then the site's name); Streamlit would otherwise show the config's one
    title on every page, in Vietnamese. With a data file that cannot be read, the site's name: the page's own
    guard shows the problem."""
    from components import head

    try:
        title = head.page_meta(data.package(), slug, lang, st.query_params.to_dict()).title
    except data.DataError:
        title = i18n.translate(head.SITE_NAME, lang)
    st.set_page_config(page_title=title)


def chrome() -> None:
    """The app's stylesheet, unless the page's first HTML carried it (``app_html.heads_served``): a second copy
    makes the browser restyle the whole page once it is drawn."""
    from components import app_html

    if not app_html.heads_served():
        st.html(f"<style>{site.app_css()}</style>")


def page_context(page_file: str) -> tuple[str, Callable[[str], str]]:
    """The page's language and ``_``; on a cold deep link (folder mode) hand over to the router.

    Pass ``__file__``. When Streamlit runs a ``pages/`` script without ``app.py`` (the first visit
    after a restart), remember the page and its query, and let the router send the visitor on.
    """
    if not st.session_state.get(ROUTED_KEY):
        st.session_state[HANDOVER_KEY] = {"page": site.page_path(page_file),
                                          "query": params.clean(st.query_params.to_dict())}
        st.switch_page("app.py")
    lang = i18n.resolve_lang(st.session_state.get(LANG_KEY))
    return lang, i18n.gettext_for(lang)


def html(block: str) -> None:
    """Show markup built by :mod:`components.render` (every data value in it is escaped)."""
    st.html(block)


def chart(item: exports.ChartExport, lang: str, page: str) -> None:
    """A chart from :func:`content.target_charts` as the same pictures as the static edition and the exports
    (no chart library to load; the picture's size reserves its box), with its numbers one tap away and links to
    its PNG, SVG and CSV: the static edition's files, beside ``page``'s static twin (none on a kiosk, or with
    exports switched off)."""
    html(_chart_html(item, lang, page))


def _chart_html(item: exports.ChartExport, lang: str, page: str) -> str:
    folder = site.static_path(lang, page)  # the static page's folder: the pictures and the downloads
    exports_on = os.environ.get(EXPORTS_ENV) != "off" and not kiosk_settings()
    return figures.chart_figure(item, lang, images=folder, downloads=folder if exports_on else None)


def kpi_grid(figures: list[dict], lang: str) -> None:
    """Headline figures (``label``, ``value``, ``cite``), each with its source one tap away."""
    html(render.kpi_cards(figures, lang))


def kiosk_settings():
    """This session's kiosk settings (a :class:`components.kiosk.Settings`), or None off the kiosk."""
    return st.session_state.get(KIOSK_KEY) or None


def link_query(lang: str) -> dict[str, str]:
    """Query parameters for a link to another page: the language, and on a kiosk its settings."""
    settings = kiosk_settings()
    return {**(settings.query() if settings else {}), LANG_KEY: lang}


def page_links(lang: str, skip: tuple[str, ...] = ()) -> None:
    """Links to the other pages, the language kept; on a kiosk only the pages a kiosk shows. Plain links in one
    element (static/js/soft-links.js keeps a click within the running app)."""
    from components import kiosk

    _ = i18n.gettext_for(lang)
    html(render.link_list([(site.app_href(slug, link_query(lang)), _(title)) for _p, title, slug in site.PAGES
                           if slug not in skip and (not kiosk_settings() or slug in kiosk.PAGES)], _("Pages")))


MAP_ITEM_KEY = "item"
MAP_LAYERS_KEY = "layers"


def _url_layers(kind: str, label_text: str, lang: str) -> tuple[tuple[str, ...], str]:
    """Layer toggles kept in the URL as ``?layers=urban,gates`` (absent: the map's defaults), as plain links:
    each chip is this view with its layer switched (no widget to load and draw). Returns the layers chosen
    and the chips' markup."""
    defaults = maps.DEFAULT_LAYERS[kind]
    chosen = _url_value(MAP_LAYERS_KEY, lambda raw: maps.read_layers(raw, defaults),
                        lambda value: maps.write_layers(value, defaults))
    chips = [(maps.write_layers([k for k in maps.LAYERS if (k in chosen) != (k == layer)], defaults) or "",
              i18n.translate(maps.LAYERS[layer][0], lang), layer in chosen) for layer in maps.LAYERS]
    return chosen, render.chip_links(label_text, MAP_LAYERS_KEY, chips, st.query_params.to_dict())


def _url_value(param: str, read: Callable, write: Callable):
    """The value ``?param=`` names (``read``), the address brought in line with it (``write``: a bad or untidy
    value is normalised, None drops it)."""
    raw = st.query_params.get(param)
    value = read(raw)
    if write(value) != raw:
        _set_param(param, write(value))
    return value


def _set_param(param: str, text: str | None) -> None:
    if text:
        st.query_params[param] = text
    else:
        st.query_params.pop(param, None)


@functools.lru_cache(maxsize=32)
def deck(lang: str, layers: tuple[str, ...], basemap: bool, zoom: float, centre: tuple[float, float]):
    return maps.plan_map(data.package(), lang, layers, basemap=basemap, zoom=zoom, centre=centre)


# The interactive (deck.gl) map costs phones seconds of a frozen page and a large download, so a map
# area first shows the static picture and loads the interactive map when asked: the "Explore the map"
# link to ``?map=interactive`` (a shared link reproduces the view), the visitor's earlier choice in this
# session, or on wide screens static/js/map-explore.js once the visitor uses the page and the map is in
# view. A kiosk (a fast machine, a touch screen made for panning) always shows the interactive map.
MAP_MODE_KEY = "map"
INTERACTIVE = "interactive"
MAP_CHOICE_KEY = "_map_choice"  # session: {map key: True (interactive) or False (the picture, chosen)}


@guard.callback
def _choose_map(key: str, interactive: bool) -> None:
    st.session_state.setdefault(MAP_CHOICE_KEY, {})[key] = interactive
    _set_param(MAP_MODE_KEY, INTERACTIVE if interactive else None)


def map_is_interactive(key: str) -> bool:
    """Whether the map ``key`` is drawn interactive in this run: on a kiosk, when the URL says
    ``?map=interactive`` (then remembered), else as the visitor last chose in this session. The URL
    is brought in line (an unknown value dropped), so the share link reproduces the view."""
    if kiosk_settings():
        return True
    choices = st.session_state.setdefault(MAP_CHOICE_KEY, {})
    if st.query_params.get(MAP_MODE_KEY) == INTERACTIVE:
        choices[key] = True
    interactive = bool(choices.get(key))
    _set_param(MAP_MODE_KEY, INTERACTIVE if interactive else None)
    return interactive


def _explore_link(key: str, lang: str) -> str:
    """The link that loads the interactive map: a plain link to this view with ``?map=interactive`` (no widget
    to load on the first view, and an address to share; static/js/soft-links.js follows it within the running
    app), in a row as high as the interactive map's bar."""
    _ = i18n.gettext_for(lang)
    return render.explore_link(st.query_params.to_dict(), MAP_MODE_KEY, INTERACTIVE, _("Explore the map"), key)


def _map_bar(key: str, lang: str, basemap_switch: bool = False) -> bool:
    """With the interactive map, the button back to the picture and the basemap switch, in a row as high as the
    picture's "Explore the map" (:func:`_explore_link`); nothing on a kiosk. Returns the basemap choice."""
    if kiosk_settings():
        return False
    _ = i18n.gettext_for(lang)
    basemap = False
    with st.container(horizontal=True, key=f"mapbar_{key}", vertical_alignment="center", gap="medium"):
        st.button(_("Show the map as a picture"), key=f"mappicture_{key}", on_click=_choose_map, args=(key, False))
        if basemap_switch:
            basemap = st.toggle(_("Show an online basemap"), value=False, key=f"{key}_basemap")
    return basemap


def _map_picture(pkg, lang: str, kind: str, key: str, interactive: bool, unit_id: str | None = None,
                 layers: tuple[str, ...] | None = None) -> str:
    """The static picture that sizes the map area, as an image named by the picture's own title and description.
    The run sends its address (``/maps/picture/…``, components/server.py), not the drawing: the browser fetches
    it, keeps it, and draws it after the page's text (an SVG inline in the page costs a desktop browser some 60 ms
    of layout and paint before the page is ready; Streamlit's HTML sanitiser keeps no inline SVG anyway). Under
    the interactive map it is hidden from screen readers (the interactive map carries the description). While
    the visitor has not chosen, it is marked for map-explore.js to load the interactive map on wide screens."""
    options = {"unit_id": unit_id} if kind == "unit" else {"layers": layers}
    svg = static_map.map_svg(pkg, lang, kind, **options)
    chosen = maps.write_layers(layers, maps.DEFAULT_LAYERS[kind]) if kind != "unit" else None
    src = site.map_picture_href(kind, lang, static_map.picture_version(svg), unit_id=unit_id, layers=chosen)
    return _picture_markup(svg, src, kind, interactive,
                           auto=st.session_state.get(MAP_CHOICE_KEY, {}).get(key) is not False, key=key)


_SVG_SIZE = re.compile(r'<svg [^>]*?width="([\d.]+)" height="([\d.]+)"')
_SVG_TEXT = re.compile(r"<(title|desc) id=\"[^\"]*\">(.*?)</\1>", re.S)


def _picture_markup(svg: str, src: str, kind: str, interactive: bool, auto: bool, key: str) -> str:
    """``<img>`` of a :func:`static_map.map_svg` picture at ``src``; its title and description (escaped there)
    become the ``alt`` text, re-escaped for the attribute. ``width``/``height`` let the browser reserve the
    box before the picture comes."""
    width, height = _SVG_SIZE.search(svg).groups()
    alt = " ".join(xml_unescape(text, {"&quot;": "\""}) for _tag, text in _SVG_TEXT.findall(svg))
    marks = ' aria-hidden="true"' if interactive else (f' data-ls-explore="{escape(key)}"' if auto else "")
    return (f'<div class="ls-mapstatic ls-mapstatic--{kind}"{marks}><img src="{escape(src)}" width="{width}" '
            f'height="{height}" decoding="async" alt="{escape(alt, quote=True)}"></div>')


POINTS_KEY, POINTS_TABLE = "points", "table"  # ?points=table: the map's points as a table, under the map


def map_view(lang: str, key: str, zoom: float = 8.1, centre: tuple[float, float] = maps.CENTRE) -> None:
    """The schematic plan map with layer toggles, legend, selection card (kept in ``?item=``),
    a text summary and the table of every point. ``key`` is also the static map's kind
    (``"urban"`` or ``"gates"``), which names its default layers (``maps.DEFAULT_LAYERS``).

    The first view (the picture) is one element of HTML, laid out as the interactive map's Streamlit
    columns are (static/css/map.css), so the picture keeps its place when the deck.gl map comes."""
    _ = i18n.gettext_for(lang)
    pkg = data.package()
    layers, chips = _url_layers(key, _("Layers"), lang)
    interactive = map_is_interactive(key)
    points = maps.layer_points(pkg, lang)
    known = {row["id"]: row for frame in points.values() if not frame.empty for row in frame.to_dict("records")}
    picture = _map_picture(pkg, lang, key, key, interactive, layers=layers)
    downloads = _map_downloads(key, lang, layers)
    below = _map_below(pkg, lang, points, layers)
    if not interactive:
        side = _map_side(known.get(st.query_params.get(MAP_ITEM_KEY)), layers, False, lang)
        html(render.map_first_view(chips, [_explore_link(key, lang), picture, downloads], side, below))
        return
    html(chips)
    left, right = st.columns([3, 1], gap="medium")
    with left:
        # A kiosk never asks the internet for anything: no basemap switch there.
        basemap = _map_bar(key, lang, basemap_switch=True)
        if basemap:
            st.caption(_("The basemap is drawn by a third-party provider from OpenStreetMap data: its borders and "
                         "names are the provider's and are not authoritative. It needs an internet connection."))
        with st.container(key=f"mapbox_{key}"):
            html(picture)
            event = st.pydeck_chart(deck(lang, layers, basemap, zoom, centre), on_select="rerun",
                                    selection_mode="single-object", key=f"{key}_map", height=620,
                                    alt=maps.summary(pkg, lang))
            picked = [o for objs in (event.selection.get("objects") or {}).values() for o in objs] if event else []
            if picked and picked[0].get("id") in known:
                st.query_params[MAP_ITEM_KEY] = picked[0]["id"]
        if downloads:
            html(downloads)
    with right:  # after the map, which may have just set ``?item=``
        html(_map_side(known.get(st.query_params.get(MAP_ITEM_KEY)), layers, True, lang))
    html(below)


def _map_side(item: dict | None, layers: tuple[str, ...], interactive: bool, lang: str) -> str:
    """Beside the map: the legend of ``layers``, and the card of the point ``?item=`` names (or how to pick one)."""
    _ = i18n.gettext_for(lang)
    if item:
        lines = item["tooltip"].split("\n")
        hint = (_("Select another point on the map to change this card.") if interactive else
                _("Explore the map and select another point to change this card."))
        card = render.map_card(lines[0], lines[1:], hint)
    elif interactive:
        card = render.caption(_("Select a point on the map to see its details here."))
    else:
        card = render.caption(_("Explore the map and select a point to see its details here."))
    return render.map_legend(maps.legend(lang, layers), _("Legend")) + card


def _map_below(pkg, lang: str, points: dict, layers: tuple[str, ...]) -> str:
    """Under the map: what it shows, in words, and every point as a table (about a hundred rows, drawn when
    asked: ``?points=table``)."""
    _ = i18n.gettext_for(lang)
    table = None
    if _url_value(POINTS_KEY, lambda raw: raw if raw == POINTS_TABLE else None, lambda value: value):
        table = render.simple_table([_("Name"), _("Layer"), _("Details")],
                                    [[row["label"], i18n.translate(maps.LAYERS[layer][0], lang),
                                      row["tooltip"].replace("\n", " · ")]
                                     for layer, frame in points.items() if layer in layers and not frame.empty
                                     for row in frame.to_dict("records")])
    return (render.caption(_("Positions are approximate and for orientation only; this schematic map draws no "
                             "borders. The axis is drawn through the Hữu Nghị gate, the Lạng Sơn urban area, Chi "
                             "Lăng and Hữu Lũng; lines towards neighbouring provinces stop at the edge of the map."))
            + f"<p>{escape(maps.summary(pkg, lang))}</p>"
            + render.expander_link(st.query_params.to_dict(), POINTS_KEY, POINTS_TABLE,
                                   _("Every point on the map, as a table"), table))


EXPORTS_ENV = "PLAN_EXPORTS"  # "off" hides export controls (the benchmark's baseline)


def _map_downloads(kind: str, lang: str, layers: tuple[str, ...]) -> str:
    """Links to the map as shown (its layers) as PNG (2×) and SVG, with title, legend and sources baked in:
    files the server draws when asked (``components/server.py``). Never on a kiosk ("" then)."""
    if kind not in maps.DEFAULT_LAYERS or os.environ.get(EXPORTS_ENV) == "off" or kiosk_settings():
        return ""
    _ = i18n.gettext_for(lang)
    chosen = maps.write_layers(layers, maps.DEFAULT_LAYERS[kind])
    return render.download_links([(site.map_href(static_map.download_name(kind, lang, fmt), chosen), label)
                                  for fmt, label in (("png", _("Map as PNG image")), ("svg", _("Map as SVG image")))],
                                 _("Download the map"))


def data_download(lang: str) -> None:
    """The whole data package: the static edition's file, as the static edition links it."""
    _ = i18n.gettext_for(lang)
    html(render.link_list([(site.DATA_ZIP, _("Download all the data (ZIP: every table, descriptor, "
                                                   "dictionary, citation)"))], _("Download the data")))


def footer(lang: str, slug: str, share: bool = True) -> None:
    """Below every page, as one element: a rule, the share box (not on a kiosk) and the source line. The share
    box's Copy buttons get their script (static/js/copy.js) from the page's head, or else in an element of its
    own, which holds nothing else: no value from the URL is ever in an element that may run script."""
    from components import app_html

    _ = i18n.gettext_for(lang)
    box = share_and_cite(lang, slug) if share else ""
    source_line = _(site.SOURCE_LINE)
    html(f'<hr class="ls-rule">{box}<p class="ls-caption ls-footer">{escape(source_line)}</p>')
    if share and not app_html.heads_served():
        st.html(f"<script>{_script('copy.js')}</script>", unsafe_allow_javascript=True)


def share_and_cite(lang: str, slug: str = "") -> str:
    """The current view's address (only the parameters page ``slug`` understands, checked) and a
    ready citation, both copyable, in a collapsed section."""
    _ = i18n.gettext_for(lang)
    base = params.base_of(st.context.url, slug)
    query = st.query_params.to_dict()
    kept = params.for_page(slug, query)
    address = params.page_address(base, slug, query) or f"/{slug}?{urlencode(kept)}"
    # Plain fields with a Copy button: st.code would pull a 400 KB syntax highlighter into every page.
    copy, copied = _("Copy"), _("Copied")
    other = next(c for c in i18n.LANGS if c != lang)
    return render.collapsed(_("Share this view and cite the plan"), "".join([
        render.copy_field("ls-share-link", _("Link to this view"), address, copy, copied),
        render.copy_field("ls-share-cite", _("Cite this"), exports.citation(lang), copy, copied, multiline=True),
        render.other_language(exports.citation(other), other, _("The same citation in the other language:"))]),
        cls="ls-share")


def url_choice(choice) -> tuple[str, str | None]:
    """A :class:`layouts.Choice` kept in the URL (``?key=value``; an unknown value means no choice), drawn as
    plain links: each option, and "every section" (no choice; ``?key=all`` when the choice is closed). A chosen
    chip undoes the choice. A page's parts (a choice with a ``default``) have no "every section" chip, and one
    part is always chosen: the default's chip drops the parameter. Returns the chip row's HTML and the choice."""
    from components import layouts as lay

    valid = set(dict(choice.options)) | ({lay.EVERY_SECTION} if choice.closed else set())
    chosen = _url_value(choice.key, lambda raw: raw if raw in valid else None, lambda value: value)
    if choice.default is not None:
        shown = chosen or choice.default
        chips = [("" if value == choice.default else value, text, value == shown) for value, text in choice.options]
        return render.chip_links(choice.label, choice.key, chips, st.query_params.to_dict()), chosen
    every = (lay.EVERY_SECTION if choice.closed else None, choice.everything)
    options = choice.options + [every] if choice.closed else [every] + choice.options
    chips = [("" if value == chosen else value or "", text, value == chosen) for value, text in options]
    return render.chip_links(choice.label, choice.key, chips, st.query_params.to_dict()), chosen


UNIT_KEY = "unit"
QUERY_KEY = "q"
FIND_KEY = "find"  # a commune's name as typed (My commune)


def unit_picker(pkg, lang: str) -> dict | None:
    """The unit shown (``?unit=<national code>``) and a field to name another, with the browser's suggestions
    (every spelling the sources use, and the name without diacritics): a plain form that opens
    ``/commune?find=<text>``. A text naming one unit opens it (the address then says ``?unit=``); one naming
    several lists them, one naming none says so and offers the search."""
    _ = i18n.gettext_for(lang)
    code = params.unit(st.query_params.get(UNIT_KEY))
    unit = content.unit_by_code(pkg, code) if code else None
    typed = params.query(st.query_params.get(FIND_KEY))
    found = content.units_named(pkg, typed) if typed else []
    if typed and len(found) == 1:
        unit = content.unit_by_code(pkg, found[0])
        st.query_params[UNIT_KEY] = found[0]
        st.query_params.pop(FIND_KEY, None)
    elif typed:
        unit = None
        st.query_params.pop(UNIT_KEY, None)
    html(render.find_form(site.app_href("commune", link_query(lang)), FIND_KEY, _("Commune or ward"),
                          unit["registry_name"] if unit else (typed or ""),
                          _("Type a name, with or without diacritics"),
                          [(content.unit_by_code(pkg, c)["registry_name"], label)
                           for c, label in content.unit_choices(pkg)], _("Show")))
    if typed and len(found) != 1:
        html(_unit_matches(pkg, lang, typed, found))
    return unit


def _unit_matches(pkg, lang: str, typed: str, found: list[str]) -> str:
    _ = i18n.gettext_for(lang)
    if not found:
        none = _("No commune or ward matches “{text}”.").format(text=typed)
        return (f"<p>{escape(none)}</p>"
                + render.link_list([(site.app_href("search", {**link_query(lang), QUERY_KEY: typed}),
                                     _("Search the whole plan for “{text}”").format(text=typed))], _("Search")))
    heading = _("{count} communes and wards match “{text}”:").format(count=i18n.format_number(len(found), lang),
                                                                     text=typed)
    links = [(site.app_href("commune", {**link_query(lang), UNIT_KEY: c}),
              content.unit_by_code(pkg, c)["registry_name"]) for c in found]
    return f"<p>{escape(heading)}</p>" + render.link_list(links, heading)


def unit_locator(lang: str, unit_id: str) -> None:
    """A small schematic map: every unit by zone, this one marked; the picture first, like the plan maps (one
    element then)."""
    _ = i18n.gettext_for(lang)
    interactive = map_is_interactive("unit")
    picture = _map_picture(data.package(), lang, "unit", "unit", interactive, unit_id=unit_id)
    if not interactive:
        html(render.map_first_view("", [_explore_link("unit", lang), picture]))
        return
    _map_bar("unit", lang)
    with st.container(key="mapbox_unit"):
        html(picture)
        st.pydeck_chart(_locator(lang, unit_id), height=360, alt=_("Where this unit lies among the 65 communes "
                                                                  "and wards (schematic, approximate positions)."))
    # it lies over the picture, whose last line says this
    st.caption(_("Schematic map: positions are approximate and for orientation only; no borders are drawn."))


@functools.lru_cache(maxsize=256)
def _locator(lang: str, unit_id: str):
    return maps.unit_map(data.package(), lang, unit_id)


def search_page(lang: str) -> None:
    """The search page under its title: its own field, a plain form like the page top's (no widget to load and
    draw) showing the text searched for, kept in ``?q=`` (bounded, cleaned; the address brought in line); then
    the results of that text, or an example of what to type."""
    from components import search

    _ = i18n.gettext_for(lang)
    query = _url_value(QUERY_KEY, lambda raw: search.clean_query(raw) or None, lambda text: text)
    field = render.search_form("/search", _("Search for a place, a target, a project…"),
                               _("e.g. mau son, cửa khẩu"), search.MAX_QUERY, {LANG_KEY: lang}, value=query or "",
                               named=True)
    if not query:
        hint = _(SEARCH_HINT)
        html(field + f"<p>{escape(hint)}</p>")
        return
    results = search.search(data.package(), query, lang)
    ngettext = i18n.ngettext_for(lang)
    found = ngettext("{count} result for “{query}”", "{count} results for “{query}”", len(results))
    count = i18n.format_number(len(results), lang)
    html(field + f'<p class="ls-found">{escape(found.format(count=count, query=query))}</p>')
    search_results(results, lang, query)


SEARCH_HINT = N_("Type a word or a place: for example “mau son”, “cửa khẩu”, “geopark”, “tỷ lệ đô thị hóa”.")
SEARCH_PAGE = 20  # results drawn at once: each is two elements, and a phone pays for every one it draws
SEARCH_SHOWN_KEY = "search_shown"


@guard.callback
def _show_more_results(query: str) -> None:
    shown = st.session_state.setdefault(SEARCH_SHOWN_KEY, {})
    shown[query] = shown.get(query, SEARCH_PAGE) + SEARCH_PAGE


def search_results(results, lang: str, query: str = "") -> None:
    """The first results of ``query`` (``SEARCH_PAGE`` of them), each with a link to where it is shown, and a
    button for the next ones."""
    _ = i18n.gettext_for(lang)
    shown = st.session_state.get(SEARCH_SHOWN_KEY, {}).get(query, SEARCH_PAGE)
    blocks = []
    for r in results[:shown]:
        query_params = {LANG_KEY: lang}
        if r.table == "admin_units" and r.unit_code:
            query_params[UNIT_KEY] = r.unit_code
        if r.table == "plan_paragraphs":
            query_params["p"] = r.row_id
        query_params.update(r.query)  # the part of the page, or the kind of data note, that shows it
        link = (site.app_href(r.page, query_params), _("Open where it is shown"))
        blocks.append(render.search_result(r.kind, r.title, r.snippet, r.spans, link))
    if blocks:  # every result shown in one element: links, not a widget per result
        html("".join(blocks))
    more = min(SEARCH_PAGE, len(results) - shown)
    if more > 0:
        ngettext = i18n.ngettext_for(lang)
        label = ngettext("Show {count} more result", "Show {count} more results", more)
        st.button(label.format(count=i18n.format_number(more, lang)), key="search_more",
                  on_click=_show_more_results, args=(query,))


def site_top(lang: str, current: str) -> None:
    """The top of every page but the kiosk's, as one element: the list of pages (the page shown marked), the
    language switch and the search box; the embed view hides it but the switch (static/css/app.css).

    It is not Streamlit's sidebar: on a wide screen the sidebar cost every first view about 25 ms of the
    browser's time whatever the page (bench/RESULTS.md), and on a phone it hid the pages behind a button.
    Plain links instead of Streamlit's page list (a widget per page, each label drawn as Markdown and
    measured); a click stays within the running app (static/js/soft-links.js). The search box is a plain form
    whose Enter opens the results page (``/search?q=…&lang=…``): a text input's code and rendering cost a phone
    more than the rest of the page top, on every page, for a box most visitors never use."""
    from components import search

    _ = i18n.gettext_for(lang)
    nav = render.page_nav([(site.app_href(slug, link_query(lang)), _(title), slug == current)
                           for _p, title, slug in site.PAGES], _("App pages"))
    form = "" if current == "search" else render.search_form(  # the search page has its own field
        "/search", _("Search the plan"), _("e.g. mau son, cửa khẩu"), search.MAX_QUERY, {LANG_KEY: lang})
    html(render.site_top(nav, _switch_html(lang, current), form, _("Skip the list of pages")))


# --- pages described once (components.layouts) ----------------------------------------------------

EDITION_LABEL = N_("Other versions of this page")


def page_title(lang: str, title: str, *captions: str) -> None:
    """The title (``<h1>``) and the captions under it of a page that draws itself, as :func:`show` draws a
    layout's: one HTML element drawn like Streamlit's title and captions (app.css), not Markdown elements,
    which cost the browser more."""
    from components import block_html
    from components import layouts as lay

    html("".join(block_html.text(b, lang) for b in [lay.Heading(title, 1), *map(lay.Caption, captions)]))


def edition_links(lang: str, slug: str, pdf: bool) -> None:
    """The page's static twin ("fast, printable version") and its PDF brief; not on a kiosk."""
    if kiosk_settings():
        return
    _ = i18n.gettext_for(lang)
    links = [(site.static_path(lang, slug), _("Fast, printable version"))]
    if pdf:
        links.append((site.pdf_path(lang, slug), _("Download PDF")))
    html(render.edition_links(links, _(EDITION_LABEL)))


def show(blocks: list, lang: str, texts: dict[int, str] | None = None) -> None:
    """Draw a page described by :mod:`components.layouts` with Streamlit. Each run of text blocks after the page
    title is drawn as one ``st.html`` element, written as the static edition writes it (``block_html``); a
    choice's chips and chosen sections are one element of their own, so that it is what the static edition
    writes of those sections, minus the chips. ``texts`` has that HTML already, by block (see
    :func:`page_layout`)."""
    from components import block_html
    from components import layouts as lay

    run: list[str] = []

    def flush() -> None:
        if run:
            html("".join(run))
            run.clear()

    def draw(blocks: list) -> None:
        for b in blocks:
            piece = block_html.text(b, lang) if texts is None else texts.get(id(b))
            if piece is not None:
                run.append(piece)
                continue
            if isinstance(b, lay.Choice):
                # The chips (plain links) and the chosen sections, in one element when they are text.
                chips, chosen = url_choice(b)
                flush()
                run.append(chips)
                draw(b.shown(chosen))
                flush()
                continue
            flush()
            if isinstance(b, lay.Chart):
                chart(b.item, lang, b.page)
            elif isinstance(b, lay.Map):
                if b.kind == "unit":
                    unit_locator(lang, b.unit_id)
                else:
                    map_view(lang, b.kind, zoom=b.zoom, centre=b.centre)
            elif isinstance(b, lay.Expander):
                with st.expander(b.title):
                    show(b.blocks, lang, texts)
            elif isinstance(b, lay.Columns) and all(isinstance(c, lay.Chart) for col in b.columns for c in col):
                # Charts side by side: one element, its columns laid out by CSS (stacked on a phone).
                html('<div class="ls-cols">' + "".join(
                    f'<div class="ls-w{int(w)}">' + "".join(_chart_html(c.item, lang, c.page) for c in col) + "</div>"
                    for w, col in zip(b.weights, b.columns)) + "</div>")
            elif isinstance(b, lay.Columns):
                for column, inner in zip(st.columns(b.weights, gap=b.gap), b.columns):
                    with column:
                        show(inner, lang, texts)
            elif isinstance(b, lay.PageLinks):
                page_links(lang, skip=b.skip)
            elif isinstance(b, lay.DataDownload):
                data_download(lang)
            elif isinstance(b, lay.Twin):
                edition_links(lang, b.slug, pdf=b.slug in lay.PAGES)
            else:
                raise TypeError(f"no way to show {type(b).__name__}")

    draw(blocks)
    flush()


def show_page(page_file: str) -> None:
    """A page whose layout is in :data:`components.layouts.PAGES`, found by its registered script."""
    from components import layouts

    lang, _ = page_context(page_file)
    blocks, texts = page_layout(site.SLUGS[site.page_path(page_file)], lang)
    show(blocks, lang, texts)


_LAYOUTS: dict[tuple[str, str], tuple] = {}  # (slug, lang) → (the data package, blocks, HTML of the text blocks)


def page_layout(slug: str, lang: str) -> tuple[list, dict[int, str]]:
    """A page's layout (:data:`components.layouts.PAGES`; the same for every visitor) and the HTML of its text
    blocks by ``id`` (the blocks live as long as the layout), made once per data package and process: a page
    run then only sends them. Twenty at most (ten pages, two languages)."""
    from components import block_html, layouts

    pkg = data.package()
    made = _LAYOUTS.get((slug, lang))
    if made is None or made[0] is not pkg:
        blocks = layouts.PAGES[slug](pkg, lang)
        texts = {id(b): html for b in layouts.walk(blocks) if (html := block_html.text(b, lang)) is not None}
        made = _LAYOUTS[(slug, lang)] = (pkg, blocks, texts)
    return made[1], made[2]


# --- the plan reader -----------------------------------------------------------------------------

READER_JS = site.ROOT / "static" / "js" / "reader.js"


@functools.cache
def _reader_script() -> str:
    return "<script>" + READER_JS.read_text(encoding="utf-8") + "</script>"


def reader_script() -> None:
    """The script that scrolls to and highlights ``?p=<id>`` (our own file), last in the run: after the text. The
    reader's styles are in every page's head with the app's (``site.APP_CSS``): sent in the run after the text, as
    they were, a slow run drew the text, then restyled it when they came, and the sections below moved (a layout
    shift of 0.155 on a wide screen)."""
    st.html(_reader_script(), unsafe_allow_javascript=True)


def reader_part(pkg) -> str:
    """The part of the decision the reader shows: that of ``?p=`` when it names a paragraph, else ``?s=``,
    else the preamble (both read through :mod:`components.params`)."""
    from components import reader

    checked = params.clean(st.query_params.to_dict(), pkg)
    return reader.resolve(pkg, checked.get("s"), checked.get("p"))[0]


def reader_part_picker(pkg, part: str, lang: str) -> None:
    """Which part of the decision to read: a plain form that opens ``/plan?s=III`` (the language kept, a
    paragraph of the part left behind dropped)."""
    from components import reader

    _ = i18n.gettext_for(lang)
    html(render.choice_form(site.app_href("plan", link_query(lang)), "s", _("Part of the decision"),
                            [(k, reader.part_title(pkg, k, lang)) for k in reader.PARTS], part,
                            _("Read this part")))


def reader_pager(pkg, part: str, lang: str) -> None:
    """Links to the previous and the next part, the language kept."""
    from components import reader

    html(render.reader_pager(*((site.app_href("plan", {**link_query(lang), "s": k}), reader.part_short(k, lang))
                               if k else None for k in reader.neighbours(part)), lang))
