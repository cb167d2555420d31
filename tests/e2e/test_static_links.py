"""The app and its static twin link to each other, both served by `make run`'s one process (issue #14)."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from components import static_build
from tests.e2e.conftest import wait_ready


@pytest.fixture(scope="module", autouse=True)
def built():
    """The site the server serves (make test builds it first; a bare pytest run builds it here)."""
    if static_build.is_stale(static_build.OUT):
        static_build.build(static_build.OUT, log=lambda *_: None)


def test_app_page_links_to_its_static_twin_and_back(server, page):
    page.goto(f"{server.url}/tourism?lang=en")
    wait_ready(page)
    twin = page.get_by_role("link", name="Fast, printable version")
    assert twin.get_attribute("href") == "/en/tourism/"
    assert page.get_by_role("link", name="Download PDF").get_attribute("href") == "/en/tourism/lang-son-tourism-en.pdf"
    twin.click()
    page.wait_for_url("**/en/tourism/")
    assert page.locator("h1").inner_text() == "Tourism"
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.evaluate("document.scripts.length") == 0
    page.get_by_role("link", name="Interactive version").click()
    page.wait_for_url("**/tourism?lang=en")
    wait_ready(page)
    assert urlparse(page.url).path == "/tourism"
    assert page.locator("h1").first.inner_text() == "Tourism"


def test_unknown_static_address_gets_the_bilingual_404(server, page):
    response = page.goto(f"{server.url}/vi/no-such-page/")
    assert response.status == 404
    assert "Không có trang này" in page.content() and "This page does not exist" in page.content()
