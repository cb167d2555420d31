"""No layout jumps (issue #15): every app page, at phone and desktop width, shifts by at most 0.1 (the
cumulative layout shift a browser records while the page loads and draws), as Lighthouse would count it.

What moved is named in the failure, so a regression points at its element.
"""

from __future__ import annotations

import pytest

from components import site
from tests.e2e.conftest import wait_ready

SHIFTS = """
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.hadRecentInput) continue;
    const moved = (entry.sources || []).map((s) => {
      let el = s.node && (s.node.nodeType === 1 ? s.node : s.node.parentElement);
      const path = [];
      while (el && path.length < 4) { path.push(el.getAttribute('data-testid') || el.tagName.toLowerCase()); el = el.parentElement; }
      return path.join(' < ') + ` ${Math.round(s.previousRect.y)}→${Math.round(s.currentRect.y)}`;
    });
    window.__shifts.push({ value: entry.value, moved });
  }
}).observe({ type: 'layout-shift', buffered: true });
"""
VIEWPORTS = {"phone": {"width": 412, "height": 823}, "desktop": {"width": 1350, "height": 940}}
QUERIES = {"commune": "&unit=06184", "plan": "&s=III", "search": "&q=mau+son"}


@pytest.mark.parametrize("width", list(VIEWPORTS))
@pytest.mark.parametrize("slug", [slug for _p, _t, slug in site.PAGES])
def test_the_page_does_not_jump_while_it_loads(server, browser, slug, width):
    context = browser.new_context(viewport=VIEWPORTS[width], locale="vi-VN", is_mobile=width == "phone",
                                  has_touch=width == "phone")
    page = context.new_page()
    try:
        page.add_init_script(SHIFTS)
        page.goto(f"{server.url}/{slug}?lang=vi{QUERIES.get(slug, '')}", wait_until="load")
        wait_ready(page, 60_000)
        page.wait_for_timeout(1500)  # what a late font or a late element would still move
        shifts = page.evaluate("window.__shifts")
    finally:
        context.close()
    total = sum(s["value"] for s in shifts)
    assert total <= 0.1, [(round(s["value"], 3), s["moved"][:3]) for s in shifts]
