"""Pure HTML builders for lists and tables of sourced items.

Every value that comes from data is passed through :func:`html.escape` here, so nothing from a
CSV, a URL or a search box is ever interpreted as markup. Pages hand the result to
``widgets.html``. Native ``<details>`` gives "source on demand" without JavaScript.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from urllib.parse import urlencode

from components import i18n


@dataclass(frozen=True)
class Citation:
    """Where a row comes from, ready to show."""

    document: str
    section: str
    quote: str
    paragraph: str | None = None  # id of the decision's paragraph that holds the quote (the reader's permalink)


SECTION_WORDS = {"footnote": i18n.N_("footnote"), "Recipients": i18n.N_("Recipients"),
                 "Preamble": i18n.N_("Preamble"), "Signature": i18n.N_("Signature")}


def format_section(section: str, lang: str) -> str:
    """``Art.1 II.2.b`` → ``Điều 1, mục II.2.b`` / ``Art. 1, section II.2.b``; ``para 3`` → ``đoạn 3``."""
    _ = i18n.gettext_for(lang)
    words = re.compile(r"\b(" + "|".join(SECTION_WORDS) + r")\b")
    local = lambda text: words.sub(lambda m: i18n.translate(SECTION_WORDS[m.group(1)], lang), text)  # noqa: E731
    m = re.fullmatch(r"Art\.\s?(\d+)(?:\s+|,\s*)(.+)", section)
    if m:
        return _("Art. {article}, section {part}").format(article=m.group(1), part=local(m.group(2)))
    m = re.fullmatch(r"Art\.\s?(\d+)", section)
    if m:
        return _("Art. {article}").format(article=m.group(1))
    m = re.fullmatch(r"paras?\s+(.+)", section)
    if m:
        return _("paragraph {number}").format(number=m.group(1))
    return local(section)


def document_label(source: dict, lang: str) -> str:
    """Short citation of a document: ``Quyết định 339/QĐ-UBND (28 tháng 2, 2026)``."""
    _ = i18n.gettext_for(lang)
    issued = source.get("issued")
    if source["kind"] == "decision":
        label = _("Decision {number}").format(number=source["number"])
        if isinstance(issued, dt.date):
            label += f" ({i18n.format_date(issued, lang)})"
        return label
    title = source[i18n.col("title", lang)]
    outlet = source.get("outlet")
    prefix = _("News article: {title}")
    label = title if title.lower().startswith(("news article", "bài báo")) else prefix.format(title=title)
    return label + (f" ({outlet})" if outlet else "")


def citation(row: dict, sources: dict[str, dict], lang: str, paragraph: str | None = None) -> Citation:
    src = sources[row["source_id"]]
    return Citation(document_label(src, lang), format_section(row["section"], lang), row["quote_vi"], paragraph)


def plan_link(pid: str, lang: str) -> str:
    """The app's link to a paragraph of the decision in the reader, from any page of either edition."""
    return f"/plan?{urlencode({'p': pid, 'lang': lang})}"


def source_details(cite: Citation, lang: str, link: Callable[[str, str], str] | None = None) -> str:
    """A collapsed "Source" line that opens on the original Vietnamese wording and, for the decision,
    a link to its paragraph in the reader (``link(pid, lang)``; the app's ``plan?p=…`` by default, the
    static edition passes its own)."""
    _ = i18n.gettext_for(lang)
    label, original = _("Source"), _("Original Vietnamese wording")
    read = ""
    if cite.paragraph:
        href = (link or plan_link)(cite.paragraph, lang)
        text = _("Read the whole paragraph in the decision")
        read = f' · <a class="ls-src-link" href="{escape(href, quote=True)}">{escape(text)}</a>'
    return (
        '<details class="ls-src"><summary>'
        f"{escape(label)}: {escape(cite.document)}, {escape(cite.section)}</summary>"
        f'<blockquote lang="vi">“{escape(cite.quote)}”</blockquote>'
        f"<small>{escape(original)}{read}</small></details>"
    )


def figure_table(rows: list[dict], lang: str, caption: str | None = None,
                 headers: tuple[str, str] | None = None, link: Callable[[str, str], str] | None = None) -> str:
    """Rows of ``{"label", "value", "cite", "note"?}``: label with its source beneath, and the figure.

    An accessible two-column table that turns into stacked cards on phones.
    """
    _ = i18n.gettext_for(lang)
    head_label, head_value = headers or (_("Indicator"), _("Target value"))
    out = ['<table class="ls-table">']
    if caption:
        out.append(f"<caption>{escape(caption)}</caption>")
    out.append(f'<thead><tr><th scope="col">{escape(head_label)}</th>'
               f'<th scope="col">{escape(head_value)}</th></tr></thead><tbody>')
    for r in rows:
        out.append(
            f'<tr><th scope="row">{escape(r["label"])}{source_details(r["cite"], lang, link)}</th>'
            f'<td class="ls-value">{escape(r["value"])}{_note(r.get("note"), lang)}</td></tr>'
        )
    out.append("</tbody></table>")
    return "".join(out)


def kpi_cards(figures: list[dict], lang: str, link: Callable[[str, str], str] | None = None) -> str:
    """Headline figures as cards (``label``, ``value``, ``cite``); values wrap rather than being cut."""
    out = ['<div class="ls-kpis">']
    for f in figures:
        out.append(f'<section class="ls-kpi"><h3>{escape(f["label"])}</h3>'
                   f'<p class="ls-kpi-value">{escape(f["value"])}</p>{source_details(f["cite"], lang, link)}</section>')
    out.append("</div>")
    return "".join(out)


def _note(text: str | None, lang: str) -> str:
    """A data note on a figure, collapsed under a visible marker."""
    if not text:
        return ""
    _ = i18n.gettext_for(lang)
    label = _("Data note")
    return (f'<details class="ls-note"><summary>{escape(label)}</summary>'
            f"<p>{escape(text)}</p></details>")


def item_list(items: list[dict], lang: str, ordered: bool = False,
              link: Callable[[str, str], str] | None = None) -> str:
    """Items of ``{"title", "text", "cite", "meta"?}``: a heading line, the plan's text, its source."""
    tag = "ol" if ordered else "ul"
    out = [f'<{tag} class="ls-items">']
    for it in items:
        title = f"<strong>{escape(it['title'])}</strong>" if it.get("title") else ""
        meta = f' <span class="ls-meta">{escape(it["meta"])}</span>' if it.get("meta") else ""
        text = f"<p>{escape(it['text'])}</p>" if it.get("text") else ""
        out.append(f"<li>{title}{meta}{text}{source_details(it['cite'], lang, link)}</li>")
    out.append(f"</{tag}>")
    return "".join(out)


def chips(names: list[str], label: str) -> str:
    """A compact, labelled list of names (communes of a zone, places on an axis)."""
    inner = "".join(f"<li>{escape(n)}</li>" for n in names)
    return f'<ul class="ls-chips" aria-label="{escape(label)}">{inner}</ul>'


def version_table(rows: list[dict], lang: str, caption: str | None = None,
                  link: Callable[[str, str], str] | None = None) -> str:
    """Rows of ``{"label", "old", "old_cite", "new", "new_cite"}``: the 2024 plan beside the 2026 adjustment."""
    _ = i18n.gettext_for(lang)
    out = ['<table class="ls-table ls-versions">']
    if caption:
        out.append(f"<caption>{escape(caption)}</caption>")
    heads = (_("Figure"), _("2024 plan (as reported)"), _("2026 adjustment"))
    out.append("<thead><tr>" + "".join(f'<th scope="col">{escape(h)}</th>' for h in heads) + "</tr></thead><tbody>")
    for r in rows:
        out.append(
            f'<tr><th scope="row">{escape(r["label"])}</th>'
            f'<td><span class="ls-old">{escape(r["old"])}</span>{source_details(r["old_cite"], lang, link)}</td>'
            f'<td><span class="ls-new">{escape(r["new"])}</span>{source_details(r["new_cite"], lang, link)}</td></tr>'
        )
    out.append("</tbody></table>")
    return "".join(out)


def document_list(rows: list[dict], lang: str) -> str:
    """The source documents: title, citation line, status and terms of reuse."""
    _ = i18n.gettext_for(lang)
    reuse = _("Reuse")
    out = ['<ul class="ls-items">']
    for r in rows:
        out.append(f"<li><strong>{escape(r['title'])}</strong><p>{escape(r['meta'])}</p>"
                   f'<p class="ls-meta">{escape(r["status"])}. {escape(reuse)}: {escape(r["licence"])}</p></li>')
    out.append("</ul>")
    return "".join(out)


def simple_table(headers: list[str], rows: list[list[str]], caption: str | None = None) -> str:
    """A plain accessible table; every cell escaped."""
    out = ['<table class="ls-table ls-simple">']
    if caption:
        out.append(f"<caption>{escape(caption)}</caption>")
    out.append("<thead><tr>" + "".join(f'<th scope="col">{escape(h)}</th>' for h in headers) + "</tr></thead><tbody>")
    for row in rows:
        out.append("<tr>" + f'<th scope="row">{escape(row[0])}</th>'
                   + "".join(f"<td>{escape(c)}</td>" for c in row[1:]) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def map_legend(entries: list[dict], title: str) -> str:
    """The map's legend: a symbol in its colour and a label, as a list."""
    items = "".join(
        f'<li><span class="ls-sym" aria-hidden="true" style="color: rgb({int(e["colour"][0])},'
        f'{int(e["colour"][1])},{int(e["colour"][2])})">{escape(e["symbol"])}</span> {escape(e["label"])}</li>'
        for e in entries)
    return f'<div class="ls-legend"><strong>{escape(title)}</strong><ul>{items}</ul></div>'


def map_first_view(chips: str, main: list[str], side: str = "", below: str = "") -> str:
    """A map area before its interactive map is asked for, as one element: the layer ``chips`` (markup made by
    these builders, or ""), then the ``main`` pieces (the "Explore the map" row, the picture, the downloads) in
    a column with ``side`` (the legend and card) beside it, then ``below``. Each piece sits in a box of its own,
    as it would in an element of Streamlit's, so that static/css/map.css lays them out as the interactive map's
    columns are."""
    def box(piece: str, cls: str = "") -> str:
        return f'<div class="{cls}">{piece}</div>' if cls else f"<div>{piece}</div>"

    main_col = box("".join(box(p) for p in main if p), "ls-mapmain")
    cols = box(main_col + (box(side, "ls-mapside") if side else ""), "ls-mapcols")
    return box((box(chips) if chips else "") + cols + (box(below) if below else ""), "ls-mapview")


def map_card(title: str, lines: list[str], close_hint: str) -> str:
    """The card of the selected map item (its tooltip lines, as text)."""
    body = "".join(f"<li>{escape(line)}</li>" for line in lines)
    return (f'<section class="ls-card" aria-live="polite"><h3>{escape(title)}</h3><ul>{body}</ul>'
            f"<small>{escape(close_hint)}</small></section>")


def other_language(text: str, lang: str, intro: str) -> str:
    """A passage in the other language, marked as such for screen readers and for translation tools."""
    return f'<p class="ls-meta">{escape(intro)}</p><p lang="{escape(lang)}" class="ls-cite">{escape(text)}</p>'


def highlighted(text: str, spans) -> str:
    """Text with its matched spans in <mark>; every piece escaped (spans come from our search)."""
    out, at = [], 0
    for a, b in spans:
        if a < at or b > len(text):
            continue
        out.append(escape(text[at:a]) + f"<mark>{escape(text[a:b])}</mark>")
        at = b
    out.append(escape(text[at:]))
    return "".join(out)


def search_result(kind: str, title: str, snippet: str, spans, link: tuple[str, str] | None = None) -> str:
    """One search result; ``link`` is ``(href, text)`` of where it is shown (``href`` made by
    ``components.site``)."""
    more = f'<a class="ls-open" href="{escape(link[0])}">{escape(link[1])}</a>' if link else ""
    return (f'<div class="ls-result"><span class="ls-meta">{escape(kind)}</span>'
            f"<strong>{escape(title)}</strong><p>{highlighted(snippet, spans)}</p>{more}</div>")


def brand(title: str, subtitle: str) -> str:
    """The kiosk's name line: the plan's title and the decision it follows."""
    return f'<p class="ls-brand">{escape(title)}<small>{escape(subtitle)}</small></p>'


def qr_panel(heading: str, text: str, image_uri: str, alt: str) -> str:
    """A QR code beside what it is for. ``image_uri`` must be a ``data:image/`` URI made by us."""
    if not image_uri.startswith("data:image/"):
        raise ValueError("the QR code must be an image made here")
    return (f'<div class="ls-qr"><p><strong>{escape(heading)}</strong>{escape(text)}</p>'
            f'<img src="{escape(image_uri)}" alt="{escape(alt)}"></div>')


def slide_heading(slide_id: str, title: str) -> str:
    return f'<div class="ls-slide" data-slide="{escape(slide_id)}"><h1>{escape(title)}</h1></div>'


def slide_footer(source: str, progress: str, index: int, count: int) -> str:
    """A slide's visible source line, then its place in the loop as dots (named for screen readers)."""
    dots = "".join(f'<li class="{"on" if i == index else ""}"></li>' for i in range(count))
    return (f'<p class="ls-slide-source">{escape(source)}</p>'
            f'<ol class="ls-dots" aria-label="{escape(progress)}">{dots}</ol>')


def call_to_action(text: str) -> str:
    """The attract loop's invitation; not a control (a touch anywhere does it)."""
    return f'<p class="ls-cta">{escape(text)}</p>'


def copy_field(field_id: str, label: str, value: str, button: str, done: str, multiline: bool = False) -> str:
    """A labelled, read-only copy of ``value`` with a Copy button (``static/js/copy.js`` wires it; without
    scripts the text is still selectable). Everything escaped; ``field_id`` is ours."""
    box = (f'<textarea id="{escape(field_id)}" readonly rows="3">{escape(value)}</textarea>' if multiline else
           f'<input id="{escape(field_id)}" type="text" readonly value="{escape(value, quote=True)}">')
    return (f'<div class="ls-copy"><label for="{escape(field_id)}">{escape(label)}</label>'
            f'<div class="ls-copy-row">{box}<button type="button" data-copy="{escape(field_id)}" '
            f'data-done="{escape(done, quote=True)}">{escape(button)}</button></div></div>')


def rows(kind: str, items: list, lang: str, **options) -> str:
    """The builder ``kind`` (``item_list``, ``figure_table`` …) applied to ``items``: one entry point for every
    edition that draws a page's rows (the app, the static pages)."""
    if kind == "chips":
        return chips(items, options["label"])
    if kind == "link_list":
        return link_list(items, options["label"])
    if kind == "paragraph_links":
        link = options.get("link") or plan_link
        return link_list([(link(pid, lang), text) for pid, text in items], options["label"])
    builders = {"item_list": item_list, "figure_table": figure_table, "kpi_cards": kpi_cards,
                "version_table": version_table, "document_list": document_list}
    return builders[kind](items, lang, **options)


def caption(text: str) -> str:
    """A caption: small print under or beside what it explains (escaped)."""
    return f'<p class="ls-caption">{escape(text)}</p>'


def info(text: str) -> str:
    """A line that tells the visitor what to do next, in a tinted box (escaped): Streamlit's ``st.info`` look
    without a Markdown element to draw."""
    return f'<p class="ls-info">{escape(text)}</p>'


def collapsed(title: str, inner: str, cls: str = "") -> str:
    """A collapsed section (``<details>``): its title escaped, ``inner`` markup made by these builders."""
    classes = f"ls-expander {cls}".strip()
    return f'<details class="{classes}"><summary>{escape(title)}</summary>{inner}</details>'


def search_form(action: str, label: str, placeholder: str, max_chars: int, hidden: dict[str, str], value: str = "",
                named: bool = False) -> str:
    """A plain search form (GET ``action?q=…``): it works before and without any script, and draws no widget.
    ``hidden`` are the query parameters the results page keeps (the language): as hidden fields, and in the
    action too, because Streamlit's sanitiser drops a field named like a property of a form (``lang``), and
    static/js/soft-links.js adds the form's fields to the action's parameters. ``value``: the text searched for;
    ``named``: the search landmark named by ``label`` (a second search form on a page, told apart)."""
    kept = "".join(f'<input type="hidden" name="{escape(k)}" value="{escape(v)}">' for k, v in hidden.items())
    target = f"{action}?{urlencode(hidden)}" if hidden else action
    name = f' aria-label="{escape(label)}"' if named else ""
    text = f' value="{escape(value)}"' if value else ""
    return (f'<form class="ls-search" role="search"{name} method="get" action="{escape(target)}">'
            f'<label>{escape(label)}<input type="search" name="q"{text} maxlength="{int(max_chars)}" '
            f'placeholder="{escape(placeholder)}" autocomplete="off" enterkeyhint="search"></label>{kept}</form>')


def choice_form(action: str, name: str, label: str, options: list[tuple[str, str]], current: str, button: str) -> str:
    """A plain choice: a native list (``(value, text)`` each, ``current`` selected) and a button, sent as GET
    ``action?name=value``. No widget to load and draw; static/js/soft-links.js opens a choice made with the
    pointer at once, and keeps ``action``'s parameters (the language)."""
    items = "".join(f'<option value="{escape(v)}"{" selected" if v == current else ""}>{escape(text)}</option>'
                    for v, text in options)
    return (f'<form class="ls-choose" method="get" action="{escape(action)}"><label>{escape(label)}'
            f'<select name="{escape(name)}">{items}</select></label>'
            f'<button type="submit">{escape(button)}</button></form>')


def find_form(action: str, name: str, label: str, value: str, placeholder: str, suggestions: list[tuple[str, str]],
              button: str) -> str:
    """A plain text field with suggestions (``(value, label)`` each, the browser's own list: it matches what is
    typed anywhere in either) and a button, sent as GET ``action?name=…``; no widget to load and draw."""
    options = "".join(f'<option value="{escape(v)}" label="{escape(text)}"></option>' for v, text in suggestions)
    list_id = f"ls-{escape(name)}-list"
    return (f'<form class="ls-choose ls-find" method="get" action="{escape(action)}" role="search">'
            f'<label>{escape(label)}<input type="search" name="{escape(name)}" value="{escape(value)}" '
            f'list="{list_id}" placeholder="{escape(placeholder)}" autocomplete="off" enterkeyhint="go"></label>'
            f'<datalist id="{list_id}">{options}</datalist><button type="submit">{escape(button)}</button></form>')


def edition_links(links: list[tuple[str, str]], label: str) -> str:
    """A short line of links to the page's other editions (``href`` made by ``components.site``)."""
    inner = " · ".join(f'<a href="{escape(href)}">{escape(text)}</a>' for href, text in links)
    return f'<nav class="ls-editions" aria-label="{escape(label)}"><p>{inner}</p></nav>'


def language_switch(links: list[tuple[str, str, str]], current: str, label: str) -> str:
    """The language switch: ``(code, name, href)`` each (codes ours, ``href`` made by ``components.site``), every
    name in its own language, the page's language marked."""
    mark = ' aria-current="true"'
    inner = "".join(f'<a href="{escape(href)}" hreflang="{escape(code)}" lang="{escape(code)}"'
                    f'{mark if code == current else ""}>{escape(name)}</a>' for code, name, href in links)
    return f'<nav class="ls-lang" aria-label="{escape(label)}">{inner}</nav>'


def page_nav(links: list[tuple[str, str, bool]], label: str) -> str:
    """The app's list of pages (``(href, title, current)`` each; ``href`` made by ``components.site``): plain
    links, the page shown marked for screen readers and the eye."""
    mark = ' aria-current="page"'
    inner = "".join(f'<li><a href="{escape(href)}"{mark if current else ""}>{escape(text)}</a></li>'
                    for href, text, current in links)
    return f'<nav class="ls-nav" aria-label="{escape(label)}"><ul>{inner}</ul></nav>'


SITE_TOP_END = "ls-top-end"


def site_top(nav: str, switch: str, search: str, skip: str) -> str:
    """The top of an app page: a link past the list of pages (hidden until it has the keyboard's focus, for
    Streamlit's own "Skip to main content" lands before the list), the list (:func:`page_nav`), and the
    language switch and search box (:func:`language_switch`, :func:`search_form`) beside each other. The three
    parts are ours, already escaped; ``skip`` is text."""
    return (f'<div class="ls-top"><a class="ls-skip" href="#{SITE_TOP_END}">{escape(skip)}</a>{nav}'
            f'<div class="ls-top-tools">{switch}{search}</div><span id="{SITE_TOP_END}"></span></div>')


def chip_links(label: str, param: str, chips: list[tuple[str, str, bool]], query: dict[str, str]) -> str:
    """A choice drawn as a row of plain links ("chips"), named by ``label``: ``(value, text, on)`` each, where
    ``value`` is what ``?param=`` becomes when the chip is followed ("" drops it): each link is this view
    (``query``, the address's parameters) with that value. The chosen chips carry ``aria-current`` (and a tick,
    not only a colour)."""
    current = ' aria-current="true"'
    items = "".join(f'<li><a class="ls-chip" {_setting(query, param, value)}{current if on else ""}>{escape(text)}'
                    "</a></li>" for value, text, on in chips)
    return (f'<div class="ls-chips" role="group" aria-label="{escape(label)}"><p class="ls-chips-label" '
            f'aria-hidden="true">{escape(label)}</p><ul>{items}</ul></div>')


def _setting(query: dict[str, str], param: str, value: str) -> str:
    """The ``href`` and ``data-ls-set`` of a link that sets ``?param=value`` ("" drops it) on this view (``query``,
    the address's parameters); static/js/soft-links.js applies the same value to the address as it is when the
    link is followed."""
    rest = {k: v for k, v in query.items() if k != param}
    href = "?" + urlencode({**rest, param: value} if value else rest)
    return f'href="{escape(href)}" data-ls-set="{escape(param)}={escape(value)}"'


def expander_link(query: dict[str, str], param: str, value: str, title: str, inner: str | None) -> str:
    """A section drawn like a collapsed one (:func:`collapsed`) whose content comes only when asked: its title is a
    link to this view (``query``) with ``?param=value``; open (``inner``, markup made by these builders), the
    link drops the parameter again. A long table no first view has to draw."""
    if inner is None:
        return (f'<div class="ls-expander"><a class="ls-expander-link" {_setting(query, param, value)} '
                f'aria-expanded="false">{escape(title)}</a></div>')
    return (f'<div class="ls-expander ls-open"><a class="ls-expander-link" {_setting(query, param, "")} '
            f'aria-expanded="true">{escape(title)}</a>{inner}</div>')


def explore_link(query: dict[str, str], param: str, value: str, text: str, key: str) -> str:
    """The map's "Explore the map" link (this view with ``?param=value``), drawn as a button in a row as high as
    the button bar it gives way to. ``key`` names the map (static/js/map-explore.js follows the link by itself
    on wide screens)."""
    return (f'<div class="ls-mapbar"><a class="ls-explore" {_setting(query, param, value)} '
            f'data-ls-map="{escape(key)}">{escape(text)}</a></div>')


def download_links(links: list[tuple[str, str]], label: str) -> str:
    """A row of download links (``(href, text)``; ``href`` made by ``components.site``), named by ``label``."""
    inner = "".join(f'<li><a href="{escape(href)}" download>{escape(text)}</a></li>' for href, text in links)
    return f'<ul class="ls-downloads" aria-label="{escape(label)}">{inner}</ul>'


def link_list(links: list[tuple[str, str]], label: str) -> str:
    """A labelled list of links (``href`` made by ``components.site``, text escaped)."""
    inner = "".join(f'<li><a href="{escape(href)}">{escape(text)}</a></li>' for href, text in links)
    return f'<ul class="ls-links" aria-label="{escape(label)}">{inner}</ul>'


def map_legend_swatches(entries: list[dict], title: str) -> str:
    """The map's legend with each symbol drawn in a tiny SVG (``fill``, no ``style`` attribute: pages whose
    security policy allows no inline styles, like the static edition, show the colours too)."""
    def swatch(e: dict) -> str:
        r, g, b = (int(c) for c in e["colour"][:3])
        return (f'<svg class="ls-sym" width="18" height="18" viewBox="0 0 18 18" aria-hidden="true">'
                f'<text x="9" y="14" text-anchor="middle" font-size="15" fill="rgb({r},{g},{b})">'
                f'{escape(e["symbol"])}</text></svg>')
    items = "".join(f"<li>{swatch(e)} {escape(e['label'])}</li>" for e in entries)
    return f'<div class="ls-legend"><strong>{escape(title)}</strong><ul>{items}</ul></div>'


# --- the plan reader -----------------------------------------------------------------------------


def _reader_text(p: dict, lang: str, untranslated: str) -> str:
    """A paragraph's text in ``lang``; while it has no English, the Vietnamese under a clear label."""
    if lang == "vi":
        return f'<p lang="vi">{escape(p["text_vi"])}</p>'
    if p.get("text_en"):
        return f'<p lang="en">{escape(p["text_en"])}</p>'
    return (f'<p class="ls-untranslated">{escape(untranslated)}</p>'
            f'<p lang="vi">{escape(p["text_vi"])}</p>')


def reader_part(paras: list[dict], lang: str, figures: dict, link, page_link, kinds: dict[str, str]) -> str:
    """Paragraphs of one part: the page language first, the other in a native ``<details>`` — one tap away
    on phones, shown open beside it on wide screens (static/css/reader.css) — each with its permalink, its
    section and the data that quotes it. The English is labelled as our unofficial translation, the
    Vietnamese as the official text."""
    _ = i18n.gettext_for(lang)
    other = "en" if lang == "vi" else "vi"
    names = {"vi": _("Official Vietnamese text"), "en": _("English: the dashboard's unofficial translation")}
    untranslated = _("Not yet translated: the official Vietnamese is shown.")
    permalink, figures_label = _("Link to this paragraph"), _("Figures from this paragraph")
    note_label = _("Translator's note")
    out = [f'<div class="ls-reader" lang="{lang}">',
           f'<div class="ls-rd-cols" aria-hidden="true"><span>{escape(names[lang])}</span>'
           f'<span>{escape(names[other])}</span></div>']
    for p in paras:
        pid = escape(p["id"])
        role = f' role="heading" aria-level="{min(p.get("level", 3) + 1, 6)}"' if p["kind"] == "heading" else ""
        note = ""
        if p.get("note_en"):
            note = (f'<details class="ls-note"><summary>{escape(note_label)}</summary>'
                    f'<p lang="en">{escape(p["note_en"])}</p></details>')
        main = _reader_text(p, lang, untranslated) + (note if lang == "en" else "")
        side = _reader_text(p, other, untranslated) + (note if other == "en" else "")
        refs = figures.get(p["id"], ())
        figs = ""
        if refs:
            items = _figure_items(refs, lang, page_link, kinds)
            figs = (f'<details class="ls-figs"><summary>{escape(figures_label)} ({len(refs)})</summary>'
                    f"<ul>{items}</ul></details>")
        out.append(
            f'<section id="{pid}" class="ls-para ls-k-{escape(p["kind"])}">'
            f'<div class="ls-main"{role}>{main}</div>'
            f'<details class="ls-other"><summary>{escape(names[other])}</summary>{side}</details>'
            f'<div class="ls-tools"><a class="ls-pl" href="{escape(link(p["id"], lang), quote=True)}" '
            f'title="{escape(permalink)}">¶ <span>{escape(format_section(p["section"], lang))}</span></a>'
            f"{figs}</div></section>")
    out.append("</div>")
    return "".join(out)


def _figure_items(refs, lang: str, page_link, kinds: dict[str, str]) -> str:
    """Rows quoting a paragraph, grouped by table: one link to the page that shows them, the rows named;
    rows with a page of their own (a commune) each get their link."""
    groups: dict[str, list] = {}
    for r in refs:
        groups.setdefault(r.table, []).append(r)
    out = []
    for table, rows in groups.items():
        kind = escape(i18n.translate(kinds.get(table, ""), lang))
        if any(r.query for r in rows):
            links = ", ".join(f'<a href="{escape(page_link(r.page, lang, dict(r.query)), quote=True)}">'
                              f"{escape(r.title(lang))}</a>" for r in rows)
            out.append(f"<li>{kind}: {links}</li>")
        else:
            names = "; ".join(dict.fromkeys(escape(r.title(lang)) for r in rows))
            out.append(f'<li><a href="{escape(page_link(rows[0].page, lang), quote=True)}">{kind}</a>: {names}</li>')
    return "".join(out)


def reader_toc(parts: list[tuple[str, str, str]], entries: list[dict], current: str | None, lang: str, link,
               expand_all: bool = False) -> str:
    """Contents by section: every part (a link to its first paragraph); under the part being read (or, with
    ``expand_all``, under every part) its numbered and lettered points, in-page anchors where they are on
    the page and ``link(id, lang)`` elsewhere."""
    _ = i18n.gettext_for(lang)
    label = _("Contents of the decision")
    out = [f'<nav class="ls-toc" aria-label="{escape(label)}"><ol>']
    for key, title, first in parts:
        here = key == current
        attr = ' aria-current="page" class="ls-here"' if here else ""
        out.append(f'<li{attr}><a href="{escape(link(first, lang), quote=True)}">{escape(title)}</a>')
        if here or expand_all:
            subs = [e for e in entries if e["part"] == key and e["level"] > 1]
            if subs:
                out.append("<ol>" + "".join(
                    f'<li class="ls-toc-l{e["level"]}"><a href="'
                    f'{escape("#" + e["id"] if here else link(e["id"], lang), quote=True)}">'
                    f'{escape(_short(e["text"]))}</a></li>' for e in subs) + "</ol>")
        out.append("</li>")
    out.append("</ol></nav>")
    return "".join(out)


def reader_pager(previous: tuple[str, str] | None, following: tuple[str, str] | None, lang: str) -> str:
    """Links to the parts before and after this one (``(href, name)`` each), for pages without widgets."""
    _ = i18n.gettext_for(lang)
    label = _("Parts of the decision")
    items = []
    for near, rel, text in ((previous, "prev", _("Previous: {part}")), (following, "next", _("Next: {part}"))):
        if near:
            items.append(f'<a rel="{rel}" href="{escape(near[0], quote=True)}">'
                         f"{escape(text.format(part=near[1]))}</a>")
    return f'<nav class="ls-pager" aria-label="{escape(label)}">{"".join(items)}</nav>'


def _short(text: str, width: int = 120) -> str:
    """At most ``width`` characters, cut between words."""
    return text if len(text) <= width else text[:width - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
