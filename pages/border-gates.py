"""Border gates: the border-gate economic zone, the 5 priorities, the 10 gates, dry ports, what changed."""

import streamlit as st

from components import content, data, maps, render, widgets

lang, _ = widgets.page_context(__file__)
pkg = data.package()

st.title(_("Border gates and the border economy"))
st.caption(_("Article 1, sections III.1.c, V.1 and VI.1.c of the decision. Counterpart gates and crossings on "
             "the Chinese side are shown only where a source names them."))

st.header(_("The Đồng Đăng – Lạng Sơn border-gate economic zone"))
widgets.html(render.item_list(content.logistics_items(pkg, lang, kinds=("border_economic_zone",)), lang))

st.header(_("Map of the border gates"))
widgets.map_view(lang, "gates", default_layers=maps.GATES_LAYERS, zoom=8.9, centre=maps.GATES_CENTRE)

st.header(_("The 5 priority gates and crossings"))
widgets.html(render.item_list(content.priority_gates(pkg, lang), lang, ordered=True))

st.header(_("The 10 border gates"))
widgets.html(render.figure_table(content.fact_rows(pkg, lang, ids=["gates_to_develop", "priority_gates"]), lang,
                                 headers=(_("Fact"), _("Figure"))))
st.caption(_("The decision counts 10 gates to keep developing but its text names only the gates below; the full "
             "list is presumably in an annex that is not part of the published text."))
widgets.html(render.figure_table(content.crossing_rows(pkg, lang), lang, headers=(_("Gate or crossing"), _("Kind"))))

st.header(_("Dry ports, logistics and trade zones"))
widgets.html(render.item_list(content.logistics_items(pkg, lang, exclude=("border_economic_zone",)), lang))

st.header(_("The service sector"))
st.caption(_("Article 1, section III.1.b, and the western zone in III.3.c; tourism has a page of its own."))
widgets.html(render.item_list(content.statement_items(pkg, lang, ("services",)), lang))

st.header(_("What changed from the 2024 plan"))
widgets.html(render.version_table(content.version_rows_for(pkg, lang, content.BORDER_VERSION_ITEMS), lang))

with st.expander(_("Data notes on the border gates")):
    widgets.html(render.item_list(content.notes_rows(
        pkg, content.notes_about(pkg, "border_crossings", "priority_gates", "logistics"), lang), lang))
