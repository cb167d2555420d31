"""Search: every row of every table, both languages, without diacritics if you like."""

import streamlit as st

from components import data, i18n, search, widgets

lang, _ = widgets.page_context(__file__)
ngettext = i18n.ngettext_for(lang)
pkg = data.package()

st.title(_("Search the plan"))
query = widgets.search_box(lang, key="search_page_q", label=_("Search for a place, a target, a project…"))
if query:
    results = search.search(pkg, query, lang)
    found = ngettext("{count} result for “{query}”", "{count} results for “{query}”", len(results))
    st.markdown(found.format(count=i18n.format_number(len(results), lang), query=widgets.md_escape(query)))
    widgets.search_results(results, lang, query)
else:
    st.markdown(_("Type a word or a place: for example “mau son”, “cửa khẩu”, “geopark”, “tỷ lệ đô thị hóa”."))
