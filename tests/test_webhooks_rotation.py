"""A webhook endpoint's secret rotated without a gap: for a grace period every delivery is
signed with the new secret and the old one (two signatures in ``webhook-signature``, space
separated, as Standard Webhooks allows), so a receiver verifies with either while it
switches; after it, with the new one only. "Make a new signing secret" still replaces it at
once (a secret that leaked)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

from claims import webhooks
from claims.models import WebhookEndpoint
from tests.test_webhooks import make_endpoint, quick_retries, receiver, verdict  # noqa: F401
from tests.test_webhooks_admin import ENDPOINTS, admin_client, root  # noqa: F401


def _verifies(secret: str, body: str, headers: dict[str, str]) -> bool:
    try:
        Webhook(secret).verify(body, headers)
    except WebhookVerificationError:
        return False
    return True


def test_during_the_grace_period_both_secrets_verify_and_after_it_only_the_new(
    claim,
    team,
    receiver,  # noqa: F811
    quick_retries,  # noqa: F811
    django_capture_on_commit_callbacks,
    settings,
):
    settings.CLAIMDESK_WEBHOOK_ROTATION_HOURS = 2
    endpoint = make_endpoint(receiver.url, events=["verdict.created"])
    old = endpoint.secret
    until = webhooks.rotate_secret(endpoint)
    stored = WebhookEndpoint.objects.get(pk=endpoint.pk)
    assert stored.secret != old and stored.previous_secret == old
    assert stored.previous_secret_until == until
    assert timedelta(hours=1.9) < until - timezone.now() <= timedelta(hours=2)

    verdict(claim, team, django_capture_on_commit_callbacks)
    [(_path, headers, body)] = receiver.got
    assert len(headers["webhook-signature"].split(" ")) == 2
    assert _verifies(old, body, headers) and _verifies(stored.secret, body, headers)

    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
        previous_secret_until=timezone.now() - timedelta(seconds=1)
    )
    verdict(claim, team, django_capture_on_commit_callbacks, who="bob")
    assert len(receiver.got) == 2
    _path, headers, body = receiver.got[1]
    assert len(headers["webhook-signature"].split(" ")) == 1
    assert _verifies(stored.secret, body, headers) and not _verifies(old, body, headers)


def test_the_admin_rotates_a_secret_showing_the_new_one_once_and_the_old_ones_end(
    admin_client,  # noqa: F811
):
    target = WebhookEndpoint.objects.create(
        name="Wire desk", url="https://hooks.example/desk", events=["verdict.created"]
    )
    old = target.secret
    response = admin_client.post(
        ENDPOINTS,
        {"action": "rotate_secret", "_selected_action": [target.pk]},
        follow=True,
    )
    stored = WebhookEndpoint.objects.get(pk=target.pk)
    page = response.content.decode()
    assert stored.secret in page and "signed with both secrets until" in page
    assert stored.previous_secret == old and stored.previous_secret_until is not None
    change = admin_client.get(f"{ENDPOINTS}{target.pk}/change/").content.decode()
    assert old not in change and stored.secret not in change
    assert f"whsec_••••••{old[-4:]}" in change and "signs beside the new one until" in change
    # Replacing at once ends the old secret's grace.
    admin_client.post(ENDPOINTS, {"action": "new_secret", "_selected_action": [target.pk]})
    replaced = WebhookEndpoint.objects.get(pk=target.pk)
    assert replaced.secret not in (old, stored.secret)
    assert replaced.signing_secrets(timezone.now()) == [replaced.secret]


@pytest.mark.parametrize("hours_left", [-1, 1])
def test_an_endpoint_signs_with_the_previous_secret_only_within_its_grace(hours_left):
    now = timezone.now()
    endpoint = WebhookEndpoint(
        secret="whsec_new", previous_secret="whsec_old", previous_secret_until=now
    )
    endpoint.previous_secret_until = now + timedelta(hours=hours_left)
    expected = ["whsec_new", "whsec_old"] if hours_left > 0 else ["whsec_new"]
    assert endpoint.signing_secrets(now) == expected
