"""Languages, catalogs and Babel formatting."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from babel.messages.pofile import read_po

from components import i18n

ROOT = i18n.LOCALES_DIR.parent
PLACEHOLDER = re.compile(r"{\w+}")


@pytest.mark.parametrize(("candidates", "expected"), [
    (("en", None), "en"),
    (("vi", "en"), "vi"),
    ((None, "en"), "en"),
    ((None, None), "vi"),
    (("<script>alert(1)</script>", None), "vi"),
    (("EN", None), "vi"),
    (("fr", "en"), "en"),
    ((["en"], None), "vi"),
])
def test_resolve_lang_falls_back_safely(candidates, expected):
    assert i18n.resolve_lang(*candidates) == expected


@pytest.mark.parametrize(("value", "lang", "shown"), [
    (111100, "vi", "111.100"), (111100, "en", "111,100"),
    (75.5, "vi", "75,5"), (75.5, "en", "75.5"),
    (6000000, "vi", "6.000.000"), (0.75, "en", "0.75"),
])
def test_numbers_follow_the_locale(value, lang, shown):
    assert i18n.format_number(value, lang) == shown


@pytest.mark.parametrize(("args", "lang", "shown"), [
    ((111100, None, "about", "bn_vnd"), "vi", "khoảng 111.100 tỷ đồng"),
    ((111100, None, "about", "bn_vnd"), "en", "about VND 111,100 billion"),
    ((10, 11, "exact", "pct_per_year"), "vi", "10–11%/năm"),
    ((10, 11, "exact", "pct_per_year"), "en", "10–11% a year"),
    ((3, 3.5, "about", "pct"), "vi", "khoảng 3–3,5%"),
    ((75.5, None, "exact", "years"), "vi", "75,5 năm"),
    ((75.5, None, "exact", "years_of_age"), "vi", "75,5 tuổi"),
    ((75.5, None, "exact", "years_of_age"), "en", "75.5 years"),
    ((10000, None, "at_least", "bn_vnd"), "vi", "từ 10.000 tỷ đồng trở lên"),
    ((10000, None, "at_least", "bn_vnd"), "en", "at least VND 10,000 billion"),
    ((65, None, "maintain", "pct"), "en", "maintain 65%"),
    ((65, None, "maintain", "pct"), "vi", "duy trì ở mức 65%"),
    ((6000000, None, "about", "visits"), "vi", "khoảng 6.000.000 lượt người"),
    ((250, 270, "about", "thousand_bn_vnd"), "en", "about VND 250–270 trillion"),
    ((1227, 1339, "exact", "arcmin"), "vi", "20°27′–22°19′"),
])
def test_figures_are_worded_as_the_plan_words_them(args, lang, shown):
    assert i18n.format_figure(*args, lang) == shown


def test_vega_locale_matches_babel_symbols():
    assert i18n.vega_locale("vi")["number"]["decimal"] == ","
    assert i18n.vega_locale("vi")["number"]["thousands"] == "."
    assert i18n.vega_locale("en")["number"]["thousands"] == ","


VI_CATALOG = ROOT / "locales" / "vi" / "LC_MESSAGES" / "messages.po"


def _catalog(path):
    with path.open("rb") as f:
        return read_po(f)


def _forms(value) -> tuple[str, ...]:
    """A msgid or msgstr as a tuple: one string, or the forms of a plural entry."""
    return (value,) if isinstance(value, str) else tuple(value)


def test_committed_template_matches_a_fresh_extract(tmp_path):
    """locales/messages.pot is what pybabel extracts now (run `make catalogs` after changing strings)."""
    fresh = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "-q", "extract", "-F", "babel.cfg", "--omit-header",
                    "--no-location", "--sort-output", "-o", str(fresh), "."], cwd=ROOT, check=True, timeout=120)
    committed = _catalog(ROOT / "locales" / "messages.pot")
    assert sorted(_forms(m.id) for m in _catalog(fresh) if m.id) == sorted(_forms(m.id) for m in committed if m.id)


def test_vietnamese_catalog_is_complete_and_current():
    template = {m.id for m in _catalog(ROOT / "locales" / "messages.pot") if m.id}
    vi = _catalog(VI_CATALOG)
    entries = {m.id: m for m in vi if m.id}
    assert set(entries) == template, "run `make catalogs`: missing or obsolete entries"
    for msgid, m in entries.items():
        assert all(_forms(m.string)), f"untranslated: {msgid!r}"
        assert not m.fuzzy, f"fuzzy: {msgid!r}"
        for form in _forms(m.string):
            assert {p for i in _forms(msgid) for p in PLACEHOLDER.findall(i)} == set(PLACEHOLDER.findall(form)), msgid


def test_vietnamese_catalog_declares_its_language_and_one_plural_form():
    vi = _catalog(VI_CATALOG)
    assert str(vi.locale) == "vi"
    assert vi.num_plurals == 1 and vi.plural_expr == "0"
    plurals = [m for m in vi if m.id and m.pluralizable]
    assert plurals, "no plural entry: the search count uses ngettext"
    assert all(len(_forms(m.string)) == 1 for m in plurals)


def test_make_catalogs_rewrites_the_catalog_unchanged(tmp_path):
    """`make catalogs` keeps the header (Language, Plural-Forms) and changes nothing else in a current catalog."""
    recipe = (ROOT / "Makefile").read_text(encoding="utf-8").split("\ncatalogs:", 1)[1]
    update = next(line for line in recipe.splitlines() if "pybabel" in line and " update " in line)
    flags = update.split(" -l vi", 1)[1].split()
    assert "--omit-header" not in flags
    (tmp_path / "vi" / "LC_MESSAGES").mkdir(parents=True)
    copy = tmp_path / "vi" / "LC_MESSAGES" / "messages.po"
    copy.write_bytes(VI_CATALOG.read_bytes())
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "-q", "update", "-i",
                    str(ROOT / "locales" / "messages.pot"), "-d", str(tmp_path), "-l", "vi", *flags],
                   check=True, timeout=120)
    def kept(path):  # the line naming Babel's version is Babel's to write
        return [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith('"Generated-By:')]
    assert kept(copy) == kept(VI_CATALOG)


def test_counts_take_the_plural_form_of_their_language():
    one, many = "{count} result for “{query}”", "{count} results for “{query}”"
    assert i18n.ngettext_for("en")(one, many, 1) == one
    assert i18n.ngettext_for("en")(one, many, 2) == many
    vi = {i18n.ngettext_for("vi")(one, many, n) for n in (0, 1, 2, 21)}
    assert vi == {"Tìm thấy {count} kết quả cho “{query}”"}


def test_vietnamese_translations_are_not_left_in_english():
    vi = _catalog(VI_CATALOG)
    same = [m.id for m in vi if m.id and _forms(m.string)[0] in _forms(m.id)
            and re.search(r"[A-Za-z]{3,}", PLACEHOLDER.sub("", _forms(m.id)[0]))]
    assert same == []


def test_gettext_translates_and_unknown_language_gets_vietnamese():
    assert i18n.gettext_for("vi")("Source") == "Nguồn"
    assert i18n.gettext_for("en")("Source") == "Source"
    assert i18n.gettext_for("xx")("Source") == "Nguồn"


def test_no_translation_call_hides_inside_an_f_string():
    """pybabel cannot see ``_()`` inside an f-string, so such a string would never be translated."""
    import io
    import tokenize

    offenders = []
    for path in [ROOT / "app.py", *ROOT.glob("pages/*.py"), *ROOT.glob("components/*.py")]:
        for tok in tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline):
            if tok.type == tokenize.STRING and re.match(r"[rRbB]*[fF]", tok.string) and re.search(r"\b_\(", tok.string):
                offenders.append(f"{path.name}:{tok.start[0]}")
    assert offenders == []
