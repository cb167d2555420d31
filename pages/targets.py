"""Targets 2030: every figure of section II.2.b, grouped by domain, with the charts that help."""

import streamlit as st

from components import charts, content, data, render, widgets

lang, _ = widgets.page_context(__file__)
pkg = data.package()

st.title(_("Targets to 2030"))
st.caption(_("Every figure of Article 1, section II.2.b of the decision, worded as the plan words it: "
             "“about”, “at least”, “more than” and ranges are kept as they are."))

left, right = st.columns(2, gap="large")
with left:
    title = _("GRDP structure in 2030, by sector")
    widgets.chart(charts.structure_ranges(content.chart_group(pkg, "grdp_structure_2030"), lang, title,
                                            _("Target ranges. Source: Decision 339/QĐ-UBND, Art. 1, section II.2.b")))
with right:
    title = _("Employed workers in 2030, by sector")
    widgets.chart(charts.structure_ranges(content.chart_group(pkg, "labour_structure_2030"), lang, title,
                                            _("Target ranges. Source: Decision 339/QĐ-UBND, Art. 1, section II.2.b")))

for domain, label in content.DOMAINS:
    st.header(_(label))
    widgets.html(render.figure_table(content.targets_in(pkg, lang, domain), lang))

st.header(_("What the 2026 adjustment changed"))
st.caption(_("The 2024 figures are those the news reported for the original plan (Decision 236/QĐ-TTg) and "
             "its implementation plan; each cites its article. Periods and bases can differ: see the data notes."))
title = _("2024 plan and 2026 adjustment, percentage targets")
widgets.chart(charts.version_comparison(content.version_pairs(pkg, lang, numeric=True), lang, title,
                                          _("Bars show the stated range; a single bar is a single figure.")))
widgets.html(render.version_table(content.version_rows(pkg, lang), lang))

st.header(_("Growth in 2023 and the growth target"))
actuals, target = content.growth_actuals(pkg)
title = _("Growth in 2023 (reported) and the 2026–2030 target")
widgets.chart(charts.actuals_against_target(actuals, target, lang, title,
                                              _("2023: as reported at the 2024 plan conference. Target: Decision "
                                                "339/QĐ-UBND, Art. 1, section II.2.b")))
widgets.html(render.figure_table(content.actual_rows(pkg, lang), lang, headers=(_("Sector"), _("Growth"))))

with st.expander(_("Data notes on these figures")):
    widgets.html(render.item_list(content.notes_rows(pkg, content.notes_about(pkg, "targets", "plan_versions",
                                                                              "actuals"), lang), lang))
