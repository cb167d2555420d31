"""A short run of the benchmarks under bench/, so they cannot rot (timing limits are loose here)."""

from __future__ import annotations

import subprocess
import sys

from components import data


def test_exports_benchmark_runs_and_exports_stay_lazy():
    out = subprocess.run([sys.executable, "bench/exports_lazy.py", "--runs", "3", "--limit", "1.5"],
                         cwd=data.ROOT, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stdout + out.stderr[-2000:]
    assert "ratio" in out.stdout


def test_search_benchmark_runs_within_its_budget():
    out = subprocess.run([sys.executable, "bench/search_speed.py", "--rounds", "3", "--limit-ms", "50"],
                         cwd=data.ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr[-2000:]


def test_performance_budgets_benchmark_runs_every_part():
    """Issue 10: the budgets against a bare page, in short (few samples, loose limits)."""
    from tests.e2e.conftest import _need_browser
    from tests.test_deploy import _need_nginx

    _need_nginx()
    _need_browser()
    out = subprocess.run([sys.executable, "bench/budgets.py", "--smoke", "--json", "artifacts/budgets-smoke.json"],
                         cwd=data.ROOT, capture_output=True, text=True, timeout=900)
    assert out.returncode == 0, out.stdout + out.stderr[-3000:]
    for part in ("cpu ", "throughput ", "ready desktop ", "ready phone ", "transfer ", "memory per idle"):
        assert part in out.stdout
