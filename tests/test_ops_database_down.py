"""The database away: requests fail within 5 s with a 503 (JSON under /api/, a page in the
reader's language elsewhere), and the first request after it is back succeeds at once.

Before, every request waited 30 s on the connection pool for an HTML 500, and the first
request after recovery took 23 s (the pool's reconnection backoff). The real-server tests
run gunicorn on the PostgreSQL test database through a TCP switch this test turns off and
on; the machine's PostgreSQL itself is never stopped.
"""

from __future__ import annotations

import json
import time

import pytest
from django.db import OperationalError, connection
from django.http import HttpResponse
from django.test import Client
from django.urls import path

from config.urls import handler500  # noqa: F401
from config.urls import urlpatterns as product_urls
from tests.ops_server import TcpSwitch, gunicorn, server_env


def database_away(execute, sql, params, many, context):
    raise OperationalError("connection failed: server closed the connection unexpectedly")


def remembers(request):
    """A view that touches no table; its session is saved after it, by the middleware."""
    request.session["seen"] = True
    return HttpResponse("ok")


urlpatterns = [path("remembers/", remembers), *product_urls]


def test_an_api_request_without_a_database_is_a_json_503(client, team, settings):
    settings.CLAIMDESK_API_PUBLIC_READ = True
    with connection.execute_wrapper(database_away):
        response = client.get("/api/v1/claims/")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert "database" in response.json()["detail"]
    assert int(response["Retry-After"]) > 0


def test_a_page_without_a_database_is_a_503_page_in_the_readers_language(team):
    client = Client(HTTP_ACCEPT_LANGUAGE="ko")
    client.force_login(team["alice"])
    with connection.execute_wrapper(database_away):
        response = client.get("/")
    assert response.status_code == 503
    html = response.content.decode()
    assert 'lang="ko"' in html and "데이터베이스가 응답하지 않습니다" in html


@pytest.mark.urls(__name__)
def test_a_database_error_after_the_view_is_a_503_too(db):
    client = Client(raise_request_exception=False)
    with connection.execute_wrapper(database_away):
        response = client.get("/remembers/")
    assert response.status_code == 503


@pytest.fixture
def switch(db):
    """The way gunicorn reaches the test database; the test turns it off and on."""
    if connection.vendor != "postgresql":
        pytest.skip("a real database server to take away: PostgreSQL (set DATABASE_URL)")
    s = connection.settings_dict
    switch = TcpSwitch((s["HOST"] or "127.0.0.1", int(s["PORT"] or 5432)))
    yield switch
    switch.close()
    assert _sessions_through(switch) == set()


def _sessions_through(switch: TcpSwitch, seconds: float = 5.0) -> set[int]:
    """The database sessions still open through the switch, waited for up to ``seconds``
    (a session ends a moment after its connection is reset)."""
    deadline = time.monotonic() + seconds
    while True:
        with connection.cursor() as cursor:
            cursor.execute("SELECT client_port FROM pg_stat_activity WHERE client_port IS NOT NULL")
            left = {port for (port,) in cursor.fetchall()} & switch.upstream_ports
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.1)


@pytest.fixture
def server(switch, tmp_path):
    s = connection.settings_dict
    user = s["USER"] or "postgres"
    env = server_env(
        DATABASE_URL=f"postgres://{user}@127.0.0.1:{switch.port}/{s['NAME']}",
        CLAIMDESK_API_PUBLIC_READ="true",
    )
    with gunicorn(env, tmp_path / "server.log", workers=1, threads=2) as running:
        yield running


def api(server) -> tuple[int, str, dict, float]:
    status, head, body, seconds = server.request("GET", "/api/v1/claims/", timeout=40)
    return status, head.get("content-type", ""), json.loads(body or b"null"), seconds


def page(server) -> tuple[int, str, float]:
    headers = {"Accept-Language": "ko", "Cookie": "sessionid=abcdefghijklmnopqrstuvwxyz012345"}
    status, _, body, seconds = server.request("GET", "/", headers, timeout=40)
    return status, body.decode(), seconds


def test_a_server_without_its_database_answers_503_within_5_seconds(server, switch):
    assert api(server)[0] == 200
    switch.off()
    for _ in range(2):
        status, kind, body, seconds = api(server)
        assert (status, kind) == (503, "application/json")
        assert seconds < 5.5
    status, html, seconds = page(server)
    assert status == 503 and "데이터베이스가 응답하지 않습니다" in html
    assert seconds < 5.5
    health = server.request("GET", "/healthz", timeout=40)
    assert health[0] == 503 and health[3] < 5.5


def test_the_first_request_after_the_database_returns_succeeds_at_once(server, switch):
    assert api(server)[0] == 200
    switch.off()
    assert api(server)[0] == 503
    time.sleep(8)  # long enough for the pool's retries to back off
    switch.on()
    status, _, _, seconds = api(server)
    assert status == 200
    assert seconds < 1.5
    assert page(server)[0] == 302  # an unknown session: to the sign-in page


def test_a_quiet_outage_leaves_no_broken_connection_behind(server, switch):
    """The database restarts while no request comes: the pooled connections are dead."""
    for _ in range(3):
        assert api(server)[0] == 200
    switch.off()
    time.sleep(1)
    switch.on()
    status, _, _, seconds = api(server)
    assert status == 200
    assert seconds < 1.5
