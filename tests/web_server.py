"""The one web server of the URL tests, on 127.0.0.1: pages a test sets, redirects, a slow answer
and an endless body; and the guard that no test looks up any other host."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Page:
    """One answer: a Content-Type header given in ``headers`` wins over ``content_type``."""

    body: bytes = b""
    content_type: str | None = "text/plain; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    send_length: bool = True  # False: no Content-Length, the body runs until the connection ends


class LocalWebServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _PageHandler)
        self.pages: dict[str, Page] = {}
        self.stopping = threading.Event()
        self.requests: list[str] = []  # every path asked for, in order

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_port}{path}"

    def redirect(self, path: str, target: str, status: int = 302) -> None:
        self.pages[path] = Page(status=status, headers={"Location": target})

    def handle_error(self, request, client_address) -> None:
        pass  # the client hanging up mid-answer is what the size-cap and timeout tests provoke


class _PageHandler(BaseHTTPRequestHandler):
    server: LocalWebServer
    # HTTP/1.0: a body without Content-Length simply runs until the connection closes.
    protocol_version = "HTTP/1.0"

    def log_message(self, format, *args) -> None:
        pass

    def do_GET(self) -> None:
        self.server.requests.append(self.path)
        if self.path == "/slow":
            self.server.stopping.wait(5)
            self._answer(Page(b"too late"))
        elif self.path == "/endless":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            while not self.server.stopping.is_set():
                self.wfile.write(b"words " * 1000)
        else:
            self._answer(self.server.pages.get(self.path, Page(b"not here", status=404)))

    def _answer(self, page: Page) -> None:
        self.send_response(page.status)
        redirect = 300 <= page.status < 400
        if page.content_type and not redirect and "Content-Type" not in page.headers:
            self.send_header("Content-Type", page.content_type)
        for name, value in page.headers.items():
            self.send_header(name, value)
        if page.send_length and "Content-Length" not in page.headers:
            self.send_header("Content-Length", str(len(page.body)))
        self.end_headers()
        self.wfile.write(page.body)


@contextmanager
def local_web_server() -> Iterator[LocalWebServer]:
    """A running server for the length of a test, stopped (slow and endless answers too) after."""
    with serving(LocalWebServer()) as server:
        yield server


@contextmanager
def serving(server) -> Iterator:
    """Run a ThreadingHTTPServer that has a ``stopping`` event for the length of a test."""
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield server
    finally:
        server.stopping.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def refuse_other_hosts(monkeypatch) -> None:
    """Fail any test that would look up a name other than 127.0.0.1: no test may leave this host."""
    real_getaddrinfo = socket.getaddrinfo

    def local_only(host, *args, **kwargs):
        if host not in ("127.0.0.1", b"127.0.0.1"):
            raise AssertionError(f"a test tried to resolve {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", local_only)
