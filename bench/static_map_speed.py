"""Benchmark: static map render time and size (the static edition draws 2 maps and 65 locators × 2 languages).

    python bench/static_map_speed.py

Prints, per map and language, the first render in a fresh process (cold: fonts loaded, layer points
built), the memoised second call, the SVG's size raw and gzipped, how many labels became numbered
callouts, and the PNG download's render time and size; then the 130 locator maps in one go.
"""

from __future__ import annotations

import gzip
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from components import data, static_map  # noqa: E402


def _ms(fn) -> tuple[float, object]:
    start = time.perf_counter()
    out = fn()
    return (time.perf_counter() - start) * 1000, out


def main() -> int:
    pkg = data.read_package()
    print("| map | lang | first render | memoised | SVG | gzip | callouts | PNG download (2×) |")
    print("|---|---|---|---|---|---|---|---|")
    for kind, unit in (("urban", None), ("gates", None), ("unit", "dong_dang")):
        for lang in ("vi", "en"):
            cold, svg = _ms(lambda: static_map.map_svg(pkg, lang, kind, unit_id=unit))
            warm, _svg = _ms(lambda: static_map.map_svg(pkg, lang, kind, unit_id=unit))
            raw = svg.encode("utf-8")
            keyed = len(static_map.layout(pkg, lang, kind, unit_id=unit).keyed)
            png_ms, png = _ms(lambda: static_map.map_png(pkg, lang, kind, unit_id=unit))
            print(f"| {kind} | {lang} | {cold:.0f} ms | {warm:.2f} ms | {len(raw) / 1024:.1f} KiB | "
                  f"{len(gzip.compress(raw, 9)) / 1024:.1f} KiB | {keyed} | {png_ms:.0f} ms, {len(png) / 1024:.0f} KiB |")
    units = list(pkg["admin_units"]["id"])
    total, sizes = 0.0, []
    for lang in ("vi", "en"):
        for unit in units:
            ms, svg = _ms(lambda: static_map.map_svg(pkg, lang, "unit", unit_id=unit))
            total += ms
            sizes.append(len(gzip.compress(svg.encode("utf-8"), 9)))
    print(f"\n{2 * len(units)} locator maps: {total:.0f} ms in all ({total / (2 * len(units)):.1f} ms each), "
          f"gzip {min(sizes) / 1024:.1f}–{max(sizes) / 1024:.1f} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
