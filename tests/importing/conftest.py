"""Fixtures of the importing tests."""

from __future__ import annotations

import socket
import threading

import pytest
from local_web_server import LocalWebServer


@pytest.fixture
def web_server():
    server = LocalWebServer()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield server
    finally:
        server.stopping.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(autouse=True)
def _only_local_addresses(monkeypatch):
    """Fail any test that would look up a name other than 127.0.0.1: no test may leave this host."""
    real_getaddrinfo = socket.getaddrinfo

    def local_only(host, *args, **kwargs):
        if host not in ("127.0.0.1", b"127.0.0.1"):
            raise AssertionError(f"a test tried to resolve {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", local_only)
