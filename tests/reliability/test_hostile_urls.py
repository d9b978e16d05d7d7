"""URL cases an attacker would try: redirects into private networks, names that resolve to them,
credentials in the address, a server that trickles its headers, a redirect with no Location.

A small web server on 127.0.0.1 runs inside each test; the fetcher may reach 127.0.0.1 only
because these tests opt in to that one address, as a newsroom would for its intranet.
"""

from __future__ import annotations

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from web_server import serving

from workbench.errors import UserError
from workbench.importing import load_article
from workbench.importing.fetch import fetch_url

ARTICLE = (
    b"<html><head><title>Quay closes</title></head><body><article><h1>Quay closes</h1>"
    b"<p>The port authority will close the north quay for six weeks, its chair said.</p>"
    b"<p>\xe2\x80\x9cWe are not going to gamble with the worst case,\xe2\x80\x9d said Orla Benedetti.</p>"
    b"</article></body></html>"
)


class HostileServer(ThreadingHTTPServer):
    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), HostileHandler)
        self.stopping = threading.Event()
        self.redirects: dict[str, str | None] = {}
        self.authorizations: list[str | None] = []

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_port}{path}"

    def handle_error(self, request, client_address) -> None:
        pass  # the fetcher hanging up on a trickle is the point of that test


class HostileHandler(BaseHTTPRequestHandler):
    server: HostileServer
    protocol_version = "HTTP/1.0"

    def log_message(self, format, *args) -> None:
        pass

    def do_GET(self) -> None:
        self.server.authorizations.append(self.headers.get("Authorization"))
        if self.path in self.server.redirects:
            self.send_response(302)
            target = self.server.redirects[self.path]
            if target is not None:
                self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.path == "/trickle":
            # One header byte every 0.2 s: the read timeout never fires, the deadline must.
            self.wfile.write(b"HTTP/1.0 200 OK\r\n")
            for byte in b"X-Slow: " + b"a" * 10_000:
                if self.server.stopping.wait(0.2):
                    return
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(ARTICLE)))
        self.end_headers()
        self.wfile.write(ARTICLE)


@pytest.fixture
def server():
    # tests/conftest.py already refuses every host but 127.0.0.1 and opts in to that one.
    with serving(HostileServer()) as running:
        yield running


PRIVATE_TARGETS = {
    "private network": ("http://10.0.0.1/admin", "10.0.0.1, a private network address"),
    "cloud metadata": (
        "http://169.254.169.254/latest/meta-data/",
        "169.254.169.254, a link-local address",
    ),
    "other loopback": ("http://127.0.0.2:8080/", "127.0.0.2, a loopback address"),
    "IPv6 loopback": ("http://[::1]:8080/", "::1, a loopback address"),
    "multicast": ("http://224.0.0.1/", "224.0.0.1, a multicast address"),
    "IPv4 in IPv6": ("http://[::ffff:10.0.0.1]/", "::ffff:10.0.0.1, a private network address"),
}


@pytest.mark.parametrize("case", PRIVATE_TARGETS)
def test_a_redirect_into_a_private_network_is_refused(server, case):
    target, described = PRIVATE_TARGETS[case]
    server.redirects["/story"] = target
    with pytest.raises(UserError) as refused:
        load_article(server.url("/story"))
    assert str(refused.value) == (
        f"{server.url('/story')} leads to {described}, not the public internet, so it was not "
        "fetched; to fetch from a newsroom intranet set WORKBENCH_ALLOW_PRIVATE_HOSTS=1 (or to "
        "the intranet's addresses)."
    )


def test_loopback_is_refused_without_the_opt_in(server, monkeypatch):
    monkeypatch.delenv("WORKBENCH_ALLOW_PRIVATE_HOSTS")
    with pytest.raises(UserError, match=r"leads to 127\.0\.0\.1, a loopback address"):
        load_article(server.url("/story"))


def test_a_name_that_resolves_to_a_private_address_is_refused_after_resolution(server, monkeypatch):
    # What a hostile DNS answer does: a public-looking name that points inside the network.
    real_getaddrinfo = socket.getaddrinfo

    def intranet_dns(host, *args, **kwargs):
        if host == "news.example":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("192.168.1.20", 80))]
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", intranet_dns)
    server.redirects["/story"] = "http://news.example/internal"
    with pytest.raises(UserError, match=r"leads to news\.example \(192\.168\.1\.20\), a private"):
        load_article(server.url("/story"))


def test_the_final_url_is_kept_and_credentials_are_never_stored(server):
    address = f"http://desk:s3cret@127.0.0.1:{server.server_port}/old"
    server.redirects["/old"] = "/2026/quay-closes"
    article = load_article(address)
    assert article.origin == server.url("/old")
    assert article.final_url == server.url("/2026/quay-closes")
    assert "s3cret" not in repr(article)
    assert "We are not going to gamble with the worst case" in article.text
    assert server.authorizations[0] is not None  # the page was asked for with them


def test_a_server_that_trickles_its_headers_is_cut_off_at_the_deadline(server):
    started = time.monotonic()
    with pytest.raises(UserError) as refused:
        fetch_url(server.url("/trickle"), max_bytes=1024, timeout=0.5)
    assert str(refused.value) == (
        "127.0.0.1 did not finish answering within 4 s, the limit for the whole exchange (it "
        "sends too slowly); check your connection or try again later."
    )
    assert time.monotonic() - started < 30  # a deadline, not a speed: the trickle runs 2000 s


def test_a_redirect_without_location_is_a_sentence(server):
    server.redirects["/moved"] = None
    with pytest.raises(UserError) as refused:
        load_article(server.url("/moved"))
    assert str(refused.value) == (
        f"{server.url('/moved')} answered HTTP 302 Found without saying where to go (no "
        "Location); the site is misconfigured, so open it in a browser and use the address it "
        "ends at."
    )
