"""The browser quality gate: every page, both languages, desktop and phone.

For each page and language: it renders without an exception, console error or failed request; nothing
is requested from anywhere but the server; the text is in the page's language (place names and quoted
originals excepted); axe-core finds no serious or critical WCAG 2.1 A/AA problem; charts have a text
alternative; ``<html lang>`` is right; the keyboard reaches the language switch and the navigation;
at 390×844 nothing scrolls sideways and the navigation opens. Screenshots go to ``artifacts/``.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from components import data, i18n, site
from tests.e2e.conftest import ROOT, wait_ready, wait_title

AXE = Path(pytest.importorskip("axe_playwright_python").__file__).parent / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGES = [slug for _, _, slug in site.PAGES]
# Streamlit's frontend probes these on a deep link and logs two 404s; nothing else may fail.
ALLOWED_404 = re.compile(r"/[a-z-]+/_stcore/(health|host-config)$")
VI_LETTERS = re.compile(r"[ăâđêôơưàáạảãằắặẳẵầấậẩẫèéẹẻẽềếệểễìíịỉĩòóọỏõồốộổỗờớợởỡùúụủũừứựửữỳýỵỷỹ]", re.I)
WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")


def _words(texts) -> set[str]:
    out: set[str] = set()
    for t in texts:
        if isinstance(t, str):
            out.update(w.lower() for w in WORD.findall(t))
    return out


@pytest.fixture(scope="module")
def vocabulary():
    """Words each language may show: its UI catalog, its data columns, and the other language's name."""
    pkg = data.read_package()
    vi_data, en_data = [], []
    for frame in pkg.tables.values():
        for column in frame.columns:
            names = frame[column].dropna().tolist()
            if column.endswith("_vi"):
                vi_data += names
            elif column.endswith("_en"):
                en_data += names
            elif column in ("outlet", "author", "number", "registry_name"):  # proper names, either language
                vi_data += names
                en_data += names
    with (i18n.LOCALES_DIR / "vi" / "LC_MESSAGES" / "messages.po").open("rb") as f:
        catalog = [m for m in read_po(f) if m.id]
    forms = lambda value: [value] if isinstance(value, str) else list(value)  # noqa: E731  plural entries
    vi = _words(vi_data + [s for m in catalog for s in forms(m.string)] + ["English", "GRDP"])
    en = _words(en_data + [s for m in catalog for s in forms(m.id)] + ["Tiếng Việt", "Lạng Sơn"])
    return {"vi": vi, "en": en}


def _visible_text(page) -> str:
    """What a visitor reads or hears: visible text and accessible labels, without icons (aria-hidden)
    and without passages marked as the other language (quoted originals, the other citation)."""
    return page.evaluate("""() => {
        const lang = document.documentElement.lang;
        const skip = `[lang]:not([lang="${lang}"]), [aria-hidden="true"], style, script`;
        const shown = el => el.getClientRects().length > 0 && !el.closest(skip);
        const parts = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            if (n.parentElement && shown(n.parentElement) && n.textContent.trim()) parts.push(n.textContent);
        }
        document.querySelectorAll('[aria-label]').forEach(e => { if (shown(e)) parts.push(e.getAttribute('aria-label')); });
        return parts.join('\\n');
    }""")


def _foreign_words(text: str, lang: str, vocabulary) -> set[str]:
    text = re.sub(r"https?://\S+", " ", text)  # addresses (the share link) are not prose
    words = {w.lower() for w in WORD.findall(text)}
    if lang == "en":  # Vietnamese words: those with Vietnamese letters that no English text of ours uses
        return {w for w in words if VI_LETTERS.search(w) and w not in vocabulary["en"]}
    # English on a Vietnamese page: plain-Latin words that no Vietnamese text of ours uses
    return {w for w in words if len(w) >= 3 and w.isascii() and w not in vocabulary["vi"]}


def _watch(page, server):
    log = {"console": [], "failed": [], "external": []}

    def on_console(msg):
        if msg.type == "error":
            url = (msg.location or {}).get("url", "")
            if not ("404" in msg.text and ALLOWED_404.search(url.split("?")[0])):
                log["console"].append(f"{msg.text} @ {url}")

    def on_response(resp):
        if resp.status >= 400 and not (resp.status == 404 and ALLOWED_404.search(resp.url.split("?")[0])):
            log["failed"].append(f"{resp.status} {resp.url}")

    def on_request(req):
        if not req.url.startswith((server.url, "data:", "blob:")):
            log["external"].append(req.url)

    page.on("console", on_console)
    page.on("response", on_response)
    page.on("requestfailed", lambda req: log["failed"].append(f"failed {req.url} {req.failure}"))
    page.on("request", on_request)
    return log


def _open(page, server, slug: str, lang: str):
    log = _watch(page, server)
    page.goto(f"{server.url}/{slug}?lang={lang}")
    wait_ready(page)
    page.wait_for_timeout(300)  # charts draw after the script ends
    return log


def test_usage_statistics_are_off_in_the_config():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["browser"]["gatherUsageStats"] is False


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("slug", PAGES)
def test_page_passes_the_quality_gate(server, page, artifacts, vocabulary, slug, lang):
    log = _open(page, server, slug, lang)
    name = slug or "overview"
    page.screenshot(path=str(artifacts / "screenshots" / f"{name}-{lang}-desktop.png"), full_page=True)

    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.evaluate("document.documentElement.lang") == lang
    assert log["console"] == []
    assert log["failed"] == []
    assert log["external"] == []

    text = _visible_text(page)
    raw_keys = re.findall(r"(?<![\w.])[a-z]+(?:_[a-z]+)*(?:\.[a-z]+(?:_[a-z]+)*)+(?![\w.])", text)
    raw_keys = [k for k in raw_keys if k.rsplit(".", 1)[-1] not in ("vn", "com", "org", "net")]  # web addresses
    assert raw_keys == [], f"raw message keys: {raw_keys[:5]}"
    assert not re.search(r"{\w+}", text), "an unformatted placeholder"
    foreign = _foreign_words(text, lang, vocabulary)
    assert foreign == set(), f"words of the wrong language on the {lang} page: {sorted(foreign)[:15]}"

    charts = page.locator(".ls-chart img").filter(visible=True)  # the picture that fits, wide or narrow
    for i in range(charts.count()):
        picture = charts.nth(i)
        assert len(picture.get_attribute("alt") or "") > 20, f"chart {i} has no text alternative"
        picture.scroll_into_view_if_needed()  # loaded when it nears the screen (loading="lazy")
        assert picture.evaluate("img => img.decode().then(() => img.naturalWidth > 0, () => false)"), \
            f"chart {i} did not draw"

    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    serious = [f"{v['id']}: {v['help']} ({len(v['nodes'])}×, e.g. {v['nodes'][0]['html'][:120]})"
               for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_keyboard_reaches_the_language_switch_and_the_navigation(server, page, lang):
    _open(page, server, "targets", lang)
    reached = []
    for _ in range(40):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("""() => {
            const e = document.activeElement;
            return [e.getAttribute('role') || e.tagName.toLowerCase(), (e.innerText || '').trim()];
        }"""))
    other = "English" if lang == "vi" else "Tiếng Việt"
    assert ["a", other] in reached, reached
    assert any(role == "a" and text == i18n.gettext_for(lang)("Tourism") for role, text in reached), reached
    page.get_by_role("link", name=other).focus()
    page.keyboard.press("Enter")
    page.wait_for_function("l => document.documentElement.lang === l", arg="en" if lang == "vi" else "vi")


def test_the_keyboard_can_skip_the_list_of_pages(server, page):
    """Streamlit's own "Skip to main content" lands before the list of pages (it is in the main area now): ours,
    shown when it has the focus, leads past it."""
    _open(page, server, "targets", "vi")
    for _ in range(4):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.classList.contains('ls-skip')"):
            break
    skip = page.locator(".ls-top .ls-skip")
    assert skip.evaluate("a => a === document.activeElement"), "the skip link is not among the first stops"
    assert skip.inner_text() == "Bỏ qua danh sách trang"
    box = skip.bounding_box()
    assert box["x"] >= 0 and box["width"] > 0  # seen while it has the focus
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    where = page.evaluate("""() => { const e = document.activeElement;
        return [!!e.closest('.ls-top'), !!e.closest('[data-testid="stMain"]'), e.tagName]; }""")
    assert where[:2] == [False, True], where


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("slug", PAGES)
def test_phone_layout_has_no_sideways_scrolling(server, browser, artifacts, slug, lang):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                  device_scale_factor=2)
    page = context.new_page()
    try:
        _open(page, server, slug, lang)
        page.screenshot(path=str(artifacts / "screenshots" / f"{slug or 'overview'}-{lang}-phone.png"))
        widths = page.evaluate("""() => {
            const main = document.querySelector('[data-testid="stMain"]') || document.scrollingElement;
            return [document.scrollingElement.scrollWidth, window.innerWidth, main.scrollWidth, main.clientWidth];
        }""")
        assert widths[0] <= widths[1] and widths[2] <= widths[3], widths
    finally:
        context.close()


def test_phone_navigation_shows_the_page_and_moves(server, browser):
    """On a phone the list of pages is a row to swipe, with the page shown in view (static/js/nav-strip.js);
    a tap on another moves there, and the page itself does not scroll."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    shown = """() => { const a = document.querySelector('.ls-top .ls-nav a[aria-current="page"]');
        const row = a.closest('ul').getBoundingClientRect(), box = a.getBoundingClientRect();
        return box.left >= row.left && box.right <= row.right; }"""
    try:
        _open(page, server, "urban-system", "en")
        for chrome in ("stSidebar", "stExpandSidebarButton", "stHeader"):  # none of Streamlit's, ours instead
            assert page.get_by_test_id(chrome).filter(visible=True).count() == 0, chrome
        # the sixth of twelve pages lies beyond the row's right edge as drawn: it is brought into view
        page.wait_for_function(shown)
        row = page.evaluate("""() => { const ul = document.querySelector('.ls-top .ls-nav ul');
                                       return [ul.scrollWidth, ul.clientWidth, ul.scrollLeft, window.scrollY]; }""")
        assert row[0] > row[1] and row[2] > 0 and row[3] == 0, row  # the row scrolled, the page did not
        link = page.locator('[data-testid="stMain"] .ls-top .ls-nav a', has_text="Tourism")
        link.scroll_into_view_if_needed()
        link.tap()
        page.wait_for_url("**/tourism**")
        wait_title(page, "Tourism")
        assert "lang=en" in page.url
        assert page.locator('.ls-top .ls-nav a[aria-current="page"]').inner_text() == "Tourism"
        page.wait_for_function(shown)
    finally:
        context.close()
