"""The plan reader in a real browser: a permalink scrolls to and highlights its paragraph; both widths."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest

from tests.e2e.conftest import wait_ready


@pytest.mark.parametrize(("width", "side_by_side"), [(1280, True), (390, False)])
def test_a_permalink_brings_its_paragraph_into_view_highlighted(server, browser, artifacts, width, side_by_side):
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(f"{server.url}/plan?p=a1-v-5-p1&lang=en")
        wait_ready(page)
        page.wait_for_selector("#a1-v-5-p1.ls-target", timeout=15_000)
        box = page.locator("#a1-v-5-p1").bounding_box()
        assert box is not None and 0 <= box["y"] < 900, box
        other = page.locator("#a1-v-5-p1 details.ls-other > p")
        assert other.is_visible() == side_by_side  # the official Vietnamese: beside it, or one tap away
        if not side_by_side:
            page.locator("#a1-v-5-p1 details.ls-other > summary").click()
            assert other.is_visible()
        assert "Sản xuất nông nghiệp hàng hóa" in other.inner_text()
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        page.screenshot(path=str(artifacts / "screenshots" / f"reader-permalink-en-{width}.png"))
    finally:
        page.close()


def test_a_source_line_opens_the_reader_at_its_paragraph(server, page):
    page.goto(f"{server.url}/targets?lang=vi")
    wait_ready(page)
    link = page.locator("a.ls-src-link").first
    href = link.get_attribute("href")
    assert href.startswith("/plan?p=") and "lang=vi" in href  # the same from either edition
    page.goto(f"{server.url}{href}")
    wait_ready(page)
    pid = href.split("p=")[1].split("&")[0]
    page.wait_for_selector(f"#{pid}.ls-target", timeout=15_000)


def test_the_part_chooser_opens_a_part_in_the_running_app(server, page):
    """The reader's part chooser is a plain form (render.choice_form): a choice made with the pointer opens the
    part at once, in the running app, with the language kept and the paragraph left behind dropped; with the
    keyboard, the arrow keys only move the choice and Enter opens it."""
    page.goto(f"{server.url}/plan?p=a1-viii-p1&lang=en")
    wait_ready(page)
    page.evaluate("window.__loadedOnce = 1")
    chooser = page.locator("form.ls-choose select")
    assert chooser.input_value() == "VIII"
    chooser.select_option("IX")  # as a pointer pick: one change event
    page.wait_for_url(re.compile(r"/plan\?(.*&)?s=IX(&|$)"))
    page.wait_for_selector("#a1-ix-1", timeout=15_000)
    wait_ready(page)
    query = parse_qs(urlparse(page.url).query)
    assert query == {"lang": ["en"], "s": ["IX"]} and page.evaluate("window.__loadedOnce") == 1
    chooser.focus()
    page.keyboard.press("ArrowDown")
    page.wait_for_timeout(500)
    assert parse_qs(urlparse(page.url).query)["s"] == ["IX"] and chooser.input_value() == "X"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/plan\?(.*&)?s=X(&|$)"))
    page.wait_for_selector("#a1-x-1", timeout=15_000)
