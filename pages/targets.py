"""Targets 2030: every figure of section II.2.b, grouped by domain, with the charts that help."""

import streamlit as st

from components import content, data, i18n, render, widgets

lang, _ = widgets.page_context(__file__)
pkg = data.package()

st.title(_("Targets to 2030"))
st.caption(_("Every figure of Article 1, section II.2.b of the decision, worded as the plan words it: "
             "“about”, “at least”, “more than” and ranges are kept as they are."))

grdp, labour, versions, growth = content.target_charts(pkg, lang)
left, right = st.columns(2, gap="large")
for column, item in ((left, grdp), (right, labour)):
    with column:
        widgets.chart(item)
        widgets.export_bar(item, lang)

st.header(_("All targets by domain"))
names = dict(content.DOMAINS)
only = widgets.url_choice("domain", list(names), _("Show one domain (leave empty for all)"),
                          lambda d: i18n.translate(names[d], lang))
for domain, label in content.DOMAINS:
    if only in (None, domain):
        st.subheader(i18n.translate(label, lang))
        widgets.html(render.figure_table(content.targets_in(pkg, lang, domain), lang))

st.header(_("What the 2026 adjustment changed"))
st.caption(_("The 2024 plan's figures are those the news reported for it (Decision 236/QĐ-TTg) and for its "
             "implementation plan; each cites its article. Periods and bases can differ: see the data notes."))
widgets.chart(versions)
widgets.export_bar(versions, lang)
widgets.html(render.version_table(content.version_rows(pkg, lang), lang))

st.header(_("Growth in 2023 and the growth target"))
widgets.chart(growth)
widgets.export_bar(growth, lang)
widgets.html(render.figure_table(content.actual_rows(pkg, lang), lang, headers=(_("Sector"), _("Growth"))))

with st.expander(_("Data notes on these figures")):
    widgets.html(render.item_list(content.notes_rows(pkg, content.notes_about(pkg, "targets", "plan_versions",
                                                                              "actuals"), lang), lang))
