"""Sources and data: the documents, how the data is curated and checked, the data notes, plan versions."""

import streamlit as st

from components import content, data, render, widgets

lang, _ = widgets.page_context(__file__)
pkg = data.package()

st.title(_("Sources and data"))

st.header(_("Download the data"))
st.markdown(_("Every table as CSV (UTF-8), the Frictionless descriptor, the data dictionary, the decision's text "
              "and a citation and licence file. Our curation and translations are CC BY 4.0."))
widgets.data_download(lang)

st.header(_("Documents"))
widgets.html(render.document_list(content.document_rows(pkg, lang), lang))

st.header(_("How the data is curated and checked"))
st.markdown(_(
    "- Every figure and statement is a row of a CSV file, with the document, the section and a short verbatim "
    "Vietnamese quote it rests on.\n"
    "- An automatic check compares every quote with the stored text of the decision (and with the news articles "
    "where their text is available), and checks types, allowed values, ranges and links between tables.\n"
    "- Commune and ward names are checked against the national list of administrative units (2025).\n"
    "- English texts are our translations; the Vietnamese is the official wording.\n"
    "- Where a source is ambiguous or has a slip, we do not correct it silently: it is listed below."))

st.header(_("Land, defence and implementation"))
st.markdown(_("What the decision says on land allocation and land zoning (Article 1, section VIII), defence and "
              "security (V.6, III.2.h, X.6) and the solutions and resources to carry out the plan (X); each "
              "statement in full in the plan reader."))
land, defence, implementation = st.tabs([_("Land allocation"), _("Defence and security"), _("Implementation")])
with land:
    widgets.html(render.item_list(content.statement_items(pkg, lang, ("land",)), lang))
with defence:
    widgets.html(render.item_list(content.statement_items(pkg, lang, ("defence_security",)), lang))
with implementation:
    widgets.html(render.item_list(content.statement_items(pkg, lang, ("implementation",)), lang))

st.header(_("Data notes"))
counts = content.note_kind_counts(pkg, lang)
st.markdown(" · ".join(f"{label}: **{count}**" for label, count in counts))
with st.expander(_("All {count} data notes").format(count=len(pkg["data_notes"]))):
    widgets.html(render.item_list(content.notes_register(pkg, lang), lang))

st.header(_("What changed between plan versions"))
widgets.html(render.version_table(content.version_rows(pkg, lang), lang))

st.header(_("Accessibility"))
st.markdown(_(
    "- **Standard targeted:** Web Content Accessibility Guidelines (WCAG) 2.1, level AA, in Vietnamese and English.\n"
    "- **How it is tested:** every change runs automatic checks in a real browser on every page in both languages: "
    "the axe-core rules for WCAG 2.1 A and AA (no serious or critical problem is allowed), the page language "
    "declared to screen readers, reaching the language switch and the navigation with the keyboard alone, a text "
    "alternative for every chart, and a phone-width layout (390 px) without sideways scrolling.\n"
    "- **Known limitations:** a few messages of the underlying Streamlit framework (such as “Connecting” when the "
    "connection drops) exist only in English; charts are pictures, so each has a text description and the same "
    "figures are in the table beside it; quotations of the original Vietnamese wording stay in Vietnamese on "
    "English pages and are marked as Vietnamese for screen readers."))
