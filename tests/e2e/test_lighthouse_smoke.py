"""Lighthouse 12 on two static pages through nginx (issue #14): strict on Accessibility, Best practices, SEO,
layout shift and bytes; tolerant on timings, which this shared machine makes noisy (the full run with the
issue's budgets is ``python bench/lighthouse.py``, results in bench/RESULTS.md)."""

from __future__ import annotations

import os
import shutil

import pytest

from bench import lighthouse
from bench.stack import Stack
from components import static_build
from tests.e2e.conftest import CHROMIUM, ROOT, _need_browser

PAGES = ("/vi/urban-system/", "/en/targets/")  # the map page and the chart page: the heaviest


def _need_tools() -> None:
    _need_browser()
    missing = [what for what, ok in (("Lighthouse (npm ci)", lighthouse.LIGHTHOUSE.exists()),
                                     ("nginx", shutil.which("nginx") or os.path.exists("/usr/sbin/nginx")))
               if not ok]
    if missing:
        message = f"{', '.join(missing)} missing: make test installs them"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="module")
def site_behind_nginx():
    _need_tools()
    if static_build.is_stale(static_build.OUT):
        static_build.build(static_build.OUT, log=lambda *_: None)
    stack = Stack(replicas=1, name="lighthouse-smoke", env={"CHROME_PATH": CHROMIUM})
    yield stack
    stack.stop()


@pytest.mark.parametrize("path", PAGES)
def test_static_page_meets_the_lighthouse_budgets(site_behind_nginx, path):
    out = ROOT / "artifacts" / "lighthouse"
    out.mkdir(parents=True, exist_ok=True)
    report = lighthouse.run(site_behind_nginx.url + path, out / f"smoke{path.replace('/', '_')}json")
    s = lighthouse.summarise(report)
    assert (s["accessibility"], s["best-practices"], s["seo"]) == (100, 100, 100), s["failing"]
    assert s["cls"] <= lighthouse.BUDGETS["cls"]
    assert s["kib"] <= lighthouse.BUDGETS["kib"]
    # Timing on a shared 2-core machine: the budgets are Performance >= 95 and LCP <= 1.5 s.
    assert s["performance"] >= 85, s
    assert s["lcp_s"] <= 3.0, s
