"""Fixtures of the primary-source tests: the CLI in this process, a local web server."""

from __future__ import annotations

import io
import socket
import sys
import threading
from pathlib import Path

import pytest
from source_helpers import ARTICLE, Result
from source_server import SourceServer


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "workbench.sqlite"  # where the autouse fixture points WORKBENCH_DB


@pytest.fixture
def run(capsys, monkeypatch):
    """Run `workbench ARGS` in this process (much faster than a subprocess per call)."""
    from workbench.cli import main

    def invoke(*args: object, stdin: bytes = b"") -> Result:
        capsys.readouterr()
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
        code = main([str(arg) for arg in args])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


@pytest.fixture
def article_id(run, db_path) -> int:
    result = run("import", ARTICLE)
    assert result.code == 0, result.err
    return int(result.out)


@pytest.fixture
def web_server():
    server = SourceServer()
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
    """No test may leave this host: any name other than 127.0.0.1 fails the test."""
    real_getaddrinfo = socket.getaddrinfo

    def local_only(host, *args, **kwargs):
        if host not in ("127.0.0.1", b"127.0.0.1"):
            raise AssertionError(f"a test tried to resolve {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", local_only)
