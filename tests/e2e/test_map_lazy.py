"""Maps that don't freeze phones (issue #15), in Chromium: the picture first, the deck.gl map later.

At 390 px a map page loads no deck.gl code and shows the picture inside the screen's width; the
visitor's "Explore the map" link brings the interactive map into the same box, without loading the app again. At 1280 px the map loads
by itself once the visitor scrolls, and the box keeps its place and size from picture to map.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest

from tests.e2e.conftest import wait_ready

DECK = '[data-testid="stDeckGlJsonChart"]'
PICTURE = ".ls-mapstatic img"
# The map's box in the page (not the screen): the picture's, which the deck.gl map covers exactly once it comes.
BOX = """() => { const main = document.querySelector('[data-testid="stMain"]');
  const r = document.querySelector('.ls-mapstatic').getBoundingClientRect();
  return [r.x, r.y + main.scrollTop, r.width, r.height]; }"""
DECK_BOX = """() => { const main = document.querySelector('[data-testid="stMain"]');
  const r = document.querySelector('[class*="st-key-mapbox_"]').getBoundingClientRect();
  return [r.x, r.y + main.scrollTop, r.width, r.height]; }"""


def _phone(browser):
    return browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                               has_touch=True, locale="vi-VN")


@pytest.mark.parametrize(("path", "key"), [("/urban-system?lang=vi", "urban"),
                                           ("/commune?lang=en&unit=06184", "unit")])
def test_a_phone_gets_the_picture_and_no_deck_code_until_it_asks(server, browser, artifacts, path, key):
    context = _phone(browser)
    page = context.new_page()
    chunks = []
    page.on("request", lambda r: chunks.append(r.url) if "DeckGlJsonChart" in r.url else None)
    try:
        page.goto(server.url + path)
        wait_ready(page)
        page.mouse.wheel(0, 300)  # a phone visitor scrolling still gets no deck.gl
        page.wait_for_timeout(2500)
        assert chunks == [] and page.locator(DECK).count() == 0
        picture = page.locator(PICTURE)
        picture.scroll_into_view_if_needed()
        assert picture.is_visible()
        assert picture.evaluate("img => img.complete && img.naturalWidth > 0")
        box = picture.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390 and box["height"] > 300
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.screenshot(path=str(artifacts / "screenshots" / f"map-picture-{key}-390.png"))

        box = page.evaluate(BOX)
        page.evaluate("window.__lsSamePage = true")
        link = page.locator(f'a.ls-explore[data-ls-map="{key}"]')
        assert link.evaluate("a => getComputedStyle(a).backgroundColor") == "rgb(11, 110, 79)"  # drawn as a button
        # scrolled to (as a keyboard or an anchor does), it stops a little below the top, nothing over it
        page.evaluate("document.querySelector('[data-testid=stMain]').scrollTo(0, 1e5)")
        link.evaluate("a => a.scrollIntoView({block: 'start'})")
        y = link.bounding_box()["y"]
        assert y >= 12, y
        assert link.evaluate("""a => { const r = a.getBoundingClientRect();
            return document.elementFromPoint(r.left + r.width / 2, r.top + 2)?.closest('a') === a; }""")
        link.tap()
        page.locator(f"{DECK} canvas").first.wait_for(state="attached", timeout=60_000)
        assert chunks, "the deck.gl code loads once asked"
        # the same size; on a phone the button bar above it is taller than the link was
        assert page.evaluate(BOX)[2:] == box[2:] and page.evaluate(DECK_BOX)[2:] == box[2:]
        query = dict(parse_qsl(urlsplit(page.url).query))
        assert query == {**dict(parse_qsl(path.split("?")[1])), "map": "interactive"}
        assert page.evaluate("window.__lsSamePage === true"), "the link is followed within the running app"
        assert page.locator(f".st-key-mappicture_{key} button").is_visible()
    finally:
        context.close()


def test_a_wide_screen_loads_the_deck_map_once_the_visitor_scrolls(server, browser, artifacts):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    chunks = []
    page.on("request", lambda r: chunks.append(r.url) if "DeckGlJsonChart" in r.url else None)
    try:
        page.goto(f"{server.url}/border-gates?lang=en")
        wait_ready(page)
        page.wait_for_timeout(2000)
        assert chunks == [] and page.locator(DECK).count() == 0, "nothing loads before the visitor does anything"
        box = page.evaluate(BOX)
        assert box[3] == 620
        steps = page.evaluate("history.length")
        page.mouse.move(700, 400)
        page.mouse.wheel(0, 500)
        page.locator(f"{DECK} canvas").first.wait_for(state="attached", timeout=60_000)
        assert chunks and "map=interactive" in page.url
        # The deck.gl map lies where the picture was, at its size: nothing on the page moved.
        assert page.evaluate(BOX) == box and page.evaluate(DECK_BOX) == box
        # The visitor asked for no new page: Back must not lead to the picture, which would load the map again.
        assert page.evaluate("history.length") == steps
        page.wait_for_timeout(1500)
        page.locator('[class*="st-key-mapbox_"]').screenshot(path=str(artifacts / "screenshots" / "map-deck-1280.png"))
    finally:
        context.close()
