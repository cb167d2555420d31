"""What a page says about itself before any script runs: title, description, canonical and language alternates.

Pure: ``PageMeta`` in, escaped ``<head>`` markup out, for both editions: the static pages
(``components.static_site``) and the app's own first view (``components.head``). With a preview image, the
tags include Open Graph and Twitter cards, so a link pasted into a chat shows the page's title, description and
image in its language. Addresses are absolute, from ``PLAN_PUBLIC_URL`` (the public site) or the request, as
search engines and link previews want them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from html import escape

PUBLIC_URL_ENV = "PLAN_PUBLIC_URL"  # e.g. https://plan.example.vn/ (also the kiosk's QR code target)
DEFAULT_PUBLIC_URL = "http://localhost:8501/"


def public_url() -> str:
    """The public site's address, ending in ``/``."""
    url = (os.environ.get(PUBLIC_URL_ENV) or DEFAULT_PUBLIC_URL).strip()
    return url if url.endswith("/") else url + "/"


def absolute(path: str, base: str | None = None) -> str:
    """``/vi/tourism/`` → ``https://plan.example.vn/vi/tourism/``."""
    return (base or public_url()).rstrip("/") + path


@dataclass(frozen=True)
class PageMeta:
    """One page in one language: ``path`` is site-relative; ``alternates`` maps each language to its path."""

    lang: str
    title: str
    description: str
    path: str
    alternates: dict = field(default_factory=dict)
    default_lang: str = "vi"
    site_name: str = ""
    image: str = ""        # site-relative path of the 1200×630 preview (components.previews)
    image_alt: str = ""


OG_LOCALES = {"vi": "vi_VN", "en": "en_GB"}


def head_tags(meta: PageMeta, base: str | None = None) -> str:
    """``<title>``, description, canonical and ``hreflang`` alternates (``x-default``: Vietnamese)."""
    tags = [f"<title>{escape(meta.title)}</title>",
            f'<meta name="description" content="{escape(meta.description)}">',
            f'<link rel="canonical" href="{escape(absolute(meta.path, base))}">']
    for lang, path in meta.alternates.items():
        tags.append(f'<link rel="alternate" hreflang="{escape(lang)}" href="{escape(absolute(path, base))}">')
    if meta.default_lang in meta.alternates:
        tags.append(f'<link rel="alternate" hreflang="x-default" '
                    f'href="{escape(absolute(meta.alternates[meta.default_lang], base))}">')
    if meta.image:
        tags += preview_tags(meta, base)
    return "\n".join(tags)


def preview_tags(meta: PageMeta, base: str | None = None) -> list[str]:
    """Open Graph and Twitter card tags: what a chat app or a social network shows for a pasted link."""
    image = absolute(meta.image, base)
    og = [("type", "website"), ("site_name", meta.site_name), ("title", meta.title),
          ("description", meta.description), ("url", absolute(meta.path, base)),
          ("locale", OG_LOCALES.get(meta.lang, meta.lang)),
          *[("locale:alternate", OG_LOCALES.get(c, c)) for c in meta.alternates if c != meta.lang],
          ("image", image), ("image:type", "image/png"), ("image:width", "1200"), ("image:height", "630"),
          ("image:alt", meta.image_alt or meta.title)]
    twitter = [("card", "summary_large_image"), ("title", meta.title), ("description", meta.description),
               ("image", image), ("image:alt", meta.image_alt or meta.title)]
    return ([f'<meta property="og:{k}" content="{escape(v)}">' for k, v in og if v]
            + [f'<meta name="twitter:{k}" content="{escape(v)}">' for k, v in twitter])
