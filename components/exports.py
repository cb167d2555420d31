"""Exports for journalists: charts as PNG/SVG with title and source baked in, data as CSV, the full data zip.

Pure and server-free. Charts are rendered offline by vl-convert with Be Vietnam Pro (static TTFs from
the ``fontpkg-be-vietnam-pro`` package), so Vietnamese diacritics survive in PNG and SVG. ``make static``
writes every chart's files beside the page that shows it (``components/static_build.py``), and both editions
link those files: a page run renders no export.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import altair as alt
import pandas as pd

from components import charts, i18n
from components.data import DATA_DIR

FONT = "Be Vietnam Pro"
EXPORT_WIDTH = 640
# The picture a page shows in a narrow column or on a phone (components/figures.py): its plot area, and the
# width its title and source lines may take (the plot plus the category labels beside it).
NARROW_WIDTH, NARROW_TEXT_WIDTH = 250, 370
DATA_RELEASE = dt.date(2026, 11, 23)  # the date of this data release, cited in "Cite this"
SITE_NAME = i18n.N_("Lạng Sơn provincial plan dashboard")


@dataclass(frozen=True)
class ChartExport:
    """One chart and everything its exports need."""

    slug: str                  # language-neutral file-name stem, e.g. "grdp-structure-2030"
    title: str
    chart: alt.Chart
    rows: pd.DataFrame = field(repr=False)  # the data drawn, with unit, qualifier, year and source columns
    spec: dict = field(default_factory=dict, repr=False)  # the chart's Vega-Lite spec, built once
    narrow: alt.Chart | None = field(default=None, repr=False)  # the same chart for a phone's width

    def __post_init__(self) -> None:
        if not self.spec:
            self.spec.update(self.chart.to_dict())


@functools.cache
def _fonts() -> bool:
    import fontpkg_be_vietnam_pro
    import vl_convert as vlc

    vlc.register_font_directory(str(Path(fontpkg_be_vietnam_pro.__file__).parent / "files"))
    return True


def file_name(slug: str, lang: str, ext: str) -> str:
    """``lang-son-grdp-structure-2030-en.png``."""
    return f"lang-son-{slug}-{i18n.resolve_lang(lang)}.{ext}"


def export_spec(chart: alt.Chart, lang: str, width: int = EXPORT_WIDTH, text_width: int | None = None) -> dict:
    """The chart as a self-contained spec for print: fixed width, our font, the site's name under the source.
    Title and source lines wrap to ``text_width`` pixels (``width`` by default)."""
    _ = i18n.gettext_for(lang)
    spec = copy.deepcopy(chart.to_dict())
    spec["width"] = width
    spec.pop("autosize", None)
    title = dict(spec.get("title", {}))
    # Title lines as long as the picture is wide (16 px and 11 px type: 64 and 90 characters at 640 px).
    if isinstance(title.get("text"), list):
        title["text"] = charts.wrap(" ".join(title["text"]), (text_width or width) // 10)
    subtitle = charts.wrap(" ".join(title.get("subtitle", [])), (text_width or width) * 9 // 64) \
        if title.get("subtitle") else []
    subtitle += charts.wrap(_("{site} · data release {date}").format(
        site=_(SITE_NAME), date=i18n.format_date(DATA_RELEASE, lang)), (text_width or width) * 9 // 64)
    spec["title"] = {**title, "subtitle": subtitle, "font": FONT, "subtitleFont": FONT, "fontSize": 16,
                     "subtitleFontSize": 11, "subtitleColor": "#3d5249"}
    config = spec.setdefault("config", {})
    config.update(font=FONT, background="white", padding=16)
    return spec


def png(chart: alt.Chart, lang: str, scale: float = 2.0) -> bytes:
    import vl_convert as vlc

    _fonts()
    return vlc.vegalite_to_png(export_spec(chart, lang), scale=scale)


def svg(chart: alt.Chart, lang: str, width: int = EXPORT_WIDTH, text_width: int | None = None) -> bytes:
    import vl_convert as vlc

    _fonts()
    return vlc.vegalite_to_svg(export_spec(chart, lang, width, text_width)).encode("utf-8")


EXPORT_FORMATS = ("png", "svg", "csv")


def chart_file(item: ChartExport, lang: str, fmt: str) -> bytes:
    """One of a chart's exports: PNG (2×) or SVG with title and source, or its numbers as CSV."""
    if fmt == "png":
        return png(item.chart, lang)
    if fmt == "svg":
        return svg(item.chart, lang)
    if fmt == "csv":
        return csv(item.rows)
    raise ValueError(f"no export as {fmt!r}")


def csv(rows: pd.DataFrame) -> bytes:
    """Excel-safe CSV for Vietnamese users: UTF-8 with BOM, plain numbers with dot decimals."""
    return rows.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


# --- the full data download ----------------------------------------------------------------------

CITATION = {
    "vi": ("Ủy ban nhân dân tỉnh Lạng Sơn (2026). Quyết định số 339/QĐ-UBND ngày 28/02/2026 phê duyệt điều "
           "chỉnh Quy hoạch tỉnh Lạng Sơn thời kỳ 2021-2030, tầm nhìn đến năm 2050. Dữ liệu trích xuất: Bảng "
           "thông tin Quy hoạch tỉnh Lạng Sơn, bản dữ liệu phát hành ngày {date}."),
    "en": ("Lạng Sơn Provincial People's Committee (2026). Decision No. 339/QĐ-UBND of 28 February 2026 approving "
           "the adjusted Lạng Sơn provincial plan for 2021–2030, vision to 2050. Data extracted by: Lạng Sơn "
           "provincial plan dashboard, data release of {date}."),
}


def citation(lang: str) -> str:
    """A ready citation: the decision first, the dashboard second, with the data release date."""
    lang = i18n.resolve_lang(lang)
    return CITATION[lang].format(date=i18n.format_date(DATA_RELEASE, lang))


LICENCE_TEXT = """Lạng Sơn provincial plan 2021–2030, vision 2050 — curated data
================================================================

Cite as
-------
{cite_vi}

{cite_en}

Licence
-------
Our curation, structure and English translations: Creative Commons Attribution 4.0 (CC BY 4.0).
Decision 339/QĐ-UBND is a public administrative document (stored in sources/). News articles are cited
and quoted briefly; their texts are not included. Map positions in places.csv are approximate, for
orientation only, and cite their origin (sources.csv).

Contents
--------
*.csv             one table per kind of thing (see README.md, the data dictionary)
datapackage.json  Frictionless Data Package descriptor: types, keys, references
sources/          the stored text of the decision, against which every quote is checked
"""


def data_zip(data_dir: Path = DATA_DIR) -> bytes:
    """Every CSV, the descriptor, the data dictionary, the decision's text and a citation/licence file."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for path in sorted(data_dir.rglob("*")):
            if path.is_file() and path.suffix in (".csv", ".json", ".md", ".txt"):
                z.write(path, f"lang-son-plan-data/{path.relative_to(data_dir).as_posix()}")
        z.writestr("lang-son-plan-data/CITATION-LICENCE.txt",
                   LICENCE_TEXT.format(cite_vi=citation("vi"), cite_en=citation("en")))
    return buffer.getvalue()
