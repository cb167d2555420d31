"""Router: page config, language from the URL, navigation and the shared chrome."""

import streamlit as st

from components import data, i18n, kiosk, kiosk_screen, site, widgets

st.set_page_config(page_title="Quy hoạch tỉnh Lạng Sơn", page_icon="⛰️", layout="wide",
                   initial_sidebar_state="auto")

# A cold deep link ran a page without this router (see widgets.page_context): take its language
# before the switch is drawn, and send the visitor on to that page once navigation exists.
handover = st.session_state.pop(widgets.HANDOVER_KEY, None)
if handover and handover["query"].get(widgets.LANG_KEY) in i18n.LANGS:
    st.query_params[widgets.LANG_KEY] = handover["query"][widgets.LANG_KEY]

lang = widgets.resolve_page_lang()
kiosk_settings = kiosk_screen.resolve()  # ?kiosk=1: the exhibition screen (components/kiosk_screen.py)
if not kiosk_settings:
    widgets.language_switch(lang)
_ = i18n.gettext_for(lang)
widgets.set_document_lang(lang)
widgets.chrome()

pages = {slug: st.Page(path, title=_(title), url_path=slug, default=(slug == ""))
         for path, title, slug in site.PAGES}
pages.update({slug: st.Page(path, title=_(title), url_path=slug, visibility="hidden")
              for path, title, slug in site.HIDDEN_PAGES})
page = st.navigation(list(pages.values()), position="hidden" if kiosk_settings else "sidebar")

if handover and site.SLUGS.get(handover["page"]) in pages:
    st.switch_page(pages[site.SLUGS[handover["page"]]], query_params={**handover["query"], widgets.LANG_KEY: lang})

if kiosk_settings:
    if page.url_path not in kiosk.PAGES + (kiosk.HIGHLIGHTS,):  # search, sources, commune: not on a kiosk
        st.switch_page(pages[""], query_params=widgets.link_query(lang))
    attract = page.url_path == kiosk.HIGHLIGHTS
    kiosk_screen.chrome(kiosk_settings, lang, "attract" if attract else "page")
    if not attract:
        kiosk_screen.top_bar(lang, page.url_path)
else:
    widgets.sidebar_search(lang)
st.session_state[widgets.ROUTED_KEY] = True
try:
    page.run()
except data.DataError as err:  # one friendly message, never a traceback
    st.error(_("A data file has a problem, so this page cannot be shown. Details: {detail}").format(detail=err))
finally:
    st.session_state[widgets.ROUTED_KEY] = False

st.divider()
if not kiosk_settings:
    widgets.share_and_cite(lang)
st.caption(_("Source of every figure: Decision 339/QĐ-UBND of the Lạng Sơn People's Committee, 28 February 2026, "
             "approving the adjusted provincial plan 2021–2030, vision to 2050. English translation by the dashboard "
             "team; the official Vietnamese wording is one click away beside each figure."))
