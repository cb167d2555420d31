"""The production set-up on loopback: nginx in front of 2 replicas, as ``make serve-prod`` runs it.

Compression and caching of Streamlit's files, security headers, what is not public, sticky sessions,
the websocket behind the proxy, request limits, failover when a replica is killed, and 300 concurrent
sessions. Every stack binds free loopback ports and is stopped by its fixture; loops are bounded.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
import uuid

import pytest
from websockets.exceptions import InvalidStatus

from bench import stclient
from bench.stack import Stack
from components import data
from deploy import serve

ROOT = data.ROOT

def _run(coro):
    """``asyncio.run`` in a thread of its own: Playwright's sync API, used by the browser tests in the
    same session, keeps an event loop running in this one."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()



def _need_nginx() -> None:
    if shutil.which("nginx") or os.path.exists("/usr/sbin/nginx"):
        return
    message = "nginx not found: install Debian's nginx (make test does) to run the deployment tests"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def stack():
    _need_nginx()
    with Stack(replicas=2, name="deploy") as s:
        yield s


def _get(url: str, headers: dict | None = None, data: bytes | None = None):
    req = urllib.request.Request(url, headers=headers or {}, data=data)
    try:
        with urllib.request.urlopen(req, timeout=20) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


def _index_js(stack) -> str:
    status, _, body = _get(stack.url + "/", {"Accept-Encoding": "identity"})
    assert status == 200
    return re.search(rb'src="\./(static/js/index\.[\w-]+\.js)"', body).group(1).decode()


def _served_by(stack, path: str) -> str:
    """The replica port that nginx's access log names for the last request of ``path``."""
    for _ in range(50):
        for line in reversed(stack.access_log()):
            if f'"GET {path} ' in line and "up=" in line:
                return line.rsplit("up=", 1)[1].split()[0].split(",")[-1].strip().rsplit(":", 1)[1]
        time.sleep(0.1)
    raise AssertionError(f"no access log line for {path}")


def test_rendered_config_passes_nginx_check_for_any_number_of_replicas(tmp_path):
    _need_nginx()
    (tmp_path / "tmp").mkdir()
    conf = serve.render_nginx([9001, 9002, 9003], listen="127.0.0.1", port=9000, run_dir=tmp_path,
                              static_root=tmp_path)
    assert "{{" not in conf and conf.count("upstream replicas_r") == 3
    assert "proxy_set_header Host $http_host" in conf and "enableCORS" not in conf
    (tmp_path / "nginx.conf").write_text(conf)
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    out = subprocess.run([nginx, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
                         capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr


def test_production_settings_come_from_one_file():
    env = serve.read_env_file()
    assert env["STREAMLIT_SERVER_ENABLE_XSRF_PROTECTION"] == "true"
    assert env["STREAMLIT_SERVER_ENABLE_CORS"] == "true"
    assert env["STREAMLIT_SERVER_HEADLESS"] == "true"
    assert env["STREAMLIT_SERVER_FILE_WATCHER_TYPE"] == "none"
    assert env["STREAMLIT_BROWSER_GATHER_USAGE_STATS"] == "false"
    assert env["STREAMLIT_CLIENT_SHOW_ERROR_DETAILS"] == "none"
    assert env["STREAMLIT_CLIENT_TOOLBAR_MODE"] == "minimal"
    assert "STREAMLIT_SERVER_COOKIE_SECRET" not in env  # made once per host, never committed


def test_static_javascript_is_compressed_and_cached_for_a_year(stack):
    path = "/" + _index_js(stack)
    _, plain_headers, plain = _get(stack.url + path, {"Accept-Encoding": "identity"})
    for encoding in ("br", "gzip"):
        status, headers, body = _get(stack.url + path, {"Accept-Encoding": encoding})
        assert status == 200 and headers["Content-Encoding"] == encoding
        assert len(body) < len(plain) / 3
        assert "immutable" in headers["Cache-Control"] and "max-age=31536000" in headers["Cache-Control"]
    assert plain_headers.get("Content-Encoding") is None and len(plain) > 200_000


def test_page_and_json_are_compressed(stack):
    for path in ("/", "/_stcore/host-config", "/targets?lang=en"):
        status, headers, _ = _get(stack.url + path, {"Accept-Encoding": "gzip, br"})
        assert status == 200 and headers["Content-Encoding"] in ("br", "gzip"), path


def test_page_names_the_chunks_every_page_needs(stack):
    _, _, body = _get(stack.url + "/highlights?lang=en", {"Accept-Encoding": "identity"})  # its own: page links
    listed = json.loads(re.search(rb'<script type="application/json" id="ls-chunks">(.*?)</script>', body).group(1))
    assert {"Html", "PageLink", "purify"} <= {n.split(".")[0] for n in listed["preload"]}
    for name in listed["preload"] + listed["run"]:  # nginx serves every file the page will ask for
        assert _get(f"{stack.url}/static/js/{name}")[0] == 200


def test_security_headers_and_embed_framing(stack):
    _, headers, _ = _get(stack.url + "/")
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "object-src 'none'" in csp
    assert csp.endswith("frame-ancestors 'self'")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "Server" not in headers or "nginx/" not in headers["Server"]
    _, embed, _ = _get(stack.url + "/?embed=true")
    assert embed["Content-Security-Policy"].endswith("frame-ancestors 'self' https:")


def test_static_edition_is_served_by_nginx_compressed_cached_and_script_free(stack):
    """Issue #14: nginx serves build/site itself (no replica in the access log), pre-compressed."""
    from components import static_build

    if static_build.is_stale(static_build.OUT):
        static_build.build(static_build.OUT, log=lambda *_: None)
    status, headers, body = _get(stack.url + "/en/tourism/", {"Accept-Encoding": "br"})
    assert status == 200 and headers["Content-Encoding"] == "br"
    assert "script-src 'none'" in headers["Content-Security-Policy"]
    assert _served_by_nginx(stack, "/en/tourism/")
    css = re.search(r'href="(/assets/site\.\w+\.css)"', _get(stack.url + "/en/tourism/")[2].decode()).group(1)
    status, headers, _ = _get(stack.url + css, {"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert "immutable" in headers["Cache-Control"] and "max-age=31536000" in headers["Cache-Control"]
    status, _, body = _get(stack.url + "/vi/no-such-page/")
    assert status == 404 and "Không có trang này".encode() in body and b"This page does not exist" in body
    status, _, body = _get(stack.url + "/my-commune?lang=vi")  # an app address that no page has
    assert status == 404 and b"This page does not exist" in body and b"<title>Streamlit" not in body
    assert _get(stack.url + "/vi")[0] == 200  # redirected to /vi/
    for path in ("/sitemap.xml", "/robots.txt", "/en/tourism/lang-son-tourism-en.pdf"):
        assert _get(stack.url + path)[0] == 200, path


def _served_by_nginx(stack, path: str) -> bool:
    for _ in range(50):
        lines = [line for line in stack.access_log() if f'"GET {path} ' in line]
        if lines:
            return "up=- " in lines[-1] or lines[-1].rstrip().endswith("up=-") or "up=- ut=-" in lines[-1]
        time.sleep(0.1)
    return False


def test_metrics_agent_and_uploads_are_not_public(stack):
    assert _get(stack.url + "/_stcore/metrics")[0] == 404
    assert _get(f"http://127.0.0.1:{stack.ports[0]}/_stcore/metrics")[0] == 200  # monitoring, on loopback
    assert _get(stack.url + "/_stcore/agent/openapi.json")[0] == 404
    assert _get(stack.url + "/_stcore/upload_file/x/y", data=b"x" * 10)[0] == 404


def test_request_bodies_are_limited(stack):
    assert _get(stack.url + "/", data=b"x" * 200_000)[0] == 413


def test_websocket_needs_the_public_origin_and_runs_pages_behind_the_proxy(stack):
    async def go():
        session = await stclient.visit(stack.host, stack.port, "targets", "lang=en")
        await session.close()
        with pytest.raises(InvalidStatus) as refused:  # another site's page may not open a session
            await stclient.connect(f"ws://{stack.host}:{stack.port}/_stcore/stream", subprotocols=["streamlit"],
                                   origin="http://elsewhere.example", open_timeout=10)
        assert refused.value.response.status_code == 403
        return session

    try:
        session = _run(go())
    except stclient.VisitError as err:
        pytest.fail(str(err))
    assert session.runs and session.replica in ("r1", "r2")


def test_a_visitor_stays_on_one_replica_for_pages_websocket_and_media(stack):
    async def go():
        session = await stclient.visit(stack.host, stack.port, "", "lang=vi")
        await session.close()
        return session

    session = _run(go())
    port = str(stack.ports[int(session.replica[1:]) - 1])
    assert _served_by(stack, "/_stcore/stream") == port
    for path in ("/_stcore/health", "/media/not-here.png", "/_stcore/host-config"):
        path += f"?probe={uuid.uuid4().hex}"  # its own log line: the visit asked for some of these, replica unknown
        status, headers, _ = _get(stack.url + path, {"Cookie": f"ls_replica={session.replica}"})
        assert _served_by(stack, path) == port, path
        if status == 200:
            assert any(f"ls_replica={session.replica};" in c for c in headers.get_all("Set-Cookie"))


def test_connections_per_client_address_are_limited(stack):
    """101 websockets from one address: the limit (100) answers 429, other addresses are unaffected."""
    async def go():
        sockets = []
        try:
            for _ in range(serve.parse_args([]).conn_limit):
                sockets.append(await stclient.connect(
                    f"ws://{stack.host}:{stack.port}/_stcore/stream", subprotocols=["streamlit"],
                    origin=stack.url, open_timeout=20, local_addr=("127.0.0.77", 0)))
            blocked = await stclient.http_get(stack.host, stack.port, "/", source="127.0.0.77")
            other = await stclient.http_get(stack.host, stack.port, "/", source="127.0.0.78")
            return blocked[0], other[0]
        finally:
            await asyncio.gather(*(ws.close() for ws in sockets))

    assert _run(go()) == (429, 200)


def test_killing_a_replica_loses_no_visitor_and_it_comes_back():
    """Issue 10: kill one of two replicas while visitors are connected."""
    _need_nginx()
    with Stack(replicas=2, name="failover") as stack:
        async def scenario():
            before = [await stclient.visit(stack.host, stack.port, "targets", "lang=vi") for _ in range(8)]
            on = {r: [s for s in before if s.replica == r] for r in ("r1", "r2")}
            assert on["r1"] and on["r2"], "least_conn spreads first visits over both replicas"
            victim = stack.ports[0]
            os.kill(stack.replica_pid(victim), signal.SIGKILL)

            # New visitors during the outage, with no cookie or with the dead replica's: all served.
            newcomers = await asyncio.gather(
                *(stclient.visit(stack.host, stack.port, page, "lang=en") for page in ("", "tourism", "search")),
                *(stclient.visit(stack.host, stack.port, "", "lang=vi") for _ in range(3)))
            returning = await stclient.open_session(stack.host, stack.port, cookies={"ls_replica": "r1"})
            await returning.run_page("border-gates", "lang=en")
            if stack.status("/_stcore/health", port=victim) != 200:  # still down (a restart takes seconds)
                assert all(s.replica == "r2" for s in newcomers)
                assert returning.cookies["ls_replica"] == "r2"  # the cookie followed the visitor

            # Visitors on the surviving replica notice nothing: same websocket, next run works.
            for s in on["r2"]:
                await s.run_page("targets", "lang=en")
                assert len(s.runs) == 2
            # Those on the killed one lost their websocket (the browser reconnects, as `returning` did).
            for s in on["r1"]:
                with pytest.raises(stclient.VisitError):
                    await s.run_page("targets", "lang=en", timeout=10)
            for s in before + newcomers + [returning]:
                await s.close()
            return returning

        returning = _run(scenario())

        deadline = time.monotonic() + 120
        while not (stack.state().get("restarts", {}).get(str(stack.ports[0])) and
                   stack.status("/_stcore/health", port=stack.ports[0]) == 200):
            assert time.monotonic() < deadline, "the killed replica was not restarted"
            time.sleep(0.5)

        async def after():
            for _ in range(30):  # nginx retries a failed server after fail_timeout (5 s)
                back = await stclient.open_session(stack.host, stack.port, cookies={"ls_replica": "r1"})
                await back.run_page("", "lang=vi")
                await back.close()
                if back.cookies["ls_replica"] == "r1":
                    break
                await asyncio.sleep(1)
            stayed = await stclient.open_session(stack.host, stack.port, cookies=returning.cookies)
            await stayed.run_page("", "lang=vi")
            await stayed.close()
            return back.cookies["ls_replica"], stayed.cookies["ls_replica"]

        # The restarted replica serves its visitors again; those who moved stay where their session is.
        assert _run(after()) == ("r1", returning.cookies["ls_replica"])


def test_three_hundred_concurrent_sessions_through_nginx_all_succeed():
    """Issue 10: at least 300 concurrent sessions on 2 replicas, zero failed; figures kept in artifacts/."""
    _need_nginx()
    out = subprocess.run([sys.executable, "bench/load.py", "--sessions", "300", "--ramp", "30", "--think", "30",
                          "--timeout", "400", "--json", "artifacts/load.json"],
                         cwd=ROOT, capture_output=True, text=True, timeout=600)
    print(out.stdout)
    assert out.returncode == 0, out.stdout + out.stderr[-3000:]
    figures = json.loads((ROOT / "artifacts" / "load.json").read_text())
    assert figures["failed"] == 0 and figures["page_runs"] == 600
    assert sum(figures["active_at_peak"].values()) >= 300
