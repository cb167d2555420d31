"""Agriculture and rural areas: farming, forestry, production areas, rural settlements, disadvantaged areas."""

import streamlit as st

from components import content, data, render, widgets

lang, _ = widgets.page_context(__file__)
pkg = data.package()

st.title(_("Agriculture and rural areas"))
st.caption(_("Article 1, sections III.1.d and V.5 (agriculture, forestry and fisheries), IV.2 (rural areas), V.7 "
             "(disadvantaged areas) and the economic zones of III.3.c. The decision names no fisheries project."))

st.header(_("Targets for 2030"))
widgets.html(render.figure_table(content.agriculture_targets(pkg, lang), lang))

st.header(_("Directions for agriculture"))
widgets.html(render.item_list(content.statement_items(pkg, lang, ("agriculture",), ("orientation",)), lang))

st.header(_("Crops, products and production areas"))
widgets.html(render.item_list(content.statement_items(pkg, lang, ("agriculture", "forestry"),
                                                      ("product", "production_zone")), lang))

st.header(_("Forests and forestry"))
widgets.html(render.item_list(content.forest_items(pkg, lang), lang))

st.header(_("Rural areas and settlements"))
widgets.html(render.item_list(content.statement_items(pkg, lang, ("rural",)), lang))

st.header(_("Disadvantaged and extremely disadvantaged areas"))
st.caption(_("The decision does not list which communes these are."))
widgets.html(render.item_list(content.statement_items(pkg, lang, ("difficult_areas",)), lang))

st.header(_("Read it in the decision"))
widgets.plan_links(lang, [("a1-iii-1-d", _("Section III.1.d: agriculture, forestry and fisheries")),
                          ("a1-iv-2", _("Section IV.2: the organisation of rural areas")),
                          ("a1-v-5", _("Section V.5: the plan for agriculture, forestry and fisheries")),
                          ("a1-v-7", _("Section V.7: disadvantaged and extremely disadvantaged areas"))])
