"""Run the dashboard for production on one host: N Streamlit replicas behind nginx, supervised.

The supervisor starts every replica with the settings of ``deploy/streamlit.env`` and one shared cookie
secret, renders ``deploy/nginx.conf.in``, starts nginx, then checks each replica's ``/_stcore/health``
every few seconds and restarts a replica that died or stopped answering (and nginx, should it die).
SIGTERM or Ctrl-C stops everything it started. Python's standard library only.

    python deploy/serve.py [--replicas 2] [--port 8080] [--base-port 8511]
    python deploy/serve.py --render-only --replicas 3 …   # the nginx configuration for systemd
    python deploy/serve.py --proxy-only --replica-hosts app-1:8511,app-2:8512
                                                          # nginx alone, for replicas in other containers

Pre-compressed copies of Streamlit's hashed static files (gzip, and brotli when the ``brotli`` command
exists) are made once per Streamlit version, so nginx serves them from disk without compressing again.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
ENV_FILE = DEPLOY / "streamlit.env"
TEMPLATE = DEPLOY / "nginx.conf.in"
NGINX_MODULES = Path("/usr/lib/nginx/modules")
COMPRESSIBLE = (".js", ".css", ".svg", ".json", ".map", ".txt", ".html")
BASEMAP_ORIGINS = "https://basemaps.cartocdn.com https://*.basemaps.cartocdn.com"
HEALTH_EVERY = 5.0      # seconds between health checks of each replica
HEALTH_TIMEOUT = 10.0   # a replica busy with a spike of page runs answers late, but answers
UNHEALTHY_AFTER = 6     # failed checks in a row (about a minute) before a running replica is restarted


def read_env_file(path: Path = ENV_FILE) -> dict[str, str]:
    """``KEY=VALUE`` lines (comments and blanks skipped), as systemd's EnvironmentFile reads them."""
    env = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            env[key.strip()] = value.strip()
    return env


def cookie_secret(path: Path) -> str:
    """The host's cookie secret, made once and shared by every replica (same value everywhere)."""
    if os.environ.get("STREAMLIT_SERVER_COOKIE_SECRET"):
        return os.environ["STREAMLIT_SERVER_COOKIE_SECRET"]
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_urlsafe(32))
    return path.read_text().strip()


def streamlit_static() -> tuple[str, Path]:
    """Streamlit's version and its frontend folder (the one holding ``index.html`` and ``static/``)."""
    import importlib.metadata
    import importlib.util

    spec = importlib.util.find_spec("streamlit")
    return importlib.metadata.version("streamlit"), Path(spec.origin).parent / "static"


def precompressed_static(cache: Path) -> Path:
    """A copy of Streamlit's ``static/`` with ``.gz`` (and ``.br``) beside each text file; made once per version.

    Returns the folder to use as nginx's ``root`` for ``/static/``.
    """
    version, source = streamlit_static()
    target = cache / f"streamlit-{version}"
    if (target / ".complete").exists():
        return target
    print(f"pre-compressing Streamlit {version}'s static files into {target} (once; about 30 s)", flush=True)
    building = cache / f".building-{os.getpid()}"
    shutil.rmtree(building, ignore_errors=True)
    shutil.copytree(source / "static", building / "static")
    texts = [p for p in (building / "static").rglob("*") if p.suffix in COMPRESSIBLE and p.stat().st_size > 512]
    for p in texts:
        with gzip.open(f"{p}.gz", "wb", compresslevel=9) as out:
            out.write(p.read_bytes())
    if shutil.which("brotli"):
        for start in range(0, len(texts), 40):
            subprocess.run(["brotli", "-q", "11", "-k", "-f", *map(str, texts[start:start + 40])], check=True)
    for p in [building, *building.rglob("*")]:  # nginx workers may run as another user
        p.chmod(0o755 if p.is_dir() else 0o644)
    (building / ".complete").write_text(version)
    try:
        building.rename(target)
    except OSError:  # another supervisor finished first
        shutil.rmtree(building, ignore_errors=True)
    return target


SITE_ROOT = ROOT / "build" / "site"  # the static edition (make static)
# The static edition runs no script and loads only its own files (the same policy as components/server.py).
STATIC_CSP = ("default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
              "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'")


def content_security_policy(frame_ancestors: str = "'self'") -> str:
    """The Content-Security-Policy of every reply, with these ``frame-ancestors`` sources."""
    # Inline scripts: Streamlit's index.html and st.html(unsafe_allow_javascript=True) both need them;
    # WebAssembly compilation (not JavaScript eval) is used by the frontend on every page.
    return ("default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; "
            "style-src 'self' 'unsafe-inline'; "
            f"img-src 'self' data: blob: {BASEMAP_ORIGINS}; font-src 'self' data:; "
            f"connect-src 'self' {BASEMAP_ORIGINS}; worker-src 'self' blob:; child-src 'self' blob:; "
            "frame-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            f"frame-ancestors {frame_ancestors}")


def security_headers(frame_ancestors: str = "'self'") -> dict[str, str]:
    """The security headers of every reply: nginx here, the Kubernetes gateway and the static pages' nginx."""
    return {
        "Content-Security-Policy": content_security_policy(frame_ancestors),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    }


def _nginx_value(value: str) -> str:
    return f'"{value}"' if " " in value else value


def render_nginx(ports: list[int], *, listen: str, port: int, run_dir: Path, static_root: Path,
                 conn_limit: int = 100, embed_ancestors: str = "https:", user: str | None = None,
                 serve_static: bool = True,
                 hosts: list[str] | None = None, access_log: str | None = None,
                 site_root: Path = SITE_ROOT) -> str:
    """The nginx configuration for these replica ports (see ``deploy/nginx.conf.in``).

    The replicas listen on loopback unless ``hosts`` names each one's host (other containers); their ports
    must differ, since nginx tells them apart by port. Without ``serve_static`` nginx finds no file under
    ``/static/`` and passes those requests to the replicas. ``access_log`` is a file (``run_dir/access.log``
    by default) or ``off`` (a long-lived container whose /tmp is memory).
    """
    hosts = hosts or ["127.0.0.1"] * len(ports)
    if len(set(ports)) != len(ports) or len(hosts) != len(ports):
        raise ValueError("every replica needs a port of its own (and one host each)")
    brotli = all((NGINX_MODULES / f"ngx_http_brotli_{k}_module.so").exists() for k in ("filter", "static"))
    names = [f"r{i}" for i in range(1, len(ports) + 1)]

    def servers(primary: int | None) -> str:
        lines = []
        for h, p in zip(hosts, ports):
            backup = " backup" if primary is not None and p != primary else ""
            lines.append(f"        server {h}:{p} max_fails=1 fail_timeout=5s{backup};")
        return "\n".join(lines)

    upstreams = [f"    upstream replicas_any {{\n        least_conn;\n{servers(None)}\n        keepalive 32;\n    }}"]
    upstreams += [f"    upstream replicas_{n} {{\n{servers(p)}\n        keepalive 16;\n    }}" for n, p in zip(names, ports)]
    headers = "\n".join(f"            add_header {name} {_nginx_value(value)} always;"
                        for name, value in security_headers("$frame_ancestors").items())
    site_headers = "\n".join(f"            add_header {name} {_nginx_value(value)} always;"
                             for name, value in {**security_headers(),
                                                 "Content-Security-Policy": STATIC_CSP}.items())
    proxy_headers = "\n".join(f"            proxy_set_header {h};" for h in (
        # The original Host, port included: Streamlit compares it with the websocket's Origin.
        "Host $http_host",
        "X-Real-IP $remote_addr",
        "X-Forwarded-For $proxy_add_x_forwarded_for",
        "X-Forwarded-Proto $scheme",
        # Compression happens here, once, not in the replicas.
        'Accept-Encoding ""',
    ))
    values = {
        "user": f"user {user};" if user else "",
        "run_dir": str(run_dir),
        "load_modules": "\n".join(f"load_module {NGINX_MODULES}/ngx_http_brotli_{k}_module.so;"
                                  for k in ("filter", "static")) if brotli else "",
        "conn_limit": str(conn_limit),
        "brotli": ("    brotli on;\n    brotli_comp_level 5;\n    brotli_min_length 512;\n"
                   "    brotli_types text/plain text/css text/javascript application/javascript application/json\n"
                   "                 application/manifest+json image/svg+xml application/xml font/ttf;")
        if brotli else "",
        "brotli_static": "            brotli_static on;" if brotli else "",
        "upstreams": "\n".join(upstreams),
        "pool_map": "\n".join(f"        {n} replicas_{n};" for n in names),
        "served_map": "\n".join(f'        "~:{p}$" {n};' for n, p in zip(names, ports)),
        "embed_ancestors": embed_ancestors,
        "listen": listen,
        "port": str(port),
        "static_root": str(static_root if serve_static else run_dir / "static-not-readable"),
        "security_headers": headers,
        "site_root": str(site_root),
        "site_headers": site_headers,
        "proxy_headers": proxy_headers,
        "access_log": "off" if access_log == "off" else f"{access_log or run_dir / 'access.log'} replicas",
    }
    text = TEMPLATE.read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", value)
    return text


def healthy(port: int, timeout: float = HEALTH_TIMEOUT, host: str = "127.0.0.1") -> bool:
    try:
        with urllib.request.urlopen(f"http://{host}:{port}/_stcore/health", timeout=timeout) as r:
            return r.status == 200
    except OSError:
        return False


class Supervisor:
    """Starts, watches and stops the replicas and nginx; writes their PIDs to ``run_dir/state.json``."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.run_dir = args.run_dir.resolve()
        self.replicas: dict[int, subprocess.Popen] = {}
        self.failures: dict[int, int] = {}
        self.restarts: dict[int, int] = {}
        self.nginx: subprocess.Popen | None = None
        self.stopping = False
        env = {**read_env_file(args.env_file), **os.environ}  # the environment wins (docker run -e …)
        if not args.proxy_only:  # nginx alone needs no secret
            env["STREAMLIT_SERVER_COOKIE_SECRET"] = cookie_secret(args.secret_file)
        self.env = env

    def log(self, message: str) -> None:
        print(f"[serve-prod {time.strftime('%H:%M:%S')}] {message}", flush=True)

    def start_replica(self, port: int) -> None:
        out = open(self.run_dir / f"replica-{port}.log", "ab")  # noqa: SIM115  (kept by the child)
        self.replicas[port] = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", self.args.app, "--server.port", str(port)],
            cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        out.close()
        self.failures[port] = 0
        self.write_state()

    def start_nginx(self) -> None:
        conf = self.run_dir / "nginx.conf"
        self.nginx = subprocess.Popen([self.args.nginx, "-p", str(self.run_dir), "-c", str(conf),
                                       "-g", "daemon off;"], start_new_session=True)
        self.write_state()

    def write_state(self) -> None:
        state = {"nginx": self.nginx.pid if self.nginx else None, "port": self.args.port,
                 "replicas": {str(p): proc.pid for p, proc in self.replicas.items()},
                 "restarts": {str(p): n for p, n in self.restarts.items()}}
        tmp = self.run_dir / "state.json.tmp"
        tmp.write_text(json.dumps(state))
        tmp.replace(self.run_dir / "state.json")

    def prepare(self) -> None:
        (self.run_dir / "tmp").mkdir(parents=True, exist_ok=True)
        static_root = precompressed_static(self.args.static_cache.resolve())
        readable = os.geteuid() != 0 or _others_can_read(static_root)  # root's nginx workers run as nobody
        if not readable:
            self.log(f"warning: nginx workers cannot read {static_root}; the replicas will serve /static")
        conf = render_nginx(self.args.ports, listen=self.args.listen, port=self.args.port, run_dir=self.run_dir,
                            static_root=static_root, conn_limit=self.args.conn_limit,
                            embed_ancestors=self.args.embed_ancestors, serve_static=readable,
                            hosts=self.args.hosts, access_log=self.args.access_log,
                            site_root=self.args.site_root.resolve())
        (self.run_dir / "nginx.conf").write_text(conf)
        subprocess.run([self.args.nginx, "-t", "-q", "-p", str(self.run_dir), "-c", str(self.run_dir / "nginx.conf")],
                       check=True)

    def run_proxy(self) -> int:
        """nginx alone in front of replicas that something else runs (containers): wait for them, then serve."""
        self.prepare()
        deadline = time.monotonic() + 120
        while not all(healthy(p, timeout=2, host=h) for h, p in zip(self.args.hosts, self.args.ports)):
            if time.monotonic() > deadline:
                self.log("replicas did not become healthy; starting nginx anyway (it retries them)")
                break
            time.sleep(1)
        self.start_nginx()
        self.log(f"ready: http://{self.args.listen}:{self.args.port} → replicas "
                 + ", ".join(f"{h}:{p}" for h, p in zip(self.args.hosts, self.args.ports)))
        while not self.stopping:
            time.sleep(0.5)
            if self.nginx and self.nginx.poll() is not None and not self.stopping:
                self.log(f"nginx exited ({self.nginx.returncode}); restarting")
                self.start_nginx()
        return 0

    def run(self) -> int:
        if self.args.proxy_only:
            return self.run_proxy()
        self.prepare()
        for port in self.args.ports:
            self.start_replica(port)
        deadline = time.monotonic() + 90
        while not all(healthy(p, timeout=2) for p in self.args.ports):
            if time.monotonic() > deadline or any(proc.poll() is not None for proc in self.replicas.values()):
                self.log("replicas did not become healthy; see replica-*.log")
                self.stop()
                return 1
            time.sleep(0.3)
        self.start_nginx()
        self.log(f"ready: http://{self.args.listen}:{self.args.port} → replicas on "
                 + ", ".join(str(p) for p in self.args.ports))
        next_check = time.monotonic() + HEALTH_EVERY
        while not self.stopping:
            time.sleep(0.25)
            for port, proc in list(self.replicas.items()):
                if proc.poll() is not None and not self.stopping:
                    self.log(f"replica {port} exited ({proc.returncode}); restarting")
                    self.restart(port)
            if self.nginx and self.nginx.poll() is not None and not self.stopping:
                self.log(f"nginx exited ({self.nginx.returncode}); restarting")
                self.start_nginx()
            if time.monotonic() >= next_check:
                next_check = time.monotonic() + HEALTH_EVERY
                for port, proc in list(self.replicas.items()):
                    if proc.poll() is None and not healthy(port):
                        self.failures[port] += 1
                        if self.failures[port] >= UNHEALTHY_AFTER:
                            self.log(f"replica {port} failed {UNHEALTHY_AFTER} health checks; restarting")
                            _stop(proc)
                            self.restart(port)
                    else:
                        self.failures[port] = 0
        return 0

    def restart(self, port: int) -> None:
        self.restarts[port] = self.restarts.get(port, 0) + 1
        self.start_replica(port)

    def stop(self, *_args) -> None:
        self.stopping = True
        if self.nginx and self.nginx.poll() is None:
            self.nginx.send_signal(signal.SIGQUIT)  # graceful: finish the requests in flight
        for proc in self.replicas.values():
            _stop(proc)
        if self.nginx:
            try:
                self.nginx.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.nginx.kill()


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _others_can_read(path: Path) -> bool:
    """Whether a user who is not the owner can reach ``path`` (every parent searchable by others)."""
    return all(p.stat().st_mode & 0o001 for p in [path, *path.parents])


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--replicas", type=int, default=int(os.environ.get("REPLICAS", 2)))
    p.add_argument("--base-port", type=int, default=int(os.environ.get("REPLICA_BASE_PORT", 8511)),
                   help="first replica port; the others follow")
    p.add_argument("--replica-ports", default=os.environ.get("REPLICA_PORTS", ""),
                   help="explicit comma-separated replica ports (overrides --replicas/--base-port)")
    p.add_argument("--replica-hosts", default=os.environ.get("REPLICA_HOSTS", ""),
                   help="host:port of each replica run elsewhere (containers), each on a port of its own; "
                        "implies nothing is started but nginx (see --proxy-only)")
    p.add_argument("--proxy-only", action="store_true",
                   help="run nginx alone in front of --replica-hosts; the replicas are someone else's to run")
    p.add_argument("--access-log", default=os.environ.get("ACCESS_LOG"),
                   help="nginx's access log: a file (default: access.log in the run folder) or off")
    p.add_argument("--listen", default=os.environ.get("LISTEN", "127.0.0.1"), help="nginx listen address")
    p.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8080)), help="nginx port")
    p.add_argument("--conn-limit", type=int, default=int(os.environ.get("CONN_LIMIT", 100)),
                   help="connections per client address at nginx")
    p.add_argument("--embed-ancestors", default=os.environ.get("EMBED_ANCESTORS", "https:"),
                   help="CSP sources allowed to frame the embed view (?embed=true)")
    p.add_argument("--run-dir", type=Path, default=Path(os.environ.get("RUN_DIR", ROOT / ".serve-prod" / "run")))
    p.add_argument("--static-cache", type=Path, default=Path(os.environ.get("STATIC_CACHE",
                                                                           ROOT / ".serve-prod" / "static")))
    p.add_argument("--secret-file", type=Path,
                   default=Path(os.environ.get("SECRET_FILE", ROOT / ".serve-prod" / "cookie-secret")))
    p.add_argument("--env-file", type=Path, default=ENV_FILE)
    p.add_argument("--site-root", type=Path, default=Path(os.environ.get("SITE_ROOT", SITE_ROOT)),
                   help="the static edition's folder (make static)")
    p.add_argument("--app", default="server.py",
                   help="entry script, relative to the project (the app with its own routes; the benchmark's bare page)")
    p.add_argument("--nginx", default=shutil.which("nginx") or "/usr/sbin/nginx")
    p.add_argument("--render-only", action="store_true",
                   help="print the nginx configuration (for a systemd set-up) and exit")
    p.add_argument("--prepare-only", action="store_true",
                   help="make the pre-compressed static files (e.g. while building a container) and exit")
    p.add_argument("--check", type=int, metavar="PORT",
                   help="exit 0 if the replica on this loopback port answers its health check (3 tries), 1 if not")
    args = p.parse_args(argv)
    args.ports = ([int(x) for x in args.replica_ports.split(",") if x.strip()] if args.replica_ports
                  else [args.base_port + i for i in range(args.replicas)])
    args.hosts = None
    if args.replica_hosts:
        pairs = [x.strip().rsplit(":", 1) for x in args.replica_hosts.split(",") if x.strip()]
        args.hosts, args.ports = [h for h, _ in pairs], [int(p) for _, p in pairs]
        args.proxy_only = True
    elif args.proxy_only:
        p.error("--proxy-only needs --replica-hosts")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.check:  # three tries: a busy replica is not a dead one
        for _ in range(3):
            if healthy(args.check):
                return 0
            time.sleep(5)
        return 1
    if args.prepare_only:
        print(precompressed_static(args.static_cache.resolve()))
        return 0
    if args.render_only:
        static_root = precompressed_static(args.static_cache.resolve())
        print(render_nginx(args.ports, listen=args.listen, port=args.port, run_dir=args.run_dir.resolve(),
                           static_root=static_root, conn_limit=args.conn_limit,
                           embed_ancestors=args.embed_ancestors, user="www-data" if os.geteuid() == 0 else None,
                           hosts=args.hosts, access_log=args.access_log,
                           site_root=args.site_root.resolve()))
        return 0
    supervisor = Supervisor(args)
    signal.signal(signal.SIGTERM, supervisor.stop)
    signal.signal(signal.SIGINT, supervisor.stop)
    try:
        return supervisor.run()
    finally:
        supervisor.stop()


if __name__ == "__main__":
    sys.exit(main())
