"""What a page says about itself before any script runs: title, description, links, previews.

Streamlit serves one ``index.html`` for every page, titled "Streamlit" and ``lang="en"``; link
previews in chat apps and search engines see nothing else. :func:`page_meta` decides, for a page,
a language and the query that selects something on it (a commune, a map item, a domain), the
title, description, canonical address, language alternates, static twin and preview image;
:func:`render_index` writes them into Streamlit's own ``index.html`` (its scripts and styles kept).

Pure: no Streamlit runtime, no request. Every value from the URL is read by :mod:`components.params`
(the module the app reads it with, so the first HTML and the app never disagree on the language or a
selection) and checked against the data before it is used; everything written into the HTML is escaped.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from html import escape
from urllib.parse import urlencode

from components import content, i18n, maps, params, seo, site
from components.data import Package
from components.i18n import N_

SITE_NAME = N_("Lạng Sơn provincial plan dashboard")

# One line per page for search results and link previews: what the page offers, in the reader's words.
DESCRIPTIONS = {
    "": N_("The Lạng Sơn provincial plan 2021–2030, vision to 2050, as adjusted by Decision 339/QĐ-UBND of "
           "28 February 2026: goals, headline targets and the province in brief, each with its source."),
    "targets": N_("Every 2030 target of the adjusted Lạng Sơn provincial plan, by domain, worded as the decision "
                  "words it, with charts, the 2024 plan beside it and the official Vietnamese one tap away."),
    "breakthroughs": N_("The breakthroughs, focus tasks, pillars of digital transformation and viewpoints of the "
                        "adjusted Lạng Sơn provincial plan, each with its source."),
    "border-gates": N_("Border gates in the adjusted Lạng Sơn provincial plan on a schematic map: the 5 "
                       "priority gates and crossings, the other gates and crossings, the Đồng Đăng – Lạng Sơn "
                       "border-gate economic zone, dry ports and logistics."),
    "tourism": N_("Tourism in the adjusted Lạng Sơn provincial plan: visitor and revenue targets, Mẫu Sơn, the "
                  "UNESCO Global Geopark, tourist areas and product groups."),
    "urban-system": N_("The urban system and spatial structure of the adjusted Lạng Sơn provincial plan on a "
                       "schematic map: 13 urban areas, growth poles, the development axis, economic corridors and "
                       "socio-economic zones."),
    "infrastructure": N_("Industry, transport, power, water and waste, social infrastructure and the environment "
                         "in the adjusted Lạng Sơn provincial plan, with every count the decision gives."),
    "agriculture": N_("Agriculture, forestry and rural areas in the adjusted Lạng Sơn provincial plan: 2030 targets, "
                      "crops and production areas, forests, rural settlements and disadvantaged areas, each with its "
                      "source."),
    "plan": N_("The full text of Decision 339/QĐ-UBND adjusting the Lạng Sơn provincial plan, paragraph by "
               "paragraph: the official Vietnamese and an unofficial English translation side by side."),
    "commune": N_("What the adjusted Lạng Sơn provincial plan says about each of the 65 communes and wards: "
                  "zone, axis and corridors, urban area, projects and sites, each with its source."),
    "search": N_("Search every figure, place and statement of the adjusted Lạng Sơn provincial plan, in "
                 "Vietnamese or English, with or without diacritics."),
    "sources": N_("The sources of the Lạng Sơn provincial plan dashboard: the full data download, the documents, "
                  "how the data is checked, the data notes and every change between plan versions."),
    "highlights": N_("Highlights of the adjusted Lạng Sơn provincial plan 2021–2030, vision to 2050."),
}
UNIT_TITLE = N_("{name}: what the plan says")
UNIT_NAMES = {"commune": N_("{name} commune"), "ward": N_("{name} ward")}
UNIT_DESCRIPTION = N_("What the adjusted Lạng Sơn provincial plan (Decision 339/QĐ-UBND, 2026) says about "
                      "{name}: its zone, the axis and corridors it lies on, its urban area, and the projects and "
                      "sites the decision places there, each with its source.")
ITEM_TITLE = N_("{name} on the map")
DOMAIN_TITLE = N_("Targets to 2030: {domain}")
NOTES_TITLE = N_("Data notes: {kind}")
NOSCRIPT = N_("This interactive page needs JavaScript. The same content, fast and printable, is in the "
              "static edition:")

# The query parameters that select something a preview should name; nothing else is kept.
SELECTORS = {"commune": ("unit",), "urban-system": ("item", "layers"), "border-gates": ("item", "layers"),
             "targets": ("section", "domain"), "sources": ("notes", "topic"), "infrastructure": ("sector",),
             "plan": ("s", "p")}
PART_TITLE = N_("{part} · {title}")


@dataclass(frozen=True)
class Meta:
    """What one page, in one language, with one selection, says about itself."""

    lang: str
    slug: str
    title: str
    description: str
    path: str                     # the page's own path and kept query, e.g. ``/commune?lang=en&unit=20308``
    alternates: dict[str, str] = field(default_factory=dict)   # hreflang -> path
    static_path: str = ""         # the static twin
    image_path: str = ""          # the 1200×630 preview
    image_alt: str = ""           # the preview's title (what it shows in large type)
    image_text: str = ""          # the preview's smaller text

    def page_meta(self) -> seo.PageMeta:
        """The same, as the head-tag builder both editions share takes it."""
        return seo.PageMeta(self.lang, self.title, self.description, self.path, dict(self.alternates),
                            site_name=i18n.translate(SITE_NAME, self.lang), image=self.image_path,
                            image_alt=self.image_alt)


def known_slug(slug: str) -> bool:
    return slug in site.SLUGS.values()


def static_path(slug: str, lang: str, unit_code: str | None = None, part: str | None = None) -> str:
    """The static twin of an app page: ``/vi/``, ``/en/targets/``, ``/vi/commune/20308/``, ``/en/plan/iii/``."""
    if slug == "commune" and unit_code:
        return f"/{lang}/commune/{unit_code}/"
    if slug == "plan" and part:
        return f"/{lang}/plan/{part.lower()}/"
    if slug in ("", "highlights", "search"):
        return f"/{lang}/"
    return f"/{lang}/{slug}/"


def preview_key(slug: str, picked: dict[str, str] | None = None) -> str:
    """The preview image's name (without language): one per page, and one per commune or ward, per domain
    of the targets, per kind of data note, per point of the maps (the same on both map pages) and per part of
    the decision."""
    picked = picked or {}
    if slug == "commune" and picked.get("unit"):
        return f"commune-{picked['unit']}"
    if picked.get("item"):
        return f"item-{picked['item']}"
    if slug in content.PARTS and picked.get(content.PARTS[slug][0]):  # a part of a long page
        return f"{slug}-{picked[content.PARTS[slug][0]]}"
    if slug == "targets" and picked.get("domain"):
        return f"targets-{picked['domain']}"
    if slug == "plan" and picked.get("s"):
        return f"plan-{picked['s'].lower()}"
    if slug == "sources" and picked.get("notes"):
        return f"notes-{picked['notes']}"
    return slug or "home"


CARD_VERSION = "2"  # bump when components/previews.py draws differently


def preview_name(key: str, lang: str, title: str, description: str) -> str:
    """The card's file name, named after what it shows: a changed title or description is a new file,
    so the assets folder can be cached for a year (``home-vi.1a2b3c4d.png``)."""
    digest = hashlib.sha256("\n".join((CARD_VERSION, lang, title, description)).encode()).hexdigest()[:8]
    return f"{key}-{lang}.{digest}.png"


PREVIEW_DIR = "/assets/og/"


def _selection(pkg: Package, slug: str, query: dict[str, str]) -> dict[str, str]:
    """The query parameters of this page that name something real, as the app reads them
    (:func:`components.params.clean`: the same checks, the same normal form); the rest is dropped."""
    checked = params.clean(query, pkg)
    return {param: checked[param] for param in SELECTORS.get(slug, ()) if param in checked}


def _map_points(pkg: Package, lang: str) -> dict[str, str]:
    """Each point of the maps: its tooltip (name, then what it is and its source, one per line)."""
    points = maps.layer_points(pkg, lang)
    return {row["id"]: row["tooltip"] for frame in points.values() if not frame.empty
            for row in frame.to_dict("records")}


def _description(pkg: Package, slug: str, lang: str) -> str:
    """The page's line for search results: ours where written, else its layout's first caption."""
    if slug in DESCRIPTIONS:
        return i18n.translate(DESCRIPTIONS[slug], lang)
    from components import layouts

    build = layouts.PAGES.get(slug)
    return layouts.description_of(build(pkg, lang)) if build else i18n.translate(SITE_NAME, lang)


def page_meta(pkg: Package, slug: str, lang: str, query: dict[str, str] | None = None) -> Meta:
    """The head of one page in one language; ``query`` is the request's (untrusted) query. The language is
    read as the app reads it (:func:`components.params.lang`), so the first HTML and the app agree."""
    from components import layouts, reader, render

    lang = params.lang(lang) or i18n.DEFAULT_LANG
    slug = slug if known_slug(slug) else ""
    _ = i18n.gettext_for(lang)
    picked = _selection(pkg, slug, dict(query or {}))
    if slug == "plan" and "p" in picked:  # a paragraph: in its part
        picked["s"] = reader.part_of(pkg, picked["p"])
    page_title = _(next(t for _p, t, s in site.PAGES + site.HIDDEN_PAGES if s == slug))
    title, description = page_title, _description(pkg, slug, lang)
    unit_code = picked.get("unit")
    if unit_code:
        unit = content.unit_by_code(pkg, unit_code)
        name = _(UNIT_NAMES.get(unit["kind"], "{name}")).format(name=unit[i18n.col("name", lang)])
        in_text = name[:1].lower() + name[1:] if lang == "vi" else name  # "phường Kỳ Lừa" within a sentence
        title, description = _(UNIT_TITLE).format(name=name), _(UNIT_DESCRIPTION).format(name=in_text)
        title = title[:1].upper() + title[1:]  # "xã Đồng Đăng: …" opens a title as "Xã Đồng Đăng: …"
    elif "item" in picked:  # the same card on both maps: the point's name, what it is and its source
        lines = _map_points(pkg, lang)[picked["item"]].split("\n")
        title, description = _(ITEM_TITLE).format(name=lines[0]), " · ".join(lines[1:]) or description
    elif slug in content.PARTS and content.PARTS[slug][0] in picked:  # a part (the targets' before a domain)
        key, named = content.PARTS[slug]
        title = _(PART_TITLE).format(part=_(dict(named)[picked[key]]), title=page_title)
    elif "domain" in picked:
        title = _(DOMAIN_TITLE).format(domain=i18n.translate(dict(content.DOMAINS)[picked["domain"]], lang))
    elif "notes" in picked:
        kinds = {kind: name for kind, name, _count in content.note_kinds(pkg, lang)}
        if picked["notes"] in kinds:
            title = _(NOTES_TITLE).format(kind=kinds[picked["notes"]])
        elif picked["notes"] == layouts.EVERY_SECTION:
            title = _("All {count} data notes").format(count=i18n.format_number(len(pkg["data_notes"]), lang))
    elif "s" in picked:
        part = picked["s"]
        title = _(PART_TITLE).format(part=reader.part_short(part, lang), title=page_title)
        description = reader.part_title(pkg, part, lang)
    card = (title, description)
    if "p" in picked:  # a paragraph's permalink: its part's card, the paragraph's own words in the tags
        paragraph = reader.by_id(pkg)[picked["p"]]
        title = _(PART_TITLE).format(part=render.format_section(paragraph["section"], lang), title=page_title)
        description = _short(reader.text_of(paragraph, lang), 300)
    site_name = _(SITE_NAME)
    full_title = f"{title} · {site_name}" if slug or picked else site_name

    def path_in(code: str) -> str:
        return f"/{slug}?" + urlencode({"lang": code, **picked})

    twin = static_path(slug, lang, unit_code, picked.get("s"))
    if "p" in picked:
        twin += f"#{picked['p']}"
    else:  # the static page shows every section of a choice, each with its id
        twin += layouts.section_anchor(picked)
    return Meta(lang=lang, slug=slug, title=full_title, description=description, path=path_in(lang),
                alternates={code: path_in(code) for code in i18n.LANGS}, static_path=twin,
                image_path=PREVIEW_DIR + preview_name(preview_key(slug, picked), lang, *card),
                image_alt=card[0], image_text=card[1])


def _short(text: str, width: int) -> str:
    """At most ``width`` characters, cut between words."""
    return text if len(text) <= width else text[:width - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def head_tags(meta: Meta, base_url: str) -> str:
    """``<title>``, description, canonical, ``hreflang`` alternates, Open Graph and Twitter card tags."""
    return seo.head_tags(meta.page_meta(), base_url)


def noscript(meta: Meta) -> str:
    """For a visitor or crawler without scripts: what the page is, and its static twin."""
    text = i18n.translate(NOSCRIPT, meta.lang)
    return (f'<noscript><p lang="{meta.lang}"><strong>{escape(meta.title)}</strong><br>{escape(meta.description)}'
            f'</p><p lang="{meta.lang}">{escape(text)} <a href="{escape(meta.static_path, quote=True)}">'
            f"{escape(meta.static_path)}</a></p></noscript>")


def render_index(index_html: str, meta: Meta, base_url: str, extra_head: str = "") -> str:
    """Streamlit's ``index.html`` with this page's language, head and ``<noscript>``; its scripts kept."""
    out = re.sub(r'<html lang="[^"]*"', f'<html lang="{meta.lang}"', index_html, count=1)
    out = re.sub(r"<title>.*?</title>", lambda _m: head_tags(meta, base_url) + extra_head, out, count=1,
                 flags=re.S)
    # Streamlit's own <noscript> speaks English to machines; ours names the page and its static twin.
    out, found = re.subn(r"<noscript>.*?</noscript>", lambda _m: noscript(meta), out, count=1, flags=re.S)
    if not found:
        out = re.sub(r"<body([^>]*)>", lambda m: f"<body{m.group(1)}>" + noscript(meta), out, count=1)
    return out
