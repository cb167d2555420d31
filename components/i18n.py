"""Languages, UI-string catalogs and locale formatting.

UI strings are English msgids marked with ``_()`` (or ``N_()`` at import time) and translated
in ``locales/vi/LC_MESSAGES/messages.po``; the catalog is compiled in memory once per process.
Content text (the plan's words) lives in the CSVs as ``*_vi`` / ``*_en`` pairs.

Every number shown goes through Babel in the page's locale: ``111.100`` / ``111,100``,
``75,5`` / ``75.5``. Nothing here formats numbers by hand.
"""

from __future__ import annotations

import functools
import io
import math
from collections.abc import Callable
from gettext import NullTranslations
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol
from babel.support import Translations

LANGS = ("vi", "en")
DEFAULT_LANG = "vi"
LANG_NAMES = {"vi": "Tiếng Việt", "en": "English"}
LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"


def N_(message: str) -> str:
    """Mark for extraction; translate later with :func:`gettext_for`."""
    return message


def resolve_lang(*candidates: object) -> str:
    """The first candidate that is a supported language code, else Vietnamese."""
    return next((c for c in candidates if isinstance(c, str) and c in LANGS), DEFAULT_LANG)


@functools.cache
def _catalog(lang: str) -> NullTranslations:
    if lang == "en":  # msgids are English
        return NullTranslations()
    with (LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as po:
        catalog = read_po(po, locale=lang)
    mo = io.BytesIO()
    write_mo(mo, catalog)
    mo.seek(0)
    return Translations(fp=mo)


def gettext_for(lang: str) -> Callable[[str], str]:
    """``_`` for one language (an unknown code gets Vietnamese)."""
    return _catalog(resolve_lang(lang)).gettext


def ngettext_for(lang: str) -> Callable[[str, str, int], str]:
    """``ngettext`` for one language: English has two forms (1 result, 2 results), Vietnamese one
    (the catalog's ``Plural-Forms: nplurals=1; plural=0;``)."""
    return _catalog(resolve_lang(lang)).ngettext


def translate(msgid: str, lang: str) -> str:
    """Translate a msgid held in a variable (marked with ``N_`` where it is defined)."""
    return gettext_for(lang)(msgid)


def col(frame_or_name, lang: str) -> str:
    """The column name of a bilingual text field in ``lang``: ``col('name', 'en') -> 'name_en'``."""
    return f"{frame_or_name}_{resolve_lang(lang)}"


# --- numbers -------------------------------------------------------------------------------------


def format_number(value: float | int, lang: str, digits: int | None = None) -> str:
    """A number in the locale: ``111.100`` / ``111,100``; ``digits`` fixes the decimals."""
    if digits is None:
        pattern = "#,##0.###"
    else:
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=resolve_lang(lang))


def format_range(lo: float, hi: float | None, lang: str) -> str:
    """``10–11`` or a single value; an en dash, no spaces, numbers in the locale."""
    if hi is None or (isinstance(hi, float) and math.isnan(hi)) or hi == lo:
        return format_number(lo, lang)
    return f"{format_number(lo, lang)}–{format_number(hi, lang)}"


def format_arcmin(minutes: float, lang: str) -> str:
    """``1227`` arc-minutes → ``20°27′``."""
    deg, rest = divmod(int(round(minutes)), 60)
    return f"{format_number(deg, lang)}°{rest:02d}′"


# Unit templates: {value} is the formatted number or range. English msgids, Vietnamese in the catalog.
UNIT_TEMPLATES = {
    "pct": N_("{value}%"),
    "pct_per_year": N_("{value}% a year"),
    "pct_points_per_year": N_("{value}% a year"),
    "bn_vnd": N_("VND {value} billion"),
    "thousand_bn_vnd": N_("VND {value} trillion"),
    "mn_vnd_per_person": N_("VND {value} million per person"),
    "usd_per_person": N_("USD {value} per person"),
    "visits": N_("{value} visits"),
    "persons": N_("{value} people"),
    "thousand_persons": N_("{value} thousand people"),
    "years": N_("{value} years"),
    "years_of_age": "{value} years",  # translated with the context "age": see _unit_template
    "index": N_("{value}"),
    "doctors_per_10k": N_("{value} doctors per 10,000 people"),
    "beds_per_10k": N_("{value} hospital beds per 10,000 people"),
    "dwellings": N_("{value} dwellings"),
    "ha": N_("{value} ha"),
    "km2": N_("{value} km²"),
    "km": N_("{value} km"),
    "mm": N_("{value} mm"),
    "count": N_("{value}"),
    "arcmin": N_("{value}"),
}

QUALIFIER_TEMPLATES = {
    "exact": N_("{amount}"),
    "about": N_("about {amount}"),
    "at_least": N_("at least {amount}"),
    "above": N_("more than {amount}"),
    "maintain": N_("maintain {amount}"),
    "reduce_by": N_("reduce by {amount}"),
}


def format_amount(value_min: float, value_max: float | None, unit: str, lang: str) -> str:
    """A figure with its unit: ``111.100 tỷ đồng`` / ``VND 111,100 billion``."""
    if unit == "arcmin":
        shown = format_arcmin(value_min, lang)
        if value_max is not None and not (isinstance(value_max, float) and math.isnan(value_max)):
            shown = f"{shown}–{format_arcmin(value_max, lang)}"
        return shown
    return _unit_template(unit, lang).format(value=format_range(value_min, value_max, lang))


def _unit_template(unit: str, lang: str) -> str:
    # An age (life expectancy, "75,5 tuổi") and a duration (healthy life years, "68 năm") are both
    # "years" in English; the context "age" gives the age its own Vietnamese.
    if unit == "years_of_age":
        return _catalog(resolve_lang(lang)).pgettext("age", "{value} years")
    return translate(UNIT_TEMPLATES[unit], lang)


def format_figure(value_min: float, value_max: float | None, qualifier: str | None, unit: str, lang: str) -> str:
    """A figure as the plan words it: ``khoảng 111.100 tỷ đồng`` / ``about VND 111,100 billion``."""
    amount = format_amount(value_min, value_max, unit, lang)
    return translate(QUALIFIER_TEMPLATES[qualifier or "exact"], lang).format(amount=amount)


DATE_PATTERNS = {"vi": "dd/MM/yyyy", "en": "d MMMM yyyy"}  # 28/02/2026 · 28 February 2026


def format_date(value, lang: str) -> str:
    lang = resolve_lang(lang)
    return _babel_date(value, DATE_PATTERNS[lang], locale=lang)


def vega_locale(lang: str) -> dict:
    """Vega-Lite number locale for chart axes (Streamlit drops embed-option locales)."""
    lang = resolve_lang(lang)
    return {"number": {"decimal": get_decimal_symbol(lang), "thousands": get_group_symbol(lang),
                       "grouping": [3], "currency": ["", ""]}}
