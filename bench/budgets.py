"""Performance budgets of issue 10, each measured beside a bare Streamlit page in the same run.

Two stacks run side by side, each nginx in front of one replica with the production settings: the app,
and ``bench/bare_page.py`` (a title and a paragraph). Measurements alternate between them (bare, app,
bare, app, …) and are compared by median, so the machine's noise falls on both alike.

- ready:      time until Streamlit reports the page ready in headless Chromium (connected, script no
              longer running, no skeleton), cold cache; desktop ≤ 1.2×, phone (slow 4G, CPU ×4) ≤ 1.3×.
- cpu:        replica CPU per first visit (websocket, one page run), every page ≤ 2×.
- throughput: first visits per second of the heaviest page with 8 visitors at once ≥ 50 %.
- transfer:   bytes nginx sends for a first visit of the Overview in Chromium (files and websocket),
              ≤ 1.2 MB.
- memory:     growth of the replica's memory per idle session ≤ 0.5 MiB; after 1,000 sessions have come
              and gone (and the disconnected-session TTL has passed), within 10 % of the settled memory.

    python bench/budgets.py [--only ready,cpu,...] [--rounds 5] [--phone-pages ...] [--json FILE]
    python bench/budgets.py --smoke      # the short run that CI does: every part, loose limits

Everything runs on loopback and is bounded (timeouts on every wait, fixed numbers of visits).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import stclient  # noqa: E402
from bench.stack import Stack, cpu_seconds, rss_bytes  # noqa: E402
from components import site  # noqa: E402

PAGES = [slug for _, _, slug in site.PAGES]
MIB = 1024 * 1024
SOURCES = [f"127.0.0.{i}" for i in range(2, 12)]  # visitors from 10 addresses (nginx limits each one)
BUDGETS = {"ready_desktop": 1.2, "ready_phone": 1.3, "cpu": 2.0, "throughput": 0.5,
           "transfer_bytes": 1_200_000, "idle_session_mib": 0.5, "after_churn": 1.10}
# Loose limits for the CI smoke run (few samples on a shared machine): it catches rot and gross regressions.
# Transfer does not depend on the machine's load, so the smoke run holds it to the budget itself.
SMOKE_LIMITS = {"ready_desktop": 3.0, "ready_phone": 3.0, "cpu": 3.0, "throughput": 0.3,
                "transfer_bytes": BUDGETS["transfer_bytes"], "idle_session_mib": 2.0, "after_churn": 1.5}
READY_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-connection-state') !== 'CONNECTED'
      || app.getAttribute('data-test-script-state') !== 'notRunning'
      || document.querySelector('[data-testid="stAppSkeleton"], [data-testid="stSkeleton"]')) return false;
  return performance.now();
}"""
# Lighthouse's mobile profile as DevTools applies it: "slow 4G" and a 4× slower CPU.
SLOW_4G = {"offline": False, "latency": 562.5, "downloadThroughput": 1474.56 * 1024 / 8,
           "uploadThroughput": 607.5 * 1024 / 8}
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "is_mobile": True,
         "has_touch": True, "user_agent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
                                          "(KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36"}


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def ratio_interval(app: list[float], bare: list[float], draws: int = 2000) -> tuple[float, float]:
    """A 90 % bootstrap interval of ``median(app) / median(bare)``: rounds resampled whole (a round is one bare
    and one app sample, taken one after the other), so what the machine did in a round falls on both. It says
    whether a run can tell a ratio from the budget at all; a fixed seed keeps the report reproducible."""
    rng = random.Random(0)
    rounds = list(zip(app, bare))
    ratios = sorted(_median([a for a, _ in pick]) / _median([b for _, b in pick])
                    for pick in (rng.choices(rounds, k=len(rounds)) for _ in range(draws)))
    return round(ratios[int(0.05 * draws)], 3), round(ratios[int(0.95 * draws) - 1], 3)


# --- ready ---------------------------------------------------------------------------------------

def _ready_ms(browser, url: str, phone: bool) -> float:
    ctx = browser.new_context(**(PHONE if phone else {"viewport": {"width": 1280, "height": 900}}),
                              locale="vi-VN")
    page = ctx.new_page()
    try:
        if phone:
            cdp = ctx.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", SLOW_4G)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
        page.goto(url, wait_until="commit", timeout=120_000)
        return page.wait_for_function(READY_JS, polling="raf", timeout=120_000).json_value()
    finally:
        ctx.close()


def measure_ready(app: Stack, bare: Stack, pages: list[str], phone: bool, rounds: int) -> dict:
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import CHROMIUM, FLAGS

    out = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            for slug in pages:
                _ready_ms(browser, f"{app.url}/{slug}?lang=vi", phone)  # warm the servers, not the browser
                _ready_ms(browser, f"{bare.url}/", phone)
                a, b = [], []
                for _ in range(rounds):
                    b.append(_ready_ms(browser, f"{bare.url}/", phone))
                    a.append(_ready_ms(browser, f"{app.url}/{slug}?lang=vi", phone))
                out[slug or "overview"] = {"app_ms": round(_median(a)), "bare_ms": round(_median(b)),
                                           "ratio": round(_median(a) / _median(b), 3),
                                           "ratio_90": ratio_interval(a, b),
                                           "app_all": [round(x) for x in a], "bare_all": [round(x) for x in b]}
        finally:
            browser.close()
    return out


# --- cpu and throughput --------------------------------------------------------------------------

async def _visits(stack: Stack, page: str, n: int) -> float:
    """CPU milliseconds the replica spent per first visit, over ``n`` visits one after another."""
    pid = stack.replica_pids()[0]
    before = cpu_seconds(pid)
    for _ in range(n):
        s = await stclient.visit(stack.host, stack.port, page, "lang=vi")
        await s.close()
    return (cpu_seconds(pid) - before) / n * 1000


async def _cpu(app: Stack, bare: Stack, pages: list[str], rounds: int, visits: int) -> dict:
    # An idle visitor stays on each server, as in service (with none, Streamlit drops its script cache).
    anchors = [await stclient.visit(app.host, app.port), await stclient.visit(bare.host, bare.port)]
    try:
        for slug in pages:
            await _visits(app, slug, 1)
        await _visits(bare, "", 2)
        out = {}
        for slug in pages:
            a, b = [], []
            for _ in range(rounds):
                b.append(await _visits(bare, "", visits))
                a.append(await _visits(app, slug, visits))
            out[slug or "overview"] = {"app_ms": round(_median(a), 1), "bare_ms": round(_median(b), 1),
                                       "ratio": round(_median(a) / _median(b), 3)}
        return out
    finally:
        for s in anchors:
            await s.close()


async def _throughput_once(stack: Stack, page: str, clients: int, seconds: float) -> float:
    done = 0
    end = time.monotonic() + seconds

    async def client():
        nonlocal done
        while time.monotonic() < end:
            s = await stclient.visit(stack.host, stack.port, page, "lang=vi")
            await s.close()
            done += 1

    start = time.monotonic()
    await asyncio.gather(*(client() for _ in range(clients)))
    return done / (time.monotonic() - start)


async def _throughput(app: Stack, bare: Stack, page: str, rounds: int, seconds: float, clients: int = 8) -> dict:
    anchors = [await stclient.visit(app.host, app.port), await stclient.visit(bare.host, bare.port)]
    try:
        a, b = [], []
        for _ in range(rounds):
            b.append(await _throughput_once(bare, "", clients, seconds))
            a.append(await _throughput_once(app, page, clients, seconds))
        return {"page": page or "overview", "app_per_s": round(_median(a), 2), "bare_per_s": round(_median(b), 2),
                "ratio": round(_median(a) / _median(b), 3), "clients": clients}
    finally:
        for s in anchors:
            await s.close()


# --- transfer ------------------------------------------------------------------------------------

def _sent_bytes(lines: list[str]) -> dict:
    parts = {"static": 0, "websocket": 0, "other": 0}
    for line in lines:
        request = line.split('"')[1] if '"' in line else ""
        sent = int(line.split('"')[2].split()[1])
        path = request.split()[1] if len(request.split()) > 1 else ""
        kind = "static" if path.startswith("/static/") else "websocket" if path.startswith("/_stcore/stream") \
            else "other"
        parts[kind] += sent
    return {**parts, "total": sum(parts.values())}


def measure_transfer(stack: Stack, path: str, rounds: int) -> dict:
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import CHROMIUM, FLAGS

    totals = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            for _ in range(rounds):
                before = len(stack.access_log())
                ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
                page = ctx.new_page()
                page.goto(stack.url + path)
                page.wait_for_function(READY_JS, polling="raf", timeout=60_000)
                page.wait_for_timeout(2000)  # late requests (fonts, images) included
                ctx.close()  # closes the websocket, whose log line carries all it sent
                deadline = time.monotonic() + 20
                while time.monotonic() < deadline and not any(
                        "/_stcore/stream" in x for x in stack.access_log()[before:]):
                    time.sleep(0.2)
                totals.append(_sent_bytes(stack.access_log()[before:]))
        finally:
            browser.close()
    return {**min(totals, key=lambda t: t["total"]), "all": [t["total"] for t in totals]}


# --- memory --------------------------------------------------------------------------------------

async def _memory(stack: Stack, idle: int, churn: int, ttl: float) -> dict:
    pid = stack.replica_pids()[0]

    async def come_and_go(n: int, wave: int = 25) -> None:
        for start in range(0, n, wave):
            sessions = await asyncio.gather(*(stclient.visit(stack.host, stack.port, PAGES[(start + i) % len(PAGES)],
                                                             source=SOURCES[i % len(SOURCES)])
                                              for i in range(min(wave, n - start))))
            await asyncio.gather(*(s.close() for s in sessions))

    anchor = await stclient.visit(stack.host, stack.port)
    for lang in ("vi", "en"):  # every page built once, as in service
        for slug in PAGES:
            await (await stclient.visit(stack.host, stack.port, slug, f"lang={lang}")).close()
    await come_and_go(100)
    await asyncio.sleep(ttl + 2)
    await come_and_go(1)  # lets the store of disconnected sessions drop the expired ones
    await asyncio.sleep(2)
    settled = rss_bytes(pid)

    sessions = []
    for start in range(0, idle, 25):
        sessions += await asyncio.gather(*(stclient.visit(stack.host, stack.port, PAGES[(start + i) % len(PAGES)],
                                                          source=SOURCES[(start + i) % len(SOURCES)])
                                           for i in range(min(25, idle - start))))
    await asyncio.sleep(3)
    with_idle = rss_bytes(pid)
    await asyncio.gather(*(s.close() for s in sessions))

    await come_and_go(churn)
    await asyncio.sleep(ttl + 2)
    await come_and_go(1)
    await asyncio.sleep(2)
    after = rss_bytes(pid)
    await anchor.close()
    return {"settled_mib": round(settled / MIB, 1), "idle_sessions": idle,
            "with_idle_mib": round(with_idle / MIB, 1),
            "per_idle_session_mib": round((with_idle - settled) / idle / MIB, 3),
            "churn_sessions": churn, "after_churn_mib": round(after / MIB, 1),
            "after_churn_ratio": round(after / settled, 3), "disconnected_session_ttl_s": ttl}


# --- the run -------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="ready,cpu,throughput,transfer,memory")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--pages", default=",".join(p or "overview" for p in PAGES),
                        help="pages for ready (desktop) and cpu")
    parser.add_argument("--phone-pages", default="overview,targets")
    parser.add_argument("--visits", type=int, default=6, help="first visits per cpu sample")
    parser.add_argument("--seconds", type=float, default=8.0, help="length of a throughput sample")
    parser.add_argument("--heaviest", default="", help="page for throughput (default: the cpu part's heaviest)")
    parser.add_argument("--idle", type=int, default=200)
    parser.add_argument("--churn", type=int, default=1000)
    parser.add_argument("--ttl", type=float, default=120.0, help="server.disconnectedSessionTTL for memory")
    parser.add_argument("--smoke", action="store_true", help="the short CI run: few samples, loose limits")
    parser.add_argument("--json", type=Path, default=ROOT / "artifacts" / "budgets.json")
    args = parser.parse_args(argv)
    if args.smoke:
        args.rounds, args.visits, args.seconds, args.idle, args.churn, args.ttl = 2, 3, 3.0, 30, 100, 5.0
        args.pages, args.phone_pages = "overview,targets", "overview"
    limits = SMOKE_LIMITS if args.smoke else BUDGETS
    only = set(args.only.split(","))
    slugs = lambda text: ["" if s == "overview" else s for s in text.split(",") if s]  # noqa: E731
    results: dict = {"date": time.strftime("%Y-%m-%d %H:%M"), "machine": f"{platform.machine()}, "
                     f"{len(__import__('os').sched_getaffinity(0))} cores, Python {platform.python_version()}",
                     "rounds": args.rounds, "smoke": args.smoke}
    verdicts = []

    def check(name: str, value: float, ok: bool) -> None:
        verdicts.append((name, value, ok))
        print(f"{'met ' if ok else 'MISS'}  {name}: {value}", flush=True)
        results["verdicts"] = [{"budget": n, "value": v, "met": o} for n, v, o in verdicts]
        args.json.parent.mkdir(parents=True, exist_ok=True)  # kept after every figure
        args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False))

    with Stack(1, name="budget-app") as app, Stack(1, app="bench/bare_page.py", name="budget-bare") as bare:
        if "cpu" in only or "throughput" in only:
            cpu = asyncio.run(_cpu(app, bare, slugs(args.pages), args.rounds, args.visits))
            results["cpu"] = cpu
            for page, r in cpu.items():
                check(f"cpu {page}", r["ratio"], r["ratio"] <= limits["cpu"])
        if "throughput" in only:
            heaviest = args.heaviest or max(results["cpu"], key=lambda p: results["cpu"][p]["app_ms"])
            t = asyncio.run(_throughput(app, bare, "" if heaviest == "overview" else heaviest, args.rounds,
                                        args.seconds))
            results["throughput"] = t
            check(f"throughput {t['page']}", t["ratio"], t["ratio"] >= limits["throughput"])
        if "ready" in only:
            results["ready_desktop"] = measure_ready(app, bare, slugs(args.pages), False, args.rounds)
            for page, r in results["ready_desktop"].items():
                check(f"ready desktop {page} (90 % interval {r['ratio_90'][0]}–{r['ratio_90'][1]})", r["ratio"],
                      r["ratio"] <= limits["ready_desktop"])
            results["ready_phone"] = measure_ready(app, bare, slugs(args.phone_pages), True, args.rounds)
            for page, r in results["ready_phone"].items():
                check(f"ready phone {page} (90 % interval {r['ratio_90'][0]}–{r['ratio_90'][1]})", r["ratio"],
                      r["ratio"] <= limits["ready_phone"])
        if "transfer" in only:
            results["transfer"] = {"overview": measure_transfer(app, "/", max(1, min(args.rounds, 3))),
                                   "bare": measure_transfer(bare, "/", 1)}
            total = results["transfer"]["overview"]["total"]
            check("transfer overview bytes", total, total <= limits["transfer_bytes"])
    if "memory" in only:
        env = {"STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL": str(int(args.ttl))}
        with Stack(1, name="budget-memory", env=env) as mem:
            results["memory"] = asyncio.run(_memory(mem, args.idle, args.churn, args.ttl))
        m = results["memory"]
        check("memory per idle session MiB", m["per_idle_session_mib"],
              m["per_idle_session_mib"] <= limits["idle_session_mib"])
        check("memory after churn / settled", m["after_churn_ratio"], m["after_churn_ratio"] <= limits["after_churn"])

    print(json.dumps({k: v for k, v in results.items() if k != "verdicts"}, ensure_ascii=False))
    return 0 if all(ok for _, _, ok in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
