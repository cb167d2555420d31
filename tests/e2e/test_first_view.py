"""The app's first view through the real server (issue #15): the raw HTML of a page says what the page is,
its preview image exists, robots.txt and the sitemap answer, and a deep link asks for nothing that 404s."""

from __future__ import annotations

import re
import urllib.request

import pytest

from tests.e2e.conftest import wait_ready

pytestmark = pytest.mark.e2e


def _get(url: str) -> tuple[int, str, bytes]:
    with urllib.request.urlopen(url, timeout=30) as r:
        return r.status, r.headers.get("Content-Type", ""), r.read()


@pytest.mark.parametrize(("path", "lang", "title"), [
    ("/", "vi", "Bảng thông tin Quy hoạch tỉnh Lạng Sơn"),
    ("/targets", "en", "Targets"),
    ("/commune", "vi", "Xã Đồng Đăng"),
])
def test_raw_html_names_the_page_before_any_script(server, path, lang, title):
    query = f"?lang={lang}" + ("&unit=6184" if path == "/commune" else "")
    status, kind, body = _get(server.url + path + query)
    html = body.decode("utf-8")
    assert status == 200 and kind.startswith("text/html")
    assert f'<html lang="{lang}"' in html
    assert re.search(r"<title>[^<]*" + re.escape(title), html)
    for tag in ('name="description"', 'rel="canonical"', 'hreflang="vi"', 'hreflang="en"', 'hreflang="x-default"',
                'property="og:title"', 'property="og:description"', 'name="twitter:card"'):
        assert tag in html, tag
    image = re.search(r'<meta property="og:image" content="([^"]+)"', html).group(1)
    status, kind, png = _get(server.url + image[image.index("/assets/"):])
    assert status == 200 and kind.startswith("image/png") and png[:8] == b"\x89PNG\r\n\x1a\n"
    static = re.search(r'<noscript>.*?<a href="([^"]+)"', html, re.S).group(1)
    assert _get(server.url + static)[0] == 200


def test_robots_and_sitemap_answer(server):
    status, kind, body = _get(server.url + "/robots.txt")
    assert status == 200 and b"Sitemap:" in body and kind.startswith("text/plain")
    status, kind, body = _get(server.url + "/sitemap.xml")
    assert status == 200 and b"<urlset" in body and b"/targets?lang=en" in body.replace(b"&amp;", b"&")


def test_a_deep_link_makes_no_probe_and_no_404(server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    requests, failures, errors = [], [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("response", lambda r: failures.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        page.goto(server.url + "/border-gates?lang=en")
        wait_ready(page)
        assert page.evaluate("document.documentElement.lang") == "en"
        assert not [u for u in requests if "/border-gates/_stcore/" in u]
        assert failures == [] and errors == []
        assert page.locator("h1").first.inner_text().startswith("Border gates")
    finally:
        context.close()


def test_the_tab_keeps_the_page_title_in_its_language_once_the_app_runs(server, page):
    """Streamlit sets the tab's title from the page config on every run: it is the head's title (the page and
    what its address selects, in the page's language), on a first view and after a move within the app."""
    from components import data, head

    query = {"section": "changes"}
    titles = {lang: head.page_meta(data.package(), "targets", lang, query).title for lang in ("en", "vi")}
    assert titles["en"].startswith("What the 2026 adjustment changed · ") and titles["vi"] != titles["en"]
    page.goto(server.url + "/targets?lang=en&section=changes")
    wait_ready(page)
    assert page.title() == titles["en"]
    page.locator('.ls-lang a[hreflang="vi"]').click()
    page.wait_for_function("(t) => document.title === t", arg=titles["vi"], timeout=15_000)
