"""Targets 2030: every figure of section II.2.b, grouped by domain, with the charts that help."""

from components import widgets

widgets.show_page(__file__)  # the page's composition: components/layouts.py
