"""The schematic maps in a real browser: drawn, offline, legend in the page language, URL selection."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from tests.e2e.conftest import wait_ready


def _drawn_colours(png: bytes) -> int:
    image = Image.open(io.BytesIO(png)).convert("RGB").resize((120, 120))
    return len(set(image.tobytes()[i:i + 3] for i in range(0, 120 * 120 * 3, 3)))


@pytest.mark.parametrize(("slug", "lang", "legend"), [("urban-system", "vi", "Chú giải"),
                                                      ("border-gates", "en", "Legend")])
def test_map_draws_offline_with_a_legend_in_the_page_language(server, page, artifacts, slug, lang, legend):
    external = []
    page.on("request", lambda r: external.append(r.url) if not r.url.startswith((server.url, "data:", "blob:"))
            else None)
    page.goto(f"{server.url}/{slug}?lang={lang}&map=interactive")  # the picture comes first otherwise (#15)
    wait_ready(page)
    chart = page.locator('[data-testid="stDeckGlJsonChart"]').first
    chart.scroll_into_view_if_needed()
    chart.locator("canvas").first.wait_for(state="attached", timeout=30_000)
    page.wait_for_timeout(2500)  # the deck.gl chunk loads lazily, then draws
    shot = chart.screenshot(path=str(artifacts / "screenshots" / f"map-{slug}-{lang}.png"))
    assert _drawn_colours(shot) > 40, "the map looks blank"
    assert external == []
    assert page.locator(".ls-legend strong").first.inner_text() == legend
    assert (chart.get_attribute("aria-label") or chart.locator("[aria-label]").first.get_attribute("aria-label"))


@pytest.mark.parametrize(("lang", "title"), [("vi", "Cửa khẩu quốc tế Hữu Nghị"),
                                             ("en", "Hữu Nghị international border gate")])
def test_an_item_in_the_url_opens_its_card(server, page, lang, title):
    page.goto(f"{server.url}/border-gates?lang={lang}&item=gate_huu_nghi")
    wait_ready(page)
    card = page.locator(".ls-card")
    assert card.locator("h3").inner_text() == title
    assert "Ai Diễm" not in card.inner_text()


def test_an_unknown_item_in_the_url_is_ignored(server, page):
    page.goto(f"{server.url}/urban-system?lang=en&item=%3Cscript%3Ealert(1)%3C/script%3E")
    wait_ready(page)
    assert page.locator(".ls-card").count() == 0
    assert page.locator('[data-testid="stException"]').count() == 0
