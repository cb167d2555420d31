"""A production stack on free loopback ports for tests and benchmarks: ``deploy/serve.py``, started and stopped.

Also reads what the stack costs: CPU seconds and memory of the replicas and of nginx, from ``/proc``.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TICK = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of one process so far (0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICK


def run_queue_seconds(pid: int) -> float:
    """Time the process's threads spent runnable but waiting for a CPU so far (0 when it is gone): how much
    other work on a shared machine held it back."""
    total = 0
    for stat in Path(f"/proc/{pid}/task").glob("*/schedstat"):
        try:
            total += int(stat.read_text().split()[1])
        except (OSError, IndexError, ValueError):
            pass
    return total / 1e9


def rss_bytes(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def children(pid: int) -> list[int]:
    kids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                kids.append(int(stat.parent.name))
        except (OSError, ValueError):
            pass
    return kids


class Stack:
    """nginx on ``port`` in front of replicas on ``ports``; its files go to ``artifacts/<name>-<port>/``."""

    def __init__(self, replicas: int = 2, app: str = "server.py", name: str = "stack", conn_limit: int = 100,
                 env: dict[str, str] | None = None, timeout: float = 240.0, base_port: int | None = None) -> None:
        # Free ports by default; ``base_port`` (nginx) and the ports after it (replicas) for a manual run.
        self.port = base_port or free_port()
        self.ports = [base_port + 1 + i if base_port else free_port() for i in range(replicas)]
        self.host = "127.0.0.1"
        self.url = f"http://{self.host}:{self.port}"
        self.run_dir = ROOT / "artifacts" / f"{name}-{self.port}"
        self.run_dir.mkdir(parents=True, exist_ok=True)
        self.log = open(self.run_dir / "serve.log", "wb")  # noqa: SIM115  (closed in stop)
        self.proc = subprocess.Popen(
            [sys.executable, "deploy/serve.py", "--port", str(self.port),
             "--replica-ports", ",".join(map(str, self.ports)), "--run-dir", str(self.run_dir),
             "--secret-file", str(self.run_dir / "cookie-secret"), "--app", app, "--conn-limit", str(conn_limit)],
            cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})})
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            if self.state().get("nginx") and self.status("/_stcore/health") == 200:
                return
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"the stack did not start; see {self.run_dir / 'serve.log'}")

    def state(self) -> dict:
        try:
            return json.loads((self.run_dir / "state.json").read_text())
        except (OSError, ValueError):
            return {}

    def replica_pid(self, port: int) -> int:
        return self.state()["replicas"][str(port)]

    def replica_pids(self) -> list[int]:
        return [self.replica_pid(p) for p in self.ports]

    def nginx_pids(self) -> list[int]:
        master = self.state().get("nginx")
        return [master, *children(master)] if master else []

    def cpu(self) -> dict[str, float]:
        """CPU seconds so far: every replica, and nginx (master and workers)."""
        return {"replicas": sum(cpu_seconds(p) for p in self.replica_pids()),
                "nginx": sum(cpu_seconds(p) for p in self.nginx_pids()),
                "replicas_waiting": sum(run_queue_seconds(p) for p in self.replica_pids())}

    def status(self, path: str, port: int | None = None) -> int:
        try:
            with urllib.request.urlopen(f"http://{self.host}:{port or self.port}{path}", timeout=5) as r:
                return r.status
        except urllib.error.HTTPError as err:
            return err.code
        except OSError:
            return 0

    def access_log(self) -> list[str]:
        return (self.run_dir / "access.log").read_text().splitlines()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:  # the supervisor hung: end what it started, by PID
                self.proc.kill()
                self.proc.wait()
                state = self.state()
                for pid in [*state.get("replicas", {}).values(), state.get("nginx")]:
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except (OSError, TypeError):
                        pass
        self.log.close()

    def __enter__(self) -> Stack:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
