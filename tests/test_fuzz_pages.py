"""Hostile URLs (#18), with Hypothesis: every page opened straight from a hostile address, in normal,
embed and kiosk modes, with random values for every known parameter (repeated ones too) and random
unknown ones (unicode, control characters, markup, 10,000 characters).

Each example opens its page the two ways a browser can:

* a cold deep link: the page before the router has ever run (``switch_page`` before the first run),
  so the page's script meets the raw parameters first and hands over to ``app.py``
  (``widgets.page_context``), as on the first visit after a restart;
* a deep link once the app is routed: the router and that page in one run, with the raw parameters.

Always: no exception and no error box, ``<html lang>`` set to ``vi`` or ``en``, nothing from the URL
unescaped in any HTML or markdown block, the URL left with checked values only (ids that name
something), and links carrying known parameters only. Bounded and derandomized for CI
(``PLAN_FUZZ_EXAMPLES`` explores further locally).
"""

from __future__ import annotations

import os
import re
from urllib.parse import parse_qsl

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from streamlit.runtime.forward_msg_queue import ForwardMsgQueue
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import parse_tree_from_messages

from components import data, params, site
from tests.conftest import app_links

APP = str(data.ROOT / "app.py")
FUZZ = settings(max_examples=int(os.environ.get("PLAN_FUZZ_EXAMPLES", "5")), deadline=None, derandomize=True,
                database=None, phases=[Phase.explicit, Phase.generate],  # no shrinking: bounded time
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])  # replaced_runs: emptied per example
PAGES = [path for path, _title, _slug in site.PAGES + site.HIDDEN_PAGES]
MARK = "<b data-fz>"  # markup that must never reach an HTML or markdown block unescaped
HOSTILE = [MARK, "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)",
           "\x00", "\x1b[2J", "\u202e", "\ufeff", "%00", "&amp;", "'--", "../../etc/passwd", "x" * 10_000,
           "ư" * 3_000, "6184", "06184", "99999", "0", "-1", "1e309", "nan", "en", " en ", "EN", "vi", "1", "true",
           "economy", "gates,tourism", "none", "gate_huu_nghi", "gate_atlantis", "vision,map", "mau son", "III",
           "a1-v-5-p1", "a1-zz-p9", "interactive", ""]
values = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=30),
                   st.builds(lambda a, b: a + MARK + b, st.text(max_size=8), st.text(max_size=8)))
repeated = st.lists(values, min_size=2, max_size=3)  # ?lang=en&lang=<b>: AppTest passes a list
unknown_keys = st.text(min_size=1, max_size=12).filter(
    lambda k: k not in params.CHECKS and k.lower() not in ("embed", "embed_options"))


def _walk(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)


def _bodies(at) -> list[tuple[str, str]]:
    """(element type, text) of everything drawn as HTML or markdown (st.html, markdown, titles, captions,
    alerts) by an AppTest's last run, or in an element tree."""
    out = []
    for node in _walk(getattr(at, "_tree", at)):
        body = getattr(getattr(node, "proto", None), "body", None)
        if isinstance(body, str):
            out.append((node.type, body))
    return out


def _no_markup(bodies: list[tuple[str, str]]) -> None:
    for kind, body in bodies:
        assert MARK not in body and "<script>alert" not in body and "onerror=" not in body, (kind, body[:200])


@pytest.fixture
def replaced_runs(monkeypatch):
    """What each run drew before the next one replaced it (AppTest keeps only the last run's elements):
    a cold deep link's first run, the page's own script, hands over to the router and is replaced."""
    batches: list[list] = []
    real = ForwardMsgQueue.clear

    def clear(self, *args, **kwargs):
        if self._queue:
            batches.append(list(self._queue))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(ForwardMsgQueue, "clear", clear)
    return batches


def _check(at: AppTest, pkg: data.Package) -> None:
    assert not at.exception, at.exception
    assert [e.value for e in at.error] == []

    bodies = _bodies(at)
    html = [b for kind, b in bodies if kind == "html"]
    langs = [m.group(1) for b in html for m in re.finditer(r'document\.documentElement\.lang = "(\w+)";', b)]
    assert langs and set(langs) <= {"vi", "en"}
    _no_markup(bodies)

    left = {k: at.query_params[k] for k in at.query_params if k != "embed"}  # Streamlit's, kept as it is
    assert left == params.clean(left, pkg), left  # only checked values, naming something, stay
    for link in at.get("page_link"):
        keys = {k for k, _v in parse_qsl(link.proto.query_string, keep_blank_values=True)}
        assert keys <= set(params.CHECKS), link.proto.query_string
    for _slug, query in app_links(at):  # the plain links between pages
        assert set(query) <= set(params.CHECKS), query


@pytest.mark.parametrize("mode", ["normal", "embed", "kiosk"])
@pytest.mark.parametrize("page", PAGES)
@FUZZ
@given(known=st.dictionaries(st.sampled_from(sorted(params.CHECKS)), st.one_of(values, values, repeated)),
       unknown=st.dictionaries(unknown_keys, values, max_size=3))
@example(known={k: f"x{MARK}" for k in params.CHECKS}, unknown={MARK: MARK})  # markup in every parameter
@example(known={"lang": " en ", "item": "gate_atlantis", "p": "a1-zz-p9", "unit": "99999", "s": "III"}, unknown={})
def test_any_deep_link_gives_a_calm_page_in_a_known_language(replaced_runs, page, mode, known, unknown):
    query = {**unknown, **known}
    if mode == "embed":
        query["embed"] = "true"
    elif mode == "kiosk":
        query["kiosk"] = "1"
    pkg = data.package()
    with pytest.MonkeyPatch.context() as env:  # AppTest has no address of its own: the kiosk QR needs one
        env.setenv("PLAN_PUBLIC_URL", "https://plan.example.vn/")
        at = AppTest.from_file(APP, default_timeout=60)
        at.query_params = dict(query)
        at.switch_page(page)  # before any run: the page's script meets the raw address first
        del replaced_runs[:]
        at.run()
        _check(at, pkg)
        assert replaced_runs, "the page's own script did not run first"
        for batch in replaced_runs:
            _no_markup(_bodies(parse_tree_from_messages(batch)))

        at.query_params = dict(query)  # the same address again, now that the app is routed
        at.switch_page(page).run()
        _check(at, pkg)
