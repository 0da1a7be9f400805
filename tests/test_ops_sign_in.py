"""Sign-in with a username longer than any account's: a form error, never a server error.

django-axes records each failed sign-in with its username in a 255-character column;
PostgreSQL refused a longer one and the sign-in page answered 500.
"""

from __future__ import annotations

from axes.models import AccessAttempt
from django.test import Client

from tests.factories import PASSWORD

LONG = "a" * 300


def sign_in(client: Client, username: str, password: str = "wrong") -> tuple[int, str]:
    response = client.post("/accounts/login/", {"username": username, "password": password})
    return response.status_code, response.content.decode()


def test_a_username_longer_than_any_account_is_a_form_error(client, team):
    status, html = sign_in(client, LONG)
    assert status == 200
    assert "A username has at most 150 characters." in html
    assert "didn't match" not in html


def test_the_long_username_error_is_in_the_users_language(team):
    status, html = sign_in(Client(HTTP_ACCEPT_LANGUAGE="ko"), LONG)
    assert status == 200
    assert "아이디는 150자를 넘을 수 없습니다." in html


def test_the_admin_sign_in_refuses_a_long_username_with_a_form_error(client, team):
    response = client.post("/admin/login/", {"username": LONG, "password": "wrong"})
    assert response.status_code == 200
    assert response.context["form"].errors


def test_failed_sign_ins_with_very_long_names_are_still_counted(client, team):
    """Past the form, at the admin's sign-in, django-axes keeps the first 255 characters."""
    for _ in range(5):
        client.post("/admin/login/", {"username": LONG, "password": "wrong"})
    assert AccessAttempt.objects.get().username == LONG[:255]
    assert client.post("/admin/login/", {"username": LONG, "password": "wrong"}).status_code == 429


def test_a_name_of_150_characters_is_an_ordinary_wrong_sign_in(client, team):
    status, html = sign_in(client, "b" * 150)
    assert status == 200
    assert "didn't match" in html
    assert sign_in(client, "alice", PASSWORD)[0] == 302
