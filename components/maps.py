"""Pure map builders: (package, lang, options) -> pydeck.Deck, schematic by default.

The default map has no basemap tiles: a plain background from our own style file
(``static/map-style.json``), every layer drawn from our data, the neighbours named at the edges,
a scale bar and a north arrow. Nothing is fetched from the internet. An optional third-party
basemap can be switched on by the visitor; its borders and names are the provider's.

Positions are approximate (see ``data/places.csv``): the map is for orientation only. Symbols differ
by shape as well as colour (● urban area, ▲ gate, ◆ dry port, ★ growth pole), and every point has a
text label. Tooltips use deck.gl's ``text`` mode (set with innerText), never HTML.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

import pandas as pd
import pydeck as pdk

from components import content, i18n
from components.data import Package
from components.i18n import N_

STYLE_URL = "/app/static/map-style.json"
# pydeck reads plain strings as field names: a literal must be wrapped in quotes that it then strips.
FONT = "'Source Sans, Source Sans Pro, DejaVu Sans, sans-serif'"
PIXELS = "'pixels'"
AUTO = "'auto'"  # deck.gl collects the glyphs the labels use (its default set is ASCII only)
CENTRE = (21.84, 106.70)  # lat, lon of the schematic view
BOUNDS = {"lat": (21.30, 22.50), "lon": (106.05, 107.40)}  # the province's real extent, padded a little

ZONE_COLOURS = {"zone_dynamic": [11, 110, 79], "zone_east": [31, 104, 173], "zone_west": [156, 100, 21]}
NO_ZONE = [120, 120, 120]
INK = [27, 42, 36]

LAYERS = {  # key -> (legend msgid, symbol, colour, on by default)
    "zones": (N_("Communes and wards, coloured by economic zone"), "•", ZONE_COLOURS["zone_dynamic"], True),
    "urban": (N_("Urban areas (large: class II; small: class III)"), "●", [176, 35, 24], True),
    "gates": (N_("Border gates, crossings and lanes (large: priority)"), "▲", [106, 27, 154], True),
    "ports": (N_("Dry ports"), "◆", [0, 121, 140], True),
    "poles": (N_("Growth poles"), "★", [214, 120, 0], True),
    "axis": (N_("Development axis and economic corridors"), "━", [214, 120, 0], True),
    "industry": (N_("Communes where industrial parks are focused"), "▣", [90, 90, 90], False),
    "tourism": (N_("Mẫu Sơn national tourist area"), "✿", [0, 140, 70], False),
}
URBAN_LAYERS = ("zones", "urban", "gates", "ports", "poles", "axis")  # the urban-system page's defaults
GATES_LAYERS = ("gates", "ports", "urban")  # the border-gate page's defaults
DEFAULT_LAYERS = {"urban": URBAN_LAYERS, "gates": GATES_LAYERS}  # by map kind
GATES_CENTRE = (21.93, 106.78)  # the border-gate view: the gates and the Lạng Sơn urban area


def read_layers(raw: str | None, defaults: tuple[str, ...]) -> tuple[str, ...]:
    """The layers a ``?layers=`` value names (``urban,gates``; ``none``: no layer), in the legend's order;
    unknown names are dropped, and no value at all means ``defaults``."""
    chosen = defaults if raw is None else raw.split(",")
    return tuple(k for k in LAYERS if k in chosen)


def write_layers(layers, defaults: tuple[str, ...]) -> str | None:
    """The ``?layers=`` value of a choice (None: the defaults, left out of the address)."""
    picked = read_layers(",".join(layers or ()), defaults)
    return None if picked == read_layers(None, defaults) else (",".join(picked) or "none")


@dataclass(frozen=True)
class Point:
    id: str
    lat: float
    lon: float
    label: str
    tooltip: str


def _places(pkg: Package) -> dict[tuple[str, str], tuple[float, float, str]]:
    return {(r["kind"], r["ref_id"]): (r["lat"], r["lon"], r["precision"]) for r in content.records(pkg["places"])}


def _precision(code: str, lang: str) -> str:
    names = {"commune_centre": N_("position: representative point of the commune or ward"),
             "town_centre": N_("position: town point in a gazetteer"),
             "approx_5km": N_("position: approximate, within about 5 km"),
             "approx_10km": N_("position: approximate, within about 10 km")}
    return i18n.translate(names[code], lang)


_KIND_WORDS = re.compile(
    r"^(cặp )?(cửa khẩu|lối thông quan|cảng cạn|đô thị)( quốc tế| song phương)? |"
    r" (international |bilateral )?(railway station )?(border gate|dry port|clearance crossing|railway station|"
    r"urban area)$",
    re.IGNORECASE)


def short_label(name: str) -> str:
    """A map label from a long official name: kind words dropped, the proper name or marker kept."""
    marker = re.search(r"(mốc|markers?) \S+", name)
    if marker:
        return marker.group(0)
    return _KIND_WORDS.sub("", name).strip() or name


def _tip(*lines: str | None) -> str:
    return "\n".join(line for line in lines if line)


def _source_line(pkg: Package, row: dict, lang: str) -> str:
    c = content.cite(pkg, row, lang)
    return f"{c.document}, {c.section}"


@functools.lru_cache(maxsize=8)
def layer_points(pkg: Package, lang: str) -> dict[str, pd.DataFrame]:
    """Every point of every layer, with its label and its tooltip text, in ``lang``."""
    _ = i18n.gettext_for(lang)
    places = _places(pkg)
    units = {u["id"]: u for u in content.records(pkg["admin_units"])}
    zone_of: dict[str, dict] = {}
    zones = content.records(pkg["spatial_structures"][pkg["spatial_structures"]["kind"] == "zone"])
    for m in content.records(pkg["structure_members"]):
        z = next((z for z in zones if z["id"] == m["structure_id"]), None)
        if z and m.get("unit_id"):
            zone_of[m["unit_id"]] = z
    out: dict[str, list[dict]] = {k: [] for k in LAYERS}

    for uid, u in units.items():
        lat, lon, prec = places[("unit", uid)]
        zone = zone_of.get(uid)
        kind = _("Ward") if u["kind"] == "ward" else _("Commune")
        zone_name = zone[i18n.col("name", lang)] if zone else _("in none of the three zones (see the data notes)")
        ward = u["kind"] == "ward"  # the 4 wards of the Lạng Sơn urban area: larger and outlined
        out["zones"].append({"id": uid, "lat": lat, "lon": lon, "label": u["name_vi"],
                             "radius": 6.5 if ward else 3.5, "line": INK if ward else [255, 255, 255, 0],
                             "colour": ZONE_COLOURS.get(zone["id"], NO_ZONE) if zone else NO_ZONE,
                             "tooltip": _tip(f"{kind} {u['name_vi']}", zone_name, _source_line(pkg, u, lang),
                                             _precision(prec, lang))})

    planned = set(pkg["planned_wards"]["unit_id"])
    links = content.records(pkg["urban_area_units"])
    for a in content.records(pkg["urban_areas"]):
        lat, lon, prec = places[("urban_area", a["id"])]
        base = [x["unit_id"] for x in links if x["urban_area_id"] == a["id"]]
        becomes_ward = any(b in planned for b in base)
        cls = i18n.translate(content.URBAN_CLASS[a["urban_class"]], lang)
        out["urban"].append({
            "id": a["id"], "lat": lat, "lon": lon, "label": short_label(a[i18n.col("name", lang)]),
            "urban_class": a["urban_class"],
            "radius": 11 if a["urban_class"] == "II" else 6, "planned_ward": becomes_ward,
            "tooltip": _tip(a[i18n.col("name", lang)], cls,
                            _("its commune is planned to become a ward") if becomes_ward else None,
                            _source_line(pkg, a, lang), _precision(prec, lang))})

    for c in content.records(pkg["border_crossings"]):
        lat, lon, prec = places[("border_crossing", c["id"])]
        partner = c.get(i18n.col("partner", lang)) or _("not named in the sources")
        priority = bool(c.get("priority_id"))
        out["gates"].append({
            "id": c["id"], "lat": lat, "lon": lon, "label": short_label(c[i18n.col("name", lang)]), "priority": priority,
            "size": 22 if priority else 15,
            "tooltip": _tip(c[i18n.col("name", lang)], i18n.translate(content.GATE_KINDS[c["kind"]], lang),
                            _("counterpart on the Chinese side: {partner}").format(partner=partner),
                            _("one of the 5 priority gates and crossings") if priority else None,
                            _source_line(pkg, c, lang), _precision(prec, lang))})

    logistics = pkg["logistics"]
    for p in content.records(logistics[logistics["kind"] == "dry_port"]):
        if ("dry_port", p["id"]) not in places:
            continue  # a mention without a place (the ICD)
        lat, lon, prec = places[("dry_port", p["id"])]
        out["ports"].append({"id": p["id"], "lat": lat, "lon": lon, "label": short_label(p[i18n.col("name", lang)]),
                             "tooltip": _tip(p[i18n.col("name", lang)], _source_line(pkg, p, lang),
                                             _precision(prec, lang))})

    urban = {u["id"]: u for u in out["urban"]}
    for pole, urban_id in (("pole_lang_son", "urban_lang_son"), ("pole_huu_lung", "urban_huu_lung")):
        r = content.record(pkg["spatial_structures"], pole)
        u = urban[urban_id]
        out["poles"].append({"id": pole, "lat": u["lat"], "lon": u["lon"], "label": r[i18n.col("name", lang)],
                             "tooltip": _tip(_("Growth pole: {name}").format(name=r[i18n.col("name", lang)]),
                                             _source_line(pkg, r, lang))})

    industry = pkg["industry"]
    for r in content.records(industry[industry["kind"] == "industrial_park_location"]):
        lat, lon, prec = places[("unit", r["unit_id"])]
        out["industry"].append({"id": r["id"], "lat": lat, "lon": lon, "label": units[r["unit_id"]]["name_vi"],
                                "tooltip": _tip(r[i18n.col("name", lang)], _("industrial parks are focused here"),
                                                _source_line(pkg, r, lang))})

    r = content.record(pkg["tourism"], "mau_son_national_tourist_area")
    lat, lon, prec = places[("tourist_area", r["id"])]
    out["tourism"].append({"id": r["id"], "lat": lat, "lon": lon, "label": r[i18n.col("name", lang)],
                           "tooltip": _tip(r[i18n.col("name", lang)], _source_line(pkg, r, lang),
                                           _precision(prec, lang))})
    return {k: pd.DataFrame(v) for k, v in out.items()}


@functools.lru_cache(maxsize=4)
def point_ids(pkg: Package) -> frozenset[str]:
    """The id of every point on the plan maps: what ``?item=`` may name."""
    return frozenset(row_id for frame in layer_points(pkg, "en").values() if not frame.empty for row_id in frame["id"])


# --- lines: the axis and the corridors -----------------------------------------------------------

AXIS_SPINE = ("chi_lang", "huu_lung")  # the expressway's course: gate, Lạng Sơn, Chi Lăng, Hữu Lũng, south
EDGE = {"north": (22.52, None), "south": (21.28, None), "southeast": (21.36, 107.36), "west": (None, 106.02),
        "northeast": (22.40, 107.30)}


def _edge_point(direction: str, near: tuple[float, float]) -> tuple[float, float]:
    """A point on the schematic's edge toward a neighbour, in line with ``near``."""
    lat, lon = EDGE[direction]
    return (lat if lat is not None else near[0], lon if lon is not None else near[1])


def structure_paths(pkg: Package, lang: str, points: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The axis and the 2 corridors as lines through their places, in the decision's order."""
    _ = i18n.gettext_for(lang)
    unit_pos = {r.id: (r.lat, r.lon) for r in points["zones"].itertuples()}
    urban = {r.id: (r.lat, r.lon) for r in points["urban"].itertuples()}
    urban_vi = {a["name_vi"].lower(): urban[a["id"]] for a in content.records(pkg["urban_areas"])}
    gates = {r.id: (r.lat, r.lon) for r in points["gates"].itertuples()}
    towards = {"bắc ninh": "south", "hà nội": "south", "cao bằng": "north", "tiên yên": "southeast"}
    rows = []
    frame = pkg["spatial_structures"]
    for s in content.records(frame[frame["kind"].isin(["axis", "corridor"])].sort_values(["kind", "order"])):
        members = content.records(pkg["structure_members"][pkg["structure_members"]["structure_id"] == s["id"]]
                                  .sort_values("seq"))
        if s["kind"] == "axis":  # its communes are a list, not a route: draw the spine, mark the rest
            members = [m for m in members if not m.get("unit_id") or m["unit_id"] in AXIS_SPINE]
        path: list[tuple[float, float]] = []
        for m in members:
            place = m["place_vi"].lower()
            if m.get("unit_id"):
                pos = unit_pos[m["unit_id"]]
            elif "hữu nghị" in place:
                pos = gates["gate_huu_nghi"]
            elif any(k in place for k in towards):
                key = next(k for k in towards if k in place)
                pos = _edge_point(towards[key], path[-1] if path else CENTRE)
            else:
                name = place.replace("đô thị ", "").strip()
                pos = urban_vi.get(f"đô thị {name}") or next(v for k, v in urban_vi.items() if name in k)
            if not path or path[-1] != pos:
                path.append(pos)
        rows.append({"id": s["id"], "path": [[lon, lat] for lat, lon in path], "kind": s["kind"],
                     "width": 6 if s["kind"] == "axis" else 4,
                     "colour": [214, 120, 0] if s["kind"] == "axis" else [214, 120, 0, 170],
                     "tooltip": _tip(s[i18n.col("name", lang)], _("Built on: {route}").format(
                         route=s[i18n.col("route", lang)]) if s.get(i18n.col("route", lang)) else None,
                         _source_line(pkg, s, lang))})
    return pd.DataFrame(rows)


def zone_labels(pkg: Package, lang: str, points: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Each zone's name at the middle of its communes' points."""
    zones = content.records(pkg["spatial_structures"][pkg["spatial_structures"]["kind"] == "zone"])
    members = pkg["structure_members"]
    pos = points["zones"].set_index("id")
    rows = []
    for z in zones:
        ids = [u for u in members[members["structure_id"] == z["id"]]["unit_id"].dropna() if u in pos.index]
        rows.append({"id": z["id"], "lat": float(pos.loc[ids, "lat"].mean()), "lon": float(pos.loc[ids, "lon"].mean()),
                     "label": z[i18n.col("name", lang)].upper(), "colour": ZONE_COLOURS[z["id"]] + [150]})
    return pd.DataFrame(rows)


def neighbour_labels(pkg: Package, lang: str) -> pd.DataFrame:
    """The five neighbours named at the edges of the schematic (no border line is drawn)."""
    spots = {"north": (22.47, 106.45), "northeast": (22.35, 107.12), "south": (21.33, 106.45),
             "southeast": (21.36, 107.30), "west": (21.80, 106.07)}
    rows = []
    for n in content.records(pkg["neighbours"]):
        lat, lon = spots[n["direction"]]
        rows.append({"id": n["id"], "lat": lat, "lon": lon, "label": n[i18n.col("name", lang)]})
    return pd.DataFrame(rows)


def scale_and_north(lang: str, centre: tuple[float, float] = CENTRE, zoom: float = 8.1,
                    width_px: int = 640, height_px: int = 620) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A 20 km scale bar (bottom left) and a north arrow (top left), placed inside the initial view."""
    _ = i18n.gettext_for(lang)
    degrees_per_px = 360 / (512 * 2 ** zoom)  # deck.gl: 512 px span the world at zoom 0
    half_lon = width_px / 2 * degrees_per_px
    half_lat = height_px / 2 * degrees_per_px * math.cos(math.radians(centre[0]))
    lat0, lon0 = centre[0] - 0.85 * half_lat, centre[1] - 0.9 * half_lon
    km20 = 20 / (111.32 * math.cos(math.radians(lat0)))
    north = (centre[0] + 0.85 * half_lat, centre[1] - 0.78 * half_lon)  # top left: zoom buttons sit top right
    bar = pd.DataFrame([{"path": [[lon0, lat0], [lon0 + km20, lat0]]}])
    labels = pd.DataFrame([
        {"lat": lat0 + 0.06 * half_lat, "lon": lon0 + km20 / 2, "label": f"{i18n.format_number(20, lang)} km"},
        {"lat": north[0], "lon": north[1], "label": "↑"},
        {"lat": north[0] - 0.07 * half_lat, "lon": north[1], "label": _("N (north)")},
    ])
    return bar, labels


# --- the deck ------------------------------------------------------------------------------------


def _text(layer_id: str, frame: pd.DataFrame, size: int, colour, offset=(0, -12), weight: int = 600, **kw):
    return pdk.Layer("TextLayer", frame, id=layer_id, get_position=["lon", "lat"], get_text="label", get_size=size,
                     size_units=PIXELS, get_color=colour, get_pixel_offset=list(offset), character_set=AUTO,
                     font_family=FONT, font_weight=weight, outline_width=2, outline_color=[255, 255, 255],
                     font_settings={"sdf": True}, billboard=True, **kw)


def plan_map(pkg: Package, lang: str, layers: tuple[str, ...] | None = None, basemap: bool = False,
             height: int = 620, zoom: float = 8.1, centre: tuple[float, float] = CENTRE) -> pdk.Deck:
    """The urban-system and border-gate map. ``layers`` picks from :data:`LAYERS`."""
    chosen = [k for k in LAYERS if (layers is None and LAYERS[k][3]) or (layers is not None and k in layers)]
    pts = layer_points(pkg, lang)
    deck_layers = []
    if "zones" in chosen:
        deck_layers.append(pdk.Layer("ScatterplotLayer", pts["zones"], id="zones", get_position=["lon", "lat"],
                                     get_fill_color="colour", get_radius="radius", radius_units=PIXELS, pickable=True,
                                     stroked=True, get_line_color="line", line_width_min_pixels=1.5, opacity=0.85))
        deck_layers.append(_text("zone-labels", zone_labels(pkg, lang, pts), 15, "colour", offset=(0, 0), weight=700))
    if "axis" in chosen:
        deck_layers.append(pdk.Layer("PathLayer", structure_paths(pkg, lang, pts), id="axis", get_path="path",
                                     get_color="colour", get_width="width", width_units=PIXELS, pickable=True,
                                     joint_rounded=True, cap_rounded=True))
    if "industry" in chosen:
        deck_layers.append(_symbols("industry", pts["industry"], "▣", 15, LAYERS["industry"][2], offset=(-10, 8)))
    if "urban" in chosen:
        deck_layers.append(pdk.Layer("ScatterplotLayer", pts["urban"], id="urban", get_position=["lon", "lat"],
                                     get_fill_color=LAYERS["urban"][2], get_radius="radius", radius_units=PIXELS,
                                     stroked=True, get_line_color=[255, 255, 255], line_width_min_pixels=2,
                                     pickable=True))
        rings = pts["urban"][pts["urban"]["planned_ward"]]
        deck_layers.append(pdk.Layer("ScatterplotLayer", rings, id="planned-wards", get_position=["lon", "lat"],
                                     get_radius=12, radius_units=PIXELS, filled=False, stroked=True,
                                     get_line_color=LAYERS["urban"][2], line_width_min_pixels=2))
        deck_layers.append(_text("urban-labels", pts["urban"], 13, INK, offset=(0, -16)))
    if "ports" in chosen:
        deck_layers.append(_symbols("ports", pts["ports"], "◆", 18, LAYERS["ports"][2]))
        deck_layers.append(_text("port-labels", pts["ports"], 12, LAYERS["ports"][2], offset=(0, 16)))
    if "gates" in chosen:
        deck_layers.append(_symbols("gates", pts["gates"], "▲", "size", LAYERS["gates"][2]))
        deck_layers.append(_text("gate-labels", pts["gates"], 12, LAYERS["gates"][2], offset=(0, -18)))
    if "poles" in chosen:
        deck_layers.append(_symbols("poles", pts["poles"], "★", 26, LAYERS["poles"][2], offset=(14, 0)))
    if "tourism" in chosen:
        deck_layers.append(_symbols("tourism", pts["tourism"], "✿", 22, LAYERS["tourism"][2]))
        deck_layers.append(_text("tourism-labels", pts["tourism"], 12, LAYERS["tourism"][2], offset=(0, 18)))
    deck_layers.append(_text("neighbours", neighbour_labels(pkg, lang), 13, [90, 90, 90], offset=(0, 0), weight=400))
    bar, labels = scale_and_north(lang, centre, zoom, height_px=height)
    deck_layers.append(pdk.Layer("PathLayer", bar, id="scale", get_path="path", get_color=INK, get_width=3,
                                 width_units=PIXELS))
    deck_layers.append(_text("scale-labels", labels, 13, INK, offset=(0, 0), weight=700))

    view = pdk.ViewState(latitude=centre[0], longitude=centre[1], zoom=zoom, min_zoom=6.5, max_zoom=13)
    if basemap:
        return pdk.Deck(layers=deck_layers, initial_view_state=view, map_provider="carto", map_style="light",
                        tooltip={"text": "{tooltip}"}, height=height)
    return pdk.Deck(layers=deck_layers, initial_view_state=view, map_provider=None, map_style=STYLE_URL,
                    tooltip={"text": "{tooltip}"}, height=height)


def _symbols(layer_id: str, frame: pd.DataFrame, symbol: str, size, colour, offset=(0, 0)):
    return pdk.Layer("TextLayer", frame.assign(symbol=symbol), id=layer_id, get_position=["lon", "lat"],
                     get_text="symbol", get_size=size, size_units=PIXELS, get_color=colour, character_set=AUTO,
                     font_family=FONT, get_pixel_offset=list(offset), outline_width=2, outline_color=[255, 255, 255],
                     font_settings={"sdf": True}, pickable=True)


WARDS_LEGEND = N_("Wards of the Lạng Sơn urban area (larger, outlined)")
PLANNED_LEGEND = N_("Ring: urban area whose commune is planned to become a ward")


def legend(lang: str, layers: tuple[str, ...]) -> list[dict]:
    """Legend entries in ``lang``: symbol, colour, label."""
    out = []
    for k in layers:
        out.append({"symbol": LAYERS[k][1], "colour": LAYERS[k][2], "label": i18n.translate(LAYERS[k][0], lang)})
        if k == "zones":
            out.append({"symbol": "◉", "colour": INK, "label": i18n.translate(WARDS_LEGEND, lang)})
        if k == "urban":
            out.append({"symbol": "◎", "colour": LAYERS["urban"][2], "label": i18n.translate(PLANNED_LEGEND, lang)})
    return out


def summary(pkg: Package, lang: str) -> str:
    """One paragraph saying what the map shows, for readers who cannot see it."""
    _ = i18n.gettext_for(lang)
    pts = layer_points(pkg, lang)
    return _("The map shows {urban} urban areas, {gates} named border gates, crossings and lanes ({priority} of "
             "them among the 5 priorities), {ports} dry ports, the 2 growth poles, the development axis and the 2 "
             "economic corridors as lines, and the {units} communes and wards coloured by economic zone. Positions "
             "are approximate and for orientation only; every point is listed in the table below.").format(
        urban=len(pts["urban"]), gates=len(pts["gates"]), priority=int(pts["gates"]["priority"].sum()),
        ports=len(pts["ports"]), units=len(pts["zones"]))


def unit_map(pkg: Package, lang: str, unit_id: str, height: int = 360) -> pdk.Deck:
    """A small locator: the 65 units by zone, the urban areas, and this unit ringed and named."""
    pts = layer_points(pkg, lang)
    me = pts["zones"][pts["zones"]["id"] == unit_id]
    layers = [
        pdk.Layer("ScatterplotLayer", pts["zones"], id="zones", get_position=["lon", "lat"], get_fill_color="colour",
                  get_radius="radius", radius_units=PIXELS, pickable=True, opacity=0.7),
        pdk.Layer("ScatterplotLayer", pts["urban"], id="urban", get_position=["lon", "lat"],
                  get_fill_color=LAYERS["urban"][2], get_radius=4, radius_units=PIXELS, pickable=True),
        pdk.Layer("ScatterplotLayer", me, id="this-unit", get_position=["lon", "lat"], get_radius=13,
                  radius_units=PIXELS, filled=False, stroked=True, get_line_color=INK, line_width_min_pixels=3),
        _text("this-unit-label", me, 15, INK, offset=(0, -22), weight=700),
        _text("zone-labels", zone_labels(pkg, lang, pts), 12, "colour", offset=(0, 0), weight=700),
    ]
    view = pdk.ViewState(latitude=CENTRE[0], longitude=CENTRE[1], zoom=7.4, min_zoom=6.5, max_zoom=12)
    return pdk.Deck(layers=layers, initial_view_state=view, map_provider=None, map_style=STYLE_URL,
                    tooltip={"text": "{tooltip}"}, height=height)
