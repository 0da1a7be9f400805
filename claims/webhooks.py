"""Signed webhooks: the desk's events (``claims.signals.desk_event``) sent to the endpoints
admins configure, following Standard Webhooks (``webhook-id``, ``webhook-timestamp``,
``webhook-signature``; the body ``{"type", "timestamp", "data"}``).

Each event becomes one delivery row per endpoint that wants it, stored once the write that
caused the event has committed; a Celery worker sends it (this process, after the commit,
when no broker is configured or the broker does not answer). An attempt that gets no 2xx
answer (an error status, a redirect, a timeout, no connection) is tried again after
``CLAIMDESK_WEBHOOK_RETRY_SECONDS`` (5 s, 5 min, 30 min, 2 h, 5 h by default), then the
delivery is failed; ``CLAIMDESK_WEBHOOK_DISABLE_AFTER`` failed deliveries in a row switch
the endpoint off. An address refused by the SSRF guard fails at once. Delivery is at least
once: a receiver drops a repeated ``webhook-id``.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from celery import shared_task
from django.conf import settings
from django.db.models import F
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from claims.models import CanonicalClaim, Claim
from claims.signals import desk_event
from claims.webhook_http import LOOPBACK_NETWORKS, Attempt, post_signed, signed_headers
from claims.webhook_models import (
    WebhookDelivery,
    WebhookEndpoint,
    new_message_id,
    new_webhook_secret,
)

log = logging.getLogger(__name__)

# A worker holds an attempt this long; after it, a lost worker's attempt is due again.
LEASE = timedelta(minutes=2)
# Retries further off than this wait for the sweep (celery beat), not in the broker.
LONGEST_COUNTDOWN = 600
State = WebhookDelivery.State


# --- What is sent ------------------------------------------------------------------------------


def _username(user: Any) -> str | None:
    return user.get_username() if user is not None else None


def _claim_data(claim: Claim) -> dict[str, Any]:
    return {
        "id": claim.pk,
        "article": claim.article_id,
        "text": claim.text,
        "kind": claim.kind,
        "status": claim.status,
        "canonical": claim.canonical_id,
        "assignee": _username(claim.assigned_to) if claim.assigned_to_id else None,
    }


def _canonical_data(canonical: CanonicalClaim) -> dict[str, Any]:
    return {"id": canonical.pk, "text": canonical.text, "conflict": canonical.conflict}


def event_body(
    event: str,
    *,
    data: dict[str, Any],
    actor: Any = None,
    claim: Claim | None = None,
    canonical: CanonicalClaim | None = None,
    when: datetime | None = None,
) -> str:
    """The JSON body of ``event``: its type, time (UTC) and data, with the claim or
    canonical claim it is about and the acting user's username (nothing else of people)."""
    about: dict[str, Any] = {"actor": _username(actor)}
    if claim is not None:
        about["claim"] = _claim_data(claim)
    if canonical is not None:
        about["canonical"] = _canonical_data(canonical)
    payload = {
        "type": event,
        "timestamp": (when or timezone.now()).astimezone(UTC).isoformat(),
        "data": {**about, **data},
    }
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), default=str)


# --- Receiving the desk's events ---------------------------------------------------------------


def deliveries_for(
    event: str, body: str, endpoints: list[WebhookEndpoint]
) -> list[WebhookDelivery]:
    """Store one delivery of ``body`` per endpoint that wants ``event``."""
    wanted = [e for e in endpoints if e.wants(event)]
    if not wanted:
        return []
    message_id, now = new_message_id(), timezone.now()
    rows = [
        WebhookDelivery(
            endpoint=e, event=event, message_id=message_id, body=body, next_attempt_at=now
        )
        for e in wanted
    ]
    return WebhookDelivery.objects.bulk_create(rows)


def on_desk_event(sender: Any, *, event: str, data: dict[str, Any], **rows: Any) -> None:
    """``desk_event`` receiver: store the event's deliveries and send them."""
    endpoints = [e for e in WebhookEndpoint.objects.filter(active=True) if e.wants(event)]
    if not endpoints:
        return
    actor, claim, canonical = rows.get("actor"), rows.get("claim"), rows.get("canonical")
    body = event_body(event, data=data, actor=actor, claim=claim, canonical=canonical)
    if _inline():
        retry_due()  # no worker and no beat: retries that came due go with the next event
    hand_over([d.pk for d in deliveries_for(event, body, endpoints)])


def connect() -> None:
    desk_event.connect(on_desk_event, dispatch_uid="claims.webhooks")


# --- Sending ----------------------------------------------------------------------------------


def _inline() -> bool:
    from config.celery import app

    return bool(app.conf.task_always_eager)


def hand_over(delivery_ids: list[int], *, countdown: float = 0) -> None:
    """Send each delivery on a worker; without one (or with the broker down), here."""
    for delivery_id in delivery_ids:
        if not _inline():
            try:
                deliver_webhook_task.apply_async((delivery_id,), countdown=countdown)
                continue
            except BrokerError as error:
                log.warning("background queue unreachable (%s): webhook sent inline", error)
        if countdown <= 0:
            deliver(delivery_id)


def _claim_attempt(delivery_id: int, now: datetime) -> WebhookDelivery | None:
    """Take the delivery for one attempt (None when it is not due, or another process took
    it): the update is the lock, so two workers never send one attempt."""
    taken = (
        WebhookDelivery.objects.due(now)
        .filter(pk=delivery_id)
        .update(
            state=State.SENDING,
            attempts=F("attempts") + 1,
            last_attempt_at=now,
            next_attempt_at=now + LEASE,
        )
    )
    if not taken:
        return None
    return WebhookDelivery.objects.select_related("endpoint").get(pk=delivery_id)


def deliver(delivery_id: int) -> str:
    """Make the delivery's next attempt if it is due; its state afterwards."""
    now = timezone.now()
    delivery = _claim_attempt(delivery_id, now)
    if delivery is None:
        found = WebhookDelivery.objects.filter(pk=delivery_id).values_list("state", flat=True)
        return found.first() or "gone"
    endpoint = delivery.endpoint
    if not endpoint.active:
        attempt = Attempt(False, code="endpoint_off", final=True)
    else:
        attempt = post_signed(
            endpoint.url,
            delivery.body,
            signed_headers(endpoint.signing_secrets(now), delivery.message_id, delivery.body, now),
            timeout=float(settings.CLAIMDESK_WEBHOOK_TIMEOUT),
            user_agent=settings.CLAIMDESK_USER_AGENT,
            allowed_networks=LOOPBACK_NETWORKS if settings.CLAIMDESK_FETCH_ALLOW_LOOPBACK else (),
        )
    return _record(delivery, attempt)


def _record(delivery: WebhookDelivery, attempt: Attempt) -> str:
    now, schedule = timezone.now(), settings.CLAIMDESK_WEBHOOK_RETRY_SECONDS
    delivery.last_status, delivery.response_snippet = attempt.status, attempt.snippet
    delivery.last_error, delivery.error_code = attempt.error[:500], attempt.code
    delivery.error_params = attempt.params
    retry_in: float | None = None
    if attempt.ok:
        delivery.state, delivery.delivered_at, delivery.next_attempt_at = State.DELIVERED, now, None
    elif attempt.final or delivery.attempts > len(schedule):
        delivery.state, delivery.next_attempt_at = State.FAILED, None
    else:
        retry_in = float(schedule[delivery.attempts - 1])
        delivery.state, delivery.next_attempt_at = State.RETRYING, now + timedelta(seconds=retry_in)
    fields = ["state", "last_status", "response_snippet", "last_error", "error_code"]
    delivery.save(update_fields=[*fields, "error_params", "delivered_at", "next_attempt_at"])
    if delivery.state in (State.DELIVERED, State.FAILED):
        _count_outcome(delivery.endpoint, delivered=attempt.ok)
    if retry_in is not None and retry_in <= LONGEST_COUNTDOWN and not _inline():
        hand_over([delivery.pk], countdown=retry_in)
    log.info("webhook %s to %s: %s", delivery.message_id, delivery.endpoint_id, delivery.state)
    return str(delivery.state)


def _count_outcome(endpoint: WebhookEndpoint, *, delivered: bool) -> None:
    """Keep the endpoint's count of failed deliveries in a row; switch it off at the limit."""
    endpoints = WebhookEndpoint.objects.filter(pk=endpoint.pk)
    if delivered:
        endpoints.filter(consecutive_failures__gt=0).update(consecutive_failures=0)
        return
    endpoints.update(consecutive_failures=F("consecutive_failures") + 1)
    limit = settings.CLAIMDESK_WEBHOOK_DISABLE_AFTER
    reason = f"switched off after {limit} failed deliveries in a row; fix it, then switch it on"
    if endpoints.filter(active=True, consecutive_failures__gte=limit).update(
        active=False, disabled_reason=reason
    ):
        log.warning("webhook endpoint %s (%s): %s", endpoint.pk, endpoint.url, reason)


SECRET_FIELDS = ["secret", "previous_secret", "previous_secret_until", "updated_at"]


def replace_secret(endpoint: WebhookEndpoint) -> None:
    """Give the endpoint a new signing secret at once: the old one no longer signs (a secret
    that leaked)."""
    endpoint.secret = new_webhook_secret()
    endpoint.previous_secret, endpoint.previous_secret_until = "", None
    endpoint.save(update_fields=SECRET_FIELDS)


def rotate_secret(endpoint: WebhookEndpoint, *, now: datetime | None = None) -> datetime:
    """Give the endpoint a new signing secret; the one it had keeps signing beside it for
    ``CLAIMDESK_WEBHOOK_ROTATION_HOURS`` (24 by default), the receiver's time to switch.
    Returns when the old one stops signing."""
    now = now or timezone.now()
    until = now + timedelta(hours=float(settings.CLAIMDESK_WEBHOOK_ROTATION_HOURS))
    endpoint.previous_secret, endpoint.previous_secret_until = endpoint.secret, until
    endpoint.secret = new_webhook_secret()
    endpoint.save(update_fields=SECRET_FIELDS)
    return until


def retry_due(*, limit: int = 500) -> int:
    """Send the deliveries whose time has come (retries, and attempts of lost workers)."""
    ids = list(
        WebhookDelivery.objects.due(timezone.now())
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
    hand_over(ids)
    return len(ids)


def resend(delivery: WebhookDelivery) -> bool:
    """Send a failed delivery again (same ``webhook-id`` and body, a fresh signature and
    attempts); False when it had not failed."""
    updated = WebhookDelivery.objects.filter(pk=delivery.pk, state=State.FAILED).update(
        state=State.PENDING, attempts=0, next_attempt_at=timezone.now(), error_code=""
    )
    if updated:
        hand_over([delivery.pk])
    return bool(updated)


@shared_task(name="claims.tasks.deliver_webhook_task", ignore_result=True)
def deliver_webhook_task(delivery_id: int) -> str:
    return deliver(delivery_id)


@shared_task(name="claims.tasks.retry_webhooks_task", ignore_result=True)
def retry_webhooks_task() -> int:
    """Send the deliveries that came due (celery beat, every minute)."""
    return retry_due()
