"""Industry, infrastructure and environment: parks and clusters, transport, utilities, social, environment."""

from components import widgets

widgets.show_page(__file__)  # the page's composition: components/layouts.py
