"""Lighthouse 12 over the interactive app's pages against a bare Streamlit page (issue #15's budgets).

    python bench/lighthouse_app.py            # every app page, mobile and desktop, against the bare page
    python bench/lighthouse_app.py --pages targets commune?unit=06184 --presets mobile --runs 1

Each page is measured ``--runs`` times (default 3, in passes over all the pages, so that a burst of load on a
shared machine hits one sample of many pages rather than every sample of one) and every figure is the median
of its runs, as Lighthouse's own guidance on variability advises: its simulated throttling multiplies the
main-thread tasks it observed by four, so a busy host moves TBT, and with it Performance, by hundreds of ms.
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


def median_summary(runs: list[dict]) -> dict:
    """The median of each figure over a page's runs; the audits that failed in any run."""
    out = {k: round(statistics.median(r[k] for r in runs), 2 if k.endswith("_s") else 3)
           for k in runs[0] if k != "failing"}
    out.update({k: round(out[k]) for k in ("performance", "accessibility", "best-practices", "seo", "tbt_ms")})
    return {**out, "failing": sorted({a for r in runs for a in r["failing"]}), "runs": len(runs)}


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
    parser.add_argument("--runs", type=int, default=3, help="runs per page and preset (figures are medians)")
    parser.add_argument("--no-write", action="store_true", help="do not update bench/RESULTS.md")
    args = parser.parse_args()
    out_dir = ROOT / "artifacts" / "lighthouse-app"
    out_dir.mkdir(parents=True, exist_ok=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    from bench.stack import Stack

    app = Stack(replicas=1, name="lh-app")
    bare_stack = Stack(replicas=1, app="bench/bare_page.py", name="lh-bare")
    samples: dict[tuple[str, str], list[dict]] = {}

    def measure(base: str, path: str, preset: str, label: str) -> dict:
        name = re.sub(r"[^\w]+", "_", f"{label}-{preset}") or "root"
        s = summarise(run(f"{base}/{path}", out_dir / f"{name}.json", desktop=preset == "desktop"))
        print(f"{label} [{preset}]: {json.dumps(s)}", flush=True)
        return s

    try:
        for preset in args.presets:
            for n in range(args.runs):
                half = len(args.pages) // 2
                for i, path in enumerate(args.pages):
                    if i in (0, half):  # the bare page before and halfway through the app's pages
                        samples.setdefault(("bare", preset), []).append(
                            measure(bare_stack.url, "", preset, f"bare-{i}-{n}"))
                    samples.setdefault((path, preset), []).append(measure(app.url, path, preset, f"{path}-{n}"))
            samples[("bare", preset)].append(measure(bare_stack.url, "", preset, "bare-end"))
    finally:
        app.stop()
        bare_stack.stop()
    rows = [(path, preset, median_summary(runs)) for (path, preset), runs in samples.items()]
    bare_runs = {p: [s["performance"] for s in samples[("bare", p)]] for p in args.presets}
    bare = {p: statistics.median(v) for p, v in bare_runs.items()}
    missed = sum(1 for path, preset, s in rows if path != "bare" and over_budget(s, bare[preset], preset))
    note = (f"Lighthouse 12.2.3 on Debian's Chromium, each app page and a bare Streamlit page (`bench/bare_page.py`) "
            f"behind the same production nginx set-up, one replica each (`python bench/lighthouse_app.py`, "
            f"{time.strftime('%Y-%m-%d')}, a shared 2-core machine); every figure is the median of {args.runs} runs of "
            f"the page (the bare page: {len(bare_runs[args.presets[0]])}). Bare page Performance: "
            + ", ".join(f"{p} {v:g}" for p, v in bare.items())
            + f". Pages × presets missing a budget (on the medians): {missed} of "
            f"{sum(1 for r in rows if r[0] != 'bare')}.")
    (out_dir / "summary.json").write_text(json.dumps([[p, pr, s] for p, pr, s in rows], indent=1))
    if not args.no_write:
        write_results(rows, bare, note)
    print(note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
