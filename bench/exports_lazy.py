"""Benchmark: the Targets page with its export controls runs within 10 % of the same page without them.

Proof that exports cost a page run nothing: its links name the static edition's files (made once, by
``make static``), so a page run renders no PNG, SVG or CSV. Runs are interleaved (with, without, with, …) in one process and compared by median, so
the machine's noise affects both sides alike.

    python bench/exports_lazy.py [--runs 15] [--limit 1.10]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _run_once(exports_on: bool) -> float:
    from streamlit.testing.v1 import AppTest

    from components import widgets

    if exports_on:
        os.environ.pop(widgets.EXPORTS_ENV, None)
    else:
        os.environ[widgets.EXPORTS_ENV] = "off"
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "vi"
    at.run()
    start = time.perf_counter()
    at.switch_page("pages/targets.py").run()
    elapsed = time.perf_counter() - start
    assert not at.exception, at.exception
    links = sum(e.proto.body.count(" download>") for e in at.get("html"))
    assert (links >= 6) == exports_on, links  # PNG, SVG and CSV of the two charts above the page's parts
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--limit", type=float, default=1.10)
    args = parser.parse_args(argv)
    _run_once(True), _run_once(False)  # warm caches and imports
    with_exports, without = [], []
    for _ in range(args.runs):
        with_exports.append(_run_once(True))
        without.append(_run_once(False))
    ratio = statistics.median(with_exports) / statistics.median(without)
    print(f"targets page run: with exports {statistics.median(with_exports) * 1000:.1f} ms, "
          f"without {statistics.median(without) * 1000:.1f} ms (medians of {args.runs}); ratio {ratio:.3f} "
          f"(limit {args.limit:.2f})")
    return 0 if ratio <= args.limit else 1


if __name__ == "__main__":
    sys.exit(main())
