"""Tourism: the visitor and revenue targets, Mẫu Sơn, the Geopark, product groups, tourism by zone."""

import streamlit as st

from components import content, data, render, widgets

lang, _ = widgets.page_context(__file__)
pkg = data.package()

st.title(_("Tourism"))
st.caption(_("Tourism is to become a spearhead economic sector by 2030 (Article 1, sections II.4.a and III.1.b)."))

st.header(_("Targets for 2030"))
widgets.kpi_grid(content.tourism_figures(pkg, lang), lang)

st.header(_("Mẫu Sơn and the UNESCO Global Geopark"))
widgets.html(render.item_list(content.tourism_items(pkg, lang, "national_tourist_area", "geopark"), lang))

st.header(_("Tourist areas"))
widgets.html(render.item_list(content.tourism_items(pkg, lang, "tourist_areas"), lang))

st.header(_("Product groups"))
widgets.html(render.item_list(content.tourism_items(pkg, lang, "product_group", "supplementary_product"), lang))

st.header(_("Tourism in each economic zone"))
widgets.html(render.item_list(content.tourism_items(pkg, lang, "zone_tourism"), lang))

st.header(_("Tasks for tourism"))
widgets.html(render.item_list(content.tourism_items(pkg, lang, "task"), lang))

with st.expander(_("Data notes on tourism")):
    widgets.html(render.item_list(content.notes_rows(pkg, content.notes_about(pkg, "tourism"), lang), lang))
