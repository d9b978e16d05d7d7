"""Keep URL fetching on the public internet, and inside one deadline, at the socket itself.

Every connection the fetcher opens (the first request and every redirect) goes through
``GuardedBackend``: the host name is resolved here, each address is checked, and the socket is
connected to a checked address, so a name that resolves (or re-resolves) to a private, loopback,
link-local or multicast address is refused. Every read is bounded by what is left of the
exchange's one deadline, so a server that trickles its headers a byte at a time is cut off too.

Newsroom intranets opt in with ``WORKBENCH_ALLOW_PRIVATE_HOSTS``: ``1`` (or ``all``) allows every
private address, or a comma-separated list of addresses and networks (``10.20.0.0/16,
192.168.5.7``) allows only those.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import time
from collections.abc import Iterable

import httpcore
from httpcore._backends.sync import SyncBackend, SyncStream

from workbench.errors import UserError

ALLOW_PRIVATE_HOSTS = "WORKBENCH_ALLOW_PRIVATE_HOSTS"
Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class PrivateAddressRefused(UserError):
    """A URL (or a redirect) leads to an address that is not on the public internet."""


def allowed_private_networks(setting: str | None = None) -> list[Network] | None:
    """The private networks the user opted into; [] for none, None for every one."""
    value = (os.environ.get(ALLOW_PRIVATE_HOSTS, "") if setting is None else setting).strip()
    if value.lower() in ("1", "yes", "true", "all", "*"):
        return None
    networks = []
    for item in value.split(","):
        item = item.strip()
        if not item:
            continue
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise UserError(
                f"{ALLOW_PRIVATE_HOSTS}={value!r} is not a list of addresses or networks; "
                "set it to 1, or to addresses such as 10.20.0.0/16,192.168.5.7."
            ) from None
    return networks


def is_public(address: Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def describe_address(address: Address) -> str:
    if address.is_loopback:
        return "a loopback address"
    if address.is_link_local:
        return "a link-local address"
    if address.is_multicast:
        return "a multicast address"
    if address.is_unspecified:
        return "an unspecified address"
    return "a private network address"


def check_address(
    host: str, address: Address, allowed: list[Network] | None, *, shown: str
) -> None:
    if is_public(address) or allowed is None:
        return
    if any(address in network for network in allowed if network.version == address.version):
        return
    literal = host.strip("[]")
    try:
        written_as_address = ipaddress.ip_address(literal) == address
    except ValueError:
        written_as_address = False
    target = literal if written_as_address else f"{host} ({address})"
    raise PrivateAddressRefused(
        f"{shown} leads to {target}, {describe_address(address)}, not the public internet, so it "
        f"was not fetched; to fetch from a newsroom intranet set {ALLOW_PRIVATE_HOSTS}=1 "
        "(or to the intranet's addresses)."
    )


def resolve_checked(
    host: str, port: int, allowed: list[Network] | None, *, shown: str
) -> list[tuple[int, str]]:
    """(family, address) pairs for ``host``, every one of them checked; literals are not looked up."""
    literal = host.strip("[]")
    try:
        address = ipaddress.ip_address(literal)
    except ValueError:
        address = None
    if address is not None:
        check_address(host, address, allowed, shown=shown)
        family = socket.AF_INET6 if address.version == 6 else socket.AF_INET
        return [(family, literal)]
    found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    pairs = []
    for family, _, _, _, sockaddr in found:
        resolved = ipaddress.ip_address(sockaddr[0].split("%")[0])
        check_address(host, resolved, allowed, shown=shown)
        pairs.append((family, sockaddr[0]))
    return pairs


class NameNotFound(httpcore.ConnectError):
    """The host name does not resolve (httpcore drops the socket error it came from)."""


class ConnectionRefused(httpcore.ConnectError):
    """Every address of the host refused the connection."""


class DeadlineStream(SyncStream):
    """A connection whose every read and write waits at most until the exchange's deadline."""

    def __init__(self, sock: socket.socket, deadline: float) -> None:
        super().__init__(sock)
        self._deadline = deadline

    def _bounded(self, timeout: float | None) -> float:
        remaining = self._deadline - time.monotonic()
        if remaining <= 0:
            raise httpcore.ReadTimeout("the exchange took longer than its deadline")
        return remaining if timeout is None else min(timeout, remaining)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return super().read(max_bytes, self._bounded(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        super().write(buffer, self._bounded(timeout))

    def start_tls(self, ssl_context, server_hostname=None, timeout=None):
        stream = super().start_tls(ssl_context, server_hostname, self._bounded(timeout))
        if type(stream) is SyncStream:
            return DeadlineStream(stream._sock, self._deadline)
        return stream


class GuardedBackend(SyncBackend):
    """httpcore's blocking backend, connecting only to checked addresses, within a deadline."""

    def __init__(self, *, allowed: list[Network] | None, deadline: float, shown: str) -> None:
        self._allowed = allowed
        self._deadline = deadline
        self._shown = shown

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable | None = None,
    ):
        try:
            addresses = resolve_checked(host, port, self._allowed, shown=self._shown)
        except socket.gaierror as error:
            raise NameNotFound(str(error)) from error
        last_error: OSError | None = None
        for _family, address in addresses:
            remaining = self._deadline - time.monotonic()
            if remaining <= 0:
                raise httpcore.ConnectTimeout("the exchange took longer than its deadline")
            limit = remaining if timeout is None else min(timeout, remaining)
            try:
                sock = socket.create_connection((address, port), limit)
            except TimeoutError as error:
                raise httpcore.ConnectTimeout(str(error)) from error
            except OSError as error:
                last_error = error
                continue
            for option in socket_options or ():
                sock.setsockopt(*option)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            return DeadlineStream(sock, self._deadline)
        if isinstance(last_error, ConnectionRefusedError):
            raise ConnectionRefused(str(last_error)) from last_error
        raise httpcore.ConnectError(str(last_error or "no address to connect to")) from last_error
