"""A local HTTP server on 127.0.0.1 whose routes each test sets: feeds and pages that can misbehave.

A route is a path -> Route(status, body, headers) or a callable(handler) -> Route, so a test can answer 429 the
first time and 200 the second, send a gzip bomb, or redirect somewhere it must not go. Every request is logged
(path, headers) so tests can assert what the crawler asked for and what it did not.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    status: int = 200
    body: bytes | str = b""
    headers: dict = field(default_factory=dict)
    content_type: str | None = "text/html; charset=utf-8"

    def data(self) -> bytes:
        return self.body.encode("utf-8") if isinstance(self.body, str) else self.body


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        site: FixtureSite = self.server.site
        path = self.path.split("#", 1)[0]
        with site.lock:
            site.requests.append((path, dict(self.headers)))
            site.times.append(time.monotonic())
        route = site.routes.get(path) or site.routes.get(path.split("?", 1)[0])
        if callable(route):
            route = route(self)
        if route is None:
            route = Route(404, b"not found", content_type="text/plain")
        data = route.data()
        self.send_response(route.status)
        if route.content_type:
            self.send_header("Content-Type", route.content_type)
        if "Content-Length" not in route.headers:
            self.send_header("Content-Length", str(len(data)))
        for key, value in route.headers.items():
            self.send_header(key, value)
        self.end_headers()
        try:
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):  # the crawler hung up on an oversized body: expected
            pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class FixtureSite:
    def __init__(self, host: str = "127.0.0.1"):
        self.routes: dict = {"/robots.txt": Route(200, "User-agent: *\nDisallow: /private/\n",
                                                   content_type="text/plain")}
        self.requests: list[tuple[str, dict]] = []
        self.times: list[float] = []  # monotonic arrival time of each request, in order
        self.lock = threading.Lock()
        self.server = _Server((host, 0), _Handler)
        self.server.site = self
        self.url = f"http://{host}:{self.server.server_address[1]}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def route(self, path: str, route) -> None:
        self.routes[path] = route

    def requested(self, path_prefix: str) -> list[str]:
        with self.lock:
            return [p for p, _ in self.requests if p.startswith(path_prefix)]

    def headers_for(self, path: str) -> list[dict]:
        with self.lock:
            return [h for p, h in self.requests if p == path]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
