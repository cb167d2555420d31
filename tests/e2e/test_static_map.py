"""Static maps as a phone draws them (issue #14): in Chromium at 390 px, with whatever font it has,
no text runs into another or past the edge of the picture."""

from __future__ import annotations

import pytest

from components import static_map

BOXES = """() => [...document.querySelectorAll('svg')].map(svg => {
    const frame = svg.getBoundingClientRect();
    const texts = [...svg.querySelectorAll('text')].map(t => {
        const r = t.getBoundingClientRect();
        return {text: t.textContent, x: r.left, y: r.top, x2: r.right, y2: r.bottom};
    });
    return {frame: {x: frame.left, y: frame.top, x2: frame.right, y2: frame.bottom}, texts};
})"""


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("width", [390, 1280])
def test_map_text_never_overlaps_or_leaves_the_map_in_a_browser(browser, pkg, lang, width):
    svgs = "".join(static_map.map_svg(pkg, lang, kind, unit_id=unit) for kind, unit in
                   (("urban", None), ("gates", None), ("unit", "dong_dang"), ("unit", "luong_van_tri")))
    svgs += static_map.map_svg(pkg, lang, "urban", for_download=True)
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        # The static edition's rule for maps: the drawing fills the column, up to 40rem.
        page.set_content(f"<!DOCTYPE html><html lang={lang}><head><meta charset=utf-8>"
                         "<meta name=viewport content='width=device-width'><style>body{margin:16px}"
                         ".ls-map{display:block;width:100%;max-width:40rem;height:auto}</style></head>"
                         f"<body>{svgs}</body></html>")
        maps = page.evaluate(BOXES)
    finally:
        context.close()
    assert len(maps) == 5
    tol = 0.75
    for m in maps:
        f = m["frame"]
        assert f["x2"] - f["x"] <= width - 32 + tol
        for t in m["texts"]:
            assert f["x"] - tol <= t["x"] and t["x2"] <= f["x2"] + tol, t
            assert f["y"] - tol <= t["y"] and t["y2"] <= f["y2"] + tol, t
        texts = m["texts"]
        for i, a in enumerate(texts):
            for b in texts[i + 1:]:
                apart = (a["x2"] <= b["x"] + tol or b["x2"] <= a["x"] + tol or a["y2"] <= b["y"] + tol
                         or b["y2"] <= a["y"] + tol)
                assert apart, (a, b)
