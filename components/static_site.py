"""The static edition's pages: every layout of ``components.layouts`` written as plain HTML, no script.

Pure: (package, page, language, assets) in, a complete HTML document out. Every value from data goes through
the ``render`` builders (which escape it) or :func:`html.escape` here. The page shell is
``static/site/page.html``; the styles are ``static/css/common.css`` (shared with the app) and ``site.css``.
``components.static_build`` writes the files; this module only composes.
"""

from __future__ import annotations

import functools
import string
from dataclasses import dataclass
from html import escape

from components import block_html, content, exports, figures, head, i18n, layouts, maps, reader, render, seo, site
from components.data import Package
from components.i18n import N_

SHELL = site.ROOT / "static" / "site" / "page.html"
SITE_NAME = head.SITE_NAME  # one name for the site, on both editions
DEFAULT_LANG = "vi"


@dataclass(frozen=True)
class Page:
    """One static page in one language. ``slug`` is the app's url_path (``commune/20101`` for a commune)."""

    slug: str
    lang: str
    blocks: list
    app_query: tuple = ()  # extra app query parameters (("unit", code),)
    pdf: bool = False

    @property
    def path(self) -> str:
        return site.static_path(self.lang, self.slug)

    @property
    def app_slug(self) -> str:
        return self.slug.split("/")[0]


@dataclass(frozen=True)
class Assets:
    """What every page of one build links to: hashed asset paths (``/assets/site.1a2b3c4d.css``), and the map
    renderer."""

    css: str
    fonts: tuple  # (path, weight)
    maps: object = None  # the components.static_map module, when this checkout has it
    icon: str = ""


def commune_index(pkg: Package, lang: str) -> list:
    """The static "My commune": every commune and ward, each a link to its page."""
    _ = i18n.gettext_for(lang)
    links = [(site.static_path(lang, f"commune/{code}"), name) for code, name in content.unit_choices(pkg)]
    return [layouts.Heading(_("My commune"), 1),
            layouts.Caption(_("The 65 communes and wards, each on a page of its own with everything the plan says "
                              "about it.")),
            layouts.Twin("commune"),
            LinkList(links, _("Communes and wards"))]


@dataclass(frozen=True)
class LinkList:
    """A list of links (the commune index); static edition only."""

    links: list
    label: str


def has_twin(slug: str) -> bool:
    """Whether an app page (by url_path) has a static twin: a layout of its own, or the commune pages."""
    return slug in layouts.PAGES or slug in ("commune", "plan")


def pages(pkg: Package) -> list[Page]:
    """Every page of the static edition, in both languages, in the site's order."""
    out = []
    for lang in site.STATIC_LANGS:
        for slug, layout in layouts.PAGES.items():
            out.append(Page(slug, lang, layout(pkg, lang), pdf=True))
        out.append(Page("plan", lang, layouts.plan_reader(pkg, lang)))
        for part in reader.PARTS:
            out.append(Page(f"plan/{part.lower()}", lang, layouts.plan_reader(pkg, lang, part), (("s", part),)))
        out.append(Page("commune", lang, commune_index(pkg, lang)))
        for code, _name in content.unit_choices(pkg):
            unit = content.unit_by_code(pkg, code)
            out.append(Page(f"commune/{code}", lang, layouts.commune_page(pkg, lang, unit), (("unit", code),)))
    return out


# --- blocks to HTML ------------------------------------------------------------------------------


def map_html(block: layouts.Map, pkg: Package, lang: str, assets: Assets, page: "Page | None" = None) -> str:
    """The schematic map as static SVG (``components.static_map``), its downloads and its text summary."""
    _ = i18n.gettext_for(lang)
    smap = assets.maps
    parts = []
    if smap is not None:
        parts.append(f'<figure class="ls-mapfig">{smap.map_svg(pkg, lang, block.kind, unit_id=block.unit_id, layers=block.layers or None)}'  # noqa: E501
                     "</figure>")
        parts.append(render.map_legend_swatches(smap.legend(pkg, lang, block.kind, layers=block.layers or None),
                                                _("Legend")))
        if block.kind != "unit" and page is not None:
            png, svg = _("Map as PNG image"), _("Map as SVG image")
            parts.append(render.link_list([(page.path + smap.download_name(block.kind, lang, "png"), png),
                                           (page.path + smap.download_name(block.kind, lang, "svg"), svg)],
                                          _("Download the map")))
    if block.kind == "unit":
        if smap is not None:
            parts.append(render.item_list(smap.map_summary(pkg, lang, "unit", unit_id=block.unit_id), lang))
        return "".join(parts)
    if smap is None:
        parts.append(render.map_legend(maps.legend(lang, block.layers), _("Legend")))
    parts.append(f"<p>{escape(maps.summary(pkg, lang))}</p>")
    every = _("Every point on the map, with its source") if smap is not None else _("Every point on the map, as a table")
    if smap is not None:
        listed = render.item_list(smap.map_summary(pkg, lang, block.kind), lang)
    else:
        points = maps.layer_points(pkg, lang)
        listed = render.simple_table([_("Name"), _("Layer"), _("Details")],
                                     [[row["label"], i18n.translate(maps.LAYERS[layer][0], lang),
                                       row["tooltip"].replace("\n", " · ")]
                                      for layer, frame in points.items() if layer in block.layers and not frame.empty
                                      for row in frame.to_dict("records")])
    parts.append(render.collapsed(every, listed))
    return "".join(parts)


@functools.lru_cache(maxsize=4)
def reader_links(pkg: Package):
    """The static edition's links into and out of the reader: ``link(pid, lang)`` is a paragraph's permalink
    (``/vi/plan/v/#a1-v-5-p1``), ``page_link(slug, lang, query)`` the static twin of a page that shows figures
    (a commune's own page for ``?unit=``), else the app page."""

    def link(pid: str, lang: str) -> str:
        return plan_part_path(lang, reader.part_of(pkg, pid)) + f"#{pid}"

    def page_link(slug: str, lang: str, query: dict | None = None) -> str:
        query = dict(query or {})
        if slug == "commune" and set(query) == {"unit"}:
            return site.static_path(lang, f"commune/{query['unit']}")
        if has_twin(slug) and set(query) <= set(layouts.CHOICE_PARAMS) and len(query) <= 1:
            return site.static_path(lang, slug) + layouts.section_anchor(query)  # every section is there
        return site.app_path(lang, slug, query)

    return link, page_link


def plan_part_path(lang: str, part: str) -> str:
    """``/vi/plan/iii/``: one part of the decision on the static edition."""
    return site.static_path(lang, f"plan/{part.lower()}")


def reader_html(block: layouts.Reader, pkg: Package, lang: str) -> str:
    """The contents of the whole decision, or one part of it with the contents and the parts around it."""
    link, page_link = reader_links(pkg)
    if block.part is None:
        return reader.toc_html(pkg, None, lang, link=link, expand_all=True)
    before, after = reader.neighbours(block.part)
    pager = render.reader_pager(
        *((plan_part_path(lang, k), reader.part_short(k, lang)) if k else None for k in (before, after)), lang)
    contents = i18n.gettext_for(lang)("Contents")
    return (render.collapsed(contents, reader.toc_html(pkg, block.part, lang, link=link))
            + reader.part_html(pkg, block.part, lang, link=link, page_link=page_link) + pager)


def body(blocks: list, pkg: Package, lang: str, assets: Assets, page: Page) -> str:
    """The blocks as HTML, in order."""
    _ = i18n.gettext_for(lang)
    out = []
    for b in blocks:
        if block_html.is_text(b):
            out.append(block_html.text(b, lang, link=reader_links(pkg)[0]))
        elif isinstance(b, layouts.Chart):
            out.append(figures.chart_figure(b.item, lang, downloads=site.static_path(lang, b.page)))
        elif isinstance(b, layouts.Map):
            out.append(map_html(b, pkg, lang, assets, page))
        elif isinstance(b, layouts.Reader):
            out.append(reader_html(b, pkg, lang))
        elif isinstance(b, layouts.Expander):
            out.append(render.collapsed(b.title, body(b.blocks, pkg, lang, assets, page)))
        elif isinstance(b, layouts.Columns) and any(isinstance(c, layouts.Chart) for col in b.columns for c in col):
            out.append(body([c for col in b.columns for c in col], pkg, lang, assets, page))  # full width
        elif isinstance(b, layouts.Columns):
            out.append('<div class="ls-cols">' + "".join(
                f'<div class="ls-w{int(w)}">{body(inner, pkg, lang, assets, page)}</div>'
                for w, inner in zip(b.weights, b.columns)) + "</div>")
        elif isinstance(b, layouts.Choice):  # every section: a page here is read (or printed) whole
            for _value, inner in b.sections:
                out.append(body(inner, pkg, lang, assets, page))
        elif isinstance(b, layouts.PageLinks):
            out.append(render.link_list([(site.static_path(lang, s), i18n.translate(t, lang))
                                         for _p, t, s in site.PAGES if s not in b.skip and has_twin(s)],
                                        _("Pages")))
        elif isinstance(b, layouts.DataDownload):
            out.append(render.link_list([(DATA_ZIP, _("Download all the data (ZIP: every table, descriptor, "
                                                      "dictionary, citation)"))], _("Download the data")))
        elif isinstance(b, layouts.Twin):
            links = [(site.app_path(lang, page.app_slug, dict(page.app_query)), _("Interactive version"))]
            if page.pdf:
                links.append((site.pdf_path(lang, page.slug), _("Download PDF")))
            out.append(render.edition_links(links, _(OTHER_EDITIONS)))
        elif isinstance(b, LinkList):
            out.append(render.link_list(b.links, b.label))
        else:
            raise TypeError(f"no way to write {type(b).__name__}")
    return "".join(out)


OTHER_EDITIONS = N_("Other versions of this page")
DATA_ZIP = site.DATA_ZIP


# --- the page shell ------------------------------------------------------------------------------


@functools.cache
def _shell() -> string.Template:
    return string.Template(SHELL.read_text(encoding="utf-8"))


def meta(page: Page, pkg: Package) -> seo.PageMeta:
    """The static page's head: its own title, the app page's description and preview card (one source for
    both editions: components.head)."""
    _ = i18n.gettext_for(page.lang)
    title = layouts.title_of(page.blocks)
    if page.slug:
        title = " · ".join((title, _(SITE_NAME)))
    twin = head.page_meta(pkg, page.app_slug, page.lang, dict(page.app_query))
    return seo.PageMeta(page.lang, title, twin.description, page.path,
                        {lang: site.static_path(lang, page.slug) for lang in site.STATIC_LANGS},
                        site_name=_(SITE_NAME), image=twin.image_path, image_alt=twin.image_alt)


def nav(page: Page) -> str:
    _ = i18n.gettext_for(page.lang)
    items = []
    for _p, title, slug in site.PAGES:
        if not has_twin(slug):
            continue
        current = ' aria-current="page"' if slug == page.app_slug else ""
        items.append(f'<li><a href="{site.static_path(page.lang, slug)}"{current}>'
                     f"{escape(i18n.translate(title, page.lang))}</a></li>")
    label = _("Pages")
    return f'<nav class="site-nav" aria-label="{escape(label)}"><ul>{"".join(items)}</ul></nav>'


def document(page: Page, pkg: Package, assets: Assets, base: str | None = None) -> str:
    """The complete HTML of one static page."""
    _ = i18n.gettext_for(page.lang)
    other = next(lang for lang in site.STATIC_LANGS if lang != page.lang)
    other_name = {"vi": "Tiếng Việt", "en": "English"}[other]
    preload = "".join(f'<link rel="preload" href="{path}" as="font" type="font/woff2" crossorigin>'
                      for path, _weight in assets.fonts)
    head = "\n".join([seo.head_tags(meta(page, pkg), base),
                      f'<link rel="stylesheet" href="{assets.css}">', preload])
    footer = [escape(_(site.SOURCE_LINE)),
              escape(_("{site} · data release {date}").format(site=_(exports.SITE_NAME),
                                                              date=i18n.format_date(exports.DATA_RELEASE, page.lang))),
              escape(_("Our curation and translations are CC BY 4.0."))]
    return _shell().substitute(
        lang=page.lang, head=head, icon=assets.icon,
        skip=escape(_("Skip to content")),
        home=site.static_path(page.lang, ""), site_name=escape(_(SITE_NAME)),
        other_lang=other, other_href=site.static_path(other, page.slug), other_name=escape(other_name),
        nav=nav(page), main=body(page.blocks, pkg, page.lang, assets, page),
        footer="".join(f"<p>{line}</p>" for line in footer),
    )


def not_found(assets: Assets) -> str:
    """The bilingual 404 page: both languages, each marked, with links to either edition's start. Both
    editions answer an unknown address with it (``components/server.py``, ``deploy/nginx.conf.in``)."""
    parts = []
    for lang in site.STATIC_LANGS:
        _ = i18n.gettext_for(lang)
        level = 1 if lang == DEFAULT_LANG else 2
        missing, hint, home = (_("This page does not exist"), _("The address may be mistyped, or the page has moved."),
                               _("Go to the start page"))
        app = _("Interactive version")
        parts.append(f'<section lang="{lang}"><h{level}>{escape(missing)}</h{level}><p>{escape(hint)} '
                     f'<a href="{site.static_path(lang, "")}">{escape(home)}</a> · '
                     f'<a href="{escape(site.app_path(lang, ""))}">{escape(app)}</a></p></section>')
    titles = " · ".join(i18n.gettext_for(lang)("This page does not exist") for lang in site.STATIC_LANGS)
    _ = i18n.gettext_for(DEFAULT_LANG)
    head = "\n".join([f"<title>{escape(titles)}</title>", '<meta name="robots" content="noindex">',
                      f'<link rel="stylesheet" href="{assets.css}">'])
    return _shell().substitute(
        lang=DEFAULT_LANG, head=head, icon=assets.icon, skip=escape(_("Skip to content")), home="/vi/",
        site_name=escape(_(SITE_NAME)), other_lang="en", other_href="/en/", other_name="English",
        nav="", main="".join(parts), footer="")
