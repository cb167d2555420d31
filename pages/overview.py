"""Overview: the 2030 goal, the 2035 milestone and the 2050 vision; headline figures; the province."""

import streamlit as st

from components import content, data, render, widgets

lang, _ = widgets.page_context(__file__)
pkg = data.package()

st.title(_("Lạng Sơn provincial plan 2021–2030, vision to 2050"))
st.caption(_("As adjusted by Decision 339/QĐ-UBND of 28 February 2026. Every figure cites the decision: open "
             "“Source” beside it to read the official Vietnamese wording."))

st.header(_("The plan in three sentences"))
widgets.html(render.item_list(content.headline_statements(pkg, lang), lang))

st.header(_("Headline targets"))
widgets.kpi_grid(content.headline_figures(pkg, lang), lang)

st.header(_("The province in brief"))
left, right = st.columns([3, 2], gap="large")
with left:
    widgets.html(render.figure_table(content.province_facts(pkg, lang), lang,
                                     headers=(_("Fact"), _("Figure"))))
with right:
    widgets.label(_("Neighbours"))
    widgets.html(render.item_list(content.neighbours(pkg, lang), lang))


with st.expander(_("The full goals and vision")):
    widgets.label(_("Goals to 2030"))
    widgets.html(render.item_list(content.goals_of(pkg, "general_goal", lang)
                                  + content.goals_of(pkg, "goal_statement", lang), lang))
    widgets.label(_("Milestone 2035"))
    widgets.html(render.item_list(content.goals_of(pkg, "milestone", lang), lang))
    widgets.label(_("Vision to 2050"))
    widgets.html(render.item_list(content.goals_of(pkg, "vision", lang), lang))
    widgets.label(_("Defence, security and foreign affairs"))
    widgets.html(render.item_list(content.goals_of(pkg, "defence_goal", lang), lang))

st.header(_("Explore the plan"))
widgets.page_links(lang, skip=("",))
