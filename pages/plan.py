"""The plan reader: the whole decision, paragraph by paragraph, Vietnamese and English, one part at a time."""

from components import data, i18n, reader, render, widgets

lang, _ = widgets.page_context(__file__)
pkg = data.package()

captions = [_("The full text of Decision 339/QĐ-UBND of 28 February 2026 in its own structure. The Vietnamese is "
              "the official text; the English is the dashboard's unofficial translation. Every paragraph has a "
              "link of its own (¶) and lists the figures this dashboard draws from it.")]
done, total = reader.translated_share(pkg)
if done < total:
    captions.append(_("{done} of {total} paragraphs are translated so far; the others show the official "
                      "Vietnamese.").format(done=i18n.format_number(done, lang), total=i18n.format_number(total, lang)))
widgets.page_title(lang, _("The decision, paragraph by paragraph"), *captions)

part = widgets.reader_part(pkg)  # the script scrolls to ?p=
widgets.edition_links(lang, f"plan/{part.lower()}", pdf=False)
widgets.reader_part_picker(pkg, part, lang)
widgets.html(render.collapsed(_("Contents"), reader.toc_html(pkg, part, lang)) + reader.part_html(pkg, part, lang))
widgets.reader_pager(pkg, part, lang)
widgets.reader_script()
