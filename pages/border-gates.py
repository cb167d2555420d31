"""Border gates: the border economic zone, the 5 priorities, the 10 gates, dry ports, what changed."""

from components import widgets

widgets.show_page(__file__)  # the page's composition: components/layouts.py
