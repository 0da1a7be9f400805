"""Security across the faces of the product: headers, sign-in lockout, CSRF on every form,
the admin console's permission matrix, and one structured log line per request."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from django.test import Client

from tests.factories import PASSWORD, make_user


def test_pages_carry_a_content_security_policy_without_inline_script(client, team):
    client.force_login(team["alice"])
    policy = client.get("/")["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"


def test_pages_refuse_framing_and_sniffing(client, team):
    client.force_login(team["alice"])
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def _attempt(client: Client, username: str, password: str) -> Any:
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_sign_in_pauses_after_five_failures_with_a_message_saying_how_long(client, team):
    for _ in range(4):
        assert _attempt(client, "alice", "wrong").status_code == 200
    locked = _attempt(client, "alice", "wrong")
    assert locked.status_code == 429
    assert "Wait 15 minutes" in locked.content.decode()
    # Even the right password waits now.
    assert _attempt(client, "alice", PASSWORD).status_code == 429


def test_lockout_of_one_user_leaves_others_signing_in(client, team):
    for _ in range(5):
        _attempt(client, "alice", "wrong")
    response = _attempt(client, "bob", PASSWORD)
    assert response.status_code == 302


def test_lockout_message_follows_the_users_language(team):
    client = Client(HTTP_ACCEPT_LANGUAGE="ko")
    for _ in range(5):
        response = _attempt(client, "alice", "wrong")
    assert response.status_code == 429
    assert "15분" in response.content.decode()


def test_a_success_before_the_limit_resets_the_count(client, team):
    for _ in range(4):
        _attempt(client, "alice", "wrong")
    assert _attempt(client, "alice", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert _attempt(client, "alice", "wrong").status_code == 200


def test_an_administrator_unlocks_with_axes_reset(client, team):
    from django.core.management import call_command

    for _ in range(5):
        _attempt(client, "alice", "wrong")
    call_command("axes_reset_username", "alice", verbosity=0)
    assert _attempt(client, "alice", PASSWORD).status_code == 302


def _forms(claim: Any) -> list[tuple[str, dict[str, Any]]]:
    article = claim.revision.article_id
    return [
        ("/accounts/login/", {"username": "alice", "password": PASSWORD}),
        ("/accounts/logout/", {}),
        ("/i18n/setlang/", {"language": "ko"}),
        ("/ingest/", {"text": "The city spent $5 million on roads in 2024."}),
        ("/queue/assign/", {"claims": [claim.pk], "assignee": ""}),
        (f"/articles/{article}/claims/add/", {"start": 0, "end": 10}),
        (f"/claims/{claim.pk}/verdict/", {"verdict": "unverifiable"}),
        (f"/claims/{claim.pk}/dismiss/", {"reason": "opinion"}),
        (f"/claims/{claim.pk}/restore/", {}),
        (f"/claims/{claim.pk}/span/", {"start": claim.start, "end": claim.end}),
        (f"/claims/{claim.pk}/assign/", {"assignee": ""}),
        (f"/claims/{claim.pk}/merge/", {"into": claim.pk}),
        (f"/admin/claims/claim/{claim.pk}/change/", {}),
        ("/api/v1/articles/", {"text": "The city spent $5 million on roads in 2024."}),
        (f"/api/v1/claims/{claim.pk}/verdicts/", {"verdict": "unverifiable"}),
    ]


def test_every_form_refuses_a_post_without_its_csrf_token(team, claim):
    from claims.models import Claim, Verdict

    editor = make_user("root", is_staff=True, is_superuser=True)
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    before = (Claim.objects.count(), Verdict.objects.count())
    refused = []
    for path, data in _forms(claim):
        client.force_login(editor)
        response = client.post(path, data)
        if response.status_code != 403:
            refused.append((path, response.status_code))
    assert refused == []
    assert (Claim.objects.count(), Verdict.objects.count()) == before


# Expected status of each admin page per person: staff members see what their role lets them,
# people without staff status are sent to the admin sign-in, and nobody edits verdicts.
ADMIN_PATHS = {
    "index": "/admin/",
    "claims": "/admin/claims/claim/",
    "claim": "/admin/claims/claim/{claim}/change/",
    "verdict-add": "/admin/claims/verdict/add/",
    "article-add": "/admin/articles/article/add/",
    "outlet-add": "/admin/articles/outlet/add/",
    "feeds": "/admin/articles/feed/",
    "users": "/admin/auth/user/",
}
ADMIN_MATRIX = {
    #            index claims claim verdict-add article-add outlet-add feeds users
    "anonymous": (302, 302, 302, 302, 302, 302, 302, 302),
    "alice": (302, 302, 302, 302, 302, 302, 302, 302),  # reviewer, not staff
    # A staff flag alone does not open the console: it is for editors and admins (issue 18).
    "staff-viewer": (302, 302, 302, 302, 302, 302, 302, 302),
    "staff-reviewer": (302, 302, 302, 302, 302, 302, 302, 302),
    "staff-editor": (200, 200, 200, 403, 403, 200, 403, 403),
    "staff-no-role": (302, 302, 302, 302, 302, 302, 302, 302),
    "superuser": (200, 200, 200, 403, 403, 200, 200, 200),
}


@pytest.mark.parametrize("who", list(ADMIN_MATRIX))
def test_admin_pages_answer_each_person_as_their_staff_status_and_role_allow(
    client, team, claim, who
):
    users = {
        "alice": team["alice"],
        "staff-viewer": make_user("sv", "viewer", is_staff=True),
        "staff-reviewer": make_user("sr", "reviewer", is_staff=True),
        "staff-editor": make_user("se", "editor", is_staff=True),
        "staff-no-role": make_user("sn", is_staff=True),
        "superuser": make_user("su", is_staff=True, is_superuser=True),
    }
    if who in users:
        client.force_login(users[who])
    got = tuple(
        client.get(path.format(claim=claim.pk)).status_code for path in ADMIN_PATHS.values()
    )
    assert dict(zip(ADMIN_PATHS, got, strict=True)) == dict(
        zip(ADMIN_PATHS, ADMIN_MATRIX[who], strict=True)
    )


def test_each_request_is_logged_once_as_json_with_its_fields(client, team, caplog):
    from pythonjsonlogger.json import JsonFormatter

    client.force_login(team["alice"])
    with caplog.at_level(logging.INFO, logger="claimdesk.request"):
        response = client.get("/?status=unreviewed", HTTP_X_REQUEST_ID="proxy-id-12345")
    [record] = [r for r in caplog.records if r.name == "claimdesk.request"]
    line = json.loads(JsonFormatter("%(levelname)s %(name)s %(message)s").format(record))
    assert line["status"] == 200
    assert line["path"] == "/"
    assert line["method"] == "GET"
    assert line["user_id"] == team["alice"].pk
    assert line["request_id"] == "proxy-id-12345" == response["X-Request-ID"]
    assert line["duration_ms"] >= 0


def test_a_request_id_that_is_not_one_is_replaced(client, team):
    response = client.get("/accounts/login/", HTTP_X_REQUEST_ID="bad id\nwith newline")
    assert response["X-Request-ID"] != "bad id\nwith newline"
    assert len(response["X-Request-ID"]) == 32


def test_server_errors_are_logged_at_error_level(rf, caplog):
    from django.http import HttpResponse

    from config.middleware import RequestLogMiddleware

    middleware = RequestLogMiddleware(lambda request: HttpResponse(status=503))
    with caplog.at_level(logging.INFO, logger="claimdesk.request"):
        middleware(rf.get("/healthz"))
    assert [r.levelname for r in caplog.records if r.name == "claimdesk.request"] == ["ERROR"]


def test_signing_in_gives_a_new_http_only_session_and_signing_out_ends_it(client, team):
    from importlib import import_module

    from django.conf import settings as django_settings

    planted = import_module(django_settings.SESSION_ENGINE).SessionStore()
    planted.create()  # a session id an attacker could have fixed in the browser
    client.cookies["sessionid"] = planted.session_key
    assert _attempt(client, "alice", PASSWORD).status_code == 302
    cookie = client.cookies["sessionid"]
    assert cookie.value != planted.session_key
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    stolen = cookie.value
    client.post("/accounts/logout/")
    replay = Client()
    replay.cookies["sessionid"] = stolen
    response = replay.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_deleted_api_token_stops_working_at_once(team):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=team["alice"])
    client = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.get("/api/v1/claims/").status_code == 200
    token.delete()
    response = client.get("/api/v1/claims/")
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")


def test_session_cookies_are_secure_under_https(tmp_path):
    import subprocess
    import sys

    from django.conf import settings as django_settings

    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0)"
    )
    env = {"PATH": "/usr/bin:/bin", "HTTPS": "on", "SECRET_KEY": "k" * 60}
    done = subprocess.run(
        [sys.executable, "-c", f"import django, os; os.environ['DJANGO_SETTINGS_MODULE']="
         f"'config.settings'; django.setup(); {code}"],
        cwd=django_settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.stdout.split() == ["True", "True", "True"], done.stderr[-500:]
