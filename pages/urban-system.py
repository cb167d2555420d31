"""Urban system and spatial structure: 13 urban areas, planned wards, poles, the axis, corridors, zones."""

from components import widgets

widgets.show_page(__file__)  # the page's composition: components/layouts.py
