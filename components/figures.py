"""Charts as SVG figures, for every HTML edition (the app's pages and the static edition).

The pictures are the exports' (vl-convert, offline; ``components.exports``): one as wide as an exported image
and, where the chart has one, a narrower drawing for phones (``static/css/common.css`` shows the one that
fits). The static edition has them inline, named for screen readers by the chart's description; the app has
them as images with that description as their text (Streamlit's HTML sanitiser keeps no inline SVG). The
chart's numbers follow in a table, worded and cited (``content.chart_table``). Drawn once per process.
"""

from __future__ import annotations

import re
from html import escape
from urllib.parse import quote

from components import content, exports, i18n, render

_SIZE = re.compile(r'^<svg ([^>]*?)width="([\d.]+)" height="([\d.]+)"')
_ID = re.compile(r'\bid="([^"]+)"')
# An image's SVG cannot use the page's fonts: the exports' font first, then what the device has.
FONT_STACK = f"{exports.FONT}, 'Source Sans 3', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

_SVGS: dict[tuple[str, str, bool], str] = {}  # (slug, lang, narrow): a handful of charts, drawn once
_IMAGES: dict[tuple[str, str, bool], str] = {}  # the same as <img> tags (their encoding costs ~3 ms a picture)
_FIGURES: dict[tuple[str, str, bool, str | None], tuple] = {}  # (chart, figure): its number table comes from pandas


def _svg(item: exports.ChartExport, lang: str, narrow: bool) -> str:
    """One of the chart's pictures, as vl-convert draws it."""
    key = (item.slug, lang, narrow)
    if key not in _SVGS:
        size = (exports.NARROW_WIDTH, exports.NARROW_TEXT_WIDTH) if narrow else (exports.EXPORT_WIDTH, None)
        _SVGS[key] = exports.svg(item.narrow if narrow else item.chart, lang, *size).decode("utf-8")
    return _SVGS[key]


def _inline(item: exports.ChartExport, lang: str, narrow: bool) -> str:
    """The picture in the page: no fixed size (the page's CSS sizes it), ids unique on the page, named."""
    svg = _SIZE.sub(r"<svg \1", _svg(item, lang, narrow), count=1)
    prefix = f"{item.slug}-{'n' if narrow else 'w'}"
    for ident in set(_ID.findall(svg)):
        svg = svg.replace(f'id="{ident}"', f'id="{prefix}-{ident}"').replace(f"#{ident})", f"#{prefix}-{ident})")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(_description(item))}" ', 1)


def _image(item: exports.ChartExport, lang: str, narrow: bool) -> str:
    """The picture as an ``<img>``: its size reserves the box, its text is the chart's description."""
    key = (item.slug, lang, narrow)
    if key not in _IMAGES:
        _IMAGES[key] = _encode_image(item, lang, narrow)
    return _IMAGES[key]


def _encode_image(item: exports.ChartExport, lang: str, narrow: bool) -> str:
    svg = _svg(item, lang, narrow).replace(f'font-family="{exports.FONT}"', f'font-family="{FONT_STACK}"')
    width, height = _SIZE.match(svg).group(2, 3)
    src = "data:image/svg+xml;charset=utf-8," + quote(svg, safe=" /:=;,.-_()'!*@")
    return (f'<img src="{escape(src, quote=True)}" width="{width}" height="{height}" '
            f'alt="{escape(_description(item), quote=True)}">')


def _description(item: exports.ChartExport) -> str:
    return item.spec.get("description") or item.title


def chart_figure(item: exports.ChartExport, lang: str, inline: bool = True, downloads: str | None = None) -> str:
    """The chart's figure (both pictures where it has a narrow one), its caption and its numbers: inline SVG
    with the numbers shown (the static edition), or images with the numbers one tap away (the app). With
    ``downloads`` (the folder of its export files, ``/vi/targets/``), links to its PNG, SVG and CSV."""
    key = (item.slug, lang, inline, downloads)
    made = _FIGURES.get(key)
    if made is None or made[0] is not item:  # the same chart object: the app's layouts are made once
        made = _FIGURES[key] = (item, _figure(item, lang, inline, downloads))
    return made[1]


def _figure(item: exports.ChartExport, lang: str, inline: bool, downloads: str | None) -> str:
    _ = i18n.gettext_for(lang)
    links = ""
    if downloads is not None:
        names = {"png": _("PNG image"), "svg": _("SVG image"), "csv": _("CSV data")}
        links = render.download_links([(downloads + exports.file_name(item.slug, lang, fmt), names[fmt])
                                       for fmt in exports.EXPORT_FORMATS],
                                      _("Download this chart: {title}").format(title=item.title))
    draw = _inline if inline else _image
    pictures = f'<div class="ls-chart-wide">{draw(item, lang, False)}</div>'
    if item.narrow is not None:
        pictures += f'<div class="ls-chart-narrow">{draw(item, lang, True)}</div>'
    headers, rows = content.chart_table(item, lang)
    summary = escape(_("The numbers in this chart"))
    return (f'<figure class="ls-chart">{pictures}<figcaption>{escape(item.title)}</figcaption></figure>'
            f'<details class="ls-chart-data"{" open" if inline else ""}><summary>{summary}</summary>'
            f"{render.simple_table(headers, rows)}</details>{links}")
