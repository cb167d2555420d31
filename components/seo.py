"""What a page says about itself before any script runs: title, description, canonical and language alternates.

Pure: ``PageMeta`` in, escaped ``<head>`` markup out. The static edition writes these tags into every page;
the app's own first view can use the same builder (extend :func:`head_tags` with Open Graph tags there, and
every static page gets them too). Addresses are absolute, from ``PLAN_PUBLIC_URL`` (the public site), as
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
    return "\n".join(tags)
