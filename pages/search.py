"""Search: every row of every table, both languages, without diacritics if you like."""

from components import widgets

lang, _ = widgets.page_context(__file__)
widgets.page_title(lang, _("Search the plan"))
widgets.search_page(lang)
