"""Industry, infrastructure and environment: parks and clusters, transport, utilities, social, environment."""

import streamlit as st

from components import content, data, i18n, render, widgets

lang, _ = widgets.page_context(__file__)
pkg = data.package()

st.title(_("Industry, infrastructure and environment"))
st.caption(_("Article 1, sections III.1.a, V–VII and IX of the decision. Details the decision leaves to its "
             "annexes (Phụ lục) are not in the published text and are not shown."))

industry, transport, utilities, social, environment = st.tabs(
    [_("Industry"), _("Transport"), _("Energy and utilities"), _("Social infrastructure"),
     _("Environment and resources")])

with industry:
    widgets.html(render.figure_table(content.fact_rows(pkg, lang, topic="industry"), lang,
                                     headers=(_("Fact"), _("Figure"))))
    widgets.label(_("Communes where industrial parks are focused"))
    widgets.html(render.chips(content.industrial_park_communes(pkg), _("Communes where industrial parks are focused")))
    widgets.label(_("Routes along which industrial clusters are placed"))
    widgets.html(render.item_list(content.industry_items(pkg, lang, "cluster_corridor"), lang))
    widgets.label(_("Priority sectors"))
    widgets.html(render.item_list(content.industry_items(pkg, lang, "priority_sector"), lang))
    widgets.label(_("Directions"))
    widgets.html(render.item_list(content.industry_items(pkg, lang, "direction"), lang))

with transport:
    widgets.html(render.figure_table(content.fact_rows(pkg, lang, topic="transport"), lang,
                                     headers=(_("Fact"), _("Figure"))))
    widgets.html(render.item_list(content.infrastructure_items(pkg, lang, "road", "rail", "waterway",
                                                               "transport_other"), lang))

with utilities:
    for heading, sectors in content.UTILITY_GROUPS:
        widgets.label(i18n.translate(heading, lang))
        widgets.html(render.item_list(content.infrastructure_items(pkg, lang, *sectors), lang))

with social:
    widgets.html(render.figure_table(content.fact_rows(pkg, lang, topic="social"), lang,
                                     headers=(_("Fact"), _("Figure"))))
    for heading, sectors in content.SOCIAL_GROUPS:
        widgets.label(i18n.translate(heading, lang))
        widgets.html(render.item_list(content.infrastructure_items(pkg, lang, *sectors), lang))
        topics = tuple(t for sector in sectors for t in content.SECTOR_TOPICS.get(sector, ()))
        if topics:
            with st.expander(_("Directions for the sector (Article 1, section III.2)")):
                widgets.html(render.item_list(content.statement_items(pkg, lang, topics), lang))

with environment:
    widgets.html(render.figure_table(content.fact_rows(pkg, lang, topic="environment")
                                     + content.fact_rows(pkg, lang, topic="water")
                                     + content.fact_rows(pkg, lang, topic="resources"), lang,
                                     headers=(_("Fact"), _("Figure"))))
    for heading, kinds in content.ENVIRONMENT_GROUPS:
        widgets.label(i18n.translate(heading, lang))
        widgets.html(render.item_list(content.environment_items(pkg, lang, kinds), lang))

with st.expander(_("Data notes on these sections")):
    widgets.html(render.item_list(content.notes_rows(
        pkg, content.notes_about(pkg, "industry", "infrastructure", "environment", "facts"), lang), lang))
