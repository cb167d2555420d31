"""The shipped data: schema, references, verbatim quotes, registry names, completeness."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from components import data, datadict


def test_shipped_data_has_no_problems():
    pkg, errors = data.check_package()
    assert [str(e) for e in errors] == []
    assert pkg is not None


def test_every_source_text_is_checked_when_available(pkg):
    """The decision's text ships with the data, so its quotes are always checked."""
    assert "qd339_2026" in pkg.source_texts
    seeds = [s for s in pkg["sources"].to_dict("records") if s["seed_file"]]
    if data.SEEDS_DIR.exists():
        assert all(s["id"] in pkg.source_texts for s in seeds)


def test_every_table_in_the_descriptor_is_loaded(pkg):
    names = [r["name"] for r in pkg.descriptor["resources"]]
    assert sorted(pkg.tables) == sorted(names)
    assert all(len(pkg[n]) > 0 for n in names)


def test_every_row_cites_a_source_section_and_quote(pkg):
    for name, frame in pkg.tables.items():
        if name in ("sources", "places"):  # documents themselves; map positions cite their dataset instead
            continue
        if name == "plan_paragraphs":  # the text itself, checked whole (tests/test_paragraphs.py)
            assert frame[["source_id", "section", "text_vi"]].notna().all().all(), name
            continue
        assert frame[["source_id", "section", "quote_vi"]].notna().all().all(), name
    assert pkg["places"]["source_id"].notna().all()


def test_descriptor_is_a_valid_frictionless_package():
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(data.DATA_DIR / data.DESCRIPTOR))
    problems = report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert report.valid, problems[:10]


def test_data_dictionary_is_generated_from_the_descriptor():
    descriptor = json.loads((data.DATA_DIR / data.DESCRIPTOR).read_text(encoding="utf-8"))
    committed = (data.DATA_DIR / "README.md").read_text(encoding="utf-8")
    assert committed == datadict.render(descriptor), "run: python -m components.datadict"


def test_data_dictionary_describes_every_column():
    descriptor = json.loads((data.DATA_DIR / data.DESCRIPTOR).read_text(encoding="utf-8"))
    for res in descriptor["resources"]:
        assert res.get("description"), res["name"]
        for f in res["schema"]["fields"]:
            assert f.get("description"), f"{res['name']}.{f['name']}"


def test_command_line_check_passes_on_shipped_data():
    out = subprocess.run([sys.executable, "-m", "components.check"], cwd=data.ROOT,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.startswith("OK: ") and " tables, " in out.stdout


# --- place names against the national administrative-unit list ----------------------------------


def test_units_match_the_national_registry(pkg):
    vp = pytest.importorskip("vietnam_provinces")
    province = next(p for p in vp.Province.iter_all() if p.name == "Lạng Sơn")
    registry = {f"{int(w.code):05d}": w for w in vp.Ward.iter_all() if w.province_code == province.code}
    units = pkg["admin_units"]
    assert len(registry) == len(units) == 65
    for u in units.to_dict("records"):
        ward = registry[u["code"]]
        assert u["registry_name"] == ward.name
        assert u["name_vi"] == ward.name.split(" ", 1)[1]
        assert u["kind"] == ("ward" if ward.division_type.name == "PHUONG" else "commune")


def test_every_source_spelling_of_a_unit_is_a_recorded_variant(pkg):
    """A name the decision spells unlike the registry must be in data_notes as a variant of that unit."""
    variants = pkg["data_notes"].dropna(subset=["unit_id", "variant"])
    known = {(r.unit_id, r.variant) for r in variants.itertuples()}
    names = dict(zip(pkg["admin_units"]["id"], pkg["admin_units"]["name_vi"]))
    members = pkg["structure_members"].dropna(subset=["unit_id"])
    for m in members.itertuples():
        written = m.place_vi
        if written.startswith("đô thị"):
            continue
        if written != names[m.unit_id] and data.normalise(written) != names[m.unit_id]:
            assert (m.unit_id, written) in known, f"{written} ≠ {names[m.unit_id]}: no data note"


# --- completeness: the counts the decision states are the counts in the data ---------------------


def _count(frame, **where):
    for k, v in where.items():
        frame = frame[frame[k] == v]
    return len(frame)


@pytest.mark.parametrize(("table", "where", "expected"), [
    ("admin_units", {}, 65),
    ("admin_units", {"kind": "commune"}, 61),
    ("admin_units", {"kind": "ward"}, 4),
    ("urban_areas", {}, 13),
    ("urban_areas", {"urban_class": "II"}, 1),
    ("urban_areas", {"urban_class": "III"}, 12),
    ("priority_gates", {}, 5),
    ("breakthroughs", {}, 4),
    ("focus_tasks", {}, 8),
    ("viewpoints", {}, 6),
    ("digital_pillars", {}, 4),
    ("spatial_structures", {"kind": "axis"}, 1),
    ("spatial_structures", {"kind": "corridor"}, 2),
    ("spatial_structures", {"kind": "zone"}, 3),
    ("spatial_structures", {"kind": "growth_pole"}, 2),
    ("planned_wards", {}, 4),
    ("neighbours", {}, 5),
    ("logistics", {"kind": "dry_port", "section": "Art.1 VI.1.c"}, 4),
    ("environment", {"kind": "nature_reserve"}, 3),
    ("environment", {"kind": "landscape"}, 2),
    ("environment", {"kind": "water_subzone"}, 12),
    ("goals", {"kind": "milestone"}, 1),
    ("targets", {"chart_group": "grdp_structure_2030"}, 4),
    ("targets", {"chart_group": "labour_structure_2030"}, 3),
])
def test_counts_stated_by_the_decision(pkg, table, where, expected):
    assert _count(pkg[table], **where) == expected


@pytest.mark.parametrize(("fact", "table", "where"), [
    ("commune_level_units", "admin_units", {}),
    ("communes", "admin_units", {"kind": "commune"}),
    ("wards", "admin_units", {"kind": "ward"}),
    ("urban_areas_2030", "urban_areas", {}),
    ("priority_gates", "priority_gates", {}),
    ("dry_ports", "logistics", {"kind": "dry_port", "section": "Art.1 VI.1.c"}),
    ("nature_reserves", "environment", {"kind": "nature_reserve"}),
    ("ecological_landscapes", "environment", {"kind": "landscape"}),
    ("water_subzones", "environment", {"kind": "water_subzone"}),
    ("communes_to_become_wards", "planned_wards", {}),
])
def test_stated_counts_agree_with_listed_items(pkg, fact, table, where):
    facts = pkg["facts"].set_index("id")
    assert facts.loc[fact, "value_min"] == _count(pkg[table], **where)


def test_every_unit_is_in_at_most_one_zone_and_the_rest_are_noted(pkg):
    zones = pkg["spatial_structures"].query("kind == 'zone'")["id"]
    members = pkg["structure_members"]
    zoned = members[members["structure_id"].isin(zones)].dropna(subset=["unit_id"])
    assert not zoned["unit_id"].duplicated().any()
    missing = set(pkg["admin_units"]["id"]) - set(zoned["unit_id"])
    notes = pkg["data_notes"]
    noted = set(notes[notes["kind"] == "omission"]["unit_id"].dropna())
    assert missing <= noted, f"in no zone and no data note says so: {sorted(missing - noted)}"


def test_the_ten_gates_figure_and_the_named_gates(pkg):
    facts = pkg["facts"].set_index("id")
    assert facts.loc["gates_to_develop", "value_min"] == 10
    assert len(pkg["border_crossings"]) <= 10 + 3  # gates plus the named lanes and crossings
    assert set(pkg["border_crossings"]["priority_id"].dropna()) == set(pkg["priority_gates"]["id"])
