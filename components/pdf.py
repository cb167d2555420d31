"""PDF briefs of the topic pages, made offline with Typst from the same page layouts as the app and the site.

``brief(page, pkg, assets) -> bytes``: the page's title, every block (figures and statements, each with its
source and the official Vietnamese wording), its charts and map as pictures, and at the end the citation,
the data release date and the page's address. Be Vietnam Pro (static TTFs from ``fontpkg-be-vietnam-pro``)
is embedded, so Vietnamese reads the same everywhere. All text enters Typst as string literals, never as
markup, so nothing from the data is interpreted.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from components import content, exports, i18n, layouts, seo, static_site
from components.data import Package

GREEN, MUTED = 'rgb("#0b5d43")', 'rgb("#3d5249")'


def fonts_dir() -> Path:
    import fontpkg_be_vietnam_pro

    return Path(fontpkg_be_vietnam_pro.__file__).parent / "files"


def lit(text: object) -> str:
    """Text as a Typst string literal (``"…"``), control characters dropped."""
    clean = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", str(text))
    return '"' + clean.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def s(text: object) -> str:
    """Text as a Typst string literal in markup (``#"…";``): shown as it is, never read as markup."""
    return f"#{lit(text)};"


def _inline_md(line: str) -> str:
    """``**bold**`` and ``\\`` escapes of our Markdown subset, as Typst."""
    line = re.sub(r"\\(.)", r"\1", line)
    parts = line.split("**")
    return "".join(f"#strong[{s(p)}]" if i % 2 else s(p) for i, p in enumerate(parts) if p)


def _source(cite, lang: str) -> str:
    _ = i18n.gettext_for(lang)
    label = _("Source")
    return (f'#text(size: 7.5pt, fill: {MUTED})[{s(label)}: {s(cite.document)}, {s(cite.section)}: '
            f'#text(lang: "vi", style: "italic")[{s("“" + cite.quote + "”")}]]')


def _rows(block: layouts.Rows, lang: str, pkg: Package) -> str:
    _ = i18n.gettext_for(lang)
    kind, rows, opts = block.kind, block.rows, block.options
    if kind == "chips":
        return f"{s(' · '.join(rows))}\n\n"
    if kind == "item_list":
        marker = "+" if opts.get("ordered") else "-"
        out = []
        for it in rows:
            head = f"#strong[{s(it['title'])}] " if it.get("title") else ""
            meta = f"#text(fill: {MUTED})[{s(it['meta'])}]" if it.get("meta") else ""
            text = f" \\\n{s(it['text'])}" if it.get("text") else ""
            out.append(f"{marker} {head}{meta}{text} \\\n{_source(it['cite'], lang)}")
        return "\n".join(out) + "\n\n"
    note_label, reuse = _("Data note"), _("Reuse")
    if kind in ("figure_table", "kpi_cards"):
        heads = opts.get("headers") or (_("Indicator"), _("Target"))
        cells = [f"[#strong[{s(heads[0])}]]", f"[#strong[{s(heads[1])}]]"]
        for r in rows:
            note = f" \\\n#text(size: 7.5pt, fill: rgb(\"#8a4b08\"))[{s(note_label)}: {s(r['note'])}]" \
                if r.get("note") else ""
            cells += [f"[{s(r['label'])} \\\n{_source(r['cite'], lang)}]",
                      f"[#text(fill: {GREEN}, weight: \"bold\")[{s(r['value'])}]{note}]"]
        return _table("(3fr, 2fr)", cells)
    if kind == "version_table":
        cells = [f"[#strong[{s(h)}]]" for h in (_("Figure"), _("2024 plan (as reported)"), _("2026 adjustment"))]
        for r in rows:
            cells += [f"[{s(r['label'])}]", f"[{s(r['old'])} \\\n{_source(r['old_cite'], lang)}]",
                      f"[{s(r['new'])} \\\n{_source(r['new_cite'], lang)}]"]
        return _table("(2fr, 2fr, 2fr)", cells)
    if kind == "document_list":
        return "\n".join(f"- #strong[{s(r['title'])}] \\\n{s(r['meta'])} \\\n"
                         f"#text(fill: {MUTED})[{s(r['status'])}. {s(reuse)}: {s(r['licence'])}]"
                         for r in rows) + "\n\n"
    if kind == "paragraph_links":  # into the reader (its static pages): the text, with the address, on paper
        link = static_site.reader_links(pkg)[0]
        return "\n".join(f"- {s(text)} ({s(seo.absolute(link(pid, lang)))})" for pid, text in rows) + "\n\n"
    raise ValueError(kind)


def _table(columns: str, cells: list[str]) -> str:
    return (f"#table(columns: {columns}, stroke: (x, y) => (bottom: 0.5pt + luma(200)), inset: 5pt,\n"
            + ",\n".join(cells) + ")\n\n")


def _plain_table(headers: list[str], rows: list[list[str]]) -> str:
    cells = [f"[#strong[{s(h)}]]" for h in headers] + [f"[{s(c)}]" for row in rows for c in row]
    return f"#text(size: 8pt)[{_table(f'{len(headers)}', cells).strip()}]\n\n"


def _blocks(blocks: list, pkg: Package, lang: str, assets, folder: Path, counter: list) -> str:
    _ = i18n.gettext_for(lang)
    out = []
    for b in blocks:
        if isinstance(b, layouts.Heading):
            out.append(f"#heading(level: {b.level})[{s(b.text)}]\n")
        elif isinstance(b, layouts.Caption):
            out.append(f"#text(fill: {MUTED})[{s(b.text)}]\n\n")
        elif isinstance(b, layouts.Label):
            out.append(f"#strong[{s(b.text)}]\n\n")
        elif isinstance(b, layouts.Markdown):
            lines = [ln for ln in b.text.split("\n") if ln.strip()]
            out.append("\n".join(f"- {_inline_md(ln[2:])}" if ln.startswith("- ") else _inline_md(ln)
                                 for ln in lines) + "\n\n")
        elif isinstance(b, layouts.Rows):
            out.append(_rows(b, lang, pkg))
        elif isinstance(b, layouts.Chart):
            counter[0] += 1
            name = f"chart-{counter[0]}.svg"
            (folder / name).write_bytes(exports.svg(b.item.chart, lang))
            headers, rows = content.chart_table(b.item, lang)
            out.append(f'#figure(image("{name}", width: 100%))\n\n' + _plain_table(headers, rows))
        elif isinstance(b, layouts.Map):
            if assets is not None and assets.maps is not None:
                counter[0] += 1
                name = f"map-{counter[0]}.svg"
                (folder / name).write_text(assets.maps.map_svg(pkg, lang, b.kind, unit_id=b.unit_id,
                                                               layers=b.layers or None, for_download=True),
                                           encoding="utf-8")
                out.append(f'#figure(image("{name}", width: 100%))\n\n')
            if b.kind != "unit":
                from components import maps

                out.append(f"{s(maps.summary(pkg, lang))}\n\n")
        elif isinstance(b, layouts.Expander):
            out.append(f"#heading(level: 2)[{s(b.title)}]\n" + _blocks(b.blocks, pkg, lang, assets, folder, counter))
        elif isinstance(b, layouts.Columns):
            out.append("".join(_blocks(col, pkg, lang, assets, folder, counter) for col in b.columns))
        elif isinstance(b, layouts.Choice):
            out.append("".join(_blocks(inner, pkg, lang, assets, folder, counter) for _v, inner in b.sections))
    return "".join(out)


def source(page, pkg: Package, assets=None, folder: Path | None = None) -> str:
    """The Typst source of one page's brief (pictures written into ``folder``)."""
    _ = i18n.gettext_for(page.lang)
    title = layouts.title_of(page.blocks)
    release = _("{site} · data release {date}").format(site=_(exports.SITE_NAME),
                                                       date=i18n.format_date(exports.DATA_RELEASE, page.lang))
    author = _(exports.SITE_NAME)
    head = (f"#set document(title: {lit(title)}, author: {lit(author)})\n"
            f'#set page(paper: "a4", margin: (x: 16mm, y: 18mm), footer: context [#text(size: 7.5pt, fill: {MUTED})'
            f'[{s(release)} #h(1fr) #counter(page).display()]])\n'
            f'#set text(font: "Be Vietnam Pro", size: 9.5pt, lang: "{page.lang}")\n'
            f"#show heading: set text(fill: {GREEN})\n#show heading.where(level: 1): set text(size: 18pt)\n\n")
    body = _blocks(page.blocks, pkg, page.lang, assets, folder or Path("."), [0])
    sources, cite = _("Sources"), _("Cite this")
    end = (f"#line(length: 100%, stroke: 0.5pt + luma(180))\n#heading(level: 2)[{s(sources)}]\n"
           f"{s(cite)}: {s(exports.citation(page.lang))}\n\n"
           f"{s(release)} \\\n{s(seo.absolute(page.path))}\n")
    return head + body + end


def brief(page, pkg: Package, assets=None) -> bytes:
    """The PDF of one page."""
    import typst

    with tempfile.TemporaryDirectory(prefix="brief-") as tmp:
        folder = Path(tmp)
        (folder / "main.typ").write_text(source(page, pkg, assets, folder), encoding="utf-8")
        return typst.compile(str(folder / "main.typ"), root=str(folder), font_paths=[str(fonts_dir())],
                             ignore_system_fonts=True)
