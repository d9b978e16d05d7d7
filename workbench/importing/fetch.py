"""Fetch a web page or document over http(s) with timeouts, a size cap and a redirect limit."""

from __future__ import annotations

import socket
import ssl
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from workbench import __version__
from workbench.errors import UserError
from workbench.importing.network_guard import (
    ConnectionRefused,
    GuardedBackend,
    NameNotFound,
    allowed_private_networks,
)
from workbench.importing.sizes import describe_size

# What an article or a primary source can be. application/octet-stream is here because many
# servers send PDFs and Word files that way; the content itself is checked after download.
ARTICLE_MEDIA_TYPES = (
    "text/html",
    "application/xhtml+xml",
    "text/plain",
    "text/markdown",
    "text/x-markdown",
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "multipart/related",
    "application/octet-stream",
)

WEB_SCHEMES = ("http", "https")
UNSAFE_HOST_CHARACTERS = frozenset('<>"{}|\\^`')

# The whole exchange (connecting, every redirect, headers and body) has one deadline: this many
# times the per-read timeout, but never more than MAX_EXCHANGE_SECONDS. A server that trickles a
# byte every few seconds never trips the read timeout, yet must not hold us for long.
TOTAL_TIME_FACTOR = 8
MAX_EXCHANGE_SECONDS = 25.0


@dataclass(frozen=True)
class FetchedResource:
    """What a server returned for a URL, exactly as received (after content decoding)."""

    url: str
    final_url: str
    status: int
    content_type: str  # media type without parameters, lower case; "" when not sent
    charset: str | None
    data: bytes = field(repr=False)
    fetched_at: str  # UTC, ISO 8601
    headers: dict[str, str] = field(default_factory=dict, repr=False)


def fetch_url(
    url: str,
    *,
    max_bytes: int,
    timeout: float = 15.0,
    max_redirects: int = 5,
    accept_types: tuple[str, ...] = ARTICLE_MEDIA_TYPES,
    allow_private_hosts: str | None = None,
) -> FetchedResource:
    """GET url, following at most max_redirects redirects; any failure is one UserError sentence.

    Only public addresses are fetched, checked after DNS resolution and at every redirect, unless
    ``allow_private_hosts`` (default: the WORKBENCH_ALLOW_PRIVATE_HOSTS setting) opts in. The
    result's ``url`` and ``final_url`` carry no user name or password.
    """
    require_web_address(url)
    shown = strip_credentials(url)
    allowed = allowed_private_networks(allow_private_hosts)
    exchange_seconds = max(timeout, min(timeout * TOTAL_TIME_FACTOR, MAX_EXCHANGE_SECONDS))
    deadline = time.monotonic() + exchange_seconds
    limits = httpx.Timeout(timeout, connect=min(timeout, 10.0))
    headers = {
        "User-Agent": f"factcheck-workbench/{__version__}",
        "Accept": ", ".join((*accept_types, "*/*;q=0.1")),
    }
    transport = httpx.HTTPTransport()
    # Every connection, redirects included, is opened by the guard: checked addresses only, and
    # each read bounded by the exchange's deadline (headers included).
    transport._pool._network_backend = GuardedBackend(
        allowed=allowed, deadline=deadline, shown=shown
    )
    visited = {url}
    current = url
    try:
        with httpx.Client(
            timeout=limits,
            headers=headers,
            follow_redirects=False,
            transport=transport,
            trust_env=False,  # a proxy would hide where the request really goes
        ) as client:
            for _ in range(max_redirects + 1):
                with client.stream("GET", current) as response:
                    if response.is_redirect or (
                        300 <= response.status_code < 400 and response.status_code != 304
                    ):
                        current = _next_hop(shown, response, visited)
                        continue
                    _check_status(shown, response)
                    content_type, charset = _check_content_type(shown, response, accept_types)
                    data = _read_capped(shown, response, max_bytes=max_bytes, deadline=deadline)
                    return FetchedResource(
                        url=shown,
                        final_url=strip_credentials(str(response.url)),
                        status=response.status_code,
                        content_type=content_type,
                        charset=charset,
                        data=data,
                        fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
                        headers=dict(response.headers),
                    )
    except (httpx.HTTPError, httpx.InvalidURL) as error:
        overran = time.monotonic() >= deadline
        raise _transport_error(shown, error, timeout, exchange_seconds, overran=overran) from error
    raise UserError(
        f"{shown} redirected more than {max_redirects} times; open it in a browser and use the address it ends at."
    )


def strip_credentials(url: str) -> str:
    """The URL without a user name or password ("https://user:pass@host/" → "https://host/")."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if "@" not in parts.netloc:
        return url
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))


def require_web_address(url: str) -> None:
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:
        raise UserError(f"{url} is not a valid web address; check it for typos.") from None
    if parts.scheme.lower() not in WEB_SCHEMES:
        raise UserError(
            f"{url} is not a web address; only http:// and https:// addresses can be fetched."
        )
    if not parts.hostname:
        raise UserError(f"{url} has no host name; check the address.")
    # httpx would hand such a name to the resolver and report a confusing lookup failure.
    if any(char.isspace() or char in UNSAFE_HOST_CHARACTERS for char in parts.hostname):
        raise UserError(f"{url} is not a valid web address; check it for typos.")


def _next_hop(url: str, response: httpx.Response, visited: set[str]) -> str:
    location = response.headers.get("location", "").strip()
    status = f"{response.status_code} {response.reason_phrase}".strip()
    if not location:
        raise UserError(
            f"{url} answered HTTP {status} without saying where to go (no Location); "
            "the site is misconfigured, so open it in a browser and use the address it ends at."
        )
    try:
        target = urljoin(str(response.url), location)
    except ValueError:
        raise UserError(
            f"{url} redirects to an address that is not valid ({location[:80]}); "
            "open it in a browser and use the address it ends at."
        ) from None
    require_web_address(target)
    if target in visited:
        raise UserError(
            f"{url} redirects in a loop; the site is misconfigured, so try again later."
        )
    visited.add(target)
    return target


def _check_status(url: str, response: httpx.Response) -> None:
    status = response.status_code
    if status < 400:
        return
    reason = f"{status} {response.reason_phrase}".strip()
    if status < 500:
        raise UserError(
            f"{url} answered HTTP {reason}; check the address, or whether the page needs a login."
        )
    raise UserError(f"{url} answered HTTP {reason}: the server failed, so try again later.")


def _check_content_type(
    url: str, response: httpx.Response, accept_types: tuple[str, ...]
) -> tuple[str, str | None]:
    media_type, _, parameters = response.headers.get("content-type", "").partition(";")
    media_type = media_type.strip().lower()
    # Without a Content-Type the bytes themselves decide what the document is.
    if media_type and media_type not in accept_types:
        raise UserError(
            f"{url} is {media_type}, not an article or document; "
            "give the address of the web page, PDF or Word file itself."
        )
    charset = None
    for parameter in parameters.split(";"):
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return media_type, charset


def _read_capped(url: str, response: httpx.Response, *, max_bytes: int, deadline: float) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise _too_large(url, max_bytes)
    chunks: list[bytes] = []
    received = 0
    for chunk in response.iter_bytes():
        received += len(chunk)
        if received > max_bytes:
            raise _too_large(url, max_bytes)
        if time.monotonic() > deadline:
            raise httpx.ReadTimeout("the transfer took too long", request=response.request)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(url: str, max_bytes: int) -> UserError:
    return UserError(
        f"{url} is larger than the {describe_size(max_bytes)} limit; "
        "save the article text to a file and import that instead."
    )


def _transport_error(
    url: str, error: Exception, timeout: float, exchange_seconds: float, *, overran: bool
) -> UserError:
    host = urlsplit(url).hostname or url
    if isinstance(error, httpx.TimeoutException) and overran:
        return UserError(
            f"{host} did not finish answering within {exchange_seconds:g} s, the limit for the "
            "whole exchange (it sends too slowly); check your connection or try again later."
        )
    if isinstance(error, httpx.TimeoutException):
        return UserError(
            f"{host} did not answer in time (timeout {timeout:g} s); "
            "check your connection or try again later."
        )
    causes = _causes(error)
    if any(isinstance(cause, socket.gaierror | NameNotFound) for cause in causes):
        return UserError(
            f"Cannot find the server {host}; check the address for typos and your connection."
        )
    if any(isinstance(cause, ConnectionRefusedError | ConnectionRefused) for cause in causes):
        return UserError(
            f"{host} refused the connection; check the address and port, or try again later."
        )
    if any(isinstance(cause, ssl.SSLError) for cause in causes):
        return UserError(
            f"The secure connection to {host} failed; the site's certificate may be invalid."
        )
    if isinstance(error, httpx.ConnectError):
        return UserError(f"Cannot connect to {host}; check the address and your connection.")
    if isinstance(error, httpx.InvalidURL | httpx.UnsupportedProtocol):
        return UserError(f"{url} is not a valid web address; check it for typos.")
    detail = " ".join(str(error).split()) or type(error).__name__
    return UserError(f"Fetching {url} failed ({detail}); try again later.")


def _causes(error: BaseException) -> list[BaseException]:
    chain = []
    current: BaseException | None = error
    while current is not None and len(chain) < 10:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain
