"""Fixtures of the importing tests."""

from __future__ import annotations

import pytest
from web_server import local_web_server, refuse_other_hosts


@pytest.fixture
def web_server():
    with local_web_server() as server:
        yield server


@pytest.fixture(autouse=True)
def _only_local_addresses(monkeypatch):
    refuse_other_hosts(monkeypatch)
