"""The router's guard (#18): an unexpected failure is one message in the page's language with a
reference id and a link home, its traceback in the server log under that id; Streamlit's control
flow (rerun, stop, switch_page) passes through untouched."""

from __future__ import annotations

import logging
import re
import tomllib

import pytest
from streamlit.errors import FragmentHandledException
from streamlit.testing.v1 import AppTest

from components import content, data, guard, i18n

APP = str(data.ROOT / "app.py")
REF = re.compile(r"E-[0-9A-F]{6}")


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def server_log():
    handler = _Records()
    guard._logger().addHandler(handler)
    yield handler.records
    guard.LOG.removeHandler(handler)


def _script(tmp_path, body: str) -> AppTest:
    path = tmp_path / "script.py"
    path.write_text("import sys\nsys.path.insert(0, %r)\nimport streamlit as st\nfrom components import guard\n"
                    % str(data.ROOT) + body, encoding="utf-8")
    return AppTest.from_file(str(path), default_timeout=30)


@pytest.mark.parametrize(("lang", "words"), [("vi", "mã tham chiếu"), ("en", "reference")])
def test_the_message_is_in_the_page_language_with_the_reference(lang, words):
    text = guard.message(RuntimeError("secret /srv/path"), lang, "E-ABC123")
    assert words in text and "E-ABC123" in text and "secret" not in text and "/srv" not in text


def test_a_data_error_is_shown_with_file_row_and_column_as_code():
    err = data.DataError("data/targets.csv", 2, "unit", "unknown value '*x*' `y`")
    assert guard.message(err, "en", "E-ABC123") == (
        "A data file has a problem, so this page cannot be shown. Details: "
        "`targets.csv:2:unit: unknown value '*x*' 'y'` (reference E-ABC123).")


def test_a_data_error_on_a_vietnamese_page_shows_only_where_it_is():
    """Issue #18: the checks describe a problem in English; a Vietnamese page showed that English text."""
    err = data.DataErrors([data.DataError("data/targets.csv", 2, "unit", "unknown value 'x'"),
                           data.DataError("data/goals.csv", 3, "text_en", "empty, but required")])
    assert guard.message(err, "vi", "E-ABC123") == (
        "Một tệp dữ liệu gặp lỗi nên không thể hiển thị trang này. Chi tiết: `targets.csv:2:unit` "
        "(mã tham chiếu E-ABC123).")


def test_a_data_error_goes_to_the_log_as_a_warning_under_its_reference(server_log):
    err = data.DataErrors([data.DataError("data/targets.csv", 2, "unit", "unknown value 'x'"),
                           data.DataError("data/goals.csv", 3, "text_en", "empty, but required")])
    ref = guard.report(err)
    assert REF.fullmatch(ref) and len(server_log) == 1
    record = server_log[0]
    assert record.levelno == logging.WARNING and record.exc_info is None
    assert ref in record.getMessage() and "goals.csv:3:text_en: empty, but required" in record.getMessage()


def test_the_traceback_goes_to_the_log_under_the_reference(server_log):
    try:
        raise KeyError("boom")
    except KeyError as exc:
        ref = guard.log_failure(exc)
    assert REF.fullmatch(ref)
    assert len(server_log) == 1 and ref in server_log[0].getMessage()
    assert server_log[0].exc_info[0] is KeyError


def test_streamlit_signals_are_not_swallowed():
    with pytest.raises(FragmentHandledException), guard.page("en"):
        raise FragmentHandledException(ValueError("shown already"))


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_a_failing_page_shows_one_friendly_message_and_a_link_home(monkeypatch, server_log, lang):
    def broken(*_a, **_k):
        raise ZeroDivisionError("division by zero in a builder")

    monkeypatch.setattr(content, "tourism_figures", broken)
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("pages/tourism.py").run()
    assert not at.exception
    assert len(at.error) == 1
    ref = REF.search(at.error[0].value).group(0)
    assert guard.message(ZeroDivisionError(), lang, ref) == at.error[0].value
    home = [link for link in at.get("page_link") if link.proto.page.strip("/") == ""]
    assert home and home[-1].proto.label == i18n.translate(guard.HOME, lang)
    assert "lang=" + lang in home[-1].proto.query_string
    script = next(e.proto.body for e in at.get("html") if e.proto.body.startswith("<script"))
    assert f'document.documentElement.lang = "{lang}";' in script
    assert any(ref in r.getMessage() and r.exc_info[0] is ZeroDivisionError for r in server_log)
    # the footer is still drawn after a failed page
    assert any("ls-footer" in e.proto.body and "339/QĐ-UBND" in e.proto.body for e in at.get("html"))


def test_a_failure_in_the_router_itself_is_caught(monkeypatch, server_log):
    monkeypatch.setattr(guard.i18n, "LANG_NAMES", {})  # the language switch can no longer label its options
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception
    assert len(at.error) == 1 and REF.search(at.error[0].value)
    assert at.error[0].value.startswith("Something went wrong")


def test_a_kiosk_page_that_fails_links_home_within_the_kiosk(monkeypatch, server_log):
    monkeypatch.setattr(content, "priority_gates", lambda *a, **k: 1 / 0)
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in {"kiosk": "1", "lang": "vi", "idle": "30"}.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("pages/border-gates.py").run()
    assert not at.exception and len(at.error) == 1
    assert "Đã xảy ra sự cố" in at.error[0].value
    home = at.get("page_link")[-1]
    assert home.proto.label == "Về trang chủ" and "kiosk=1" in home.proto.query_string
    assert "idle=30" in home.proto.query_string


def test_stop_rerun_and_switch_page_pass_through_the_guard(tmp_path):
    at = _script(tmp_path, """
st.session_state.setdefault("runs", 0)
with guard.page("en"):
    st.session_state["runs"] += 1
    if st.session_state["runs"] < 3:
        st.rerun()
    st.markdown("inside")
    st.stop()
st.markdown("after the stop")
""")
    at.run()
    assert not at.exception and at.error == []
    assert at.session_state["runs"] == 3
    assert [m.value for m in at.markdown] == ["inside"]


def test_a_failing_callback_is_reported_on_the_next_run(tmp_path, server_log):
    at = _script(tmp_path, """
def boom():
    raise ValueError("callback broke")
guard.show_pending("vi")
st.button("go", on_click=guard.callback(boom))
""")
    at.run()
    at.button[0].click().run()
    assert not at.exception
    assert len(at.error) == 1 and "mã tham chiếu" in at.error[0].value
    ref = REF.search(at.error[0].value).group(0)
    assert any(ref in r.getMessage() and r.exc_info[0] is ValueError for r in server_log)
    at.run()
    assert at.error == []  # shown once


def test_production_settings_never_show_streamlits_error_details():
    config = tomllib.loads((data.ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none" and config["client"]["showErrorLinks"] == "false"
    env = dict(line.split("=", 1) for line in (data.ROOT / "deploy" / "streamlit.env").read_text().splitlines()
               if line and not line.startswith("#"))
    assert env["STREAMLIT_CLIENT_SHOW_ERROR_DETAILS"] == "none"
    assert env["STREAMLIT_CLIENT_SHOW_ERROR_LINKS"] == "false"


def test_a_file_cut_short_shows_one_friendly_message_in_the_page_language(monkeypatch, data_copy, server_log):
    """Issue #18: a CSV cut at a row boundary used to pass, and the rows were silently lost. The English
    page names the problem; the Vietnamese page names where it is, with no English in it."""
    path = data_copy / "tourism.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)[:-2]
    path.write_text("".join(lines), encoding="utf-8")
    monkeypatch.setenv(data.DATA_DIR_ENV, str(data_copy))
    data.package.clear()
    try:
        for lang in ("en", "vi"):
            at = AppTest.from_file(APP, default_timeout=60)
            at.query_params["lang"] = lang
            at.run()
            assert not at.exception and len(at.error) == 1
            shown = at.error[0].value
            assert f"`tourism.csv:{len(lines) + 1}:-" in shown
            english = shown if lang == "en" else english
            ref = REF.search(shown).group(0)
            assert any(ref in r.getMessage() and r.levelno == logging.WARNING and "was the file cut short?" in
                       r.getMessage() for r in server_log)
        assert "rows are missing (was the file cut short?)" in english
        assert shown.startswith("Một tệp dữ liệu gặp lỗi") and "rows are missing" not in shown and "run" not in shown
    finally:
        monkeypatch.delenv(data.DATA_DIR_ENV)
        data.package.clear()


def _explored(at):
    at.query_params["map"] = "interactive"  # what the "Explore the map" link asks for (a plain link now)
    at.run()


@pytest.mark.parametrize(("page", "before", "act"), [
    ("pages/border-gates.py", _explored, lambda at: at.button(key="mappicture_gates").click()),
], ids=["map-picture"])
def test_the_map_callbacks_report_a_failure_calmly(monkeypatch, server_log, page, before, act):
    """Issue #18: the map's picture/interactive buttons were not guarded (the reader's part picker and the
    "Explore the map" button, then widgets too, are now a plain form and a plain link)."""
    from components import widgets

    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "vi"
    at.run()
    at.switch_page(page).run()
    if before:
        before(at)
    real, calls = widgets._set_param, []

    def fails_once(*args):
        calls.append(args)
        if len(calls) == 1:  # the callback's own write: callbacks run before the script
            raise OSError("the first write to the URL fails")
        return real(*args)

    monkeypatch.setattr(widgets, "_set_param", fails_once)
    act(at).run()
    assert not at.exception, at.exception
    assert len(at.error) == 1 and "Đã xảy ra sự cố" in at.error[0].value
    ref = REF.search(at.error[0].value).group(0)
    assert any(ref in r.getMessage() and r.exc_info[0] is OSError for r in server_log)
