"""The suite's network guard (tests/conftest.py): a test reaches 127.0.0.1, ::1, localhost and
Unix sockets, and is refused anything further before a packet leaves."""

from __future__ import annotations

import socket
import tempfile
from pathlib import Path
from typing import Any

import pytest

from tests import conftest
from tests.conftest import NetworkRefused

OUTSIDE_V4 = ("93.184.216.34", 80)
OUTSIDE_V6 = ("2606:2800:220:1:248:1893:25c8:1946", 80)


@pytest.fixture
def reached(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The socket functions the guard stands in front of, replaced by recorders: a call that
    gets past the guard is listed here instead of touching the network."""
    calls: list[str] = []
    for name in conftest.REAL:

        def record(*args: Any, _name: str = name, **kwargs: Any) -> None:
            calls.append(_name)

        monkeypatch.setitem(conftest.REAL, name, record)
    return calls


@pytest.mark.parametrize(
    ("family", "address"),
    [(socket.AF_INET, OUTSIDE_V4), (socket.AF_INET6, OUTSIDE_V6)],
    ids=["ipv4", "ipv6"],
)
@pytest.mark.parametrize("method", ["connect", "connect_ex"])
def test_a_connection_off_the_machine_is_refused_before_it_is_made(
    reached: list[str], family: int, address: tuple[str, int], method: str
) -> None:
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        with pytest.raises(NetworkRefused, match=address[0]):
            getattr(sock, method)(address)
        with pytest.raises(OSError):
            sock.getpeername()  # never connected
    assert reached == []


@pytest.mark.parametrize("address", [OUTSIDE_V4, ("example.com", 443)], ids=["ip", "name"])
def test_create_connection_off_the_machine_is_refused_before_any_lookup(
    reached: list[str], address: tuple[str, int]
) -> None:
    with pytest.raises(NetworkRefused):
        socket.create_connection(address, timeout=1)
    assert reached == []


def test_looking_up_a_name_is_refused_as_an_offline_machine_would(reached: list[str]) -> None:
    with pytest.raises(socket.gaierror, match="tests may not look up 'example.com'"):
        socket.getaddrinfo("example.com", 80)
    assert reached == []


def test_addresses_and_localhost_are_looked_up(reached: list[str]) -> None:
    for host in ("localhost", "127.0.0.1", "::1", "10.0.0.1", None):
        socket.getaddrinfo(host, 80)
    assert reached == ["getaddrinfo"] * 5


def test_loopback_over_ipv4_and_by_name_still_connects() -> None:
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            pass
        with socket.create_connection(("localhost", port), timeout=5):
            pass
        with socket.socket() as sock:
            assert sock.connect_ex(("127.0.0.1", port)) == 0


def test_loopback_over_ipv6_still_connects() -> None:
    if not socket.has_ipv6:
        pytest.skip("this Python has no IPv6")
    try:
        server = socket.create_server(("::1", 0), family=socket.AF_INET6)
    except OSError as error:
        pytest.skip(f"::1 is not configured here: {error}")
    with server, socket.create_connection(("::1", server.getsockname()[1]), timeout=5):
        pass


def test_unix_sockets_still_connect() -> None:
    # A short directory: a Unix socket path may not be longer than about 100 bytes.
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "s")
        with socket.socket(socket.AF_UNIX) as server:
            server.bind(path)
            server.listen()
            with socket.socket(socket.AF_UNIX) as client:
                client.connect(path)
