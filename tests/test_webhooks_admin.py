"""Webhooks in the admin console (claims.admin_webhooks): admins add endpoints (the secret
shown once, masked after; private and local addresses refused), read the delivery log and
send a failed delivery again; editors do not see any of it; all of it in Korean."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from standardwebhooks import Webhook

from claims.models import WebhookDelivery, WebhookEndpoint
from claims.roles import EDITOR, grant_role
from claims.signals import EVENTS
from tests.factories import PASSWORD
from tests.test_desk_korean import english_words, korean
from tests.test_webhooks import receiver  # noqa: F401 (a fixture)

State = WebhookDelivery.State
ENDPOINTS = "/admin/claims/webhookendpoint/"
DELIVERIES = "/admin/claims/webhookdelivery/"


@pytest.fixture
def root(db: None) -> Any:
    return get_user_model().objects.create_superuser("root", "root@example.com", PASSWORD)


@pytest.fixture
def admin_client(root: Any) -> Client:
    client = Client()
    client.force_login(root)
    return client


def endpoint(url: str = "https://hooks.example/desk", **fields: Any) -> WebhookEndpoint:
    return WebhookEndpoint.objects.create(name="Wire desk", url=url, events=list(EVENTS), **fields)


def log_rows(target: WebhookEndpoint) -> list[WebhookDelivery]:
    """A failed, a delivered and a waiting delivery of two events."""
    rows = [
        (State.FAILED, "verdict.created", 500, "status"),
        (State.DELIVERED, "claim.assigned", 200, ""),
        (State.RETRYING, "verdict.created", None, "timeout"),
    ]
    return [
        WebhookDelivery.objects.create(
            endpoint=target,
            event=event,
            body=json.dumps({"type": event, "timestamp": "2026-12-06T00:00:00+00:00", "data": {}}),
            state=state,
            attempts=3,
            last_status=status,
            error_code=code,
            error_params={"status": 500} if code == "status" else {"seconds": 5},
        )
        for state, event, status, code in rows
    ]


def test_adding_an_endpoint_shows_its_secret_once_and_masks_it_after(
    admin_client,
    receiver,  # noqa: F811
    fetch_loopback,
):
    response = admin_client.post(
        f"{ENDPOINTS}add/",
        {"name": "Wire desk", "url": receiver.url, "events": ["verdict.created"], "active": "on"},
        follow=True,
    )
    stored = WebhookEndpoint.objects.get()
    assert stored.secret.startswith("whsec_") and stored.events == ["verdict.created"]
    Webhook(stored.secret)  # a secret the Standard Webhooks library accepts
    assert stored.secret in response.content.decode()
    page = admin_client.get(f"{ENDPOINTS}{stored.pk}/change/").content.decode()
    assert stored.secret not in page
    assert f"whsec_••••••{stored.secret[-4:]}" in page


@pytest.mark.parametrize(
    "url", ["http://10.1.2.3/hook", "http://169.254.169.254/", "http://localhost:8000/hook"]
)
def test_the_admin_refuses_a_private_or_local_endpoint_address(admin_client, settings, url):
    settings.CLAIMDESK_FETCH_ALLOW_LOOPBACK = False
    response = admin_client.post(
        f"{ENDPOINTS}add/", {"name": "Inside", "url": url, "events": ["claim.assigned"]}
    )
    assert response.status_code == 200
    assert "public addresses only" in response.content.decode()
    assert not WebhookEndpoint.objects.exists()


def test_editors_do_not_see_webhooks(team):
    grant_role(team["erin"], EDITOR)  # an editor, with the console
    endpoint()
    client = Client()
    client.force_login(team["erin"])
    assert client.get(ENDPOINTS).status_code == 403
    assert client.get(DELIVERIES).status_code == 403
    assert "webhook" not in client.get("/admin/").content.decode().lower()


def test_the_delivery_log_filters_by_state_event_and_endpoint(
    admin_client, django_assert_max_num_queries
):
    first, second = endpoint(), endpoint("https://other.example/hook")
    log_rows(first)
    log_rows(second)
    with django_assert_max_num_queries(12):
        page = admin_client.get(DELIVERIES)
    assert page.status_code == 200 and len(page.context["cl"].result_list) == 6
    for query, expected in [
        ("state=failed", 2),
        ("event=claim.assigned", 2),
        (f"endpoint__id__exact={first.pk}", 3),
        (f"state=retrying&endpoint__id__exact={second.pk}", 1),
    ]:
        shown = admin_client.get(f"{DELIVERIES}?{query}").context["cl"].result_list
        assert len(shown) == expected, query


def test_the_delivery_log_is_read_only(admin_client):
    failed = log_rows(endpoint())[0]
    page = admin_client.get(f"{DELIVERIES}{failed.pk}/change/").content.decode()
    assert 'name="_save"' not in page
    assert "HTTP 500" in page
    assert admin_client.get(f"{DELIVERIES}add/").status_code == 403
    assert admin_client.post(f"{DELIVERIES}{failed.pk}/delete/", {"post": "yes"}).status_code == 403
    assert WebhookDelivery.objects.filter(pk=failed.pk).exists()


def test_a_failed_delivery_is_sent_again_from_the_log(
    admin_client,
    receiver,  # noqa: F811
    fetch_loopback,
):
    target = endpoint(receiver.url)
    failed, delivered, _waiting = log_rows(target)
    response = admin_client.post(
        DELIVERIES,
        {"action": "send_again", "_selected_action": [failed.pk, delivered.pk]},
        follow=True,
    )
    assert response.status_code == 200
    again = WebhookDelivery.objects.get(pk=failed.pk)
    assert again.state == State.DELIVERED and again.attempts == 1 and again.last_status == 200
    assert len(receiver.got) == 1
    _path, headers, body = receiver.got[0]
    assert headers["webhook-id"] == failed.message_id
    assert Webhook(target.secret).verify(body, headers)["type"] == "verdict.created"
    assert WebhookDelivery.objects.get(pk=delivered.pk).attempts == 3  # left as it was


def test_the_webhook_admin_pages_are_korean(root):
    target = endpoint(disabled_reason="switched off", consecutive_failures=10, active=False)
    failed = log_rows(target)[0]
    client = korean(root)
    pages = [
        ENDPOINTS,
        f"{ENDPOINTS}add/",
        f"{ENDPOINTS}{target.pk}/change/",
        DELIVERIES,
        f"{DELIVERIES}?state=failed",
        f"{DELIVERIES}{failed.pk}/change/",
        "/admin/",
    ]
    ids = list(WebhookDelivery.objects.values_list("message_id", flat=True))
    user_content = [target.name, target.url, *ids, "root"]
    found = {}
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        words = english_words(response.content.decode(), user_content)
        if words:
            found[page] = words
    assert not found, sorted({w for words in found.values() for w in words})
