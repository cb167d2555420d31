"""Values from the URL (#18): one module checks every parameter; unknown ones never reach a link,
a share or the kiosk's QR code, which is always made from a bounded canonical address."""

from __future__ import annotations

import re

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from tests.conftest import html_headings

from components import data, kiosk, params, search

APP = str(data.ROOT / "app.py")
BASE = "https://plan.example.vn/"


@pytest.mark.parametrize(("raw", "checked"), [
    ({"lang": "en", "utm_source": "x", "<b>": "1"}, {"lang": "en"}),
    ({"lang": "EN", "domain": "economy'--"}, {}),
    ({"domain": " society "}, {"domain": "society"}),
    ({"layers": "tourism,gates,<bad>,gates"}, {"layers": "gates,tourism"}),
    ({"layers": "none"}, {"layers": "none"}),
    ({"layers": "x,y"}, {}),
    ({"item": "gate_huu_nghi"}, {"item": "gate_huu_nghi"}),
    ({"item": "Gate<script>"}, {}),
    ({"item": "a" * 65}, {}),
    ({"map": "interactive"}, {"map": "interactive"}),
    ({"map": "Interactive<"}, {}),
    ({"unit": "06184"}, {"unit": "06184"}),
    ({"unit": "6184"}, {"unit": "06184"}),
    ({"unit": "0"}, {}),
    ({"unit": "061840"}, {}),
    ({"unit": "６１８４"}, {}),  # full-width digits are not a code
    ({"q": " mẫu\x00 sơn " + "x" * 5000}, {"q": search.clean_query(" mẫu  sơn " + "x" * 5000)}),
    ({"q": "\x07\x1b"}, {}),
    ({"kiosk": "true", "idle": "30.0", "countdown": "nan", "slides": "map,<b>,map", "reset_lang": "en"},
     {"kiosk": "1", "idle": "30", "slides": "map", "reset_lang": "en"}),
    ({"lang": ["en"], "kiosk": None}, {}),  # anything but text is dropped
])
def test_only_known_parameters_with_good_values_are_kept(raw, checked):
    assert params.clean(raw) == checked


def test_a_link_carries_the_language_and_that_pages_own_parameters_only():
    raw = {"lang": "en", "q": "mau son", "unit": "6184", "item": "gate_chi_ma", "kiosk": "1", "evil": "1"}
    assert params.for_page("commune", raw) == {"lang": "en", "unit": "06184"}
    assert params.for_page("border-gates", raw) == {"lang": "en", "item": "gate_chi_ma"}
    assert params.for_page("", raw, kiosk=True) == {"lang": "en", "kiosk": "1"}
    assert params.for_page("no-such-page", raw) == {"lang": "en"}


@pytest.mark.parametrize("slug", params.PAGE_PARAMS)
def test_the_public_address_is_bounded_for_any_query(slug):
    hostile = {k: "é\x00<" * 4000 for k in params.CHECKS} | {"utm": "y" * 3000}
    address = params.page_address(BASE, slug, hostile)
    assert len(address) <= params.MAX_ADDRESS and "%00" not in address and "<" not in address
    if slug not in ("search", "commune"):  # search text and a typed commune name may be anything, cleaned and cut
        assert address == BASE + slug
    long_but_valid = {"q": "mau son " * 400, "item": "a" * 64, "layers": ",".join(["gates"] * 999)}
    assert len(params.page_address(BASE, slug, long_but_valid)) <= params.MAX_ADDRESS


def test_an_address_too_long_to_share_gives_the_home_page():
    base = "https://plan.example.vn/" + "p" * (params.MAX_ADDRESS - 40) + "/"
    assert params.page_address(base, "search", {"lang": "en", "q": "x" * 200}) == \
        params.site_root(base) + "?lang=en"


@pytest.mark.parametrize("base", [None, "", "javascript:alert(1)", "https://", "https://a b/", "//x.vn",
                                  "https://" + "h" * 2000 + ".vn/", "http://[::1"])
def test_no_address_without_a_sound_http_base(base):
    assert params.page_address(base, "", {"lang": "vi"}) is None


@pytest.mark.parametrize("slug", ["", "border-gates", "targets"])
def test_the_kiosk_qr_code_never_fails_and_falls_back_to_the_home_page(slug):
    """Issue #18: a 3,000-character ?q= overflowed the QR code (segno.DataOverflowError)."""
    assert kiosk.qr_code(BASE, slug, {"lang": "vi", "q": "x" * 3000})[0] == BASE + slug + "?lang=vi"
    # A public address so long that even its QR code cannot hold it: the home page's, or nothing.
    huge = "https://plan.example.vn/" + "p" * 990
    code = kiosk.qr_code(huge, slug, {"lang": "en"})
    assert code is None or code[0].startswith(huge)


def test_a_unit_code_without_its_leading_zero_opens_the_commune():
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "en"
    at.query_params["unit"] = "6184"
    at.run()
    at.switch_page("pages/commune.py").run()
    assert not at.exception
    assert at.query_params["unit"] == "06184"
    assert html_headings(at, 2)[0] == "Xã Đồng Đăng"


def test_unknown_parameters_are_dropped_from_the_address_and_the_share_box():
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "en"
    at.query_params["utm_source"] = "<b>spam</b>"
    at.query_params["domain"] = "economy"
    at.run()
    assert "utm_source" not in at.query_params
    at.switch_page("pages/targets.py").run()
    boxes = [h.proto.body for h in at.get("html") if 'id="ls-share-link"' in h.proto.body]
    share = re.search(r'value="([^"]*)"', boxes[0]).group(1) if boxes else ""
    assert share.endswith("targets?lang=en&amp;domain=economy") and "utm" not in share


def test_a_long_search_on_a_kiosk_page_is_harmless(monkeypatch):
    """Issue #18: ?kiosk=1&q=<3,000 characters> raised in the QR code on every kiosk page."""
    monkeypatch.setenv(kiosk.PUBLIC_URL_ENV, BASE)
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in {"kiosk": "1", "lang": "vi", "q": "ư" * 3000}.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception and at.error == []
    qr = next(e.proto.body for e in at.get("html") if 'class="ls-qr"' in e.proto.body)
    assert 'alt="Mã QR: https://plan.example.vn/?lang=vi"' in qr


@pytest.mark.parametrize(("url", "slug", "base"), [
    ("http://127.0.0.1:8501", "", "http://127.0.0.1:8501"),
    ("http://127.0.0.1:8501/?kiosk=1", "", "http://127.0.0.1:8501/"),
    ("https://plan.example.vn/ls/border-gates?lang=en#x", "border-gates", "https://plan.example.vn/ls/"),
    ("https://plan.example.vn/tourism/", "tourism", "https://plan.example.vn/"),
    (None, "tourism", ""),
])
def test_the_site_address_is_found_from_any_page(url, slug, base):
    """The kiosk home page had no QR code: its address has no page name to cut off."""
    assert params.base_of(url, slug) == base
    if base:
        assert params.page_address(base, slug, {"lang": "vi"}).endswith(f"/{slug}?lang=vi")


# --- properties (Hypothesis): whatever the URL holds ------------------------------------------------

PROPS = settings(max_examples=300, deadline=None, derandomize=True, database=None)
any_query = st.dictionaries(st.one_of(st.sampled_from(sorted(params.CHECKS)), st.text(max_size=10)),
                            st.one_of(st.text(max_size=50), st.text(min_size=3000, max_size=3100)), max_size=8)


@PROPS
@given(raw=any_query)
def test_checking_is_idempotent_and_bounded(raw):
    checked = params.clean(raw)
    assert params.clean(checked) == checked
    assert set(checked) <= set(params.CHECKS)
    assert all(len(v) <= 200 for v in checked.values())
    assert all(not any(unicodedata.category(c) == "Cc" for c in v) for v in checked.values())


@settings(PROPS, max_examples=80)
@given(raw=any_query, slug=st.sampled_from(sorted(params.PAGE_PARAMS)), base=st.sampled_from(
    [BASE, "http://127.0.0.1:8501", "https://plan.example.vn/ls/" + "p" * 900, "ftp://x", ""]))
def test_the_qr_code_and_the_share_address_never_fail(raw, slug, base):
    address = params.page_address(base, slug, raw)
    assert address is None or len(address) <= params.MAX_ADDRESS
    code = kiosk.qr_code(base, slug, raw)
    assert code is None or code[1].startswith("data:image/svg+xml")


# --- ids that name nothing (#18) --------------------------------------------------------------------

def _share(at: AppTest) -> str:
    boxes = [h.proto.body for h in at.get("html") if 'id="ls-share-link"' in h.proto.body]
    return re.search(r'value="([^"]*)"', boxes[0]).group(1)


def test_ids_are_checked_against_the_data_when_it_is_given(pkg):
    pid = pkg["plan_paragraphs"]["id"].iloc[5]
    raw = {"p": pid, "item": "gate_huu_nghi", "unit": "6184"}
    assert params.clean(raw, pkg) == {"p": pid, "item": "gate_huu_nghi", "unit": "06184"}
    nothing = {"p": "a1-zz-p9", "item": "gate_atlantis", "unit": "99999"}
    assert params.clean(nothing) == nothing  # the form alone is right
    assert params.clean(nothing, pkg) == {}


@pytest.mark.parametrize(("page", "key", "good", "bad"), [
    ("pages/plan.py", "p", "a1-v-5-p1", "a1-zz-p9"),
    ("pages/border-gates.py", "item", "gate_huu_nghi", "gate_atlantis"),
    ("pages/commune.py", "unit", "06184", "99999"),
])
def test_an_id_that_names_nothing_is_dropped_from_the_url_and_the_share_link(pkg, page, key, good, bad):
    """Issue #18: ?p= and ?item= were checked by form only, so an id naming nothing stayed in the URL, the
    share link and the kiosk's QR code."""
    assert params.clean({key: good}, pkg) == {key: good}
    for value, kept in ((bad, False), (good, True)):
        at = AppTest.from_file(APP, default_timeout=60)
        at.query_params["lang"] = "en"
        at.query_params[key] = value
        at.run()
        at.switch_page(page).run()
        assert not at.exception and at.error == []
        assert (at.query_params.get(key) == value) is kept
        assert (f"{key}={value}" in _share(at)) is kept


def test_a_map_point_that_names_nothing_stays_out_of_the_kiosk_qr_code(monkeypatch):
    monkeypatch.setenv(kiosk.PUBLIC_URL_ENV, BASE)
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in {"kiosk": "1", "lang": "vi", "item": "gate_atlantis"}.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("pages/border-gates.py").run()
    assert not at.exception and at.error == []
    qr = next(e.proto.body for e in at.get("html") if 'class="ls-qr"' in e.proto.body)
    assert 'alt="Mã QR: https://plan.example.vn/border-gates?lang=vi"' in qr


def test_pages_read_the_url_only_through_components_params():
    """Issue #18: pages/plan.py read ?s= and ?p= from st.query_params itself."""
    for path in sorted((data.ROOT / "pages").glob("*.py")):
        assert "query_params" not in path.read_text(encoding="utf-8"), path.name
