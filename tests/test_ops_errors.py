"""Errors the product answers itself: JSON under /api/, a page in the reader's language
elsewhere; and what gunicorn answers before Django sees a request (the README says what the
proxy in front does about those).
"""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.test import Client
from django.urls import path

from config.urls import handler400, handler403, handler404, handler500  # noqa: F401
from config.urls import urlpatterns as product_urls
from tests.ops_server import gunicorn, migrated_sqlite, server_env


def boom(request):
    raise RuntimeError("a bug")


def forbidden(request):
    raise PermissionDenied


def suspicious(request):
    raise SuspiciousOperation("a forged value")


# The product's URLs, and views that fail in each way (this module is the URLconf below).
urlpatterns = [
    *[
        path(f"{prefix}{name}/", view)
        for prefix in ("api/v1/", "")
        for name, view in (("boom", boom), ("forbidden", forbidden), ("suspicious", suspicious))
    ],
    *product_urls,
]
failing = pytest.mark.urls(__name__)


@pytest.fixture
def client(db) -> Client:
    return Client(raise_request_exception=False)


@failing
@pytest.mark.parametrize(
    ("name", "status"), [("boom", 500), ("forbidden", 403), ("suspicious", 400)]
)
def test_api_errors_are_json(client, name, status):
    response = client.get(f"/api/v1/{name}/")
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"detail"}


@failing
@pytest.mark.parametrize(
    ("name", "status", "korean"),
    [("boom", 500, "서버 오류"), ("forbidden", 403, "권한"), ("suspicious", 400, "잘못된 요청")],
)
def test_page_errors_are_pages_in_the_readers_language(client, name, status, korean):
    response = client.get(f"/{name}/", HTTP_ACCEPT_LANGUAGE="ko")
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert 'lang="ko"' in html and korean in html


def test_a_missing_page_is_a_page_and_a_missing_endpoint_is_json(client):
    page = client.get("/no/such/page/", HTTP_ACCEPT_LANGUAGE="ko")
    assert page.status_code == 404
    assert "찾을 수 없" in page.content.decode()
    api = client.get("/api/v2/claims/")
    assert api.status_code == 404 and "detail" in api.json()


def test_an_api_request_for_an_unknown_host_is_a_json_400(client):
    response = client.get("/api/v1/claims/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("errors")
    env = server_env(DATABASE_URL=migrated_sqlite(tmp / "db.sqlite3"))
    with gunicorn(env, tmp / "server.log") as running:
        yield running


def request_line(target: bytes) -> bytes:
    return b"GET " + target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"


def test_a_long_api_address_reaches_django_and_is_answered_in_json(server):
    """Request lines up to 8,190 bytes (gunicorn's largest limit, nginx's buffer) pass."""
    prefix = b"/api/v1/claims/?q="
    target = prefix + b"a" * (8190 - len(b"GET  HTTP/1.1") - len(prefix))
    assert len(request_line(target).split(b"\r\n")[0]) == 8190
    answer = server.raw(request_line(target))
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 401"), head
    assert b"Content-Type: application/json" in head


def test_gunicorn_answers_longer_request_lines_itself_with_414(server):
    answer = server.raw(request_line(b"/api/v1/claims/?q=" + b"a" * 8200))
    assert answer.startswith(b"HTTP/1.1 414 ")


@pytest.mark.parametrize("header", [b"X-Note: a\x01b", b"X Note: a", b"X-Note: " + b"a" * 9000])
def test_gunicorn_refuses_bad_header_bytes_itself(server, header):
    data = b"GET /api/v1/claims/ HTTP/1.1\r\nHost: 127.0.0.1\r\n" + header + b"\r\n\r\n"
    answer = server.raw(data)
    assert answer.startswith((b"HTTP/1.1 400 ", b"HTTP/1.1 431 "))
