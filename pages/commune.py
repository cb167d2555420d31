"""My commune: everything the plan says about one of the 65 communes and wards, with citations."""

import streamlit as st

from components import content, data, render, widgets

lang, _ = widgets.page_context(__file__)
pkg = data.package()

st.title(_("My commune"))
st.caption(_("Choose any of the 65 communes and wards; typing without diacritics works (“huu lung”), and so "
             "does any spelling the sources use."))
unit = widgets.unit_picker(pkg, lang)
if unit is None:
    st.info(_("Choose a commune or ward to see what the plan says about it."))
else:
    st.header(unit["registry_name"])
    st.markdown(_("National code **{code}** · name in the national registry: **{name}**").format(
        code=unit["code"], name=widgets.md_escape(unit["registry_name"])))
    widgets.unit_locator(lang, unit["id"])
    for sec in content.unit_profile(pkg, unit["id"], lang):
        st.subheader(sec["title"])
        if sec["items"]:
            widgets.html(render.item_list(sec["items"], lang))
        else:
            st.markdown(sec["none"])
