"""Each page's composition, described once: a list of blocks that the app and the static edition both walk.

A block says *what* is on the page (a heading, a caption, rows for a ``render`` builder, a chart, a map, a
collapsed section …), never *how* it is drawn. ``widgets.show`` draws blocks with Streamlit; the static
edition (``components.static_site``) writes them as plain HTML, and ``components.pdf`` as a PDF brief. So
every figure, text and citation comes from the same builders (``content``, ``render``) on every edition.

Pure: no Streamlit, no HTML. Interactive-only pieces (the domain filter, the data download, the page
links) are blocks too; each edition decides how to show them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from components import content, exports, i18n, maps, reader
from components.data import Package

# --- blocks --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    """1: the page title, 2: a section header, 3: a sub-header; ``anchor``: its ``id``, where a link may lead
    (a choice's section: :func:`section_id`)."""

    text: str
    level: int = 2
    anchor: str = ""


@dataclass(frozen=True)
class Caption:
    text: str


@dataclass(frozen=True)
class Label:
    """A bold run-in heading."""

    text: str


@dataclass(frozen=True)
class Markdown:
    """Our own UI text with ``**bold**`` and ``- `` bullet lines (never data)."""

    text: str


# render builders a Rows block may name, and whether they take the page language
ROW_KINDS = ("item_list", "figure_table", "kpi_cards", "version_table", "chips", "document_list", "link_list",
             "paragraph_links")
# the builders whose source lines link to the decision's paragraphs (each edition passes its own ``link``)
LINKED_KINDS = ("item_list", "figure_table", "kpi_cards", "version_table", "paragraph_links")


@dataclass(frozen=True)
class Rows:
    """Rows from ``content`` for the ``render`` builder ``kind`` (with its keyword ``options``)."""

    kind: str
    rows: list
    options: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.kind not in ROW_KINDS:
            raise ValueError(f"unknown row kind {self.kind!r}")


@dataclass(frozen=True)
class Chart:
    """A chart with its numbers as a table and its exports (PNG, SVG, CSV): files beside the static twin of
    ``page`` (the page that shows it), which both editions link to."""

    item: exports.ChartExport
    page: str


@dataclass(frozen=True)
class Reader:
    """The decision, paragraph by paragraph (``components.reader``): one part (``"III"``, ``"art2"`` …) with
    the contents of the decision and links to the parts before and after it, or, with no part, the contents
    of the whole decision. The app's page (``pages/plan.py``) draws the same builders with a part picker."""

    part: str | None = None


@dataclass(frozen=True)
class Map:
    """The schematic map: ``kind`` "urban" | "gates" (with layer toggles in the app) or "unit" (a locator)."""

    kind: str
    layers: tuple[str, ...] = ()
    zoom: float = 8.1
    centre: tuple[float, float] = maps.CENTRE
    unit_id: str | None = None


@dataclass(frozen=True)
class Expander:
    title: str
    blocks: list


@dataclass(frozen=True)
class Columns:
    weights: list
    columns: list  # one list of blocks per column
    gap: str = "large"


@dataclass(frozen=True)
class Choice:
    """A filter kept in ``?key=`` in the app; each option's blocks (all of them on the static edition). With no
    choice the app shows every section, or none when ``closed`` (a long register: the chips say what is in it),
    or only the ``default`` one (a page's parts, one at a time: see :func:`parts`)."""

    key: str
    label: str
    options: list  # (value, label)
    sections: list  # (value, blocks)
    everything: str = ""  # the app's choice of every section (``?key=all`` when closed)
    closed: bool = False
    default: str | None = None

    def shown(self, chosen: str | None) -> list:
        """The blocks of the sections the app shows for ``chosen`` (a checked value, or None)."""
        if self.default is not None:
            chosen = chosen or self.default
            return [block for value, blocks in self.sections if value == chosen for block in blocks]
        return [block for value, blocks in self.sections
                if chosen in (value, EVERY_SECTION) or (chosen is None and not self.closed) for block in blocks]


EVERY_SECTION = "all"  # ``?notes=all``: every section of a closed choice

# The parameters of the app's choices: the targets' domain, the kind of data note, a part of a long page.
CHOICE_PARAMS = ("domain", "notes", *(key for key, _parts in content.PARTS.values()))


def section_id(key: str, value: str) -> str:
    """The ``id`` of the heading of a choice's section (``sector-transport``): the static edition shows every
    section, the app the chosen ones."""
    return f"{key}-{value}"


def section_anchor(query: dict[str, str]) -> str:
    """``#sector-transport``: where the static edition shows the section that ``query`` chooses in the app (none
    for ``?notes=all``, or a query that chooses nothing)."""
    chosen = [(k, v) for k, v in query.items() if k in CHOICE_PARAMS and v != EVERY_SECTION]
    return "#" + section_id(*chosen[0]) if chosen else ""


def parts(slug: str, label: str, sections: dict[str, list], lang: str, level: int = 2) -> Choice:
    """Page ``slug``'s parts (:data:`content.PARTS`) as a choice: the app shows one part at a time (the first
    with no choice), the static edition and the PDF every part. Each part opens with its title as a heading of
    ``level`` (3 where the parts are a section's own), its run-in labels made sub-headings."""
    key, named = content.PARTS[slug]
    options = [(value, i18n.translate(title, lang)) for value, title in named]
    return Choice(key, label, options, [(value, [Heading(text, level, section_id(key, value)),
                                                 *demote_labels(sections[value], level + 1)])
                                        for value, text in options], default=named[0][0])


@dataclass(frozen=True)
class PageLinks:
    """Links to the other pages."""

    skip: tuple[str, ...] = ()


@dataclass(frozen=True)
class DataDownload:
    """The full data download (zip)."""


@dataclass(frozen=True)
class Twin:
    """The link to the same page in the other edition, and its PDF brief."""

    slug: str


def walk(blocks: list):
    """Every block, depth first (the blocks inside expanders, columns, tabs and choices included)."""
    for b in blocks:
        yield b
        if isinstance(b, Expander):
            yield from walk(b.blocks)
        elif isinstance(b, Columns):
            for col in b.columns:
                yield from walk(col)
        elif isinstance(b, Choice):
            for _key, inner in b.sections:
                yield from walk(inner)


def demote_labels(blocks: list, level: int = 3) -> list:
    """Labels inside a part become sub-headings (the part's title is the section's heading)."""
    return [Heading(b.text, level) if isinstance(b, Label) else b for b in blocks]


def title_of(blocks: list) -> str:
    return next(b.text for b in blocks if isinstance(b, Heading) and b.level == 1)


def description_of(blocks: list) -> str:
    """The page's first caption: what the page is, in one or two sentences."""
    return next((b.text for b in blocks if isinstance(b, Caption)), title_of(blocks))


# --- pages ---------------------------------------------------------------------------------------


def _notes(pkg: Package, lang: str, title: str, *subjects: str) -> Expander:
    return Expander(title, [Rows("item_list", content.notes_rows(pkg, content.notes_about(pkg, *subjects), lang))])


def overview(pkg: Package, lang: str) -> list:
    _ = i18n.gettext_for(lang)
    return [
        Heading(_("Lạng Sơn provincial plan 2021–2030, vision to 2050"), 1),
        Caption(_("As adjusted by Decision 339/QĐ-UBND of 28 February 2026. Every figure cites the decision: open "
                  "“Source” beside it to read the official Vietnamese wording.")),
        Twin(""),
        Heading(_("The plan in three sentences")),
        Rows("item_list", content.headline_statements(pkg, lang)),
        Heading(_("Headline targets")),
        Rows("kpi_cards", content.headline_figures(pkg, lang)),
        Heading(_("The province in brief")),
        Columns([3, 2], [
            [Rows("figure_table", content.province_facts(pkg, lang), {"headers": (_("Fact"), _("Figure"))})],
            [Label(_("Neighbours")), Rows("item_list", content.neighbours(pkg, lang))],
        ]),
        Expander(_("The full goals and vision"), [
            Label(_("Goals to 2030")),
            Rows("item_list", content.goals_of(pkg, "general_goal", lang) + content.goals_of(pkg, "goal_statement",
                                                                                             lang)),
            Label(_("Milestone 2035")),
            Rows("item_list", content.goals_of(pkg, "milestone", lang)),
            Label(_("Vision to 2050")),
            Rows("item_list", content.goals_of(pkg, "vision", lang)),
            Label(_("Defence, security and foreign affairs")),
            Rows("item_list", content.goals_of(pkg, "defence_goal", lang)),
        ]),
        Heading(_("Explore the plan")),
        PageLinks(skip=("",)),
    ]


def targets(pkg: Package, lang: str) -> list:
    _ = i18n.gettext_for(lang)
    grdp, labour, versions, growth = content.target_charts(pkg, lang)
    return [
        Heading(_("Targets to 2030"), 1),
        Caption(_("Every figure of Article 1, section II.2.b of the decision, worded as the plan words it: "
                  "“about”, “at least”, “more than” and ranges are kept as they are.")),
        Twin("targets"),
        Columns([1, 1], [[Chart(grdp, "targets")], [Chart(labour, "targets")]]),
        parts("targets", _("Show the section on"), {
            "domains": [
                Choice("domain", _("Show the targets of"),
                       [(domain, i18n.translate(label, lang)) for domain, label in content.DOMAINS],
                       [(domain, [Heading(i18n.translate(label, lang), 3, section_id("domain", domain)),
                                  Rows("figure_table", content.targets_in(pkg, lang, domain))])
                        for domain, label in content.DOMAINS], _("Every domain")),
            ],
            "changes": [
                Caption(_("The 2024 plan's figures are those the news reported for it (Decision 236/QĐ-TTg) and for "
                          "its implementation plan; each cites its article. Periods and bases can differ: see the "
                          "data notes.")),
                Chart(versions, "targets"),
                Rows("version_table", content.version_rows(pkg, lang)),
            ],
            "growth": [
                Chart(growth, "targets"),
                Rows("figure_table", content.actual_rows(pkg, lang), {"headers": (_("Sector"), _("Growth"))}),
            ],
        }, lang),
        _notes(pkg, lang, _("Data notes on these figures"), "targets", "plan_versions", "actuals"),
    ]


def breakthroughs(pkg: Package, lang: str) -> list:
    _ = i18n.gettext_for(lang)
    return [
        Heading(_("Breakthroughs and focus tasks"), 1),
        Caption(_("Article 1, sections II.1 and II.4 of the decision. Headings are ours; the text under each is the "
                  "plan's, translated, with the official Vietnamese one click away.")),
        Twin("breakthroughs"),
        Heading(_("The 4 development breakthroughs")),
        Rows("item_list", content.statements(pkg, "breakthroughs", lang), {"ordered": True}),
        Heading(_("The 8 focus tasks")),
        Rows("item_list", content.statements(pkg, "focus_tasks", lang), {"ordered": True}),
        Heading(_("The 4 pillars of digital transformation")),
        Rows("item_list", content.items(pkg, pkg["digital_pillars"].sort_values("order"), lang, title="name"),
             {"ordered": True}),
        Heading(_("The 6 development viewpoints")),
        Rows("item_list", content.statements(pkg, "viewpoints", lang), {"ordered": True}),
    ]


def border_gates(pkg: Package, lang: str) -> list:
    _ = i18n.gettext_for(lang)
    return [
        Heading(_("Border gates and the border economy"), 1),
        Caption(_("Article 1, sections III.1.c, V.1 and VI.1.c of the decision. Counterpart gates and crossings on "
                  "the Chinese side are shown only where a source names them.")),
        Twin("border-gates"),
        Heading(_("The Đồng Đăng – Lạng Sơn border-gate economic zone")),
        Rows("item_list", content.logistics_items(pkg, lang, kinds=("border_economic_zone",))),
        Heading(_("Map of the border gates")),
        Map("gates", maps.GATES_LAYERS, zoom=8.9, centre=maps.GATES_CENTRE),
        Heading(_("The 5 priority gates and crossings")),
        Rows("item_list", content.priority_gates(pkg, lang), {"ordered": True}),
        Heading(_("The 10 border gates")),
        Rows("figure_table", content.fact_rows(pkg, lang, ids=["gates_to_develop", "priority_gates"]),
             {"headers": (_("Fact"), _("Figure"))}),
        Caption(_("The decision counts 10 gates to keep developing but its text names only the gates below; the "
                  "full list is presumably in an annex that is not part of the published text.")),
        Rows("figure_table", content.crossing_rows(pkg, lang), {"headers": (_("Gate or crossing"), _("Kind"))}),
        Heading(_("Dry ports, logistics and trade zones")),
        Rows("item_list", content.logistics_items(pkg, lang, exclude=("border_economic_zone",))),
        Heading(_("The service sector")),
        Caption(_("Article 1, section III.1.b, and the western economic zone in III.3.c; tourism has a page of its "
                  "own.")),
        Rows("item_list", content.statement_items(pkg, lang, ("services",))),
        Heading(_("What changed from the 2024 plan")),
        Rows("version_table", content.version_rows_for(pkg, lang, content.BORDER_VERSION_ITEMS)),
        _notes(pkg, lang, _("Data notes on the border gates"), "border_crossings", "priority_gates", "logistics"),
    ]


def tourism(pkg: Package, lang: str) -> list:
    _ = i18n.gettext_for(lang)
    return [
        Heading(_("Tourism"), 1),
        Caption(_("Tourism is to become a spearhead economic sector by 2030 (Article 1, sections II.4.a and "
                  "III.1.b).")),
        Twin("tourism"),
        Heading(_("Targets for 2030")),
        Rows("kpi_cards", content.tourism_figures(pkg, lang)),
        Heading(_("Mẫu Sơn and the UNESCO Global Geopark")),
        Rows("item_list", content.tourism_items(pkg, lang, "national_tourist_area", "geopark")),
        Heading(_("Tourist areas")),
        Rows("item_list", content.tourism_items(pkg, lang, "tourist_areas")),
        Heading(_("Product groups")),
        Rows("item_list", content.tourism_items(pkg, lang, "product_group", "supplementary_product")),
        Heading(_("Tourism in each economic zone")),
        Rows("item_list", content.tourism_items(pkg, lang, "zone_tourism")),
        Heading(_("Tasks for tourism")),
        Rows("item_list", content.tourism_items(pkg, lang, "task")),
        _notes(pkg, lang, _("Data notes on tourism"), "tourism"),
    ]


def urban_system(pkg: Package, lang: str) -> list:
    _ = i18n.gettext_for(lang)
    blocks = [
        Heading(_("Urban system and spatial structure"), 1),
        Caption(_("One development axis, two economic corridors and three socio-economic zones (Article 1, section "
                  "III.3), and 13 urban areas by 2030 (section IV.1).")),
        Twin("urban-system"),
        Heading(_("Map of the urban system")),
        Map("urban", maps.URBAN_LAYERS),
        Heading(_("13 urban areas by 2030")),
        Rows("figure_table", content.urban_rows(pkg, lang), {"headers": (_("Urban area"), _("Class"))}),
        Label(_("Communes planned to become wards")),
        Rows("chips", content.planned_ward_names(pkg), {"label": _("Communes planned to become wards")}),
    ]
    for kind, heading in content.STRUCTURE_HEADINGS:
        blocks.append(Heading(i18n.translate(heading, lang)))
        for item in content.structures(pkg, kind, lang):
            blocks.append(Rows("item_list", [item]))
            if item["places"]:
                blocks.append(Rows("chips", item["places"], {"label": _("Places")}))
    blocks.append(_notes(pkg, lang, _("Data notes on the spatial structure"), "structure_members",
                         "spatial_structures", "urban_area"))
    return blocks


def infrastructure(pkg: Package, lang: str) -> list:
    _ = i18n.gettext_for(lang)
    facts = lambda *topics: Rows("figure_table", [r for t in topics for r in content.fact_rows(pkg, lang, topic=t)],  # noqa: E731
                                 {"headers": (_("Fact"), _("Figure"))})
    grouped = lambda groups, rows: [b for heading, keys in groups  # noqa: E731
                                    for b in (Label(i18n.translate(heading, lang)), Rows("item_list", rows(keys)))]
    return [
        Heading(_("Industry, infrastructure and environment"), 1),
        Caption(_("Article 1, sections III.1.a, V–VII and IX of the decision. Details the decision leaves to its "
                  "annexes (Phụ lục) are not in the published text and are not shown.")),
        Twin("infrastructure"),
        parts("infrastructure", _("Show the section on"), {
            "industry": [
                facts(*content.PART_FACTS["industry"]),
                Label(_("Communes where industrial parks are focused")),
                Rows("chips", content.industrial_park_communes(pkg),
                     {"label": _("Communes where industrial parks are focused")}),
                Label(_("Routes along which industrial clusters are placed")),
                Rows("item_list", content.industry_items(pkg, lang, "cluster_corridor")),
                Label(_("Priority sectors")),
                Rows("item_list", content.industry_items(pkg, lang, "priority_sector")),
                Label(_("Directions")),
                Rows("item_list", content.industry_items(pkg, lang, "direction")),
            ],
            "transport": [
                facts(*content.PART_FACTS["transport"]),
                Rows("item_list", content.infrastructure_items(pkg, lang, *content.TRANSPORT_SECTORS)),
            ],
            "utilities": grouped(content.UTILITY_GROUPS, lambda s: content.infrastructure_items(pkg, lang, *s)),
            "social": [facts(*content.PART_FACTS["social"])] + [
                b for heading, sectors in content.SOCIAL_GROUPS for b in (
                    Label(i18n.translate(heading, lang)),
                    Rows("item_list", content.infrastructure_items(pkg, lang, *sectors)),
                    *_sector_directions(pkg, lang, sectors))],
            "environment": [facts(*content.PART_FACTS["environment"])]
            + grouped(content.ENVIRONMENT_GROUPS, lambda k: content.environment_items(pkg, lang, k)),
        }, lang),
        _notes(pkg, lang, _("Data notes on these sections"), "industry", "infrastructure", "environment", "facts"),
    ]


def _sector_directions(pkg: Package, lang: str, sectors: tuple[str, ...]) -> list:
    """The decision's directions for these sectors (Article 1, section III.2), collapsed under their group."""
    topics = tuple(t for sector in sectors for t in content.SECTOR_TOPICS.get(sector, ()))
    if not topics:
        return []
    _ = i18n.gettext_for(lang)
    return [Expander(_("Directions for the sector (Article 1, section III.2)"),
                     [Rows("item_list", content.statement_items(pkg, lang, topics))])]


def agriculture(pkg: Package, lang: str) -> list:
    _ = i18n.gettext_for(lang)
    reader_links = [(pid, text) for pid, text in (
        ("a1-iii-1-d", _("Section III.1.d: agriculture, forestry and fisheries")),
        ("a1-iv-2", _("Section IV.2: the organisation of rural areas")),
        ("a1-v-5", _("Section V.5: the plan for agriculture, forestry and fisheries")),
        ("a1-v-7", _("Section V.7: disadvantaged and extremely disadvantaged areas")))]
    return [
        Heading(_("Agriculture and rural areas"), 1),
        Caption(_("Article 1, sections III.1.d and V.5 (agriculture, forestry and fisheries), IV.2 (rural areas), V.7 "
                  "(disadvantaged areas) and the economic zones of III.3.c. The decision names no fisheries "
                  "project.")),
        Twin("agriculture"),
        Heading(_("Targets for 2030")),
        Rows("figure_table", content.agriculture_targets(pkg, lang)),
        Heading(_("Directions and plan for agriculture")),
        Rows("item_list", content.statement_items(pkg, lang, ("agriculture",), ("orientation",))),
        Heading(_("Crops, products and production areas")),
        Rows("item_list", content.statement_items(pkg, lang, ("agriculture", "forestry"),
                                                  ("product", "production_zone"))),
        Heading(_("Forests and forestry")),
        Rows("item_list", content.forest_items(pkg, lang)),
        Heading(_("Rural areas and settlements")),
        Rows("item_list", content.statement_items(pkg, lang, ("rural",))),
        Heading(_("Disadvantaged and extremely disadvantaged areas")),
        Caption(_("The decision does not list which communes these are.")),
        Rows("item_list", content.statement_items(pkg, lang, ("difficult_areas",))),
        Heading(_("Read it in the decision")),
        Rows("paragraph_links", reader_links, {"label": _("Read it in the decision")}),
    ]


def sources_page(pkg: Package, lang: str) -> list:
    _ = i18n.gettext_for(lang)
    kinds = [(kind, f"{name} ({i18n.format_number(count, lang)})")
             for kind, name, count in content.note_kinds(pkg, lang)]
    return [
        Heading(_("Sources and data"), 1),
        Twin("sources"),
        Heading(_("Download the data")),
        Markdown(_("Every table as CSV (UTF-8), the Frictionless descriptor, the data dictionary, the decision's "
                   "text and a citation and licence file. Our curation and translations are CC BY 4.0.")),
        DataDownload(),
        Heading(_("Documents")),
        Rows("document_list", content.document_rows(pkg, lang)),
        Heading(_("How the data is curated and checked")),
        Markdown(_(
            "- Every figure and statement is a row of a CSV file, with the document, the section and a short verbatim "
            "Vietnamese quote it rests on.\n"
            "- An automatic check compares every quote with the stored text of the decision (and with the news "
            "articles where their text is available), and checks types, allowed values, ranges and links between "
            "tables.\n"
            "- Commune and ward names are checked against the national list of administrative units (2025).\n"
            "- English texts are our translations; the Vietnamese is the official wording.\n"
            "- Where a source is ambiguous or has a slip, we do not correct it silently: it is listed below.")),
        Heading(_("Land, defence and implementation")),
        Markdown(_("What the decision says on land allocation and land zoning (Article 1, section VIII), defence and "
                   "security (V.6, III.2.h, X.6) and the solutions and resources to carry out the plan (X); each "
                   "statement in full in the plan reader.")),
        parts("sources", _("Show what the decision says on"),
              {value: [Rows("item_list", content.statement_items(pkg, lang, topics))]
               for value, topics in content.SOURCES_TOPICS.items()}, lang, level=3),
        Heading(_("Data notes")),
        Choice("notes", _("Data notes by kind"), kinds,
               [(kind, [Heading(label, 3, section_id("notes", kind)),
                        Rows("item_list", content.notes_register(pkg, lang, kind))])
                for kind, label in kinds],
               _("All {count} data notes").format(count=i18n.format_number(len(pkg["data_notes"]), lang)),
               closed=True),
        Heading(_("What changed between plan versions")),
        Rows("version_table", content.version_rows(pkg, lang)),
        Heading(_("Accessibility")),
        Markdown(_(
            "- **Standard targeted:** Web Content Accessibility Guidelines (WCAG) 2.1, level AA, in Vietnamese and "
            "English.\n"
            "- **How it is tested:** every change runs automatic checks in a real browser on every page in both "
            "languages: the axe-core rules for WCAG 2.1 A and AA (no serious or critical problem is allowed), the "
            "page language declared to screen readers, reaching the language switch and the navigation with the "
            "keyboard alone, a text alternative for every chart, and a phone-width layout (390 px) without sideways "
            "scrolling.\n"
            "- **Known limitations:** a few messages of the underlying Streamlit framework (such as “Connecting” when "
            "the connection drops) exist only in English; charts are pictures, so each has a text description and "
            "the same figures are in the table beside it; quotations of the original Vietnamese wording stay in "
            "Vietnamese on English pages and are marked as Vietnamese for screen readers.")),
    ]


def plan_reader(pkg: Package, lang: str, part: str | None = None) -> list:
    """The reader's static pages: the contents of the decision (no ``part``), or one part of it. The app's
    page (``pages/plan.py``) shows a part with a picker and a pager instead."""
    _ = i18n.gettext_for(lang)
    title = _("The decision, paragraph by paragraph")
    caption = Caption(_("The full text of Decision 339/QĐ-UBND of 28 February 2026 in its own structure. The "
                        "Vietnamese is the official text; the English is the dashboard's unofficial translation. Every "
                        "paragraph has a link of its own (¶) and lists the figures this dashboard draws from it."))
    if part is None:
        return [Heading(title, 1), caption, Twin("plan"), Reader()]
    return [Heading(_("{part} · {title}").format(part=reader.part_short(part, lang), title=title), 1), caption,
            Twin(f"plan/{part.lower()}"), Reader(part)]


def commune(pkg: Package, lang: str, unit: dict) -> list:
    """What the plan says about one commune or ward (the part of "My commune" under the picker)."""
    _ = i18n.gettext_for(lang)
    blocks = [
        Heading(unit["registry_name"]),
        Markdown(_("National code **{code}** · name in the national registry: **{name}**").format(
            code=unit["code"], name=markdown_escape(unit["registry_name"]))),
        Map("unit", unit_id=unit["id"]),
    ]
    for sec in content.unit_profile(pkg, unit["id"], lang):
        blocks.append(Heading(sec["title"], 3))
        blocks.append(Rows("item_list", sec["items"]) if sec["items"] else Markdown(sec["none"]))
    return blocks


def commune_page(pkg: Package, lang: str, unit: dict) -> list:
    """A commune's own static page: the "My commune" title and caption, then its profile."""
    _ = i18n.gettext_for(lang)
    profile = [Heading(b.text, 2) if isinstance(b, Heading) else b for b in commune(pkg, lang, unit)[1:]]
    return [Heading(_("{name}: what the plan says").format(name=unit["registry_name"]), 1),
            Caption(_("Everything Decision 339/QĐ-UBND says about this commune or ward, with citations.")),
            Twin(f"commune/{unit['code']}")] + profile


def markdown_escape(text: str) -> str:
    """Markdown characters shown as themselves (text from data inside a Markdown block)."""
    return "".join("\\" + c if c in "\\`*_{}[]()#+-.!|<>~" else c for c in text)


# The pages with a layout: app url_path -> layout. Each gets its static twin (/vi/<slug>/, /en/<slug>/) and a PDF
# brief; a new topic page (e.g. the plan reader, "plan") is added here and its script calls widgets.show_page.
# The order is the site's order.
PAGES: dict[str, Callable[[Package, str], list]] = {
    "": overview,
    "targets": targets,
    "breakthroughs": breakthroughs,
    "border-gates": border_gates,
    "tourism": tourism,
    "urban-system": urban_system,
    "infrastructure": infrastructure,
    "agriculture": agriculture,
    "sources": sources_page,
}

