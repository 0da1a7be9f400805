"""One signed POST to a webhook endpoint, behind the fetcher's SSRF guard. No Django here.

The address is checked as the fetcher checks a page's (``articles.fetch``): every address
the host resolves to must be public (private, loopback, link-local, reserved and the cloud
metadata addresses are refused; ``allowed_networks`` opens exact ranges, loopback for the
tests), and requests-hardened's filter connects to the address it checked, so DNS
rebinding cannot swap it. Redirects are never followed: a 3xx is a failed attempt. Time is
bounded per connect and per read, and only the first bytes of the answer are read.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

import requests
from requests_hardened import Config, HTTPSession
from requests_hardened.ip_filter import InvalidIPAddress
from standardwebhooks import Webhook

from articles.fetch import LOOPBACK_NETWORKS, refused_address
from lib.urls import URLError, clean_http_url

__all__ = ["LOOPBACK_NETWORKS", "Attempt", "EndpointRefused", "check_endpoint_address"]

SNIPPET_BYTES = 200

# code -> English sentence (the admin translates by code: claims.admin_webhooks).
ERRORS: dict[str, str] = {
    "url": "the address is not usable: {detail}",
    "unresolved": "could not resolve {host}; check the address",
    "refused": "{host} resolves to a {why} address; webhooks go to public addresses only",
    "timeout": "the endpoint took longer than {seconds} s to answer",
    "connect": "could not connect to {host}",
    "redirect": "the endpoint answered HTTP {status} (a redirect, which is not followed)",
    "status": "the endpoint answered HTTP {status}",
    "request_failed": "the request failed ({detail})",
    "endpoint_off": "the endpoint is switched off",
}


class EndpointRefused(Exception):
    """An address webhooks may not go to; ``code`` and ``params`` name why (``ERRORS``)."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(ERRORS[code].format(**params))
        self.code = code
        self.params = params


@dataclass(frozen=True, slots=True)
class Attempt:
    """How one POST went: ``ok`` for a 2xx answer; otherwise ``code`` and ``params`` say
    why (``ERRORS``), and ``final`` when trying again cannot help."""

    ok: bool
    status: int | None = None
    code: str = ""
    params: dict[str, object] = field(default_factory=dict)
    snippet: str = ""
    final: bool = False

    @property
    def error(self) -> str:
        return ERRORS[self.code].format(**self.params) if self.code else ""


def check_endpoint_address(url: str, allowed_networks: tuple[str, ...] = ()) -> None:
    """Refuse (EndpointRefused) an address that is not http(s), does not resolve, or
    resolves to any address outside the public internet."""
    try:
        clean_http_url(url)
    except URLError as error:
        raise EndpointRefused("url", detail=error.reason) from None
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except ValueError:
        raise EndpointRefused("url", detail="the port is not a number") from None
    except OSError:
        raise EndpointRefused("unresolved", host=host) from None
    for info in infos:
        why = refused_address(str(info[4][0]), allowed_networks)
        if why:
            raise EndpointRefused("refused", host=host, why=why)


def signed_headers(
    secret: str | list[str], message_id: str, body: str, when: datetime
) -> dict[str, str]:
    """The Standard Webhooks headers of ``body`` signed with ``secret`` at ``when`` (UTC):
    one signature per secret, space separated (the standard's way to rotate a secret: a
    receiver accepts the message when any of them verifies)."""
    secrets = [secret] if isinstance(secret, str) else secret
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(int(when.timestamp())),
        "webhook-signature": " ".join(Webhook(s).sign(message_id, when, body) for s in secrets),
        "Content-Type": "application/json",
    }


def _opens_loopback(allowed_networks: tuple[str, ...]) -> bool:
    return any(
        refused_address(str(ipaddress.ip_network(n, strict=False)[0])) == "loopback"
        for n in allowed_networks
    )


def _snippet(response: requests.Response) -> str:
    try:
        data = next(response.iter_content(chunk_size=SNIPPET_BYTES), b"")
    except (requests.RequestException, OSError):
        return ""
    return data[:SNIPPET_BYTES].decode("utf-8", errors="replace")


def _outcome(response: requests.Response) -> Attempt:
    status, snippet = response.status_code, _snippet(response)
    if 200 <= status < 300:
        return Attempt(True, status, snippet=snippet)
    code = "redirect" if 300 <= status < 400 else "status"
    return Attempt(False, status, code, {"status": status}, snippet)


def post_signed(
    url: str,
    body: str,
    headers: dict[str, str],
    *,
    timeout: float,
    user_agent: str,
    allowed_networks: tuple[str, ...] = (),
) -> Attempt:
    """POST ``body`` to ``url`` with ``headers``; never raises for what the endpoint does."""
    host = urlsplit(url).hostname or ""
    try:
        check_endpoint_address(url, allowed_networks)
    except EndpointRefused as refused:
        final = refused.code != "unresolved"  # a name may resolve again; an address will not
        return Attempt(False, code=refused.code, params=refused.params, final=final)
    config = Config(
        ip_filter_enable=True,
        ip_filter_allow_loopback_ips=_opens_loopback(allowed_networks),
        never_redirect=True,
        default_timeout=(min(timeout, 5.0), timeout),
        user_agent_override=user_agent,
    )
    data = body.encode("utf-8")
    try:
        with HTTPSession(config) as session:
            response = session.post(
                url, data=data, headers=headers, allow_redirects=False, stream=True
            )
            with response:
                return _outcome(response)
    except InvalidIPAddress:
        params: dict[str, object] = {"host": host, "why": "private or local"}
        return Attempt(False, code="refused", params=params, final=True)
    except requests.Timeout:
        return Attempt(False, code="timeout", params={"seconds": timeout})
    except requests.ConnectionError:
        return Attempt(False, code="connect", params={"host": host})
    except requests.RequestException as error:
        return Attempt(False, code="request_failed", params={"detail": type(error).__name__})
