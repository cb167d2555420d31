"""Hostile URLs (#18), with Hypothesis: every page through AppTest, in normal, embed and kiosk modes,
with random values for every known parameter and random unknown ones (unicode, control characters,
markup, 10,000 characters).

Always: no exception and no error box, ``<html lang>`` set to ``vi`` or ``en``, nothing from the URL
in any HTML block, the URL left with checked values only, and links carrying known parameters only.
Bounded and derandomized for CI (``PLAN_FUZZ_EXAMPLES`` explores further locally).
"""

from __future__ import annotations

import os
import re
from urllib.parse import parse_qsl

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from components import data, params, site

APP = str(data.ROOT / "app.py")
FUZZ = settings(max_examples=int(os.environ.get("PLAN_FUZZ_EXAMPLES", "4")), deadline=None, derandomize=True,
                database=None, phases=[Phase.explicit, Phase.generate],  # no shrinking: bounded time
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
PAGES = [path for path, _title, _slug in site.PAGES + site.HIDDEN_PAGES]
MARK = "<b data-fz>"  # markup that must never reach an HTML block
HOSTILE = [MARK, "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)",
           "\x00", "\x1b[2J", "\u202e", "\ufeff", "%00", "&amp;", "'--", "../../etc/passwd", "x" * 10_000,
           "ư" * 3_000, "6184", "06184", "0", "-1", "1e309", "nan", "en", "vi", "1", "true", "economy",
           "gates,tourism", "none", "gate_huu_nghi", "vision,map", "mau son", ""]
values = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=30),
                   st.builds(lambda a, b: a + MARK + b, st.text(max_size=8), st.text(max_size=8)))
unknown_keys = st.text(min_size=1, max_size=12).filter(
    lambda k: k not in params.CHECKS and k.lower() not in ("embed", "embed_options"))


def _html_bodies(at: AppTest) -> list[str]:
    return [e.proto.body for e in at.get("html")]


@pytest.mark.parametrize("mode", ["normal", "embed", "kiosk"])
@pytest.mark.parametrize("page", PAGES)
@FUZZ
@given(known=st.dictionaries(st.sampled_from(sorted(params.CHECKS)), values),
       unknown=st.dictionaries(unknown_keys, values, max_size=3))
def test_any_url_gives_a_calm_page_in_a_known_language(page, mode, known, unknown):
    query = {**unknown, **known}
    if mode == "embed":
        query["embed"] = "true"
    elif mode == "kiosk":
        query["kiosk"] = "1"
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    with pytest.MonkeyPatch.context() as env:  # AppTest has no address of its own: the kiosk QR needs one
        env.setenv("PLAN_PUBLIC_URL", "https://plan.example.vn/")
        at.run()
        if page != "pages/overview.py":
            at.switch_page(page).run()
    assert not at.exception, at.exception
    assert [e.value for e in at.error] == []

    bodies = _html_bodies(at)
    langs = [m.group(1) for b in bodies for m in re.finditer(r'document\.documentElement\.lang = "(\w+)";', b)]
    assert langs and set(langs) <= {"vi", "en"}
    for body in bodies:
        assert MARK not in body and "<script>alert" not in body and "onerror=" not in body

    left = {k: at.query_params[k] for k in at.query_params if k != "embed"}  # Streamlit's, kept as it is
    assert left == params.clean(left), left  # only checked values stay in the address
    for link in at.get("page_link"):
        keys = {k for k, _v in parse_qsl(link.proto.query_string, keep_blank_values=True)}
        assert keys <= set(params.CHECKS), link.proto.query_string
    for code in at.code:  # the share box: an address with checked parameters only
        assert MARK not in code.value and "\x00" not in code.value
