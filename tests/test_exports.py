"""Chart exports, CSVs, the data zip and the citation: offline, in the page language, sourced."""

from __future__ import annotations

import io
import re
import zipfile

import pandas as pd
import pytest
from PIL import Image

from components import content, exports


@pytest.fixture(scope="module", params=["vi", "en"])
def charts_in(request, pkg):
    return request.param, content.target_charts(pkg, request.param)


def test_png_is_a_print_ready_image(charts_in):
    lang, items = charts_in
    for item in items:
        image = Image.open(io.BytesIO(exports.png(item.chart, lang)))
        assert image.format == "PNG"
        assert image.width >= 2 * exports.EXPORT_WIDTH  # 2× scale for print
        assert image.height >= 300


def test_svg_carries_title_source_and_diacritics(charts_in):
    lang, items = charts_in
    site = "Bảng thông tin Quy hoạch tỉnh Lạng Sơn" if lang == "vi" else "Lạng Sơn provincial plan dashboard"
    for item in items:
        svg = exports.svg(item.chart, lang).decode("utf-8")
        first_title_line = item.chart.to_dict()["title"]["text"][0]
        assert first_title_line in svg
        assert ("Quyết định 339/QĐ-UBND" in svg) or ("Decision 339/QĐ-UBND" in svg) or ("339/QĐ-UBND" in svg)
        assert site in svg
        assert exports.FONT in svg


def test_csv_is_the_data_drawn_with_units_and_sources(charts_in, pkg):
    lang, items = charts_in
    for item in items:
        raw = exports.csv(item.rows)
        assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel opens Vietnamese text correctly
        frame = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig")
        assert {"label", "value_min", "unit", "qualifier", "source", "section", "quote_vi"} <= set(frame.columns)
        drawn = next(iter(item.chart.to_dict()["datasets"].values()))
        assert len(frame) == len(drawn)
        assert sorted(frame["value_min"].tolist()) == sorted(r["lo"] for r in drawn)


def test_csv_numbers_are_plain_with_dot_decimals(pkg):
    item = content.target_charts(pkg, "vi")[3]
    frame = pd.read_csv(io.BytesIO(exports.csv(item.rows)), encoding="utf-8-sig", dtype=str)
    assert "6.55" in frame["value_min"].tolist()  # a plain number, whatever the page's locale


@pytest.mark.parametrize(("slug", "lang", "name"), [("grdp-structure-2030", "en", "lang-son-grdp-structure-2030-en.png"),
                                                    ("grdp-structure-2030", "vi", "lang-son-grdp-structure-2030-vi.png")])
def test_file_names_are_meaningful_and_language_tagged(slug, lang, name):
    assert exports.file_name(slug, lang, "png") == name


def test_charts_compare_only_like_with_like(pkg):
    items = set(content.version_pairs(pkg, "en", numeric=True)["item"])
    assert "forest_cover" not in items and "grdp_growth" in items


def test_data_zip_holds_every_table_a_valid_descriptor_and_a_citation(tmp_path):
    frictionless = pytest.importorskip("frictionless")
    blob = exports.data_zip()
    with zipfile.ZipFile(io.BytesIO(blob)) as z:
        names = z.namelist()
        z.extractall(tmp_path)
    root = tmp_path / "lang-son-plan-data"
    import json

    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    for res in descriptor["resources"]:
        assert f"lang-son-plan-data/{res['path']}" in names
    assert "lang-son-plan-data/README.md" in names and "lang-son-plan-data/sources/qd339_2026.txt" in names
    citation = (root / "CITATION-LICENCE.txt").read_text(encoding="utf-8")
    assert "339/QĐ-UBND" in citation and "CC BY 4.0" in citation
    assert frictionless.validate(str(root / "datapackage.json")).valid


@pytest.mark.parametrize(("lang", "start"), [("vi", "Ủy ban nhân dân tỉnh Lạng Sơn (2026). Quyết định số 339/QĐ-UBND"),
                                             ("en", "Lạng Sơn Provincial People's Committee (2026). Decision No. 339")])
def test_citation_names_the_decision_first_then_the_dashboard_with_the_release_date(lang, start):
    text = exports.citation(lang)
    assert text.startswith(start)
    assert ("23/11/2026" if lang == "vi" else "23 November 2026") in text


# --- what a journalist sees in an export (issue #14) -----------------------------------------------

PERCENT_CHARTS = {"grdp-structure-2030", "labour-structure-2030", "plan-2024-vs-2026"}


def test_export_labels_wrap_instead_of_ending_in_an_ellipsis(charts_in):
    """Issue #14: "Share of communes recognised as meeting the ne…" was cut; every word is now drawn."""
    lang, items = charts_in
    for item in items:
        svg = exports.svg(item.chart, lang).decode("utf-8")
        assert "…" not in svg, item.slug
        drawn = " ".join(re.sub(r"<[^>]+>", " ", t) for t in re.findall(r"<text[^>]*>(.*?)</text>", svg))
        for label in next(iter(item.chart.to_dict()["datasets"].values())):
            name = label.get("item") or label.get("sector") or label.get("label")
            assert all(word in drawn for word in name.split()), (item.slug, name)


def test_percent_axes_stop_at_100(charts_in):
    """Issue #14: a share axis ran to 120."""
    _lang, items = charts_in
    for item in items:
        if item.slug not in PERCENT_CHARTS:
            continue
        domains = [layer["encoding"]["x"]["scale"]["domain"] for layer in item.spec["layer"]
                   if "scale" in layer.get("encoding", {}).get("x", {})]
        assert domains and all(d[0] == 0 and d[1] <= 100 for d in domains), item.slug


def test_legend_swatches_have_the_bars_colour(charts_in):
    """Issue #14: the legend showed the light upper-range colour instead of the bars' own."""
    lang, items = charts_in
    checked = 0
    for item in items:
        svg = exports.svg(item.chart, lang).decode("utf-8")
        legend = re.findall(r'role-legend-symbol[^>]*><path[^>]*fill="(#[0-9a-f]{6})"[^>]*opacity="([\d.]+)"', svg)
        if not legend:
            continue
        solid = re.search(r'layer_0_marks"[^>]*>(.*?)</g>', svg).group(1)
        bar_colours = set(re.findall(r'fill="(#[0-9a-f]{6})"', solid))
        assert {c for c, _o in legend} == bar_colours, item.slug
        assert all(float(o) == 1 for _c, o in legend), item.slug
        checked += 1
    assert checked == 2
