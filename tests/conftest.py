"""What every test shares: the corpus, a guard that keeps the suite off the network, fresh
caches, and the fixtures for the named team (tests/factories.py builds the users)."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.factories import make_article, make_claim, make_claims, make_team, token_client

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
SEED_PAGE = CORPUS / "newspim-2020-10-08-wto-page.txt"


def corpus_path(*parts: str) -> Path:
    """A file of the shared corpus; a missing corpus fails the test rather than skipping it."""
    path = CORPUS.joinpath(*parts)
    if not path.exists():
        pytest.fail(f"shared corpus file missing: {path} (clone ../shared beside the project)")
    return path


# The network guard -------------------------------------------------------------------------

LOCAL_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})
# The socket functions as they were before the guard; the guard calls them once a host passes.
REAL: dict[str, Callable[..., Any]] = {
    "connect": socket.socket.connect,
    "connect_ex": socket.socket.connect_ex,
    "create_connection": socket.create_connection,
    "getaddrinfo": socket.getaddrinfo,
}


class NetworkRefused(RuntimeError):
    """A test tried to reach a host off this machine."""


def _host(host: Any) -> str:
    return host.decode(errors="replace") if isinstance(host, bytes) else str(host)


def is_local_host(host: Any) -> bool:
    """127.0.0.1, ::1 (also as ::ffff:127.0.0.1) or localhost."""
    name = _host(host).lower()
    if name in LOCAL_HOSTS:
        return True
    try:
        ip = ipaddress.ip_address(name.split("%", 1)[0])
    except ValueError:
        return False
    mapped = ip.ipv4_mapped if isinstance(ip, ipaddress.IPv6Address) else None
    return str(mapped or ip) in LOCAL_HOSTS


def _is_ip_literal(host: Any) -> bool:
    try:
        ipaddress.ip_address(_host(host).split("%", 1)[0])
    except ValueError:
        return False
    return True


def _check(family: int, address: Any) -> None:
    # Unix sockets (and any other non-IP family) stay on this machine.
    if family in (socket.AF_INET, socket.AF_INET6) and not is_local_host(address[0]):
        raise NetworkRefused(f"tests may not connect to {address!r}: only to 127.0.0.1 or ::1")


def _connect(self: socket.socket, address: Any) -> None:
    _check(self.family, address)
    return REAL["connect"](self, address)


def _connect_ex(self: socket.socket, address: Any) -> int:
    _check(self.family, address)
    return REAL["connect_ex"](self, address)


def _create_connection(address: Any, *args: Any, **kwargs: Any) -> socket.socket:
    _check(socket.AF_INET, address)
    return REAL["create_connection"](address, *args, **kwargs)


def _getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
    # Resolving a name asks a DNS server; an address or localhost is answered locally. The
    # refusal is the error an offline machine gives, so code under test sees what it would see.
    if host not in (None, "", b"") and not (is_local_host(host) or _is_ip_literal(host)):
        raise socket.gaierror(socket.EAI_NONAME, f"tests may not look up {_host(host)!r}")
    return REAL["getaddrinfo"](host, *args, **kwargs)


@pytest.fixture(scope="session", autouse=True)
def _no_network() -> Iterator[None]:
    """No test reaches past this machine: connections to any host but 127.0.0.1, ::1 or
    localhost raise NetworkRefused before a packet is sent, and names other than localhost
    do not resolve. Unix sockets, PostgreSQL and Redis on loopback, the live servers and
    Chromium (a pipe to Playwright) are unaffected; so are worker processes, which are
    started with loopback addresses only."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "connect", _connect)
        patch.setattr(socket.socket, "connect_ex", _connect_ex)
        patch.setattr(socket, "create_connection", _create_connection)
        patch.setattr(socket, "getaddrinfo", _getaddrinfo)
        yield


# Transactional tests ------------------------------------------------------------------------

TRANSACTIONAL_FIXTURES = frozenset({"transactional_db", "live_server"})
# pytest.mark.django_db's arguments in order (pytest_django.fixtures.validate_django_db).
DJANGO_DB_ARGS = ("transaction", "reset_sequences", "databases", "serialized_rollback")


def _serialize_transactional(item: pytest.Item) -> None:
    """A transactional test (marked ``transaction=True``, or asking for a live server or
    ``transactional_db``) runs with serialized rollback, marked or not. Its flush afterwards
    then leaves the tables empty instead of sending post_migrate, which made the content
    types and permissions again under new ids: a serialized-rollback test that came next
    (``pytest -n 2`` deals tests to workers in orders a serial run never tries) put back the
    migrations' rows under their first ids beside those and failed on django_content_type's
    unique key. Each transactional test now starts from the migrations' rows put back."""
    from pytest_django.fixtures import validate_django_db

    marker = item.get_closest_marker("django_db")
    transaction = reset_sequences = serialized = False
    if marker:
        transaction, reset_sequences, _, serialized, _ = validate_django_db(marker)
    fixtures = set(getattr(item, "fixturenames", ()))
    if serialized or not (transaction or reset_sequences or TRANSACTIONAL_FIXTURES & fixtures):
        return
    kwargs: dict[str, Any] = {}
    if marker:
        kwargs.update(zip(DJANGO_DB_ARGS, marker.args, strict=False), **marker.kwargs)
    kwargs.update(transaction=True, serialized_rollback=True)
    item.add_marker(pytest.mark.django_db(**kwargs), append=False)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        _serialize_transactional(item)


# Fresh state -------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Every test starts with an empty cache: no API throttle counts or cached API pages
    carried over from an earlier test."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _fresh_language() -> Iterator[None]:
    """Every test ends in the default language: a page requested in Korean leaves Korean
    active in the thread (LocaleMiddleware activates it and nothing deactivates it), which
    a later test's services would otherwise speak."""
    from django.utils import translation

    yield
    translation.deactivate()


@pytest.fixture
def fresh_fetcher() -> None:
    """The fetcher forgets the robots.txt answers and per-host pauses of earlier tests."""
    from articles import fetch

    fetch._robots.clear()
    fetch._last_request.clear()


@pytest.fixture
def fetch_loopback(settings: Any, fresh_fetcher: None) -> None:
    """The app may fetch from the test servers on 127.0.0.1, without pauses or robots.txt."""
    settings.CLAIMDESK_FETCH_ALLOW_LOOPBACK = True
    settings.CLAIMDESK_FETCH_MIN_DELAY = 0
    settings.CLAIMDESK_FETCH_RESPECT_ROBOTS = False
    settings.CLAIMDESK_FETCH_TIMEOUT = 10


# The team ----------------------------------------------------------------------------------


@pytest.fixture
def team(db: None) -> dict[str, Any]:
    """The named users: alice and bob (reviewers), erin (editor), victor (viewer) and oscar
    (signed up, no role)."""
    return make_team()


@pytest.fixture
def viewer(team: dict[str, Any]) -> Any:
    """An API client signed in with victor's token (read-only role)."""
    return token_client(team["victor"])


@pytest.fixture
def claim(team: dict[str, Any]) -> Any:
    """One unreviewed claim, the only sentence of its article."""
    return make_claim()


@pytest.fixture
def claims(team: dict[str, Any]) -> list[Any]:
    """Three claims of one English article: two with figures and a reported opinion."""
    article = make_article(
        sentences=[
            "The city spent $12 million on roads in 2024.",
            "Unemployment fell to 3.5 percent last year.",
            "The mayor said it was a good year.",
        ]
    )
    return make_claims(article)
