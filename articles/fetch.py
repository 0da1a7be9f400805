"""URL in, bytes out, behind the SSRF guard. No Django here: limits come in as arguments.

The guard is requests-hardened's IP filter: each connection resolves the host once,
refuses private, loopback, link-local, reserved, multicast and CG-NAT addresses (IPv4-mapped
IPv6 included) and connects to the address it checked, so DNS rebinding cannot swap it.
Redirects are followed here, one hop at a time, so every hop is checked for its scheme and
goes through the same filter. Time is bounded per connect, per read and in total; size is
bounded on the decompressed body.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import requests
from protego import Protego
from requests_hardened import Config, HTTPSession
from requests_hardened.ip_filter import InvalidIPAddress

from lib import reasons

ACCEPTED_TYPES = (
    "text/html",
    "application/xhtml+xml",
    "text/plain",
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
)
ROBOTS_MAX_BYTES = 512 * 1024
TRANSIENT_STATUSES = {408, 425, 429, 500, 502, 503, 504}
# Why a check of our own on top of requests-hardened: its filter (which pins the address it
# checked for the connection, so it stays the DNS-rebinding guard) knows only "allow
# loopback", misses IPv6 site-local (fec0::/10) and names no reason. This check runs first on
# every hop, names the refused range, and lets ``allowed_networks`` open exact CIDRs.
METADATA_ADDRESSES = {
    ipaddress.ip_address("169.254.169.254"),
    ipaddress.ip_address("fd00:ec2::254"),
}
LOOPBACK_NETWORKS = ("127.0.0.0/8", "::1/128")
# Public-looking ranges that still reach somewhere they should not (the list requests-hardened
# keeps privately, owned here so an upgrade cannot drop one silently). Refused as "reserved".
EXTRA_BLOCKED_NETWORKS = tuple(
    ipaddress.ip_network(net)
    for net in (
        "192.88.99.0/24",  # 6to4 relay anycast
        "100.64.0.0/10",  # CG-NAT, can route to internal workloads
        "5f00::/16",  # IPv6 segment routing
        "64:ff9b::/96",  # NAT64: IPv6 addresses of IPv4 hosts
        "64:ff9b:1::/48",  # local-use NAT64
        "2001:20::/28",  # ORCHIDv2 overlay identifiers
        "2002::/16",  # 6to4: IPv6 addresses of IPv4 hosts
        "192.0.0.0/24",  # IETF protocol assignments (old Pythons miss it)
        "3fff::/20",  # documentation (old Pythons miss it)
    )
)
_RANGES = (
    ("loopback", "is_loopback"),
    ("link-local", "is_link_local"),
    ("multicast", "is_multicast"),
    ("unspecified", "is_unspecified"),
    ("reserved", "is_reserved"),
    ("site-local", "is_site_local"),
    ("private", "is_private"),
)
_robots: dict[str, Protego | None] = {}
_last_request: dict[str, float] = {}
_lock = threading.Lock()


class FetchError(Exception):
    """A URL could not be fetched; ``reason`` says what went wrong and what to do, and
    ``code`` names it (``lib.reasons``) so the interface can say it in its language.

    ``status`` is the HTTP status the server answered with, when it answered with an error
    (None when no response came: refused, unreachable, timed out, over a limit).
    """

    def __init__(
        self,
        url: str,
        reason: str,
        *,
        transient: bool = False,
        code: str = "",
        status: int | None = None,
    ) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.transient = transient
        self.code = code
        self.status = status

    @classmethod
    def because(
        cls,
        url: str,
        code: str,
        *,
        transient: bool = False,
        status: int | None = None,
        **params: object,
    ) -> FetchError:
        if status is not None:
            params["status"] = status
        reason = reasons.reason(code, **params)
        return cls(url, reason, transient=transient, code=code, status=status)


@dataclass(frozen=True, slots=True)
class FetchResult:
    """A fetched page. ``data`` is the body as decoded from any Content-Encoding;
    ``headers`` are the final response's headers as the server sent them."""

    url: str
    final_url: str
    status: int
    content_type: str
    charset: str
    data: bytes
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Limits:
    timeout: float
    connect_timeout: float
    max_bytes: int
    user_agent: str
    deadline: float


def refused_address(address: str, allowed_networks: tuple[str, ...] = ()) -> str | None:
    """Why an IP address must not be fetched (``"private"``, ...), or None when it may be."""
    ip: ipaddress.IPv4Address | ipaddress.IPv6Address = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:10.0.0.1 reaches 10.0.0.1
    if any(ip in ipaddress.ip_network(net, strict=False) for net in allowed_networks):
        return None
    if ip in METADATA_ADDRESSES:
        return "cloud metadata"
    for name, attribute in _RANGES:
        if getattr(ip, attribute, False):
            return name
    return "reserved" if any(ip in net for net in EXTRA_BLOCKED_NETWORKS) else None


def _guard(url: str, original: str, allowed_networks: tuple[str, ...]) -> None:
    """Refuse a hop whose host resolves to any address outside the public internet."""
    parts = urlsplit(url)
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except ValueError as error:
        raise FetchError.because(original, "bad_port") from error
    except OSError as error:
        raise FetchError.because(
            original, "unresolved", transient=True, host=parts.hostname
        ) from error
    for info in infos:
        why = refused_address(str(info[4][0]), allowed_networks)
        if why:
            raise FetchError.because(original, "refused_address", host=parts.hostname, why=why)


def _session(limits: Limits, allow_loopback: bool) -> HTTPSession:
    return HTTPSession(
        Config(
            ip_filter_enable=True,
            ip_filter_allow_loopback_ips=allow_loopback,
            never_redirect=True,
            default_timeout=(limits.connect_timeout, limits.timeout),
            user_agent_override=limits.user_agent,
        )
    )


def _check_scheme(url: str, original: str) -> None:
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        code = "redirect_scheme" if url != original else "scheme"
        raise FetchError.because(original, code, scheme=parts.scheme or "relative")
    if not parts.hostname:
        raise FetchError.because(original, "no_host")


def _polite(host: str, min_delay: float) -> None:
    """Keep at least ``min_delay`` seconds between requests to one host from this process."""
    with _lock:
        wait = _last_request.get(host, 0.0) + min_delay - time.monotonic()
        _last_request[host] = time.monotonic() + max(0.0, wait)
    if wait > 0:
        time.sleep(wait)


def _open(session: HTTPSession, url: str, original: str, limits: Limits) -> requests.Response:
    remaining = limits.deadline - time.monotonic()
    if remaining <= 0:
        raise FetchError.because(original, "timeout", transient=True)
    timeout = (min(limits.connect_timeout, remaining), min(limits.timeout, remaining))
    try:
        return session.get(url, stream=True, allow_redirects=False, timeout=timeout)
    except InvalidIPAddress as error:
        host = urlsplit(url).hostname
        raise FetchError.because(original, "private_address", host=host) from error
    except requests.Timeout as error:
        raise FetchError.because(original, "timeout", transient=True) from error
    except requests.ConnectionError as error:
        host = urlsplit(url).hostname
        raise FetchError.because(
            original,
            "connect",
            transient=True,
            host=host,
        ) from error
    except requests.RequestException as error:
        raise FetchError.because(original, "request_failed", error=type(error).__name__) from error


def _status_error(response: requests.Response, original: str) -> FetchError:
    status = response.status_code
    if status in (404, 410):
        return FetchError.because(original, "not_found", status=status)
    if status in (401, 403):
        return FetchError.because(original, "forbidden", status=status)
    transient = status in TRANSIENT_STATUSES
    code = "http_retry" if transient else "http_error"
    return FetchError.because(original, code, transient=transient, status=status)


def _content_type(
    response: requests.Response, original: str, accept: tuple[str, ...]
) -> tuple[str, str]:
    header = response.headers.get("Content-Type", "")
    kind = header.split(";")[0].strip().lower()
    charset = (
        requests.utils.get_encoding_from_headers(response.headers)
        if "charset" in header.lower()
        else ""
    )
    if kind and kind not in accept:
        raise FetchError.because(original, "fetch_type", kind=kind)
    return header, charset or ""


def _cut(response: requests.Response, expired: threading.Event) -> None:
    """Shut the socket of a response that outlived its deadline, waking a blocked read."""
    expired.set()
    sock = getattr(getattr(response.raw, "connection", None), "sock", None)
    if sock is None:  # http.client keeps the socket on the response once headers are read
        reader = getattr(getattr(response.raw, "_fp", None), "fp", None)
        sock = getattr(getattr(reader, "raw", None), "_sock", None)
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def _read_body(response: requests.Response, original: str, limits: Limits) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdecimal() and int(declared) > limits.max_bytes:
        raise FetchError.because(original, "page_too_large", limit=limits.max_bytes)
    expired = threading.Event()
    # A server that drips bytes never trips the read timeout; the timer enforces the total.
    watchdog = threading.Timer(
        max(0.0, limits.deadline - time.monotonic()), _cut, (response, expired)
    )
    watchdog.start()
    try:
        return _read_chunks(response, original, limits, expired)
    finally:
        watchdog.cancel()


def _read_chunks(
    response: requests.Response, original: str, limits: Limits, expired: threading.Event
) -> bytes:
    chunks, size = [], 0
    try:
        for chunk in response.iter_content(chunk_size=65536):
            size += len(chunk)
            if size > limits.max_bytes:
                raise FetchError.because(original, "page_too_large", limit=limits.max_bytes)
            if expired.is_set() or time.monotonic() > limits.deadline:
                raise FetchError.because(original, "slow", transient=True)
            chunks.append(chunk)
    except (requests.RequestException, OSError) as error:
        if expired.is_set():
            raise FetchError.because(original, "slow", transient=True) from error
        raise FetchError.because(original, "broken", transient=True) from error
    if expired.is_set():
        raise FetchError.because(original, "slow", transient=True)
    return b"".join(chunks)


def _read_robots(session: HTTPSession, root: str, limits: Limits) -> Protego | None:
    """The host's robots.txt rules, read under the same time and size caps as a page."""
    robots_limits = Limits(
        limits.timeout, limits.connect_timeout, ROBOTS_MAX_BYTES, limits.user_agent, limits.deadline
    )
    response = _open(session, root + "/robots.txt", root, robots_limits)
    with response:
        if response.status_code != 200:
            return None  # missing (or redirected) robots.txt: nothing forbids the page
        body = _read_body(response, root, robots_limits)
    return Protego.parse(body.decode("utf-8", errors="replace"))


def _robots_allows(session: HTTPSession, url: str, limits: Limits) -> bool:
    parts = urlsplit(url)
    root = f"{parts.scheme}://{parts.netloc}"
    with _lock:
        known = root in _robots
        rules = _robots.get(root)
    if not known:
        rules = None
        try:
            rules = _read_robots(session, root, limits)
        except FetchError:
            rules = None  # no robots.txt we can read: nothing forbids the page
        with _lock:
            _robots[root] = rules
    return rules is None or rules.can_fetch(url, limits.user_agent)


def fetch(
    url: str,
    *,
    timeout: float = 20.0,
    connect_timeout: float = 5.0,
    max_bytes: int = 10 * 1024 * 1024,
    user_agent: str,
    max_redirects: int = 5,
    accept: tuple[str, ...] = ACCEPTED_TYPES,
    respect_robots: bool = True,
    allowed_networks: tuple[str, ...] = (),
    min_delay: float = 1.0,
    allow_loopback: bool = False,
) -> FetchResult:
    """Fetch a public http(s) URL, refusing what the SSRF guard and the limits refuse.

    ``allow_loopback`` is the older spelling of ``allowed_networks=LOOPBACK_NETWORKS``.
    """
    if allow_loopback:
        allowed_networks = allowed_networks + LOOPBACK_NETWORKS
    limits = Limits(timeout, connect_timeout, max_bytes, user_agent, time.monotonic() + timeout)
    current = url.strip()
    opens_loopback = any(
        refused_address(str(ipaddress.ip_network(n, strict=False)[0])) == "loopback"
        for n in allowed_networks
    )
    with _session(limits, opens_loopback) as session:
        for _hop in range(max_redirects + 1):
            _check_scheme(current, url)
            _guard(current, url, allowed_networks)
            if respect_robots and not _robots_allows(session, current, limits):
                raise FetchError.because(url, "robots")
            _polite(urlsplit(current).hostname or "", min_delay)
            response = _open(session, current, url, limits)
            with response:
                if response.is_redirect:
                    current = urljoin(current, response.headers.get("Location", ""))
                    continue
                if response.status_code >= 400:
                    raise _status_error(response, url)
                content_type, charset = _content_type(response, url, accept)
                data = _read_body(response, url, limits)
                headers = tuple(response.headers.items())
                return FetchResult(
                    url, current, response.status_code, content_type, charset, data, headers
                )
    raise FetchError.because(url, "redirects", limit=max_redirects)
