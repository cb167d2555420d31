"""Tourism: the visitor and revenue targets, Mẫu Sơn, the Geopark, product groups, tourism by zone."""

from components import widgets

widgets.show_page(__file__)  # the page's composition: components/layouts.py
