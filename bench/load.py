"""Load: N concurrent visitors through nginx on R replicas (2 by default); every session must finish its page runs.

Each visitor GETs ``/`` (nginx sets its replica cookie), opens the websocket and runs one page (the
pages in turn); visitors arrive evenly over ``--ramp`` seconds. Once every visitor is connected (the
peak, counted on each replica), each one switches language at a random moment within ``--think``
seconds (a second page run) and leaves. Visitors come from 10 loopback addresses (127.0.0.2-11), so
nginx's per-client connection limit applies as it would to 10 households. Everything runs on
loopback and is bounded by ``--timeout``.

    python bench/load.py [--sessions 300] [--replicas 2] [--ramp 30] [--think 30] [--timeout 400] [--json FILE]

Prints sessions, failures, p50/p95 page-run latency, the CPU the replicas and nginx used, the replicas'
memory at the peak and the host's load average; exits 1 on any failed session.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import stclient  # noqa: E402
from bench.stack import Stack, rss_bytes  # noqa: E402
from components import site  # noqa: E402

PAGES = [slug for _, _, slug in site.PAGES]
SOURCES = [f"127.0.0.{i}" for i in range(2, 12)]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def active_sessions(port: int) -> int:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/metrics", timeout=10) as r:
        for line in r.read().decode().splitlines():
            if line.startswith("active_sessions"):
                return int(float(line.split()[-1]))
    return -1


async def _visitor(i: int, n: int, stack: Stack, ramp: float, think: float, everyone_in: asyncio.Event,
                   go: asyncio.Event, arrived: list, latencies: dict, failures: list, run_timeout: float) -> None:
    await asyncio.sleep(ramp * i / n)
    page = PAGES[i % len(PAGES)]
    session = None
    try:
        session = await stclient.visit(stack.host, stack.port, page, "lang=vi", SOURCES[i % len(SOURCES)],
                                       timeout=run_timeout)
    except Exception as err:  # one failed session, counted with its reason
        failures.append(f"{page}: {err}")
    arrived.append(i)
    if len(arrived) == n:
        everyone_in.set()
    if session is None:
        return
    try:
        latencies["first"].append(session.runs[0])
        await asyncio.wait_for(go.wait(), run_timeout * 3)
        await asyncio.sleep(random.Random(i).uniform(0, think))
        latencies["switch"].append(await session.run_page(page, "lang=en", run_timeout))
    except Exception as err:
        failures.append(f"{page} (second run): {err}")
    finally:
        await session.close()


async def _load(stack: Stack, n: int, ramp: float, think: float, run_timeout: float) -> dict:
    everyone_in, go = asyncio.Event(), asyncio.Event()
    arrived, latencies, failures = [], {"first": [], "switch": []}, []
    peak, rss = {}, {}

    async def watch_peak() -> None:  # count the open sessions, then let the second runs start
        await everyone_in.wait()
        try:
            peak.update({str(p): await asyncio.to_thread(active_sessions, p) for p in stack.ports})
            rss.update({str(p): round(rss_bytes(stack.replica_pid(p)) / 2**20, 1) for p in stack.ports})
        finally:
            go.set()

    watcher = asyncio.create_task(watch_peak())
    await asyncio.gather(*(_visitor(i, n, stack, ramp, think, everyone_in, go, arrived, latencies, failures,
                                    run_timeout)
                           for i in range(n)))
    await asyncio.wait_for(watcher, 30)
    return {"latencies": latencies, "failures": failures, "active_at_peak": peak, "rss_mib_at_peak": rss}


def _ms(values: list[float], q: float) -> int | None:
    return round(percentile(values, q) * 1000) if values else None


def run(sessions: int = 300, ramp: float = 30.0, think: float = 30.0, timeout: float = 400.0,
        run_timeout: float = 120.0, replicas: int = 2, base_port: int | None = None,
        conn_limit: int = 100) -> dict:
    with Stack(replicas=replicas, name="load", base_port=base_port, conn_limit=conn_limit) as stack:
        async def warm() -> None:  # a server in service has run every page already
            for page in PAGES:
                s = await stclient.visit(stack.host, stack.port, page, "lang=vi")
                await s.close()
        asyncio.run(warm())
        rss_idle = {str(p): round(rss_bytes(stack.replica_pid(p)) / 2**20, 1) for p in stack.ports}
        load0 = os.getloadavg()
        cpu0, t0 = stack.cpu(), time.monotonic()
        result = asyncio.run(asyncio.wait_for(_load(stack, sessions, ramp, think, run_timeout), timeout))
        wall = time.monotonic() - t0
        cpu1 = stack.cpu()
        load1 = os.getloadavg()
        restarts = stack.state().get("restarts", {})
    first, switch = result["latencies"]["first"], result["latencies"]["switch"]
    lat = first + switch
    return {
        "sessions": sessions, "replicas": replicas, "failed": len(result["failures"]), "failures": result["failures"][:20],
        "page_runs": len(lat), "active_at_peak": result["active_at_peak"],
        "p50_ms": _ms(lat, 0.5), "p95_ms": _ms(lat, 0.95), "max_ms": _ms(lat, 1.0),
        "first_visit_p50_ms": _ms(first, 0.5), "first_visit_p95_ms": _ms(first, 0.95),
        "switch_p50_ms": _ms(switch, 0.5), "switch_p95_ms": _ms(switch, 0.95),
        "wall_s": round(wall, 1),
        "cpu_replicas_s": round(cpu1["replicas"] - cpu0["replicas"], 1),
        "cpu_nginx_s": round(cpu1["nginx"] - cpu0["nginx"], 2),
        "replicas_waiting_for_cpu_s": round(cpu1["replicas_waiting"] - cpu0["replicas_waiting"], 1),
        "cpu_per_page_run_ms": round((cpu1["replicas"] - cpu0["replicas"]) / max(len(lat), 1) * 1000, 1),
        "rss_mib_warm": rss_idle, "rss_mib_at_peak": result["rss_mib_at_peak"],
        "loadavg_1m_before": round(load0[0], 2), "loadavg_1m_after": round(load1[0], 2),
        "restarts": restarts,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=300)
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--base-port", type=int, help="nginx's port, the replicas on the next ones (default: free ports)")
    parser.add_argument("--ramp", type=float, default=30.0, help="seconds over which the visitors arrive")
    parser.add_argument("--think", type=float, default=30.0, help="seconds over which they switch language")
    parser.add_argument("--timeout", type=float, default=400.0, help="the whole load, in seconds")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    figures = run(args.sessions, args.ramp, args.think, args.timeout, replicas=args.replicas,
                  base_port=args.base_port)
    print(f"{figures['sessions']} sessions through nginx on {args.replicas} replica(s), arriving over {args.ramp:.0f} s: "
          f"{figures['failed']} failed; {figures['page_runs']} page runs, p50 {figures['p50_ms']} ms, "
          f"p95 {figures['p95_ms']} ms, max {figures['max_ms']} ms (first visit p50/p95 "
          f"{figures['first_visit_p50_ms']}/{figures['first_visit_p95_ms']} ms, language switch "
          f"{figures['switch_p50_ms']}/{figures['switch_p95_ms']} ms); active sessions at the peak "
          f"{figures['active_at_peak']}; CPU over {figures['wall_s']} s: replicas {figures['cpu_replicas_s']} s "
          f"({figures['cpu_per_page_run_ms']} ms per page run), nginx {figures['cpu_nginx_s']} s; replicas waiting for a CPU "
          f"{figures['replicas_waiting_for_cpu_s']} s; "
          f"replica memory warm {figures['rss_mib_warm']} MiB, at the peak {figures['rss_mib_at_peak']} MiB; "
          f"load average (1 min) {figures['loadavg_1m_before']} before, {figures['loadavg_1m_after']} after")
    for failure in figures["failures"]:
        print("  failed:", failure)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=1))
    return 0 if figures["failed"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
