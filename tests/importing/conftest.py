"""Fixtures of the importing tests."""

from __future__ import annotations

import pytest
from local_network import refuse_other_hosts, serving
from local_web_server import LocalWebServer


@pytest.fixture
def web_server():
    with serving(LocalWebServer()) as server:
        yield server


@pytest.fixture(autouse=True)
def _only_local_addresses(monkeypatch):
    refuse_other_hosts(monkeypatch)
