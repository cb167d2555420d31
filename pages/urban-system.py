"""Urban system and spatial structure: 13 urban areas, planned wards, poles, the axis, corridors, zones."""

import streamlit as st

from components import content, data, maps, render, widgets

lang, _ = widgets.page_context(__file__)
pkg = data.package()

st.title(_("Urban system and spatial structure"))
st.caption(_("One development axis, two economic corridors and three socio-economic zones (Article 1, section "
             "III.3), and 13 urban areas by 2030 (section IV.1)."))

st.header(_("Map of the urban system"))
widgets.map_view(lang, "urban", default_layers=maps.URBAN_LAYERS)

st.header(_("13 urban areas by 2030"))
widgets.html(render.figure_table(content.urban_rows(pkg, lang), lang, headers=(_("Urban area"), _("Class"))))
widgets.label(_("Communes planned to become wards"))
widgets.html(render.chips(content.planned_ward_names(pkg), _("Communes planned to become wards")))

for kind, heading in content.STRUCTURE_HEADINGS:
    st.header(_(heading))
    for item in content.structures(pkg, kind, lang):
        widgets.html(render.item_list([item], lang))
        if item["places"]:
            widgets.html(render.chips(item["places"], _("Places")))

with st.expander(_("Data notes on the spatial structure")):
    widgets.html(render.item_list(content.notes_rows(
        pkg, content.notes_about(pkg, "structure_members", "spatial_structures", "urban_area"), lang), lang))
