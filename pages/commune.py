"""My commune: everything the plan says about one of the 65 communes and wards, with citations."""

from components import content, data, layouts, render, widgets

lang, _ = widgets.page_context(__file__)
pkg = data.package()

widgets.page_title(lang, _("My commune"), _("Choose any of the 65 communes and wards; typing without diacritics "
                                            "works (“huu lung”), and so does any spelling the sources use."))
unit = widgets.unit_picker(pkg, lang)
if unit is None:
    widgets.edition_links(lang, "commune", pdf=False)
    widgets.html(render.info(_("Choose a commune or ward to see what the plan says about it.")))
else:
    widgets.edition_links(lang, f"commune/{unit['code']}", pdf=False)
    widgets.show(layouts.commune(pkg, lang, unit), lang)
