"""Static schematic maps: (package, lang, kind) -> a standalone, accessible SVG, a PNG, a text summary.

The same layers, colours, symbols and labels as the interactive map in :mod:`components.maps`, drawn
without tiles or borders for the static edition, for phones before any script runs, and for
journalists' downloads. No Streamlit here.

Readable at 390 px: the default drawing is 360 units wide, so a label set at 12 units stays about
12 px on a phone. Labels are placed by a small greedy search: each tries a handful of positions
around its symbol and takes the first that hits no symbol, no other label and no edge (commune
dots and lines only cost a little); a label that fits nowhere becomes a numbered callout whose
name is listed in a key under the map (the Đồng Đăng cluster on a phone). Every text box drawn is
kept in :class:`Layout` so tests can check that none overlaps another or leaves the picture.

Text widths are measured with Be Vietnam Pro (the font of the chart exports, used for PNGs) and
each label carries ``textLength``, so a browser that draws it in a fallback font keeps its box.
Every value from the data is XML-escaped.
"""

from __future__ import annotations

import functools
import hashlib
import io
import math
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape as _xml_escape

from components import content, exports, i18n, maps, render
from components.data import Package
from components.i18n import N_

KINDS = ("urban", "gates", "unit")
DEFAULT_WIDTH = 360
DOWNLOAD_WIDTH = 760
BACKGROUND = "#f5f3ee"  # static/map-style.json
FONT_STACK = "'Be Vietnam Pro', 'Source Sans 3', 'Source Sans Pro', 'DejaVu Sans', sans-serif"
MUTED = (61, 82, 73)
NEIGHBOUR_INK = (90, 90, 90)

# The extents drawn (lat, lon): the province with room for the lines to its neighbours, and the
# border-gate focus (every gate, crossing, lane and dry port, and the urban areas among them).
EXTENTS = {"urban": ((21.27, 22.53), (106.0, 107.42)), "unit": ((21.27, 22.53), (106.0, 107.42)),
           "gates": ((21.64, 22.24), (106.55, 107.08))}
SLUGS = {"urban": "map-urban-system", "gates": "map-border-gates", "unit": "map-commune"}
TITLES = {"urban": N_("Map of the urban system"), "gates": N_("Map of the border gates"),
          "unit": N_("Where {unit} lies")}
CAVEAT = N_("Schematic map: positions are approximate and for orientation only; no borders are drawn.")
KEY_HEADING = N_("Numbered places")


def default_layers(kind: str) -> tuple[str, ...]:
    """The layers a kind shows when none are asked for (the pages' defaults)."""
    return {"urban": maps.URBAN_LAYERS, "gates": maps.GATES_LAYERS, "unit": ("zones", "urban")}[kind]


# --- text measurement ----------------------------------------------------------------------------

_WEIGHT_FILES = {400: "Regular", 500: "Medium", 600: "SemiBold", 700: "Bold"}


@functools.cache
def _font(weight: int):
    import fontpkg_be_vietnam_pro
    from PIL import ImageFont

    path = Path(fontpkg_be_vietnam_pro.__file__).parent / "files" / f"BeVietnamPro-{_WEIGHT_FILES[weight]}.ttf"
    return ImageFont.truetype(str(path), 100)


@functools.lru_cache(maxsize=4096)
def text_width(text: str, size: float, weight: int = 400, spacing: float = 0.0) -> float:
    """The advance width of ``text`` set in Be Vietnam Pro at ``size`` units."""
    return _font(weight).getlength(text) * size / 100 + spacing * max(len(text) - 1, 0)


def wrap_text(text: str, size: float, weight: int, max_width: float, spacing: float = 0.0) -> list[str]:
    """Break ``text`` into lines no wider than ``max_width`` (a single long word stays whole)."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", size, weight, spacing) <= max_width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines or [""]


def balanced_lines(text: str, size: float, weight: int, max_width: float, spacing: float = 0.0) -> list[str]:
    """Like :func:`wrap_text`, but lines of a short label are made about equally long (a place name
    broken as "VÙNG KINH TẾ / PHÍA TÂY", not "VÙNG KINH TẾ PHÍA / TÂY")."""
    lines = wrap_text(text, size, weight, max_width, spacing)
    if len(lines) != 2:
        return lines
    words = text.split()
    splits = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    return list(min(splits, key=lambda p: max(text_width(x, size, weight, spacing) for x in p)))


# --- geometry ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def x2(self) -> float:
        return self.x + self.w

    @property
    def y2(self) -> float:
        return self.y + self.h

    def overlaps(self, other: Box, pad: float = 0.0) -> bool:
        return (self.x < other.x2 + pad and other.x < self.x2 + pad
                and self.y < other.y2 + pad and other.y < self.y2 + pad)

    def inside(self, other: Box) -> bool:
        return self.x >= other.x and self.y >= other.y and self.x2 <= other.x2 and self.y2 <= other.y2

    def area_with(self, other: Box) -> float:
        w = min(self.x2, other.x2) - max(self.x, other.x)
        h = min(self.y2, other.y2) - max(self.y, other.y)
        return w * h if w > 0 and h > 0 else 0.0


@dataclass(frozen=True)
class Text:
    """One block of text as drawn: its lines, its box, its role (label, callout, key, title …)."""

    role: str
    lines: tuple[str, ...]
    box: Box
    size: float
    weight: int = 400
    colour: tuple[int, ...] = tuple(maps.INK)
    anchor_id: str = ""


@dataclass
class Layout:
    """Everything placed in one picture; ``texts`` holds every text box, for tests."""

    width: float
    height: float
    texts: list[Text] = field(default_factory=list)
    keyed: list[tuple[int, str, str]] = field(default_factory=list)  # (number, label, layer)


class _Projection:
    def __init__(self, extent, box: Box) -> None:
        (self.lat0, self.lat1), (self.lon0, self.lon1) = extent
        self.k = box.w / ((self.lon1 - self.lon0) * math.cos(math.radians((self.lat0 + self.lat1) / 2)))
        self.cos = math.cos(math.radians((self.lat0 + self.lat1) / 2))
        self.box = box

    @property
    def height(self) -> float:
        return (self.lat1 - self.lat0) * self.k

    def __call__(self, lat: float, lon: float) -> tuple[float, float]:
        return (self.box.x + (lon - self.lon0) * self.cos * self.k, self.box.y + (self.lat1 - lat) * self.k)

    def km(self, km: float) -> float:
        return km / 111.32 * self.k


def _rgb(colour) -> str:
    return f"rgb({int(colour[0])},{int(colour[1])},{int(colour[2])})"


def _esc(text: str) -> str:
    return _xml_escape(str(text), {'"': "&quot;"})


def _n(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


# --- symbols (the same shapes as the legend's ● ▲ ◆ ★ ▣ ✿) ------------------------------------------


def _symbol(shape: str, x: float, y: float, r: float, fill, stroke="#ffffff", sw: float = 1.2,
            opacity: float | None = None) -> str:
    op = f' fill-opacity="{opacity}"' if opacity is not None else ""
    common = f'fill="{_rgb(fill) if not isinstance(fill, str) else fill}"{op} stroke="{stroke}" stroke-width="{_n(sw)}"'
    if shape == "circle":
        return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}" {common}/>'
    if shape == "triangle":
        pts = [(x, y - r), (x + r * 0.95, y + r * 0.7), (x - r * 0.95, y + r * 0.7)]
    elif shape == "diamond":
        pts = [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
    elif shape == "square":
        pts = [(x - r, y - r), (x + r, y - r), (x + r, y + r), (x - r, y + r)]
    elif shape == "star":
        pts = [(x + (r if i % 2 == 0 else r * 0.45) * math.sin(i * math.pi / 5),
                y - (r if i % 2 == 0 else r * 0.45) * math.cos(i * math.pi / 5)) for i in range(10)]
    elif shape == "flower":
        petals = "".join(f'<circle cx="{_n(x + r * 0.55 * math.sin(i * 2 * math.pi / 5))}" '
                         f'cy="{_n(y - r * 0.55 * math.cos(i * 2 * math.pi / 5))}" r="{_n(r * 0.45)}"/>'
                         for i in range(5))
        return (f'<g {common}>{petals}</g><circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r * 0.3)}" '
                f'fill="#ffffff"/>')
    else:
        raise ValueError(shape)
    return f'<polygon points="{" ".join(f"{_n(a)},{_n(b)}" for a, b in pts)}" {common}/>'


@functools.lru_cache(maxsize=8)
def _records(pkg: Package, lang: str) -> dict[str, list[dict]]:
    """The map's points, lines and zone labels as plain rows, built once per package and language."""
    pts = maps.layer_points(pkg, lang)
    out = {k: frame.to_dict("records") for k, frame in pts.items()}
    out["paths"] = maps.structure_paths(pkg, lang, pts).to_dict("records")
    out["zone_labels"] = maps.zone_labels(pkg, lang, pts).to_dict("records")
    out["unit_index"] = {row["id"]: row for row in out["zones"]}
    return out


LAYER_SHAPES = {"zones": "circle", "urban": "circle", "gates": "triangle", "ports": "diamond", "poles": "star",
                "industry": "square", "tourism": "flower"}


# --- the drawing -----------------------------------------------------------------------------------


@dataclass
class _Feature:
    id: str
    x: float
    y: float
    r: float           # the symbol's half-size: labels keep clear of it
    label: str
    layer: str
    colour: tuple
    size: float
    weight: int


class _Placer:
    """Greedy label placement with candidate positions, numbered callouts where nothing fits."""

    def __init__(self, frame: Box, font: float) -> None:
        self.frame = frame
        self.font = font
        self.hard: list[Box] = []
        self.soft: list[Box] = []
        self.texts: list[Text] = []
        self.callouts: list[tuple[_Feature, Box, tuple[float, float] | None]] = []
        self.points: list[tuple[float, float, float]] = []  # labelled symbols: a label sits nearest its own

    @staticmethod
    def _dist(box: Box, x: float, y: float) -> float:
        dx = max(box.x - x, 0.0, x - box.x2)
        dy = max(box.y - y, 0.0, y - box.y2)
        return math.hypot(dx, dy)

    def _unambiguous(self, box: Box, f: _Feature) -> bool:
        own = self._dist(box, f.x, f.y) - f.r
        return all(self._dist(box, x, y) - r >= own - 0.5 for x, y, r in self.points
                   if math.hypot(x - f.x, y - f.y) > 1.0)

    def _free(self, box: Box) -> bool:
        return box.inside(self.frame) and not any(box.overlaps(h, 1.0) for h in self.hard)

    CELL = 24.0

    def add_soft(self, boxes: list[Box]) -> None:
        """Commune dots and line samples: a label may cover them, at a cost (bucketed for speed)."""
        self.soft.extend(boxes)
        self._grid: dict[tuple[int, int], list[Box]] = {}
        for b in self.soft:
            for key in self._cells(b):
                self._grid.setdefault(key, []).append(b)

    def _cells(self, b: Box):
        c = self.CELL
        return ((i, j) for i in range(int(b.x // c), int(b.x2 // c) + 1) for j in range(int(b.y // c), int(b.y2 // c) + 1))

    def _cost(self, box: Box) -> float:
        near = {id(s): s for key in self._cells(box) for s in getattr(self, "_grid", {}).get(key, ())}
        return sum(box.area_with(s) for s in near.values())

    def _best(self, candidates: list[Box]) -> Box | None:
        best, best_cost = None, math.inf
        for i, box in enumerate(candidates):
            if self._free(box):
                cost = self._cost(box) + i * 2.0
                if cost < best_cost:
                    best, best_cost = box, cost
        return best

    def label(self, f: _Feature, lines: list[str] | None = None, role: str = "label", centred: bool = False,
              optional: bool = False, spacing: float = 0.0) -> bool:
        lines = lines or [f.label]
        lh = f.size * 1.3
        w = max(text_width(line, f.size, f.weight, spacing) for line in lines)
        h = lh * len(lines)
        g = 2.0
        if centred:
            steps = [(0, 0), (0, -h), (0, h), (-w / 3, 0), (w / 3, 0), (0, -2 * h), (0, 2 * h), (-w / 2, -h),
                     (w / 2, h), (w / 2, -h), (-w / 2, h)]
            cands = [Box(f.x - w / 2 + dx, f.y - h / 2 + dy, w, h) for dx, dy in steps]
        else:
            r, d = f.r + g, (f.r + g) * 0.72
            cands = []
            for extra in (0.0, 3.0):
                r2, d2 = r + extra, d + extra
                cands += [Box(f.x + r2, f.y - h / 2, w, h), Box(f.x + d2, f.y - d2 - h, w, h),
                          Box(f.x - w / 2, f.y - r2 - h, w, h), Box(f.x - r2 - w, f.y - h / 2, w, h),
                          Box(f.x - d2 - w, f.y - d2 - h, w, h), Box(f.x + d2, f.y + d2, w, h),
                          Box(f.x - w / 2, f.y + r2, w, h), Box(f.x - d2 - w, f.y + d2, w, h)]
        if not centred:
            cands = [c for c in cands if self._unambiguous(c, f)]
        box = self._best(cands)
        if box is None:
            if optional:
                return False
            self._callout(f)
            return True
        self.hard.append(box)
        self.texts.append(Text(role, tuple(lines), box, f.size, f.weight, f.colour, f.id))
        return True

    def _callout(self, f: _Feature) -> None:
        """A numbered badge beside the symbol, or further out on a leader line."""
        br = self.font * 0.72
        best = None
        for ring in range(8):
            dist = f.r + br + 1.5 + ring * br * 1.3
            steps = 8 if ring == 0 else 16
            cands = [Box(f.x + dist * math.cos(a) - br, f.y - dist * math.sin(a) - br, 2 * br, 2 * br)
                     for a in (i * 2 * math.pi / steps + math.pi / 4 for i in range(steps))]
            best = self._best(cands)
            if best:
                leader = None if ring == 0 else (f.x, f.y)
                break
        if best is None:  # nowhere near: the key still names it
            self.callouts.append((f, None, None))
            return
        self.hard.append(best)
        self.callouts.append((f, best, leader))


def _features(pkg: Package, lang: str, layers: tuple[str, ...], proj: _Projection, s: float, font: float,
              kind: str) -> tuple[list[str], list[_Feature], list[Box], list[Box]]:
    """Symbols (SVG), the labelled features in placement order, and hard and soft obstacles."""
    pts = _records(pkg, lang)
    svg: list[str] = []
    feats: list[_Feature] = []
    hard: list[Box] = []
    soft: list[Box] = []
    frame = proj.box

    def xy(row) -> tuple[float, float]:
        return proj(row["lat"], row["lon"])

    def visible(x: float, y: float, margin: float = 0.0) -> bool:
        return frame.x + margin <= x <= frame.x2 - margin and frame.y + margin <= y <= frame.y2 - margin

    if "zones" in layers:
        faint = kind == "unit"
        for row in pts["zones"]:
            x, y = xy(row)
            if not visible(x, y):
                continue
            ward = row["radius"] > 5
            r = (5.0 if ward else 3.0) * s
            svg.append(_symbol("circle", x, y, r, row["colour"], stroke=_rgb(maps.INK) if ward else "none",
                               sw=1.1 * s if ward else 0, opacity=0.7 if faint else 0.85))
            soft.append(Box(x - r, y - r, 2 * r, 2 * r))
    if "axis" in layers:
        for row in pts["paths"]:
            coords = [proj(lat, lon) for lon, lat in row["path"]]
            width = (4.5 if row["kind"] == "axis" else 3.0) * s
            alpha = "" if row["kind"] == "axis" else ' stroke-opacity="0.67"'
            svg.append(f'<polyline points="{" ".join(f"{_n(a)},{_n(b)}" for a, b in coords)}" fill="none" '
                       f'stroke="{_rgb(maps.LAYERS["axis"][2])}"{alpha} stroke-width="{_n(width)}" '
                       f'stroke-linecap="round" stroke-linejoin="round"/>')
            for (x1, y1), (x2, y2) in zip(coords, coords[1:]):
                n = max(int(math.hypot(x2 - x1, y2 - y1) / 6), 1)
                soft.extend(Box(x1 + (x2 - x1) * t / n - 2, y1 + (y2 - y1) * t / n - 2, 4, 4) for t in range(n + 1))
    if "industry" in layers:
        for row in pts["industry"]:
            x, y = xy(row)
            x, y = x - 8 * s, y + 6 * s
            r = 4.0 * s
            svg.append(_symbol("square", x, y, r, maps.LAYERS["industry"][2]))
            hard.append(Box(x - r, y - r, 2 * r, 2 * r))

    def add(layer: str, row: dict, x: float, y: float, r: float, colour, size: float, weight: int) -> None:
        hard.append(Box(x - r, y - r, 2 * r, 2 * r))
        feats.append(_Feature(row["id"], x, y, r, row["label"], layer, colour, size, weight))

    urban_feats: list[tuple[int, _Feature]] = []
    if "urban" in layers:
        colour = maps.LAYERS["urban"][2]
        for row in pts["urban"]:
            x, y = xy(row)
            if not visible(x, y, 2):
                continue
            big = row["urban_class"] == "II"
            r = (3.2 if kind == "unit" else (8.0 if big else 4.8)) * s
            svg.append(_symbol("circle", x, y, r, colour, sw=1.4 * s))
            if row["planned_ward"] and kind != "unit":
                svg.append(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r + 3.2 * s)}" fill="none" '
                           f'stroke="{_rgb(colour)}" stroke-width="{_n(1.5 * s)}"/>')
                r += 3.2 * s + 0.8
            if kind == "unit":
                soft.append(Box(x - r, y - r, 2 * r, 2 * r))
                continue
            add("urban", row, x, y, r, maps.INK, font * (1.05 if big else 1.0), 700 if big else 600)
            urban_feats.append((0 if big else 2, feats.pop()))
    gate_feats: list[tuple[int, _Feature]] = []
    if "ports" in layers:
        for row in pts["ports"]:
            x, y = xy(row)
            if not visible(x, y, 2):
                continue
            r = 5.2 * s
            svg.append(_symbol("diamond", x, y, r, maps.LAYERS["ports"][2], sw=1.1 * s))
            add("ports", row, x, y, r, maps.LAYERS["ports"][2], font * 0.95, 600)
            gate_feats.append((4, feats.pop()))
    if "gates" in layers:
        for row in pts["gates"]:
            x, y = xy(row)
            if not visible(x, y, 2):
                continue
            r = (7.0 if row["priority"] else 5.2) * s
            svg.append(_symbol("triangle", x, y, r, maps.LAYERS["gates"][2], sw=1.1 * s))
            add("gates", row, x, y, r, maps.LAYERS["gates"][2], font * 0.95, 600)
            gate_feats.append((1 if row["priority"] else 3, feats.pop()))
    if "poles" in layers:
        for row in pts["poles"]:
            x, y = xy(row)
            x += 10.5 * s
            r = 7.0 * s
            svg.append(_symbol("star", x, y, r, maps.LAYERS["poles"][2], sw=1.0 * s))
            hard.append(Box(x - r, y - r, 2 * r, 2 * r))
    if "tourism" in layers:
        for row in pts["tourism"]:
            x, y = xy(row)
            r = 6.5 * s
            svg.append(_symbol("flower", x, y, r, maps.LAYERS["tourism"][2], sw=0.8 * s))
            add("tourism", row, x, y, r, maps.LAYERS["tourism"][2], font * 0.95, 600)
            gate_feats.append((5, feats.pop()))
    ordered = [f for _, f in sorted(urban_feats + gate_feats, key=lambda p: p[0])]
    return svg, ordered, hard, soft


def _scale_and_north(lang: str, proj: _Projection, font: float, s: float) -> tuple[list[str], list[Box], list[Text]]:
    """A scale bar (bottom left) and a north arrow (top left), inside the frame."""
    _ = i18n.gettext_for(lang)
    f = proj.box
    km = 20 if proj.km(20) < f.w * 0.35 else 10
    length = proj.km(km)
    x0, y0 = f.x + 8, f.y2 - 8
    size = font * 0.9
    label = f"{i18n.format_number(km, lang)} km"
    tw = text_width(label, size, 600)
    svg = [f'<g stroke="{_rgb(maps.INK)}" stroke-width="{_n(1.6 * s)}" fill="none">'
           f'<path d="M{_n(x0)} {_n(y0 - 4 * s)}V{_n(y0)}H{_n(x0 + length)}V{_n(y0 - 4 * s)}"/></g>']
    label_box = Box(x0 + length / 2 - tw / 2, y0 - 3 * s - size * 1.3, tw, size * 1.3)
    texts = [Text("scale", (label,), label_box, size, 600)]
    bar_box = Box(x0 - 1, y0 - 5 * s, length + 2, 6 * s)
    # North arrow: a filled half and an outlined half, "N"/"B" beneath.
    nx, ny, ah = f.x + 8 + 6 * s, f.y + 8, 16 * s
    north = _("N (north)").split(" ")[0]
    svg.append(f'<g stroke="{_rgb(maps.INK)}" stroke-width="{_n(1.1 * s)}" stroke-linejoin="round">'
               f'<polygon points="{_n(nx)},{_n(ny)} {_n(nx + 5 * s)},{_n(ny + ah)} {_n(nx)},{_n(ny + ah * 0.72)}" '
               f'fill="{_rgb(maps.INK)}"/>'
               f'<polygon points="{_n(nx)},{_n(ny)} {_n(nx - 5 * s)},{_n(ny + ah)} {_n(nx)},{_n(ny + ah * 0.72)}" '
               f'fill="#ffffff"/></g>')
    nw = text_width(north, size, 700)
    n_box = Box(nx - nw / 2, ny + ah + 1, nw, size * 1.3)
    texts.append(Text("north", (north,), n_box, size, 700))
    arrow_box = Box(nx - 5.5 * s, ny - 1, 11 * s, ah + 2)
    return svg, [bar_box, arrow_box, label_box, n_box], texts


def _neighbours(pkg: Package, lang: str, kind: str, proj: _Projection, font: float) -> list[_Feature]:
    f = proj.box
    out = []
    for row in maps.neighbour_labels(pkg, lang).to_dict("records"):
        n = content.record(pkg["neighbours"], row["id"])
        if kind == "gates" and n["direction"] != "northeast":
            continue  # the focus shows only the border with China
        x, y = proj(row["lat"], row["lon"])
        x = min(max(x, f.x + 40), f.x2 - 40)
        y = min(max(y, f.y + 14), f.y2 - 14)
        out.append(_Feature(row["id"], x, y, 0.0, row["label"], "neighbours", NEIGHBOUR_INK, font * 0.88, 400))
    return out


def _text_svg(t: Text, halo: bool = True, spacing: float = 0.0, anchor: str = "start") -> str:
    """One ``<text>`` per block; a block of several lines has one ``<tspan>`` per line."""
    lh = t.size * 1.3
    x = t.box.x + t.box.w / 2 if anchor == "middle" else t.box.x
    ls = f' letter-spacing="{_n(spacing)}"' if spacing else ""
    head = (f'<text font-size="{_n(t.size)}" font-weight="{t.weight}"{ls} fill="{_rgb(t.colour)}" '
            f'text-anchor="{anchor}"'
            + (f' stroke="{BACKGROUND}" stroke-width="3" stroke-linejoin="round" paint-order="stroke"' if halo else ""))
    lines = []
    for i, line in enumerate(t.lines):
        w = text_width(line, t.size, t.weight, spacing)
        # textLength holds the measured width whatever font the reader's browser falls back to.
        fit = f'x="{_n(x)}" y="{_n(t.box.y + i * lh + t.size * 1.02)}" textLength="{_n(w)}" lengthAdjust="spacingAndGlyphs"'
        lines.append((fit, _esc(line)))
    if len(lines) == 1:
        return f"{head} {lines[0][0]}>{lines[0][1]}</text>"
    return head + ">" + "".join(f"<tspan {fit}>{text}</tspan>" for fit, text in lines) + "</text>"


def _badge(x: float, y: float, r: float, number: int, colour, font: float) -> str:
    size = font * 0.8
    label = str(number)
    w = text_width(label, size, 700)
    return (f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}" fill="#ffffff" stroke="{_rgb(colour)}" '
            f'stroke-width="1.4"/><text x="{_n(x)}" y="{_n(y + size * 0.36)}" font-size="{_n(size)}" '
            f'font-weight="700" fill="{_rgb(colour)}" text-anchor="middle" textLength="{_n(w)}" '
            f'lengthAdjust="spacingAndGlyphs">{label}</text>')


def _legend_shape(layer: str) -> str:
    return LAYER_SHAPES.get(layer, "circle")


def _legend_rows(pkg: Package, lang: str, layers: tuple[str, ...],
                 locator: bool = False) -> list[tuple[str, tuple, str]]:
    """(shape, colour, text, extra) for the legend: each zone by name, then the layers."""
    _ = i18n.gettext_for(lang)
    rows = []
    for k in layers:
        if k == "zones":
            zones = content.records(pkg["spatial_structures"][pkg["spatial_structures"]["kind"] == "zone"])
            for z in zones:
                rows.append(("circle", tuple(maps.ZONE_COLOURS[z["id"]]), z[i18n.col("name", lang)]))
            rows.append(("circle", tuple(maps.NO_ZONE), _("In none of the three economic zones")))
            rows.append(("ward", tuple(maps.INK), i18n.translate(maps.WARDS_LEGEND, lang)))
            continue
        if k == "axis":
            rows.append(("line", tuple(maps.LAYERS[k][2]), i18n.translate(maps.LAYERS[k][0], lang)))
            continue
        rows.append((_legend_shape(k), tuple(maps.LAYERS[k][2]), i18n.translate(maps.LAYERS[k][0], lang)))
        if k == "urban" and not locator:
            rows.append(("ring", tuple(maps.LAYERS[k][2]), i18n.translate(maps.PLANNED_LEGEND, lang)))
    return rows


def _legend_symbol(shape: str, colour, x: float, y: float, s: float) -> str:
    if shape == "line":
        return (f'<line x1="{_n(x - 8 * s)}" y1="{_n(y)}" x2="{_n(x + 8 * s)}" y2="{_n(y)}" stroke="{_rgb(colour)}" '
                f'stroke-width="{_n(4 * s)}" stroke-linecap="round"/>')
    if shape == "ward":
        return _symbol("circle", x, y, 5 * s, (160, 160, 160), stroke=_rgb(colour), sw=1.1 * s)
    if shape == "ring":
        return (_symbol("circle", x, y, 4.8 * s, colour, sw=1.4 * s)
                + f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(8 * s)}" fill="none" stroke="{_rgb(colour)}" '
                  f'stroke-width="{_n(1.5 * s)}"/>')
    r = {"circle": 5.5, "triangle": 7.0, "diamond": 5.5, "star": 7.0, "square": 4.5, "flower": 6.5}[shape] * s
    return _symbol(shape, x, y, r, colour, sw=1.0 * s)


def _paragraph(out: list[str], layout: Layout, role: str, text: str, x: float, y: float, width: float, size: float,
               weight: int = 400, colour=tuple(maps.INK)) -> float:
    """Wrapped text at (x, y); returns the y below it."""
    lines = wrap_text(text, size, weight, width)
    box = Box(x, y, max(text_width(line, size, weight) for line in lines), size * 1.3 * len(lines))
    t = Text(role, tuple(lines), box, size, weight, colour)
    layout.texts.append(t)
    out.append(_text_svg(t, halo=False))
    return box.y2


def _sources_line(pkg: Package, lang: str, kind: str, layers: tuple[str, ...]) -> str:
    """The documents behind what is drawn, and where the positions come from."""
    _ = i18n.gettext_for(lang)
    pts = _records(pkg, lang)
    drawn = {"zones": [("admin_units", [r["id"] for r in pts["zones"]])],
             "urban": [("urban_areas", [r["id"] for r in pts["urban"]])],
             "gates": [("border_crossings", [r["id"] for r in pts["gates"]])],
             "ports": [("logistics", [r["id"] for r in pts["ports"]])],
             "poles": [("spatial_structures", [r["id"] for r in pts["poles"]])],
             "axis": [("spatial_structures", [r["id"] for r in pts["paths"]])],
             "industry": [("industry", [r["id"] for r in pts["industry"]])],
             "tourism": [("tourism", [r["id"] for r in pts["tourism"]])]}
    if "zones" in layers:
        drawn["zones"].append(("spatial_structures", [r["id"] for r in pts["zone_labels"]]))
    # The neighbours named at the edges come from the decision too (not drawn on a locator).
    src_ids: list[str] = [] if kind == "unit" else list(dict.fromkeys(pkg["neighbours"]["source_id"]))
    for k in layers:
        for table, ids in drawn.get(k, []):
            frame = pkg[table]
            for sid in frame[frame["id"].isin(ids)]["source_id"].dropna():
                if sid not in src_ids:
                    src_ids.append(sid)
    srcs = content.sources(pkg)
    docs = [srcs[s] for s in src_ids if srcs[s]["kind"] in ("decision", "news_article")]
    docs.sort(key=lambda s: (s["kind"] != "decision", s["id"] != "qd339_2026"))
    decisions = [render.document_label(s, lang) for s in docs if s["kind"] == "decision"]
    news = sum(1 for s in docs if s["kind"] != "decision")
    place_kinds = {"zones": "unit", "urban": "urban_area", "gates": "border_crossing", "ports": "dry_port",
                   "poles": "urban_area", "industry": "unit", "tourism": "tourist_area"}
    places = pkg["places"]
    place_ids = []
    for sid in places[places["kind"].isin([place_kinds[k] for k in layers if k in place_kinds])]["source_id"]:
        if sid not in place_ids:
            place_ids.append(sid)
    names = [srcs[s].get(i18n.col("issuer", lang)) or srcs[s].get("number") or s for s in place_ids]
    text = _("Sources: {documents}").format(documents="; ".join(decisions))
    if news == 1:
        text += " " + _("and a news report")
    elif news:
        text += " " + _("and {count} news reports").format(count=i18n.format_number(news, lang))
    return text + "." + (" " + _("Positions: {names}.").format(names=", ".join(names)) if names else "")


@functools.lru_cache(maxsize=512)
def _layout_svg(pkg: Package, lang: str, kind: str, unit_id: str | None, layers: tuple[str, ...], width: float,
                for_download: bool) -> tuple[str, Layout]:
    _ = i18n.gettext_for(lang)
    s = max(0.8, min(width / 440, 1.7))
    font = 12.0 if width <= 480 else 12.0 * (width / 480) ** 0.6
    pad = 10.0 * s if for_download else 0.0
    out_top: list[str] = []
    layout = Layout(width, 0)
    y = pad
    unit = content.record(pkg["admin_units"], unit_id) if kind == "unit" else None
    title = _title(lang, kind, unit)
    if for_download:
        y = _paragraph(out_top, layout, "title", title, pad, y, width - 2 * pad, font * 1.55, 700) + 4 * s
    map_w = width - 2 * pad
    proj = _Projection(EXTENTS[kind], Box(pad, y, map_w, 1))
    frame = Box(pad, y, map_w, proj.height)
    proj.box = frame
    inner = Box(frame.x + 3, frame.y + 3, frame.w - 6, frame.h - 6)
    clip_id = f"clip-{kind}-{unit_id or 'all'}-{lang}-{int(width)}"
    body = [f'<rect x="{_n(frame.x)}" y="{_n(frame.y)}" width="{_n(frame.w)}" height="{_n(frame.h)}" '
            f'fill="{BACKGROUND}"/>', f'<g clip-path="url(#{clip_id})">']
    symbols, feats, hard, soft = _features(pkg, lang, layers, proj, s, font, kind)
    body += symbols
    placer = _Placer(inner, font)
    placer.hard += hard
    placer.add_soft(soft)
    sn_svg, sn_boxes, sn_texts = _scale_and_north(lang, proj, font, s)
    placer.hard += sn_boxes
    me = None
    if kind == "unit":
        row = _records(pkg, lang)["unit_index"][unit_id]
        x, y0 = proj(row["lat"], row["lon"])
        r = 9.0 * s
        body.append(f'<circle cx="{_n(x)}" cy="{_n(y0)}" r="{_n(r)}" fill="none" stroke="{_rgb(maps.INK)}" '
                    f'stroke-width="{_n(2.6 * s)}"/>')
        placer.hard.append(Box(x - r, y0 - r, 2 * r, 2 * r))
        me = _Feature(unit_id, x, y0, r + 1, _unit_name(unit, lang), "unit", maps.INK, font * 1.15, 700)
    body.append("</g>")
    if me:
        placer.label(me)
    placer.points = [(f.x, f.y, f.r) for f in feats]
    for f in feats:
        placer.label(f)
    for n in _neighbours(pkg, lang, kind, proj, font) if kind != "unit" else []:
        lines = balanced_lines(n.label, n.size, n.weight, 110 * max(s, 1))
        placer.label(n, lines, role="neighbour", centred=True, optional=True)
    if "zones" in layers:
        for row in _records(pkg, lang)["zone_labels"]:
            x, y0 = proj(row["lat"], row["lon"])
            size = font * 0.85
            f = _Feature(row["id"], x, y0, 0, row["label"], "zone", tuple(row["colour"][:3]), size, 700)
            placer.label(f, balanced_lines(row["label"], size, 700, 120 * max(s, 1), 0.6), role="zone", centred=True,
                         optional=True, spacing=0.6)
    # Number the callouts in reading order (top to bottom, then left to right).
    numbered = sorted(placer.callouts, key=lambda c: (round(c[0].y / 8), c[0].x))
    for t in placer.texts:
        spacing = 0.6 if t.role == "zone" else 0.0
        body.append(_text_svg(t, spacing=spacing, anchor="middle" if t.role in ("zone", "neighbour") else "start"))
    badges = []
    for i, (f, box, leader) in enumerate(numbered, 1):
        layout.keyed.append((i, f.label, f.layer))
        if box is None:
            continue
        cx, cy, br = box.x + box.w / 2, box.y + box.h / 2, box.w / 2
        if leader:
            badges.append(f'<line x1="{_n(f.x)}" y1="{_n(f.y)}" x2="{_n(cx)}" y2="{_n(cy)}" stroke="{_rgb(f.colour)}" '
                          f'stroke-width="1"/>')
        badges.append(_badge(cx, cy, br, i, f.colour, font))
        layout.texts.append(Text("callout", (str(i),), box, font * 0.8, 700, f.colour, f.id))
    body += badges
    body += sn_svg
    for t in sn_texts:
        body.append(_text_svg(t))
    layout.texts += placer.texts + sn_texts
    y = frame.y2 + 6 * max(s, 1)
    below: list[str] = []
    if layout.keyed:
        y = _key(below, layout, lang, pad, y, map_w, font, s) + 4
    if for_download:
        y = _legend(below, layout, pkg, lang, layers, pad, y + 2, map_w, font, s, kind, unit)
    y = _paragraph(below, layout, "caveat", _(CAVEAT), pad, y + 2, map_w, font * 0.85, 400, MUTED)
    if for_download:
        y = _paragraph(below, layout, "source", _sources_line(pkg, lang, kind, layers), pad, y + 3, map_w,
                       font * 0.85, 400, MUTED)
        y = _paragraph(below, layout, "site", _("{site} · data release {date}").format(
            site=_(exports.SITE_NAME), date=i18n.format_date(exports.DATA_RELEASE, lang)), pad, y + 2, map_w,
            font * 0.85, 600, MUTED)
    height = math.ceil(y + max(pad, 4))
    layout.height = height
    ids = f"{kind}-{unit_id or 'all'}-{lang}"
    desc = _description(pkg, lang, kind, unit_id)
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(width)} {height}" width="{_n(width)}" '
            f'height="{height}" role="img" lang="{lang}" aria-labelledby="map-title-{ids} map-desc-{ids}" '
            f'class="ls-map" font-family="{FONT_STACK}">'
            f'<title id="map-title-{ids}">{_esc(title)}</title><desc id="map-desc-{ids}">{_esc(desc)}</desc>'
            f'<defs><clipPath id="{clip_id}"><rect x="{_n(frame.x)}" y="{_n(frame.y)}" width="{_n(frame.w)}" '
            f'height="{_n(frame.h)}"/></clipPath></defs>')
    background = '<rect width="100%" height="100%" fill="#ffffff"/>' if for_download else ""
    svg = head + background + "".join(out_top) + "".join(body) + "".join(below) + "</svg>"
    if for_download:
        svg = '<?xml version="1.0" encoding="UTF-8"?>\n' + svg.replace(f' lang="{lang}"',
                                                                       f' lang="{lang}" xml:lang="{lang}"', 1)
    return svg, layout


def _description(pkg: Package, lang: str, kind: str, unit_id: str | None) -> str:
    """What the picture shows, in a few sentences (the full list is :func:`map_summary`)."""
    _ = i18n.gettext_for(lang)
    pts = maps.layer_points(pkg, lang)
    if kind == "urban":
        return _("The map shows {urban} urban areas ({names}), {gates} named border gates, crossings and lanes, "
                 "{ports} dry ports, the 2 growth poles, the development axis and the 2 economic corridors, and the "
                 "{units} communes and wards coloured by economic zone.").format(
            urban=i18n.format_number(len(pts["urban"]), lang), names=", ".join(pts["urban"]["label"]),
            gates=i18n.format_number(len(pts["gates"]), lang), ports=i18n.format_number(len(pts["ports"]), lang),
            units=i18n.format_number(len(pts["zones"]), lang)) + " " + _(CAVEAT)
    rows = map_summary(pkg, lang, kind, unit_id=unit_id)
    if kind == "unit":
        return f"{rows[0]['title']}: {rows[0]['text']} " + _(CAVEAT)
    return _("The map shows the {gates} named border gates, crossings and lanes ({priority} of them among the 5 "
             "priorities), the dry ports and the urban areas around them: {names}.").format(
        gates=i18n.format_number(len(pts["gates"]), lang), priority=i18n.format_number(int(pts["gates"]["priority"].sum()), lang),
        names=", ".join(r["title"] for r in rows)) + " " + _(CAVEAT)


def _unit_name(unit: dict, lang: str) -> str:
    """``Xã Đồng Đăng`` / ``Đồng Đăng commune`` (the name itself stays Vietnamese)."""
    _ = i18n.gettext_for(lang)
    named = _("{name} ward") if unit["kind"] == "ward" else _("{name} commune")
    return named.format(name=unit["name_vi"])


def _title(lang: str, kind: str, unit: dict | None) -> str:
    _ = i18n.gettext_for(lang)
    if kind == "unit":
        return _(TITLES["unit"]).format(unit=_unit_name(unit, lang))
    return _(TITLES[kind])


def _key(out: list[str], layout: Layout, lang: str, x0: float, y: float, width: float, font: float, s: float) -> float:
    """The numbered places, in one or two columns."""
    _ = i18n.gettext_for(lang)
    size = font * 0.9
    y = _paragraph(out, layout, "key-heading", _(KEY_HEADING), x0, y, width, size, 700) + 2
    br = font * 0.72
    indent = 2 * br + 7 + 12 * s
    col_w = (width - 12) / 2
    two = all(text_width(label, size, 400) + indent <= col_w for _n_, label, _l in layout.keyed)
    cols = 2 if two and len(layout.keyed) > 3 else 1
    per = math.ceil(len(layout.keyed) / cols)
    bottoms = []
    for c in range(cols):
        cy = y
        for number, label, layer in layout.keyed[c * per:(c + 1) * per]:
            cx = x0 + c * (col_w + 12)
            colour = maps.LAYERS[layer][2] if layer in maps.LAYERS else maps.INK
            lines = wrap_text(label, size, 400, (col_w if cols == 2 else width) - indent)
            h = max(2 * br, size * 1.3 * len(lines))
            out.append(_badge(cx + br, cy + br, br, number, colour, font))
            if layer in LAYER_SHAPES:
                out.append(_legend_symbol(LAYER_SHAPES[layer], colour, cx + 2 * br + 3 + 6 * s, cy + br, s * 0.8))
            box = Box(cx + indent, cy + (2 * br - size * 1.3) / 2 if len(lines) == 1 else cy,
                      max(text_width(line, size, 400) for line in lines), size * 1.3 * len(lines))
            t = Text("key", tuple(lines), box, size, 400, maps.INK)
            layout.texts.append(t)
            layout.texts.append(Text("key-badge", (str(number),), Box(cx, cy, 2 * br, 2 * br), size, 700, colour))
            out.append(_text_svg(t, halo=False))
            cy += h + 3
        bottoms.append(cy)
    return max(bottoms)


def _legend(out: list[str], layout: Layout, pkg: Package, lang: str, layers: tuple[str, ...], x0: float, y: float,
            width: float, font: float, s: float, kind: str, unit: dict | None) -> float:
    _ = i18n.gettext_for(lang)
    size = font * 0.9
    y = _paragraph(out, layout, "legend-heading", _("Legend"), x0, y, width, size, 700) + 2
    rows = _legend_rows(pkg, lang, layers, locator=kind == "unit")
    if kind == "unit":
        rows.append(("ring", tuple(maps.INK), _title(lang, kind, unit)))
    indent = 24 * s
    col_w = (width - 16) / 2
    cols = 2 if width >= 600 else 1
    per = math.ceil(len(rows) / cols)
    bottoms = []
    for c in range(cols):
        cy = y
        for shape, colour, text in rows[c * per:(c + 1) * per]:
            cx = x0 + c * (col_w + 16)
            lines = wrap_text(text, size, 400, (col_w if cols == 2 else width) - indent)
            h = size * 1.3 * len(lines)
            out.append(_legend_symbol(shape, colour, cx + 9 * s, cy + size * 0.65, s * 0.9))
            box = Box(cx + indent, cy, max(text_width(line, size, 400) for line in lines), h)
            t = Text("legend", tuple(lines), box, size, 400, maps.INK)
            layout.texts.append(t)
            out.append(_text_svg(t, halo=False))
            cy += h + 3
        bottoms.append(cy)
    return max(bottoms) + 2


# --- public API ------------------------------------------------------------------------------------


def _check(kind: str, unit_id: str | None) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown map kind {kind!r} (one of {', '.join(KINDS)})")
    if (kind == "unit") != (unit_id is not None):
        raise ValueError("a unit map needs unit_id, and only a unit map takes one")


def _layers(kind: str, layers) -> tuple[str, ...]:
    if kind == "unit":
        return default_layers("unit")
    chosen = default_layers(kind) if layers is None else tuple(layers)
    return tuple(k for k in maps.LAYERS if k in chosen)


def layout(pkg: Package, lang: str, kind: str, *, unit_id: str | None = None, layers=None, width: float | None = None,
           for_download: bool = False) -> Layout:
    """Every text box of the picture :func:`map_svg` draws with the same arguments."""
    _check(kind, unit_id)
    lang = i18n.resolve_lang(lang)
    w = float(width or (DOWNLOAD_WIDTH if for_download else DEFAULT_WIDTH))
    return _layout_svg(pkg, lang, kind, unit_id, _layers(kind, layers), w, for_download)[1]


def map_svg(pkg: Package, lang: str, kind: str, *, unit_id: str | None = None, layers=None, width: float | None = None,
            for_download: bool = False) -> str:
    """The map as one ``<svg>`` element (``role="img"``, ``<title>``, ``<desc>``, ``lang``).

    ``kind``: ``"urban"`` (the urban-system map), ``"gates"`` (the border-gate focus) or ``"unit"``
    (a locator of one commune or ward, ``unit_id``). ``width`` is the drawing's width in px (default
    360, made for phones; scale it with CSS). ``for_download`` adds the title, the legend, the sources
    and the dashboard's name, and an XML declaration, for a file that stands on its own.
    """
    _check(kind, unit_id)
    lang = i18n.resolve_lang(lang)
    w = float(width or (DOWNLOAD_WIDTH if for_download else DEFAULT_WIDTH))
    return _layout_svg(pkg, lang, kind, unit_id, _layers(kind, layers), w, for_download)[0]


def picture_version(svg: str) -> str:
    """A short fingerprint of a picture's text: its address's ``?v=`` (``site.map_picture_href``)."""
    return hashlib.sha256(svg.encode("utf-8")).hexdigest()[:16]


def map_png(pkg: Package, lang: str, kind: str, *, unit_id: str | None = None, layers=None, scale: float = 2) -> bytes:
    """The download picture as PNG, rendered offline with Be Vietnam Pro (``scale`` × 760 px wide)."""
    import vl_convert as vlc

    exports._fonts()
    from PIL import Image

    svg = map_svg(pkg, lang, kind, unit_id=unit_id, layers=layers, for_download=True)
    image = Image.open(io.BytesIO(vlc.svg_to_png(svg, scale=scale))).convert("RGB")
    # A flat drawing: a 256-colour palette keeps it sharp at about a third of the size (a news site's limit).
    out = io.BytesIO()
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        out, "PNG", optimize=True)
    return out.getvalue()


def download_name(kind: str, lang: str, fmt: str, unit_id: str | None = None) -> str:
    """``lang-son-map-urban-system-vi.png``, like the chart exports."""
    slug = SLUGS[kind] if kind != "unit" or not unit_id else f"map-{unit_id.replace('_', '-')}"
    return exports.file_name(slug, lang, fmt)


def _position(pkg: Package, kind: str, ref: str, lang: str) -> str:
    places = pkg["places"]
    hit = places[(places["kind"] == kind) & (places["ref_id"] == ref)]
    return maps._precision(hit["precision"].iat[0], lang) if len(hit) else ""


@functools.lru_cache(maxsize=4)
def _structures(pkg: Package) -> dict[str, dict]:
    return {s["id"]: s for s in content.records(pkg["spatial_structures"])}


@functools.lru_cache(maxsize=4)
def _zone_of(pkg: Package) -> dict[str, dict]:
    """Each commune or ward's economic zone (absent: in none of the three)."""
    structures = _structures(pkg)
    return {m["unit_id"]: structures[m["structure_id"]] for m in content.records(pkg["structure_members"])
            if m.get("unit_id") and structures[m["structure_id"]]["kind"] == "zone"}


@functools.lru_cache(maxsize=512)
def _summary(pkg: Package, lang: str, kind: str, unit_id: str | None) -> tuple[dict, ...]:
    _ = i18n.gettext_for(lang)
    out: list[dict] = []
    (lat0, lat1), (lon0, lon1) = EXTENTS[kind]

    def inside(kind_: str, ref: str) -> bool:
        places = pkg["places"]
        hit = places[(places["kind"] == kind_) & (places["ref_id"] == ref)]
        return bool(len(hit)) and lat0 <= hit["lat"].iat[0] <= lat1 and lon0 <= hit["lon"].iat[0] <= lon1

    def sentence(*parts: str | None) -> str:
        return "; ".join(p for p in parts if p) + "."

    structures = _structures(pkg)
    if kind == "unit":
        u = content.record(pkg["admin_units"], unit_id)
        zone = _zone_of(pkg).get(unit_id)
        name = _unit_name(u, lang)
        out.append({"title": name, "text": sentence(
            zone[i18n.col("name", lang)] if zone else _("in none of the three zones (see the data notes)"),
            _position(pkg, "unit", unit_id, lang)), "cite": content.cite(pkg, u, lang)})
        if zone:
            out.append({"title": zone[i18n.col("name", lang)], "text": zone.get(i18n.col("focus", lang)),
                        "cite": content.cite(pkg, zone, lang)})
        return tuple(out)

    def urban_rows() -> None:
        planned = set(pkg["planned_wards"]["unit_id"])
        links = content.records(pkg["urban_area_units"])
        for a in content.records(pkg["urban_areas"]):
            if kind == "gates" and not inside("urban_area", a["id"]):
                continue
            ward = any(x["unit_id"] in planned for x in links if x["urban_area_id"] == a["id"])
            out.append({"title": a[i18n.col("name", lang)], "text": sentence(
                i18n.translate(content.URBAN_CLASS[a["urban_class"]], lang),
                _("its commune is planned to become a ward") if ward else None,
                _position(pkg, "urban_area", a["id"], lang)), "cite": content.cite(pkg, a, lang)})

    def gate_rows() -> None:
        rows = content.records(pkg["border_crossings"])
        order = {p["id"]: p["order"] for p in content.records(pkg["priority_gates"])}
        rows.sort(key=lambda c: order.get(c.get("priority_id"), 99))
        for c in rows:
            partner = c.get(i18n.col("partner", lang)) or _("not named in the sources")
            out.append({"title": c[i18n.col("name", lang)], "text": sentence(
                i18n.translate(content.GATE_KINDS[c["kind"]], lang),
                _("counterpart on the Chinese side: {partner}").format(partner=partner),
                _("one of the 5 priority gates and crossings") if c.get("priority_id") else None,
                _position(pkg, "border_crossing", c["id"], lang)), "cite": content.cite(pkg, c, lang)})

    def port_rows() -> None:
        logistics = pkg["logistics"]
        for p in content.records(logistics[logistics["kind"] == "dry_port"]):
            if not inside("dry_port", p["id"]):
                continue
            out.append({"title": p[i18n.col("name", lang)], "text": sentence(
                _("Dry port"), _position(pkg, "dry_port", p["id"], lang)), "cite": content.cite(pkg, p, lang)})

    if kind == "gates":
        gate_rows()
        port_rows()
        urban_rows()
        return tuple(out)
    urban_rows()
    for sid in ("pole_lang_son", "pole_huu_lung"):
        s_ = structures[sid]
        out.append({"title": _("Growth pole: {name}").format(name=s_[i18n.col("name", lang)]), "text": None,
                    "cite": content.cite(pkg, s_, lang)})
    for s_ in sorted((x for x in structures.values() if x["kind"] in ("axis", "corridor")),
                     key=lambda x: (x["kind"], x["order"])):
        route = s_.get(i18n.col("route", lang))
        out.append({"title": s_[i18n.col("name", lang)],
                    "text": _("Built on: {route}").format(route=route) if route else None,
                    "cite": content.cite(pkg, s_, lang)})
    for s_ in sorted((x for x in structures.values() if x["kind"] == "zone"), key=lambda x: x["order"]):
        names = content.members(pkg, s_["id"], lang)
        out.append({"title": s_[i18n.col("name", lang)],
                    "text": _("{count} communes and wards: {names}").format(
                        count=i18n.format_number(len(names), lang), names=", ".join(names)),
                    "cite": content.cite(pkg, s_, lang)})
    gate_rows()
    port_rows()
    return tuple(out)


_LEGEND_CHARS = {"circle": "●", "triangle": "▲", "diamond": "◆", "star": "★", "square": "▣", "flower": "✿",
                 "line": "━", "ward": "◉", "ring": "◎"}


def legend(pkg: Package, lang: str, kind: str, *, layers=None) -> list[dict]:
    """The legend of the map beside it (``symbol``, ``colour``, ``label``), for ``render.map_legend``:
    the same entries the download draws, each zone named in its colour."""
    _check(kind, "x" if kind == "unit" else None)
    lang = i18n.resolve_lang(lang)
    rows = _legend_rows(pkg, lang, _layers(kind, layers), locator=kind == "unit")
    return [{"symbol": _LEGEND_CHARS[shape], "colour": list(colour), "label": text} for shape, colour, text in rows]


def map_summary(pkg: Package, lang: str, kind: str, *, unit_id: str | None = None) -> list[dict]:
    """What the map shows, as cited items (``title``, ``text``, ``cite``) for ``render.item_list``."""
    _check(kind, unit_id)
    return list(_summary(pkg, i18n.resolve_lang(lang), kind, unit_id))
