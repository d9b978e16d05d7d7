"""Fetching articles over HTTP from a real server on 127.0.0.1: every way a fetch can go wrong."""

from __future__ import annotations

import socket
import time

import pytest
from importing_samples import PARAGRAPHS, SAVED_NEWS_PAGE, make_pdf
from web_server import Page

from workbench.errors import UserError
from workbench.importing import load_article
from workbench.importing.fetch import FetchedResource, fetch_url

HTML_HEADERS = {"Content-Type": "text/html; charset=utf-8"}


def test_html_page_is_fetched_and_extracted(web_server):
    web_server.pages["/news/flood-barrier"] = Page(
        body=SAVED_NEWS_PAGE.read_bytes(), headers=HTML_HEADERS
    )
    url = web_server.url("/news/flood-barrier")

    article = load_article(url)

    assert article.origin == url
    assert article.title == "Flood barrier vote splits Eastholm council"
    assert article.outlet == "The Riverside Ledger"
    assert "“We cannot keep sandbagging the high street" in article.text
    assert "Related stories" not in article.text
    assert article.raw == SAVED_NEWS_PAGE.read_bytes()


def test_fetched_resource_records_what_the_server_sent(web_server):
    web_server.pages["/page"] = Page(
        body=b"Plain words.", headers={"Content-Type": "text/plain; charset=ISO-8859-1"}
    )

    resource = fetch_url(web_server.url("/page"), max_bytes=1000)

    assert isinstance(resource, FetchedResource)
    assert resource.status == 200
    assert resource.content_type == "text/plain"
    assert resource.charset == "ISO-8859-1"
    assert resource.data == b"Plain words."
    assert resource.final_url == resource.url
    assert resource.fetched_at.endswith("+00:00")
    assert resource.headers["content-length"] == "12"


def test_charset_from_the_http_header_is_used(web_server):
    body = b"\x93Ready,\x94 said Oskar Lind."
    web_server.pages["/quote.txt"] = Page(
        body=body, headers={"Content-Type": "text/plain; charset=windows-1252"}
    )
    assert load_article(web_server.url("/quote.txt")).text == "“Ready,” said Oskar Lind."


def test_pdf_is_fetched_and_read(web_server):
    web_server.pages["/files/report"] = Page(
        body=make_pdf([PARAGRAPHS]), headers={"Content-Type": "application/pdf"}
    )
    article = load_article(web_server.url("/files/report"))
    assert article.media_type == "application/pdf"
    assert article.text.startswith("Eastholm’s council")


def test_redirect_chain_is_followed(web_server):
    for hop in range(3):
        web_server.pages[f"/old/{hop}"] = Page(status=301, headers={"Location": f"/old/{hop + 1}"})
    web_server.pages["/old/3"] = Page(
        status=302, headers={"Location": web_server.url("/final.txt")}
    )
    web_server.pages["/final.txt"] = Page(body=b"Arrived.", headers={"Content-Type": "text/plain"})

    resource = fetch_url(web_server.url("/old/0"), max_bytes=1000)

    assert resource.final_url == web_server.url("/final.txt")
    assert resource.data == b"Arrived."


def test_too_many_redirects_are_refused(web_server):
    for hop in range(10):
        web_server.pages[f"/hop/{hop}"] = Page(status=302, headers={"Location": f"/hop/{hop + 1}"})
    with pytest.raises(UserError, match="redirected more than 5 times"):
        load_article(web_server.url("/hop/0"))
    assert len(web_server.requests) == 6


def test_redirect_loop_is_refused(web_server):
    web_server.pages["/a"] = Page(status=302, headers={"Location": "/b"})
    web_server.pages["/b"] = Page(status=302, headers={"Location": "/a"})
    with pytest.raises(UserError, match="redirects in a loop"):
        load_article(web_server.url("/a"))


def test_redirect_to_another_scheme_is_refused(web_server):
    web_server.pages["/away"] = Page(status=302, headers={"Location": "ftp://127.0.0.1/file.txt"})
    with pytest.raises(UserError, match="only http:// and https://"):
        load_article(web_server.url("/away"))


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (404, "answered HTTP 404 Not Found; check the address"),
        (500, "HTTP 500 Internal Server Error: the server failed"),
    ],
)
def test_http_errors_say_the_status(web_server, status, words):
    web_server.pages["/page"] = Page(b"error page", status=status, headers=HTML_HEADERS)
    with pytest.raises(UserError) as caught:
        load_article(web_server.url("/page"))
    assert words in str(caught.value)


def test_slow_server_times_out(web_server):
    started = time.monotonic()
    with pytest.raises(UserError, match=r"did not answer in time \(timeout 0.3 s\)"):
        fetch_url(web_server.url("/slow"), max_bytes=1000, timeout=0.3)
    assert time.monotonic() - started < 3


def test_oversized_body_with_content_length_is_refused_before_reading(web_server):
    web_server.pages["/big.txt"] = Page(body=b"x" * 50_000, headers={"Content-Type": "text/plain"})
    with pytest.raises(UserError, match=r"larger than the 9\.77 KB limit"):
        load_article(web_server.url("/big.txt"), max_bytes=10_000)


def test_oversized_body_without_content_length_is_cut_off(web_server):
    web_server.pages["/big.txt"] = Page(
        body=b"x" * 50_000, headers={"Content-Type": "text/plain"}, send_length=False
    )
    with pytest.raises(UserError, match="larger than the"):
        fetch_url(web_server.url("/big.txt"), max_bytes=10_000)


def test_endless_body_is_abandoned_as_soon_as_the_cap_is_passed(web_server):
    started = time.monotonic()
    with pytest.raises(UserError, match="larger than the 1 MB limit"):
        fetch_url(web_server.url("/endless"), max_bytes=1024 * 1024)
    assert time.monotonic() - started < 5


def test_body_within_the_cap_and_without_content_length_is_read_whole(web_server):
    web_server.pages["/ok.txt"] = Page(
        body=b"y" * 5000, headers={"Content-Type": "text/plain"}, send_length=False
    )
    assert fetch_url(web_server.url("/ok.txt"), max_bytes=5000).data == b"y" * 5000


@pytest.mark.parametrize("media_type", ["image/png", "video/mp4", "application/zip"])
def test_refused_content_types(web_server, media_type):
    web_server.pages["/thing"] = Page(
        body=b"\x89PNG\r\n\x1a\n", headers={"Content-Type": media_type}
    )
    with pytest.raises(UserError, match=f"is {media_type}, not an article"):
        load_article(web_server.url("/thing"))


def test_image_sent_as_octet_stream_is_still_refused_by_its_content(web_server):
    body = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
    web_server.pages["/download"] = Page(
        body=body, headers={"Content-Type": "application/octet-stream"}
    )
    with pytest.raises(UserError, match="is a PNG image, not an article"):
        load_article(web_server.url("/download"))


def test_connection_refused():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # Nothing listens on the port now that the probe is closed.
    with pytest.raises(UserError, match="refused the connection"):
        load_article(f"http://127.0.0.1:{port}/article")


def test_unknown_host_is_a_user_error(monkeypatch):
    # The resolver is replaced, so the test asks no DNS server anything.
    def no_such_host(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    with pytest.raises(UserError, match=r"Cannot find the server no-such-outlet\.example"):
        load_article("https://no-such-outlet.example/story")


@pytest.mark.parametrize(
    "address", ["http://", "http://127.0.0.1:99999/x", "https://exa mple.example/"]
)
def test_malformed_web_addresses_are_user_errors(address):
    with pytest.raises(UserError, match=r"no host name|not a valid web address"):
        load_article(address)
