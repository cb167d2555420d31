"""Search: every row of every table, both languages, without diacritics if you like."""

import streamlit as st

from components import widgets

lang, _ = widgets.page_context(__file__)
st.title(_("Search the plan"))
widgets.search_page(lang)
