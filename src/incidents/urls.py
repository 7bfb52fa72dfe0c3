"""Canonical article URLs: one spelling per story, so a link seen twice is recognised before it is fetched.

Tracking parameters (utm_*, fbclid, ...) and fragments are dropped, the scheme and host are lower-cased, default
ports removed and the remaining query kept in its original order (some sites route on parameter order).
"""
from __future__ import annotations

from urllib.parse import parse_qsl, quote, urlencode, urljoin, urlsplit, urlunsplit

HTTP_SCHEMES = frozenset({"http", "https"})

# Parameters that identify a campaign or a click, never the page itself. Kept conservative: a wrongly stripped
# parameter would merge two different pages.
TRACKING_PREFIXES = ("utm_", "mtm_", "pk_", "at_", "ga_", "oly_")
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "msclkid", "yclid", "mc_cid", "mc_eid", "igshid", "_hsenc", "_hsmi", "mkt_tok",
    "ocid", "cmpid", "xtor", "ns_source", "ns_mchannel", "ns_campaign", "ns_linkname", "ns_fee", "wt_mc",
    "ito", "ref_src", "smid", "sr_share", "s_cid",
})
_DEFAULT_PORTS = {"http": 80, "https": 443}


def is_http_url(url: str | None) -> bool:
    if not url:
        return False
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in HTTP_SCHEMES and bool(parts.hostname)


def _is_tracking(name: str) -> bool:
    lower = name.lower()
    return lower in TRACKING_PARAMS or lower.startswith(TRACKING_PREFIXES)


def canonicalize(url: str, base: str | None = None) -> str | None:
    """The canonical spelling of an http(s) URL (resolved against `base` if relative); None for anything else."""
    if not url:
        return None
    url = url.strip()
    if base:
        try:
            url = urljoin(base, url)
        except ValueError:
            return None
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:  # a malformed port or IPv6 literal
        return None
    scheme = parts.scheme.lower()
    if scheme not in HTTP_SCHEMES or not parts.hostname:
        return None
    host = parts.hostname.lower().rstrip(".")
    if any(ord(c) < 33 or ord(c) == 127 for c in host):
        return None
    if ":" in host:  # IPv6 literal keeps its brackets
        host = f"[{host}]"
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)])
    # control characters and spaces in a scraped link are percent-encoded; existing escapes are kept as they are
    path = quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~")
    return urlunsplit((scheme, netloc, path, query, ""))


def host_of(url: str) -> str | None:
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.lower() if host else None
