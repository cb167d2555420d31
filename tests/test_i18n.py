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


def _catalog(path):
    with path.open("rb") as f:
        return read_po(f)


def test_committed_template_matches_a_fresh_extract(tmp_path):
    """locales/messages.pot is what pybabel extracts now (run `make catalogs` after changing strings)."""
    fresh = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "-q", "extract", "-F", "babel.cfg", "--omit-header",
                    "--no-location", "--sort-output", "-o", str(fresh), "."], cwd=ROOT, check=True, timeout=120)
    committed = _catalog(ROOT / "locales" / "messages.pot")
    assert sorted(m.id for m in _catalog(fresh) if m.id) == sorted(m.id for m in committed if m.id)


def test_vietnamese_catalog_is_complete_and_current():
    template = {m.id for m in _catalog(ROOT / "locales" / "messages.pot") if m.id}
    vi = _catalog(ROOT / "locales" / "vi" / "LC_MESSAGES" / "messages.po")
    entries = {m.id: m for m in vi if m.id}
    assert set(entries) == template, "run `make catalogs`: missing or obsolete entries"
    for msgid, m in entries.items():
        assert m.string, f"untranslated: {msgid!r}"
        assert not m.fuzzy, f"fuzzy: {msgid!r}"
        assert set(PLACEHOLDER.findall(msgid)) == set(PLACEHOLDER.findall(m.string)), msgid


def test_vietnamese_translations_are_not_left_in_english():
    vi = _catalog(ROOT / "locales" / "vi" / "LC_MESSAGES" / "messages.po")
    same = [m.id for m in vi if m.id and m.string == m.id and re.search(r"[A-Za-z]{3,}", PLACEHOLDER.sub("", m.id))]
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
