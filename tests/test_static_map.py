"""Static maps (issue #14): standalone, accessible SVG readable on a phone, PNG downloads, text summaries."""

from __future__ import annotations

import io
import itertools
import xml.etree.ElementTree as ET

import html5lib
import pytest
from PIL import Image

from components import content, maps, render, static_map
from components.data import Package

SVG = "{http://www.w3.org/2000/svg}"
CASES = [("urban", None), ("gates", None), ("unit", "dong_dang")]


def _texts(svg: str) -> str:
    """Every string drawn, as one text (labels, callout key, legend)."""
    root = ET.fromstring(svg.split("?>", 1)[-1])
    return "\n".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize(("kind", "unit"), CASES)
@pytest.mark.parametrize("download", [False, True])
def test_svg_is_standalone_accessible_and_in_the_page_language(pkg, lang, kind, unit, download):
    svg = static_map.map_svg(pkg, lang, kind, unit_id=unit, for_download=download)
    root = ET.fromstring(svg.split("?>", 1)[-1])  # well-formed XML
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img" and root.get("lang") == lang
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.text and desc is not None and desc.text
    assert set(root.get("aria-labelledby").split()) == {title.get("id"), desc.get("id")}
    caveat = {"vi": "vị trí chỉ gần đúng", "en": "positions are approximate"}[lang]
    assert caveat in _texts(svg)
    if download:
        assert svg.startswith("<?xml") and title.text in _texts(svg)
        assert ("Decision 339/QĐ-UBND" if lang == "en" else "Quyết định 339/QĐ-UBND") in _texts(svg)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_svg_parses_inside_an_html_page(pkg, lang):
    page = f"<!DOCTYPE html><html lang={lang}><head><title>t</title></head><body>" \
           f"{static_map.map_svg(pkg, lang, 'urban')}{static_map.map_svg(pkg, lang, 'unit', unit_id='na_sam')}</body></html>"
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    parser.parse(page)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_urban_area_and_priority_gate_is_named(pkg, lang):
    """Each is a label on the map or, where the map is too dense, a numbered entry in its key."""
    shown = _texts(static_map.map_svg(pkg, lang, "urban"))
    urban = [maps.short_label(a) for a in pkg["urban_areas"][f"name_{lang}"]]
    gates = pkg["border_crossings"][pkg["border_crossings"]["priority_id"].notna()]
    priority = [maps.short_label(g) for g in gates[f"name_{lang}"]]
    missing = [name for name in urban + priority if name not in shown.split("\n")]
    assert not missing
    on_gate_map = _texts(static_map.map_svg(pkg, lang, "gates")).split("\n")
    assert not [name for name in priority if name not in on_gate_map]
    if lang == "en":
        assert "Hữu Nghị" in shown and "markers 1088/2-1089" in shown
    else:
        assert "mốc 1088/2-1089" in shown


def _check_boxes(layout: static_map.Layout) -> None:
    frame = static_map.Box(0, 0, layout.width, layout.height)
    for t in layout.texts:
        assert t.box.inside(frame), (t.role, t.lines, t.box)
    for a, b in itertools.combinations(layout.texts, 2):
        assert not a.box.overlaps(b.box), (a.lines, b.lines)


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize(("kind", "unit"), CASES)
@pytest.mark.parametrize("width", [None, 300, 640])
def test_no_label_overlaps_another_or_leaves_the_picture(pkg, lang, kind, unit, width):
    _check_boxes(static_map.layout(pkg, lang, kind, unit_id=unit, width=width))
    _check_boxes(static_map.layout(pkg, lang, kind, unit_id=unit, width=width, for_download=True))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_locator_map_places_its_labels_cleanly(pkg, lang):
    for unit in pkg["admin_units"]["id"]:
        layout = static_map.layout(pkg, lang, "unit", unit_id=unit)
        _check_boxes(layout)
        name = content.record(pkg["admin_units"], unit)["name_vi"]
        assert any(name in line for t in layout.texts if t.role == "label" for line in t.lines), unit


def test_dense_places_become_numbered_callouts_with_a_key(pkg):
    layout = static_map.layout(pkg, "vi", "urban")
    assert layout.keyed, "the Đồng Đăng cluster cannot carry every label at phone width"
    keyed = {label for _, label, _layer in layout.keyed}
    key_lines = {line for t in layout.texts if t.role == "key" for line in t.lines}
    assert keyed <= {" ".join(t.lines) for t in layout.texts if t.role == "key"} | key_lines
    numbers = [n for n, _l, _k in layout.keyed]
    assert numbers == list(range(1, len(numbers) + 1))
    assert len([t for t in layout.texts if t.role == "callout"]) == len(numbers)


def test_labels_stay_legible_on_a_phone(pkg):
    """At 390 px CSS the 360-unit drawing is shown at about its own size: no text under 10 units."""
    for kind, unit in CASES:
        layout = static_map.layout(pkg, "en", kind, unit_id=unit)
        assert layout.width == 360
        assert min(t.size for t in layout.texts) >= 9.5


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_png_download_is_a_png_of_the_expected_size(pkg, lang):
    blob = static_map.map_png(pkg, lang, "gates", scale=2)
    image = Image.open(io.BytesIO(blob))
    assert image.format == "PNG"
    layout = static_map.layout(pkg, lang, "gates", for_download=True)
    assert image.size == (2 * static_map.DOWNLOAD_WIDTH, 2 * layout.height)
    assert len(blob) < 400_000


@pytest.mark.parametrize(("kind", "lang", "fmt", "name"), [
    ("urban", "vi", "png", "lang-son-map-urban-system-vi.png"),
    ("gates", "en", "svg", "lang-son-map-border-gates-en.svg"),
])
def test_download_names_follow_the_chart_exports(kind, lang, fmt, name):
    assert static_map.download_name(kind, lang, fmt) == name


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize(("kind", "unit"), CASES)
def test_summary_is_cited_items_for_the_item_list(pkg, lang, kind, unit):
    rows = static_map.map_summary(pkg, lang, kind, unit_id=unit)
    assert rows and all(r["title"] and r["cite"].document and r["cite"].quote for r in rows)
    html = render.item_list(rows, lang)
    assert html.count("<li>") == len(rows)
    if kind == "urban":
        assert len([r for r in rows if r["title"] in set(pkg["urban_areas"][f"name_{lang}"])]) == 13


def test_layers_can_be_chosen_and_unknown_kinds_are_refused(pkg):
    only_gates = _texts(static_map.map_svg(pkg, "en", "urban", layers=("gates",)))
    assert "Bình Nghi" in only_gates and "Thất Khê" not in only_gates
    with pytest.raises(ValueError):
        static_map.map_svg(pkg, "en", "roads")
    with pytest.raises(ValueError):
        static_map.map_svg(pkg, "en", "unit")


def test_names_from_the_data_are_escaped(pkg):
    units = pkg["admin_units"].copy()
    units.loc[units["id"] == "dong_dang", "name_vi"] = "Đồng <b>Đăng</b> & co"
    broken = Package({**pkg.tables, "admin_units": units}, pkg.descriptor, pkg.source_texts)
    svg = static_map.map_svg(broken, "vi", "unit", unit_id="dong_dang")
    assert "<b>" not in svg and "Đồng &lt;b&gt;Đăng&lt;/b&gt; &amp; co" in svg
    ET.fromstring(svg)


def test_legend_for_the_page_names_each_zone_in_its_colour(pkg):
    entries = static_map.legend(pkg, "en", "urban")
    assert {"symbol": "●", "colour": list(maps.ZONE_COLOURS["zone_east"]), "label": "Eastern economic zone"} in entries
    assert "▲" in {e["symbol"] for e in entries}
    html = render.map_legend(entries, "Legend")
    assert "Eastern economic zone" in html and html.count("<li>") == len(entries)
    assert [e["label"] for e in static_map.legend(pkg, "vi", "gates")][0] == "Đô thị (chấm lớn: loại II; chấm nhỏ: loại III)"
