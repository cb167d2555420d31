"""Downloads in a real browser: the chart exports and the full data zip (the static edition's files, linked from
the app) arrive with their names."""

from __future__ import annotations

import zipfile

import pytest

from tests.e2e.conftest import wait_ready


@pytest.mark.parametrize(("lang", "png", "csv"), [
    ("vi", "Ảnh PNG", "Dữ liệu CSV"),
    ("en", "PNG image", "CSV data"),
])
def test_chart_png_and_csv_download_on_the_targets_page(server, page, tmp_path, lang, png, csv):
    page.goto(f"{server.url}/targets?lang={lang}")
    wait_ready(page)
    for label, name in ((png, f"lang-son-grdp-structure-2030-{lang}.png"),
                        (csv, f"lang-son-grdp-structure-2030-{lang}.csv")):
        with page.expect_download(timeout=60_000) as info:
            page.get_by_role("link", name=label).first.click()
        download = info.value
        assert download.suggested_filename == name
        path = tmp_path / name
        download.save_as(path)
        assert path.stat().st_size > 500
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")


def test_full_data_zip_downloads_on_the_sources_page(server, page, tmp_path):
    page.goto(f"{server.url}/sources?lang=en")
    wait_ready(page)
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("link", name="Download all the data").click()
    download = info.value
    assert download.suggested_filename == "lang-son-plan-data.zip"
    path = tmp_path / "data.zip"
    download.save_as(path)
    with zipfile.ZipFile(path) as z:
        assert "lang-son-plan-data/datapackage.json" in z.namelist()
        assert "lang-son-plan-data/CITATION-LICENCE.txt" in z.namelist()


@pytest.mark.parametrize(("slug", "lang", "png", "svg", "title"), [
    ("urban-system", "vi", "Bản đồ dạng ảnh PNG", "Bản đồ dạng ảnh SVG", "Bản đồ hệ thống đô thị"),
    ("border-gates", "en", "Map as PNG image", "Map as SVG image", "Map of the border gates"),
])
def test_map_png_and_svg_download_beside_the_map(server, page, tmp_path, slug, lang, png, svg, title):
    """Issue #14: the map as a journalist's file, named like the chart exports, in the page's language."""
    from PIL import Image

    page.goto(f"{server.url}/{slug}?lang={lang}")
    wait_ready(page)
    stem = "urban-system" if slug == "urban-system" else "border-gates"
    for label, name in ((png, f"lang-son-map-{stem}-{lang}.png"), (svg, f"lang-son-map-{stem}-{lang}.svg")):
        with page.expect_download(timeout=60_000) as info:
            page.get_by_role("link", name=label).click()
        download = info.value
        assert download.suggested_filename == name
        path = tmp_path / name
        download.save_as(path)
    with Image.open(tmp_path / f"lang-son-map-{stem}-{lang}.png") as image:
        assert image.format == "PNG" and image.width == 1520
    assert title in (tmp_path / f"lang-son-map-{stem}-{lang}.svg").read_text(encoding="utf-8")
