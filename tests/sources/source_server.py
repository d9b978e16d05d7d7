"""A web server on 127.0.0.1 for the URL-source tests: pages a test can change, redirects, a slow
answer and an endless body."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Page:
    body: bytes = b""
    content_type: str = "text/plain; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


class SourceServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.pages: dict[str, Page] = {}
        self.stopping = threading.Event()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_port}{path}"

    def redirect(self, path: str, target: str, status: int = 302) -> None:
        self.pages[path] = Page(status=status, headers={"Location": target})

    def handle_error(self, request, client_address) -> None:
        pass  # the client hanging up is what the size-cap and timeout tests provoke


class _Handler(BaseHTTPRequestHandler):
    server: SourceServer
    protocol_version = "HTTP/1.0"

    def log_message(self, format, *args) -> None:
        pass

    def do_GET(self) -> None:
        if self.path == "/slow":
            self.server.stopping.wait(5)
            return self._answer(Page(b"too late"))
        if self.path == "/endless":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            while not self.server.stopping.is_set():
                self.wfile.write(b"words " * 1000)
            return None
        self._answer(self.server.pages.get(self.path, Page(b"not here", status=404)))
        return None

    def _answer(self, page: Page) -> None:
        self.send_response(page.status)
        if page.status < 300 or page.status >= 400:
            self.send_header("Content-Type", page.content_type)
        for name, value in page.headers.items():
            self.send_header(name, value)
        if "Content-Length" not in page.headers:
            self.send_header("Content-Length", str(len(page.body)))
        self.end_headers()
        self.wfile.write(page.body)
