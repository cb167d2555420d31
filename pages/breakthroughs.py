"""Breakthroughs and focus tasks: the 4 breakthroughs, 8 focus tasks, 6 viewpoints, 4 digital pillars."""

import streamlit as st

from components import content, data, render, widgets

lang, _ = widgets.page_context(__file__)
pkg = data.package()

st.title(_("Breakthroughs and focus tasks"))
st.caption(_("Article 1, sections II.1 and II.4 of the decision. Headings are ours; the text under each is the "
             "plan's, translated, with the official Vietnamese one click away."))

st.header(_("The 4 development breakthroughs"))
widgets.html(render.item_list(content.statements(pkg, "breakthroughs", lang), lang, ordered=True))

st.header(_("The 8 focus tasks"))
widgets.html(render.item_list(content.statements(pkg, "focus_tasks", lang), lang, ordered=True))

st.header(_("The 4 pillars of digital transformation"))
widgets.html(render.item_list(content.items(pkg, pkg["digital_pillars"].sort_values("order"), lang, title="name"),
                              lang, ordered=True))

st.header(_("The 6 development viewpoints"))
widgets.html(render.item_list(content.statements(pkg, "viewpoints", lang), lang, ordered=True))
