"""Shaping for pages: the right rows, worded and cited."""

from __future__ import annotations

from components import content


def test_headline_statements_are_the_goal_the_milestone_and_the_vision(pkg):
    rows = content.headline_statements(pkg, "en")
    assert [r["title"] for r in rows] == ["By 2030", "By 2035", "By 2050"]
    assert all(r["cite"].quote for r in rows)


def test_headline_figures_are_formatted_and_cited(pkg):
    rows = content.headline_figures(pkg, "vi")
    assert rows[0]["value"] == "khoảng 111.100 tỷ đồng"
    assert rows[0]["cite"].section == "Điều 1, mục II.2.b"


def test_every_target_is_shown_once_across_the_domains(pkg):
    shown = sum(len(content.targets_in(pkg, "en", d)) for d, _ in content.DOMAINS)
    assert shown == len(pkg["targets"])


def test_priority_gates_carry_partners_or_say_they_are_not_named(pkg):
    rows = content.priority_gates(pkg, "en")
    assert len(rows) == 5
    assert "Ai Diễm" in rows[2]["meta"] and "Nà Ủ" in rows[2]["meta"]
    assert "not named in the sources" in rows[0]["meta"]


def test_zone_members_use_registry_names(pkg):
    west = content.members(pkg, "zone_west", "vi")
    assert "Tràng Định" in west and "Trảng Định" not in west
    assert len(west) == 32


def test_version_rows_pair_2024_and_2026(pkg):
    rows = content.version_rows(pkg, "en")
    assert len(rows) == pkg["plan_versions"]["item"].nunique()
    growth = next(r for r in rows if r["new"] == "10–11% a year")
    assert growth["old"].endswith("8–9% a year")


def test_urban_rows_say_how_each_extent_is_known(pkg):
    rows = content.urban_rows(pkg, "en")
    assert len(rows) == 13
    assert "Tam Thanh" in rows[0]["value"] and "named by the decision" in rows[0]["value"]
    assert "does not define the extent" in rows[1]["value"]


def test_flagged_facts_carry_their_data_note(pkg):
    rows = content.province_facts(pkg, "en")
    latitude = next(r for r in rows if r["value"].startswith("20°27′"))
    assert latitude["note"].startswith("Data note:")


def test_notes_of_one_kind_do_not_repeat_the_kind_that_heads_them(pkg):
    every = content.notes_register(pkg, "vi")
    assert {r["title"] for r in every} == {name for _k, name, _n in content.note_kinds(pkg, "vi")}
    for kind, _name, count in content.note_kinds(pkg, "vi"):
        rows = content.notes_register(pkg, "vi", kind)
        assert len(rows) == count and all(r["title"] == "" and r["text"] and r["cite"].quote for r in rows)
