"""Overview: the 2030 goal, the 2035 milestone and the 2050 vision; headline figures; the province."""

from components import widgets

widgets.show_page(__file__)  # the page's composition: components/layouts.py
