"""A visitor without a browser: loads ``/`` like a browser would, then speaks Streamlit's websocket protocol.

Used by the load and failover tests and the benchmarks. One :func:`visit` is what a browser does on a
first visit, minus the static files: GET the page (which sets nginx's replica cookie), open
``/_stcore/stream`` with that cookie and a same-origin ``Origin``, send a ``rerun_script`` BackMsg for
the page and wait for ``script_finished``. Streamlit's own protobuf classes (``streamlit.proto``) and
the ``websockets`` package that Streamlit's server already depends on do the work.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import ClientConnection, connect

FINISHED = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_SUCCESSFULLY")
COMPILE_ERROR = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_WITH_COMPILE_ERROR")


class VisitError(RuntimeError):
    """The page did not load: an HTTP error, a closed websocket, an exception element or a timeout."""


@dataclass
class Session:
    """An open websocket session on one replica; ``runs`` holds the page-run latencies in seconds."""

    ws: ClientConnection
    cookies: dict[str, str]
    replica: str | None
    runs: list[float] = field(default_factory=list)
    bytes_received: int = 0

    async def run_page(self, page: str = "", query: str = "lang=vi", timeout: float = 60.0) -> float:
        """Ask for a page run and wait until it has finished; returns its latency in seconds."""
        msg = BackMsg()
        msg.rerun_script.query_string = query
        msg.rerun_script.page_name = page
        start = time.perf_counter()
        try:
            await self.ws.send(msg.SerializeToString())
        except Exception as err:  # the websocket is gone
            raise VisitError(f"websocket closed before the run: {err!r}") from err
        deadline = start + timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise VisitError(f"page {page!r} did not finish within {timeout:.0f} s")
            try:
                raw = await asyncio.wait_for(self.ws.recv(), left)
            except asyncio.TimeoutError:
                continue
            except Exception as err:  # closed websocket and the like
                raise VisitError(f"websocket closed during the run: {err!r}") from err
            self.bytes_received += len(raw)
            fwd = ForwardMsg()
            fwd.ParseFromString(raw)
            kind = fwd.WhichOneof("type")
            if kind == "delta" and fwd.delta.WhichOneof("type") == "new_element" \
                    and fwd.delta.new_element.WhichOneof("type") == "exception":
                raise VisitError(f"exception on page {page!r}: {fwd.delta.new_element.exception.message[:200]}")
            if kind == "script_finished":
                if fwd.script_finished == COMPILE_ERROR:
                    raise VisitError(f"compile error on page {page!r}")
                if fwd.script_finished == FINISHED:
                    elapsed = time.perf_counter() - start
                    self.runs.append(elapsed)
                    return elapsed

    async def close(self) -> None:
        try:
            await self.ws.close()
        except Exception:  # already gone (its replica died): nothing to close
            pass


async def http_get(host: str, port: int, path: str = "/", cookies: dict[str, str] | None = None,
                   source: str | None = None, timeout: float = 30.0) -> tuple[int, dict[str, str], int]:
    """A plain HTTP/1.1 GET: (status, cookies set by the reply, body bytes)."""
    reader, writer = await asyncio.wait_for(asyncio.open_connection(
        host, port, local_addr=(source, 0) if source else None), timeout)
    try:
        cookie = "; ".join(f"{k}={v}" for k, v in (cookies or {}).items())
        writer.write((f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept-Encoding: gzip, br\r\n"
                      + (f"Cookie: {cookie}\r\n" if cookie else "") + "Connection: close\r\n\r\n").encode())
        await writer.drain()
        data = await asyncio.wait_for(reader.read(), timeout)
    finally:
        writer.close()
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    set_cookies = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "set-cookie":
            key, _, rest = value.strip().partition("=")
            set_cookies[key] = rest.split(";")[0]
    return status, set_cookies, len(body)


async def open_session(host: str, port: int, source: str | None = None, cookies: dict[str, str] | None = None,
                       timeout: float = 30.0, compression: str | None = "deflate") -> Session:
    """GET ``/`` (as a browser's first request), then open the websocket with the cookies it set."""
    cookies = dict(cookies or {})
    status, set_cookies, _ = await http_get(host, port, "/", cookies, source, timeout)
    if status != 200:
        raise VisitError(f"GET / answered {status}")
    cookies.update(set_cookies)
    origin = f"http://{host}:{port}"
    try:
        ws = await connect(f"ws://{host}:{port}/_stcore/stream", subprotocols=["streamlit"], origin=origin,
                           additional_headers={"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())},
                           max_size=None, open_timeout=timeout, compression=compression,
                           ping_interval=None, local_addr=(source, 0) if source else None)
    except Exception as err:
        raise VisitError(f"websocket refused: {err!r}") from err
    return Session(ws, cookies, cookies.get("ls_replica"))


async def visit(host: str, port: int, page: str = "", query: str = "lang=vi", source: str | None = None,
                timeout: float = 60.0) -> Session:
    """A first visit: ``/``, the websocket, one page run. The session stays open; close it when done."""
    session = await open_session(host, port, source, timeout=timeout)
    try:
        await session.run_page(page, query, timeout)
    except BaseException:
        await session.close()
        raise
    return session
