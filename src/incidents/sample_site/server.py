"""Serve the sample site over HTTP on 127.0.0.1 with the validators real feeds send (ETag, Last-Modified)."""
from __future__ import annotations

import email.utils
import hashlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from incidents.sample_site import render


class _Handler(BaseHTTPRequestHandler):
    server_version = "SahelCourier/1.0"
    base_url = ""  # set per server

    def log_message(self, format, *args):  # quiet: tests and the demo print their own summaries
        pass

    def _route(self) -> tuple[str, str, str | None] | None:
        """(body, content type, last-modified) for the path, None for 404."""
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        base = self.server.base_url
        if path in ("/", "/index.html"):
            return render.render_index(base), "text/html; charset=utf-8", None
        if path == "/robots.txt":
            return render.ROBOTS.format(base_url=base), "text/plain; charset=utf-8", None
        if path == "/feeds/rss.xml":
            return (render.render_rss(base), "application/rss+xml; charset=utf-8",
                    email.utils.format_datetime(render.last_modified("rss"), usegmt=True))
        if path == "/feeds/atom.xml":
            return (render.render_atom(base), "application/atom+xml; charset=utf-8",
                    email.utils.format_datetime(render.last_modified("atom"), usegmt=True))
        if path == "/sitemaps/news.xml":
            return render.render_news_sitemap(base), "application/xml; charset=utf-8", None
        for art in render.articles():
            if path == "/" + render.article_path(art):
                return render.render_article(art, base), "text/html; charset=utf-8", None
        return None

    def do_GET(self):
        found = self._route()
        if found is None:
            self._send(404, b"not found", "text/plain")
            return
        body, ctype, modified = found
        data = body.encode("utf-8")
        etag = '"' + hashlib.sha1(data).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag or (
                modified and self.headers.get("If-Modified-Since") == modified
                and not self.headers.get("If-None-Match")):
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        extra = {"ETag": etag}
        if modified:
            extra["Last-Modified"] = modified
        self._send(200, data, ctype, extra)

    def _send(self, status: int, data: bytes, ctype: str, headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)


class SampleSiteServer(ThreadingHTTPServer):
    daemon_threads = True
    base_url = ""


def serve(port: int = 0, host: str = "127.0.0.1") -> tuple[SampleSiteServer, str]:
    """Bind (port 0 = any free port) and return (server, base_url); the caller runs serve_forever()."""
    server = SampleSiteServer((host, port), _Handler)
    server.base_url = f"http://{host}:{server.server_address[1]}/"
    return server, server.base_url


def serve_in_thread(port: int = 0, host: str = "127.0.0.1") -> tuple[SampleSiteServer, str]:
    """Convenience for tests and the demo: already serving; stop with server.shutdown()."""
    server, url = serve(port, host)
    threading.Thread(target=server.serve_forever, name="sample-site", daemon=True).start()
    return server, url
