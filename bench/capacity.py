"""Capacity of one replica: ``bench/load.py`` in steps of concurrent sessions against a single replica.

Each step starts a fresh stack (nginx in front of one replica), runs the load once and records the page-run
latencies, the replica's CPU and memory, and the host's load average sampled every 2 s during the run (the
machine may be shared: the figures only mean something next to it). Steps may repeat to gauge the noise.
Everything runs on loopback; each step is bounded by ``--timeout``.

    python bench/capacity.py --steps 50,100,200,300,300 [--ramp 30] [--think 30] [--base-port 8660] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import load  # noqa: E402


class LoadAverage:
    """Samples the 1-minute load average in a thread while the block runs."""

    def __init__(self, every: float = 2.0) -> None:
        self.every, self.samples, self._stop = every, [], threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.wait(self.every):
            self.samples.append(os.getloadavg()[0])

    def __enter__(self) -> LoadAverage:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def summary(self) -> dict:
        s = self.samples or [os.getloadavg()[0]]
        return {"loadavg_1m_mean": round(sum(s) / len(s), 2), "loadavg_1m_max": round(max(s), 2)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", default="50,100,200,300", help="sessions per step, comma-separated")
    parser.add_argument("--ramp", type=float, default=30.0)
    parser.add_argument("--think", type=float, default=30.0)
    parser.add_argument("--timeout", type=float, default=400.0, help="each step's load, in seconds")
    parser.add_argument("--base-port", type=int, help="nginx's port, the replica on the next one")
    parser.add_argument("--conn-limit", type=int, default=1000,
                        help="nginx's connections per client address (the visitors come from 10 addresses)")
    parser.add_argument("--out", type=Path, default=ROOT / "artifacts" / "capacity")
    args = parser.parse_args(argv)

    def stop(*_):  # SIGTERM stops the step's stack too (a background job ignores Ctrl-C)
        raise SystemExit(1)
    signal.signal(signal.SIGTERM, stop)
    args.out.mkdir(parents=True, exist_ok=True)
    for i, n in enumerate(int(x) for x in args.steps.split(",")):
        with LoadAverage() as la:
            try:
                figures = load.run(n, args.ramp, args.think, args.timeout, replicas=1, base_port=args.base_port,
                                   conn_limit=args.conn_limit)
            except Exception as err:  # a step that fails or times out is a result too
                figures = {"sessions": n, "replicas": 1, "error": repr(err)}
        figures.update(la.summary(), started=time.strftime("%H:%M:%S"))
        (args.out / f"step-{i:02d}-{n}.json").write_text(json.dumps(figures, indent=1))
        print(json.dumps({k: v for k, v in figures.items() if k != "failures"}), flush=True)
        time.sleep(5)  # let the ports and the CPU settle between steps
    return 0


if __name__ == "__main__":
    sys.exit(main())
