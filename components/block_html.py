"""The text blocks of a layout (headings, captions, labels, our Markdown subset, rows) as HTML, one way for
every edition: the static pages write them in place, and the app draws each run of them as one ``st.html``
element (one element instead of a dozen: Streamlit's per-element rendering is what keeps a phone busy). A
collapsed section of nothing but text is a ``<details>`` in both.

Every value is escaped here or in :mod:`components.render`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

from components import layouts, render


def markdown(text: str) -> str:
    """Our own Markdown subset (``**bold**``, ``- `` bullets, ``\\`` escapes) as HTML; everything escaped first."""
    def inline(line: str) -> str:
        plain = re.sub(r"\\(.)", lambda m: f"\x00{ord(m.group(1))}\x00", line)
        out = re.sub(r"\*\*(.+?)\*\*", lambda m: f"<strong>{m.group(1)}</strong>", escape(plain, quote=False))
        return re.sub("\x00(\\d+)\x00", lambda m: escape(chr(int(m.group(1))), quote=False), out)

    lines = [ln for ln in text.split("\n") if ln.strip()]
    if lines and all(ln.startswith("- ") for ln in lines):
        return '<ul class="ls-md">' + "".join(f"<li>{inline(ln[2:])}</li>" for ln in lines) + "</ul>"
    return "".join(f"<p>{inline(ln)}</p>" for ln in lines)


TEXT_BLOCKS = (layouts.Heading, layouts.Caption, layouts.Label, layouts.Markdown, layouts.Rows)


def is_text(b) -> bool:
    """A text block, or a collapsed section of nothing but text blocks (a ``<details>`` needs no widget)."""
    if isinstance(b, layouts.Expander):
        return all(is_text(inner) for inner in b.blocks)
    return isinstance(b, TEXT_BLOCKS)


def text(b, lang: str, link: Callable[[str, str], str] | None = None) -> str | None:
    """A text block (:func:`is_text`) as HTML, or None for any other block. ``link(pid, lang)`` is the edition's
    permalink of a paragraph of the decision, for the rows whose source lines link there (the app's own by
    default)."""
    if not is_text(b):
        return None
    if isinstance(b, layouts.Expander):
        return render.collapsed(b.title, "".join(text(i, lang, link) for i in b.blocks))
    if isinstance(b, layouts.Heading):
        anchor = f' id="{escape(b.anchor)}"' if b.anchor else ""
        return f"<h{b.level}{anchor}>{escape(b.text)}</h{b.level}>"
    if isinstance(b, layouts.Caption):
        return render.caption(b.text)
    if isinstance(b, layouts.Label):
        return f'<p class="ls-label"><strong>{escape(b.text)}</strong></p>'
    if isinstance(b, layouts.Markdown):
        return markdown(b.text)
    if isinstance(b, layouts.Rows):
        linked = {"link": link} if link is not None and b.kind in layouts.LINKED_KINDS else {}
        return render.rows(b.kind, b.rows, lang, **b.options, **linked)
    raise TypeError(f"no HTML for {type(b).__name__}")  # unreachable: is_text names every kind above
