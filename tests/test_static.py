"""The static edition (issue #14): every page in both languages, the same rows as the app, no script, clean
HTML, links that resolve, an exact sitemap, PDFs with their titles, labelled maps, and no half-built site."""

from __future__ import annotations

import functools
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html import escape, unescape
from pathlib import Path

import html5lib
import pytest
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from components import block_html, content, data, i18n, layouts, maps, reader, server, site, static_build, static_site

APP = str(data.ROOT / "app.py")
SCRIPTS = {slug: path for path, _t, slug in site.PAGES}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The site of ``make static`` when it is up to date (``make test`` builds it first), else a fresh one."""
    if not static_build.is_stale(static_build.OUT):
        return static_build.OUT
    out = tmp_path_factory.mktemp("static") / "site"
    static_build.build(out, log=lambda *_: None)
    return out


@pytest.fixture(scope="module")
def pages(pkg) -> list[static_site.Page]:
    return static_site.pages(pkg)


def _html(built: Path, path: str) -> str:
    return (built / path.strip("/") / "index.html").read_text(encoding="utf-8")


def test_every_page_exists_in_both_languages(built, pkg, pages):
    expected = {f"/{lang}/{slug}/" if slug else f"/{lang}/" for lang in ("vi", "en")
                for slug in [*layouts.PAGES, "commune", *(f"commune/{c}" for c, _n in content.unit_choices(pkg)),
                             "plan", *(f"plan/{part.lower()}" for part in reader.PARTS)]}
    assert len(content.unit_choices(pkg)) == 65 and len(reader.PARTS) == 15
    assert {p.path for p in pages} == expected
    for path in expected:
        assert (built / path.strip("/") / "index.html").is_file(), path


def _app_html(slug: str, lang: str, query: dict[str, str] | None = None) -> list[str]:
    """The HTML of every ``st.html`` block the app page draws (every section of a closed choice open: the data
    notes, all shown on the static page), with ``query`` in the address."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    if slug == "sources":
        at.query_params["notes"] = layouts.EVERY_SECTION
    at.query_params.update(query or {})
    at.run()
    if slug:
        at.switch_page(SCRIPTS[slug]).run()
    assert not at.exception
    return [e.proto.body for e in at.get("html")]


def _paragraph_links(html: str) -> str:
    """Links to the reader go there in each edition's own way (the app's ``/plan?p=<id>``, the static
    ``/vi/plan/ii/#<id>``): the same paragraph either way."""
    return re.sub(r'href="/(?:plan\?(?:[^"]*?[&;])?p=|(?:vi|en)/plan/[a-z0-9-]+/#)([a-z0-9-]+)[^"]*"', r'href="¶\1"', html)


ROW_MARKUP = ('<table class="ls-table', '<ul class="ls-items', '<ol class="ls-items', '<div class="ls-kpis',
              '<ul class="ls-chips')


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("slug", list(layouts.PAGES))
def test_static_page_shows_the_same_figures_and_citations_as_its_app_page(built, slug, lang):
    """Every run of headings, text, tables, lists and cards the app page draws, byte for byte, in the static
    page; and the app page links to its twin and its PDF. (The map's point table is the one thing drawn
    differently: the static page lists the same points with their citations, static_map.map_summary, under
    its SVG map; a chart is the same drawing, inline there and an image here, tested with the figures; a
    choice's chips are the app's alone.) A long page's parts, one at a time in the app, are each checked."""
    # The chips of a choice (the targets' domains) are the app's alone: the static page shows every section.
    key, parts = content.PARTS.get(slug, (None, [(None, None)]))
    drawn = [b for value, _title in parts for b in _app_html(slug, lang, {key: value} if value else None)]
    blocks = [re.sub(r'<div class="ls-chips" role="group".*?</ul></div>', "", b) for b in drawn]
    point_table = escape(i18n.translate("Every point on the map, as a table", lang))
    runs = [b for b in blocks if any(m in b for m in ROW_MARKUP) and f">{point_table}</a>" not in b
            and not b.startswith(('<figure class="ls-chart"',  # charts: below
                                  '<div class="ls-cols"><div class="ls-w1"><figure class="ls-chart"'))]
    assert runs, "the app page drew no rows"
    links = next(b for b in blocks if b.startswith('<nav class="ls-editions"'))
    assert f'href="{site.static_path(lang, slug)}"' in links and f'href="{site.pdf_path(lang, slug)}"' in links
    html = _paragraph_links(_html(built, site.static_path(lang, slug)))
    missing = [r[:120] for r in runs if _paragraph_links(r) not in html]
    assert missing == []


def test_a_commune_page_shows_the_profile_of_my_commune(built, pkg):
    unit = content.unit_by_code(pkg, content.unit_choices(pkg)[0][0])
    html = _html(built, site.static_path("en", f"commune/{unit['code']}"))
    for sec in content.unit_profile(pkg, unit["id"], "en"):
        assert unescape(sec["title"]) in unescape(html)
        for item in sec["items"]:
            assert item["cite"].quote.replace("\n", " ")[:40] in unescape(html)


def test_no_page_needs_a_script(built):
    for path in built.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "<script" not in text.lower(), path
        assert not re.search(r"\son[a-z]+\s*=", text), path
        assert "javascript:" not in text.lower(), path


def test_pages_parse_cleanly_with_their_language_and_head_tags(built, pages):
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    for page in pages:
        text = _html(built, page.path)
        tree = parser.parse(text)  # raises on any parse error
        assert tree.get("lang") == page.lang
        head = tree.find("head")
        assert head.find("title").text
        assert head.find("meta[@name='description']").get("content")
        canonical = head.find("link[@rel='canonical']").get("href")
        assert canonical.startswith("http") and canonical.endswith(page.path)
        alternates = {link.get("hreflang"): link.get("href") for link in head.findall("link[@rel='alternate']")}
        assert set(alternates) == {"vi", "en", "x-default"}
        assert alternates[page.lang] == canonical


def test_every_internal_link_resolves(built):
    app_slugs = set(SCRIPTS)
    for path in built.rglob("*.html"):
        for ref in re.findall(r'(?:href|src)="([^"]+)"', path.read_text(encoding="utf-8")):
            ref = unescape(ref)
            if ref.startswith(("http://", "https://", "#")):
                continue
            assert ref.startswith("/"), (path, ref)
            if "?" in ref:  # a page of the app
                assert ref.split("?")[0].strip("/") in app_slugs, (path, ref)
                assert re.search(r"[?&]lang=(vi|en)\b", ref), (path, ref)
            else:
                target, _hash, anchor = ref.partition("#")
                found = server.resolve(built, target)
                assert found is not None, (path, ref)
                if anchor:  # a paragraph's permalink: the paragraph is on that page
                    assert f'id="{anchor}"' in _ids(found), (path, ref)


@functools.cache
def _ids(page: Path) -> str:
    return " ".join(re.findall(r'\bid="[^"]+"', page.read_text(encoding="utf-8")))


def test_sitemap_lists_exactly_the_pages_that_exist(built):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [e.text for e in ET.parse(built / "sitemap.xml").getroot().findall("s:url/s:loc", ns)]
    assert len(locs) == len(set(locs))
    paths = {re.sub(r"^https?://[^/]+", "", loc) for loc in locs}
    static = {p for p in paths if "?" not in p}
    on_disk = {"/" + idx.parent.relative_to(built).as_posix() + "/" for idx in built.rglob("index.html")}
    assert static == on_disk
    assert paths - static == {site.app_path(lang, slug) for lang in ("vi", "en") for slug in SCRIPTS}
    robots = (built / "robots.txt").read_text()
    assert re.search(r"^Sitemap: https?://\S+/sitemap\.xml$", robots, re.M)


def test_unknown_addresses_get_the_bilingual_404(built):
    text = (built / "404.html").read_text(encoding="utf-8")
    assert "Không có trang này" in text and "This page does not exist" in text
    assert 'href="/?lang=vi"' in text and 'href="/?lang=en"' in text  # the app, for an app address
    assert server.resolve(built, "/vi/no-such-page/") is None
    assert server.resolve(built, "/vi/../../etc/passwd") is None
    assert server.resolve(built, "/en/tourism/") == built / "en" / "tourism" / "index.html"


def test_pdf_briefs_open_with_their_titles_sources_and_embedded_fonts(built, pages):
    briefs = [p for p in pages if p.pdf]
    assert len(briefs) == 2 * len(layouts.PAGES)
    for page in briefs:
        reader = PdfReader(built / page.path.strip("/") / site.pdf_name(page.slug, page.lang))
        title = layouts.title_of(page.blocks)
        assert reader.metadata.title == title
        text = " ".join(reader.pages[0].extract_text().split())
        assert " ".join(title.split()) in text
        last = " ".join(" ".join(pg.extract_text() for pg in reader.pages[-2:]).split())
        assert ("Quyết định số 339/QĐ-UBND" if page.lang == "vi" else "Decision No. 339/QĐ-UBND") in last
        assert ("23/11/2026" if page.lang == "vi" else "23 November 2026") in last
        fonts = [f.get_object() for pg in reader.pages[:2] for f in pg["/Resources"]["/Font"].values()]
        for font in fonts:
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font


def _svg_text(html: str) -> str:
    svg = re.search(r"<svg\b.*?</svg>", html, re.S).group(0)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", svg)).split())


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_map_svgs_name_every_urban_area_and_priority_gate(built, pkg, lang):
    urban = _svg_text(_html(built, site.static_path(lang, "urban-system")).split('class="ls-mapfig"')[1])
    labels = maps.layer_points(pkg, lang)["urban"]["label"]  # the interactive map's labels
    assert len(labels) == len(pkg["urban_areas"]) == 13
    for name in labels:
        assert " ".join(name.split()) in urban, name
    gates = _svg_text(_html(built, site.static_path(lang, "border-gates")).split('class="ls-mapfig"')[1])
    crossings = pkg["border_crossings"]
    for name in crossings[crossings["priority_id"].notna()][f"name_{lang}"]:
        assert " ".join(name.split()) in gates, name


def test_a_broken_data_file_stops_the_build_and_keeps_the_previous_site(tmp_path, data_copy):
    path = data_copy / "targets.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",bn_vnd,", ",furlong,", 1), encoding="utf-8")
    out = tmp_path / "site"
    (out / "vi").mkdir(parents=True)
    (out / "vi" / "index.html").write_text("previous site")
    result = subprocess.run([sys.executable, "-m", "components.static_build", "--out", str(out)], cwd=data.ROOT,
                            capture_output=True, text=True, env={"PATH": "", data.DATA_DIR_ENV: str(data_copy)},
                            timeout=120)
    assert result.returncode == 1
    assert "targets.csv:2:unit: unknown value 'furlong'" in result.stderr
    assert (out / "vi" / "index.html").read_text() == "previous site"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "site"]  # no half-built folder left


def test_the_build_is_stale_only_when_an_input_changes(tmp_path, monkeypatch):
    out = tmp_path / "site"
    assert static_build.is_stale(out)
    out.mkdir()
    (out / static_build.STAMP).write_text(static_build.inputs_hash() + "\n")
    assert not static_build.is_stale(out)
    monkeypatch.setenv("PLAN_PUBLIC_URL", "https://plan.example.vn/")
    assert static_build.is_stale(out)


def test_head_tags_escape_and_are_absolute():
    from components import seo

    tags = seo.head_tags(seo.PageMeta("en", 'A <b> & "c"', "d<", "/en/x/", {"vi": "/vi/x/", "en": "/en/x/"}),
                         base="https://plan.example.vn/")
    assert "<title>A &lt;b&gt; &amp; &quot;c&quot;</title>" in tags and 'content="d&lt;"' in tags
    assert '<link rel="canonical" href="https://plan.example.vn/en/x/">' in tags
    assert '<link rel="alternate" hreflang="x-default" href="https://plan.example.vn/vi/x/">' in tags


def test_markdown_subset_escapes_everything():
    assert block_html.markdown("- **a** <b>\n- c\\*") == '<ul class="ls-md"><li><strong>a</strong> &lt;b&gt;</li><li>c*</li></ul>'
    assert block_html.markdown("x **<i>**") == "<p>x <strong>&lt;i&gt;</strong></p>"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_reader_has_every_paragraph_once_on_its_parts_page(built, pkg, lang):
    """Issue #16 on the static edition: the decision's contents, then one page per part holding each of that
    part's paragraphs (an anchor of its own) in both languages, with the pages before and after it."""
    contents = _html(built, f"/{lang}/plan/")
    seen = []
    for part in reader.PARTS:
        path = static_site.plan_part_path(lang, part)
        assert f'href="{path}#' in contents, part
        html = _html(built, path)
        ids = re.findall(r'<section id="([a-z0-9-]+)" class="ls-para', html)
        assert ids == [p["id"] for p in reader.paragraphs(pkg) if p["part"] == part]
        seen += ids
        text = unescape(html)
        for p in reader.paragraphs(pkg):
            if p["part"] == part:
                assert p["text_vi"] in text and p["text_en"] in text, p["id"]
        assert f'href="{site.app_path(lang, "plan", {"s": part})}"'.replace("&", "&amp;") in html
        before, after = reader.neighbours(part)
        for near, rel in ((before, "prev"), (after, "next")):
            if near:
                assert f'<a rel="{rel}" href="{static_site.plan_part_path(lang, near)}">' in html
    assert len(seen) == len(set(seen)) == len(pkg["plan_paragraphs"])


def test_the_app_reader_links_to_the_static_part(pkg):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "en"
    at.query_params["s"] = "V"
    at.run()
    at.switch_page(SCRIPTS["plan"]).run()
    assert not at.exception
    links = next(e.proto.body for e in at.get("html") if e.proto.body.startswith('<nav class="ls-editions"'))
    assert 'href="/en/plan/v/"' in links


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_chart_exports_sit_beside_the_targets_page_and_both_editions_link_them(built, pkg, lang):
    """A chart's PNG, SVG and CSV are files of the static edition, made by the exports' builders; the static
    page and the app page (each of its parts) link the same files (no download widget in the app)."""
    from components import exports

    key, parts = content.PARTS["targets"]
    app = ""
    for value, _title in parts:
        at = AppTest.from_file(APP, default_timeout=60)
        at.query_params["lang"] = lang
        at.query_params[key] = value
        at.run()
        at.switch_page(SCRIPTS["targets"]).run()
        assert not at.exception and not at.get("download_button")
        app += "".join(e.proto.body for e in at.get("html"))
    page = _html(built, site.static_path(lang, "targets"))
    items = content.target_charts(pkg, lang)
    assert len(items) == 4
    for item in items:
        for fmt in exports.EXPORT_FORMATS:
            href = site.static_path(lang, "targets") + exports.file_name(item.slug, lang, fmt)
            assert f'<a href="{href}" download>' in page and f'<a href="{href}" download>' in app, href
        folder = built / lang / "targets"
        assert (folder / exports.file_name(item.slug, lang, "csv")).read_bytes() == exports.csv(item.rows)
        assert (folder / exports.file_name(item.slug, lang, "png")).read_bytes().startswith(b"\x89PNG")
        assert item.title in (folder / exports.file_name(item.slug, lang, "svg")).read_text(encoding="utf-8")
    # The app's chart pictures are files of the static edition too, loaded when they near the screen.
    # (The charts above the parts are on each part: counted once.)
    pictures = set(re.findall(r'<img src="([^"]+)" width="[\d.]+" height="[\d.]+" alt="[^"]*" loading="lazy"', app))
    assert len(pictures) == sum(2 if item.narrow is not None else 1 for item in items) >= 4
    for src in pictures:
        svg = (built / src.lstrip("/")).read_text(encoding="utf-8")
        assert src.startswith(site.static_path(lang, "targets")) and svg.startswith("<svg") and "<text" in svg
