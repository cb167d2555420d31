"""Pure chart builders: (frame, lang) -> altair.Chart, titled, sourced, number-formatted.

No Streamlit here. Ranges are drawn as ranges (a bar from ``value_min`` to ``value_max``), never
as a midpoint, so a chart says no more than the plan does. Labels and tooltips carry Babel-formatted
strings; axes get the locale through the chart's own ``config.locale``.
"""

from __future__ import annotations

import json
import math

import altair as alt
import pandas as pd

from components import i18n

PALETTE = {"plan_2024": "#9aa9a2", "adjustment_2026": "#0b6e4f", "actual": "#c8741a", "target": "#0b6e4f"}


def _label(lo: float, hi: float | None, unit: str, lang: str) -> str:
    return i18n.format_amount(lo, None if hi is None or (isinstance(hi, float) and math.isnan(hi)) else hi, unit, lang)


def wrap(text: str, width: int = 44) -> list[str]:
    """Break a title into lines (Vega does not wrap, and phones are narrow)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def wrapped_axis(labels, width: int = 30, **kw) -> alt.Axis:
    """A category axis whose long labels break into lines instead of ending in "…" (issue #14)."""
    lines = {label: wrap(label, width) for label in labels}
    # Vega draws an array as lines; the lookup is built from our own labels, as a JSON object literal.
    expr = f"{json.dumps(lines, ensure_ascii=False)}[datum.value] || datum.label"
    return alt.Axis(labelExpr=expr, labelLimit=0, labelLineHeight=14, **kw)


def _row_step(labels, least: float, width: int = 30) -> float:
    """Height per category, so that its wrapped label never runs into the next one."""
    lines = max((len(wrap(label, width)) for label in labels), default=1)
    return max(least, 14 * lines + 10)


def _legend() -> alt.Legend:
    """The legend's swatches in the bars' own colour (not the lighter upper-range bar's)."""
    return alt.Legend(orient="top", symbolOpacity=1, symbolType="square", labelLimit=0)


def _finish(chart: alt.Chart, title: str, subtitle: str, description: str, lang: str) -> alt.Chart:
    return (chart.properties(title=alt.Title(wrap(title), subtitle=wrap(subtitle, 48), anchor="start", aria=False),
                             description=description, width="container",
                             autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
            .configure(locale=i18n.vega_locale(lang), aria=False)  # Vega's own ARIA text is English
            .configure_view(stroke=None))


def _short(label: str) -> str:
    """``GRDP structure: services sector`` → ``services sector`` (the chart title carries the prefix)."""
    return label.split(": ", 1)[1] if ": " in label else label


def _range_layers(base: alt.Chart, x_title: str, color, tooltip: list, domain_max: float | None = None):
    """A solid bar from 0 to the lower bound, a lighter one on to the upper bound, and the worded value."""
    scale = alt.Scale(domain=[0, domain_max]) if domain_max else alt.Undefined
    solid = base.mark_bar(size=16, aria=False).encode(x=alt.X("zero:Q", title=x_title, scale=scale), x2="lo:Q",
                                          color=color, tooltip=tooltip)
    extra = base.mark_bar(size=16, opacity=0.4, aria=False).encode(x="lo:Q", x2="hi:Q", color=color, tooltip=tooltip)
    text = base.mark_text(align="left", dx=5, fontSize=12, fontWeight="bold", color="#1b2a24", aria=False).encode(
        x="hi:Q", text="shown:N")
    return solid + extra + text


def structure_ranges(frame: pd.DataFrame, lang: str, title: str, subtitle: str, label_width: int = 30) -> alt.Chart:
    """Shares the plan gives as ranges (GRDP or labour by sector): solid to the lower bound, light to the upper.
    ``label_width``: characters per line of a category label (narrower for a phone's picture)."""
    _ = i18n.gettext_for(lang)
    rows = pd.DataFrame({
        "sector": [_short(x) for x in frame[i18n.col("indicator", lang)]],
        "zero": 0.0,
        "lo": frame["value_min"].to_list(),
        "hi": frame["value_max"].fillna(frame["value_min"]).to_list(),
        "shown": [_label(lo, hi, u, lang) for lo, hi, u in zip(frame["value_min"], frame["value_max"], frame["unit"])],
    })
    base = alt.Chart(rows).encode(y=alt.Y("sector:N", title=None, sort=None,
                                          axis=wrapped_axis(rows["sector"], label_width, labelFontSize=12)))
    tooltip = [alt.Tooltip("sector:N", title=_("Sector")), alt.Tooltip("shown:N", title=_("Target range"))]
    layers = _range_layers(base, _("Share (%)"), alt.value(PALETTE["target"]), tooltip,
                           domain_max=float(min(100.0, max(60.0, rows["hi"].max() + 12))))  # a share: ≤ 100
    description = _("{title}: ").format(title=title) + "; ".join(f"{s} {v}" for s, v in zip(rows["sector"], rows["shown"]))
    height = _row_step(rows["sector"], 34, label_width) * len(rows) + 10
    return _finish(layers.properties(height=height), title, subtitle, description, lang)


def version_comparison(frame: pd.DataFrame, lang: str, title: str, subtitle: str, label_width: int = 30) -> alt.Chart:
    """The 2024 plan and the 2026 adjustment side by side, for percentage figures of both versions."""
    _ = i18n.gettext_for(lang)
    version_names = {"plan_2024": _("2024 plan (as reported)"), "adjustment_2026": _("2026 adjustment")}
    rows = pd.DataFrame({
        "item": frame["item_label"].to_list(),
        "version": [version_names[v] for v in frame["version"]],
        "lo": frame["value_min"].to_list(),
        "hi": frame["value_max"].fillna(frame["value_min"]).to_list(),
        "shown": [i18n.format_figure(lo, None if math.isnan(hi) else hi, q, u, lang) for lo, hi, q, u in
                  zip(frame["value_min"], frame["value_max"], frame["qualifier"], frame["unit"])],
    })
    order = [version_names["plan_2024"], version_names["adjustment_2026"]]
    rows["zero"] = 0.0
    color = alt.Color("version:N", title=None, sort=order,
                      scale=alt.Scale(domain=order, range=[PALETTE["plan_2024"], PALETTE["adjustment_2026"]]),
                      legend=_legend())
    base = alt.Chart(rows).encode(
        y=alt.Y("item:N", title=None, sort=None, axis=wrapped_axis(rows["item"], label_width, labelFontSize=12)),
        yOffset=alt.YOffset("version:N", sort=order))
    tooltip = [alt.Tooltip("item:N", title=_("Figure")), alt.Tooltip("version:N", title=_("Version")),
               alt.Tooltip("shown:N", title=_("Value"))]
    layers = _range_layers(base, _("Percent"), color, tooltip, domain_max=100.0)  # shares and rates, in %
    description = _("{title}: ").format(title=title) + "; ".join(
        f"{i} – {v}: {s}" for i, v, s in zip(rows["item"], rows["version"], rows["shown"]))
    step = _row_step(rows["item"], 36, label_width) / 2  # two bars per item
    return _finish(layers.properties(height=step * len(rows) + 10), title, subtitle, description, lang)


def actuals_against_target(actuals: pd.DataFrame, target: dict, lang: str, title: str, subtitle: str,
                           label_width: int = 30) -> alt.Chart:
    """2023 growth actuals beside the 2026–2030 average growth target (a range)."""
    _ = i18n.gettext_for(lang)
    names = actuals[i18n.col("indicator", lang)].to_list()
    rows = pd.DataFrame({
        "label": names + [target[i18n.col("indicator", lang)]],
        "kind": [_("Actual, 2023")] * len(names) + [_("Target, 2026–2030 average")],
        "lo": actuals["value"].to_list() + [target["value_min"]],
        "hi": actuals["value"].to_list() + [target["value_max"]],
        "shown": [_label(v, None, u, lang) for v, u in zip(actuals["value"], actuals["unit"])]
        + [_label(target["value_min"], target["value_max"], target["unit"], lang)],
    })
    order = [_("Actual, 2023"), _("Target, 2026–2030 average")]
    rows["zero"] = 0.0
    base = alt.Chart(rows).encode(y=alt.Y("label:N", title=None, sort=None,
                                          axis=wrapped_axis(rows["label"], label_width)))
    color = alt.Color("kind:N", title=None, sort=order,
                      scale=alt.Scale(domain=order, range=[PALETTE["actual"], PALETTE["target"]]),
                      legend=_legend())
    tooltip = [alt.Tooltip("label:N", title=_("Figure")), alt.Tooltip("shown:N", title=_("Value"))]
    layers = _range_layers(base, _("Growth (% a year)"), color, tooltip, domain_max=14.0)
    description = _("{title}: ").format(title=title) + "; ".join(f"{a} ({k}): {s}" for a, k, s in
                                                                zip(rows["label"], rows["kind"], rows["shown"]))
    height = _row_step(rows["label"], 34, label_width) * len(rows) + 10
    return _finish(layers.properties(height=height), title, subtitle, description, lang)
