"""Which addresses the crawler may talk to: public http(s) hosts only, unless explicitly allowed.

A feed is untrusted input: an entry link or a redirect could point the crawler at the machine it runs on or at
the private network behind it. Every request is checked on its scheme and on the address its host resolves to;
the allow-list (INCIDENTS_ALLOW_HOSTS, comma-separated host names, addresses or networks) opens exceptions such as
127.0.0.1 for the tests and the demo.
"""
from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

ALLOW_ENV = "INCIDENTS_ALLOW_HOSTS"
ALLOWED_SCHEMES = frozenset({"http", "https"})


def _parse_allow(entries: Iterable[str]) -> tuple[frozenset[str], tuple]:
    names, networks = set(), []
    for raw in entries:
        entry = raw.strip().lower()
        if not entry:
            continue
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            names.add(entry.rstrip("."))
    return frozenset(names), tuple(networks)


def allow_list_from_env() -> list[str]:
    return [h for h in os.environ.get(ALLOW_ENV, "").split(",") if h.strip()]


def refusal_for_address(address: str) -> str | None:
    """Why this IP address is not a public one (None if it is)."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return f"unparseable address {address!r}"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    for attr, label in (("is_loopback", "loopback"), ("is_link_local", "link-local"), ("is_private", "private"),
                        ("is_multicast", "multicast"), ("is_reserved", "reserved"),
                        ("is_unspecified", "unspecified")):
        if getattr(ip, attr):
            return f"{ip} is a {label} address"
    if not ip.is_global:
        return f"{ip} is not a public address"
    return None


@dataclass(frozen=True)
class AddressPolicy:
    """Allow-list plus the checks; resolve() is injectable so tests need no DNS."""

    allow_names: frozenset[str] = frozenset()
    allow_networks: tuple = ()

    @classmethod
    def from_list(cls, entries: Iterable[str] | None = None) -> AddressPolicy:
        names, networks = _parse_allow(entries if entries is not None else allow_list_from_env())
        return cls(names, networks)

    def address_allowed(self, address: str) -> bool:
        try:
            ip = ipaddress.ip_address(address.split("%", 1)[0])
        except ValueError:
            return False
        return any(ip in net for net in self.allow_networks)

    def check_scheme(self, url: str) -> str | None:
        """A reason to refuse the URL before any lookup, or None."""
        try:
            parts = urlsplit(url)
            host = parts.hostname
        except ValueError:
            return "malformed URL"
        if parts.scheme.lower() not in ALLOWED_SCHEMES:
            return f"scheme {parts.scheme or '(none)'!r} is not http(s)"
        if not host:
            return "URL has no host"
        return None

    def check_addresses(self, host: str, addresses: Iterable[str]) -> str | None:
        """A reason to refuse a host that resolved to these addresses, or None when all are acceptable."""
        host = host.lower().rstrip(".")
        if host in self.allow_names:
            return None
        addresses = list(addresses)
        if not addresses:
            return f"{host} did not resolve"
        for address in addresses:
            if self.address_allowed(address):
                continue
            reason = refusal_for_address(address)
            if reason:
                return reason if host.strip("[]") == address else f"{host} resolves to {reason}"
        return None

    def check_url(self, url: str, resolve=None) -> str | None:
        """Full check: scheme, then every address the host resolves to. None means the URL may be requested."""
        reason = self.check_scheme(url)
        if reason:
            return reason
        host = urlsplit(url).hostname.lower()
        if host in self.allow_names:
            return None
        return self.check_addresses(host, (resolve or resolve_host)(host))


def resolve_host(host: str) -> list[str]:
    """Every address the host resolves to (an IP literal resolves to itself)."""
    try:
        ipaddress.ip_address(host.strip("[]"))
        return [host.strip("[]")]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        return []
    return sorted({info[4][0] for info in infos})
