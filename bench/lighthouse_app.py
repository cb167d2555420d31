"""Lighthouse 12 over the interactive app's pages against a bare Streamlit page (issue #15's budgets).

    python bench/lighthouse_app.py            # every app page, mobile and desktop, against the bare page
    python bench/lighthouse_app.py --pages targets commune?unit=06184 --presets mobile

Both run behind the same production nginx set-up (``bench/stack.py``: one replica each) in the same run, the
bare page measured before, between and after the app's pages, so that the machine's load hits both alike.
Budgets: Performance >= the bare page's median - 5 (mobile) and >= 85 (desktop); Accessibility, Best
practices and SEO 100; CLS <= 0.1; total blocking time <= 600 ms. Writes every report to
``artifacts/lighthouse-app/`` and the table into ``bench/RESULTS.md`` between the app's markers.
"""

from __future__ import annotations

import argparse
import json
import re
import signal
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.lighthouse import RESULTS, run, summarise  # noqa: E402

BEGIN, END = "<!-- app-first-view:begin -->", "<!-- app-first-view:end -->"
PAGES = ("?lang=vi", "targets?lang=en", "breakthroughs?lang=vi", "border-gates?lang=en", "tourism?lang=vi",
         "urban-system?lang=en", "infrastructure?lang=vi", "agriculture?lang=en", "commune?lang=en&unit=06184",
         "plan?lang=vi&s=III", "search?lang=vi&q=mau+son", "sources?lang=en")


def over_budget(s: dict, bare_perf: float, preset: str) -> list[str]:
    floor = bare_perf - 5 if preset == "mobile" else 85
    out = [f"performance {s['performance']} < {floor:g}"] if s["performance"] < floor else []
    out += [f"{k} {s[k]} < 100" for k in ("accessibility", "best-practices", "seo") if s[k] < 100]
    out += [f"CLS {s['cls']} > 0.1"] if s["cls"] > 0.1 else []
    out += [f"TBT {s['tbt_ms']} > 600"] if s["tbt_ms"] > 600 else []
    return out


def table(rows: list[tuple[str, str, dict]], bare: dict[str, float]) -> str:
    head = ("| Page | Preset | Perf. | A11y | Best pr. | SEO | FCP s | LCP s | CLS | TBT ms | KiB | Budgets |\n"
            "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n")
    lines = []
    for path, preset, s in rows:
        missed = over_budget(s, bare[preset], preset) if path != "bare" else []
        lines.append(f"| `{path}` | {preset} | {s['performance']} | {s['accessibility']} | {s['best-practices']} | "
                     f"{s['seo']} | {s['fcp_s']} | {s['lcp_s']} | {s['cls']} | {s['tbt_ms']} | {s['kib']} | "
                     f"{'—' if path == 'bare' else ('met' if not missed else '; '.join(missed))} |")
    return head + "\n".join(lines) + "\n"


def write_results(rows, bare, note: str) -> None:
    text = RESULTS.read_text(encoding="utf-8")
    block = f"{BEGIN}\n{note}\n\n{table(rows, bare)}{END}"
    if BEGIN in text:
        text = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda _m: block, text, flags=re.S)
    else:
        text = text.rstrip() + "\n\n# The app's first view: Lighthouse 12 per page against a bare page (issue 15)\n\n" \
            + block + "\n"
    RESULTS.write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", nargs="*", default=list(PAGES))
    parser.add_argument("--presets", nargs="*", default=["mobile", "desktop"], choices=["mobile", "desktop"])
    parser.add_argument("--no-write", action="store_true", help="do not update bench/RESULTS.md")
    args = parser.parse_args()
    out_dir = ROOT / "artifacts" / "lighthouse-app"
    out_dir.mkdir(parents=True, exist_ok=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    from bench.stack import Stack

    app = Stack(replicas=1, name="lh-app")
    bare_stack = Stack(replicas=1, app="bench/bare_page.py", name="lh-bare")
    rows: list[tuple[str, str, dict]] = []
    bare_runs: dict[str, list[float]] = {p: [] for p in args.presets}

    def measure(base: str, path: str, preset: str, label: str) -> dict:
        name = re.sub(r"[^\w]+", "_", f"{label}-{preset}") or "root"
        s = summarise(run(f"{base}/{path}", out_dir / f"{name}.json", desktop=preset == "desktop"))
        print(f"{label} [{preset}]: {json.dumps(s)}", flush=True)
        return s

    try:
        for preset in args.presets:
            half = len(args.pages) // 2
            for i, path in enumerate(args.pages):
                if i in (0, half):  # the bare page before and halfway through the app's pages
                    s = measure(bare_stack.url, "", preset, f"bare-{i}")
                    bare_runs[preset].append(s["performance"])
                    rows.append(("bare", preset, s))
                rows.append((path, preset, measure(app.url, path, preset, path)))
            s = measure(bare_stack.url, "", preset, "bare-end")
            bare_runs[preset].append(s["performance"])
            rows.append(("bare", preset, s))
    finally:
        app.stop()
        bare_stack.stop()
    bare = {p: statistics.median(v) for p, v in bare_runs.items()}
    missed = sum(1 for path, preset, s in rows if path != "bare" and over_budget(s, bare[preset], preset))
    note = (f"Lighthouse 12.2.3 on Debian's Chromium, each app page and a bare Streamlit page (`bench/bare_page.py`) "
            f"behind the same production nginx set-up, one replica each (`python bench/lighthouse_app.py`, "
            f"{time.strftime('%Y-%m-%d')}, a shared 2-core machine). Bare page Performance (median): "
            + ", ".join(f"{p} {v:g}" for p, v in bare.items())
            + f". Page × preset runs missing a budget: {missed} of {sum(1 for r in rows if r[0] != 'bare')}.")
    (out_dir / "summary.json").write_text(json.dumps([[p, pr, s] for p, pr, s in rows], indent=1))
    if not args.no_write:
        write_results(rows, bare, note)
    print(note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
