"""The compose path on loopback, without a container engine: what ``compose.yaml`` runs, run as it says.

Two Streamlit replicas with the replica services' command and environment, and ``deploy/serve.py --proxy-only``
with the nginx service's command, all as the images' unprivileged user (UID 10001, when the tests run as
root; otherwise the tests' own user), from a read-only copy of the build context (the project less what
``.dockerignore`` leaves out) with nothing writable but each process's ``HOME`` and nginx's run folder. Only
the addresses change: everything listens on loopback, on free ports. Then: every page runs through nginx on
one replica, the pages name the public address, visitors are spread and kept by cookie, and they move to the
other replica when theirs stops. No browser here: tests/e2e/test_deploy_browser.py drives Chromium against the same
nginx configuration under ``make serve-prod``.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import fnmatch
import os
import re
import secrets
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml

from bench import stclient
from components import site
from deploy import serve

ROOT = Path(__file__).resolve().parent.parent
UID = 10001  # the images' user (Dockerfile, compose.yaml)


def _run(coro):
    """``asyncio.run`` in a thread of its own (as tests/test_deploy.py: Playwright may hold this one's loop)."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _compose_value(value: str) -> str:
    """``${NAME:-default}`` as compose reads it when NAME is not set (the tests set none)."""
    return re.sub(r"\$\{(\w+):-([^}]*)\}", lambda m: os.environ.get(m.group(1), m.group(2)), value)


def _ignored(rel: str, patterns: list[str]) -> bool:
    parts = rel.split("/")
    for pattern in patterns:
        if pattern.startswith("**/"):
            if any(fnmatch.fnmatch(part, pattern[3:]) for part in parts):
                return True
        elif any(fnmatch.fnmatch("/".join(parts[:i]), pattern) for i in range(1, len(parts) + 1)):
            return True
    return False


def build_context(dest: Path) -> None:
    """The project as ``docker build`` sends it: everything but what ``.dockerignore`` names."""
    patterns = [p for p in (ROOT / ".dockerignore").read_text(encoding="utf-8").split() if not p.startswith("#")]
    for folder, dirs, files in os.walk(ROOT):
        rel_dir = Path(folder).relative_to(ROOT).as_posix()
        rel = lambda name: name if rel_dir == "." else f"{rel_dir}/{name}"  # noqa: E731
        dirs[:] = [d for d in dirs if not _ignored(rel(d), patterns)]
        (dest / rel_dir).mkdir(parents=True, exist_ok=True)
        for name in files:
            if not _ignored(rel(name), patterns) and not os.path.islink(Path(folder) / name):
                shutil.copy2(Path(folder) / name, dest / rel(name))


def _set_modes(top: Path, writable: bool) -> None:
    for path in [top, *top.rglob("*")]:
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755 if writable else 0o555)
        else:
            path.chmod(0o644 if writable else 0o444)


def _reachable(path: Path) -> bool:
    """Whether a user other than the owner may run or read ``path`` (every folder above it searchable)."""
    return bool(path.stat().st_mode & stat.S_IXOTH) and all(p.stat().st_mode & stat.S_IXOTH for p in path.parents)


def _uid(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("Uid:"):
            return int(line.split()[1])
    raise AssertionError(f"no Uid for {pid}")


def _children(pid: int) -> list[int]:
    out = []
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat_file.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(stat_file.parent.name))
        except (OSError, ValueError):
            pass
    return out


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=20) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()


class ComposePath:
    """compose.yaml's services as processes: ``replicas`` (Popen by replica name) and ``nginx``."""

    def __init__(self, base: Path) -> None:
        compose = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))["services"]
        self.base = base
        self.app = base / "app"
        build_context(self.app)
        # The image makes the pre-compressed static files at build time (deploy/serve.py --prepare-only).
        cache = serve.precompressed_static(ROOT / ".serve-prod" / "static")
        (self.app / ".serve-prod").mkdir()
        (self.app / ".serve-prod" / "static").symlink_to(cache.parent, target_is_directory=True)
        self.snapshot = self.files()
        _set_modes(self.app, writable=False)
        # As the images' user when the tests run as root, if that user can reach this interpreter.
        self.as_user = {"user": UID, "group": UID, "extra_groups": []} if os.geteuid() == 0 and _reachable(
            Path(os.path.realpath(sys.executable))) else {}
        self.uid = UID if self.as_user else os.geteuid()
        base_env = {"PATH": "/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin",
                    "PYTHONUNBUFFERED": "1", "PYTHONDONTWRITEBYTECODE": "1", "LANG": "C.UTF-8"}  # the image's ENV
        secret = secrets.token_urlsafe(32)
        self.replicas: dict[str, subprocess.Popen] = {}
        self.ports: dict[str, int] = {}
        self.logs = base / "logs"
        self.logs.mkdir()
        for name, svc in sorted(compose.items()):
            if not name.startswith("app-"):
                continue
            port = _free_port()
            home = self._writable(f"home-{name}")
            env = {**base_env, **serve.read_env_file(self.app / svc["env_file"][0])}
            env.update({k: _compose_value(str(v)) for k, v in svc["environment"].items()})
            # Loopback instead of every address: this machine is shared. The rest as compose sets it.
            env.update(STREAMLIT_SERVER_ADDRESS="127.0.0.1", STREAMLIT_SERVER_PORT=str(port),
                       STREAMLIT_SERVER_COOKIE_SECRET=secret, HOME=str(home))
            self.env = env
            self.ports[name] = port
            self.replicas[name] = self._start(svc["command"], env, name)
        cmd = list(compose["nginx"]["command"])
        hosts = cmd[cmd.index("--replica-hosts") + 1].split(",")
        cmd[cmd.index("--replica-hosts") + 1] = ",".join(
            f"127.0.0.1:{self.ports[h.rsplit(':', 1)[0]]}" for h in hosts)
        self.port = _free_port()
        cmd[cmd.index("--listen") + 1] = "127.0.0.1"
        cmd[cmd.index("--port") + 1] = str(self.port)
        cmd[cmd.index("--run-dir") + 1] = str(self._writable("run"))
        self.nginx = self._start(cmd, {**base_env, "HOME": str(self._writable("home-nginx"))}, "nginx")
        self.host, self.url = "127.0.0.1", f"http://127.0.0.1:{self.port}"

    def _writable(self, name: str) -> Path:
        path = self.base / name
        path.mkdir()
        if self.as_user:
            os.chown(path, UID, UID)
        return path

    def _start(self, command: list[str], env: dict, name: str) -> subprocess.Popen:
        command = [sys.executable if c == "python" else c for c in command]
        with (self.logs / f"{name}.log").open("wb") as out:
            return subprocess.Popen(command, cwd=self.app, env=env, stdout=out, stderr=subprocess.STDOUT,
                                    start_new_session=True, **self.as_user)

    def files(self) -> set[str]:
        return {p.relative_to(self.app).as_posix() for p in self.app.rglob("*")}

    def wait(self, timeout: float = 150) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for name, proc in [*self.replicas.items(), ("nginx", self.nginx)]:
                if proc.poll() is not None:
                    raise RuntimeError(f"{name} exited: {self.log(name)[-3000:]}")
            try:
                if _get(self.url + "/_stcore/health")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.5)
        raise RuntimeError("the compose path did not start: " + self.log("nginx")[-3000:])

    def log(self, name: str) -> str:
        return (self.logs / f"{name}.log").read_text(errors="replace")

    def stop(self) -> None:
        for proc in [self.nginx, *self.replicas.values()]:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in [self.nginx, *self.replicas.values()]:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


@pytest.fixture(scope="module")
def compose_path():
    if not (shutil.which("nginx") or os.path.exists("/usr/sbin/nginx")):
        if os.environ.get("CI"):
            pytest.fail("nginx not found: install Debian's nginx (make test does)")
        pytest.skip("nginx not found")
    base = Path(tempfile.mkdtemp(prefix="compose-path-"))
    base.chmod(0o755)  # the unprivileged user enters it
    stack = None
    try:
        stack = ComposePath(base)
        stack.wait()
        yield stack
    finally:
        if stack:
            stack.stop()
        if (base / "app").exists():
            _set_modes(base / "app", writable=True)
        shutil.rmtree(base, ignore_errors=True)


def test_every_process_runs_unprivileged_and_writes_nothing_in_the_app(compose_path):
    if compose_path.uid == 0:
        pytest.skip(f"tests run as root and UID {UID} cannot reach {os.path.realpath(sys.executable)}: the "
                    "processes ran as root (the page-run test still checks that nothing is written in the app)")
    nginx = [compose_path.nginx.pid, *_children(compose_path.nginx.pid)]
    for pid in [*(p.pid for p in compose_path.replicas.values()), *nginx]:
        assert _uid(pid) == compose_path.uid != 0
    assert len(nginx) >= 2  # the supervisor and nginx itself
    # The app folder is read-only to them: not their own, and no write permission for anyone.
    for path in [compose_path.app, *compose_path.app.rglob("*")]:
        if not path.is_symlink():
            assert not path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH), path


def test_every_page_runs_through_nginx_and_names_the_public_address(compose_path):
    async def go():
        session = await stclient.visit(compose_path.host, compose_path.port, "", "lang=vi")
        try:
            for _, _, slug in site.PAGES:
                for lang in ("vi", "en"):
                    await session.run_page(slug, f"lang={lang}")
        finally:
            await session.close()
        return session

    try:
        session = _run(go())
    except stclient.VisitError as err:
        pytest.fail(f"{err}\n{compose_path.log('app-1')[-2000:]}\n{compose_path.log('app-2')[-2000:]}")
    assert len(session.runs) == 1 + 2 * len(site.PAGES) and session.replica in ("r1", "r2")
    # compose.yaml's public address, not the address nginx reached the replica by.
    public = compose_path.env["PLAN_PUBLIC_URL"].rstrip("/")
    status, page = _get(compose_path.url + "/targets?lang=en")
    assert status == 200
    assert re.search(rf'<link rel="canonical" href="{re.escape(public)}/targets\?lang=en"', page), page[:3000]
    assert f'content="{public}/targets?lang=en"' in page  # og:url
    # Nothing was written in the app folder by any page run.
    assert compose_path.files() == compose_path.snapshot


def test_visitors_are_spread_kept_by_cookie_and_moved_when_their_replica_stops(compose_path):
    """Last in this file: it stops a replica."""
    async def scenario():
        sessions = [await stclient.visit(compose_path.host, compose_path.port, "targets", "lang=vi")
                    for _ in range(4)]
        on = {r: [s for s in sessions if s.replica == r] for r in ("r1", "r2")}
        assert on["r1"] and on["r2"], "first visits are spread over both replicas"
        # A returning browser stays where its cookie says.
        for replica in ("r1", "r2"):
            back = await stclient.open_session(compose_path.host, compose_path.port, cookies={"ls_replica": replica})
            await back.run_page("tourism", "lang=en")
            await back.close()
            assert back.cookies["ls_replica"] == replica
        # r1 stops (its container goes away): its visitors are served by r2, and the cookie follows them.
        first = compose_path.replicas["app-1"]
        first.send_signal(signal.SIGTERM)
        await asyncio.get_running_loop().run_in_executor(None, first.wait, 30)
        moved = await stclient.open_session(compose_path.host, compose_path.port, cookies={"ls_replica": "r1"})
        await moved.run_page("", "lang=vi")
        assert moved.cookies["ls_replica"] == "r2"
        for s in on["r2"]:  # r2's visitors notice nothing
            await s.run_page("border-gates", "lang=en")
        for s in [*sessions, moved]:
            await s.close()

    try:
        _run(scenario())
    except stclient.VisitError as err:
        pytest.fail(f"{err}\n{compose_path.log('nginx')[-2000:]}")
