"""Web addresses that people give (a form, the API, a command): one strict check. No Django.

A value holding a control character or whitespace anywhere is refused, never cleaned:
Python's ``urlsplit`` silently drops tabs, line breaks and leading control characters, so
``"ht\\ttp://host/x"`` would pass one check as a URL while the next reads it as something
else. What is checked here is exactly what the caller goes on to use.
"""

from __future__ import annotations

import ipaddress
import unicodedata
from functools import cache
from typing import Any
from urllib.parse import urlsplit

SCHEMES = ("http", "https")
# Unicode categories refused anywhere in an address: controls, invisible formatting
# characters (bidi overrides, zero-width spaces), lone surrogates and every kind of space.
REFUSED_CATEGORIES = {"Cc", "Cf", "Cs", "Zs", "Zl", "Zp"}
NAMED = {" ": "a space", "\t": "a tab", "\n": "a line break", "\r": "a line break"}


class URLError(ValueError):
    """A value that is not a usable http(s) address.

    ``reason`` says why, in English, for the user; ``code`` names the rule broken, for
    callers that word it themselves: ``empty``, ``characters`` (a control character or
    whitespace), ``unreadable`` (urlsplit cannot split it, or a bad port), ``scheme``
    (not http or https) or ``host`` (none).
    """

    def __init__(self, reason: str, *, code: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code


def _refused_character(value: str) -> str | None:
    """What the first forbidden character is and where, or None when there is none."""
    for index, char in enumerate(value):
        if char.isspace() or unicodedata.category(char) in REFUSED_CATEGORIES:
            what = NAMED.get(char) or f"an invisible or control character (U+{ord(char):04X})"
            return f"{what} at character {index + 1}"
    return None


def clean_http_url(value: str) -> str:
    """``value`` when it is a plain http(s) address with a host; URLError otherwise.

    Refused: any control character, invisible formatting character or whitespace
    anywhere (nothing is stripped), a scheme other than http or https, no host, an
    address that cannot be split (``http://[::1``) or an unreadable port.
    """
    if not value:
        raise URLError("the address is empty", code="empty")
    refused = _refused_character(value)
    if refused:
        raise URLError(
            f"the address contains {refused}; addresses hold no spaces or controls",
            code="characters",
        )
    try:
        parts = urlsplit(value)
        host, _port = parts.hostname, parts.port
    except ValueError as error:
        raise URLError(
            f"the address cannot be read ({error}); check it", code="unreadable"
        ) from None
    if parts.scheme.lower() not in SCHEMES:
        raise URLError("only http:// and https:// addresses can be used", code="scheme")
    if not host:
        raise URLError("the address has no host name; check it", code="host")
    return value


def is_http_url(value: str) -> bool:
    """True when :func:`clean_http_url` accepts ``value``."""
    try:
        clean_http_url(value)
    except URLError:
        return False
    return True


def looks_like_url(value: str) -> bool:
    """True for a value written as an address (it holds ``://``), not as a file path.

    Only the command line, which also takes file paths, needs to tell the two apart; the
    address is then checked by :func:`clean_http_url`, so ``ftp://x`` or ``ht\ttp://x``
    is refused as an address rather than looked for as a file.
    """
    return "://" in value


@cache
def _suffix_list() -> Any:
    """The Public Suffix List bundled with ``publicsuffixlist`` (read once, never fetched):
    its ICANN and private sections, so ``a.github.io`` and ``b.github.io`` are two sites."""
    from publicsuffixlist import PublicSuffixList

    return PublicSuffixList()


def registrable_domain(url: str) -> str:
    """The registrable domain of an http(s) address ("news.bbc.co.uk" -> "bbc.co.uk").

    Lower-cased; for a host that is an IP address, ``localhost`` or a public suffix itself
    (``co.uk``, ``github.io``), the host as it stands, so only that exact host matches it.
    Empty for a value that is not an http(s) address.
    """
    if not is_http_url(url):
        return ""
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        pass
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        pass
    found = _suffix_list().privatesuffix(host) if host else None
    return str(found or host)


def same_registrable_domain(a: str, b: str) -> bool:
    """True when two http(s) addresses lie on one registrable domain (one site's pages)."""
    domain = registrable_domain(a)
    return bool(domain) and domain == registrable_domain(b)
