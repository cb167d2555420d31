"""Write the static edition: ``python -m components.static_build [--if-stale] [--out DIR] [--no-pdf]``.

Reads and validates the data once, then writes every page of ``components.static_site`` in both languages,
the PDF briefs (``components.pdf``), hashed assets (``/assets/``: the stylesheet, Be Vietnam Pro subsets, the
icon, the link-preview cards of ``components.previews`` for both editions), the data download, ``/sitemap.xml``, ``/robots.txt`` and the bilingual ``/404.html``; text files also
pre-compressed (``.gz``, ``.br``) for nginx. Everything is written into a temporary folder beside the output
and swapped in at the end, so a failed build (a broken data file: ``file:row:column: problem`` on stderr,
exit status 1) leaves the previous site as it was, never half a site.

``--if-stale`` does nothing when the inputs (data, catalogs, code, styles, the public address) hash to the
value recorded by the last build.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import os
import shutil
import sys
import time
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from components import data, exports, figures, layouts, seo, site, static_site
from components import previews as preview_cards

ROOT = site.ROOT
OUT = ROOT / "build" / "site"
CACHE = ROOT / "build" / ".cache"
STAMP = ".build-stamp"
INPUTS = ("data", "locales", "components", "static/css", "static/site", "requirements.txt")
COMPRESS = (".html", ".css", ".svg", ".xml", ".txt")
SITE_CSS = ("common.css", "site.css", "reader.css")  # in static/css/; common.css and reader.css the app's too
FONT_WEIGHTS = {400: "BeVietnamPro-Regular.ttf", 700: "BeVietnamPro-Bold.ttf"}
# Latin, Latin-1, Latin Extended-A/B (ơ, ư), combining marks, Vietnamese, punctuation, ₫, arrows, ≈ ≥ ≤.
FONT_UNICODES = ("U+0020-007E,U+00A0-024F,U+0300-0323,U+1EA0-1EF9,U+2000-206F,U+20AB,U+20AC,U+2190-2193,"
                 "U+2212,U+2248,U+2264,U+2265")


def inputs_hash() -> str:
    """A hash of everything the site is made from; the build is stale when it changes."""
    h = hashlib.sha256()
    data_dir = Path(os.environ.get(data.DATA_DIR_ENV) or data.DATA_DIR)
    roots = [data_dir] + [ROOT / p for p in INPUTS if p != "data"]
    for root in roots:
        files = sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts) \
            if root.is_dir() else [root]
        for path in files:
            h.update(path.as_posix().encode())
            h.update(path.read_bytes())
    h.update(seo.public_url().encode())
    h.update(str(_static_map() is not None).encode())
    return h.hexdigest()[:16]


def is_stale(out: Path = OUT) -> bool:
    stamp = out / STAMP
    return not stamp.is_file() or stamp.read_text().strip() != inputs_hash()


def _static_map():
    """The static map renderer (components.static_map), when this checkout has it."""
    try:
        from components import static_map
    except ImportError:
        return None
    return static_map


def _hashed(folder: Path, stem: str, ext: str, content: bytes) -> str:
    name = f"{stem}.{hashlib.sha256(content).hexdigest()[:10]}.{ext}"
    (folder / name).write_bytes(content)
    return f"/assets/{name}"


def _font(weight: int) -> bytes:
    """A woff2 subset of Be Vietnam Pro (Latin and Vietnamese), cached between builds."""
    import fontpkg_be_vietnam_pro

    source = Path(fontpkg_be_vietnam_pro.__file__).parent / "files" / FONT_WEIGHTS[weight]
    key = hashlib.sha256(source.read_bytes() + FONT_UNICODES.encode()).hexdigest()[:16]
    cached = CACHE / f"font-{weight}-{key}.woff2"
    if not cached.is_file():
        from fontTools import subset

        CACHE.mkdir(parents=True, exist_ok=True)
        options = subset.Options()
        options.flavor = "woff2"
        options.layout_features = ["kern", "liga", "ccmp", "mark", "mkmk", "locl"]
        font = subset.load_font(str(source), options)
        sub = subset.Subsetter(options)
        sub.populate(unicodes=subset.parse_unicodes(FONT_UNICODES))
        sub.subset(font)
        tmp = cached.with_suffix(".tmp")
        subset.save_font(font, str(tmp), options)
        tmp.replace(cached)
    return cached.read_bytes()


def write_assets(target: Path) -> static_site.Assets:
    folder = target / "assets"
    folder.mkdir(parents=True)
    fonts = tuple((_hashed(folder, f"be-vietnam-pro-{w}", "woff2", _font(w)), w) for w in FONT_WEIGHTS)
    faces = "".join(
        f'@font-face {{ font-family: "Be Vietnam Pro"; font-style: normal; font-weight: {w}; font-display: optional; '
        f'src: url("{path}") format("woff2"); unicode-range: {FONT_UNICODES}; }}\n' for path, w in fonts)
    css_dir = ROOT / "static" / "css"
    css = faces + "".join((css_dir / name).read_text(encoding="utf-8") for name in SITE_CSS)
    icon = _hashed(folder, "icon", "svg", (ROOT / "static" / "site" / "icon.svg").read_bytes())
    return static_site.Assets(css=_hashed(folder, "site", "css", css.encode("utf-8")), fonts=fonts,
                              maps=_static_map(), icon=icon)


def write_map_downloads(folder: Path, page: static_site.Page, pkg, smap) -> int:
    """The page's maps as PNG and SVG downloads (title, legend and sources baked in), beside the page."""
    count = 0
    for block in layouts.walk(page.blocks):
        if isinstance(block, layouts.Map) and block.kind != "unit":
            (folder / smap.download_name(block.kind, page.lang, "svg")).write_text(
                smap.map_svg(pkg, page.lang, block.kind, layers=block.layers, for_download=True), encoding="utf-8")
            (folder / smap.download_name(block.kind, page.lang, "png")).write_bytes(
                smap.map_png(pkg, page.lang, block.kind, layers=block.layers))
            count += 2
    return count


def write_chart_downloads(folder: Path, page: static_site.Page) -> int:
    """The page's charts as PNG, SVG and CSV downloads (both editions link to them), and as the pictures the
    app's page shows (``figures.picture_files``), beside the page."""
    count = 0
    for block in layouts.walk(page.blocks):
        if isinstance(block, layouts.Chart):
            for fmt in exports.EXPORT_FORMATS:
                (folder / exports.file_name(block.item.slug, page.lang, fmt)).write_bytes(
                    exports.chart_file(block.item, page.lang, fmt))
                count += 1
            for name, svg in figures.picture_files(block.item, page.lang):
                (folder / name).write_bytes(svg)
                count += 1
    return count


def sitemap(paths: list[str], base: str) -> str:
    """Every static page and every app page, in both languages, as absolute addresses."""
    app = [site.app_path(lang, slug) for lang in site.STATIC_LANGS for _p, _t, slug in site.PAGES]
    urls = "".join(f"<url><loc>{xml_escape(seo.absolute(p, base))}</loc></url>\n" for p in paths + app)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}</urlset>\n')


def robots(base: str) -> str:
    return ("User-agent: *\nAllow: /\nDisallow: /_stcore/\nDisallow: /media/\n\n"
            f"Sitemap: {seo.absolute('/sitemap.xml', base)}\n")


def _compress(target: Path) -> None:
    import brotli

    for path in target.rglob("*"):
        if path.suffix in COMPRESS and path.is_file():
            raw = path.read_bytes()
            path.with_name(path.name + ".gz").write_bytes(gzip.compress(raw, 9, mtime=0))
            path.with_name(path.name + ".br").write_bytes(brotli.compress(raw, quality=11))


def build(out: Path = OUT, *, pdf: bool = True, base: str | None = None, log=print) -> dict:
    """Build the whole site into ``out`` (swapped in at the end); returns counts and the time taken."""
    started = time.monotonic()
    base = base or seo.public_url()
    pkg = data.read_package(Path(os.environ.get(data.DATA_DIR_ENV) or data.DATA_DIR))  # DataError: nothing written
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.parent / f".{out.name}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        assets = write_assets(tmp)
        pages = static_site.pages(pkg)
        paths = []
        pdfs = 0
        for page in pages:
            folder = tmp / page.path.strip("/")
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "index.html").write_text(static_site.document(page, pkg, assets, base), encoding="utf-8")
            paths.append(page.path)
            if assets.maps is not None and page.pdf:
                write_map_downloads(folder, page, pkg, assets.maps)
            write_chart_downloads(folder, page)
            if pdf and page.pdf:
                from components import pdf as briefs

                (folder / site.pdf_name(page.slug, page.lang)).write_bytes(briefs.brief(page, pkg, assets))
                pdfs += 1
        (tmp / "404.html").write_text(static_site.not_found(assets), encoding="utf-8")
        (tmp / "sitemap.xml").write_text(sitemap(paths, base), encoding="utf-8")
        (tmp / "robots.txt").write_text(robots(base), encoding="utf-8")
        (tmp / static_site.DATA_ZIP.lstrip("/")).write_bytes(exports.data_zip())
        previews = len(preview_cards.write_all(pkg, tmp))  # the link previews both editions name
        _compress(tmp)
        (tmp / STAMP).write_text(inputs_hash() + "\n")
        old = out.parent / f".{out.name}.old-{os.getpid()}"
        if out.exists():
            out.rename(old)
        tmp.rename(out)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    stats = {"pages": len(paths), "pdfs": pdfs, "previews": previews, "seconds": round(time.monotonic() - started, 1)}
    log(f"Static edition: {stats['pages']} pages, {stats['pdfs']} PDFs, {stats['previews']} link previews in {out} "
        f"({stats['seconds']} s).")
    return stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--if-stale", action="store_true", help="build only when the inputs changed")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF briefs (faster)")
    args = parser.parse_args(argv)
    if args.if_stale and not is_stale(args.out):
        print(f"Static edition up to date ({args.out}).")
        return 0
    try:
        build(args.out, pdf=not args.no_pdf)
    except data.DataError as err:
        print(err, file=sys.stderr)
        print("The static edition was not built; the previous one (if any) is unchanged.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
