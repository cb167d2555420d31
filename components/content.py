"""Shape validated tables into what pages show: labelled, formatted, cited rows.

Pure functions of (package, lang): no Streamlit, no HTML. Pages pass the results to
``components.render`` and ``components.charts``.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
import threading
from collections import OrderedDict

import pandas as pd

from components import exports, folding, i18n, render
from components.data import Package, normalise


def _shared(fn):
    """Build once per (package, arguments) and share the result with every session and rerun.

    The builders below are pure and their inputs never change while the process lives, yet each page
    run used to rebuild its rows with pandas (about half of a page run's CPU). Results are shared, so
    callers must not mutate them; list arguments are keyed as tuples. At most 512 results are kept
    (least recently used first out), so values taken from the URL cannot grow the cache.
    """
    cache: OrderedDict = OrderedDict()
    lock = threading.Lock()

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        key = tuple(tuple(a) if isinstance(a, list) else a for a in args) + tuple(
            (k, tuple(v) if isinstance(v, list) else v) for k, v in sorted(kwargs.items()))
        with lock:
            if key in cache:
                cache.move_to_end(key)
                return cache[key]
        result = fn(*args, **kwargs)
        with lock:
            cache[key] = result
            if len(cache) > 512:
                cache.popitem(last=False)
        return result

    wrapper.cache_clear = cache.clear
    return wrapper


@functools.lru_cache(maxsize=4)
def sources(pkg: Package) -> dict[str, dict]:
    """Source documents by id, once per package (every citation looks here)."""
    return {s["id"]: s for s in pkg["sources"].to_dict("records")}


def record(frame: pd.DataFrame, row_id: str, key: str = "id") -> dict:
    """One row as a dict (``KeyError`` names the id when it is missing)."""
    hit = frame[frame[key] == row_id]
    if hit.empty:
        raise KeyError(row_id)
    return _clean(hit.iloc[0].to_dict())


def records(frame: pd.DataFrame) -> list[dict]:
    return [_clean(r) for r in frame.to_dict("records")]


def _clean(row: dict) -> dict:
    """Missing cells as ``None`` (pandas gives NaN/NA)."""
    out = {}
    for k, v in row.items():
        try:
            missing = v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))
        except TypeError:
            missing = False
        out[k] = None if missing else v
    return out


def figure(row: dict, lang: str) -> str:
    """The row's figure as the plan words it, in the locale."""
    return i18n.format_figure(row["value_min"], row.get("value_max"), row.get("qualifier"), row["unit"], lang)


def cite(pkg: Package, row: dict, lang: str) -> render.Citation:
    """The row's citation, with the id of the decision's paragraph that holds its quote."""
    pids = quote_paragraphs(pkg, row.get("quote_vi"), row.get("section"), row.get("source_id"))
    return render.citation(row, sources(pkg), lang, pids[0] if pids else None)


DECISION = "qd339_2026"  # the source the reader's paragraphs are made from


@functools.lru_cache(maxsize=4)
def _paragraph_index(pkg: Package) -> tuple[tuple[int, ...], str, tuple[str, ...], tuple[str, ...]]:
    """(start of each paragraph in the joined text, the joined normalised text, ids, base sections)."""
    if "plan_paragraphs" not in pkg.tables:
        return (), "", (), ()
    rows = records(pkg["plan_paragraphs"].sort_values("order"))
    starts, pieces, at = [], [], 0
    for r in rows:
        text = normalise(r["text_vi"])
        starts.append(at)
        pieces.append(text)
        at += len(text) + 1
    return tuple(starts), " ".join(pieces), tuple(r["id"] for r in rows), tuple(_base_section(r["section"]) for r in rows)


def _base_section(section: str | None) -> str:
    return re.sub(r"( \([ivx\d]+\)|, footnote \d+)$", "", section or "")


@functools.lru_cache(maxsize=8192)
def quote_paragraphs(pkg: Package, quote: str | None, section: str | None, source_id: str | None) -> tuple[str, ...]:
    """Ids of the decision's paragraphs a quote lies in (more than one when it runs over a paragraph end);
    a quote found more than once is placed where its section says. Empty for other sources."""
    if source_id != DECISION or not quote:
        return ()
    starts, joined, ids, bases = _paragraph_index(pkg)
    needle = normalise(quote)
    hits, at = [], joined.find(needle)
    while at != -1:
        hits.append(at)
        at = joined.find(needle, at + 1)
    if not hits:
        return ()
    base = _base_section(section)

    def where(pos: int) -> int:
        return bisect.bisect_right(starts, pos) - 1

    def within(inner: str, outer: str) -> bool:
        return inner == outer or inner.startswith((outer + ".", outer + " "))

    pos = next((h for h in hits if within(bases[where(h)], base) or within(base, bases[where(h)])), hits[0])
    return ids[where(pos):where(pos + len(needle) - 1) + 1]


def figure_rows(pkg: Package, frame: pd.DataFrame, lang: str, label: str = "indicator") -> list[dict]:
    """Rows of a figures table (targets, facts) ready for ``render.figure_table``."""
    return [{"label": r[i18n.col(label, lang)], "value": figure(r, lang), "cite": cite(pkg, r, lang)}
            for r in records(frame)]


def items(pkg: Package, frame: pd.DataFrame, lang: str, title: str | None = None, text: str | None = None,
          meta=None) -> list[dict]:
    """Rows of a statements table ready for ``render.item_list``; ``meta`` maps a row to a side note."""
    out = []
    for r in records(frame):
        out.append({
            "title": r[i18n.col(title, lang)] if title else None,
            "text": r.get(i18n.col(text, lang)) if text else None,
            "meta": meta(r) if meta else None,
            "cite": cite(pkg, r, lang),
        })
    return out


@functools.lru_cache(maxsize=4)
def unit_names(pkg: Package) -> dict[str, str]:
    return dict(zip(pkg["admin_units"]["id"], pkg["admin_units"]["name_vi"]))


@_shared
def members(pkg: Package, structure_id: str, lang: str) -> list[str]:
    """Places a structure is made of, in the decision's order (registry names for communes/wards)."""
    names = unit_names(pkg)
    frame = pkg["structure_members"]
    rows = records(frame[frame["structure_id"] == structure_id].sort_values("seq"))
    out: list[str] = []
    for r in rows:
        name = names[r["unit_id"]] if r.get("unit_id") else r[i18n.col("place", lang)]
        if name not in out:
            out.append(name)
    return out


# Items whose two versions measure different things, so a chart must not set them side by side:
# the 2024 forest figure is an increase with no baseline, the 2026 one a level (data note
# targets_forest_cover_relative). They stay in the comparison table, with their wording.
NOT_COMPARABLE_IN_CHARTS = {"forest_cover"}


@functools.lru_cache(maxsize=16)
def version_pairs(pkg: Package, lang: str, numeric: bool) -> pd.DataFrame:
    """Plan-version rows whose items have both versions; ``numeric`` keeps comparable percentage figures."""
    pv = pkg["plan_versions"]
    if numeric:
        pv = pv[~pv["item"].isin(NOT_COMPARABLE_IN_CHARTS)]
    both = pv.groupby("item")["version"].nunique()
    pv = pv[pv["item"].isin(both[both == 2].index)]
    if numeric:
        pct = pv.groupby("item")["unit"].agg(lambda u: set(u) <= {"pct", "pct_per_year", "pct_points_per_year"})
        pv = pv[pv["item"].isin(pct[pct].index) & pv["value_min"].notna()]
    labels = pv[pv["version"] == "adjustment_2026"].set_index("item")[i18n.col("label", lang)]
    return pv.assign(item_label=pv["item"].map(labels)).sort_values(["item", "version"])


@_shared
def notes_about(pkg: Package, *subjects: str) -> pd.DataFrame:
    """Data notes whose subject starts with one of ``subjects`` (``'border_crossings'``, ``'targets:'``)."""
    notes = pkg["data_notes"]
    mask = notes["subject"].map(lambda s: any(s.startswith(x) for x in subjects))
    return notes[mask]


# --- overview ------------------------------------------------------------------------------------

N_ = i18n.N_

HEADLINE_FIGURES = [
    ("grdp_2030", N_("GRDP in 2030")),
    ("grdp_growth_2026_2030", N_("GRDP growth a year, 2026–2030")),
    ("grdp_per_capita_vnd_2030", N_("GRDP per person, 2030")),
    ("tourist_visits_2030", N_("Tourist visits, 2030")),
    ("urbanisation_rate_2030", N_("Urbanisation rate, 2030")),
    ("forest_cover_2030", N_("Forest cover, 2030")),
]

DIRECTIONS = {"north": N_("to the north"), "northeast": N_("to the northeast"), "east": N_("to the east"),
              "southeast": N_("to the southeast"), "south": N_("to the south"), "southwest": N_("to the southwest"),
              "west": N_("to the west"), "northwest": N_("to the northwest")}

PROVINCE_FACTS = ["natural_area", "commune_level_units", "communes", "wards", "latitude_extent",
                  "longitude_extent", "gates_to_develop", "border_length_2024"]


@_shared
def headline_statements(pkg: Package, lang: str) -> list[dict]:
    """The 2030 goal, the 2035 milestone and the first sentence of the 2050 vision."""
    _ = i18n.gettext_for(lang)
    goals = pkg["goals"]
    picks = [
        (_("By 2030"), goals[goals["kind"] == "general_goal"].sort_values("order")),
        (_("By 2035"), goals[goals["kind"] == "milestone"].sort_values("order")),
        (_("By 2050"), goals[goals["kind"] == "vision"].sort_values("order")),
    ]
    out = []
    for title, frame in picks:
        r = records(frame.head(1))[0]
        out.append({"title": title, "text": r[i18n.col("text", lang)], "cite": cite(pkg, r, lang)})
    return out


@_shared
def headline_figures(pkg: Package, lang: str) -> list[dict]:
    _ = i18n.gettext_for(lang)
    targets = pkg["targets"]
    out = []
    for target_id, label in HEADLINE_FIGURES:
        r = record(targets, target_id)
        out.append({"label": _(label), "value": figure(r, lang), "cite": cite(pkg, r, lang), "row": r})
    return out


@_shared
def flagged_facts(pkg: Package) -> dict[str, dict]:
    """Facts that a data note calls implausible or inconsistent, by fact id."""
    notes = records(pkg["data_notes"])
    out = {}
    for n in notes:
        if n["subject"].startswith("facts:") and n["kind"] in ("implausible", "inconsistency", "cross_document"):
            out[n["subject"].split(":", 1)[1]] = n
    return out


@_shared
def province_facts(pkg: Package, lang: str) -> list[dict]:
    _ = i18n.gettext_for(lang)
    facts = pkg["facts"]
    flags = flagged_facts(pkg)
    out = []
    for fact_id in PROVINCE_FACTS:
        r = record(facts, fact_id)
        row = {"label": r[i18n.col("label", lang)], "value": figure(r, lang), "cite": cite(pkg, r, lang)}
        if fact_id in flags:
            row["note"] = _("Data note: {note}").format(note=flags[fact_id][i18n.col("note", lang)])
        out.append(row)
    return out


@_shared
def neighbours(pkg: Package, lang: str) -> list[dict]:
    _ = i18n.gettext_for(lang)
    return items(pkg, pkg["neighbours"], lang, title="name", meta=lambda r: i18n.translate(DIRECTIONS[r["direction"]], lang))


# --- targets -------------------------------------------------------------------------------------

DOMAINS = [("economy", N_("Economy")), ("infrastructure", N_("Infrastructure")),
           ("society", N_("Society")), ("environment", N_("Environment"))]


@_shared
def targets_in(pkg: Package, lang: str, domain: str) -> list[dict]:
    frame = pkg["targets"]
    return figure_rows(pkg, frame[frame["domain"] == domain], lang)


@_shared
def chart_group(pkg: Package, group: str) -> pd.DataFrame:
    frame = pkg["targets"]
    return frame[frame["chart_group"] == group]


def version_value(row: dict, lang: str) -> str:
    """One version of a compared figure: a measured figure as worded, else the text (lists, names)."""
    text = row.get(i18n.col("text", lang))
    numeric = row.get("value_min") is not None and row.get("unit")
    if numeric and (row["unit"] != "count" or not text):
        return i18n.format_figure(row["value_min"], row.get("value_max"), row.get("qualifier"), row["unit"], lang)
    return text or ""


@functools.lru_cache(maxsize=16)
def version_rows(pkg: Package, lang: str) -> list[dict]:
    """Every compared item: the 2024 version and the 2026 version, each with its source."""
    pv = version_pairs(pkg, lang, numeric=False)
    out = []
    for item, group in pv.groupby("item", sort=False):
        by = {r["version"]: r for r in records(group)}
        old, new = by["plan_2024"], by["adjustment_2026"]
        out.append({"label": new[i18n.col("label", lang)],
                    "old": version_value(old, lang), "old_cite": cite(pkg, old, lang),
                    "new": version_value(new, lang), "new_cite": cite(pkg, new, lang)})
    return out


@_shared
def growth_actuals(pkg: Package) -> tuple[pd.DataFrame, dict]:
    """2023 growth actuals and the 2026–2030 GRDP growth target."""
    return pkg["actuals"], record(pkg["targets"], "grdp_growth_2026_2030")


def notes_rows(pkg: Package, frame: pd.DataFrame, lang: str) -> list[dict]:
    _ = i18n.gettext_for(lang)
    return [{"title": r[i18n.col("note", lang)], "text": _("How the data handles it: {handling}").format(
        handling=r[i18n.col("handling", lang)]), "cite": cite(pkg, r, lang)} for r in records(frame)]


@_shared
def actual_rows(pkg: Package, lang: str) -> list[dict]:
    return [{"label": r[i18n.col("indicator", lang)],
             "value": i18n.format_amount(r["value"], None, r["unit"], lang), "cite": cite(pkg, r, lang)}
            for r in records(pkg["actuals"])]


# --- statements ----------------------------------------------------------------------------------


@_shared
def statements(pkg: Package, table: str, lang: str) -> list[dict]:
    """Numbered statements (breakthroughs, focus tasks, viewpoints): our heading, the plan's text."""
    return items(pkg, pkg[table].sort_values("order"), lang, title="summary", text="text")


@_shared
def goals_of(pkg: Package, kind: str, lang: str) -> list[dict]:
    goals = pkg["goals"]
    return items(pkg, goals[goals["kind"] == kind].sort_values("order"), lang, text="text")


# --- border gates --------------------------------------------------------------------------------

GATE_KINDS = {"international_gate": N_("International border gate"), "bilateral_gate": N_("Bilateral border gate"),
              "secondary_gate": N_("Secondary border gate"), "crossing": N_("Clearance crossing"),
              "dedicated_lane": N_("Dedicated goods lane")}
BORDER_VERSION_ITEMS = ["border_gates_count", "priority_gates_list", "priority_chi_ma", "priority_binh_nghi"]


def partners_text(crossings: list[dict], lang: str) -> str:
    _ = i18n.gettext_for(lang)
    parts = []
    for c in crossings:
        partner = c.get(i18n.col("partner", lang)) or _("not named in the sources")
        parts.append(_("{name} — counterpart on the Chinese side: {partner}").format(
            name=c[i18n.col("name", lang)], partner=partner))
    return "; ".join(parts)


@_shared
def priority_gates(pkg: Package, lang: str) -> list[dict]:
    """The 5 priorities in order, each with its role and the named crossings it covers."""
    crossings = records(pkg["border_crossings"])
    out = []
    for r in records(pkg["priority_gates"].sort_values("order")):
        mine = [c for c in crossings if c.get("priority_id") == r["id"]]
        out.append({"title": r[i18n.col("name", lang)], "text": r[i18n.col("role", lang)],
                    "meta": partners_text(mine, lang), "cite": cite(pkg, r, lang)})
    return out


@_shared
def crossing_rows(pkg: Package, lang: str) -> list[dict]:
    _ = i18n.gettext_for(lang)
    out = []
    for c in records(pkg["border_crossings"]):
        partner = c.get(i18n.col("partner", lang)) or _("not named in the sources")
        out.append({"label": c[i18n.col("name", lang)],
                    "value": _("{kind}; counterpart on the Chinese side: {partner}").format(
                        kind=i18n.translate(GATE_KINDS[c["kind"]], lang), partner=partner),
                    "cite": cite(pkg, c, lang)})
    return out


@_shared
def logistics_items(pkg: Package, lang: str, kinds: tuple[str, ...] | None = None,
                    exclude: tuple[str, ...] = ()) -> list[dict]:
    frame = pkg["logistics"]
    if kinds:
        frame = frame[frame["kind"].isin(kinds)]
    frame = frame[~frame["kind"].isin(exclude)]
    return items(pkg, frame, lang, title="name", text="description")


@_shared
def fact_rows(pkg: Package, lang: str, ids: list[str] | None = None, topic: str | None = None) -> list[dict]:
    facts = pkg["facts"]
    if ids is not None:
        facts = facts.set_index("id").loc[ids].reset_index()
    if topic is not None:
        facts = facts[facts["topic"] == topic]
    flags = flagged_facts(pkg)
    _ = i18n.gettext_for(lang)
    rows = figure_rows(pkg, facts, lang, label="label")
    for row, fact_id in zip(rows, facts["id"]):
        if fact_id in flags:
            row["note"] = _("Data note: {note}").format(note=flags[fact_id][i18n.col("note", lang)])
    return rows


@_shared
def version_rows_for(pkg: Package, lang: str, items_: list[str]) -> list[dict]:
    wanted = {r["label"]: r for r in version_rows(pkg, lang)}
    labels = pkg["plan_versions"].query("version == 'adjustment_2026'").set_index("item")[i18n.col("label", lang)]
    return [wanted[labels[i]] for i in items_ if i in labels and labels[i] in wanted]


# --- tourism, urban system, infrastructure -------------------------------------------------------


@_shared
def tourism_items(pkg: Package, lang: str, *kinds: str) -> list[dict]:
    frame = pkg["tourism"]
    return items(pkg, frame[frame["kind"].isin(kinds)], lang, title="name", text="description")


@_shared
def tourism_figures(pkg: Package, lang: str) -> list[dict]:
    _ = i18n.gettext_for(lang)
    frame = pkg["targets"]
    rows = records(frame[frame["topic"] == "tourism"])
    return [{"label": r[i18n.col("indicator", lang)], "value": figure(r, lang), "cite": cite(pkg, r, lang)}
            for r in rows]


URBAN_CLASS = {"II": N_("Class II"), "III": N_("Class III")}


@_shared
def urban_rows(pkg: Package, lang: str) -> list[dict]:
    """The 13 urban areas: class, and the wards/communes each builds on (with how we know)."""
    _ = i18n.gettext_for(lang)
    names = unit_names(pkg)
    links = records(pkg["urban_area_units"])
    out = []
    for r in records(pkg["urban_areas"].sort_values("order")):
        mine = [x for x in links if x["urban_area_id"] == r["id"]]
        units = ", ".join(names[x["unit_id"]] for x in mine)
        basis = _("wards named by the decision") if any(x["basis"] == "stated" for x in mine) else _(
            "commune of the same name (the decision does not define the extent)")
        out.append({"label": r[i18n.col("name", lang)],
                    "value": _("{urban_class} — builds on: {units} ({basis})").format(
                        urban_class=i18n.translate(URBAN_CLASS[r["urban_class"]], lang), units=units, basis=basis),
                    "cite": cite(pkg, r, lang)})
    return out


@_shared
def planned_ward_names(pkg: Package) -> list[str]:
    names = unit_names(pkg)
    return [names[u] for u in pkg["planned_wards"]["unit_id"]]


@_shared
def structures(pkg: Package, kind: str, lang: str) -> list[dict]:
    """Axis, corridors, zones or poles: name, route, what develops there, and their places."""
    _ = i18n.gettext_for(lang)
    frame = pkg["spatial_structures"]
    out = []
    for r in records(frame[frame["kind"] == kind].sort_values("order")):
        route = r.get(i18n.col("route", lang))
        out.append({"title": r[i18n.col("name", lang)],
                    "meta": _("Built on: {route}").format(route=route) if route else None,
                    "text": r[i18n.col("focus", lang)],
                    "cite": cite(pkg, r, lang),
                    "places": members(pkg, r["id"], lang)})
    return out


@_shared
def industry_items(pkg: Package, lang: str, kind: str) -> list[dict]:
    frame = pkg["industry"]
    return items(pkg, frame[frame["kind"] == kind], lang, title="name", text="description")


@_shared
def industrial_park_communes(pkg: Package) -> list[str]:
    names = unit_names(pkg)
    frame = pkg["industry"]
    return [names[u] for u in frame[frame["kind"] == "industrial_park_location"]["unit_id"].dropna()]


@_shared
def infrastructure_items(pkg: Package, lang: str, *sectors: str) -> list[dict]:
    frame = pkg["infrastructure"]
    names = unit_names(pkg)
    return items(pkg, frame[frame["sector"].isin(sectors)], lang, title="name", text="description",
                 meta=lambda r: names[r["unit_id"]] if r.get("unit_id") else None)


ENVIRONMENT_GROUPS = [
    (N_("Environmental zones"), ("environmental_zone",)),
    (N_("Nature reserves and landscapes"), ("nature_reserve", "landscape")),
    (N_("Ecosystems and forests"), ("ecosystem", "forest")),
    (N_("Environmental monitoring"), ("monitoring_station",)),
    (N_("Minerals"), ("mineral",)),
    (N_("Water resources"), ("water_subzone", "water_allocation_priority", "new_reservoir",
                             "water_protection_solution")),
    (N_("Natural hazards"), ("hazard_zone",)),
]


@_shared
def environment_items(pkg: Package, lang: str, kinds: tuple[str, ...]) -> list[dict]:
    frame = pkg["environment"]
    names = unit_names(pkg)
    return items(pkg, frame[frame["kind"].isin(kinds)], lang, title="name", text="description",
                 meta=lambda r: names[r["unit_id"]] if r.get("unit_id") else None)


STRUCTURE_HEADINGS = [("growth_pole", N_("The 2 growth poles")), ("axis", N_("The development axis")),
                      ("corridor", N_("The 2 economic corridors")), ("zone", N_("The 3 socio-economic zones"))]


UTILITY_GROUPS = [(N_("Power"), ("power",)), (N_("Irrigation, water supply and drainage"),
                                              ("irrigation", "water_supply", "drainage")),
                  (N_("Waste, cemeteries and fire safety"), ("waste", "cemetery", "fire"))]
SOCIAL_GROUPS = [(N_("Health"), ("health",)), (N_("Education and training"), ("education",)),
                 (N_("Culture and sport"), ("culture_sport",)), (N_("Commerce"), ("commerce",)),
                 (N_("Social protection"), ("social_protection",)),
                 (N_("Science, technology and digital transformation"), ("science_technology", "digital"))]


# --- sources -------------------------------------------------------------------------------------

STATUS = {"current": N_("The plan in force (primary source)"),
          "superseded": N_("Original plan, adjusted by the 2026 decision"),
          "context": N_("Context: news report, quoted briefly")}
NOTE_KINDS = {"spelling_variant": N_("Spelling variant"), "typo": N_("Typing slip"),
              "inconsistency": N_("Inconsistency"), "omission": N_("Omission"),
              "cross_document": N_("Difference between documents"), "implausible": N_("Implausible"),
              "ambiguity": N_("Ambiguity"), "interpretation": N_("Our interpretation")}


@_shared
def document_rows(pkg: Package, lang: str) -> list[dict]:
    _ = i18n.gettext_for(lang)
    out = []
    for s in records(pkg["sources"]):
        facts = [render.document_label(s, lang)]
        if s.get(i18n.col("issuer", lang)):
            facts.append(s[i18n.col("issuer", lang)])
        if s.get("author"):
            facts.append(_("by {author}").format(author=s["author"]))
        out.append({"title": s[i18n.col("title", lang)], "meta": " · ".join(facts),
                    "status": i18n.translate(STATUS[s["status"]], lang), "licence": s[i18n.col("licence", lang)]})
    return out


@_shared
def note_kinds(pkg: Package, lang: str) -> list[tuple[str, str, int]]:
    """``(kind, name, count)`` of each kind of data note the package has, in :data:`NOTE_KINDS`' order."""
    counts = pkg["data_notes"]["kind"].value_counts()
    return [(k, i18n.translate(NOTE_KINDS[k], lang), int(counts[k])) for k in NOTE_KINDS if k in counts]


@_shared
def notes_register(pkg: Package, lang: str, kind: str | None = None) -> list[dict]:
    """The data notes (of one ``kind``, or all), each with its citation; all of them are titled by their kind,
    those of one kind are not (they stand under its heading)."""
    _ = i18n.gettext_for(lang)
    out = []
    frame = pkg["data_notes"]
    for r in records(frame if kind is None else frame[frame["kind"] == kind]):
        out.append({"title": i18n.translate(NOTE_KINDS[r["kind"]], lang) if kind is None else "",
                    "text": r[i18n.col("note", lang)] + " " + _("How the data handles it: {handling}").format(
                        handling=r[i18n.col("handling", lang)]),
                    "cite": cite(pkg, r, lang)})
    return out


# --- charts with their exports -------------------------------------------------------------------


def sourced_rows(pkg: Package, frame: pd.DataFrame, lang: str, label: str) -> pd.DataFrame:
    """Rows for a CSV: label, the numbers as numbers, unit, qualifier, year, and the citation."""
    out = []
    for r in records(frame):
        c = cite(pkg, r, lang)
        out.append({
            "id": r["id"], "label": r[i18n.col(label, lang)],
            "value_min": r.get("value_min", r.get("value")), "value_max": r.get("value_max"),
            "qualifier": r.get("qualifier") or "exact", "unit": r["unit"],
            "year": r.get("target_year") or r.get("year"), "period_start": r.get("period_start"),
            "version": r.get("version"), "source": c.document, "section": c.section, "quote_vi": r["quote_vi"],
        })
    return pd.DataFrame(out).dropna(axis="columns", how="all")



@functools.lru_cache(maxsize=16)
def target_charts(pkg: Package, lang: str) -> list[exports.ChartExport]:
    """The Targets page's charts, each with the rows it draws (for CSV), a file-name stem, and the same chart
    with narrower category labels for a phone's picture."""
    from components import charts

    _ = i18n.gettext_for(lang)
    source = _("Target ranges. Source: Decision 339/QĐ-UBND, Art. 1, section II.2.b")
    out = []
    for slug, group, title in (("grdp-structure-2030", "grdp_structure_2030", _("GRDP structure in 2030, by sector")),
                               ("labour-structure-2030", "labour_structure_2030",
                                _("Employed workers in 2030, by sector"))):
        frame = chart_group(pkg, group)
        build = functools.partial(charts.structure_ranges, frame, lang, title, source)
        out.append(exports.ChartExport(slug, title, build(), sourced_rows(pkg, frame, lang, "indicator"),
                                       narrow=build(label_width=NARROW_LABELS)))
    title = _("2024 plan and 2026 adjustment, percentage targets")
    pairs = version_pairs(pkg, lang, numeric=True)
    build = functools.partial(charts.version_comparison, pairs, lang, title, _(
        "Sources: Decision 339/QĐ-UBND, Art. 1, section II.2.b; the 2024 plan's figures as reported in the news "
        "(each row's source is in the CSV)."))
    out.append(exports.ChartExport("plan-2024-vs-2026", title, build(), sourced_rows(pkg, pairs, lang, "label"),
                                   narrow=build(label_width=NARROW_LABELS)))
    actuals, target = growth_actuals(pkg)
    title = _("Growth in 2023 (reported) and the 2026–2030 target")
    rows = pd.concat([sourced_rows(pkg, actuals, lang, "indicator"),
                      sourced_rows(pkg, pkg["targets"][pkg["targets"]["id"] == target["id"]], lang,
                                           "indicator")], ignore_index=True)
    build = functools.partial(charts.actuals_against_target, actuals, target, lang, title, _(
        "2023: as reported at the 2024 conference announcing the provincial plan. Target: Decision 339/QĐ-UBND, "
        "Art. 1, section II.2.b"))
    out.append(exports.ChartExport("growth-2023-vs-target", title, build(), rows,
                                   narrow=build(label_width=NARROW_LABELS)))
    return out


NARROW_LABELS = 16  # characters per line of a category label in a phone's picture of a chart


# --- my commune ----------------------------------------------------------------------------------


@_shared
def unit_by_code(pkg: Package, code: object) -> dict | None:
    """The commune or ward with this national code, or None for anything else."""
    if not isinstance(code, str):
        return None
    hit = pkg["admin_units"][pkg["admin_units"]["code"] == code]
    return records(hit)[0] if len(hit) else None


@_shared
def unit_variants(pkg: Package, unit_id: str) -> list[dict]:
    notes = pkg["data_notes"]
    return records(notes[(notes["unit_id"] == unit_id) & notes["variant"].notna()])


@_shared
def unit_choices(pkg: Package) -> list[tuple[str, str]]:
    """(code, label) for the unit picker; the label also carries the unaccented name and every spelling
    the sources use, so typing ``huu lung`` or ``Lợi Bắc`` finds the unit."""
    out = []
    for u in records(pkg["admin_units"]):
        variants = sorted({v["variant"] for v in unit_variants(pkg, u["id"]) if v["variant"] != u["name_vi"]})
        extra = f" · {', '.join(variants)}" if variants else ""
        out.append((u["code"], f"{u['registry_name']}{extra} · {folding.fold(u['name_vi'])}"))
    return sorted(out, key=lambda x: x[1])


@_shared
def _unit_names(pkg: Package) -> list[tuple[str, frozenset[str]]]:
    """(code, every name of the unit folded), in the picker's order: what :func:`units_named` compares."""
    out = []
    for code, _label in unit_choices(pkg):
        u = unit_by_code(pkg, code)
        out.append((code, frozenset(" ".join(folding.fold(n).split()) for n in
                                    (u["registry_name"], u["name_vi"],
                                     *(v["variant"] for v in unit_variants(pkg, u["id"]))))))
    return out


def units_named(pkg: Package, text: str) -> list[str]:
    """The codes of the units a typed name names: the registry's name ("Xã Hữu Lũng"), the short name or any
    spelling the sources use, without regard to diacritics, case or spacing. The units named exactly that when
    there are any, else those whose name contains the text; in the picker's order."""
    wanted = " ".join(folding.fold(text).split())
    if not wanted:
        return []
    exact, partial = [], []
    for code, names in _unit_names(pkg):
        if wanted in names:
            exact.append(code)
        elif any(wanted in n for n in names):
            partial.append(code)
    return exact or partial


@_shared
def unit_profile(pkg: Package, unit_id: str, lang: str) -> list[dict]:
    """Everything the plan says about one commune or ward, as sections of cited items; a section says
    so when the plan names nothing there."""
    _ = i18n.gettext_for(lang)
    structures = {s["id"]: s for s in records(pkg["spatial_structures"])}
    members = [m for m in records(pkg["structure_members"]) if m.get("unit_id") == unit_id]
    sections: list[dict] = []

    def section(title: str, found: list[dict], none: str) -> None:
        sections.append({"title": title, "items": found, "none": none})

    zone = [{"title": structures[m["structure_id"]][i18n.col("name", lang)],
             "text": structures[m["structure_id"]][i18n.col("focus", lang)], "cite": cite(pkg, m, lang)}
            for m in members if structures[m["structure_id"]]["kind"] == "zone"]
    notes = pkg["data_notes"]
    no_zone = records(notes[(notes["unit_id"] == unit_id) & (notes["kind"] == "omission")])
    if not zone and no_zone:
        zone = [{"title": _("In none of the three economic zones"), "text": no_zone[0][i18n.col("note", lang)],
                 "cite": cite(pkg, no_zone[0], lang)}]
    section(_("Economic zone"), zone, _("The plan names no economic zone for this unit."))
    axis = [{"title": structures[m["structure_id"]][i18n.col("name", lang)], "cite": cite(pkg, m, lang)}
            for m in members if structures[m["structure_id"]]["kind"] in ("axis", "corridor")]
    # Through its urban area: the decision lists "đô thị Lạng Sơn" (not its wards) on the axis, corridors, poles.
    for link in (x for x in records(pkg["urban_area_units"]) if x["unit_id"] == unit_id):
        area = record(pkg["urban_areas"], link["urban_area_id"])
        bare = area["name_vi"].lower().removeprefix("đô thị ").strip()
        for m in records(pkg["structure_members"]):
            place = m["place_vi"].lower().removeprefix("đô thị ").strip()
            s_ = structures[m["structure_id"]]
            if not m.get("unit_id") and place == bare and s_["kind"] in ("axis", "corridor", "growth_pole"):
                axis.append({"title": s_[i18n.col("name", lang)],
                             "meta": _("through {area}").format(area=area[i18n.col("name", lang)]),
                             "cite": cite(pkg, m, lang)})
    section(_("Development axis, corridors and growth poles"), axis,
            _("The decision does not list this unit on the development axis or a corridor."))
    urban = [{"title": r[i18n.col("name", lang)],
              "meta": (_("the decision names this ward") if x["basis"] == "stated" else
                       _("same name; the decision does not define the urban area's extent")),
              "cite": cite(pkg, r, lang)}
             for x in records(pkg["urban_area_units"]) if x["unit_id"] == unit_id
             for r in [record(pkg["urban_areas"], x["urban_area_id"])]]
    urban += [{"title": _("Planned to become a ward"), "cite": cite(pkg, r, lang)}
              for r in records(pkg["planned_wards"]) if r["unit_id"] == unit_id]
    section(_("Urban area"), urban, _("The plan names no urban area built on this unit."))
    named = []
    for table in ("industry", "infrastructure", "environment", "logistics", "tourism", "border_crossings"):
        frame = pkg[table]
        for r in records(frame[frame["unit_id"] == unit_id]):
            named.append({"title": r[i18n.col("name", lang)], "text": r.get(i18n.col("description", lang)),
                          "cite": cite(pkg, r, lang)})
    section(_("Projects, parks and sites the decision places here"), named,
            _("The decision names no specific project, park or site in this unit; province-wide directions "
              "still apply."))
    zone_ids = [m["structure_id"] for m in members if structures[m["structure_id"]]["kind"] == "zone"]
    zone_said = [it for z in zone_ids for it in statement_items(pkg, lang, tuple(STATEMENT_PAGES), scopes=("zone",),
                                                                  zone=z)]
    if zone_said:
        section(_("What the plan says for its economic zone"), zone_said, "")
    every = statement_items(pkg, lang, tuple(STATEMENT_PAGES), scopes=("every_commune",))
    hard = statement_items(pkg, lang, ("difficult_areas",))
    hard = [{**it, "meta": _("For the disadvantaged and extremely disadvantaged areas; the decision does not list "
                             "which communes these are.")} for it in hard]
    section(_("What the plan asks of every commune"), every + hard, "")
    spellings = [{"title": _("Also written “{variant}” in the sources").format(variant=v["variant"]),
                  "text": v[i18n.col("note", lang)], "cite": cite(pkg, v, lang)} for v in unit_variants(pkg, unit_id)]
    if spellings:
        section(_("Spellings in the sources"), spellings, "")
    return sections


VERSION_LABELS = {"plan_2024": N_("2024 plan (as reported)"), "adjustment_2026": N_("2026 adjustment")}


def chart_table(item: exports.ChartExport, lang: str) -> tuple[list[str], list[list[str]]]:
    """A chart's numbers as a table (headers, rows of text): what it draws, worded and cited, in ``lang``."""
    _ = i18n.gettext_for(lang)
    frame = item.rows
    versioned = "version" in frame and frame["version"].notna().any()
    headers = [_("Indicator")] + ([_("Version")] if versioned else []) + [_("Year"), _("Figure"), _("Source")]
    out = []
    for r in records(frame):
        row = [r["label"]]
        if versioned:
            row.append(i18n.translate(VERSION_LABELS[r["version"]], lang) if r.get("version") else "")
        year = r.get("year")
        row += ["" if year is None else str(int(year)),
                i18n.format_figure(r["value_min"], r.get("value_max"), r.get("qualifier"), r["unit"], lang),
                f"{r['source']}, {r['section']}"]
        out.append(row)
    return headers, out


# --- statements no other table covers (plan_statements) ------------------------------------------

# Where each topic's statements are shown (url_path): the reader and search link there.
STATEMENT_PAGES = {"agriculture": "agriculture", "forestry": "agriculture", "rural": "agriculture",
                   "difficult_areas": "agriculture", "defence_security": "sources", "land": "sources",
                   "implementation": "sources", "services": "border-gates", "population_labour": "infrastructure",
                   "social_security": "infrastructure", "health": "infrastructure", "education": "infrastructure",
                   "culture_sport": "infrastructure", "science_technology": "infrastructure"}
# The social-infrastructure groups of the infrastructure page, and the sector directions (III.2) beside each.
SECTOR_TOPICS = {"health": ("health",), "education": ("education", "population_labour"),
                 "culture_sport": ("culture_sport",), "social_protection": ("social_security",),
                 "science_technology": ("science_technology",)}
# The parts of a long page, shown one at a time in the app (``?sector=transport``; the first with no choice):
# the parameter, and each part's value and title. The values are the same in both languages.
PARTS = {
    "targets": ("section", (("domains", N_("All targets by domain")),
                            ("changes", N_("What the 2026 adjustment changed")),
                            ("growth", N_("Growth in 2023 and the growth target")))),
    "infrastructure": ("sector", (("industry", N_("Industry")), ("transport", N_("Transport")),
                                  ("utilities", N_("Other technical infrastructure")),
                                  ("social", N_("Social infrastructure")),
                                  ("environment", N_("Environment and resources")))),
    "sources": ("topic", (("land", N_("Land allocation")), ("defence", N_("Defence and security")),
                          ("implementation", N_("Implementation")))),
}
# Which rows each part shows: read by the pages (components/layouts.py) and by :func:`shown_in`.
PART_FACTS = {"industry": ("industry",), "transport": ("transport",), "social": ("social",),
              "environment": ("environment", "water", "resources")}
TRANSPORT_SECTORS = ("road", "rail", "waterway", "transport_other")
SOURCES_TOPICS = {"land": ("land",), "defence": ("defence_security",), "implementation": ("implementation",)}


def shown_in(table: str, row: dict) -> dict[str, str]:
    """The parameters that open the section of its page where a row of ``table`` is shown, when the app shows
    it only there: a part of a long page (:data:`PARTS`), a data note's kind. Nothing for any other row."""
    if table == "data_notes":
        return {"notes": row["kind"]}
    if table == "actuals":
        return {"section": "growth"}
    if table == "plan_statements":
        topic = next((value for value, topics in SOURCES_TOPICS.items() if row["topic"] in topics), None)
        if topic:
            return {"topic": topic}
        social = any(row["topic"] in topics for topics in SECTOR_TOPICS.values())
        return {"sector": "social"} if social else {}
    part = None
    if table in ("industry", "environment"):
        part = table
    elif table == "facts":
        part = next((value for value, topics in PART_FACTS.items() if row["topic"] in topics), None)
    elif table == "infrastructure":
        groups = {"transport": TRANSPORT_SECTORS,
                  "utilities": [s for _h, sectors in UTILITY_GROUPS for s in sectors],
                  "social": [s for _h, sectors in SOCIAL_GROUPS for s in sectors]}
        part = next((value for value, sectors in groups.items() if row["sector"] in sectors), None)
    return {"sector": part} if part else {}


AGRICULTURE_TARGETS = ["grdp_share_agriculture_2030", "labour_share_agriculture_2030", "new_rural_communes_2030",
                       "forest_cover_2030", "rural_clean_water_2030", "commune_roads_surfaced_2030",
                       "village_roads_hardened_2030", "poverty_reduction_2026_2030"]


@_shared
def statement_items(pkg: Package, lang: str, topics: tuple[str, ...], kinds: tuple[str, ...] = (),
                    scopes: tuple[str, ...] = (), zone: str | None = None) -> list[dict]:
    """Statements of the given topics (and kinds, scopes, zone), in the decision's order, for ``render.item_list``;
    a zone's statements carry the zone's name."""
    frame = pkg["plan_statements"]
    frame = frame[frame["topic"].isin(topics)]
    if kinds:
        frame = frame[frame["kind"].isin(kinds)]
    if scopes:
        frame = frame[frame["scope"].isin(scopes)]
    if zone:
        frame = frame[frame["zone_id"] == zone]
    zones = {s["id"]: s[i18n.col("name", lang)] for s in records(pkg["spatial_structures"])}
    return items(pkg, frame.sort_values("order"), lang, title="summary", text="text",
                 meta=lambda r: zones.get(r.get("zone_id")))


@_shared
def agriculture_targets(pkg: Package, lang: str) -> list[dict]:
    """The 2030 targets about farming, forests and rural life (from II.2.b), for ``render.figure_table``."""
    targets = pkg["targets"]
    return figure_rows(pkg, targets[targets["id"].isin(AGRICULTURE_TARGETS)].set_index("id").loc[
        AGRICULTURE_TARGETS].reset_index(), lang)


@_shared
def forest_items(pkg: Package, lang: str) -> list[dict]:
    """The forests of IX.1 (environment table) and the forestry statements."""
    return statement_items(pkg, lang, ("forestry",)) + environment_items(pkg, lang, ("forest",))
