"""Shared fixtures: the validated package, and broken copies of it."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from components import data  # noqa: E402


@pytest.fixture(scope="session")
def pkg() -> data.Package:
    return data.read_package()


@pytest.fixture(autouse=True)
def fresh_layouts():
    """Each test builds the pages it draws (a test may replace a builder): the app keeps each page's layout
    for the process (widgets.page_layout)."""
    from components import widgets

    widgets._LAYOUTS.clear()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of data/ to break on purpose."""
    target = tmp_path / "data"
    shutil.copytree(data.DATA_DIR, target)
    return target


def app_links(at) -> list[tuple[str, dict[str, str]]]:
    """The links to app pages in an AppTest page's HTML blocks (``/commune?lang=vi&unit=06385``), as (slug,
    query), in order: the page lists, search results and pagers are plain links (static/js/soft-links.js)."""
    import re
    from html import unescape
    from urllib.parse import parse_qsl, urlsplit

    from components import site

    slugs = {slug for _p, _t, slug in site.PAGES + site.HIDDEN_PAGES}
    out = []
    for e in at.get("html"):
        for href in re.findall(r'href="([^"]*)"', e.proto.body):
            url = urlsplit(unescape(href))
            if not url.scheme and url.path.startswith("/") and url.path.strip("/") in slugs:
                out.append((url.path.strip("/"), dict(parse_qsl(url.query, keep_blank_values=True))))
    return out


def html_headings(at, level: int) -> list[str]:
    """The headings of one level that an AppTest page drew inside its HTML blocks (``components.block_html``
    writes a page's runs of headings and text as one ``st.html`` element), in order, as text."""
    import re
    from html import unescape

    return [unescape(m) for e in at.get("html")
            for m in re.findall(rf"<h{level}(?: [^>]*)?>(.*?)</h{level}>", e.proto.body)]


def chips(at, param: str) -> list[dict]:
    """The chips (``render.chip_links``) of ``?param=`` that an AppTest page drew, in order: each one's text,
    whether it is chosen, the value it sets ("" drops the parameter) and its address (as a dict)."""
    import re
    from html import unescape
    from urllib.parse import parse_qsl

    out = []
    for e in at.get("html"):
        for href, sets, current, text in re.findall(
                r'<a class="ls-chip" href="\?([^"]*)" data-ls-set="([^"]*)"( aria-current="true")?>([^<]*)</a>',
                e.proto.body):
            name, _eq, value = unescape(sets).partition("=")
            if name == param:
                out.append({"text": unescape(text), "on": bool(current), "value": value,
                            "query": dict(parse_qsl(unescape(href)))})
    return out


def follow_chip(at, param: str, text: str):
    """What following a chip does in the browser (static/js/soft-links.js): the address as it is, with the
    chip's value set (or the parameter dropped); the page runs again."""
    chip = next(c for c in chips(at, param) if c["text"] == text)
    if chip["value"]:
        at.query_params[param] = chip["value"]
    else:
        at.query_params.pop(param, None)
    return at.run()
