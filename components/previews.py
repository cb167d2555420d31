"""Link-preview images: 1200×630 PNGs made offline, one per page and language, and one per selection a page
can be shared with (a commune, a domain, a point of the maps, a part of the decision).

A chat app or a search engine shows the page's own title and description in its language on a
card with the plan's name and the decision it follows. Drawn with Pillow and the Be Vietnam Pro
fonts the chart exports already ship (full Vietnamese coverage), so nothing is fetched. The words
come from :func:`components.head.page_meta`: one source for the head tags and the image.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from components import head, i18n
from components.data import Package
from components.i18n import N_

SIZE = (1200, 630)
GREEN, INK, PAPER, MUTED = (11, 93, 67), (27, 42, 36), (251, 250, 247), (61, 82, 73)
FOOTER = N_("Decision 339/QĐ-UBND of 28 February 2026 · every figure with its source")


@functools.cache
def _font(weight: str, size: int) -> ImageFont.FreeTypeFont:
    import fontpkg_be_vietnam_pro

    path = Path(fontpkg_be_vietnam_pro.__file__).parent / "files" / f"BeVietnamPro-{weight}.ttf"
    return ImageFont.truetype(str(path), size)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int,
          max_lines: int) -> list[str]:
    """Whole words per line within ``width`` px; a last line that cannot hold the rest ends with "…"."""
    lines: list[str] = []
    words = text.split()
    while words and len(lines) < max_lines:
        line = words.pop(0)
        while words and draw.textlength(f"{line} {words[0]}", font=font) <= width:
            line = f"{line} {words.pop(0)}"
        lines.append(line)
    if words and lines:
        last = lines[-1]
        while last and draw.textlength(last + " …", font=font) > width:
            last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
        lines[-1] = last + " …"
    return lines


def card(title: str, description: str, lang: str) -> bytes:
    """One preview card as PNG bytes."""
    image = Image.new("RGB", SIZE, PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, SIZE[0], 18), fill=GREEN)
    draw.rectangle((0, SIZE[1] - 92, SIZE[0], SIZE[1]), fill=GREEN)
    margin, width = 72, SIZE[0] - 144
    y = 64
    site = i18n.translate(head.SITE_NAME, lang)
    draw.text((margin, y), site, font=_font("SemiBold", 30), fill=GREEN)
    y += 70
    title_font = _font("Bold", 64)
    for line in _wrap(draw, title, title_font, width, 3):
        draw.text((margin, y), line, font=title_font, fill=INK)
        y += 80
    y += 14
    body_font = _font("Regular", 30)
    room = max(1, (SIZE[1] - 120 - y) // 42)
    for line in _wrap(draw, description, body_font, width, min(room, 4)):
        draw.text((margin, y), line, font=body_font, fill=MUTED)
        y += 42
    footer_font = _font("Medium", 26)
    footer = _wrap(draw, i18n.translate(FOOTER, lang), footer_font, width, 1)[0]
    draw.text((margin, SIZE[1] - 62), footer, font=footer_font, fill=(255, 255, 255))
    out = io.BytesIO()
    # Four colours and their anti-aliased edges: a 32-colour palette looks the same at a third of the bytes.
    image.quantize(colors=32, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        out, format="PNG", optimize=True)
    return out.getvalue()


def page_card(pkg: Package, slug: str, lang: str, unit_code: str | None = None) -> bytes:
    """The preview of one page (or one commune's profile) in one language."""
    meta = head.page_meta(pkg, slug, lang, {"unit": unit_code} if unit_code else None)
    return card(meta.image_alt, meta.image_text, lang)


def all_metas(pkg: Package) -> list[head.Meta]:
    """A page head for every preview a head can name, in each language: each page, each commune or ward,
    each domain of the targets, each kind of data note, each part of a long page, each point of the maps and each
    part of the decision."""
    from components import content, layouts, maps, reader

    slugs = [slug for _p, _t, slug in head.site.PAGES + head.site.HIDDEN_PAGES]
    selections = ([(slug, {}) for slug in slugs]
                  + [("commune", {"unit": code}) for code in pkg["admin_units"]["code"]]
                  + [("targets", {"domain": key}) for key, _name in content.DOMAINS]
                  + [("sources", {"notes": kind})
                     for kind in [k for k, _n, _c in content.note_kinds(pkg, "en")] + [layouts.EVERY_SECTION]]
                  + [(slug, {key: value}) for slug, (key, named) in content.PARTS.items() for value, _t in named]
                  + [("urban-system", {"item": item}) for item in sorted(maps.point_ids(pkg))]
                  + [("plan", {"s": part}) for part in reader.PARTS])
    return [head.page_meta(pkg, slug, lang, query) for lang in i18n.LANGS for slug, query in selections]


def write_all(pkg: Package, site_root: Path) -> list[Path]:
    """Write every preview where its head links it (``site_root`` + ``/assets/og/…``); returns the files."""
    written = []
    for meta in all_metas(pkg):
        path = site_root / meta.image_path.lstrip("/")
        if path in written:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(card(meta.image_alt, meta.image_text, meta.lang))
        written.append(path)
    return written
