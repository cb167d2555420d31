"""Sources and data: the documents, how the data is curated and checked, the data notes, plan versions."""

from components import widgets

widgets.show_page(__file__)  # the page's composition: components/layouts.py
