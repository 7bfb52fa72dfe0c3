"""A small, fast HTTP/1.1 server for the synthetic site, in its own process so it never shares a GIL with what
it serves.

Pages are pre-rendered in memory; a request is one dictionary lookup and one write, on an asyncio (uvloop when
installed) event loop with keep-alive. Conditional GET: If-None-Match (ETag) or If-Modified-Since -> 304.
GET /__stats returns the counters (JSON: responses by kind and status) and /__reset zeroes them, so the
benchmark can see from the server's side how many feeds answered 304 and how many pages were requested at all.
"""
from __future__ import annotations

import asyncio
import dataclasses
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bench.site import Site, SiteSpec

_REASONS = {200: b"OK", 304: b"Not Modified", 404: b"Not Found", 405: b"Method Not Allowed"}


def _kind(path: str) -> str:
    if path.startswith("/feeds/"):
        return "feed"
    if path.startswith("/news/"):
        return "article"
    return "other"


class _Handler(asyncio.Protocol):
    def __init__(self, pages: dict, stats: Counter):
        self.pages = pages
        self.stats = stats
        self.buffer = b""
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                if len(self.buffer) > 65536:  # no header is that long: drop the client
                    self.transport.close()
                return
            head, self.buffer = self.buffer[:end], self.buffer[end + 4:]
            if not self._respond(head):
                self.transport.close()
                return

    def _respond(self, head: bytes) -> bool:
        lines = head.split(b"\r\n")
        try:
            method, target, version = lines[0].split(b" ", 2)
        except ValueError:
            return False
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            headers[name.strip().lower()] = value.strip()
        keep_alive = headers.get(b"connection", b"").lower() != b"close" and version == b"HTTP/1.1"
        path = target.split(b"?", 1)[0].decode("latin-1")
        if method not in (b"GET", b"HEAD"):
            self._send(405, b"", b"text/plain", keep_alive)
            return keep_alive
        if path == "/__stats":
            self._send(200, json.dumps(dict(self.stats)).encode(), b"application/json", keep_alive)
            return keep_alive
        if path == "/__reset":
            self.stats.clear()
            self._send(200, b"{}", b"application/json", keep_alive)
            return keep_alive
        page = self.pages.get(path)
        kind = _kind(path)
        if page is None:
            self.stats[f"{kind}_404"] += 1
            self._send(404, b"not found", b"text/plain", keep_alive)
            return keep_alive
        body, ctype, etag, modified = page
        inm = headers.get(b"if-none-match")
        ims = headers.get(b"if-modified-since")
        if (inm is not None and etag.encode() in inm) or (inm is None and ims is not None and ims == modified):
            self.stats[f"{kind}_304"] += 1
            self._send(304, b"", ctype.encode(), keep_alive, etag, modified, head_only=True)
            return keep_alive
        self.stats[f"{kind}_200"] += 1
        self._send(200, body, ctype.encode(), keep_alive, etag, modified, head_only=method == b"HEAD")
        return keep_alive

    def _send(self, status, body, ctype, keep_alive, etag=None, modified=None, head_only=False):
        parts = [b"HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n"
                 % (status, _REASONS[status], ctype, 0 if status == 304 else len(body))]
        if etag:
            parts.append(b"ETag: %s\r\nLast-Modified: %s\r\n" % (etag.encode(), modified))
        parts.append(b"Connection: keep-alive\r\n\r\n" if keep_alive else b"Connection: close\r\n\r\n")
        if not head_only and status != 304:
            parts.append(body)
        self.transport.write(b"".join(parts))


def _serve(spec: SiteSpec, ready) -> None:
    """Bind, render the site with its own base URL, report readiness (one JSON line), serve until killed."""
    try:
        import uvloop
        uvloop.install()
    except ImportError:  # plain asyncio is slower but correct
        pass
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(1024)
    base_url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    t0 = time.perf_counter()
    pages = Site(spec, base_url).build()
    build_s = time.perf_counter() - t0
    stats: Counter = Counter()

    async def main():
        loop = asyncio.get_running_loop()
        server = await loop.create_server(lambda: _Handler(pages, stats), sock=sock, backlog=1024)
        ready({"base_url": base_url, "build_s": round(build_s, 2), "pages": len(pages),
               "bytes": sum(len(p[0]) for p in pages.values())})
        async with server:
            await server.serve_forever()

    asyncio.run(main())


@dataclass
class RunningSite:
    spec: SiteSpec
    base_url: str
    build_s: float
    pages: int
    bytes: int
    process: subprocess.Popen

    @property
    def site(self) -> Site:
        return Site(self.spec, self.base_url)

    def stats(self) -> dict:
        import urllib.request

        with urllib.request.urlopen(self.base_url + "/__stats", timeout=10) as resp:
            return json.loads(resp.read())

    def reset_stats(self) -> None:
        import urllib.request

        urllib.request.urlopen(self.base_url + "/__reset", timeout=10).read()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def start(spec: SiteSpec, timeout: float = 600) -> RunningSite:
    """Start the server process for `spec` (python -m bench.server) and wait until its pages are rendered."""
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")]))}
    proc = subprocess.Popen([sys.executable, "-m", "bench.server", json.dumps(dataclasses.asdict(spec))],
                            stdout=subprocess.PIPE, env=env, cwd=root, text=True)
    # the child prints one JSON line when it is ready; a deadline guards against a child that hangs
    timer = threading.Timer(timeout, proc.kill)
    timer.start()
    try:
        line = proc.stdout.readline()
    finally:
        timer.cancel()
    if not line:
        proc.kill()
        raise RuntimeError("the synthetic site did not start (see its stderr above)")
    info = json.loads(line)
    return RunningSite(spec, info["base_url"], info["build_s"], info["pages"], info["bytes"], proc)


def measure_rate(urls: list[str], *, concurrency: int = 32, seconds: float = 3.0) -> dict:
    """How fast the server answers: a concurrent keep-alive fetch loop (aiohttp) over `urls` for ~`seconds`.

    The client runs in this process, so on a small machine this is a lower bound on the server's rate.
    """
    import aiohttp

    async def run():
        done = 0
        errors = 0
        nbytes = 0
        deadline = time.perf_counter() + seconds
        connector = aiohttp.TCPConnector(limit=concurrency)
        async with aiohttp.ClientSession(connector=connector) as session:
            async def worker(offset: int):
                nonlocal done, errors, nbytes
                i = offset
                while time.perf_counter() < deadline:
                    async with session.get(urls[i % len(urls)]) as resp:
                        body = await resp.read()
                        nbytes += len(body)
                        if resp.status == 200:
                            done += 1
                        else:
                            errors += 1
                    i += concurrency

            t0 = time.perf_counter()
            await asyncio.gather(*(worker(k) for k in range(concurrency)))
            return done, errors, nbytes, time.perf_counter() - t0

    done, errors, nbytes, elapsed = asyncio.run(run())
    return {"requests": done, "errors": errors, "seconds": round(elapsed, 2),
            "requests_per_s": round(done / elapsed, 1), "mb_per_s": round(nbytes / elapsed / 1e6, 1),
            "concurrency": concurrency}


def _print_ready(info: dict) -> None:
    print(json.dumps(info), flush=True)


if __name__ == "__main__":
    _serve(SiteSpec(**json.loads(sys.argv[1])), _print_ready)
