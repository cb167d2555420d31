"""Chart builders: titled, described, number-formatted in the page language, ranges kept."""

from __future__ import annotations

import pytest

from components import charts, content


def _data(spec: dict) -> list[dict]:
    return next(iter(spec["datasets"].values()))


@pytest.mark.parametrize(("lang", "shown", "decimal"), [("vi", "14–15%", ","), ("en", "14–15%", ".")])
def test_structure_ranges_keep_the_plan_ranges(pkg, lang, shown, decimal):
    frame = content.chart_group(pkg, "grdp_structure_2030")
    spec = charts.structure_ranges(frame, lang, "T", "S").to_dict()
    rows = _data(spec)
    assert [r["shown"] for r in rows][0] == shown
    assert [(r["lo"], r["hi"]) for r in rows] == list(zip(frame["value_min"], frame["value_max"]))
    assert spec["title"] == {"text": ["T"], "subtitle": ["S"], "anchor": "start", "aria": False}
    assert spec["config"]["locale"]["number"]["decimal"] == decimal
    assert spec["description"].startswith("T: ")


def test_sector_labels_drop_the_shared_prefix(pkg):
    rows = _data(charts.structure_ranges(content.chart_group(pkg, "labour_structure_2030"), "en", "T", "S").to_dict())
    assert [r["sector"] for r in rows] == ["agriculture, forestry and fisheries sector", "industry and construction",
                                            "services"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_version_comparison_draws_both_versions_of_every_item(pkg, lang):
    frame = content.version_pairs(pkg, lang, numeric=True)
    rows = _data(charts.version_comparison(frame, lang, "T", "S").to_dict())
    assert len(rows) == len(frame) and len(rows) % 2 == 0
    by_item = {}
    for r in rows:
        by_item.setdefault(r["item"], set()).add(r["version"])
    assert all(len(v) == 2 for v in by_item.values())


def test_growth_chart_shows_actuals_and_the_target_range(pkg):
    actuals, target = content.growth_actuals(pkg)
    rows = _data(charts.actuals_against_target(actuals, target, "vi", "T", "S").to_dict())
    assert rows[0]["shown"] == "7%"
    assert rows[-1]["shown"] == "10–11%/năm"
    assert (rows[-1]["lo"], rows[-1]["hi"]) == (10, 11)


def test_long_titles_wrap_into_lines():
    lines = charts.wrap("Tăng trưởng năm 2023 (theo báo cáo) và mục tiêu giai đoạn 2026–2030", 30)
    assert all(len(line) <= 30 for line in lines) and len(lines) == 3
