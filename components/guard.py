"""The last line of defence: an unexpected failure becomes one calm message, never a traceback.

Whatever the router runs for a page (and every widget callback and fragment of ours) runs inside
:func:`page`. An exception that escapes gets a short reference id; the traceback goes to the server
log under that id, and the visitor sees one message in the page's language with the id and a link
home. Streamlit's own error box (English, with "Ask Google" links) is never drawn for our code.

Streamlit's control flow passes through untouched. In the installed 1.67 source
(``runtime/scriptrunner_utils/exceptions.py``) ``st.rerun``, ``st.stop`` and ``st.switch_page``
raise ``RerunException`` / ``StopException``, subclasses of ``ScriptControlException(BaseException)``,
so ``except Exception`` never sees them; ``FragmentHandledException`` (``errors.py``) means
"Streamlit has already shown this fragment's error" and is re-raised as it came.

What stays out: deciding what a page shows, and any knowledge of a particular page.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import secrets
import sys
from collections.abc import Callable, Iterator

from components import data, i18n
from components.i18n import N_

LOG = logging.getLogger("lang_son_plan")
PENDING_KEY = "_guard_pending"  # a callback's failure, shown by the next page run
HOME_PATH = "pages/overview.py"

MESSAGE = N_("Something went wrong and this part of the page cannot be shown. Please try again later; "
             "if it happens again, tell us the reference {ref}.")
DATA_MESSAGE = N_("A data file has a problem, so this page cannot be shown. Details: {detail} (reference {ref}).")
HOME = N_("Back to the home page")


def _logger() -> logging.Logger:
    # Streamlit configures only its own loggers: give ours a plain stderr handler once.
    if not LOG.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        LOG.addHandler(handler)
        LOG.setLevel(logging.INFO)
        LOG.propagate = False
    return LOG


def new_reference() -> str:
    """A short id a visitor can read out over the phone: ``E-`` and 6 hexadecimal capitals."""
    return "E-" + secrets.token_hex(3).upper()


def log_failure(exc: BaseException) -> str:
    """Write ``exc`` with its traceback to the server log; the returned reference names the entry."""
    ref = new_reference()
    try:
        _logger().error("unexpected failure %s: %s", ref, type(exc).__name__, exc_info=exc)
    except Exception:  # pragma: no cover - the log must never turn one failure into two
        pass
    return ref


def log_data_problem(err: data.DataError) -> str:
    """Write a data file's problems (``file:row:column: problem``, one a line) to the server log as a
    warning, without a traceback (the file is the curator's to fix, not the code); the returned reference
    names the entry."""
    ref = new_reference()
    try:
        listed = getattr(err, "errors", None) or [err]
        _logger().warning("data problem %s: %s", ref, "\n  ".join(str(e) for e in listed))
    except Exception:  # pragma: no cover - the log must never turn one failure into two
        pass
    return ref


def report(exc: BaseException) -> str:
    """Log ``exc`` as what it is (a data problem, or a failure with its traceback); returns its reference."""
    return log_data_problem(exc) if isinstance(exc, data.DataError) else log_failure(exc)


def message(exc: BaseException, lang: str, ref: str | None = None) -> str:
    """The visitor's text (markdown) for ``exc`` in ``lang``, with its reference: for a data file, where
    the problem is (``file:row:column``, as code) and, on an English page, what it is (the checks say it
    in English only, so a Vietnamese page shows no English); anything else as the general message."""
    lang = i18n.resolve_lang(lang)
    _ = i18n.gettext_for(lang)
    if isinstance(exc, data.DataError):  # shown as code: markdown in a cell stays text
        detail = str(exc) if lang == "en" else f"{exc.path.name}:{exc.row}:{exc.column}"
        return _(DATA_MESSAGE).format(detail="`" + detail.replace("`", "'") + "`", ref=ref or "-")
    return _(MESSAGE).format(ref=ref or "-")


def current_lang() -> str:
    """The page language as far as it is known when something fails; never raises."""
    try:
        import streamlit as st

        from components import params

        return params.lang(st.query_params.get("lang")) or i18n.resolve_lang(st.session_state.get("lang"))
    except Exception:
        return i18n.DEFAULT_LANG


def home_query(lang: str) -> dict[str, str]:
    """Where the link home goes: the language, and on a kiosk its checked settings."""
    try:
        import streamlit as st

        settings = st.session_state.get("_kiosk")
        query = dict(settings.query()) if settings else {}
    except Exception:
        query = {}
    return {**query, "lang": i18n.resolve_lang(lang)}


def show(exc: Exception, lang: str | None = None) -> bool:
    """Report ``exc`` and draw the friendly message; the contract of a Streamlit error hook.

    Contract (also the ``on_script_error`` hook of ``st.App``, which 1.67 calls with the exception
    for uncaught failures of the script and of widget callbacks):

    * takes the exception and, optionally, the page language (otherwise read from the URL and the
      session, falling back to Vietnamese);
    * a :class:`components.data.DataError` is logged as a warning without a traceback (it is the
      curator's, not the code's) and shown with its ``file:row:column`` (and, on an English page, the
      problem); anything else is logged with its traceback; either way under a new reference id, and
      the visitor sees the id;
    * draws one ``st.error`` in that language and a link to the home page (keeping the language
      and a kiosk's settings); escapes nothing from the exception into HTML (``st.error`` shows
      markdown, so the detail is passed as code);
    * never raises, and returns ``True``, meaning "handled: do not show Streamlit's own error box".
    """
    lang = i18n.resolve_lang(lang) if lang else current_lang()
    ref = report(exc)
    try:
        import streamlit as st

        _ = i18n.gettext_for(lang)
        st.error(message(exc, lang, ref), icon="⚠️")
        try:
            st.page_link(HOME_PATH, label=_(HOME), query_params=home_query(lang))
        except Exception:  # no navigation yet (the failure came first): the message alone
            pass
    except Exception as inner:  # drawing failed too: the log has both, the visitor a blank area
        log_failure(inner)
    return True


def show_pending(lang: str) -> None:
    """Show the message of a callback that failed before this run (see :func:`callback`)."""
    import streamlit as st

    pending = st.session_state.pop(PENDING_KEY, None)
    if pending is not None:
        _ = i18n.gettext_for(lang)
        st.error(_(MESSAGE).format(ref=pending), icon="⚠️")


@contextlib.contextmanager
def page(lang: str | Callable[[], str] | None = None) -> Iterator[None]:
    """Run a block; an unexpected exception is reported by :func:`show` and does not propagate.

    ``lang`` may be a function, asked only when something fails (the block may be what decides it).
    Streamlit's control-flow exceptions (rerun, stop, switch_page) are BaseExceptions and pass.
    """
    try:
        yield
    except _passthrough():
        raise
    except Exception as exc:
        show(exc, lang() if callable(lang) else lang)


def callback(func: Callable[..., object]) -> Callable[..., None]:
    """Wrap a widget callback: a failure is logged and its reference shown by the next page run."""

    @functools.wraps(func)
    def guarded(*args, **kwargs) -> None:
        try:
            func(*args, **kwargs)
        except _passthrough():
            raise
        except Exception as exc:
            import streamlit as st

            st.session_state[PENDING_KEY] = report(exc)

    return guarded


@functools.cache
def _passthrough() -> tuple[type[BaseException], ...]:
    """Exceptions that are Streamlit's signals, not failures (``Exception`` subclasses among them)."""
    try:
        from streamlit.errors import FragmentHandledException
    except ImportError:  # pragma: no cover - another Streamlit version
        return ()
    return (FragmentHandledException,)
