"""A real HTTP server on 127.0.0.1 for the URL tests: fixed pages plus slow and endless answers."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Page:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    send_length: bool = True


class LocalWebServer(ThreadingHTTPServer):
    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), PageHandler)
        self.pages: dict[str, Page] = {}
        self.stopping = threading.Event()
        self.requests: list[str] = []

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_port}{path}"

    def handle_error(self, request, client_address) -> None:
        # The client hanging up mid-answer is what the size-cap and timeout tests provoke.
        pass


class PageHandler(BaseHTTPRequestHandler):
    server: LocalWebServer
    # HTTP/1.0: a body without Content-Length simply runs until the connection closes.
    protocol_version = "HTTP/1.0"

    def log_message(self, format, *args) -> None:
        pass

    def do_GET(self) -> None:
        self.server.requests.append(self.path)
        if self.path == "/slow":
            self.server.stopping.wait(5)
            return self._answer(Page(body=b"too late", headers={"Content-Type": "text/plain"}))
        if self.path == "/endless":
            return self._endless()
        page = self.server.pages.get(
            self.path, Page(404, b"not here", {"Content-Type": "text/plain"})
        )
        self._answer(page)

    def _answer(self, page: Page) -> None:
        self.send_response(page.status)
        for name, value in page.headers.items():
            self.send_header(name, value)
        if page.send_length:
            self.send_header("Content-Length", str(len(page.body)))
        self.end_headers()
        self.wfile.write(page.body)

    def _endless(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        chunk = b"words " * 1000
        while not self.server.stopping.is_set():
            self.wfile.write(chunk)
