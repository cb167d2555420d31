"""Soak test of kiosk mode: a day of visitors in compressed time, memory flat on both sides.

One headless Chromium (1920×1080) plays visitor after visitor against a fresh server on loopback:
each visitor taps through the kiosk pages (page switches), switches the language, turns a map layer
on, then walks away; the idle countdown runs out, the kiosk resets to the highlights page and the
attract loop shows slide after slide (loop steps) until the next visitor touches the screen.

Time is compressed: idle 15 s, countdown 3 s, a slide a second, and the server forgets a closed
session after 10 s instead of 120 s (``server.disconnectedSessionTTL``), so a few minutes stand for
many hours of reset cycles. After every visitor it samples the server's resident memory, its
session count, and the page's JS heap, DOM nodes and event listeners (Chrome DevTools Protocol).
Memory is judged against its settled level (the median of the samples after the first third): at
the end the server must be within ``--server-bound`` and the browser within ``--browser-bound``.
Any console error fails the run.

    python bench/kiosk_soak.py [--visitors 60] [--slides 30] [--server-bound 0.10] [--browser-bound 0.25]

Traffic goes to 127.0.0.1 only, and the run stops by itself (``--visitors``, ``--max-minutes``).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from components import kiosk  # noqa: E402
from tests.e2e.conftest import CHROMIUM, FLAGS, Server, wait_ready  # noqa: E402

ALLOWED_404 = re.compile(r"/[a-z-]+/_stcore/(health|host-config)$")


def _rss_mib(pid: int) -> float:
    """Resident memory of the server and its children (Streamlit runs in one process)."""
    text = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+)", text).group(1)) / 1024


def _sessions(url: str) -> int | None:
    """Sessions the server reports as active (its own ``active_sessions`` gauge), None if unreadable."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/metrics", timeout=5) as r:
            text = r.read().decode()
    except OSError:
        return None
    m = re.search(r"^active_sessions\s+([\d.]+)", text, re.M)
    return int(float(m.group(1))) if m else None


def _browser_metrics(cdp) -> dict[str, float]:
    cdp.send("HeapProfiler.collectGarbage")
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    return {"heap_mib": metrics["JSHeapUsedSize"] / 2**20, "nodes": metrics["Nodes"],
            "listeners": metrics["JSEventListeners"]}


# Which slide is on screen, as "position:id" (the dots say the position).
_SHOWN_JS = """() => {
  const slide = document.querySelector('[data-slide]');
  const dots = [...document.querySelectorAll('.ls-dots li')];
  return slide ? dots.findIndex(d => d.classList.contains('on')) + ':' + slide.getAttribute('data-slide') : null;
}"""


def _visitor(page, base: str, slides: int, counts: dict) -> None:
    """One visitor: wake the kiosk, tap around, walk away; then the attract loop runs ``slides`` steps."""
    page.wait_for_function("() => window.__lsKiosk && document.querySelector('[data-slide]')", timeout=30_000)
    page.mouse.click(60, 400)  # touch the attract screen
    page.wait_for_function("() => location.pathname === '/' && document.querySelector('.st-key-kiosk_nav')",
                           timeout=30_000)
    wait_ready(page)
    for slug in ("targets", "border-gates", "tourism", "urban-system", ""):
        page.locator(".st-key-kiosk_nav a[href]").nth(kiosk.PAGES.index(slug)).click()
        page.wait_for_function("(slug) => location.pathname === '/' + slug", arg=slug, timeout=30_000)
        wait_ready(page)
        counts["page_switches"] += 1
    page.locator(".ls-lang a").nth(1).click()  # English
    page.wait_for_function("() => document.documentElement.lang === 'en'", timeout=30_000)
    wait_ready(page)
    page.locator(".st-key-kiosk_nav a[href]").nth(kiosk.PAGES.index("border-gates")).click()
    page.wait_for_function("() => location.pathname === '/border-gates'", timeout=30_000)
    wait_ready(page)
    page.locator(".ls-chips a.ls-chip").first.click()  # a map layer on
    page.wait_for_function("() => location.search.includes('layers=')", timeout=30_000)
    wait_ready(page)
    counts["page_switches"] += 1
    # Walk away: countdown, reset, attract loop.
    page.wait_for_url("**/highlights?**", timeout=60_000)
    wait_ready(page)
    counts["resets"] += 1
    seen, last = 0, None
    deadline = time.monotonic() + slides * 6 + 30
    while seen < slides and time.monotonic() < deadline:
        shown = page.evaluate(_SHOWN_JS)
        if shown and shown != last:
            seen, last = seen + 1, shown
        page.wait_for_timeout(150)
    counts["slide_steps"] += seen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visitors", type=int, default=60)
    parser.add_argument("--slides", type=int, default=30, help="attract-loop steps after each visitor")
    parser.add_argument("--server-bound", type=float, default=0.10, help="allowed growth over the settled level")
    parser.add_argument("--browser-bound", type=float, default=0.25, help="allowed JS heap growth over settled")
    parser.add_argument("--max-minutes", type=float, default=120)
    parser.add_argument("--idle", type=float, default=15, help="kiosk idle seconds (longer on a busy machine)")
    parser.add_argument("--json", type=Path, help="write the samples here")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    (ROOT / "artifacts").mkdir(exist_ok=True)
    server = Server(env={"STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL": "10"})
    errors: list[str] = []
    samples: list[dict] = []
    counts = {"page_switches": 0, "slide_steps": 0, "resets": 0}
    started = time.monotonic()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="vi-VN")
            page = context.new_page()

            def on_console(msg):
                url = (msg.location or {}).get("url", "").split("?")[0]
                if msg.type == "error" and not ("404" in msg.text and ALLOWED_404.search(url)):
                    errors.append(msg.text[:300])

            page.on("console", on_console)
            page.on("pageerror", lambda exc: errors.append(f"page error: {exc}"[:300]))
            page.on("request", lambda req: req.url.startswith((server.url, "data:", "blob:"))
                    or errors.append(f"external request: {req.url}"))
            cdp = context.new_cdp_session(page)
            cdp.send("Performance.enable")
            page.goto(f"{server.url}/highlights?kiosk=1&idle={args.idle:g}&countdown=3&slide=1")
            wait_ready(page)
            for n in range(1, args.visitors + 1):
                if time.monotonic() - started > args.max_minutes * 60:
                    print(f"stopped after {args.max_minutes} minutes")
                    break
                try:
                    _visitor(page, server.url, args.slides, counts)
                except Exception as exc:
                    page.screenshot(path=str(ROOT / "artifacts" / "kiosk-soak-failure.png"))
                    errors.append(f"visitor {n} stuck at {page.url}: {str(exc).splitlines()[0]}")
                    break
                cdp = context.new_cdp_session(page)  # the reset loaded a new document
                cdp.send("Performance.enable")
                sample = {"visitor": n, "minutes": round((time.monotonic() - started) / 60, 2),
                          "server_rss_mib": round(_rss_mib(server.proc.pid), 1), "sessions": _sessions(server.url),
                          **{k: round(v, 2) for k, v in _browser_metrics(cdp).items()}}
                samples.append(sample)
                print(json.dumps(sample), flush=True)
            browser.close()
    finally:
        server.stop()

    if len(samples) < 3:
        print("too few samples" + "".join(f"\n  {e}" for e in errors[:10]))
        return 1
    settled = samples[len(samples) // 3:]
    base_rss = statistics.median(s["server_rss_mib"] for s in settled)
    base_heap = statistics.median(s["heap_mib"] for s in settled)
    end_rss = statistics.median(s["server_rss_mib"] for s in samples[-3:])
    end_heap = statistics.median(s["heap_mib"] for s in samples[-3:])
    rss_growth, heap_growth = end_rss / base_rss - 1, end_heap / base_heap - 1
    print(f"visitors {len(samples)}, page switches {counts['page_switches']}, attract-loop steps "
          f"{counts['slide_steps']}, resets {counts['resets']} in {(time.monotonic() - started) / 60:.1f} min")
    print(f"server RSS: first {samples[0]['server_rss_mib']:.1f} MiB, settled {base_rss:.1f} MiB, end {end_rss:.1f} MiB "
          f"({rss_growth:+.1%}, bound {args.server_bound:.0%})")
    print(f"browser JS heap: first {samples[0]['heap_mib']:.1f} MiB, settled {base_heap:.1f} MiB, end {end_heap:.1f} MiB "
          f"({heap_growth:+.1%}, bound {args.browser_bound:.0%}); DOM nodes {samples[0]['nodes']:.0f} → "
          f"{samples[-1]['nodes']:.0f}; listeners {samples[0]['listeners']:.0f} → {samples[-1]['listeners']:.0f}")
    print(f"console errors: {len(errors)}" + ("".join(f"\n  {e}" for e in errors[:10])))
    if args.json:
        args.json.write_text(json.dumps({"counts": counts, "samples": samples, "errors": errors}, indent=1))
    ok = rss_growth <= args.server_bound and heap_growth <= args.browser_bound and not errors
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
