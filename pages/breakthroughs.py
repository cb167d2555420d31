"""Breakthroughs and focus tasks: the 4 breakthroughs, 8 focus tasks, 6 viewpoints, 4 digital pillars."""

from components import widgets

widgets.show_page(__file__)  # the page's composition: components/layouts.py
