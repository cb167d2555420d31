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
