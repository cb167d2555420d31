"""Agriculture and rural areas: farming, forestry, production areas, rural settlements, disadvantaged areas."""

from components import widgets

widgets.show_page(__file__)  # the page's composition: components/layouts.py
