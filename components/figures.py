"""Charts as SVG figures, for every HTML edition (the app's pages and the static edition).

The pictures are the exports' (vl-convert, offline; ``components.exports``): one as wide as an exported image
and, where the chart has one, a narrower drawing for phones (``static/css/common.css`` shows the one that
fits). The static edition has them inline, named for screen readers by the chart's description; the app has
them as images with that description as their text (Streamlit's HTML sanitiser keeps no inline SVG): files
that ``make static`` writes beside the static page (:func:`picture_files`), loaded only when on screen (a
chart picture in the page itself was parsed at once, on the browser's busiest moment, even the one of the
two that is hidden). The chart's numbers follow in a table, worded and cited (``content.chart_table``).
Drawn once per process.
"""

from __future__ import annotations

import re
from html import escape

from components import content, exports, i18n, render

_SIZE = re.compile(r'^<svg ([^>]*?)width="([\d.]+)" height="([\d.]+)"')
_ID = re.compile(r'\bid="([^"]+)"')
# An image's SVG cannot use the page's fonts: the exports' font first, then what the device has.
FONT_STACK = f"{exports.FONT}, 'Source Sans 3', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

_SVGS: dict[tuple[str, str, bool], str] = {}  # (slug, lang, narrow): a handful of charts, drawn once
# (slug, lang, images, downloads) → (chart, figure): the figure's table of numbers comes from pandas
_FIGURES: dict[tuple[str, str, str | None, str | None], tuple] = {}


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


def picture_name(item: exports.ChartExport, lang: str, narrow: bool) -> str:
    """``lang-son-grdp-structure-2030-vi-picture.svg`` (``-picture-narrow.svg``): a picture's file."""
    return exports.file_name(item.slug, lang, "svg").removesuffix(".svg") + ("-picture-narrow.svg" if narrow else
                                                                           "-picture.svg")


def _picture(item: exports.ChartExport, lang: str, narrow: bool) -> str:
    """A picture as its file holds it: an image's SVG cannot use the page's fonts (:data:`FONT_STACK`)."""
    return _svg(item, lang, narrow).replace(f'font-family="{exports.FONT}"', f'font-family="{FONT_STACK}"')


def picture_files(item: exports.ChartExport, lang: str) -> list[tuple[str, bytes]]:
    """The chart's pictures as the app shows them, (file name, SVG), for ``make static`` to write beside the
    page that shows the chart."""
    return [(picture_name(item, lang, narrow), _picture(item, lang, narrow).encode("utf-8"))
            for narrow in (False, True) if not narrow or item.narrow is not None]


def _image(item: exports.ChartExport, lang: str, narrow: bool, folder: str) -> str:
    """The picture as an ``<img>`` of its file in ``folder``: its size reserves the box, its text is the chart's
    description; loaded when it nears the screen (never, the one of the two that is hidden)."""
    width, height = _SIZE.match(_svg(item, lang, narrow)).group(2, 3)
    return (f'<img src="{escape(folder + picture_name(item, lang, narrow), quote=True)}" width="{width}" '
            f'height="{height}" alt="{escape(_description(item), quote=True)}" loading="lazy" decoding="async">')


def _description(item: exports.ChartExport) -> str:
    return item.spec.get("description") or item.title


def chart_figure(item: exports.ChartExport, lang: str, images: str | None = None, downloads: str | None = None) -> str:
    """The chart's figure (both pictures where it has a narrow one), its caption and its numbers: inline SVG
    with the numbers shown (the static edition), or, with ``images`` (the folder of its picture files,
    ``/vi/targets/``), images with the numbers one tap away (the app). With ``downloads`` (the folder of its
    export files), links to its PNG, SVG and CSV."""
    key = (item.slug, lang, images, downloads)
    made = _FIGURES.get(key)
    if made is None or made[0] is not item:  # the same chart object: the app's layouts are made once
        made = _FIGURES[key] = (item, _figure(item, lang, images, downloads))
    return made[1]


def _figure(item: exports.ChartExport, lang: str, images: str | None, downloads: str | None) -> str:
    _ = i18n.gettext_for(lang)
    links = ""
    if downloads is not None:
        names = {"png": _("PNG image"), "svg": _("SVG image"), "csv": _("CSV data")}
        links = render.download_links([(downloads + exports.file_name(item.slug, lang, fmt), names[fmt])
                                       for fmt in exports.EXPORT_FORMATS],
                                      _("Download this chart: {title}").format(title=item.title))
    inline = images is None
    draw = _inline if inline else lambda *a: _image(*a, images)
    pictures = f'<div class="ls-chart-wide">{draw(item, lang, False)}</div>'
    if item.narrow is not None:
        pictures += f'<div class="ls-chart-narrow">{draw(item, lang, True)}</div>'
    headers, rows = content.chart_table(item, lang)
    summary = escape(_("The numbers in this chart"))
    return (f'<figure class="ls-chart">{pictures}<figcaption>{escape(item.title)}</figcaption></figure>'
            f'<details class="ls-chart-data"{" open" if inline else ""}><summary>{summary}</summary>'
            f"{render.simple_table(headers, rows)}</details>{links}")
