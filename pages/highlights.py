"""Highlights: the kiosk's attract loop, one slide at a time, each built from the pages' own data."""

from components import kiosk_screen, widgets

lang, _ = widgets.page_context(__file__)
kiosk_screen.highlights(lang)
