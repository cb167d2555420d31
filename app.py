"""Router: page config, language from the URL, navigation and the shared chrome."""

import streamlit as st

from components import guard, i18n, kiosk, kiosk_screen, params, site, widgets

st.set_page_config(page_title="Quy hoạch tỉnh Lạng Sơn", page_icon="⛰️", layout="wide")

# Everything below runs inside the guard (components/guard.py): an unexpected failure is logged with a
# reference id and shown as one message in the page's language; Streamlit's control flow passes.
with guard.page(guard.current_lang):
    # A cold deep link ran a page without this router (see widgets.page_context): take its language
    # before the switch is drawn, and send the visitor on to that page once navigation exists.
    handover = st.session_state.pop(widgets.HANDOVER_KEY, None)
    if handover and handover["query"].get(widgets.LANG_KEY) in i18n.LANGS:
        st.query_params[widgets.LANG_KEY] = handover["query"][widgets.LANG_KEY]

    params.sanitise()  # every value from the URL checked once, unknown parameters dropped
    lang = widgets.resolve_page_lang()
    if not handover:  # a run that hands over is replaced at once: the next run shows the message
        guard.show_pending(lang)  # a widget callback that failed before this run
    kiosk_settings = kiosk_screen.resolve()  # ?kiosk=1: the exhibition screen (components/kiosk_screen.py)
    _ = i18n.gettext_for(lang)
    with st.container(key="ls-head"):  # hidden (static/css/app.css): scripts and styles, no room taken
        widgets.set_document_lang(lang)
        widgets.chrome()

    pages = {slug: st.Page(path, title=_(title), url_path=slug, default=(slug == ""))
             for path, title, slug in site.PAGES}
    pages.update({slug: st.Page(path, title=_(title), url_path=slug, visibility="hidden")
                  for path, title, slug in site.HIDDEN_PAGES})
    # Streamlit's own page list stays hidden: the top of the page draws ours (widgets.site_top), plain links.
    page = st.navigation(list(pages.values()), position="hidden")

    if handover and site.SLUGS.get(handover["page"]) in pages:
        st.switch_page(pages[site.SLUGS[handover["page"]]],
                       query_params={**params.clean(handover["query"]), widgets.LANG_KEY: lang})

    widgets.tab_title(lang, page.url_path)
    if kiosk_settings:
        if page.url_path not in kiosk.PAGES + (kiosk.HIGHLIGHTS,):  # search, sources, commune: not on a kiosk
            st.switch_page(pages[""], query_params=widgets.link_query(lang))
        attract = page.url_path == kiosk.HIGHLIGHTS
        kiosk_screen.chrome(kiosk_settings, lang, "attract" if attract else "page")
        if not attract:
            kiosk_screen.top_bar(lang, page.url_path)
    else:
        widgets.site_top(lang, page.url_path)
    st.session_state[widgets.ROUTED_KEY] = True
    try:
        with guard.page(lang):  # the page's own failure: the message in its place, the chrome kept
            page.run()
    finally:
        st.session_state[widgets.ROUTED_KEY] = False

    widgets.footer(lang, page.url_path, share=not kiosk_settings)
