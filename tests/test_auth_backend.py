"""The signed-in user is read with their roles in one query (claims.auth_backend, issue 18):
the roles still count from the next request when they change, and sign-in is unchanged."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from importlib import import_module
from typing import Any
from unittest import mock

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from claims.auth_backend import RoleBackend, token_with_roles, user_with_roles
from claims.inbox_models import Notification, NotificationKind
from tests.factories import (
    PASSWORD,
    client_for,
    make_article,
    make_claims,
    make_user,
    token_client,
)

INGEST = reverse("claims:ingest")  # reviewers and editors only


def queries_of(client: Client, url: str) -> tuple[Any, list[str]]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    return response, [q["sql"] for q in ctx.captured_queries]


def test_a_page_reads_the_user_and_their_permissions_in_one_query(team):
    client = client_for("alice")
    client.get(INGEST)
    response, sql = queries_of(client, INGEST)
    assert response.status_code == 200
    user_queries = [s for s in sql if "auth_permission" in s or 'FROM "auth_user"' in s]
    assert len(user_queries) == 1, sql
    assert not any("django_content_type" in s and "auth_user" not in s for s in sql)


def test_the_user_carries_own_and_group_permissions(team):
    alice = team["alice"]
    alice.user_permissions.add(Permission.objects.get(codename="settle_claim"))
    loaded = user_with_roles(alice.pk)
    with CaptureQueriesContext(connection) as ctx:
        assert loaded.has_perm("claims.review_claim")  # through the reviewer group
        assert loaded.has_perm("claims.settle_claim")  # given to her alone
        assert not loaded.has_perm("claims.change_claim")
        assert loaded.get_user_permissions() == {"claims.settle_claim"}
        assert "claims.view_claim" in loaded.get_group_permissions()
    assert len(ctx.captured_queries) == 0
    assert loaded.get_all_permissions() == ModelBackend().get_all_permissions(
        type(alice).objects.get(pk=alice.pk)
    )


def test_a_user_without_roles_holds_no_permission(team):
    oscar = user_with_roles(team["oscar"].pk)
    assert oscar.get_all_permissions() == set()
    assert user_with_roles(10**9) is None


def test_the_user_read_with_sql_has_the_fields_the_orm_reads(team):
    alice = team["alice"]
    type(alice).objects.filter(pk=alice.pk).update(
        last_login=datetime(2026, 12, 6, 9, 30, tzinfo=UTC), first_name="앨리스", is_staff=True
    )
    fresh = type(alice).objects.get(pk=alice.pk)
    loaded = user_with_roles(alice.pk)
    fields = [f.attname for f in type(alice)._meta.concrete_fields]
    assert fields and {f: getattr(loaded, f) for f in fields} == {
        f: getattr(fresh, f) for f in fields
    }
    assert loaded.last_login == datetime(2026, 12, 6, 9, 30, tzinfo=UTC)
    assert loaded.is_staff is True
    assert loaded._state.adding is False and loaded._state.db == "default"
    assert user_with_roles(str(alice.pk)).pk == alice.pk  # as a session stores it


def test_a_superuser_still_holds_every_permission(db):
    root = make_user("root", is_superuser=True, is_staff=True)
    assert user_with_roles(root.pk).has_perm("claims.settle_claim")


def test_an_inactive_user_is_signed_out(team):
    client = client_for("alice")
    type(team["alice"]).objects.filter(pk=team["alice"].pk).update(is_active=False)
    assert client.get(INGEST).status_code == 302


def test_a_role_taken_away_counts_from_the_next_request(team):
    client = client_for("alice")
    assert client.get(INGEST).status_code == 200
    team["alice"].groups.remove(Group.objects.get(name="reviewer"))
    assert client.get(INGEST).status_code == 403


def test_a_role_given_counts_from_the_next_request(team):
    client = client_for("victor")
    assert client.get(INGEST).status_code == 403
    team["victor"].groups.add(Group.objects.get(name="reviewer"))
    assert client.get(INGEST).status_code == 200


def test_a_permission_taken_from_a_group_counts_from_the_next_request(team):
    client = client_for("alice")
    assert client.get(INGEST).status_code == 200
    Group.objects.get(name="reviewer").permissions.remove(
        Permission.objects.get(codename="review_claim")
    )
    assert client.get(INGEST).status_code == 403


def test_each_user_sees_their_own_name_and_unread_count(team):
    [claim] = make_claims(make_article(sentences=["Exports rose 5% in 2024."]))
    for _ in range(2):
        Notification.objects.create(
            recipient=team["alice"], kind=NotificationKind.MENTIONED, claim=claim
        )
    pages = {name: client_for(name).get(INGEST).content.decode() for name in ("alice", "bob")}
    unread = {n: re.findall(r'class="unread-count"[^>]*>(\d+)<', p) for n, p in pages.items()}
    assert unread == {"alice": ["2"], "bob": []}
    assert '<span class="who" translate="no">alice</span>' in pages["alice"]
    assert '<span class="who" translate="no">bob</span>' in pages["bob"]


def test_a_session_made_before_the_backend_stays_signed_in(team):
    """Sessions name the backend that signed them in: ModelBackend before this one."""
    alice = team["alice"]
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(alice.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = alice.get_session_auth_hash()
    session.create()
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    assert client.get(INGEST).status_code == 200


def test_a_sign_in_names_the_role_backend(team):
    client = Client()
    response = client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session[BACKEND_SESSION_KEY] == "claims.auth_backend.RoleBackend"


def test_a_wrong_password_is_checked_once_and_counted(team):
    with mock.patch.object(
        ModelBackend, "authenticate", autospec=True, side_effect=ModelBackend.authenticate
    ) as checked:
        response = Client().post("/accounts/login/", {"username": "alice", "password": "wrong"})
    assert response.status_code == 200
    assert "didn't match" in response.content.decode()
    assert checked.call_count == 1
    assert isinstance(checked.call_args.args[0], RoleBackend)
    assert AccessAttempt.objects.get(username="alice").failures_since_start == 1


@pytest.mark.parametrize("name", ["alice", "erin", "victor"])
def test_the_queue_is_served_from_the_cache_in_three_queries(team, name):
    make_claims(make_article(sentences=["Exports rose 5% in 2024."]))
    client = client_for(name)
    client.get("/")
    response, sql = queries_of(client, "/")
    assert response.status_code == 200
    assert len(sql) == 3, sql  # session, the user with their roles, the queue's version


# --- API tokens: the token's user with their roles in the same one query ----------------------

RATING_SCALE = "/api/v1/rating-scale/"  # viewers and above


def test_an_api_request_with_a_token_reads_its_user_and_permissions_in_one_query(team):
    api = token_client(team["victor"])
    with CaptureQueriesContext(connection) as ctx:
        response = api.get(RATING_SCALE)
    assert response.status_code == 200
    sql = [q["sql"] for q in ctx.captured_queries]
    auth = [s for s in sql if "authtoken_token" in s or "auth_permission" in s]
    assert len(auth) == 1, sql
    assert "authtoken_token" in auth[0] and "auth_permission" in auth[0]


def test_a_role_taken_from_a_token_user_counts_from_the_next_request(team):
    api = token_client(team["victor"])
    assert api.get(RATING_SCALE).status_code == 200
    team["victor"].groups.remove(Group.objects.get(name="viewer"))
    assert api.get(RATING_SCALE).status_code == 403


def test_a_role_given_to_a_token_user_counts_from_the_next_request(team):
    api = token_client(team["oscar"])
    assert api.get(RATING_SCALE).status_code == 403
    team["oscar"].groups.add(Group.objects.get(name="viewer"))
    assert api.get(RATING_SCALE).status_code == 200


def test_a_token_user_carries_own_permissions_and_a_superuser_every_one(team):
    oscar = team["oscar"]
    oscar.user_permissions.add(Permission.objects.get(codename="view_claim"))
    assert token_client(oscar).get(RATING_SCALE).status_code == 200
    root = make_user("root", is_superuser=True, is_staff=True)
    assert token_client(root).get(RATING_SCALE).status_code == 200


def test_the_token_of_an_inactive_user_or_an_unknown_token_is_refused(team):
    api = token_client(team["victor"])
    type(team["victor"]).objects.filter(pk=team["victor"].pk).update(is_active=False)
    answer = api.get(RATING_SCALE)
    assert answer.status_code == 401
    assert answer.json()["detail"] == "User inactive or deleted."
    stranger = APIClient()
    stranger.credentials(HTTP_AUTHORIZATION="Token not-a-real-key")
    assert stranger.get(RATING_SCALE).status_code == 401


def test_the_token_read_with_sql_has_the_fields_the_orm_reads(team):
    from rest_framework.authtoken.models import Token

    alice = team["alice"]
    type(alice).objects.filter(pk=alice.pk).update(
        last_login=datetime(2026, 12, 6, 9, 30, tzinfo=UTC), first_name="앨리스"
    )
    key = Token.objects.create(user=alice).key
    fresh = Token.objects.select_related("user").get(key=key)
    loaded = token_with_roles(key)
    token_fields = [f.attname for f in Token._meta.concrete_fields]
    user_fields = [f.attname for f in type(alice)._meta.concrete_fields]
    assert token_fields and {f: getattr(loaded, f) for f in token_fields} == {
        f: getattr(fresh, f) for f in token_fields
    }
    assert user_fields and {f: getattr(loaded.user, f) for f in user_fields} == {
        f: getattr(fresh.user, f) for f in user_fields
    }
    assert loaded.created == fresh.created and loaded.created.tzinfo is not None
    assert loaded.user.last_login == datetime(2026, 12, 6, 9, 30, tzinfo=UTC)
    assert loaded._state.adding is False and loaded.user._state.db == "default"
    assert loaded.user.has_perm("claims.review_claim")  # through the reviewer group
    assert token_with_roles("not-a-real-key") is None
