"""What the URL tests share: serving a test web server on 127.0.0.1, and refusing any other host."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def serving(server) -> Iterator:
    """Run a ThreadingHTTPServer (with a ``stopping`` event) for the length of a test."""
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
    """Fail any test that would look up a name other than 127.0.0.1: no test may leave this host.

    The test servers listen on 127.0.0.1, which the fetcher refuses unless the user opts in to
    private hosts, so these tests opt in for that one address (as a newsroom would for its own).
    """
    monkeypatch.setenv("WORKBENCH_ALLOW_PRIVATE_HOSTS", "127.0.0.1")
    real_getaddrinfo = socket.getaddrinfo

    def local_only(host, *args, **kwargs):
        if host not in ("127.0.0.1", b"127.0.0.1"):
            raise AssertionError(f"a test tried to resolve {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", local_only)
