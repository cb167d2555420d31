"""Deep links, language across navigation, and hostile URLs, in a real browser."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from components import site
from tests.e2e.conftest import wait_ready, wait_title


def _lang_in_url(page) -> list[str] | None:
    return parse_qs(urlparse(page.url).query).get("lang")


def test_cold_deep_link_opens_the_page_in_its_language_with_the_app_navigation(fresh_server, page, artifacts):
    """A first visit to /border-gates?lang=en on a fresh server (pages/ folder mode) shows that page."""
    page.goto(f"{fresh_server.url}/border-gates?lang=en")
    wait_ready(page)
    assert page.locator("h1").first.inner_text() == "Border gates and the border economy"
    assert page.evaluate("document.documentElement.lang") == "en"
    assert urlparse(page.url).path == "/border-gates"
    assert _lang_in_url(page) == ["en"]
    nav = page.locator('[data-testid="stMain"] .ls-top .ls-nav a')
    assert nav.count() == len(site.PAGES)
    assert "Targets 2030" in nav.all_inner_texts()
    assert "Breakthroughs and tasks" in nav.all_inner_texts()
    page.screenshot(path=str(artifacts / "screenshots" / "cold-deep-link-border-gates-en.png"))


def test_language_survives_navigation_and_switching_keeps_the_page(server, page):
    page.goto(f"{server.url}/targets?lang=en")
    wait_ready(page)
    page.locator('[data-testid="stMain"] .ls-top .ls-nav a', has_text="Tourism").click()
    page.wait_for_url("**/tourism**")
    wait_title(page, "Tourism")
    assert _lang_in_url(page) == ["en"]
    page.get_by_role("link", name="Tiếng Việt").click()
    page.wait_for_function("() => document.documentElement.lang === 'vi'")
    wait_title(page, "Du lịch")
    assert urlparse(page.url).path == "/tourism"
    assert _lang_in_url(page) == ["vi"]


def test_links_between_pages_move_within_the_running_app(server, page):
    """The page lists, the search form and the results are plain links (static/js/soft-links.js): a click runs
    the page it names in the app already loaded, keeps the history, and marks where the visitor is."""
    page.goto(f"{server.url}/?lang=en")
    wait_ready(page)
    page.evaluate("window.__loadedOnce = 1")  # gone if a click loaded the app again
    nav = page.locator('[data-testid="stMain"] .ls-top .ls-nav a')
    assert nav.first.get_attribute("aria-current") == "page"
    page.locator('[data-testid="stMain"] .ls-links a', has_text="Tourism").click()
    page.wait_for_url("**/tourism?lang=en")
    wait_title(page, "Tourism")
    assert page.locator('.ls-nav a[aria-current="page"]').inner_text() == "Tourism"
    page.locator(".ls-search input[type=search]").fill("huu lung")
    page.locator(".ls-search input[type=search]").press("Enter")
    page.wait_for_url("**/search?**")
    wait_title(page, "Search the plan")
    assert parse_qs(urlparse(page.url).query) == {"q": ["huu lung"], "lang": ["en"]}
    page.locator(".ls-result a", has_text="Open where it is shown").first.click()
    page.wait_for_url("**/commune?**")
    wait_title(page, "My commune")
    assert "unit=06385" in page.url and "Hữu Lũng" in page.locator('[data-testid="stMain"]').inner_text()
    # On a wide screen the commune's map then loads by itself (static/js/map-explore.js): that changes the
    # address in place, so one Back still leads to the search.
    page.wait_for_url("**map=interactive**")
    page.go_back()
    page.wait_for_url("**/search?**")
    page.wait_for_function("() => document.querySelector('h1')?.innerText === 'Search the plan'")
    assert page.evaluate("window.__loadedOnce") == 1


def test_hostile_language_value_falls_back_and_is_never_rendered(server, page):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{server.url}/?lang=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")
    wait_ready(page)
    assert dialogs == []
    assert page.evaluate("document.documentElement.lang") == "vi"
    assert _lang_in_url(page) == ["vi"]
    assert page.locator("img[src=x]").count() == 0


def test_an_unknown_page_says_so_in_both_languages_and_links_to_both_editions(server, page):
    """Not Streamlit's English "Page not found" dialog over the Overview (status 200, titled "Streamlit")."""
    response = page.goto(f"{server.url}/no-such-page?lang=vi")
    assert response.status == 404
    assert page.title() == "Không có trang này · This page does not exist"
    assert page.locator('[data-testid="stApp"]').count() == 0
    page.get_by_role("link", name="Bản tương tác").click()
    wait_ready(page)
    assert page.locator("h1").first.inner_text() == "Quy hoạch tỉnh Lạng Sơn thời kỳ 2021–2030, tầm nhìn đến năm 2050"


@pytest.mark.parametrize(("lang", "label", "title"), [("vi", "Tìm trong quy hoạch", "Tìm trong quy hoạch"),
                                                     ("en", "Search the plan", "Search the plan")])
def test_the_search_box_at_the_top_opens_the_results_in_the_page_language(server, page, lang, label, title):
    """The search box at the top of every page is a plain form: Enter opens /search?q=…&lang=… with the results,
    the language in the address from the start (Streamlit's sanitiser drops a hidden field named "lang")."""
    page.goto(f"{server.url}/tourism?lang={lang}")
    wait_ready(page)
    page.evaluate("window.__addresses = []; const push = history.pushState.bind(history); "
                  "history.pushState = (s, t, u) => { window.__addresses.push(String(u)); return push(s, t, u); };")
    box = page.get_by_role("searchbox", name=label)
    box.fill("huu lung")
    box.press("Enter")
    page.wait_for_function("t => document.querySelector('h1')?.innerText === t", arg=title)
    wait_ready(page)
    ours = [a for a in page.evaluate("window.__addresses") if a.startswith("/search")]  # Streamlit pushes too
    pushed = parse_qs(urlparse(ours[0]).query)
    assert pushed == {"q": ["huu lung"], "lang": [lang]}
    assert parse_qs(urlparse(page.url).query) == {"q": ["huu lung"], "lang": [lang]}
    assert page.evaluate("document.documentElement.lang") == lang
    page.get_by_text("Hữu Lũng").first.wait_for()


def test_the_share_box_copies_the_link_to_this_view(server, page):
    """The footer's share box (one HTML element with its script): Copy puts the view's address on the
    clipboard and says so."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"{server.url}/border-gates?lang=vi&item=gate_huu_nghi")
    wait_ready(page)
    page.locator(".ls-share > summary").click()
    button = page.locator('.ls-share button[data-copy="ls-share-link"]')
    button.click()
    page.wait_for_function("() => document.querySelector('.ls-share button[data-copy=\"ls-share-link\"]')"
                           ".textContent === 'Đã sao chép'")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert urlparse(copied).path == "/border-gates"
    assert parse_qs(urlparse(copied).query) == {"lang": ["vi"], "item": ["gate_huu_nghi"]}


def test_a_part_of_a_long_page_draws_when_its_chip_is_followed(server, page):
    """Only the first part of the Infrastructure page is drawn at first; its chips are links: following one
    runs the page again in the app already loaded, draws that part's content and says so in the address, and
    Back returns to the first part."""
    page.goto(f"{server.url}/infrastructure?lang=vi")
    wait_ready(page)
    page.evaluate("window.__loadedOnce = 1")
    assert page.get_by_text("1.435 mm").count() == 0
    chip = page.locator(".ls-chips a.ls-chip", has_text="Giao thông")
    chip.click()
    page.get_by_text("1.435 mm").first.wait_for(timeout=30_000)
    assert page.locator(".ls-chips a.ls-chip", has_text="Giao thông").get_attribute("aria-current") == "true"
    assert page.locator("h2#sector-transport").inner_text() == "Giao thông"
    assert urlparse(page.url).path == "/infrastructure"
    assert parse_qs(urlparse(page.url).query) == {"lang": ["vi"], "sector": ["transport"]}
    assert page.evaluate("window.__loadedOnce") == 1
    page.go_back()
    page.wait_for_function("() => !document.querySelector('h2#sector-transport')")
    assert page.locator("h2#sector-industry").inner_text() == "Công nghiệp"


def test_my_commune_opens_the_unit_typed_in_its_field(server, page):
    """The commune chooser is a plain form with the browser's own suggestions: Enter opens the unit in the
    running app, and the address names it by its code."""
    page.goto(f"{server.url}/commune?lang=en")
    wait_ready(page)
    page.evaluate("window.__loadedOnce = 1")
    field = page.locator("form.ls-find input[name=find]")
    assert field.get_attribute("list") == "ls-find-list"
    assert page.locator("#ls-find-list option").count() == 65
    field.fill("huu lung")
    field.press("Enter")
    page.wait_for_url(lambda url: "unit=06385" in url)
    page.wait_for_function("() => document.querySelector('form.ls-find input')?.value === 'Xã Hữu Lũng'")
    wait_ready(page)
    query = parse_qs(urlparse(page.url).query)
    # The unit's map may have loaded by itself since (static/js/map-explore.js): nothing else is added.
    assert query.pop("map", ["interactive"]) == ["interactive"]
    assert query == {"lang": ["en"], "unit": ["06385"]}
    assert page.evaluate("window.__loadedOnce") == 1


def test_the_search_pages_own_field_searches_within_the_running_app_and_shows_the_text(server, page):
    """The search page's field is a plain form like the page top's: Enter shows the results in the app already
    loaded, and the field keeps the text searched for."""
    page.goto(f"{server.url}/search?lang=en")
    wait_ready(page)
    page.evaluate("window.__loadedOnce = 1")
    field = page.get_by_role("search", name="Search for a place, a target, a project…").get_by_role("searchbox")
    field.fill("mau son")
    field.press("Enter")
    page.locator(".ls-found").wait_for(timeout=30_000)
    assert parse_qs(urlparse(page.url).query) == {"lang": ["en"], "q": ["mau son"]}
    assert page.evaluate("window.__loadedOnce") == 1
    assert page.get_by_role("search", name="Search for a place, a target, a project…").get_by_role(
        "searchbox").input_value() == "mau son"
    assert page.locator(".ls-result").count() == 20
