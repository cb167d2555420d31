"""Benchmark: a query over the whole dataset answers well under 50 ms (the index is built once).

    python bench/search_speed.py [--limit-ms 50]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from components import data, search  # noqa: E402

QUERIES = ["mau son", "hữu nghị", "geopark", "cửa khẩu", "huu lung", "tỷ lệ đô thị hóa", "khu công nghiệp",
           "border gate", "forest cover", "dong dang", "x" * 500, "a"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit-ms", type=float, default=50.0)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args(argv)
    pkg = data.read_package()
    start = time.perf_counter()
    search.build_index(pkg)
    built = (time.perf_counter() - start) * 1000
    times = []
    for _ in range(args.rounds):
        for q in QUERIES:
            for lang in ("vi", "en"):
                t = time.perf_counter()
                search.search(pkg, q, lang)
                times.append((time.perf_counter() - t) * 1000)
    times.sort()
    p95 = times[int(len(times) * 0.95)]
    print(f"index built once in {built:.0f} ms; {len(times)} queries: median {statistics.median(times):.1f} ms, "
          f"p95 {p95:.1f} ms, max {times[-1]:.1f} ms (limit {args.limit_ms:.0f} ms at p95)")
    return 0 if p95 <= args.limit_ms else 1


if __name__ == "__main__":
    sys.exit(main())
