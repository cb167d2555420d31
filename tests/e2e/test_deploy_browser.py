"""The app in Chromium behind nginx, as deployed: the content security policy holds, and a replica's death
does not show a new visitor an error page."""

from __future__ import annotations

import os
import re
import signal

import pytest

from bench.stack import Stack
from tests.e2e.conftest import wait_ready
from tests.test_deploy import _need_nginx

# Streamlit's frontend probes these on a deep link and logs two 404s; nothing else may fail.
ALLOWED_404 = re.compile(r"/[a-z-]+/_stcore/(health|host-config)$")
CSP_LOG = """window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"""


@pytest.fixture(scope="module")
def stack(artifacts):
    _need_nginx()
    with Stack(replicas=2, name="deploy-browser") as s:
        yield s


def _visit(browser, url: str, **context):
    ctx = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, "locale": "vi-VN", **context})
    page = ctx.new_page()
    page.add_init_script(CSP_LOG)
    problems, encodings = [], {}

    def on_response(resp):
        if resp.status >= 400 and not (resp.status == 404 and ALLOWED_404.search(resp.url.split("?")[0])):
            problems.append(f"{resp.status} {resp.url}")
        if "/static/js/index." in resp.url:
            encodings["index.js"] = resp.headers.get("content-encoding")

    page.on("response", on_response)
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" and "404" not in m.text else None)
    page.goto(url)
    wait_ready(page)
    page.wait_for_timeout(1500)  # let maps and charts draw (workers, canvases)
    state = page.get_attribute('[data-testid="stApp"]', "data-test-connection-state")
    csp = page.evaluate("window.__csp")
    title = page.locator("h1").first.inner_text()
    ctx.close()
    return {"problems": problems, "csp": csp, "state": state, "title": title, "encodings": encodings}


@pytest.mark.parametrize("path", ["/?lang=vi", "/targets?lang=en", "/urban-system?lang=vi", "/?embed=true&lang=en"])
def test_pages_work_under_the_content_security_policy(browser, stack, path):
    seen = _visit(browser, stack.url + path)
    assert seen["csp"] == [] and seen["problems"] == []
    assert seen["state"] == "CONNECTED"  # the websocket passed the proxy (Host and Origin agree)
    assert seen["encodings"].get("index.js") == "br"


def test_new_visitors_see_no_error_page_when_a_replica_is_killed(browser, stack):
    os.kill(stack.replica_pid(stack.ports[0]), signal.SIGKILL)
    for path in ("/?lang=vi", "/tourism?lang=en"):
        seen = _visit(browser, stack.url + path)
        assert seen["state"] == "CONNECTED" and seen["problems"] == [], seen
        assert seen["title"] in ("Quy hoạch tỉnh Lạng Sơn thời kỳ 2021–2030, tầm nhìn đến năm 2050", "Tourism")
